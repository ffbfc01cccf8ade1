// build.mjs — builds the two wasm modules (SIMD and scalar) into src/js/wasm/ with
// CMake under emcmake; incremental, so it is cheap when nothing changed.
// `node scripts/build.mjs --all` also builds the C tests compiled to wasm.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDigits } from './digits.mjs';
import { setup } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' }; // acorn for emcc (docs/toolchain.md §1)
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env, ...options });
  if (result.status !== 0) {
    console.error(`build: ${command} ${args.join(' ')} failed with status ${result.status}`);
    process.exit(result.status || 1);
  }
}

export function buildWasm({ all = false } = {}) {
  run('emcmake', ['cmake', '-S', '.', '-B', 'build-wasm', '-DCMAKE_BUILD_TYPE=Release',
    '-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node', '--log-level=WARNING']);
  const targets = all ? [] : ['--target', 'simdtrain_simd', 'simdtrain_scalar'];
  run('cmake', ['--build', 'build-wasm', '-j2', ...targets]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  setup({ browser: false });
  buildWasm({ all: process.argv.includes('--all') });
  ensureDigits(); // build-data/digits.bin for examples/mnist.mjs and the site
}
