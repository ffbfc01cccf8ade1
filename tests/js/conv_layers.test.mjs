// conv_layers.test.mjs — the public face of Conv2D, MaxPooling2D, AveragePooling2D,
// GlobalAveragePooling2D and BatchNormalization on images: shapes (outputShape, summary,
// getWeights), configs (defaults as Keras's, int-or-pair options, getConfig round trip,
// toKerasCode), data (nested n × H × W × C arrays equal a flat Float32Array), a small CNN
// that learns, and bad input: each a clear Error naming the argument, the model unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, optimizers, sequential, toKerasCode } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const lenet = () => sequential({ seed: 3, layers: [
  layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
  layers.maxPooling2d(),
  layers.conv2d({ filters: 16, kernelSize: [5, 5], activation: 'relu' }),
  layers.averagePooling2d({ poolSize: 2 }),
  layers.flatten(),
  layers.dense({ units: 10, activation: 'softmax' }),
] });

test('shapes: outputShape, summary and Keras weight shapes', () => {
  const model = lenet();
  try {
    assert.deepEqual(model.outputShape, [null, 10]);
    assert.deepEqual(model.getWeights().map((w) => [w.name, w.shape]), [
      ['conv2d/kernel', [5, 5, 1, 6]], ['conv2d/bias', [6]], ['conv2d_1/kernel', [5, 5, 6, 16]], ['conv2d_1/bias', [16]],
      ['dense/kernel', [400, 10]], ['dense/bias', [10]]]);
    const lines = [];
    model.summary({ printFn: (l) => lines.push(l) });
    const text = lines.join('\n');
    for (const row of ['(None, 28, 28, 6)', '(None, 14, 14, 6)', '(None, 10, 10, 16)', '(None, 5, 5, 16)', '(None, 400)']) assert.ok(text.includes(row), row);
    assert.match(text, /conv2d \(Conv2D\)\s+\(None, 28, 28, 6\)\s+156/);
  } finally {
    model.dispose();
  }
});

test("'same' pads as TensorFlow: out = ceil(in / stride), any kernel size", () => {
  const model = sequential({ layers: [layers.conv2d({ filters: 2, kernelSize: [7, 4], strides: [3, 2], padding: 'same', inputShape: [5, 5, 3] }),
    layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), layers.globalAveragePooling2d()] });
  assert.deepEqual(model.layers.map((l) => l.outputShape), [[2, 3, 2], [1, 2, 2], [2]]);
  model.dispose();
});

