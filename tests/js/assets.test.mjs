// assets.test.mjs — init({ wasmUrl, workerUrl }) for bundlers that move the package's assets:
// the wasm files are read from where wasmUrl says (here: a copy in a temporary folder, the
// package's own files out of reach), and a worker model is started from workerUrl and loads
// its wasm from the same place. Each case runs in a child process: init is once per realm.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const wantSimd = process.env.SIMDTRAIN_SIMD !== '0';

test('wasm files and the worker module found where init({ wasmUrl, workerUrl }) says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simdtrain-assets-'));
  try {
    const file = wantSimd ? 'simdtrain_simd.wasm' : 'simdtrain_scalar.wasm';
    copyFileSync(join(root, 'src/js/wasm', file), join(dir, `moved-${file}`));
    const script = `
      import { init, layers, sequential, workerSequential } from ${JSON.stringify(pathToFileURL(join(root, 'src/js/index.mjs')).href)};
      const seen = [];
      const base = ${JSON.stringify(pathToFileURL(dir).href)} + '/moved-';
      const info = await init({ simd: ${wantSimd}, wasmUrl: (f) => { seen.push(f); return base + f; },
        workerUrl: ${JSON.stringify(pathToFileURL(join(root, 'src/js/worker_host.mjs')).href)} });
      const m = sequential({ seed: 1, layers: [layers.dense({ units: 1, inputShape: [2] })] });
      const remote = await workerSequential({ seed: 1, layers: [layers.dense({ units: 1, inputShape: [2] })] }, { simd: ${wantSimd} });
      const same = Array.from(await remote.predict([[1, 2]]))[0] === Array.from(m.predict([[1, 2]]))[0];
      await remote.dispose();
      console.log(JSON.stringify({ simd: info.simd, seen: [...new Set(seen)], same }));`;
    writeFileSync(join(dir, 'app.mjs'), script); // a file, not -e: workers inherit the parent's flags
    const out = JSON.parse(execFileSync(process.execPath, [join(dir, 'app.mjs')], { encoding: 'utf8' }));
    assert.equal(out.simd, wantSimd);
    assert.ok(out.seen.includes(file), JSON.stringify(out));
    assert.equal(out.same, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A relative wasmUrl is resolved once, in init (against the page; in Node the current
// directory), and workers get the absolute URL: a worker resolving it against its own
// script's folder looked in the wrong place (found by tests/browser/bundlers.test.mjs,
// esbuild iife recipe: 'wasm/x.wasm' from a worker bundle in workers/ → workers/wasm/x.wasm).
test('a relative wasmUrl is handed to workers resolved, not relative to the worker script', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simdtrain-assets-'));
  try {
    const file = wantSimd ? 'simdtrain_simd.wasm' : 'simdtrain_scalar.wasm';
    copyFileSync(join(root, 'src/js/wasm', file), join(dir, `moved-${file}`));
    const script = `
      import { init } from ${JSON.stringify(pathToFileURL(join(root, 'src/js/index.mjs')).href)};
      import { assetLocations } from ${JSON.stringify(pathToFileURL(join(root, 'src/js/bridge.mjs')).href)};
      await init({ simd: ${wantSimd}, wasmUrl: (f) => 'moved-' + f });
      console.log(JSON.stringify(assetLocations().wasmUrls));`;
    writeFileSync(join(dir, 'app.mjs'), script);
    const out = JSON.parse(execFileSync(process.execPath, [join(dir, 'app.mjs')], { cwd: dir, encoding: 'utf8' }));
    assert.equal(out[file], pathToFileURL(join(dir, `moved-${file}`)).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
