// batchnorm_reference.test.mjs — BatchNormalization against an independent float64 reference.
//
// tests/fixtures/batchnorm_reference.json is written by tests/fixtures/gen_batchnorm_reference.py
// (torch float64 autograd of the Keras 3 BatchNormalization formulas written out: biased batch
// variance, moving = moving*m + batch*(1 - m) in every training-mode forward, inference with
// the moving statistics; cross-checked there against torch.nn.functional.batch_norm with
// torch momentum 1 - m; rerun: /usr/bin/python3 tests/fixtures/gen_batchnorm_reference.py).
// Networks: Dense→BN→Activation→Dense (relu / sigmoid / tanh), BN right after the input,
// BN with center and/or scale false, two BN layers, batch sizes 1, 2, 4, 5, 6, 8; every
// weight (gamma, beta and non-trivial moving statistics included) is set explicitly.
// For each network, starting each time from the fixture's weights:
//   - predict(x0, { training: true }) outputs; computeGradients(x0, y0): loss, gradient of
//     every trainable weight, the moving statistics afterwards, and gradientStats()'s
//     batchMean / batchVariance / movingMean / movingVariance of each BN layer;
//   - three training-mode forwards predict(xk, { training: true }), k = 0..2: moving
//     statistics after the 1st and the 3rd, then predict(xTest) (inference mode);
//   - three trainOnBatch steps (SGD lr 0.1) on (xk, yk): losses, moving statistics after
//     step 1 and step 3, every weight after step 3, then predict(xTest).
// Tolerance for every value: |a - b| <= 1e-5 * max(|a|, |b|) + 1e-6 (as reference.test.mjs).
// Measured on both builds, the worst difference is under 19% of it (outputs, gradients,
// weights after 3 SGD steps, inference outputs); a wrong convention (unbiased variance,
// momentum m used as torch's, moving stats not updated in computeGradients) moves values by
// far more.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { assertClose } from './helpers/close.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/batchnorm_reference.json', import.meta.url), 'utf8'));
for (const net of fixture.networks) { // flat row-major arrays → Float32Array, as the API takes them
  net.x = net.x.map((x) => Float32Array.from(x));
  net.y = net.y.map((y) => Float32Array.from(y));
  net.xTest = Float32Array.from(net.xTest);
}
const info = await initBuild();

const RTOL = 1e-5;
const ATOL = 1e-6;


function build(net) {
  const model = sequential({ seed: 3, layers: net.layers.map((l, i) => {
    const inputShape = i === 0 ? { inputShape: [net.inputDim] } : {};
    if (l.type === 'dense') return layers.dense({ units: l.units, activation: l.activation, useBias: l.useBias, ...inputShape });
    if (l.type === 'activation') return layers.activation({ activation: l.activation, ...inputShape });
    return layers.batchNormalization({ momentum: l.momentum, epsilon: l.epsilon, center: l.center, scale: l.scale, ...inputShape });
  })});
  const weights = model.getWeights();
  assert.deepEqual(weights.map((w) => [w.name, w.shape, w.trainable]), net.weights.map((w) => [w.name, w.shape, w.trainable]),
    `${net.name}: getWeights() names, shapes and trainable flags (Keras order gamma, beta, moving_mean, moving_variance)`);
  model.setWeights(net.weights.map((w) => Float32Array.from(w.values)));
  model.compile({ optimizer: optimizers.sgd({ learningRate: net.learningRate }), loss: losses[net.loss]() });
  return model;
}

const movingOf = (model) => model.getWeights().filter((w) => !w.trainable).map((w) => w.values);

function assertMoving(model, expected, where) {
  const moving = movingOf(model);
  assert.equal(moving.length, expected.length, `${where}: number of moving arrays`);
  moving.forEach((m, i) => assertClose(m, expected[i], `${where} ${i % 2 ? 'moving_variance' : 'moving_mean'} of BN #${i >> 1}`, { rtol: RTOL, atol: ATOL }));
}

