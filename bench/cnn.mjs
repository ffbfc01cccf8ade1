// cnn.mjs — training a LeNet-5 (bench/cnn_peers.mjs) on 28×28×1 images, batch 32, Adam, in one
// run (`node bench/cnn.mjs`; `npm run bench` builds the wasm first): steps/s of simdtrain SIMD
// and scalar (model.fit, each build in its own worker), convnetjs 0.3 (Trainer) and
// @tensorflow/tfjs on its cpu and wasm backends (trainOnBatch; a backend that cannot train a
// conv is reported as unsupported with its error). For simdtrain, the step's effective
// GFLOP/s (stepFlops() × steps/s) beside the 256³ A·B GEMM rate of the same build and run.
// Every number is the median of 3 runs of 2 s. Prints a table and a final `JSON: {...}` line.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { convnetjsRate, stepFlops, tfjsRate } from './cnn_peers.mjs';
import { runWorker } from './workloads.mjs';

const require = createRequire(import.meta.url);
const version = (name) => require(`${name}/package.json`).version;
const log = (text) => process.stderr.write(`${text}\n`);

const results = {};
for (const simd of [true, false]) {
  const peer = simd ? 'simdtrain-simd' : 'simdtrain-scalar';
  log(`measuring ${peer} ...`);
  const r = await runWorker(new URL('./cnn_worker.mjs', import.meta.url), simd);
  results[peer] = { steps: r.steps.median, runs: r.steps.runs, gemm256: r.matmul.median, stepGflops: (stepFlops() * r.steps.median) / 1e9 };
}
log('measuring convnetjs ...');
results.convnetjs = { steps: (await convnetjsRate()).median };
for (const backend of ['cpu', 'wasm']) {
  log(`measuring tfjs-${backend} ...`);
  const r = await tfjsRate(backend);
  results[`tfjs-${backend}`] = r.unsupported ? { unsupported: r.unsupported } : { steps: r.median };
}

const fmt = (v, d = 2) => (v === undefined ? '—' : v.toFixed(d));
console.log(`LeNet-5 on 28×28×1, batch 32, Adam — ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, `
  + `convnetjs ${version('convnetjs')}, tfjs ${version('@tensorflow/tfjs')}`);
console.log(`MFLOP per step (forward + weight gradients + input gradients after the first layer): ${fmt(stepFlops() / 1e6, 1)}`);
console.log('| library | steps/s | step GFLOP/s | 256³ GEMM GFLOP/s | simdtrain SIMD is ×faster |');
console.log('|---|---:|---:|---:|---:|');
const simdSteps = results['simdtrain-simd'].steps;
for (const [peer, r] of Object.entries(results)) {
  if (r.unsupported) {
    console.log(`| ${peer} | unsupported: ${r.unsupported} | | | |`);
    continue;
  }
  console.log(`| ${peer} | ${fmt(r.steps)} | ${fmt(r.stepGflops)} | ${fmt(r.gemm256)} | ${peer === 'simdtrain-simd' ? '' : fmt(simdSteps / r.steps, 1)} |`);
}
const s = results['simdtrain-simd'];
console.log(`simdtrain SIMD: the step runs at ${fmt((100 * s.stepGflops) / s.gemm256, 0)}% of the 256³ GEMM rate`);
console.log(`JSON: ${JSON.stringify(results)}`);