test('configs: Keras defaults, pairs, getConfig round trip and Keras code', () => {
  const c = layers.conv2d({ filters: 4, kernelSize: 3 }).getConfig();
  assert.deepEqual(c, { className: 'Conv2D', config: { filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear',
    useBias: true, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros' } });
  assert.deepEqual(layers.maxPooling2d().getConfig().config, { poolSize: [2, 2], padding: 'valid' });
  const model = lenet();
  try {
    const again = sequential(model.getConfig());
    assert.deepEqual(again.getConfig(), model.getConfig());
    again.dispose();
    const code = toKerasCode(model);
    assert.match(code, /keras\.layers\.Conv2D\(6, kernel_size=\(5, 5\), strides=\(1, 1\), padding="same", activation="relu"/);
    assert.match(code, /keras\.layers\.MaxPooling2D\(pool_size=\(2, 2\), padding="valid", name="max_pooling2d"\)/);
    assert.match(code, /keras\.Input\(shape=\(28, 28, 1\)\)/);
  } finally {
    model.dispose();
  }
});

test('nested n × H × W × C arrays and a flat Float32Array give the same predictions', () => {
  const model = sequential({ seed: 2, layers: [layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [3, 4, 2] }), layers.flatten()] });
  const flat = Float32Array.from({ length: 2 * 24 }, (_, i) => Math.sin(i));
  const nested = [0, 1].map((n) => [0, 1, 2].map((r) => [0, 1, 2, 3].map((s) => [0, 1].map((ch) => flat[((n * 3 + r) * 4 + s) * 2 + ch]))));
  assert.deepEqual(Array.from(model.predict(nested)), Array.from(model.predict(flat)));
  assert.throws(() => model.predict(flat.subarray(0, 47)), /predict: x must be a non-empty Float32Array whose length is n × 3 × 4 × 2/);
  assert.throws(() => model.predict([[[[1, 2]]]]), /predict: x\[0\] must be an array of 3/);
  model.dispose();
});

test('BatchNormalization on [H, W, C]: statistics per channel, weights [C]', () => {
  const model = sequential({ layers: [layers.batchNormalization({ inputShape: [2, 2, 3] })] });
  assert.deepEqual(model.getWeights().map((w) => w.shape), [[3], [3], [3], [3]]);
  const x = Float32Array.from({ length: 2 * 12 }, (_, i) => (i % 3) * 10 + i * 0.1);
  const y = model.predict(x, { training: true });
  for (let ch = 0; ch < 3; ch++) {
    const v = Array.from(y).filter((_, i) => i % 3 === ch);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    assert.ok(Math.abs(mean) < 1e-5, `channel ${ch} mean ${mean}`);
  }
  model.dispose();
});

test('a small CNN learns to tell horizontal from vertical bars', async () => {
  const n = 64;
  const x = new Float32Array(n * 36);
  const y = [];
  for (let i = 0; i < n; i++) {
    const k = i % 6, vertical = i % 2;
    for (let t = 0; t < 6; t++) x[i * 36 + (vertical ? t * 6 + k : k * 6 + t)] = 1;
    y.push(vertical);
  }
  const model = sequential({ seed: 1, layers: [layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
    layers.globalAveragePooling2d(), layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const h = await model.fit(x, y, { epochs: 40, batchSize: 16, verbose: 0 });
  assert.ok(h.history.accuracy.at(-1) === 1, `accuracy ${h.history.accuracy.at(-1)}`);
  model.dispose();
});

const bad = [
  ['kernel larger than the input (valid)', () => sequential({ layers: [layers.conv2d({ filters: 2, kernelSize: 5, inputShape: [4, 4, 1] })] }),
    /^sequential: layer conv2d \(Conv2D\): kernelSize \[5, 5\] is larger than the input's height 4/],
  ['stride 0', () => layers.conv2d({ filters: 2, kernelSize: 3, strides: 0 }), /^layers\.conv2d: strides must be an integer in \[1, 65536\], got 0/],
  ['fractional stride', () => layers.conv2d({ filters: 2, kernelSize: 3, strides: [1, 1.5] }), /^layers\.conv2d: strides\[1\] must be an integer in \[1, 65536\], got 1\.5/],
  ['kernelSize of three', () => layers.conv2d({ filters: 2, kernelSize: [3, 3, 3] }), /^layers\.conv2d: kernelSize must be an integer in \[1, 65536\] or an array of two, got an array of length 3/],
  ['no kernelSize', () => layers.conv2d({ filters: 2 }), /^layers\.conv2d: kernelSize must be/],
  ['filters 0', () => layers.conv2d({ filters: 0, kernelSize: 3 }), /^layers\.conv2d: filters must be an integer in \[1, 65536\], got 0/],
  ['padding unknown', () => layers.conv2d({ filters: 1, kernelSize: 1, padding: 'full' }), /^layers\.conv2d: padding must be one of 'valid', 'same', got "full"/],
  ['inputShape not [H, W, C]', () => sequential({ layers: [layers.conv2d({ filters: 2, kernelSize: 3, inputShape: [28, 28] })] }),
    /^sequential: layer conv2d \(Conv2D\) takes an image of shape \[height, width, channels\] per sample, got input of shape \[28,28\] \(its inputShape\)/],
  ['conv after flatten', () => sequential({ layers: [layers.flatten({ inputShape: [4, 4, 1] }), layers.conv2d({ filters: 2, kernelSize: 3 })] }),
    /^sequential: layer conv2d \(Conv2D\) takes an image of shape \[height, width, channels\] per sample, got input of shape \[16\]$/],
  ['pooling leaves an empty output', () => sequential({ layers: [layers.maxPooling2d({ poolSize: 3, inputShape: [2, 5, 1] })] }),
    /^sequential: layer max_pooling2d \(MaxPooling2D\): poolSize \[3, 3\] is larger than the input's height 2 .* leaves an empty output/],
  ['average pooling stride 0', () => layers.averagePooling2d({ strides: 0 }), /^layers\.averagePooling2d: strides must be/],
  ['global pooling on vectors', () => sequential({ layers: [layers.globalAveragePooling2d({ inputShape: [8] })] }), /takes an image of shape/],
  ['pooling unknown option', () => layers.maxPooling2d({ pool: 2 }), /^layers\.maxPooling2d: unknown option "pool"/],
];

for (const [what, call, pattern] of bad) {
  test(`bad input: ${what}`, () => assert.throws(call, (e) => e instanceof Error && pattern.test(e.message)));
}

test('a bad x leaves a CNN unchanged and usable', async () => {
  const model = sequential({ seed: 1, layers: [layers.conv2d({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] }), layers.flatten(),
    layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  const before = model.getWeights().map((w) => Array.from(w.values));
  await assert.rejects(model.fit(new Float32Array(24), [0], { verbose: 0 }), /fit: x must be a non-empty Float32Array whose length is n × 5 × 5 × 1/);
  assert.deepEqual(model.getWeights().map((w) => Array.from(w.values)), before);
  await model.fit(new Float32Array(50), [0, 1], { verbose: 0 });
  model.dispose();
});
