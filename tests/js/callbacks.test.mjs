// callbacks.test.mjs — fit's callbacks and verbose output against Keras 3: the scenarios of
// keras/src/callbacks/early_stopping_test.py and reduce_lr_on_plateau_test.py transcribed
// (same monitored values, same expected epochs and learning rates), LearningRateScheduler
// and TerminateOnNaN as keras/src/callbacks/*.py define them, the hook order of
// keras/src/trainers/trainer.py's fit loop, and verbose's lines.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { callbacks, layers, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild, wantSimd } from './helpers/build.mjs';

await initBuild();

// Keras's DummyModel: weights are a number the test sets to the epoch.
const dummy = () => ({ stopTraining: false, weights: -1, getWeights() { return this.weights; }, setWeights(w) { this.weights = w; } });

function drive(cb, model, values, key, { stopAt } = {}) {
  cb.setModel(model);
  cb.onTrainBegin();
  let epochs = 0;
  for (let epoch = 0; epoch < values.length; epoch++) {
    epochs++;
    model.weights = epoch;
    cb.onEpochEnd(epoch, { [key]: values[epoch] });
    if (epoch === stopAt) model.stopTraining = true;
    if (model.stopTraining) break;
  }
  cb.onTrainEnd();
  return epochs;
}

test('earlyStopping: patience (early_stopping_test.test_early_stopping_patience)', () => {
  const losses = [10.0, 9.0, 8.0, 9.0, 8.9, 8.8, 8.7, 8.6, 8.5];
  for (const patience of [0, 1, 2, 3]) {
    const stopper = callbacks.earlyStopping({ monitor: 'loss', patience });
    drive(stopper, dummy(), losses, 'loss');
    assert.equal(stopper.stoppedEpoch, Math.max(patience, 1) + 2, `patience ${patience}`);
  }
});

test('earlyStopping: restoreBestWeights, with and without a baseline (…test_early_stopping_final_weights_when_restoring_model_weights)', () => {
  let model = dummy();
  drive(callbacks.earlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true }), model, [0.2, 0.15, 0.1, 0.11, 0.12], 'val_loss');
  assert.equal(model.getWeights(), 2);
  model = dummy();
  const epochs = drive(callbacks.earlyStopping({ monitor: 'val_loss', patience: 5, baseline: 0.5, restoreBestWeights: true }), model,
    [0.9, 0.8, 0.7, 0.71, 0.72, 0.73], 'val_loss');
  assert.equal(epochs, 5);
  assert.equal(model.getWeights(), 2);
  model = dummy();
  const stopped = drive(callbacks.earlyStopping({ monitor: 'val_loss', patience: 5, baseline: 0.5, restoreBestWeights: true }), model,
    [0.9, 0.8, 0.7, 0.71, 0.72, 0.73], 'val_loss', { stopAt: 3 });
  assert.equal(stopped, 4);
  assert.equal(model.getWeights(), 2);
});

test("earlyStopping: 'auto' minimises losses and maximises accuracies (…test_early_stopping cases)", () => {
  for (const [monitor, rising, stops] of [['val_loss', true, true], ['loss', true, true], ['acc', false, true], ['val_accuracy', false, true],
    ['val_loss', false, false], ['accuracy', true, false]]) {
    const values = rising ? [1, 2, 3, 4] : [4, 3, 2, 1];
    const stopper = callbacks.earlyStopping({ monitor, patience: 1 });
    drive(stopper, dummy(), values, monitor);
    assert.equal(stopper.stoppedEpoch > 0, stops, `${monitor} ${rising ? 'rising' : 'falling'}`);
  }
});

function plateauModel() {
  const x = Float32Array.from({ length: 30 }, (_, i) => Math.sin(i)), y = Float32Array.from({ length: 20 }, (_, i) => i % 2);
  const model = sequential({ seed: 1, layers: [layers.dense({ units: 5, inputShape: [3] }), layers.dense({ units: 2 })] });
  model.compile({ loss: 'mse', optimizer: optimizers.adam({ learningRate: 0.1 }) });
  return { model, x, y };
}

