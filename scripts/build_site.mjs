// build_site.mjs — `npm run build:site`: builds the wasm if needed and writes site/, a folder
// that any static host can serve as is (relative paths only): the pages, the library at
// lib/simdtrain/ and the vendored front-end modules at vendor/.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWasm } from './build.mjs';
import { setup } from './setup.mjs';
import { MOUNTS, root } from './site_files.mjs';

setup({ browser: false });
buildWasm();
const out = join(root, 'site');
rmSync(out, { recursive: true, force: true });
for (const [prefix, dir] of MOUNTS) {
  if (!existsSync(dir)) throw new Error(`build:site: ${dir} is missing (run npm ci)`);
  // Types and the browser-test pages (web/test/) are not part of the deployed site.
  const skip = (src) => src.endsWith('.d.ts') || src === join(root, 'web', 'test');
  cpSync(dir, join(out, prefix), { recursive: true, filter: (src) => !skip(src) });
}
console.log(`build:site: wrote ${out}`);
