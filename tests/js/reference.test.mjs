// reference.test.mjs — simdtrain against an independent float64 reference.
//
// tests/fixtures/reference.json is written by tests/fixtures/gen_reference.py (torch float64
// autograd with the Keras 3 activation/loss formulas written out, Keras SGD update formulas;
// rerun: /usr/bin/python3 tests/fixtures/gen_reference.py). For each network in it this test
// builds the same model through the public API, sets the fixture's weights, and checks
//   - predict(x, { training: true }) outputs,
//   - computeGradients(x, y): loss and one gradient per weight,
//   - trainOnBatch three times with SGD lr 0.1 (plain, momentum 0.9, momentum 0.9 + nesterov):
//     the returned losses and the weights afterwards.
//
// Tolerance, for every value (outputs, loss, grads, per-step losses, weights after 3 steps):
//   |a - b| <= 1e-5 * max(|a|, |b|) + 1e-6
// simdtrain computes in float32 (unit roundoff 6e-8); the reference in float64 from the same
// float32-representable weights and inputs, so the differences are float32 rounding in sums
// of a few dozen O(1) terms. The 3-step trajectories need no looser bound: measured on both
// builds, the worst difference is under 6% of this tolerance for outputs/loss/grads and
// about 2% for the trajectories, while a wrong formula (a missed momentum term, an
// unnormalised categorical crossentropy, a mis-scaled gradient) moves values by ~1e-2.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { assertClose } from './helpers/close.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8'));
const info = await initBuild();

const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };


function build(net) {
  const model = sequential({ seed: 1, layers: net.layers.map((l, i) => {
    const inputShape = i === 0 ? { inputShape: [net.inputDim] } : {};
    return l.type === 'dense'
      ? layers.dense({ units: l.units, activation: l.activation, useBias: l.useBias, ...inputShape })
      : layers.activation({ activation: l.activation, ...inputShape });
  })});
  const weights = model.getWeights();
  assert.deepEqual(weights.map((w) => [w.name, w.shape]), net.weights.map((w) => [w.name, w.shape]),
    `${net.name}: getWeights() names and shapes`);
  model.setWeights(net.weights.map((w) => Float32Array.from(w.values)));
  return model;
}

function compile(model, net, opt) {
  model.compile({ optimizer: optimizers.sgd(opt), loss: losses[net.loss.name]({ fromLogits: net.loss.fromLogits }) });
}

test('the fixture covers every activation and every loss with and without fromLogits', () => {
  const acts = new Set(fixture.networks.flatMap((n) => n.layers.map((l) => l.activation)));
  for (const a of ['linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu', 'softmax']) assert.ok(acts.has(a), a);
  const lossKinds = new Set(fixture.networks.map((n) => `${n.loss.name}/${n.loss.fromLogits}`));
  for (const l of ['meanSquaredError/false', 'binaryCrossentropy/false', 'binaryCrossentropy/true',
    'categoricalCrossentropy/false', 'categoricalCrossentropy/true',
    'sparseCategoricalCrossentropy/false', 'sparseCategoricalCrossentropy/true']) assert.ok(lossKinds.has(l), l);
  assert.ok(fixture.networks.some((n) => n.layers.some((l) => l.useBias === false)), 'useBias false');
  assert.ok(fixture.networks.some((n) => n.layers.some((l) => l.type === 'activation')), 'an Activation layer');
});

for (const net of fixture.networks) {
  describe(`${net.name} (${info.simd ? 'simd' : 'scalar'} build)`, () => {
    test('predict(x, { training: true }) matches the reference forward pass', () => {
      const model = build(net);
      try {
        assertClose(model.predict(net.x, { training: true }), net.outputs, `${net.name}: outputs`, TOLERANCE);
      } finally {
        model.dispose();
      }
    });

    test('computeGradients: loss and every weight gradient match torch autograd', () => {
      const model = build(net);
      try {
        compile(model, net, { learningRate: 0.1 });
        const { loss, grads } = model.computeGradients(net.x, net.y);
        assertClose(loss, net.lossValue, `${net.name}: loss`, TOLERANCE);
        assert.equal(grads.length, net.grads.length, `${net.name}: number of gradient arrays`);
        grads.forEach((g, i) => assertClose(g, net.grads[i], `${net.name}: grads[${i}] (${net.weights[i].name})`, TOLERANCE));
        // No update: the weights are still the fixture's.
        model.getWeights().forEach((w, i) => assertClose(w.values, net.weights[i].values, `${net.name}: weights after computeGradients [${i}]`, { rtol: 0, atol: 0 }));
      } finally {
        model.dispose();
      }
    });

    for (const [run, ref] of Object.entries(net.training)) {
      test(`3 trainOnBatch steps, SGD ${run} (lr ${ref.learningRate}, momentum ${ref.momentum}, nesterov ${ref.nesterov})`, () => {
        const model = build(net);
        try {
          compile(model, net, { learningRate: ref.learningRate, momentum: ref.momentum, nesterov: ref.nesterov });
          const stepLosses = [];
          for (let s = 0; s < ref.steps; s++) stepLosses.push(model.trainOnBatch(net.x, net.y));
          assertClose(stepLosses, ref.losses, `${net.name}: ${run} losses per step`, TOLERANCE);
          const after = model.getWeights();
          after.forEach((w, i) => assertClose(w.values, ref.weights[i], `${net.name}: ${run} weights[${i}] (${net.weights[i].name}) after ${ref.steps} steps`, TOLERANCE));
        } finally {
          model.dispose();
        }
      });
    }
  });
}
