// peers/simdtrain.mjs — simdtrain measured the way users train: model.fit over the whole
// data set (batching, shuffling, forward, loss, backward and SGD run in C; JS enters wasm
// once per chunk of batches; fit keeps its defaults, so rows are shuffled every epoch).
// Steps/s = epochs × batches per epoch / wall time of fit().
// Matrix products go through the core's st_matmul export (the bridge's benchMatmul).
import * as bridge from '../../src/js/bridge.mjs';
import { init, layers, optimizers, sequential } from '../../src/js/index.mjs';
import {
  BUDGET_MS, LEARNING_RATE, MATMUL_BUDGET_MS, MATMUL_FORMS, MATMUL_SIZE, WORKLOADS,
  checkProduct, gflops, makeData, randomMatrix, rateSync, repeat,
} from '../workloads.mjs';

export async function load(simd) {
  return init({ simd });
}

function build(w) {
  const model = sequential({
    seed: 7,
    layers: w.layers.map(([units, activation], i) => layers.dense(
      i === 0 ? { units, activation, inputShape: [w.inputs] } : { units, activation })),
  });
  model.compile({ optimizer: optimizers.sgd({ learningRate: LEARNING_RATE }), loss: w.loss });
  return model;
}

/** Steps/s of model.fit on workload `name`: { median, runs }. */
export async function train(name) {
  const w = WORKLOADS[name];
  const { x, y, rows } = makeData(name);
  const model = build(w);
  const batches = Math.ceil(rows / w.batchSize);
  const fit = async (epochs) => {
    const start = performance.now();
    await model.fit(x, y, { epochs, batchSize: w.batchSize, verbose: 0 });
    return performance.now() - start;
  };
  await fit(1);
  let epochs = 1;
  let ms = await fit(epochs);
  while (ms < 200) ms = await fit(epochs *= 4);
  epochs = Math.max(1, Math.round((epochs * BUDGET_MS) / ms));
  const result = await repeat(async () => (epochs * batches) / ((await fit(epochs)) / 1000));
  model.dispose();
  return result;
}

/** GFLOP/s of st_matmul for each form on 256×256 by 256×256: { [form]: { median, runs } }. */
export async function matmul(simd) {
  await init({ simd });
  const { f32 } = bridge;
  const n = MATMUL_SIZE;
  const [a, b, c] = [0, 1, 2].map(() => bridge.alloc('matmul', n * n * 4));
  const [aValues, bValues] = [randomMatrix(n * n, 3), randomMatrix(n * n, 4)];
  f32(a, n * n).set(aValues);
  f32(b, n * n).set(bValues);
  const results = {};
  for (const [form, label] of MATMUL_FORMS.entries()) {
    const step = () => bridge.benchMatmul(form, n, n, n, a, b, c);
    step();
    checkProduct(`simdtrain (simd: ${simd})`, form, aValues, bValues, f32(c, n * n));
    rateSync(step, MATMUL_BUDGET_MS / 2);
    const r = await repeat(() => rateSync(step, MATMUL_BUDGET_MS));
    results[label] = { median: gflops(r.median), runs: r.runs.map(gflops) };
  }
  [a, b, c].forEach((p) => bridge.free(p));
  return results;
}