describe(`BatchNormalization against the float64 reference (${info.simd ? 'SIMD' : 'scalar'} build)`, () => {
  for (const net of fixture.networks) {
    describe(net.name, () => {
      test('training-mode forward outputs and moving statistics after it', () => {
        const model = build(net);
        assertClose(model.predict(net.x[0], { training: true }), net.train.output, `${net.name} training output`, { rtol: RTOL, atol: ATOL });
        assertMoving(model, net.train.moving, `${net.name} after predict(training)`);
        model.dispose();
      });

      test('computeGradients: loss, every trainable gradient, batch and moving statistics', () => {
        const model = build(net);
        const { loss, grads } = model.computeGradients(net.x[0], net.y[0]);
        assertClose(loss, net.train.loss, `${net.name} loss`, { rtol: RTOL, atol: ATOL });
        const trainable = net.weights.filter((w) => w.trainable);
        assert.equal(grads.length, trainable.length, `${net.name}: one gradient per trainable weight`);
        grads.forEach((g, i) => assertClose(g, net.train.grads[i], `${net.name} d${trainable[i].name}`, { rtol: RTOL, atol: ATOL }));
        assertMoving(model, net.train.moving, `${net.name} after computeGradients`);
        const bn = model.gradientStats().filter((s) => s.className === 'BatchNormalization');
        assert.equal(bn.length, net.train.batchMean.length);
        const moving = movingOf(model);
        bn.forEach((s, i) => {
          assertClose(s.batchMean, net.train.batchMean[i], `${net.name} gradientStats ${s.name}.batchMean`, { rtol: RTOL, atol: ATOL });
          assertClose(s.batchVariance, net.train.batchVariance[i], `${net.name} gradientStats ${s.name}.batchVariance`, { rtol: RTOL, atol: ATOL });
          assert.deepEqual(Array.from(s.movingMean), Array.from(moving[2 * i]), `${s.name}.movingMean = getWeights moving_mean`);
          assert.deepEqual(Array.from(s.movingVariance), Array.from(moving[2 * i + 1]), `${s.name}.movingVariance = getWeights moving_variance`);
        });
        model.dispose();
      });

      test('three training-mode forwards: moving statistics after 1 and 3, then inference outputs', () => {
        const model = build(net);
        model.predict(net.x[0], { training: true });
        assertMoving(model, net.forwards.movingAfter1, `${net.name} forwards, after 1`);
        model.predict(net.x[1], { training: true });
        model.predict(net.x[2], { training: true });
        assertMoving(model, net.forwards.movingAfter3, `${net.name} forwards, after 3`);
        const before = movingOf(model);
        assertClose(model.predict(net.xTest), net.forwards.inference, `${net.name} forwards, inference output`, { rtol: RTOL, atol: ATOL });
        assert.deepEqual(movingOf(model), before, 'inference-mode predict must not change the moving statistics');
        model.dispose();
      });

      test('three trainOnBatch steps (SGD): losses, moving statistics, weights, inference outputs', () => {
        const model = build(net);
        const stepLosses = [];
        for (let k = 0; k < 3; k++) {
          stepLosses.push(model.trainOnBatch(net.x[k], net.y[k]));
          if (k === 0) assertMoving(model, net.sgd.movingAfter1, `${net.name} sgd, after step 1`);
        }
        assertClose(stepLosses, net.sgd.losses, `${net.name} sgd step losses`, { rtol: RTOL, atol: ATOL });
        assertMoving(model, net.sgd.movingAfter3, `${net.name} sgd, after step 3`);
        model.getWeights().forEach((w, i) => assertClose(w.values, net.sgd.weightsAfter3[i], `${net.name} sgd ${w.name} after 3 steps`, { rtol: RTOL, atol: ATOL }));
        assertClose(model.predict(net.xTest), net.sgd.inference, `${net.name} sgd, inference output`, { rtol: RTOL, atol: ATOL });
        model.dispose();
      });
    });
  }
});
