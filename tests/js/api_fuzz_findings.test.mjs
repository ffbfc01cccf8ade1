// api_fuzz_findings.test.mjs — what the stateful API fuzzer (helpers/api_fuzz.mjs) found,
// each reduced to a test: internal constructors called with anything, numbers checked before
// they are compared (a Symbol, an object with valueOf), an optimizer shared by models of
// different shapes, a schedule's config error naming its function, and a polluted
// Object.prototype never read (compile's options, layer and schedule configs, sequential's
// seed, inputShape and layer names).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Layer, layers, loadModel, optimizers, Optimizer, sequential, Sequential, toKerasCode } from '../../src/js/index.mjs';
import { heapBytesInUse } from '../../src/js/bridge.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const Y = [[0], [1], [1], [0]];
const small = (units = 1) => sequential({ seed: 1, layers: [layers.dense({ units: 3, inputShape: [2], activation: 'tanh' }),
  layers.batchNormalization(), layers.dense({ units })] });
const weights = (m) => m.getWeights().map((w) => Array.from(w.values));

function polluted(key, value, fn) {
  Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    delete Object.prototype[key];
  }
}

test('the exported classes refuse direct construction with an Error (was: TypeError from inside)', () => {
  for (const args of [[], [null], [{}], ['sgd', {}, null], [Object.create(null), -2.5, 1n]]) {
    assert.throws(() => new Sequential(...args), /^Error: Sequential: use sequential\(options\) or loadModel\(bytes\); the constructor is internal, got /);
    assert.throws(() => new Optimizer(...args), /^Error: Optimizer: use optimizers\.<name>\(options\) .*the constructor is internal, got /);
    assert.throws(() => new Layer(...args), /^Error: Layer: use layers\.<name>\(options\) .*the constructor is internal, got /);
  }
  // an unchecked Layer cannot be made: new Layer('Dense', { units: 2 ** 40 }) used to skip validation
  assert.throws(() => new Layer('Dense', { units: 2 ** 40, inputShape: [2] }), /constructor is internal/);
});

test('a Symbol or an object where a number belongs is refused by name (was: TypeError: Cannot convert)', () => {
  const opt = optimizers.adam();
  for (const value of [Symbol('s'), Object.create(null), { valueOf() { throw new Error('valueOf ran'); } }]) {
    assert.throws(() => { opt.epsilon = value; }, /^Error: adam\.epsilon: epsilon must be a finite number >= 0, got /);
    assert.throws(() => layers.batchNormalization({ momentum: value }), /^Error: layers\.batchNormalization: momentum must be a finite number/);
  }
  assert.throws(() => { opt.clipNorm = Symbol('s'); }, /clipNorm must be a finite number >= 0, got Symbol\(s\)$/);
});

