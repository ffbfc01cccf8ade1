// regularizers.test.mjs — kernelRegularizer / biasRegularizer / gammaRegularizer /
// betaRegularizer / activityRegularizer (regularizers.l1, l2, l1l2) and frozen layers
// (trainable = false), against:
//   - tests/fixtures/regularizer_reference.json, written by
//     tests/fixtures/gen_regularizer_reference.py (torch float64 autograd of the Keras 3
//     formulas: loss = compiled loss + penalties of the trainable weights + activity
//     penalties of each batch's outputs, not divided by the batch size; a frozen layer's
//     weight penalties gone; a frozen BatchNormalization in inference mode): computeGradients
//     (loss and every trained gradient), evaluate with batchSize 2, three SGD steps;
//   - Keras's own golden values, transcribed: keras/src/layers/layer_test.py
//     test_activity_regularization (activity_regularizer="l1" on ones((1,)) gives a loss of
//     0.01), keras/src/layers/regularization/activity_regularization_test.py test_correctness
//     (L1L2(l1=0.2, l2=0.3) on 2*ones((1,)): 4*0.3 + 2*0.2), keras/src/regularizers/
//     regularizers_test.py (L1(0.1), L2(0.1), L1L2(0.1, 0.2) of a 4x4 array; get('l1') etc.),
//     and the Regularizer class docstring's Dense example (kernel term 0.25; the activity
//     term is 25 in Keras 3's code, which adds activity_regularizer(output) undivided — the
//     docstring's "5.0 after dividing by batch size of 5" is tf.keras 2's behaviour).
// Tolerance: |a - b| <= 1e-5 * max(|a|, |b|) + 1e-6, as reference.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { layers, loadModel, optimizers, Regularizer, regularizers, sequential, toKerasCode } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();
const fixture = JSON.parse(readFileSync(new URL('../fixtures/regularizer_reference.json', import.meta.url), 'utf8'));

const close = (actual, expected, what) => {
  const a = Array.from(actual), e = Array.from(expected);
  assert.equal(a.length, e.length, `${what}: length`);
  a.forEach((v, i) => {
    const tol = 1e-5 * Math.max(Math.abs(v), Math.abs(e[i])) + 1e-6;
    assert.ok(Math.abs(v - e[i]) <= tol, `${what}[${i}]: ${v} vs ${e[i]} (tolerance ${tol})`);
  });
};

function build(net) {
  const model = sequential({ seed: 1, layers: net.layers });
  model.setWeights(net.weights.map((w) => Float32Array.from(w)));
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
  return model;
}
const f32 = (a) => Float32Array.from(a);

describe('float64 reference (gen_regularizer_reference.py)', () => {
  for (const net of fixture.networks) {
    test(`${net.name}: computeGradients, evaluate, three SGD steps`, () => {
      let model = build(net);
      const g = model.computeGradients(f32(net.x[0]), f32(net.y[0]));
      close([g.loss], [net.grad.loss], 'loss');
      assert.equal(g.grads.length, net.grad.grads.length);
      g.grads.forEach((grad, i) => close(grad, net.grad.grads[i], `gradient ${i}`));
      model.dispose();

      model = build(net);
      close([model.evaluate(f32(net.x[0]), f32(net.y[0]), { batchSize: net.evaluate.batchSize }).loss], [net.evaluate.loss], 'evaluate');
      model.dispose();

      model = build(net);
      const losses = net.x.map((x, k) => model.trainOnBatch(f32(x), f32(net.y[k])));
      close(losses, net.sgd.losses, 'sgd losses');
      model.getWeights().forEach((w, i) => close(w.values, net.sgd.weights[i], `weight ${w.name}`));
      model.dispose();
    });
  }
});

