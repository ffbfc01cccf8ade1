// api.test.mjs — the JS contract of shared/design.md: init, sequential, compile, fit and its
// History and callbacks, predict, evaluate, trainOnBatch, computeGradients, weights,
// summary, dispose. Expected values come from the contract itself or from independent
// arithmetic written in the test (e.g. an SGD step computed here from computeGradients).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { ticksDuringFits } from './helpers/ticks.mjs';

const info = await initBuild();
const xorX = [[0, 0], [0, 1], [1, 0], [1, 1]];
const xorY = [[0], [1], [1], [0]];

function xorModel(seed = 1) {
  const model = sequential({ seed, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ]});
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

test('init reports the build and the version', async () => {
  assert.equal(info.simd, process.env.SIMDTRAIN_SIMD !== '0');
  assert.match(info.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(await initBuild(), info, 'init is idempotent');
});

test('fit returns a History with one value per epoch and calls the callbacks in order', async () => {
  const model = xorModel();
  const seen = [];
  const history = await model.fit(xorX, xorY, { verbose: 0, epochs: 3, batchSize: 3,
    onBatchEnd: (batch, logs) => seen.push(['batch', batch, logs.loss]),
    onEpochEnd: (epoch, logs) => seen.push(['epoch', epoch, logs.loss]) });
  assert.deepEqual(history.epoch, [0, 1, 2]);
  assert.equal(history.history.loss.length, 3);
  assert.equal(history.history.accuracy.length, 3);
  // 4 samples in batches of 3: two batches per epoch (the last one partial, as in Keras).
  assert.deepEqual(seen.map(([kind, i]) => `${kind}${i}`), ['batch0', 'batch1', 'epoch0', 'batch0', 'batch1', 'epoch1', 'batch0', 'batch1', 'epoch2']);
  // The epoch loss is the running mean at the epoch's last batch.
  assert.equal(seen[2][2], seen[1][2]);
  assert.equal(history.history.loss[0], seen[2][2]);
  model.dispose();
});

test('XOR trains to 100% and the epoch loss falls', async () => {
  const model = xorModel();
  const history = await model.fit(xorX, xorY, { verbose: 0, epochs: 300, batchSize: 4 });
  const { loss, accuracy } = model.evaluate(xorX, xorY);
  assert.equal(accuracy, 1);
  assert.ok(loss < 0.05, `loss ${loss}`);
  assert.ok(history.history.loss.at(-1) < history.history.loss[0] / 5);
  const p = model.predict(xorX);
  assert.ok(p instanceof Float32Array && p.length === 4);
  assert.deepEqual(Array.from(p, (v) => Math.round(v)), [0, 1, 1, 0]);
  model.dispose();
});

test('the same seed, data and options give bit-identical weights; another seed does not', async () => {
  const run = async (seed) => {
    const model = xorModel(seed);
    await model.fit(xorX, xorY, { verbose: 0, epochs: 20, batchSize: 2, shuffle: true });
    const w = model.getWeights().map((x) => Array.from(x.values));
    model.dispose();
    return w;
  };
  assert.deepEqual(await run(5), await run(5));
  assert.notDeepEqual(await run(5), await run(6));
});

test('trainOnBatch with plain SGD moves each weight by -lr * its gradient', () => {
  const model = sequential({ seed: 2, layers: [layers.dense({ units: 3, inputShape: [4], activation: 'relu' }), layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'categoricalCrossentropy' });
  const x = [[1, -2, 0.5, 3], [0.1, 0.2, -0.3, 1]];
  const y = [[1, 0], [0, 1]];
  const before = model.getWeights();
  const { loss, grads } = model.computeGradients(x, y);
  const batchLoss = model.trainOnBatch(x, y);
  assert.equal(batchLoss, loss, 'trainOnBatch returns the loss before its step');
  model.getWeights().forEach((w, i) => {
    w.values.forEach((v, j) => {
      const want = Math.fround(before[i].values[j] - Math.fround(0.1 * grads[i][j]));
      assert.ok(Math.abs(v - want) <= 1e-7 * Math.max(1, Math.abs(want)), `${w.name}[${j}]: ${v} vs ${want}`);
    });
  });
  model.dispose();
});

test('getWeights follows Keras naming, shapes and order; setWeights round-trips', () => {
  const model = sequential({ layers: [
    layers.dense({ units: 3, inputShape: [2] }),
    layers.activation({ activation: 'relu' }),
    layers.dense({ units: 1, useBias: false }),
  ]});
  const w = model.getWeights();
  assert.deepEqual(w.map(({ name, shape, trainable }) => [name, shape, trainable]), [
    ['dense/kernel', [2, 3], true], ['dense/bias', [3], true], ['dense_1/kernel', [3, 1], true]]);
  assert.deepEqual(Array.from(w[1].values), [0, 0, 0], 'Keras bias initializer is zeros');
  const values = w.map((x) => x.values.map((_, i) => i + 0.5));
  model.setWeights(values);
  assert.deepEqual(model.getWeights().map((x) => Array.from(x.values)), values.map((v) => Array.from(v)));
  model.setWeights(w); // objects are accepted too
  assert.deepEqual(model.getWeights()[0].values, w[0].values);
  // A hand-computed forward pass: relu(x·K + b)·K2.
  model.setWeights([new Float32Array([1, -1, 2, 0.5, 0.5, -3]), new Float32Array([0, 1, 0]), new Float32Array([1, 2, 3])]);
  const out = model.predict([[2, 1]]);
  // x·K = [2*1 + 1*0.5, 2*-1 + 1*0.5, 2*2 + 1*-3] = [2.5, -1.5, 1]; + b = [2.5, -0.5, 1]; relu → [2.5, 0, 1]
  assert.equal(out[0], 2.5 * 1 + 0 * 2 + 1 * 3);
  model.dispose();
});

test('validationSplit takes the last samples, validationData is evaluated each epoch', async () => {
  const x = Array.from({ length: 10 }, (_, i) => [i / 10, 1 - i / 10]);
  const y = x.map(([a]) => [a > 0.45 ? 1 : 0]);
  const model = sequential({ seed: 4, layers: [layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const h = await model.fit(x, y, { verbose: 0, epochs: 2, validationSplit: 0.2, shuffle: false });
  assert.equal(h.history.val_loss.length, 2);
  const after = model.evaluate(x.slice(8), y.slice(8));
  assert.ok(Math.abs(h.history.val_loss[1] - after.loss) < 1e-6, 'val_loss is the loss on the last 20% at epoch end');
  const h2 = await model.fit(x, y, { verbose: 0, epochs: 1, validationData: [x.slice(0, 3), y.slice(0, 3)] });
  assert.ok(Math.abs(h2.history.val_loss[0] - model.evaluate(x.slice(0, 3), y.slice(0, 3)).loss) < 1e-6);
  assert.equal(typeof h2.history.val_accuracy[0], 'number');
  model.dispose();
});

test('flat Float32Array data, sparse labels, losses objects and fromLogits', async () => {
  const model = sequential({ seed: 9, layers: [layers.dense({ units: 3, inputShape: [2] })] });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5 }), loss: losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  const x = new Float32Array([1, 0, 0, 1, -1, -1]);
  const y = new Int32Array([0, 1, 2]);
  await model.fit(x, y, { verbose: 0, epochs: 100, batchSize: 3 });
  assert.equal(model.evaluate(x, y).accuracy, 1);
  model.dispose();
});

test('stopTraining set in a callback ends fit after that epoch', async () => {
  const model = xorModel();
  const h = await model.fit(xorX, xorY, { verbose: 0, epochs: 50, onEpochEnd(epoch) { if (epoch === 2) model.stopTraining = true; } });
  assert.equal(h.epoch.length, 3);
  model.dispose();
});

test('fit yields to the event loop between chunks of batches: timers keep running', async () => {
  const model = sequential({ seed: 1, layers: [layers.dense({ units: 64, inputShape: [64], activation: 'relu' }), layers.dense({ units: 1 })] });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = new Float32Array(64 * 4096).map((_, i) => Math.sin(i));
  const y = new Float32Array(4096).map((_, i) => Math.cos(i));
  // A fit that did not yield would let no tick through however often it is repeated.
  const { ticks, rounds } = await ticksDuringFits(() => model.fit(x, y, { verbose: 0, epochs: 5, batchSize: 8 }), { minTicks: 5 });
  assert.ok(ticks >= 5, `timers ran ${ticks} times during ${rounds} fits`);
  model.dispose();
});

test('fit with many tiny epochs still yields to the event loop', async () => {
  const model = xorModel();
  const { ticks, rounds } = await ticksDuringFits(() => model.fit(xorX, xorY, { verbose: 0, epochs: 20000, batchSize: 4 }), { minTicks: 3 });
  assert.ok(ticks >= 3, `timers ran ${ticks} times during ${rounds} fits of 20,000 one-batch epochs`);
  model.dispose();
});

test('summary prints the layers, output shapes and parameter counts through printFn, and returns them', () => {
  const model = sequential({ layers: [layers.dense({ units: 8, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })] });
  const printed = [];
  const s = model.summary({ printFn: (line) => printed.push(line) });
  assert.deepEqual(printed, s.split('\n'));
  assert.equal(model.summary({ printFn: null }), s);
  assert.throws(() => model.summary({ printFn: 'console' }), /^Error: summary: printFn must be a function \(line\) => void, or null, got "console"/);
  assert.match(s, /dense \(Dense\)\s+\(None, 8\)\s+24/);
  assert.match(s, /dense_1 \(Dense\)\s+\(None, 1\)\s+9/);
  assert.match(s, /Total params: 33/);
  model.dispose();
});

test('optimizer.step on Float32Arrays follows Keras SGD with momentum', () => {
  const opt = optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
  const w = new Float32Array([1, -2]);
  let m = [0, 0];
  const want = [1, -2];
  for (let t = 0; t < 5; t++) {
    const g = new Float32Array([2 * w[0], 4 * w[1]]);
    // Keras sgd.py, float64: m = momentum*m - lr*g; w += momentum*m - lr*g
    m = m.map((mi, i) => 0.9 * mi - 0.1 * g[i]);
    for (let i = 0; i < 2; i++) want[i] = w[i] + 0.9 * m[i] - 0.1 * g[i];
    opt.step(w, g);
    for (let i = 0; i < 2; i++) assert.ok(Math.abs(w[i] - want[i]) < 1e-6, `step ${t}, w[${i}] ${w[i]} vs ${want[i]}`);
  }
  assert.equal(opt.iterations, 5);
  opt.learningRate = 0.01;
  assert.equal(opt.learningRate, 0.01);
  opt.dispose();
});
