// rnn_peers.mjs — the recurrent workloads of bench/rnn.mjs, built the same way in each library:
//   [T 50, F 8] → LSTM(64) | GRU(64) | SimpleRNN(64) (Keras defaults: tanh, sigmoid gates, GRU
//   reset_after) → Dense(1); batch 32; Adam (lr 1e-3); mean squared error. One training step =
//   one batch forward + backward through time + Adam update. Data: seeded uniform sequences in
//   [-1, 1), the target the mean of each sequence's first feature.
import { rate, repeat } from './workloads.mjs';

export const BATCH = 32;
export const T = 50;
export const F = 8;
export const UNITS = 64;
export const ROWS = BATCH * 8;
export const CELLS = { LSTM: { gates: 4, simdtrain: 'lstm', tfjs: 'lstm' }, GRU: { gates: 3, simdtrain: 'gru', tfjs: 'gru' },
  SimpleRNN: { gates: 1, simdtrain: 'simpleRNN', tfjs: 'simpleRNN' } };
const WARMUP_MS = 1000;
const BUDGET_MS = 2000;

/** Seeded sequences [ROWS, T, F] and targets [ROWS, 1]. */
export function rnnData() {
  let s = 2024;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = new Float32Array(ROWS * T * F).map(() => random() * 2 - 1);
  const y = new Float32Array(ROWS);
  for (let r = 0; r < ROWS; r++) for (let t = 0; t < T; t++) y[r] += x[(r * T + t) * F] / T;
  return { x, y };
}

/** Multiply-adds × 2 of one step's matrix products for a cell of g gates: the forward
 *  (x·W for every step, h·R for steps 2..T), the weight gradients (xᵀ·dz, hᵀ·dz over all steps)
 *  and ∂L/∂h_{t-1} = dz·Rᵀ for steps T..2; no input gradient (the first layer); the Dense(1)
 *  head and the cell's element-wise work are not counted. */
export function stepFlops(gates) {
  const gu = gates * UNITS, n = BATCH;
  const forward = 2 * n * T * gu * F + 2 * n * (T - 1) * gu * UNITS;
  const weights = 2 * n * T * gu * (F + UNITS);
  const state = 2 * n * (T - 1) * gu * UNITS;
  return forward + weights + state;
}

/** simdtrain (the build init() loaded): steps/s of model.fit over the data, { median, runs }. */
export async function simdtrainRate({ layers, optimizers, sequential }, cell) {
  const model = sequential({ seed: 1, layers: [
    layers[CELLS[cell].simdtrain]({ units: UNITS, inputShape: [T, F] }), layers.dense({ units: 1 })] });
  model.compile({ optimizer: optimizers.adam({ learningRate: 1e-3 }), loss: 'mse' });
  const { x, y } = rnnData();
  const epoch = () => model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0 });
  const warm = performance.now();
  while (performance.now() - warm < WARMUP_MS) await epoch();
  const result = await repeat(async () => {
    const start = performance.now();
    let steps = 0;
    while (performance.now() - start < BUDGET_MS) steps += (await epoch(), ROWS / BATCH);
    return steps / ((performance.now() - start) / 1000);
  });
  model.dispose();
  return result;
}

/** @tensorflow/tfjs on `backend` ('cpu' or 'wasm'): steps/s of trainOnBatch, or { unsupported }. */
export async function tfjsRate(backend, cell) {
  const tf = await import('@tensorflow/tfjs');
  const { useBackend } = await import('./peers/tfjs.mjs');
  await useBackend(backend);
  const model = tf.sequential({ layers: [
    tf.layers[CELLS[cell].tfjs]({ units: UNITS, inputShape: [T, F] }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const { x, y } = rnnData();
  const batches = [];
  for (let r = 0; r < ROWS; r += BATCH) {
    batches.push([tf.tensor3d(x.subarray(r * T * F, (r + BATCH) * T * F), [BATCH, T, F]),
      tf.tensor2d(y.subarray(r, r + BATCH), [BATCH, 1])]);
  }
  const dispose = () => { model.dispose(); batches.flat().forEach((b) => b.dispose()); };
  try {
    await model.trainOnBatch(...batches[0]);
  } catch (error) {
    dispose();
    return { unsupported: String(error.message ?? error).split('\n')[0] };
  }
  const step = (i) => model.trainOnBatch(...batches[i % batches.length]);
  await rate(step, WARMUP_MS);
  const result = await repeat(() => rate(step, BUDGET_MS));
  dispose();
  return result;
}
