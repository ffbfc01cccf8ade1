// conv_reference.test.mjs — Conv2D, pooling, Flatten and BatchNormalization over channels
// against an independent float64 reference.
//
// tests/fixtures/conv_reference.json is written by tests/fixtures/gen_conv_reference.py
// (torch float64 autograd, images permuted to NCHW for F.conv2d, TensorFlow's 'same' padding
// written out; rerun: /usr/bin/python3 tests/fixtures/gen_conv_reference.py). For each network
// this test builds the model from the fixture's layer configs, sets its weights and checks
//   - predict(x, { training: true }) outputs,
//   - computeGradients(x, y): the loss and every trainable weight's gradient,
//   - one trainOnBatch with SGD lr 0.1: every weight afterwards, BN's moving statistics too.
// Tolerance |a - b| <= 1e-4 * max(|a|, |b|) + 1e-5 (the 1e-4): float32 sums of up to a
// few hundred O(1) terms against float64.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { assertClose } from './helpers/close.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/conv_reference.json', import.meta.url), 'utf8'));
const info = await initBuild();
const TOLERANCE = { rtol: 1e-4, atol: 1e-5 };


function build(net) {
  const model = sequential({ seed: 1, layers: net.layers });
  assert.deepEqual(model.getWeights().map((w) => [w.name.split('/')[1], w.shape]), net.weights.map((w) => [w.name, w.shape]),
    `${net.name}: getWeights() names and shapes`);
  model.setWeights(net.weights.map((w) => Float32Array.from(w.values)));
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: losses[net.loss.name]({ fromLogits: net.loss.fromLogits }) });
  return model;
}

const x = (net) => Float32Array.from(net.x);
const y = (net) => (net.loss.name === 'sparseCategoricalCrossentropy' ? net.y : Float32Array.from(net.y));

test('the fixture covers conv valid/same, strides 1 and 2, rectangular kernels, no bias, every pooling, flatten, BN per channel', () => {
  const all = fixture.networks.flatMap((n) => n.layers);
  const convs = all.filter((l) => l.className === 'Conv2D').map((l) => l.config);
  assert.ok(convs.some((c) => c.padding === 'valid') && convs.some((c) => c.padding === 'same'));
  assert.ok(convs.some((c) => c.strides[0] === 1) && convs.some((c) => c.strides[0] === 2));
  assert.ok(convs.some((c) => c.kernelSize[0] !== c.kernelSize[1]) && convs.some((c) => c.useBias === false));
  for (const kind of ['MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'Flatten', 'BatchNormalization']) {
    assert.ok(all.some((l) => l.className === kind), kind);
  }
});

for (const net of fixture.networks) {
  describe(`${net.name} (${info.simd ? 'simd' : 'scalar'} build)`, () => {
    test('forward, loss and every gradient match torch autograd', () => {
      const model = build(net);
      try {
        assertClose(model.predict(x(net), { training: true }), net.outputs, `${net.name}: outputs`, TOLERANCE);
        const { loss, grads } = model.computeGradients(x(net), y(net));
        assertClose(loss, net.lossValue, `${net.name}: loss`, TOLERANCE);
        assert.equal(grads.length, net.grads.length);
        grads.forEach((g, i) => assertClose(g, net.grads[i], `${net.name}: grads[${i}]`, TOLERANCE));
      } finally {
        model.dispose();
      }
    });
    test('one SGD step (lr 0.1): every weight and moving statistic', () => {
      const model = build(net);
      try {
        model.trainOnBatch(x(net), y(net));
        model.getWeights().forEach((w, i) => assertClose(w.values, net.sgd.weights[i], `${net.name}: ${w.name} after one step`, TOLERANCE));
      } finally {
        model.dispose();
      }
    });
  });
}
