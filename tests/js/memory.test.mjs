// memory.test.mjs — creating, training and disposing 1,000 models leaves the core's heap
// in use (bytes counted by its allocator, src/memory.c) where it was after the first, and
// the wasm memory does not keep growing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, optimizers, sequential } from '../../src/js/index.mjs';
import { heapBytesInUse, memoryBytes } from '../../src/js/bridge.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();
const heapInUse = () => heapBytesInUse();

const x = new Float32Array(64 * 4).map((_, i) => Math.sin(i));
const y = new Float32Array(64).map((_, i) => (i % 3 === 0 ? 1 : 0));

async function cycle(i) {
  const model = sequential({ seed: i, layers: [
    layers.dense({ units: 16, inputShape: [4], activation: 'relu' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ]});
  model.compile({ optimizer: i % 2 ? 'sgd' : optimizers.sgd({ momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { verbose: 0, epochs: 2, batchSize: 16, validationSplit: 0.25 });
  model.predict(x);
  model.evaluate(x, y);
  model.trainOnBatch(x, y);
  model.computeGradients(x, y);
  model.dispose();
}

test('1,000 create/train/dispose cycles leave the heap in use where it was after the first', async () => {
  const start = heapInUse();
  await cycle(0);
  const afterFirst = heapInUse();
  const memoryAfterFirst = memoryBytes();
  for (let i = 1; i < 1000; i++) await cycle(i);
  assert.equal(heapInUse(), afterFirst, `heap in use went from ${afterFirst} to ${heapInUse()} bytes`);
  assert.equal(afterFirst, start, 'the first cycle itself left bytes allocated');
  assert.ok(memoryBytes() <= memoryAfterFirst + (1 << 20), `wasm memory grew from ${memoryAfterFirst} to ${memoryBytes()}`);
});
