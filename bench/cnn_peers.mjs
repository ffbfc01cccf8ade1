// cnn_peers.mjs — the LeNet-5 workload of bench/cnn.mjs, built the same way in each library:
//   28×28×1 → conv 5×5×6 same + relu → max pool 2 → conv 5×5×16 valid + relu → max pool 2
//   → flatten → dense 120 relu → dense 84 relu → dense 10 softmax; batch 32; Adam (lr 1e-3);
// sparse labels for simdtrain, one-hot for tfjs, class indices for convnetjs. One training
// step = one batch forward + backward + Adam update. Data: seeded uniform images.
import { createRequire } from 'node:module';
import { rate, rateSync, repeat } from './workloads.mjs';

export const BATCH = 32;
export const ROWS = BATCH * 16;
const WARMUP_MS = 1000;

/** Seeded images [ROWS, 784] in [0, 1) and labels in [0, 10). */
export function cnnData() {
  let s = 12345;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = new Float32Array(ROWS * 784).map(() => random());
  const y = Int32Array.from({ length: ROWS }, () => Math.floor(random() * 10));
  return { x, y };
}

/** Multiply-adds × 2 of one training step: forward, the weight gradients, and the input
 *  gradients of every layer but the first (which no library computes). */
export function stepFlops() {
  const layers = [ // [output positions per sample, reduction length, outputs per position]
    [28 * 28, 5 * 5 * 1, 6], [10 * 10, 5 * 5 * 6, 16], [1, 400, 120], [1, 120, 84], [1, 84, 10]];
  return layers.reduce((sum, [p, k, f], i) => sum + 2 * BATCH * p * k * f * (i === 0 ? 2 : 3), 0);
}

/** simdtrain (the build init() loaded): steps/s of model.fit over the data, { median, runs }. */
export async function simdtrainRate({ layers, optimizers, sequential }) {
  const model = sequential({ seed: 1, layers: [
    layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
    layers.maxPooling2d(), layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }), layers.maxPooling2d(),
    layers.flatten(), layers.dense({ units: 120, activation: 'relu' }), layers.dense({ units: 84, activation: 'relu' }),
    layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: optimizers.adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
  const { x, y } = cnnData();
  const epoch = async () => {
    const start = performance.now();
    await model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0 });
    return (ROWS / BATCH) / ((performance.now() - start) / 1000);
  };
  const warm = performance.now();
  while (performance.now() - warm < WARMUP_MS) await epoch();
  const result = await repeat(async () => {
    const start = performance.now();
    let steps = 0;
    while (performance.now() - start < 2000) steps += (await epoch(), ROWS / BATCH);
    return steps / ((performance.now() - start) / 1000);
  });
  model.dispose();
  return result;
}

/** convnetjs 0.3: Net + Trainer (adam, batch_size 32), fed sample by sample. */
export async function convnetjsRate() {
  const convnetjs = createRequire(import.meta.url)('convnetjs');
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new convnetjs.Trainer(net, { method: 'adam', learning_rate: 1e-3, batch_size: BATCH, l2_decay: 0 });
  const { x, y } = cnnData();
  const samples = Array.from({ length: ROWS }, (_, r) => {
    const v = new convnetjs.Vol(28, 28, 1, 0);
    v.w.set(x.subarray(r * 784, (r + 1) * 784));
    return [v, y[r]];
  });
  const step = (s) => { for (let i = 0; i < BATCH; i++) trainer.train(...samples[(s * BATCH + i) % ROWS]); };
  rateSync(step, WARMUP_MS);
  return repeat(() => rateSync(step, 2000));
}

/** @tensorflow/tfjs on `backend`: steps/s of trainOnBatch, or { unsupported: message }. */
export async function tfjsRate(backend) {
  const tf = await import('@tensorflow/tfjs');
  const { useBackend } = await import('./peers/tfjs.mjs');
  await useBackend(backend);
  const model = tf.sequential({ layers: [
    tf.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
    tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 120, activation: 'relu' }),
    tf.layers.dense({ units: 84, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const { x, y } = cnnData();
  const xs = tf.tensor4d(x.subarray(0, BATCH * 784), [BATCH, 28, 28, 1]);
  const ys = tf.tensor1d(Array.from(y.subarray(0, BATCH)), 'float32');
  try {
    await model.trainOnBatch(xs, ys);
  } catch (error) {
    model.dispose();
    return { unsupported: String(error.message ?? error).split('\n')[0] };
  }
  const step = () => model.trainOnBatch(xs, ys);
  await rate(step, WARMUP_MS);
  const result = await repeat(() => rate(step, 2000));
  model.dispose();
  xs.dispose();
  ys.dispose();
  return result;
}