for (const [name, options, epochs, expected] of [
  ['reduces the learning rate (test_reduces_lr_with_model_fit)', { patience: 1, factor: 0.1, monitor: 'val_loss', minDelta: 100 }, 2, 0.01],
  ['honours minLr (test_honors_min_lr)', { patience: 1, factor: 0.1, monitor: 'val_loss', minDelta: 10, minLr: 0.005 }, 4, 0.005],
  ['waits out the cooldown (test_cooldown)', { patience: 1, factor: 0.1, monitor: 'val_loss', minDelta: 100, cooldown: 2 }, 4, 0.001],
]) {
  test(`reduceLROnPlateau ${name}`, async () => {
    const { model, x, y } = plateauModel();
    const h = await model.fit(x, y, { epochs, verbose: 0, validationData: [x, y], callbacks: [callbacks.reduceLROnPlateau(options)] });
    assert.ok(Math.abs(model.optimizer.learningRate - expected) <= 1e-9 * expected, `${model.optimizer.learningRate}`);
    assert.equal(h.history.learning_rate.length, epochs);
    model.dispose();
  });
}

test('reduceLROnPlateau with factor 0 or an underflowing factor stops at the smallest positive float32 rate (Keras: 0)', async () => {
  // Found by the API fuzzer: 0.00081 × 5e-324 is 0, which the optimizer refused mid-fit.
  for (const factor of [0, 5e-324]) {
    const { model, x, y } = plateauModel();
    await model.fit(x, y, { epochs: 3, verbose: 0, validationData: [x, y], callbacks: [callbacks.reduceLROnPlateau({ patience: 1, factor, monitor: 'val_loss', minDelta: 100 })] });
    assert.equal(model.optimizer.learningRate, 2 ** -149, `factor ${factor}`);
    model.dispose();
  }
});

test('reduceLROnPlateau refuses an optimizer with a schedule (test_throws_when_optimizer_has_schedule)', async () => {
  const { model, x, y } = plateauModel();
  model.compile({ loss: 'mse', optimizer: optimizers.adam({ learningRate: optimizers.schedules.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10 }) }) });
  await assert.rejects(model.fit(x, y, { epochs: 2, verbose: 0, validationData: [x, y], callbacks: [callbacks.reduceLROnPlateau({ patience: 1 })] }),
    /reduceLROnPlateau: this optimizer was created with a polynomialDecay schedule/);
  model.dispose();
});

test('reduceLROnPlateau resets its state on every fit (test_state_reset_across_fit_calls)', () => {
  const cb = callbacks.reduceLROnPlateau({ patience: 1, factor: 0.1, monitor: 'loss', minDelta: 0, cooldown: 2 });
  cb.onTrainBegin();
  Object.assign(cb, { best: 0.5, wait: 3, cooldownCounter: 2 });
  cb.onTrainBegin();
  assert.deepEqual([cb.best, cb.wait, cb.cooldownCounter], [Infinity, 0, 0]);
});

test('learningRateScheduler sets schedule(epoch, lr) before each epoch and logs learning_rate', async () => {
  const { model, x, y } = plateauModel();
  const seen = [];
  const h = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [callbacks.learningRateScheduler((epoch, lr) => { seen.push([epoch, lr]); return lr / 2; })] });
  assert.deepEqual(seen, [[0, 0.1], [1, 0.05], [2, 0.025]]);
  assert.deepEqual(h.history.learning_rate, [0.05, 0.025, 0.0125]);
  model.dispose();
});

