// optimizers.mjs — throughput of the fused optimizer updates (`node bench/optimizers.mjs`;
// `npm run bench` runs it after bench/train.mjs). Measures, for the simdtrain SIMD and
// scalar builds (each in its own worker_thread, one build per JS realm, as bench/train.mjs):
//   1. update throughput of sgd, sgd momentum 0.9, adagrad, rmsprop, adam, nadam, adamw,
//      adamax and adadelta (Keras defaults otherwise) at 10,000 and 1,000,000 parameters,
//      through the wasm exports directly: params and grads live in wasm memory (st_alloc),
//      the optimizer is st_optimizer_create(kind) and one step is
//      st_optimizer_step(opt, 1, &params, &grads, &n) — no JS copies (the public opt.step
//      copies params and grads in and out, which would dominate at 1 M);
//      GB/s = bytes moved per step / time per step, with
//        bytes per step = 4·n·(3 + 2·S)
//      for n float32 parameters and S slot arrays (params, grads and the S slots read;
//      params and the S slots written): S = 0 for sgd (12 B/param), 1 for sgd momentum,
//      adagrad and rmsprop (20 B/param), 2 for adam, nadam, adamw, adamax, adadelta (28 B/param);
//   2. the wasm memory-copy bandwidth in the same worker, on the same wasm memory, with a
//      copy of the same footprint as the update (src + dst = 4·n·(2 + S) bytes, i.e. the
//      params, grads and slots; 1 M Adam's 16 MB sits in a 32 MB L3, a traffic-matched copy
//      of 28 MB would not): `memory.copy` and a v128.load/v128.store loop, both from a tiny
//      hand-assembled wasm module importing the core's memory; GB/s counts bytes read +
//      written, like (1). The copies run interleaved with every update measurement (one run
//      each in turn), so the ratios compare like with like on a busy machine;
//   3. opt.step on one Float32Array of 2 parameters through the public JS API (µs per step:
//      argument checks, copies in and out, the wasm call);
//   4. batch normalization forward + backward (bn_forward_train + bn_backward with dgamma
//      and dbeta) at [64×128], [256×1024] and [256×1020] (the kernels sweep row by row; the
//      1020 case checks that a 4 KiB row stride, cols = 1024, costs nothing extra)
//      through the st_bench_batchnorm hook: ms per forward + backward = time of R
//      repetitions / R (R ≥ 4; includes the hook's one-off setup, about one pass over x).
// And @tensorflow/tfjs-backend-wasm (SIMD, single-threaded, set up as bench/peers/tfjs.mjs):
// optimizer.applyGradients({ name: grad }) on a tf.variable of the same sizes with the
// same optimizers (tf.train.sgd, momentum, adagrad, rmsprop, adam, adamax, adadelta; tfjs
// has no nadam or adamw), timed after a warm-up, GB/s by the same formula (the bytes the
// update rule must move, not what tfjs's separate ops actually move).
// Every number is the best of 5 runs of 40 ms after a warm-up (fastest rate; for ms and µs
// the shortest time): these are bandwidth microbenchmarks, and on a machine shared with other
// work the best run is the least disturbed one (bench/train.mjs's median of 3 long runs
// mixes in whatever else runs). Prints tables and a final `JSON: {...}` line (best values;
// pass --runs to include every run).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { random, rateSync, runWorker } from './workloads.mjs';

const SIZES = [10_000, 1_000_000];
const RUNS = 5;        // runs per number; the best run is reported (see the header)
const RUN_MS = 40;     // wall budget of one run
const WARMUP_MS = 60;
const TFJS_WARMUP_MS = 300;
const BN_SHAPES = [[64, 128], [256, 1024], [256, 1020]];

const OPTIMIZERS = [
  { name: 'sgd', slots: 0, api: { name: 'sgd' }, tfjs: (tf) => tf.train.sgd(0.01) },
  { name: 'sgd momentum', slots: 1, api: { name: 'sgd', options: { momentum: 0.9 } },
    tfjs: (tf) => tf.train.momentum(0.01, 0.9) },
  { name: 'adagrad', slots: 1, api: { name: 'adagrad' }, tfjs: (tf) => tf.train.adagrad(0.001, 0.1) },
  { name: 'rmsprop', slots: 1, api: { name: 'rmsprop' }, tfjs: (tf) => tf.train.rmsprop(0.001, 0.9, 0, 1e-7, false) },
  { name: 'adam', slots: 2, api: { name: 'adam' }, tfjs: (tf) => tf.train.adam(0.001, 0.9, 0.999, 1e-7) },
  { name: 'nadam', slots: 2, api: { name: 'nadam' }, tfjs: null },
  { name: 'adamw', slots: 2, api: { name: 'adamw' }, tfjs: null },
  { name: 'adamax', slots: 2, api: { name: 'adamax' }, tfjs: (tf) => tf.train.adamax(0.001, 0.9, 0.999, 1e-7, 0) },
  { name: 'adadelta', slots: 2, api: { name: 'adadelta' }, tfjs: (tf) => tf.train.adadelta(0.001, 0.95, 1e-7) },
];

