// tasks.mjs — chapter 6's sequence data and the one number the library does not report: the
// LSTM's forget-gate values, recomputed from its weights (Keras gate order i, f, c, o).
import { mulberry32 } from '../lib/random.mjs';

/** Recall the first input: n sequences of T numbers in [-1, 1), the label the first one. */
export function recallTask(seed, n, T) {
  const u = mulberry32(seed);
  const x = new Float32Array(n * T), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) x[i * T + t] = u() * 2 - 1;
    y[i] = x[i * T];
  }
  return { x, y };
}

/** The adding problem: per step a number in [0, 1) and a marker; the label is the sum of the
 *  two marked numbers, one in each half. Always answering 1 scores 1/6. */
export function addingTask(seed, n, T) {
  const u = mulberry32(seed);
  const x = new Float32Array(n * T * 2), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.floor(u() * (T / 2)), b = Math.floor(T / 2 + u() * (T / 2));
    for (let t = 0; t < T; t++) {
      x[(i * T + t) * 2] = u();
      x[(i * T + t) * 2 + 1] = t === a || t === b ? 1 : 0;
    }
    y[i] = x[(i * T + a) * 2] + x[(i * T + b) * 2];
  }
  return { x, y };
}

const sigmoid = (v) => 1 / (1 + Math.exp(-v));

/**
 * Mean forget-gate value of an LSTM (weights [kernel [F, 4U], recurrentKernel [U, 4U], bias
 * [4U]] as getWeights gives them; sigmoid gates, tanh cell) over the first `n` sequences of x
 * [*, T, F], in float64.
 */
export function meanForgetGate(weights, x, n, T, F) {
  const [W, R, b] = weights.map((w) => w.values);
  const U = weights[1].shape[0];
  let sum = 0, count = 0;
  for (let s = 0; s < n; s++) {
    let h = new Float64Array(U), c = new Float64Array(U);
    for (let t = 0; t < T; t++) {
      const z = Float64Array.from(b);
      for (let k = 0; k < F; k++) {
        const v = x[(s * T + t) * F + k];
        for (let j = 0; j < 4 * U; j++) z[j] += v * W[k * 4 * U + j];
      }
      for (let k = 0; k < U; k++) for (let j = 0; j < 4 * U; j++) z[j] += h[k] * R[k * 4 * U + j];
      const hn = new Float64Array(U), cn = new Float64Array(U);
      for (let j = 0; j < U; j++) {
        const i = sigmoid(z[j]), f = sigmoid(z[U + j]), g = Math.tanh(z[2 * U + j]), o = sigmoid(z[3 * U + j]);
        cn[j] = f * c[j] + i * g;
        hn[j] = o * Math.tanh(cn[j]);
        sum += f;
        count++;
      }
      h = hn;
      c = cn;
    }
  }
  return sum / count;
}
