// soak.test.mjs — leaks and long runs, with the core's heap in use (bytes counted by
// its allocator, src/memory.c) checked flat:
//   1. 10,000 cycles of create (2-4-1 + dropout) / compile / fit (1 epoch, 8 samples,
//      batch 4) / save / loadModel / predict / dispose both;
//   2. 1,000,000 training steps of a 2-4-1 model via fit (1,000 samples, batchSize 1,
//      1,000 epochs), heap sampled at every epoch end.
// Each takes well under a minute on the 2-core CI machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, loadModel, optimizers, sequential } from '../../src/js/index.mjs';
import { heapBytesInUse, memoryBytes } from '../../src/js/bridge.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();
const heapInUse = () => heapBytesInUse();

test('10,000 create/train/save/load/dispose cycles keep the heap flat', { timeout: 120000 }, async () => {
  const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1, 0.5, 0.5, 0.2, 0.8, 0.9, 0.1, 0.3, 0.3]);
  const y = new Float32Array([0, 1, 1, 0, 0, 1, 1, 0]);
  const cycle = async (i) => {
    const model = sequential({ seed: i, layers: [layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }),
      layers.dropout({ rate: 0.1 }), layers.dense({ units: 1, activation: 'sigmoid' })] });
    model.compile({ optimizer: i % 2 ? optimizers.adam({ learningRate: 0.01 }) : 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    await model.fit(x, y, { verbose: 0, epochs: 1, batchSize: 4 });
    const file = model.save({ includeOptimizer: i % 3 !== 0 });
    const copy = loadModel(file);
    copy.predict(x);
    copy.trainOnBatch(x, y);
    model.dispose();
    copy.dispose();
  };
  const start = heapInUse();
  await cycle(0);
  const memory = memoryBytes();
  for (let i = 1; i < 10000; i++) await cycle(i);
  assert.equal(heapInUse(), start, `heap in use went from ${start} to ${heapInUse()} bytes`);
  assert.ok(memoryBytes() <= memory + (1 << 20), `wasm memory grew from ${memory} to ${memoryBytes()}`);
});

test('1,000,000 training steps (2-4-1, batch 1) keep the heap flat', { timeout: 120000 }, async () => {
  const rows = 1000;
  const x = new Float32Array(rows * 2).map((_, i) => ((i * 7919) % 1000) / 1000);
  const y = new Float32Array(rows).map((_, i) => ((x[2 * i] > 0.5) !== (x[2 * i + 1] > 0.5) ? 1 : 0));
  const model = sequential({ seed: 3, layers: [layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.01, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { verbose: 0, epochs: 1, batchSize: 1 }); // workspace and slots exist from here on
  const start = heapInUse();
  const samples = [];
  const history = await model.fit(x, y, { verbose: 0, epochs: 1000, batchSize: 1, shuffle: true, onEpochEnd: () => { samples.push(heapInUse()); } });
  assert.equal(model.optimizer.iterations, 1001 * rows);
  assert.equal(history.history.loss.length, 1000);
  assert.ok(history.history.loss.every(Number.isFinite));
  assert.ok(samples.every((s) => s === samples[0]), `heap in use changed during training: ${Math.min(...samples)}..${Math.max(...samples)}`);
  model.dispose();
  assert.ok(heapInUse() < start, 'dispose frees the model');
});