/** Bytes an update of n parameters with S slot arrays must read and write. */
const bytesPerStep = (n, slots) => 4 * n * (3 + 2 * slots);
/** Bytes of a copy with the update's footprint: src + dst = params, grads and the S slots. */
const copyBytes = (n, slots) => 2 * n * (2 + slots);
const SLOT_COUNTS = [...new Set(OPTIMIZERS.map((o) => o.slots))];

const log = (text) => process.stderr.write(`${text}\n`);

function randomValues(n, seed, lo, hi) {
  const rand = random(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}

/** { best, runs }: step's calls per second over RUNS runs of RUN_MS after a warm-up, each
 * mapped by scale (GB/s or µs); best = the fastest run (the least disturbed by other load). */
function measure(step, scale, { warmupMs = WARMUP_MS } = {}) {
  rateSync(step, warmupMs);
  const rates = [];
  for (let r = 0; r < RUNS; r++) rates.push(rateSync(step, RUN_MS));
  return { best: scale(Math.max(...rates)), runs: rates.map(scale) };
}

/** measure() for several steps at once, run by run in turn (a run of each, RUNS times), so
 * each sees the same machine conditions: { [name]: { best, runs } }. */
function measureInterleaved(steps) {
  const entries = Object.entries(steps);
  for (const [, [step]] of entries) rateSync(step, WARMUP_MS);
  const rates = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let r = 0; r < RUNS; r++) for (const [name, [step]] of entries) rates[name].push(rateSync(step, RUN_MS));
  return Object.fromEntries(entries.map(([name, [, scale]]) => [name,
    { best: scale(Math.max(...rates[name])), runs: rates[name].map(scale) }]));
}

// ---- a tiny wasm module: copy(dst, src, bytes) with memory.copy, vcopy with v128 ---------
// (module (import "env" "memory" (memory 1))
//   (func (export "copy") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.copy)
//   (func (export "vcopy") (param i32 i32 i32)          ;; bytes: a multiple of 16
//     block loop
//       local.get 2 i32.eqz br_if 1
//       local.get 0 local.get 1 v128.load v128.store
//       dst += 16; src += 16; bytes -= 16; br 0
//     end end))
function copyModuleBytes() {
  const str = (s) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  const section = (id, body) => [id, body.length, ...body]; // every body here is < 128 bytes
  const type = section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 0]);
  const imports = section(2, [1, ...str('env'), ...str('memory'), 0x02, 0x00, 1]);
  const funcs = section(3, [2, 0, 0]);
  const exports = section(7, [2, ...str('copy'), 0, 0, ...str('vcopy'), 0, 1]);
  const copyBody = [0, 0x20, 0, 0x20, 1, 0x20, 2, 0xfc, 0x0a, 0, 0, 0x0b];
  const add16 = (local, op) => [0x20, local, 0x41, 16, op, 0x21, local];
  const vcopyBody = [0, 0x02, 0x40, 0x03, 0x40,
    0x20, 2, 0x45, 0x0d, 1,
    0x20, 0, 0x20, 1, 0xfd, 0x00, 4, 0, 0xfd, 0x0b, 4, 0,
    ...add16(0, 0x6a), ...add16(1, 0x6a), ...add16(2, 0x6b),
    0x0c, 0, 0x0b, 0x0b, 0x0b];
  const code = section(10, [2, copyBody.length, ...copyBody, vcopyBody.length, ...vcopyBody]);
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imports, ...funcs, ...exports, ...code]);
}

