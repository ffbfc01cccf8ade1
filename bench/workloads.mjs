// workloads.mjs — the benchmark's shared definitions: the two training workloads, their
// seeded synthetic data (identical for every peer), the 256³ matrix-product case, and
// the timing helpers (fixed wall budget per measurement, median of 3 runs), and the
// worker_thread each simdtrain build is measured in (one build per JS realm).
import { Worker } from 'node:worker_threads';
import { mulberry32 as random } from '../web/js/lib/random.mjs';

export const LEARNING_RATE = 0.01;
export const RUNS = 3;
export const BUDGET_MS = 2000;
export const MATMUL_BUDGET_MS = 400;
export const MATMUL_SIZE = 256;
export const MATMUL_FORMS = ['A·B', 'Aᵀ·B', 'A·Bᵀ'];

/** Each workload: Dense layers (units, activation) after `inputs`, a loss, a batch size. */
export const WORKLOADS = {
  W1: {
    title: 'Dense 2-8-8-1, batch 10',
    inputs: 2,
    layers: [[8, 'relu'], [8, 'relu'], [1, 'sigmoid']],
    loss: 'binaryCrossentropy',
    batchSize: 10,
    rows: 1000,
  },
  W2: {
    title: 'Dense 784-128-64-10, batch 64',
    inputs: 784,
    layers: [[128, 'relu'], [64, 'relu'], [10, 'softmax']],
    loss: 'categoricalCrossentropy',
    batchSize: 64,
    rows: 6400,
  },
};

/** mulberry32: the seeded generator of floats in [0, 1) shared with the site and the tests. */
export { random };

/**
 * The workload's data as flat row-major Float32Arrays: W1 is 2-D points in [-1, 1)²
 * labelled by the XOR of their signs; W2 is uniform rows with random one-hot labels.
 */
export function makeData(name) {
  const w = WORKLOADS[name];
  const rand = random(name === 'W1' ? 1 : 2);
  const outputs = w.layers[w.layers.length - 1][0];
  const x = new Float32Array(w.rows * w.inputs);
  const y = new Float32Array(w.rows * outputs);
  for (let r = 0; r < w.rows; r++) {
    for (let i = 0; i < w.inputs; i++) x[r * w.inputs + i] = rand() * 2 - 1;
    if (name === 'W1') y[r] = (x[2 * r] > 0) !== (x[2 * r + 1] > 0) ? 1 : 0;
    else y[r * outputs + Math.floor(rand() * outputs)] = 1;
  }
  return { x, y, rows: w.rows, inputs: w.inputs, outputs };
}

export function randomMatrix(n, seed) {
  const rand = random(seed);
  return Float32Array.from({ length: n }, () => rand() * 2 - 1);
}

/** Throws unless c holds the product `form` of the square matrices a and b at 64 sampled entries. */
export function checkProduct(who, form, a, b, c) {
  const n = MATMUL_SIZE;
  const rand = random(5);
  for (let s = 0; s < 64; s++) {
    const i = Math.floor(rand() * n);
    const j = Math.floor(rand() * n);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += (form === 1 ? a[k * n + i] : a[i * n + k]) * (form === 2 ? b[j * n + k] : b[k * n + j]);
    if (!(Math.abs(sum - c[i * n + j]) <= 1e-4 * Math.max(1, Math.abs(sum)))) {
      throw new Error(`${who}: matmul ${MATMUL_FORMS[form]} gives ${c[i * n + j]} at [${i}, ${j}], expected ${sum}`);
    }
  }
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Call step() (sync or async) until budgetMs of wall time passed; returns calls per second. */
export async function rate(step, budgetMs) {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await step(n++);
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return n / (elapsed / 1000);
}

/** Same as rate() for a synchronous step, without awaiting each call. */
export function rateSync(step, budgetMs) {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    step(n++);
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return n / (elapsed / 1000);
}

/** Run measure() RUNS times; returns { median, runs }. */
export async function repeat(measure) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure());
  return { median: median(runs), runs };
}

/** GFLOP/s of a square matrix product repeated `perSecond` times a second. */
export const gflops = (perSecond) => (2 * MATMUL_SIZE ** 3 * perSecond) / 1e9;

/** Run the module at `url` in a worker_thread with workerData { simd }; its first message. */
export function runWorker(url, simd) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: { simd } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`simdtrain worker (simd: ${simd}) exited with code ${code}`)));
  });
}
