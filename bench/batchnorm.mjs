// batchnorm.mjs — cost of training diagnostics and of BatchNormalization (`node
// bench/batchnorm.mjs`; `npm run bench` runs it after bench/train.mjs). Measures training
// steps/s (one step = one batch forward + backward + SGD update, lr 0.01) of
//   1. W2 (Dense 784-128-64-10 relu relu softmax, categoricalCrossentropy, batch 64) for
//      simdtrain SIMD with model.fit diagnostics off and on (expectation: on is < 5% slower);
//      the two settings alternate run by run so machine noise hits both alike, and a paired
//      measure: the median over 21 triples (off, on, off) of short fits of on / mean(offs);
//   2. W4 = W2 with a BatchNormalization after each hidden Dense (784-128-BN-64-BN-10) for
//      simdtrain SIMD and scalar (model.fit; each build in its own worker_thread, as in
//      bench/train.mjs) and @tensorflow/tfjs-backend-wasm (SIMD, single-threaded;
//      model.trainOnBatch over pre-made batch tensors after a warm-up, as bench/peers/tfjs.mjs).
// Data: bench/workloads.mjs's seeded synthetic W2 data (identical for every peer). Every
// number is the median of 3 runs of a fixed wall budget. Prints a table and a final
// `JSON: {...}` line.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BUDGET_MS, LEARNING_RATE, RUNS, WORKLOADS, makeData, median, runWorker } from './workloads.mjs';

const W2 = WORKLOADS.W2;
const PAIRED_RUNS = 21;
const PAIRED_MS = 150;
/** W4: W2 with BatchNormalization (Keras defaults: momentum 0.99, epsilon 1e-3) after each hidden Dense. */
const W4 = { ...W2, title: 'Dense 784-128-BN-64-BN-10, batch 64', batchNorm: true };

const log = (text) => process.stderr.write(`${text}\n`);

// ---- simdtrain, inside a worker (one build per JS realm) ----------------------------------
async function simdtrainWorker() {
  const { init, layers, optimizers, sequential } = await import('../src/js/index.mjs');
  const { simd } = workerData;
  const info = await init({ simd });
  if (info.simd !== simd) throw new Error(`simdtrain init({ simd: ${simd} }) loaded simd: ${info.simd}`);
  const build = (w) => {
    const list = [];
    w.layers.forEach(([units, activation], i) => {
      list.push(layers.dense(i === 0 ? { units, activation, inputShape: [w.inputs] } : { units, activation }));
      if (w.batchNorm && i < w.layers.length - 1) list.push(layers.batchNormalization());
    });
    const model = sequential({ seed: 7, layers: list });
    model.compile({ optimizer: optimizers.sgd({ learningRate: LEARNING_RATE }), loss: w.loss });
    return model;
  };
  const { x, y, rows } = makeData('W2');
  // Milliseconds of model.fit over the W2 data.
  const timeFit = async (model, epochs, diagnostics) => {
    const start = performance.now();
    await model.fit(x, y, { epochs, batchSize: W2.batchSize, diagnostics, verbose: 0 });
    return performance.now() - start;
  };
  // Steps/s of model.fit with the given diagnostics setting; epochs sized to ~BUDGET_MS.
  const fitRate = async (w, settings) => {
    const model = build(w);
    const batches = Math.ceil(rows / w.batchSize);
    const fit = (epochs, diagnostics) => timeFit(model, epochs, diagnostics);
    await fit(1, settings[0]);
    let epochs = 1;
    let ms = await fit(epochs, settings[0]);
    while (ms < 200) ms = await fit(epochs *= 4, settings[0]);
    epochs = Math.max(1, Math.round((epochs * BUDGET_MS) / ms));
    const runs = settings.map(() => []);
    for (let r = 0; r < RUNS; r++) {
      for (const [k, diagnostics] of settings.entries()) runs[k].push((epochs * batches) / ((await fit(epochs, diagnostics)) / 1000));
    }
    model.dispose();
    return runs.map((list) => ({ median: median(list), runs: list }));
  };
  // Diagnostics' cost as the median over PAIRED_RUNS of on / mean(off before, off after), each
  // fit ~PAIRED_MS: a slow spell of the shared machine then hits both sides of one ratio.
  const pairedSlowdown = async () => {
    const model = build(W2);
    const time = (epochs, diagnostics) => timeFit(model, epochs, diagnostics);
    await time(1, true);
    const epochs = Math.max(1, Math.round(PAIRED_MS / (await time(1, false))));
    const ratios = [];
    for (let r = 0; r < PAIRED_RUNS; r++) {
      const before = await time(epochs, false), on = await time(epochs, true), after = await time(epochs, false);
      ratios.push(on / ((before + after) / 2) - 1);
    }
    model.dispose();
    return median(ratios);
  };
  const result = { simd };
  if (simd) {
    [result.W2off, result.W2on] = await fitRate(W2, [false, true]);
    result.pairedSlowdown = await pairedSlowdown();
  }
  [result.W4] = await fitRate(W4, [false]);
  parentPort.postMessage(result);
}

