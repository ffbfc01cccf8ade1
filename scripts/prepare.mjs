// prepare.mjs — npm's `prepare` step: runs when simdtrain is installed from a git URL or
// packed from a checkout. The wasm core is not in git (it is built), so this builds it when
// Emscripten is here, and otherwise stops the install with a message saying what to run,
// instead of leaving a package whose init() cannot find its wasm files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = ['simdtrain_simd.wasm', 'simdtrain_scalar.wasm'].map((f) => join(root, 'src/js/wasm', f));
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

if (has('emcmake') && has('cmake')) {
  const { buildWasm } = await import('./build.mjs');
  buildWasm();
} else if (!wasm.every(existsSync)) {
  console.error(`simdtrain: the WebAssembly core is not built in ${root}, and Emscripten is not installed to build it.
  This happens when simdtrain is installed from a git URL or a folder instead of the npm registry.
  Either install the published package (npm install simdtrain), or install Emscripten and CMake
  (Debian: apt-get install emscripten cmake) and run \`npm run build\` in ${root}.`);
  process.exit(1);
}