describe('Keras golden values', () => {
  // identity layer with an activity regularizer; mse against its own output is 0, so the loss is the penalty
  const identityLoss = (reg, x) => {
    const model = sequential({ layers: [layers.activation({ activation: 'linear', inputShape: [x[0].length], activityRegularizer: reg })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const loss = model.evaluate(x, x).loss;
    model.dispose();
    return loss;
  };
  test('layer_test.py test_activity_regularization: "l1" on ones((1,)) is 0.01', () => {
    close([identityLoss('l1', [[1]])], [0.01], 'loss');
  });
  test('activity_regularization_test.py test_correctness: L1L2(0.2, 0.3) on 2*ones((1,)) is 4*0.3 + 2*0.2', () => {
    close([identityLoss(regularizers.l1l2({ l1: 0.2, l2: 0.3 }), [[2]])], [4 * 0.3 + 2 * 0.2], 'loss');
  });
  test('Regularizer docstring: Dense(5, ones, L1(0.01) kernel, L2(0.01) activity) on 2*ones((5, 5)): 0.25 + 25 (undivided)', () => {
    const model = sequential({ layers: [layers.dense({ units: 5, inputShape: [5], kernelInitializer: 'ones',
      kernelRegularizer: regularizers.l1(0.01), activityRegularizer: regularizers.l2(0.01) })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = Array.from({ length: 5 }, () => [2, 2, 2, 2, 2]);
    const out = model.predict(x);
    close([model.evaluate(x, Array.from({ length: 5 }, (_, r) => Array.from(out.subarray(5 * r, 5 * r + 5))), { batchSize: 5 }).loss], [0.25 + 25], 'loss');
    model.dispose();
  });
  test('regularizers_test.py: L1, L2, L1L2 of an array; get("l1"), get("l2"), get("l1l2"); configs', () => {
    const v = Array.from({ length: 16 }, (_, i) => Math.fround(Math.sin(i + 1)));
    const s1 = v.reduce((a, x) => a + Math.abs(x), 0), s2 = v.reduce((a, x) => a + x * x, 0);
    close([regularizers.l1(0.1).penalty(v)], [0.1 * s1], 'L1');
    close([regularizers.l2(0.1).penalty(v)], [0.1 * s2], 'L2');
    close([regularizers.l1l2({ l1: 0.1, l2: 0.2 }).penalty(v)], [0.1 * s1 + 0.2 * s2], 'L1L2');
    close([regularizers.l1l2(0.1, 0.2).penalty(v)], [0.1 * s1 + 0.2 * s2], 'L1L2 positional');
    assert.deepEqual(regularizers.l1().getConfig(), { className: 'L1', config: { l1: 0.01 } });
    assert.deepEqual(regularizers.l2().getConfig(), { className: 'L2', config: { l2: 0.01 } });
    assert.deepEqual(regularizers.l1l2().getConfig(), { className: 'L1L2', config: { l1: 0, l2: 0 } }); // L1L2() defaults
    assert.deepEqual(regularizers.l1l2({ l1: 0.01, l2: 0.02 }).getConfig(), { className: 'L1L2', config: { l1: 0.01, l2: 0.02 } });
    assert.ok(regularizers.l1() instanceof Regularizer);
    const configOf = (reg) => layers.dense({ units: 1, kernelRegularizer: reg }).getConfig().config.kernelRegularizer;
    assert.deepEqual(configOf('l1'), { className: 'L1', config: { l1: 0.01 } });
    assert.deepEqual(configOf('l2'), { className: 'L2', config: { l2: 0.01 } });
    assert.deepEqual(configOf('l1_l2'), { className: 'L1L2', config: { l1: 0.01, l2: 0.01 } }); // the string: 0.01 and 0.01
    assert.deepEqual(configOf({ className: 'L2', config: { l2: 0.5 } }), { className: 'L2', config: { l2: 0.5 } });
    assert.deepEqual(configOf({ className: 'L1', config: {} }), { className: 'L1', config: { l1: 0.01 } });
  });
});

describe('frozen layers (trainable = false)', () => {
  const x = Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(1.7 * i)]);
  const y = x.map(([a, b]) => [a * b > 0 ? 1 : 0]);
  const net = (extra = {}) => sequential({ seed: 5, layers: [
    layers.dense({ units: 6, inputShape: [2], activation: 'tanh', ...extra }),
    layers.batchNormalization({ momentum: 0.5 }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });

  test('a frozen layer keeps its weights over a fit while the others change; unfreezing needs compile again', async () => {
    const model = net();
    model.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy' });
    const [first, bn, last] = model.layers;
    assert.equal(first.trainable, true);
    first.trainable = false;
    assert.equal(model.getWeights()[0].trainable, false);
    assert.throws(() => model.trainOnBatch(x, y), /^Error: trainOnBatch: trainable changed since compile\(\) on layer\(s\) dense \(now false\); call compile\(\) again/);
    await assert.rejects(model.fit(x, y, { verbose: 0 }), /^Error: fit: trainable changed since compile\(\)/);
    model.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy' });
    const before = model.getWeights();
    await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    const after = model.getWeights();
    assert.deepEqual(after[0].values, before[0].values, 'frozen kernel');
    assert.deepEqual(after[1].values, before[1].values, 'frozen bias');
    for (const i of [2, 3, 4, 5, 6, 7]) assert.notDeepEqual(after[i].values, before[i].values, after[i].name);
    assert.equal(model.computeGradients(x, y).grads.length, 4); // gamma, beta, kernel, bias of the trained layers
    assert.match(model.summary({ printFn: null }), /Trainable params: 19\nNon-trainable params: 30/);
    // the same optimizer cannot follow a change of the trained set (Keras refuses it as well)
    first.trainable = true;
    assert.throws(() => model.compile({ optimizer: model.optimizer, loss: 'binaryCrossentropy' }),
      /^Error: compile: the optimizer has state for the weights this model trained before a layer's trainable changed/);
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    model.trainOnBatch(x, y);
    assert.notDeepEqual(model.getWeights()[0].values, after[0].values);
    assert.equal(bn.trainable, true);
    assert.equal(last.name, 'dense_1');
    model.dispose();
  });

  test('a frozen BatchNormalization runs in inference mode: moving statistics used and left alone', () => {
    const model = net();
    const bn = model.layers[1];
    bn.setWeights([new Float32Array(6).fill(1.5), new Float32Array(6).fill(0.25), Float32Array.from([0.1, -0.2, 0.3, 0, 0.5, -0.1]),
      Float32Array.from([0.5, 1, 2, 1.5, 0.8, 1.2])]);
    bn.trainable = false;
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'binaryCrossentropy' });
    const moving = bn.getWeights().slice(2);
    assert.deepEqual(model.predict(x, { training: true }), model.predict(x)); // training forward = inference forward
    const gammaBeta = bn.getWeights().slice(0, 2);
    model.trainOnBatch(x, y);
    model.trainOnBatch(x, y);
    assert.deepEqual(bn.getWeights(), [...gammaBeta.map((w) => ({ ...w })), ...moving]);
    const stats = (model.gradientStats() ?? []).find((s) => s.name === bn.name);
    assert.deepEqual(stats.batchMean, moving[0].values); // the statistics it normalised with
    bn.trainable = true;
    model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    model.trainOnBatch(x, y);
    assert.notDeepEqual(bn.getWeights()[2].values, moving[0].values);
    model.dispose();
  });

  test('trainable and regularizers survive getConfig, save / loadModel and toKerasCode', () => {
    const model = net({ kernelRegularizer: regularizers.l2(0.01), activityRegularizer: 'l1', trainable: false });
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    model.trainOnBatch(x, y);
    const config = model.getConfig();
    assert.equal(config.layers[0].config.trainable, false);
    assert.equal(config.layers[1].config.trainable, true);
    assert.deepEqual(config.layers[0].config.kernelRegularizer, { className: 'L2', config: { l2: 0.01 } });
    const again = sequential(config);
    assert.equal(again.layers[0].trainable, false);
    assert.deepEqual(again.getConfig(), config);
    again.dispose();
    const loaded = loadModel(model.save());
    assert.equal(loaded.layers[0].trainable, false);
    assert.deepEqual(loaded.getConfig(), config);
    assert.equal(loaded.trainOnBatch(x, y), model.trainOnBatch(x, y)); // same state, optimizer included
    assert.deepEqual(loaded.getWeights(), model.getWeights());
    model.layers[0].trainable = true;
    assert.throws(() => model.save(), /^Error: save: includeOptimizer is true but trainable changed since compile\(\) on layer\(s\) dense/);
    const code = toKerasCode(loaded);
    assert.match(code, /keras\.layers\.Dense\(6, .*kernel_regularizer=keras\.regularizers\.L2\(l2=0\.01\).*activity_regularizer=keras\.regularizers\.L1\(l1=0\.01\).*trainable=False/);
    loaded.dispose();
    model.dispose();
  });

  test('no regularizer and nothing frozen: the same bits as before (default configs unchanged)', () => {
    assert.deepEqual(layers.dense({ units: 2 }).getConfig().config,
      { units: 2, activation: 'linear', useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros' });
  });
});
