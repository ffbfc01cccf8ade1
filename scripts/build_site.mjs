// build_site.mjs — `npm run build:site`: builds the wasm if needed and writes site/, a folder
// that any static host can serve as is (relative paths only): the pages (with the shared
// head), the library at lib/simdtrain/ and the vendored front-end modules at vendor/ (their
// bare imports made relative), as scripts/site_files.mjs describes. The host should send
// SECURITY_HEADERS (strict CSP, nosniff) as the dev server does; the site needs no more.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildWasm } from './build.mjs';
import { ensureDigits } from './digits.mjs';
import { setup } from './setup.mjs';
import { MOUNTS, root, transform, transforms } from './site_files.mjs';

setup({ browser: false });
buildWasm();
ensureDigits();
const out = join(root, 'site');
rmSync(out, { recursive: true, force: true });
for (const [prefix, dir] of MOUNTS) {
  if (!existsSync(dir)) throw new Error(`build:site: ${dir} is missing (run npm ci)`);
  // Types and the browser-test pages (web/test/) are not part of the deployed site.
  const skip = (src) => src.endsWith('.d.ts') || src === join(root, 'web', 'test');
  cpSync(dir, join(out, prefix), { recursive: true, filter: (src) => !skip(src) });
}
for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath ?? entry.path, entry.name);
  const urlPath = `/${relative(out, file).split(sep).join('/')}`;
  if (!transforms(urlPath)) continue;
  const changed = transform(urlPath, readFileSync(file, 'utf8'));
  if (changed !== null) writeFileSync(file, changed);
}
console.log(`build:site: wrote ${out}`);