// ---- simdtrain, inside a worker (one build per JS realm) ----------------------------------
async function simdtrainWorker() {
  const { simd } = workerData;
  const { init, optimizers } = await import('../src/js/index.mjs');
  const bridge = await import('../src/js/bridge.mjs');
  const info = await init({ simd });
  if (info.simd !== simd) throw new Error(`init({ simd: ${simd} }) loaded simd: ${info.simd}`);
  const alloc = (bytes) => bridge.alloc('bench', bytes);
  const result = { simd, update: {}, copy: {}, api: {}, bn: {} };

  // copy buffers (one pair per size and slot count) and the copy module on the core's memory
  const memory = bridge.wasmMemory();
  const { instance } = await WebAssembly.instantiate(copyModuleBytes(), { env: { memory } });
  const copies = {};
  for (const n of SIZES) {
    copies[n] = {};
    result.copy[n] = {};
    for (const slots of SLOT_COUNTS) {
      const bytes = copyBytes(n, slots);
      const src = alloc(bytes), dst = alloc(bytes);
      new Uint8Array(memory.buffer, src, bytes).fill(7);
      const scale = (perSecond) => (perSecond * 2 * bytes) / 1e9;
      copies[n][slots] = { src, dst, bytes, steps: Object.fromEntries(['copy', 'vcopy'].map((fn) =>
        [fn, [() => instance.exports[fn](dst, src, bytes), scale]])) };
      result.copy[n][slots] = { copy: { best: 0, runs: [] }, vcopy: { best: 0, runs: [] } };
    }
  }

  // 1. updates through the exports, each interleaved run by run with the two copies of the
  //    same footprint (2.); a copy's number is its best run over all of them
  for (const o of OPTIMIZERS) {
    result.update[o.name] = {};
    for (const n of SIZES) {
      // The public optimizer configures the C one (Keras defaults); the bench steps it directly.
      const optimizer = optimizers[o.api.name](o.api.options);
      const opt = optimizer._handle('bench');
      const w = alloc(4 * n), g = alloc(4 * n), pw = alloc(4), pg = alloc(4), ps = alloc(4);
      bridge.f32(w, n).set(randomValues(n, 11, -1, 1));
      bridge.f32(g, n).set(randomValues(n, 12, -1, 1));
      bridge.i32(pw, 1)[0] = w;
      bridge.i32(pg, 1)[0] = g;
      bridge.i32(ps, 1)[0] = n;
      const step = () => bridge.optimizerStep(o.name, opt, 1, pw, pg, ps);
      const bytes = bytesPerStep(n, o.slots);
      const r = measureInterleaved({ update: [step, (perSecond) => (perSecond * bytes) / 1e9], ...copies[n][o.slots].steps });
      result.update[o.name][n] = r.update;
      for (const fn of ['copy', 'vcopy']) {
        const c = result.copy[n][o.slots][fn];
        c.runs.push(...r[fn].runs);
        c.best = Math.max(c.best, r[fn].best);
      }
      const after = bridge.f32(w, n);
      if (!after.every(Number.isFinite)) throw new Error(`${o.name}: non-finite parameters after the benchmark`);
      for (const p of [w, g, pw, pg, ps]) bridge.free(p);
      optimizer.dispose();
    }
  }
  for (const n of SIZES) {
    for (const { src, dst, bytes } of Object.values(copies[n])) {
      if (new Uint8Array(memory.buffer, dst, bytes).some((b) => b !== 7)) throw new Error('copy module: wrong copy');
      bridge.free(src);
      bridge.free(dst);
    }
  }

  // 3. opt.step on 2 parameters through the public API
  for (const o of OPTIMIZERS) {
    const opt = optimizers[o.api.name](o.api.options);
    const params = new Float32Array([0.5, -0.25]), grads = new Float32Array([0.1, -0.2]);
    result.api[o.name] = measure(() => opt.step(params, grads), (perSecond) => 1e6 / perSecond);
    opt.dispose();
  }

  // 4. batch normalization forward + backward
  for (const [rows, cols] of BN_SHAPES) {
    const run = (reps) => {
      const start = performance.now();
      bridge.benchBatchNormalization(rows, cols, reps);
      return performance.now() - start;
    };
    run(2);
    let reps = 1;
    while (run(reps) < 20) reps *= 2;
    reps = Math.max(4, Math.round((reps * RUN_MS) / run(reps)));
    const runs = [];
    for (let r = 0; r < RUNS; r++) runs.push(run(reps) / reps);
    result.bn[`${rows}x${cols}`] = { best: Math.min(...runs), runs };
  }
  parentPort.postMessage(result);
}

// ---- tfjs-backend-wasm ---------------------------------------------------------------------
async function tfjsUpdates() {
  const tf = await import('@tensorflow/tfjs');
  const { useBackend } = await import('./peers/tfjs.mjs');
  await useBackend('wasm');
  const out = {};
  for (const o of OPTIMIZERS) {
    if (!o.tfjs) continue;
    out[o.name] = {};
    for (const n of SIZES) {
      const variable = tf.variable(tf.tensor1d(randomValues(n, 11, -1, 1)), true, `bench_${o.name}_${n}`);
      const grad = tf.tensor1d(randomValues(n, 12, -1, 1));
      const opt = o.tfjs(tf);
      const step = () => opt.applyGradients({ [variable.name]: grad });
      step();
      const tensors = tf.memory().numTensors;
      const bytes = bytesPerStep(n, o.slots);
      out[o.name][n] = measure(step, (perSecond) => (perSecond * bytes) / 1e9, { warmupMs: TFJS_WARMUP_MS });
      if (tf.memory().numTensors !== tensors) throw new Error(`tfjs ${o.name}: applyGradients leaked tensors`);
      if (!variable.dataSync().every(Number.isFinite)) throw new Error(`tfjs ${o.name}: non-finite parameters`);
      opt.dispose();
      variable.dispose();
      grad.dispose();
    }
  }
  return out;
}

