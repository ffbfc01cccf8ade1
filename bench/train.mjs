// train.mjs — simdtrain against its peers, in one run (`node bench/train.mjs`; `npm run
// bench` builds the wasm first). Measures
//   1. training steps/s (one step = one batch forward + backward + SGD update, lr 0.01) on
//      W1 (Dense 2-8-8-1, batch 10) and W2 (Dense 784-128-64-10, batch 64) for simdtrain
//      SIMD and scalar (model.fit, each build in its own worker_thread), tfjs on the cpu
//      and wasm (SIMD, single-threaded) backends (trainOnBatch) and convnetjs (Trainer);
//   2. 256×256×256 matrix products A·B, Aᵀ·B, A·Bᵀ in GFLOP/s for simdtrain's st_matmul
//      (both builds) and tf.matMul on the tfjs wasm backend.
// Every number is the median of 3 runs of a fixed wall budget (bench/workloads.mjs).
// Prints a table, simdtrain SIMD's speed-up over each peer, and a final `JSON: {...}` line.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import * as convnetjs from './peers/convnetjs.mjs';
import * as tfjs from './peers/tfjs.mjs';
import { MATMUL_FORMS, MATMUL_SIZE, WORKLOADS, runWorker } from './workloads.mjs';

const require = createRequire(import.meta.url);
const version = (name) => require(`${name}/package.json`).version;
const PEERS = ['simdtrain-simd', 'simdtrain-scalar', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs'];

const simdtrainWorker = (simd) => runWorker(new URL('./simdtrain_worker.mjs', import.meta.url), simd);

const log = (text) => process.stderr.write(`${text}\n`);

async function measure() {
  const results = { W1: {}, W2: {}, matmul: {} };
  for (const simd of [true, false]) {
    const peer = simd ? 'simdtrain-simd' : 'simdtrain-scalar';
    log(`measuring ${peer} ...`);
    const r = await simdtrainWorker(simd);
    results.W1[peer] = r.W1;
    results.W2[peer] = r.W2;
    results.matmul[peer] = r.matmul;
  }
  for (const backend of ['cpu', 'wasm']) {
    const peer = `tfjs-${backend}`;
    log(`measuring ${peer} ...`);
    await tfjs.useBackend(backend);
    results.W1[peer] = await tfjs.train('W1');
    results.W2[peer] = await tfjs.train('W2');
    if (backend === 'wasm') results.matmul[peer] = await tfjs.matmul();
  }
  log('measuring convnetjs ...');
  results.W1.convnetjs = await convnetjs.train('W1');
  results.W2.convnetjs = await convnetjs.train('W2');
  return results;
}

const format = (v) => (v === undefined ? '—' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
const times = (a, b) => { const r = a / b; return `${r >= 10 ? Math.round(r) : r.toFixed(1)}×`; };

function table(results) {
  const rows = [
    ...Object.entries(WORKLOADS).map(([name, w]) => [`${name} ${w.title} (steps/s)`, results[name]]),
    ...MATMUL_FORMS.map((form) => [`matmul ${MATMUL_SIZE}³ ${form} (GFLOP/s)`,
      Object.fromEntries(Object.entries(results.matmul).map(([peer, r]) => [peer, r[form]]))]),
  ].map(([label, byPeer]) => [label, ...PEERS.map((p) => format(byPeer[p]?.median))]);
  const head = ['case', ...PEERS];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = '-'.repeat(widths.reduce((a, w) => a + w + 2, -2));
  return [line(head), rule, ...rows.map(line)].join('\n');
}

function ratios(results) {
  const lines = [];
  const against = (label, byPeer) => {
    const base = byPeer['simdtrain-simd'].median;
    const parts = PEERS.slice(1).filter((p) => byPeer[p]).map((p) => `${times(base, byPeer[p].median)} ${p}`);
    lines.push(`${label}: simdtrain SIMD is ${parts.join(', ')}`);
  };
  for (const name of Object.keys(WORKLOADS)) against(name, results[name]);
  for (const form of MATMUL_FORMS) {
    against(`matmul ${form}`, Object.fromEntries(Object.entries(results.matmul).map(([p, r]) => [p, r[form]])));
  }
  return lines.join('\n');
}

function medians(results) {
  const pick = (byPeer) => Object.fromEntries(Object.entries(byPeer).map(([p, r]) => [p, Number(r.median.toPrecision(4))]));
  return {
    W1_steps_per_s: pick(results.W1),
    W2_steps_per_s: pick(results.W2),
    ...Object.fromEntries(MATMUL_FORMS.map((form, i) => [`matmul${MATMUL_SIZE}_form${i}_gflops`,
      pick(Object.fromEntries(Object.entries(results.matmul).map(([p, r]) => [p, r[form]])))])),
  };
}

const started = performance.now();
const results = await measure();
console.log(table(results));
console.log();
console.log(ratios(results));
console.log(`JSON: ${JSON.stringify({
  node: process.version,
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model,
  versions: Object.fromEntries(['simdtrain', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'convnetjs']
    .map((name) => [name, name === 'simdtrain' ? require('../package.json').version : version(name)])),
  seconds: Math.round((performance.now() - started) / 1000),
  medians: medians(results),
})}`);
