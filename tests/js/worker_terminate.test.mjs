// worker_terminate.test.mjs — issue 10 finding 5 in Node: remote.terminate() and
// remote.worker.terminate() during a fit reject the fit and every later call, naming the call
// (the browser side is tests/browser/worker_terminate.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, workerSequential } from '../../src/js/index.mjs';
import { wantSimd } from './helpers/build.mjs';

const n = 4096;
const x = new Float32Array(2 * n).map((_, i) => (i * 7919) % 13 / 13), y = new Float32Array(n).map((_, i) => i % 2);

async function fitting() {
  const remote = await workerSequential({ seed: 1, layers: [layers.dense({ units: 32, inputShape: [2], activation: 'relu' }),
    layers.dense({ units: 1, activation: 'sigmoid' })] }, { simd: wantSimd });
  await remote.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  await remote.pause(); // the fit starts paused: it is surely running when terminated
  const fit = remote.fit(x, y, { epochs: 1000, batchSize: 1, verbose: 0 });
  fit.catch(() => {});
  await remote.state();
  return { remote, fit };
}

for (const how of ['remote.terminate()', 'remote.worker.terminate()']) {
  test(`${how} during fit rejects the fit, a pending call and every later call`, async () => {
    const { remote, fit } = await fitting();
    const pending = remote.getWeights();
    pending.catch(() => {});
    if (how === 'remote.terminate()') await remote.terminate();
    else await remote.worker.terminate();
    await assert.rejects(fit, /^Error: fit: /);
    await assert.rejects(pending, /^Error: getWeights: /);
    await assert.rejects(remote.predict([[0, 1]]), /^Error: predict: /);
    await assert.rejects(remote.fit(x, y), /^Error: fit: /);
    await remote.dispose();
  });
}