// ---- main ----------------------------------------------------------------------------------
const fmt = (v) => (v === undefined ? '—' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`);
const pct = (a, b) => `${Math.round((100 * a) / b)}%`;
const sizeLabel = (n) => (n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} K`);

function table(head, rows, leftColumns = 1) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), '-'.repeat(widths.reduce((a, w) => a + w + 2, -2)), ...rows.map(line)].join('\n');
}

async function main() {
  const started = performance.now();
  log('measuring simdtrain SIMD ...');
  const simd = await runWorker(new URL(import.meta.url), true);
  log('measuring simdtrain scalar ...');
  const scalar = await runWorker(new URL(import.meta.url), false);
  log('measuring tfjs-wasm applyGradients ...');
  const tfjs = await tfjsUpdates();

  const m = (r) => r?.best;
  const rows = [];
  for (const n of SIZES) {
    for (const o of OPTIMIZERS) {
      const s = m(simd.update[o.name][n]), c = m(scalar.update[o.name][n]), t = m(tfjs[o.name]?.[n]);
      const copy = m(simd.copy[n][o.slots].copy), vcopy = m(simd.copy[n][o.slots].vcopy);
      rows.push([sizeLabel(n), o.name, String(4 * (3 + 2 * o.slots)), fmt(s), fmt(c), ratio(s, c),
        fmt(copy), pct(s, copy), fmt(vcopy), pct(s, vcopy), fmt(t), ratio(s, t)]);
    }
  }
  console.log('Optimizer update throughput, GB/s = 4·n·(3 + 2·slots) bytes per step / time per step;');
  console.log('copies of the same footprint (params + grads + slots), GB/s of bytes read + written, measured');
  console.log('interleaved with the SIMD update (SIMD worker)');
  console.log(table(['params', 'optimizer', 'B/param', 'SIMD', 'scalar', 'SIMD/scalar', 'memory.copy', 'SIMD/copy',
    'v128 copy', 'SIMD/v128', 'tfjs-wasm', 'SIMD/tfjs'], rows, 2));

  console.log('\nopt.step on one Float32Array of 2 parameters through the JS API (µs per step)');
  console.log(table(['optimizer', 'SIMD', 'scalar'], OPTIMIZERS.map((o) => [o.name, fmt(m(simd.api[o.name])), fmt(m(scalar.api[o.name]))])));

  console.log('\nBatch normalization forward + backward (bn_forward_train + bn_backward), ms per step');
  console.log(table(['shape', 'SIMD', 'scalar', 'SIMD/scalar'], Object.keys(simd.bn).map((k) => [k,
    fmt(m(simd.bn[k])), fmt(m(scalar.bn[k])), ratio(m(scalar.bn[k]), m(simd.bn[k]))])));

  const pick = (byKey) => Object.fromEntries(Object.entries(byKey).map(([k, r]) => [k, Number(r.best.toPrecision(4))]));
  const updates = (byName) => Object.fromEntries(Object.entries(byName).map(([name, bySize]) => [name, pick(bySize)]));
  console.log(`JSON: ${JSON.stringify({
    node: process.version,
    date: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
    bytes_per_step: '4*n*(3+2*slots)',
    update_gbps: { 'simdtrain-simd': updates(simd.update), 'simdtrain-scalar': updates(scalar.update), 'tfjs-wasm': updates(tfjs) },
    copy_gbps_by_slots: Object.fromEntries([['simdtrain-simd-worker', simd], ['simdtrain-scalar-worker', scalar]].map(([k, r]) =>
      [k, Object.fromEntries(SIZES.map((n) => [n, Object.fromEntries(SLOT_COUNTS.map((sl) => [sl, pick(r.copy[n][sl])]))]))])),
    opt_step_2_params_us: { 'simdtrain-simd': pick(simd.api), 'simdtrain-scalar': pick(scalar.api) },
    batchnorm_fwd_bwd_ms: { 'simdtrain-simd': pick(simd.bn), 'simdtrain-scalar': pick(scalar.bn) },
    ...(process.argv.includes('--runs') ? { runs: { simd, scalar, tfjs } } : {}),
  })}`);
}

if (isMainThread) await main();
else await simdtrainWorker();