test('terminateOnNaN stops quietly after the first non-finite batch loss; without it fit throws naming where', async () => {
  const x = Float32Array.from({ length: 40 }, (_, i) => 100 * Math.sin(i)), y = Float32Array.from({ length: 20 }, (_, i) => 1000 * i);
  const make = () => {
    const m = sequential({ seed: 1, layers: [layers.dense({ units: 4, inputShape: [2] }), layers.dense({ units: 1 })] });
    m.compile({ loss: 'mse', optimizer: optimizers.sgd({ learningRate: 10 }) });
    return m;
  };
  const quiet = make();
  const log = [];
  const h = await quiet.fit(x, y, { epochs: 20, batchSize: 2, verbose: 0, callbacks: [callbacks.terminateOnNaN(), { onBatchEnd: (b, l) => log.push(l.batchLoss) }] });
  assert.ok(h.epoch.length < 20);
  assert.ok(!Number.isFinite(log.at(-1)) && log.slice(0, -1).every(Number.isFinite), 'stopped right after the first non-finite batch');
  await assert.rejects(make().fit(x, y, { epochs: 20, batchSize: 2, verbose: 0 }), (e) => e.name === 'NonFiniteError' && /^fit: non-finite/.test(e.message));
  quiet.dispose();
});

test('hooks run in Keras order: train, epoch, batch begin/end, epoch end, train end', async () => {
  const { model, x, y } = plateauModel();
  const calls = [];
  const recorder = Object.fromEntries(['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd']
    .map((hook) => [hook, (i) => { calls.push(typeof i === 'number' ? `${hook} ${i}` : hook); }]));
  await model.fit(x, y, { epochs: 2, batchSize: 5, verbose: 0, callbacks: [recorder] });
  const epoch = (e) => [`onEpochBegin ${e}`, 'onBatchBegin 0', 'onBatchEnd 0', 'onBatchBegin 1', 'onBatchEnd 1', `onEpochEnd ${e}`];
  assert.deepEqual(calls, ['onTrainBegin', ...epoch(0), ...epoch(1), 'onTrainEnd']);
  model.dispose();
});

test("verbose: one line per epoch when the output is not a terminal ('auto' and 2), nothing with 0", () => {
  const run = (verbose) => execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { init, layers, sequential } from ${JSON.stringify(new URL('../../src/js/index.mjs', import.meta.url).href)};
    await init({ simd: ${wantSimd} });
    const m = sequential({ seed: 1, layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ loss: 'mse', optimizer: 'sgd', metrics: ['accuracy'] });
    await m.fit([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], { epochs: 2, batchSize: 2 ${verbose === undefined ? '' : `, verbose: ${JSON.stringify(verbose)}`} });`],
  { encoding: 'utf8' });
  for (const verbose of [undefined, 'auto', 2, 1]) {
    const lines = run(verbose).trim().split('\n');
    assert.equal(lines.length, 4, `verbose ${verbose}: ${lines}`);
    assert.equal(lines[0], 'Epoch 1/2');
    assert.match(lines[1], /^2\/2 - \d+m?s - \d+m?s\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/);
    assert.equal(lines[2], 'Epoch 2/2');
  }
  assert.equal(run(0), '');
});

test('bad callbacks and callback options are refused naming the argument', async () => {
  const { model, x, y } = plateauModel();
  await assert.rejects(model.fit(x, y, { callbacks: callbacks.earlyStopping() }), /^Error: fit: callbacks must be an array/);
  await assert.rejects(model.fit(x, y, { callbacks: [{ onEpochEnded() {} }] }), /^Error: fit: callbacks\[0\] must be an object with at least one of onTrainBegin/);
  await assert.rejects(model.fit(x, y, { verbose: 3 }), /^Error: fit: verbose must be 'auto', 0, 1 or 2, got 3/);
  assert.throws(() => callbacks.earlyStopping({ patience: -1 }), /^Error: callbacks\.earlyStopping: patience must be an integer/);
  assert.throws(() => callbacks.earlyStopping({ mode: 'up' }), /^Error: callbacks\.earlyStopping: mode must be one of 'auto', 'min', 'max'/);
  assert.throws(() => callbacks.reduceLROnPlateau({ factor: 1 }), /^Error: callbacks\.reduceLROnPlateau: factor must be a finite number >= 0 and < 1, got 1/);
  assert.throws(() => callbacks.learningRateScheduler(), /^Error: callbacks\.learningRateScheduler: schedule must be a function, got undefined/);
  model.dispose();
});