// ---- tfjs-backend-wasm ---------------------------------------------------------------------
async function tfjsW4() {
  const tf = await import('@tensorflow/tfjs');
  const { trainRate, useBackend } = await import('./peers/tfjs.mjs');
  await useBackend('wasm');
  const data = makeData('W2');
  const list = [];
  W4.layers.forEach(([units, activation], i) => {
    list.push(tf.layers.dense(i === 0 ? { units, activation, inputShape: [data.inputs] } : { units, activation }));
    if (i < W4.layers.length - 1) list.push(tf.layers.batchNormalization({ momentum: 0.99, epsilon: 1e-3 }));
  });
  const model = tf.sequential({ layers: list });
  model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: W4.loss });
  return trainRate(model, W4.batchSize, data);
}

// ---- main ----------------------------------------------------------------------------------
async function main() {
  log('measuring simdtrain SIMD (W2 diagnostics off/on, W4) ...');
  const simd = await runWorker(new URL(import.meta.url), true);
  log('measuring simdtrain scalar (W4) ...');
  const scalar = await runWorker(new URL(import.meta.url), false);
  log('measuring tfjs-wasm (W4) ...');
  const tfjs = await tfjsW4();
  const results = {
    W2: { 'simdtrain-simd diagnostics off': simd.W2off, 'simdtrain-simd diagnostics on': simd.W2on },
    W4: { 'simdtrain-simd': simd.W4, 'simdtrain-scalar': scalar.W4, 'tfjs-wasm': tfjs },
  };
  const slowdown = 1 - simd.W2on.median / simd.W2off.median;
  const format = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
  const rowsOut = [
    ...Object.entries(results.W2).map(([peer, r]) => [`W2 ${W2.title}`, peer, format(r.median), r.runs.map(format).join(' / ')]),
    ...Object.entries(results.W4).map(([peer, r]) => [`W4 ${W4.title}`, peer, format(r.median), r.runs.map(format).join(' / ')]),
  ];
  const head = ['workload', 'peer', 'steps/s (median)', 'runs'];
  const widths = head.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log([line(head), '-'.repeat(widths.reduce((a, w) => a + w + 2, -2)), ...rowsOut.map(line)].join('\n'));
  const times = (a, b) => `${(a / b).toFixed(2)}×`;
  console.log(`\nW2 fit diagnostics on vs off: ${(slowdown * 100).toFixed(1)}% slower by the medians above; ` +
    `${(simd.pairedSlowdown * 100).toFixed(1)}% by the median of ${PAIRED_RUNS} paired runs (expectation < 5%)`);
  console.log(`W4: simdtrain SIMD is ${times(simd.W4.median, scalar.W4.median)} simdtrain scalar, ${times(simd.W4.median, tfjs.median)} tfjs-wasm`);
  console.log(`W4 vs W2 (simdtrain SIMD, diagnostics off): BatchNormalization costs ${((1 - simd.W4.median / simd.W2off.median) * 100).toFixed(1)}% of the steps/s`);
  console.log(`JSON: ${JSON.stringify({ results, diagnosticsSlowdown: slowdown, diagnosticsPairedSlowdown: simd.pairedSlowdown })}`);
}

if (isMainThread) await main();
else await simdtrainWorker();
