// serve.mjs — a small static server for the site on 127.0.0.1, laid out as
// scripts/site_files.mjs says (the same layout `npm run build:site` writes), with correct
// MIME types (application/wasm for streaming compilation). Prints the URL.
// Usage: node scripts/serve.mjs [--port N]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOUNTS } from './site_files.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

function resolve(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(urlPath.slice(prefix.length))));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) return resolve(`${urlPath.replace(/\/?$/, '/')}index.html`, mounts);
      return file;
    } catch {
      return null;
    }
  }
  return null;
}

/** Start serving; resolves to { server, url }. port 0 picks a free port. */
export function serve({ port = 0, mounts = MOUNTS } = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    const file = resolve(path, mounts);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => {
    done({ server, url: `http://127.0.0.1:${server.address().port}/` });
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : Number(process.env.PORT ?? 8080);
  const { url } = await serve({ port });
  console.log(`simdtrain site: ${url}`);
}
