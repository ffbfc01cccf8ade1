// serve.mjs — a small static server for the site on 127.0.0.1, laid out as
// scripts/site_files.mjs says (the same layout and transforms `npm run build:site` writes),
// with correct MIME types (application/wasm for streaming compilation) and the site's
// security headers (strict CSP, nosniff) on every response. A URL that does not decode
// gets 400, a missing file 404; neither stops the server. Prints the URL.
// Usage: node scripts/serve.mjs [--port N]
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOUNTS, SECURITY_HEADERS, transform, transforms } from './site_files.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** The file for a decoded URL path and the URL path it was found at, or null. */
function resolve(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = normalize(join(dir, urlPath.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) return resolve(`${urlPath.replace(/\/?$/, '/')}index.html`, mounts);
      return { file, urlPath };
    } catch {
      return null;
    }
  }
  return null;
}

/** The decoded path of a request URL, or null when it is malformed (bad %-escapes, NUL). */
function decodedPath(url) {
  try {
    const path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

function handle(req, res, mounts) {
  const text = (status, body) => res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
  const path = decodedPath(req.url);
  if (path === null) return text(400, 'bad request: malformed URL');
  const found = resolve(path, mounts);
  if (!found) return text(404, 'not found');
  const headers = { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(found.file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache' };
  if (transforms(found.urlPath)) {
    const source = readFileSync(found.file, 'utf8');
    return res.writeHead(200, headers).end(transform(found.urlPath, source) ?? source);
  }
  res.writeHead(200, headers);
  createReadStream(found.file).on('error', () => res.destroy()).pipe(res);
}

/** Start serving; resolves to { server, url }. port 0 picks a free port. */
export function serve({ port = 0, mounts = MOUNTS } = {}) {
  const server = createServer((req, res) => {
    try {
      handle(req, res, mounts);
    } catch (error) {
      // Whatever goes wrong with one request, the server keeps serving the others.
      if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`server error: ${error.message}`);
    }
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
