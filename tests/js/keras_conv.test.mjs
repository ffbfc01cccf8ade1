// keras_conv.test.mjs — Keras 3's own Conv2D tests, the cases simdtrain supports (channels_last,
// dilation_rate 1, groups 1), transcribed from keras/src/layers/convolutional/conv_test.py
// (@04cf978). The Basic and LoRA tests' expected output shapes and weight counts are literal;
// the Correctness test compares against Keras's NumPy reference np_conv2d, written out below as
// Keras has it (zero padding split by _same_padding, the odd row/column at the bottom/right, then
// strided windows · kernel + bias), on inputs [2, 8, 8, 4] with kernel and bias drawn from a
// normal distribution, within the test's rtol = 5e-4 (assertAllClose's atol 1e-6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, sequential } from '../../src/js/index.mjs';
import { mulberry32 } from '../../web/js/lib/random.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const pair = (v) => (Array.isArray(v) ? v : [v, v]);
const product = (shape) => shape.reduce((a, n) => a * n, 1);

function samePadding(inputSize, kernelSize, stride) {
  const padding = inputSize % stride === 0 ? Math.max(kernelSize - stride, 0) : Math.max(kernelSize - (inputSize % stride), 0);
  return [Math.floor(padding / 2), padding - Math.floor(padding / 2)];
}

// np_conv2d for x [n, h, w, cin] (float64), kernel [kh, kw, cin, cout], bias [cout].
function npConv2d(x, [n, h, w, cin], kernel, kernelSize, bias, strides, padding) {
  const [kh, kw] = pair(kernelSize), [sh, sw] = pair(strides), cout = bias.length;
  const [top, bottom] = padding === 'same' ? samePadding(h, kh, sh) : [0, 0];
  const [left, right] = padding === 'same' ? samePadding(w, kw, sw) : [0, 0];
  const H = h + top + bottom, W = w + left + right;
  const at = (b, i, j, c) => {
    const r = i - top, s = j - left;
    return r < 0 || r >= h || s < 0 || s >= w ? 0 : x[((b * h + r) * w + s) * cin + c];
  };
  const hOut = Math.floor((H - kh) / sh) + 1, wOut = Math.floor((W - kw) / sw) + 1;
  const out = new Float64Array(n * hOut * wOut * cout);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < hOut; i++) {
      for (let j = 0; j < wOut; j++) {
        for (let f = 0; f < cout; f++) {
          let sum = bias[f];
          for (let a = 0; a < kh; a++) {
            for (let e = 0; e < kw; e++) {
              for (let c = 0; c < cin; c++) sum += at(b, i * sh + a, j * sw + e, c) * kernel[((a * kw + e) * cin + c) * cout + f];
            }
          }
          out[((b * hOut + i) * wOut + j) * cout + f] = sum;
        }
      }
    }
  }
  return { shape: [hOut, wOut, cout], values: out };
}

// np.random.normal: Box–Muller over a seeded uniform source, rounded to float32 (the layer's dtype).
function normals(count, seed) {
  const random = mulberry32(seed);
  return Float32Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

const conv = (config, inputShape) => sequential({ layers: [layers.conv2d({ ...config, inputShape })] });

test('test_conv2d_basic, test_enable_lora, test_lora_rank_argument: output shapes and weight counts', () => {
  for (const [config, inputShape, outputShape] of [
    [{ filters: 5, kernelSize: 2, strides: 1, padding: 'valid' }, [3, 5, 5, 4], [3, 4, 4, 5]], // test_conv2d_basic
    [{ filters: 6, kernelSize: 3, strides: 1, padding: 'valid' }, [null, 5, 5, 4], [null, 3, 3, 6]], // conv2d_kernel_size3_strides1
    [{ filters: 5, kernelSize: 3, activation: 'sigmoid' }, [2, 5, 5, 4], [2, 3, 3, 5]], // test_lora_rank_argument
  ]) {
    const m = conv(config, inputShape.slice(1));
    const label = JSON.stringify(config);
    assert.deepEqual(m.outputShape, [null, ...outputShape.slice(1)], label);
    assert.equal(m.getWeights().length, 2, `${label}: expected_num_trainable_weights = 2 (kernel, bias)`);
    const rows = inputShape[0] ?? 2;
    assert.equal(m.predict(new Float32Array(rows * product(inputShape.slice(1)))).length, rows * product(outputShape.slice(1)), label);
    m.dispose();
  }
});

test('ConvCorrectnessTest.test_conv2d: values against Keras\'s np_conv2d (channels_last, no dilation, no groups)', () => {
  const shape = [2, 8, 8, 4];
  const cases = [
    { filters: 5, kernelSize: 2, strides: 1, padding: 'valid' },
    { filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
  ];
  cases.forEach((config, index) => {
    const x = normals(product(shape), 100 + index);
    const m = conv(config, shape.slice(1));
    const [kernelShape] = m.layers[0].getWeights().map((w) => w.shape);
    const kernel = normals(product(kernelShape), 200 + index), bias = normals(config.filters, 300 + index);
    m.layers[0].setWeights([kernel, bias]);
    const expected = npConv2d(x, shape, kernel, config.kernelSize, bias, config.strides, config.padding);
    assert.deepEqual(m.outputShape, [null, ...expected.shape], `${JSON.stringify(config)}: shape`);
    const got = m.predict(x);
    assert.equal(got.length, expected.values.length);
    got.forEach((v, i) => {
      const want = expected.values[i];
      assert.ok(Math.abs(v - want) <= 1e-6 + 5e-4 * Math.abs(want), `${JSON.stringify(config)}: [${i}] ${v} vs ${want}`);
    });
    m.dispose();
  });
});
