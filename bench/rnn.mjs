// rnn.mjs — training recurrent networks (bench/rnn_peers.mjs: LSTM(64), GRU(64), SimpleRNN(64)
// on sequences of 50 steps × 8 features, Dense(1), batch 32, Adam) in one run (`node
// bench/rnn.mjs`; `npm run bench` builds the wasm first): steps/s of simdtrain SIMD and scalar
// (model.fit, each build in its own worker) and @tensorflow/tfjs on its cpu and wasm backends
// (trainOnBatch). For simdtrain, each step's effective GFLOP/s (stepFlops() × steps/s) beside
// the 256³ A·B GEMM rate of the same build and run. Every number is the median of 3 runs of
// 2 s. Prints a table and a final `JSON: {...}` line.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { CELLS, stepFlops, tfjsRate } from './rnn_peers.mjs';
import { runWorker } from './workloads.mjs';

const require = createRequire(import.meta.url);
const version = (name) => require(`${name}/package.json`).version;
const log = (text) => process.stderr.write(`${text}\n`);
const PEERS = ['simdtrain-simd', 'simdtrain-scalar', 'tfjs-wasm', 'tfjs-cpu'];

const results = Object.fromEntries(Object.keys(CELLS).map((cell) => [cell, {}]));
const gemm = {};
for (const simd of [true, false]) {
  const peer = simd ? 'simdtrain-simd' : 'simdtrain-scalar';
  log(`measuring ${peer} ...`);
  const r = await runWorker(new URL('./rnn_worker.mjs', import.meta.url), simd);
  gemm[peer] = r.matmul.median;
  for (const [cell, s] of Object.entries(r.steps)) {
    results[cell][peer] = { steps: s.median, runs: s.runs, stepGflops: (stepFlops(CELLS[cell].gates) * s.median) / 1e9 };
  }
}
for (const backend of ['wasm', 'cpu']) {
  for (const cell of Object.keys(CELLS)) {
    log(`measuring tfjs-${backend} ${cell} ...`);
    const r = await tfjsRate(backend, cell);
    results[cell][`tfjs-${backend}`] = r.unsupported ? { unsupported: r.unsupported } : { steps: r.median, runs: r.runs };
  }
}

const fmt = (v, d = 2) => (v === undefined ? '—' : v.toFixed(d));
console.log(`Recurrent layer (64 units) on [50, 8], Dense(1), batch 32, Adam — ${cpus()[0]?.model ?? 'unknown CPU'}, `
  + `Node ${process.version}, tfjs ${version('@tensorflow/tfjs')}`);
console.log(`256³ A·B GEMM GFLOP/s: SIMD ${fmt(gemm['simdtrain-simd'])}, scalar ${fmt(gemm['simdtrain-scalar'])}`);
console.log(`| cell | ${PEERS.join(' | ')} | SIMD ÷ tfjs-wasm | SIMD ÷ scalar | SIMD step GFLOP/s (% of GEMM) |`);
console.log(`|---|${PEERS.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const [cell, byPeer] of Object.entries(results)) {
  const steps = (p) => (byPeer[p]?.unsupported ? 'unsupported' : fmt(byPeer[p]?.steps));
  const s = byPeer['simdtrain-simd'];
  const ratio = (p) => (byPeer[p]?.steps ? `${fmt(s.steps / byPeer[p].steps, 1)}×` : '—');
  console.log(`| ${cell} | ${PEERS.map(steps).join(' | ')} | ${ratio('tfjs-wasm')} | ${ratio('simdtrain-scalar')} | `
    + `${fmt(s.stepGflops)} (${fmt((100 * s.stepGflops) / gemm['simdtrain-simd'], 0)}%) |`);
}
console.log(`MFLOP per step (counted matrix products): ${Object.entries(CELLS).map(([c, v]) => `${c} ${fmt(stepFlops(v.gates) / 1e6, 1)}`).join(', ')}`);
console.log(`JSON: ${JSON.stringify({ gemm, results })}`);
