// determinism.test.mjs — the same training (seed, data, dropout, shuffling, Adam with
// clipping) in Chromium with the SIMD build and in this Node process with the SIMD build
// saves byte-identical model files: the weights section, and the whole file (config,
// random generator states, optimizer state) too; and a model saved in Node, loaded in
// Chromium and trained further matches the same continuation in Node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBrowser } from './helpers.mjs';

// Runs both in Node and (serialised by playwright) in the page; only uses its arguments.
async function train({ libUrl, fileBytes }) {
  const { init, layers, loadModel, optimizers, sequential } = await import(libUrl);
  await init({ simd: true });
  // Data from integer arithmetic only, so no Math.* differences between engines can enter.
  const rows = 64;
  const x = new Float32Array(rows * 3);
  let h = 12345;
  for (let i = 0; i < x.length; i++) {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
    x[i] = ((h >>> 8) % 2001) / 1000 - 1;
  }
  const y = new Float32Array(rows).map((_, i) => (x[3 * i] * x[3 * i + 1] > x[3 * i + 2] / 4 ? 1 : 0));
  let model;
  if (fileBytes) {
    model = loadModel(new Uint8Array(fileBytes));
  } else {
    model = sequential({ seed: 2024, layers: [
      layers.dense({ units: 16, inputShape: [3], activation: 'relu', kernelInitializer: 'heNormal' }),
      layers.batchNormalization({ momentum: 0.9 }),
      layers.dropout({ rate: 0.25 }),
      layers.dense({ units: 8, activation: 'tanh' }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    model.compile({ optimizer: optimizers.adam({ learningRate: 0.01, clipNorm: 1 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  }
  await model.fit(x, y, { epochs: 15, batchSize: 8, shuffle: true });
  const file = model.save();
  model.dispose();
  return Array.from(file);
}

function weightsSection(file) {
  const bytes = Uint8Array.from(file);
  const view = new DataView(bytes.buffer);
  for (let at = 12; at < bytes.length - 4;) {
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    const length = view.getUint32(at + 4, true);
    if (tag === 'WGHT') return Buffer.from(bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  throw new Error('no WGHT section');
}

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('Chromium (SIMD) and Node (SIMD) save identical model files after the same training', { timeout: 120000 }, async () => {
  const nodeLib = new URL('../../src/js/index.mjs', import.meta.url).href;
  const inNode = await train({ libUrl: nodeLib });
  const { page } = await browser.open('index.html'); // any page of the server's origin
  const libUrl = new URL('lib/simdtrain/index.mjs', browser.url).href;
  const simd = await page.evaluate(async (url) => (await (await import(url)).init({ simd: true })).simd, libUrl);
  assert.equal(simd, true, 'Chromium runs the SIMD build');
  const inBrowser = await page.evaluate(train, { libUrl });
  assert.ok(weightsSection(inNode).length > 1000);
  assert.deepEqual(weightsSection(inBrowser), weightsSection(inNode), 'weights bytes differ between Chromium and Node');
  assert.deepEqual(Buffer.from(inBrowser), Buffer.from(inNode), 'model files differ between Chromium and Node');
  // continue in both from the Node file
  const continuedNode = await train({ libUrl: nodeLib, fileBytes: inNode });
  const continuedBrowser = await page.evaluate(train, { libUrl, fileBytes: inNode });
  assert.deepEqual(Buffer.from(continuedBrowser), Buffer.from(continuedNode), 'continued training differs');
  assert.notDeepEqual(Buffer.from(continuedNode), Buffer.from(inNode));
});
