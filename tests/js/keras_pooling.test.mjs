// keras_pooling.test.mjs — Keras 3's own pooling tests, channels_last cases, transcribed:
// keras/src/layers/pooling/max_pooling_test.py and average_pooling_test.py (@1cbb88b, @07caba3).
// The Basic tests' expected output shapes are literal; the Correctness tests compare against
// Keras's NumPy references np_maxpool2d / np_avgpool2d, written out below as Keras has them
// (same padding: _same_padding rows/columns at the bottom/right, -inf for max, edge values for
// average), on the tests' np.arange inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const pair = (v) => (Array.isArray(v) ? v : [v, v]);
const samePadding = (size, pool, stride) => (size % stride === 0 ? Math.max(pool - stride, 0) : Math.max(pool - (size % stride), 0));

// np_maxpool2d / np_avgpool2d for one sample [h, w, c], channels last.
function npPool(x, [h, w, c], poolSize, strides, padding, kind) {
  const [ph, pw] = pair(poolSize), [sh, sw] = pair(strides);
  const padH = padding === 'same' ? samePadding(h, ph, sh) : 0, padW = padding === 'same' ? samePadding(w, pw, sw) : 0;
  const H = h + padH, W = w + padW;
  const at = (i, j, k) => {
    if (i < h && j < w) return x[(i * w + j) * c + k];
    if (kind === 'max') return -Infinity;
    return x[(Math.min(i, h - 1) * w + Math.min(j, w - 1)) * c + k]; // mode="edge"
  };
  const oh = Math.floor((H - ph) / sh) + 1, ow = Math.floor((W - pw) / sw) + 1;
  const out = [];
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      for (let k = 0; k < c; k++) {
        const values = [];
        for (let a = 0; a < ph; a++) for (let b = 0; b < pw; b++) values.push(at(i * sh + a, j * sw + b, k));
        out.push(kind === 'max' ? Math.max(...values) : values.reduce((s, v) => s + v, 0) / values.length);
      }
    }
  }
  return { shape: [oh, ow, c], values: out };
}

const FACTORY = { max: 'maxPooling2d', average: 'averagePooling2d' };
const model = (kind, poolSize, strides, padding, shape) =>
  sequential({ layers: [layers[FACTORY[kind]]({ poolSize, strides, padding, inputShape: shape })] });

test('Basic tests: output shapes (test_max_pooling2d, test_average_pooling2d, channels_last)', () => {
  for (const [kind, poolSize, strides, padding, outputShape] of [
    ['max', 2, 1, 'valid', [3, 4, 4, 4]], ['max', [2, 3], [2, 2], 'valid', [3, 2, 2, 4]],
    ['average', 2, 1, 'valid', [3, 4, 4, 4]], ['average', 2, 1, 'same', [3, 5, 5, 4]],
    ['average', [2, 3], [2, 2], 'valid', [3, 2, 2, 4]], ['average', [2, 3], [2, 2], 'same', [3, 3, 3, 4]],
  ]) {
    const m = model(kind, poolSize, strides, padding, [5, 5, 4]);
    assert.deepEqual(m.outputShape, [null, ...outputShape.slice(1)], `${kind} ${poolSize} ${strides} ${padding}`);
    assert.equal(m.predict(new Float32Array(3 * 5 * 5 * 4)).length, outputShape.reduce((a, n) => a * n, 1));
    assert.equal(m.getWeights().length, 0);
    m.dispose();
  }
});

test('Correctness tests: values against Keras\'s NumPy references on np.arange inputs', () => {
  const cases = [
    ['max', [5, 5, 4], 2, 1, 'valid'], ['max', [5, 5, 4], [2, 2], [2, 2], 'same'], ['max', [5, 5, 4], [2, 3], [3, 3], 'same'],
    ['average', [4, 4, 1], 2, 1, 'valid'], ['average', [4, 4, 1], [2, 3], [2, 2], 'valid'],
    ['average', [4, 4, 1], 2, [2, 1], 'same'], ['average', [4, 4, 1], [2, 2], [2, 2], 'same'],
  ];
  for (const [kind, shape, poolSize, strides, padding] of cases) {
    const x = Float32Array.from({ length: shape.reduce((a, n) => a * n, 1) }, (_, i) => i);
    const expected = npPool(x, shape, poolSize, strides, padding, kind);
    const m = model(kind, poolSize, strides, padding, shape);
    assert.deepEqual(m.outputShape, [null, ...expected.shape], `${kind} ${poolSize} ${strides} ${padding}: shape`);
    const got = Array.from(m.predict(x));
    got.forEach((v, i) => assert.ok(Math.abs(v - expected.values[i]) <= 1e-6 * Math.max(1, Math.abs(expected.values[i])),
      `${kind} ${poolSize} ${strides} ${padding}: [${i}] ${v} vs ${expected.values[i]}`));
    m.dispose();
  }
});