test('an optimizer compiled into models of different shapes is refused at the second compile', () => {
  const a = small(), b = small(2);
  const opt = optimizers.rmsprop();
  a.compile({ optimizer: opt, loss: 'mse' });
  assert.throws(() => b.compile({ optimizer: opt, loss: 'mse' }),
    /^Error: compile: optimizer is used by a compiled model whose trainable weights have sizes \[6,3,3,3,3,1\], this model's have sizes \[6,3,3,3,6,2\]; give this model its own optimizer$/);
  assert.equal(b.compileConfig, null);
  a.trainOnBatch(X, Y); // a still trains
  const same = small();
  same.compile({ optimizer: opt, loss: 'mse' }); // same shapes: sharing is allowed
  same.trainOnBatch(X, Y);
  for (const m of [a, b, same]) m.dispose();
});

test("step() on an optimizer a model uses must keep that model's sizes (was: the model could no longer train)", () => {
  const model = small();
  const opt = optimizers.sgd({ momentum: 0.5 });
  model.compile({ optimizer: opt, loss: 'mse' });
  const before = weights(model);
  assert.throws(() => opt.step([new Float32Array(2)], [new Float32Array(2)]),
    /^Error: sgd\.step: params must have the sizes \[6,3,3,3,3,1\] of the trainable weights of the compiled model\(s\) using this optimizer, got \[2\]$/);
  assert.equal(opt.iterations, 0);
  assert.deepEqual(weights(model), before);
  assert.equal(typeof model.trainOnBatch(X, Y), 'number');
  model.dispose();
  // once no model uses it, step() takes any shapes again
  opt.step([new Float32Array(2)], [new Float32Array(2).fill(1)]);
  assert.equal(opt.iterations, 1);
  opt.dispose();
});

test("a schedule's config error names its function first ('compile: learningRate.schedule must be ...')", () => {
  const model = small();
  assert.throws(() => model.compile({ optimizer: { name: 'nadam', learningRate: Object.create({ schedule: 'exponentialDecay' }) }, loss: 'mse' }),
    /^Error: compile: learningRate\.schedule must be one of exponentialDecay, .* got an object with keys \[\]$/);
  model.dispose();
});

test('a polluted Object.prototype is never read: compile options, schedules, sequential seed, inputShape, names', async () => {
  const heap = heapBytesInUse();
  const model = small();
  // compile's metrics (was: "metrics must be an array ..., got an object with keys [POLLUTED]")
  polluted('metrics', { POLLUTED: true }, () => model.compile({ optimizer: 'sgd', loss: 'mse' }));
  assert.deepEqual(model.compileConfig.metrics, []);
  polluted('loss', 'constructor', () => model.compile({ optimizer: 'sgd', loss: 'mse' }));
  // a schedule without values (was: TypeError reading values.length in scheduleSetPieces)
  const schedule = optimizers.schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
  polluted('values', [424242], () => model.compile({ optimizer: optimizers.adam({ learningRate: schedule }), loss: 'mse' }));
  await model.fit(X, Y, { verbose: 0, epochs: 1 });
  // sequential's seed, a later layer's inputShape, a layer's name
  polluted('seed', 'POLLUTED', () => small().dispose());
  for (const value of ['POLLUTED', [424242], { POLLUTED: true }]) {
    polluted('inputShape', value, () => small().dispose());
    polluted('name', value, () => small().dispose());
  }
  // a layer kind's name prefix (was: the generated names counted from Object.prototype.dense,
  // "dense_[object Object]1", which the model's own file then refused)
  const numbered = polluted('dense', { POLLUTED: true }, () => sequential({ layers: [layers.dense({ units: 2, inputShape: [2] }), layers.dense({ units: 1 })] }));
  assert.deepEqual(numbered.layers.map((l) => l.name), ['dense', 'dense_1']);
  loadModel(numbered.save()).dispose();
  numbered.dispose();
  const fromConfig = polluted('inputShape', [7], () => sequential(model.getConfig()));
  assert.deepEqual(fromConfig.inputShape, [2]);
  fromConfig.dispose();
  // setWeights reads values as an own property (was: an item {} took Object.prototype.values)
  const before = weights(model);
  const list = model.getWeights().map((w) => w.values);
  polluted('values', list[1], () => assert.throws(() => model.setWeights([list[0], {}, ...list.slice(2)]),
    /^Error: setWeights: weights\[1\] \(dense\/bias\) must be a Float32Array of length 3, or \{ values \} holding one, got an object with keys \[\]$/));
  assert.deepEqual(weights(model), before);
  // fit's options (polluted onBatchEnd / epochs never run or count)
  let called = false;
  await polluted('onBatchEnd', () => { called = true; }, () => model.fit(X, Y, { verbose: 0, epochs: 1 }));
  assert.equal(called, false);
  model.dispose();
  // toKerasCode of a model not compiled (was: "metrics must be an array ..., got \"POLLUTED\"")
  const plain = small();
  const code = polluted('metrics', 'POLLUTED', () => toKerasCode(plain));
  assert.doesNotMatch(code, /metrics|POLLUTED/);
  plain.dispose();
  assert.equal(heapBytesInUse(), heap);
});

test('arrays with holes: metrics [, , ] and callbacks [, cb] are refused by index (were: TypeError from inside)', async () => {
  const model = small();
  // eslint-disable-next-line no-sparse-arrays
  assert.throws(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [, , ] }), /^Error: compile: metrics\[0\] must be one of .*, got undefined$/);
  assert.equal(model.compileConfig, null);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  // eslint-disable-next-line no-sparse-arrays
  await assert.rejects(model.fit(X, Y, { verbose: 0, callbacks: [, { onEpochEnd() {} }] }), /^Error: fit: callbacks\[0\] must be an object with at least one of .*, got undefined$/);
  await assert.rejects(model.fit(X, Y, { verbose: 0, callbacks: new Array(2) }), /^Error: fit: callbacks\[0\] must be an object/);
  model.dispose();
});

test("earlyStopping({ restoreBestWeights }) restores through fit (was: 'setWeights: fit() is running on this model')", async () => {
  const { callbacks } = await import('../../src/js/index.mjs');
  const model = small();
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5 }), loss: 'mse' });
  const seen = [];
  const record = { onEpochEnd: (epoch, logs) => { seen.push({ loss: logs.loss, weights: weights(model) }); } };
  await model.fit(X, Y, { epochs: 6, batchSize: 4, shuffle: false, verbose: 0,
    callbacks: [record, callbacks.earlyStopping({ monitor: 'loss', patience: 10, restoreBestWeights: true })] });
  const best = seen.reduce((a, b) => (b.loss < a.loss ? b : a));
  assert.deepEqual(weights(model), best.weights);
  model.dispose();
});

test('reduceLROnPlateau with a scheduled learning rate is refused before any batch trains (was: after the first epoch)', async () => {
  const { callbacks } = await import('../../src/js/index.mjs');
  const model = small();
  const schedule = optimizers.schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
  model.compile({ optimizer: optimizers.sgd({ learningRate: schedule }), loss: 'mse' });
  const before = weights(model);
  await assert.rejects(model.fit(X, Y, { epochs: 2, verbose: 0, callbacks: [callbacks.reduceLROnPlateau({ monitor: 'loss' })] }),
    /^Error: reduceLROnPlateau: this optimizer was created with a exponentialDecay schedule; its learning rate cannot be changed by a callback/);
  assert.deepEqual(weights(model), before);
  assert.equal(model.optimizer.iterations, 0);
  model.dispose();
});

test('earlyStopping({ restoreBestWeights }) after terminateOnNaN stopped the first epoch: fit resolves (was: setWeights refusing NaN)', async () => {
  const { callbacks } = await import('../../src/js/index.mjs');
  const model = small();
  model.compile({ optimizer: optimizers.sgd({ learningRate: 1e30 }), loss: 'mse' });
  const history = await model.fit(X, Y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0,
    callbacks: [callbacks.terminateOnNaN(), callbacks.earlyStopping({ monitor: 'loss', patience: 0, restoreBestWeights: true })] });
  assert.equal(history.epoch.length, 1);
  model.dispose();
});
