// test.mjs — `npm test`: set up the machine, then build and run every suite:
//   1. C tests natively under ASan+UBSan (ctest, build-native/), then the model file
//      parser under libFuzzer for 60 s (scripts/fuzz.mjs)
//   2. the wasm modules and the C tests compiled to wasm, SIMD and scalar (ctest, build-wasm/)
//   3. the JS suite (node --test tests/js/) against the SIMD build, then the scalar build
//   4. the browser suite (node --test tests/browser/) in Debian's Chromium
import { existsSync } from 'node:fs';
import { buildWasm, run } from './build.mjs';
import { fuzz } from './fuzz.mjs';
import { setup } from './setup.mjs';

const step = (title) => console.log(`\n=== ${title} ===`);

setup({ browser: true });

step('native C tests (ASan+UBSan)');
run('cmake', ['-S', '.', '-B', 'build-native', '-DCMAKE_BUILD_TYPE=Debug', '--log-level=WARNING']);
run('cmake', ['--build', 'build-native', '-j2']);
run('ctest', ['--test-dir', 'build-native', '--output-on-failure']);

step('model file parser under libFuzzer (60 s, ASan+UBSan)');
fuzz({ seconds: 60 });

step('wasm modules and C tests in wasm (SIMD and scalar)');
buildWasm({ all: true });
run('ctest', ['--test-dir', 'build-wasm', '--output-on-failure', '-j2']);

for (const simd of ['1', '0']) {
  step(`JS tests, ${simd === '1' ? 'SIMD' : 'scalar'} build`);
  run('node', ['--test', 'tests/js/'], { env: { ...process.env, SIMDTRAIN_SIMD: simd } });
}

if (existsSync('tests/browser')) {
  step('browser tests (Chromium)');
  run('node', ['--test', 'tests/browser/']);
}
console.log('\nall test suites passed');
