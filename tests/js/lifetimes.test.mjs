// lifetimes.test.mjs — issue 10's lifetime findings, each a test: an optimizer compiled twice
// into the same model stays alive and keeps its state; one that trained a model of another
// shape is refused at compile; dispose() from inside onBatchEnd or onEpochEnd rejects the fit
// with the documented error (never a TypeError); names are looked up as own properties only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const Y = [[0], [1], [1], [0]];
const xor = () => sequential({ seed: 2, layers: [layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }),
  layers.dense({ units: 1, activation: 'sigmoid' })] });

test('compiling twice with the same optimizer keeps it alive, with its iterations and settings', async () => {
  const model = xor();
  const opt = optimizers.sgd({ learningRate: 0.1, momentum: 0.9 });
  model.compile({ optimizer: opt, loss: 'binaryCrossentropy' });
  await model.fit(X, Y, { verbose: 0, epochs: 2, batchSize: 2 });
  model.compile({ optimizer: opt, loss: 'binaryCrossentropy' });
  assert.equal(opt.iterations, 4);
  await model.fit(X, Y, { verbose: 0, epochs: 1, batchSize: 2 });
  assert.equal(opt.iterations, 6);
  opt.learningRate = 0.05;
  assert.equal(opt.currentLearningRate, 0.05);
  model.dispose();
});

test('an optimizer that trained a model of another shape is refused at compile', async () => {
  const a = xor();
  const opt = optimizers.adam();
  a.compile({ optimizer: opt, loss: 'mse' });
  await a.fit(X, Y, { verbose: 0, epochs: 1 });
  const b = sequential({ layers: [layers.dense({ units: 3, inputShape: [2] })] });
  assert.throws(() => b.compile({ optimizer: opt, loss: 'mse' }),
    /^Error: compile: optimizer holds state for weights of sizes \[8,4,4,1\] .* this model's trainable weights have sizes \[6,3\]/);
  a.dispose();
  b.dispose();
});

for (const hook of ['onBatchEnd', 'onEpochEnd']) {
  test(`dispose() inside ${hook} rejects the fit with the documented error`, async () => {
    const model = xor();
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['accuracy'] });
    await assert.rejects(model.fit(X, Y, { verbose: 0, epochs: 3, batchSize: 1, [hook]: () => model.dispose() }),
      /^Error: fit: the model was disposed; create a new one$/);
  });
}

test("names are own properties only: 'constructor' is no optimizer or loss, inherited options are not read", () => {
  const model = xor();
  assert.throws(() => model.compile({ optimizer: 'constructor', loss: 'mse' }), /compile: optimizer must be one of 'sgd'/);
  assert.throws(() => model.compile({ optimizer: 'sgd', loss: { name: 'constructor', fromLogits: false } }), /compile: loss must be one of/);
  const inherited = Object.create({ units: 3 });
  assert.throws(() => layers.dense(inherited), /layers\.dense: units must be an integer/);
  model.dispose();
});

test('layers from getConfig() build the same model; hand-made descriptions are checked', () => {
  const a = xor();
  const b = sequential(a.getConfig());
  assert.deepEqual(b.getWeights().map((w) => Array.from(w.values)), a.getWeights().map((w) => Array.from(w.values)));
  for (const units of [2 ** 32 + 1, 2.7, '3']) {
    assert.throws(() => sequential({ layers: [{ className: 'Dense', config: { units, inputShape: [2] } }] }), /units must be an integer/);
  }
  a.dispose();
  b.dispose();
});

test('integers that would wrap at the int32 boundary are refused, never truncated', async () => {
  const model = xor();
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  for (const batchSize of [2 ** 31, 2 ** 32 + 1, 2 ** 32 - 1]) {
    await assert.rejects(model.fit(X, Y, { verbose: 0, batchSize }), /fit: batchSize must be an integer in \[1, 2147483647\]/);
    assert.throws(() => model.evaluate(X, Y, { batchSize }), /evaluate: batchSize must be an integer in \[1, 2147483647\]/);
  }
  await assert.rejects(model.fit(X, Y, { verbose: 0, epochs: 2 ** 32 + 1 }), /fit: epochs must be an integer in \[0, 2147483647\]/);
  assert.equal(model.optimizer.iterations, 0);
  model.dispose();
});

test('gradientStats() keeps the last training step\'s batch-norm statistics after a predict (issue 10 finding 10)', () => {
  const model = sequential({ seed: 3, layers: [layers.dense({ units: 3, inputShape: [2] }), layers.batchNormalization(), layers.dense({ units: 1 })] });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  model.trainOnBatch(X, Y);
  const before = model.gradientStats()[1];
  model.predict([[100, -100], [50, 3], [7, 7]], { training: true });
  model.predict([[1, 2]]);
  const after = model.gradientStats()[1];
  assert.deepEqual(Array.from(after.batchMean), Array.from(before.batchMean));
  assert.deepEqual(Array.from(after.batchVariance), Array.from(before.batchVariance));
  assert.ok(before.batchVariance.some((v) => v > 0));
  model.dispose();
});
