// peers/tfjs.mjs — @tensorflow/tfjs on its 'cpu' backend (plain JS) or on
// @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD build, threads off). Training: a tf.sequential
// of the same Dense layers, SGD, model.trainOnBatch over pre-made batch tensors, timed after
// a warm-up of WARMUP_MS (tfjs needs it to settle), in prod mode (tf.enableProdMode()).
// Matrix products: tf.matMul(a, b,
// transposeA, transposeB) with dataSync() to force completion.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import {
  BUDGET_MS, LEARNING_RATE, MATMUL_BUDGET_MS, MATMUL_FORMS, MATMUL_SIZE, WORKLOADS,
  checkProduct, gflops, makeData, randomMatrix, rate, rateSync, repeat,
} from '../workloads.mjs';

const WARMUP_MS = 1500;
const TRANSPOSE = { 'A·B': [false, false], 'Aᵀ·B': [true, false], 'A·Bᵀ': [false, true] }; // by MATMUL_FORMS label

tf.enableProdMode();

/** Switch to backend 'cpu' or 'wasm' (SIMD, single-threaded); throws if SIMD is not in use. */
export async function useBackend(name) {
  if (name === 'wasm') {
    setWasmPaths(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  if (!(await tf.setBackend(name)) || tf.getBackend() !== name) throw new Error(`tfjs: backend ${name} did not load`);
  if (name === 'wasm' && !tf.env().getBool('WASM_HAS_SIMD_SUPPORT')) throw new Error('tfjs: the wasm backend is not using SIMD');
}

/** Steps/s of model.trainOnBatch on workload `name`: { median, runs }. */
export async function train(name) {
  const w = WORKLOADS[name];
  const model = tf.sequential({
    layers: w.layers.map(([units, activation], i) => tf.layers.dense(
      i === 0 ? { units, activation, inputShape: [w.inputs] } : { units, activation })),
  });
  model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: w.loss });
  return trainRate(model, w.batchSize, makeData(name));
}

/**
 * Steps/s of a compiled model's trainOnBatch over the batches of `data` (makeData's shape),
 * after a warm-up: { median, runs }. Checks for leaked tensors; disposes the model.
 */
export async function trainRate(model, batchSize, { x, y, rows, inputs, outputs }) {
  const batches = [];
  for (let r = 0; r + batchSize <= rows; r += batchSize) {
    batches.push([
      tf.tensor2d(x.subarray(r * inputs, (r + batchSize) * inputs), [batchSize, inputs]),
      tf.tensor2d(y.subarray(r * outputs, (r + batchSize) * outputs), [batchSize, outputs]),
    ]);
  }
  const step = (i) => model.trainOnBatch(...batches[i % batches.length]);
  await rate(step, WARMUP_MS);
  const tensors = tf.memory().numTensors;
  const result = await repeat(() => rate(step, BUDGET_MS));
  if (tf.memory().numTensors !== tensors) throw new Error(`tfjs: trainOnBatch leaked ${tf.memory().numTensors - tensors} tensors`);
  batches.flat().forEach((t) => t.dispose());
  model.dispose();
  return result;
}

/** GFLOP/s of tf.matMul for each form: { [form]: { median, runs } }. */
export async function matmul() {
  const n = MATMUL_SIZE;
  const [aValues, bValues] = [randomMatrix(n * n, 3), randomMatrix(n * n, 4)];
  const a = tf.tensor2d(aValues, [n, n]);
  const b = tf.tensor2d(bValues, [n, n]);
  const results = {};
  for (const [form, label] of MATMUL_FORMS.entries()) {
    const step = () => {
      const c = tf.matMul(a, b, ...TRANSPOSE[label]);
      const values = c.dataSync();
      c.dispose();
      return values;
    };
    checkProduct(`tfjs-${tf.getBackend()}`, form, aValues, bValues, step());
    rateSync(step, MATMUL_BUDGET_MS / 2);
    const r = await repeat(() => rateSync(step, MATMUL_BUDGET_MS));
    results[label] = { median: gflops(r.median), runs: r.runs.map(gflops) };
  }
  a.dispose();
  b.dispose();
  return results;
}
