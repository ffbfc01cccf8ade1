// bridge.mjs — the one owner of the wasm core. It alone loads the module (init), allocates
// and frees wasm memory, makes heap views and calls st_* exports, each wrapped as a named
// function. It turns C status codes into typed Errors carrying the message C composed,
// checks every integer that crosses into wasm against its C type, reads the C vocabulary
// (src/vocab.def) so the JS registry finds each name's C code, and guards against traps: a
// WebAssembly.RuntimeError is reported once as an InternalError naming the call, and every
// later call refuses with that message instead of running on corrupted memory.
import { createCore, givenWasmUrl, simdSupported, WASM_FILES } from './core.mjs';
import { checkBoolean, checkOptions } from './validate.mjs';

export const VERSION = '0.1.0';
const INT32_MAX = 2 ** 31 - 1;

export class SimdtrainError extends Error { get name() { return 'SimdtrainError'; } }
export class InvalidArgumentError extends SimdtrainError { get name() { return 'InvalidArgumentError'; } }
export class InvalidStateError extends SimdtrainError { get name() { return 'InvalidStateError'; } }
export class OutOfMemoryError extends SimdtrainError { get name() { return 'OutOfMemoryError'; } }
export class NonFiniteError extends SimdtrainError { get name() { return 'NonFiniteError'; } }
export class InternalError extends SimdtrainError { get name() { return 'InternalError'; } }

// C status name (vocab.def, family 'status') → the Error class it becomes.
const STATUS_ERRORS = { invalid_argument: InvalidArgumentError, invalid_state: InvalidStateError,
  out_of_memory: OutOfMemoryError, non_finite: NonFiniteError };

let core = null;
let loading = null;
let requestedSimd = null;
let poisoned = null;
let vocabulary = null; // family → { names: [...], codes: Map(name → code) }
const locations = { workerUrl: undefined, wasmUrls: undefined }; // init's wasmUrl / workerUrl, for workers

/** Where init() was told the assets are: { workerUrl, wasmUrls: { [file]: url } } (workers pass them on). */
export const assetLocations = () => ({ ...locations });

/** Load the wasm core (idempotent). init({ simd: false }) forces the scalar build;
 *  wasmUrl (a URL, or a function of the file name giving one) says where a bundler put
 *  the .wasm files. */
export async function init(options) {
  const o = checkOptions('init', options, ['simd', 'wasmUrl', 'workerUrl']);
  const { wasmUrl, workerUrl } = o;
  if (wasmUrl !== undefined && typeof wasmUrl !== 'string' && !(wasmUrl instanceof URL) && typeof wasmUrl !== 'function') {
    throw new InvalidArgumentError(`init: wasmUrl must be a URL, a string or a function (file name) => URL, got ${typeof wasmUrl}`);
  }
  if (workerUrl !== undefined && typeof workerUrl !== 'string' && !(workerUrl instanceof URL)) {
    throw new InvalidArgumentError(`init: workerUrl must be a URL or a string (where worker_host.mjs is), got ${typeof workerUrl}`);
  }
  if (workerUrl !== undefined) locations.workerUrl = workerUrl;
  if (wasmUrl !== undefined) {
    // Absolute, so that a worker (whose relative URLs start from its own script) finds the same files.
    locations.wasmUrls = Object.fromEntries(Object.values(WASM_FILES).map((f) => [f, givenWasmUrl(f, wasmUrl)?.href]));
  }
  const simd = o.simd === undefined ? simdSupported() : checkBoolean('init', 'simd', o.simd);
  if (simd && !simdSupported()) throw new Error('init: simd must be false here: this engine has no WebAssembly SIMD, got true');
  if (requestedSimd !== null && requestedSimd !== simd) {
    throw new Error(`init: already initialised with simd: ${requestedSimd}; a realm holds one build, got simd: ${simd}`);
  }
  requestedSimd = simd;
  loading ??= createCore({ simd, wasmUrl }).then((c) => {
    core = c;
    vocabulary = readVocabulary(c);
    return c;
  }, (e) => { loading = null; requestedSimd = null; throw e; });
  const c = await loading;
  return { simd: c.simd, version: VERSION };
}

function readVocabulary(c) {
  const e = c.exports;
  const families = {};
  for (let f = 0; f < e.st_vocab_family_count(); f++) {
    const names = Array.from({ length: e.st_vocab_size(f) }, (_, i) => c.string(e.st_vocab_name(f, i)));
    families[c.string(e.st_vocab_family_name(f))] = { names, codes: new Map(names.map((n, i) => [n, i])) };
  }
  return families;
}

/** Throws unless init() has loaded the core and no trap has poisoned it. */
export function requireCore(where) {
  if (poisoned) throw new InternalError(`${where}: the wasm core stopped after an internal error (${poisoned}); reload the page or restart the process`);
  if (!core) throw new Error(`${where}: the wasm core is not loaded; call await init() first`);
  return core;
}

export const isLoaded = () => core !== null;
export const simdEnabled = () => core.simd;

/** The C vocabulary: { family: [names in code order] } (for the agreement test). */
export function cVocabulary() {
  requireCore('vocabulary');
  return Object.fromEntries(Object.entries(vocabulary).map(([f, v]) => [f, [...v.names]]));
}

/** The C code of a name of a vocabulary family ('activation', 'relu') → 3. */
export function code(family, name) {
  const c = vocabulary?.[family]?.codes.get(name);
  if (c === undefined) throw new InternalError(`simdtrain: the C core has no ${family} named ${JSON.stringify(name)}; the JS registry and src/vocab.def disagree`);
  return c;
}

/** The name of a code of a vocabulary family. */
export const nameOf = (family, value) => vocabulary[family].names[value];

// Every export is called through here: a trap poisons the core instead of running on.
function call(where, name, ...args) {
  const c = requireCore(where);
  try {
    return c.exports[name](...args);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      poisoned = `${name}: ${error.message}`;
      throw new InternalError(`${where}: internal error in ${name} (${error.message}); the wasm core refuses further calls`);
    }
    throw error;
  }
}

/** The C core's last error, as the typed Error of its status. */
function failure(where, status) {
  const message = requireCore(where).string(call(where, 'st_error_message'));
  const Type = STATUS_ERRORS[nameOf('status', status)] ?? SimdtrainError;
  return new Type(`${where}: ${message}`);
}

/** Call an export returning a status; throw its Error unless it is ok. */
function checked(where, name, ...args) {
  const status = call(where, name, ...args);
  if (status !== 0) throw failure(where, status);
  return status;
}

/** An integer bound for a C int32 argument: refused here, before it could wrap. */
export function int32(where, what, value, min = 0) {
  if (!Number.isInteger(value) || value < min || value > INT32_MAX) {
    throw new InvalidArgumentError(`${where}: ${what} must be an integer in [${min}, ${INT32_MAX}], got ${value}`);
  }
  return value;
}

const flag = (value) => (value ? 1 : 0);

// ---- memory ----
export function alloc(where, bytes) {
  const ptr = call(where, 'st_alloc', int32(where, 'allocation size (bytes)', Math.max(4, bytes), 1));
  if (!ptr) throw new OutOfMemoryError(`${where}: out of wasm memory for ${bytes} bytes`);
  return ptr;
}
export const free = (ptr) => { if (ptr && core && !poisoned) core.exports.st_free(ptr); };
export const f32 = (ptr, n) => core.f32(ptr, n);
export const i32 = (ptr, n) => core.i32(ptr, n);
export const u8 = (ptr, n) => new Uint8Array(core.exports.memory.buffer, ptr, n);
export const f64 = (ptr, n) => new Float64Array(core.exports.memory.buffer, ptr, n);

/** Copy a Float32Array (or Int32Array of labels) into fresh wasm memory; free it after. */
export function upload(where, data) {
  const ptr = alloc(where, data.length * 4);
  (data instanceof Int32Array ? i32(ptr, data.length) : f32(ptr, data.length)).set(data);
  return ptr;
}

/** Run fn(ptr) with `bytes` of scratch wasm memory. */
export function withScratch(where, bytes, fn) {
  const ptr = alloc(where, bytes);
  try {
    return fn(ptr);
  } finally {
    free(ptr);
  }
}

/** Bytes of the core's own allocations in use, and of the wasm memory (leak tests). */
export const heapBytesInUse = () => call('heap', 'st_heap_bytes_in_use');
export const memoryBytes = () => requireCore('memory').memoryBytes();
/** The wasm memory itself (benchmarks import it into a helper module). */
export const wasmMemory = () => requireCore('memory').exports.memory;

// ---- models ----
export const modelCreate = (where, seed, inputs) => {
  const h = call(where, 'st_model_create', seed >>> 0, int32(where, 'input width', inputs, 1));
  if (!h) throw failure(where, 1);
  return h;
};
export const modelFree = (h) => { if (core && !poisoned) core.exports.st_model_free(h); };
/** Append a layer of C kind `kind` configured by its parameter list (registry/layers.mjs). */
export function addLayer(where, m, kind, params) {
  withScratch(where, 8 * params.length, (p) => {
    f64(p, params.length).set(params);
    checked(where, 'st_model_add_layer', m, kind, p, params.length);
  });
}
export const modelBuild = (where, m) => checked(where, 'st_model_build', m);
export const weightValues = (where, m, index, n) => f32(call(where, 'st_model_weight_values', m, index), n);
export const weightGradient = (where, m, index, n) => f32(call(where, 'st_model_weight_gradient', m, index), n);
/** delta: huber's (a finite number > 0; C refuses anything else for huber), ignored by the other losses. */
export const modelCompile = (where, m, lossCode, fromLogits, delta, optimizer) =>
  checked(where, 'st_model_compile', m, lossCode, flag(fromLogits), delta, optimizer);
export const modelPredict = (where, m, x, rows, out, training) =>
  checked(where, 'st_model_predict', m, x, int32(where, 'rows', rows, 1), out, flag(training));
/** Loss then each metric (out: 1 + metric count doubles); w: 0 or one weight per row. */
export const modelEvaluate = (where, m, x, y, w, rows, batchSize, out) =>
  checked(where, 'st_model_evaluate', m, x, y, w, int32(where, 'rows', rows, 1), int32(where, 'batchSize', batchSize, 1), out);
/** Append a metric of C kind `kind` with its parameter list (registry/metrics.mjs); after compile. */
export function modelAddMetric(where, m, kind, weighted, params) {
  withScratch(where, 8 * params.length, (p) => {
    f64(p, params.length).set(params);
    checked(where, 'st_model_add_metric', m, kind, flag(weighted), p, params.length);
  });
}
/** Throw C's refusal of a metric (kind, weighted, params, whether the loss takes class ids), or nothing. */
export function metricCheck(where, kind, weighted, params, sparse) {
  withScratch(where, 8 * params.length, (p) => {
    f64(p, params.length).set(params);
    checked(where, 'st_metric_check', kind, flag(weighted), p, params.length, flag(sparse));
  });
}
export const modelClearMetrics = (where, m) => checked(where, 'st_model_clear_metrics', m);
export const modelMetricCount = (where, m) => call(where, 'st_model_metric_count', m);
export const modelComputeGradients = (where, m, x, y, rows, loss) =>
  checked(where, 'st_model_compute_gradients', m, x, y, int32(where, 'rows', rows, 1), loss);
export const modelTrainBatch = (where, m, x, y, rows, loss) =>
  checked(where, 'st_model_train_batch', m, x, y, int32(where, 'rows', rows, 1), loss);
export const fitBegin = (where, m, x, y, rows, batchSize) =>
  checked(where, 'st_model_fit_begin', m, x, y, int32(where, 'rows', rows, 1), int32(where, 'batchSize', batchSize, 1));
export const fitBatches = (where, m) => call(where, 'st_model_fit_batches', m);
/** Per-sample weights for this fit (0: none), one float per row, after fitBegin. */
export const fitSampleWeights = (where, m, w) => checked(where, 'st_model_fit_sample_weights', m, w);
export const fitEpochBegin = (where, m, shuffle) => checked(where, 'st_model_fit_epoch_begin', m, flag(shuffle));
/** Run count batches from first, writing per batch 2 + metric count doubles to logs (loss, rows,
 *  each metric so far this epoch); returns the status name ('ok' or 'non_finite'), throws otherwise. */
export function fitRun(where, m, first, count, logs) {
  const status = call(where, 'st_model_fit_run', m, int32(where, 'first batch', first), int32(where, 'batches', count, 1), logs);
  if (status !== 0 && nameOf('status', status) !== 'non_finite') throw failure(where, status);
  return nameOf('status', status);
}
/** Layer `layer` trainable or frozen (src/simdtrain.h): its weights join or leave the optimizer's arrays. */
export const setTrainable = (where, m, layer, on) => checked(where, 'st_model_set_trainable', m, int32(where, 'layer', layer), flag(on));
export const trainableCount = (where, m) => call(where, 'st_model_trainable_count', m);
/** Weight array `weight` penalised by l1·Σ|w| + l2·Σw² (Keras L1L2); 0, 0 removes it. */
export const setRegularizer = (where, m, weight, l1, l2) => checked(where, 'st_model_set_regularizer', m, int32(where, 'weight', weight), l1, l2);
/** Layer `layer`'s output penalised by l1·Σ|y| + l2·Σy² over each batch (Keras 3: not divided by its size). */
export const setActivityRegularizer = (where, m, layer, l1, l2) =>
  checked(where, 'st_model_set_activity_regularizer', m, int32(where, 'layer', layer), l1, l2);
export const setDiagnostics = (where, m, on) => checked(where, 'st_model_set_diagnostics', m, flag(on));
export const setTerminateOnNaN = (where, m, on) => checked(where, 'st_model_set_terminate_on_nan', m, flag(on));
export const modelStats = (where, m, n) => {
  const ptr = call(where, 'st_model_stats', m);
  return ptr ? f32(ptr, n).slice() : null;
};
/** A recurrent layer's ‖∂L/∂h_t‖ per time step of the last backward (copied), and its recurrent kernel's largest singular value. */
export function recurrentStats(where, m, layer, steps) {
  const ptr = call(where, 'st_model_recurrent_gradient_norms', m, layer);
  return { gradientNorms: ptr ? f32(ptr, steps).slice() : null, spectralNorm: call(where, 'st_model_recurrent_spectral_norm', m, layer) };
}
export function batchNormalizationBatchStats(where, m, layer, n) {
  const view = (name) => {
    const ptr = call(where, name, m, layer);
    return ptr ? f32(ptr, n).slice() : null;
  };
  return { mean: view('st_model_batchnorm_batch_mean'), variance: view('st_model_batchnorm_batch_variance') };
}
/** Where fit's NaN sentinel fired: { kind ('loss' | 'gradient' | 'weight'), weight (-1: none), batch }. */
export const nonFinite = (where, m) => ({ kind: nameOf('nonfinite', call(where, 'st_model_nonfinite_kind', m)),
  weight: call(where, 'st_model_nonfinite_weight', m), batch: call(where, 'st_model_nonfinite_batch', m) });
/** PCG32 state (4 × u32) of the model (layer -1) or of a dropout layer. */
export const rngGet = (where, m, layer) => withScratch(where, 16, (p) => {
  checked(where, 'st_model_rng_get', m, layer, p);
  return Array.from(new Uint32Array(core.exports.memory.buffer, p, 4));
});
export const rngSet = (where, m, layer, state) => withScratch(where, 16, (p) => {
  new Uint32Array(core.exports.memory.buffer, p, 4).set(state);
  checked(where, 'st_model_rng_set', m, layer, p);
});

// ---- optimizers ----
export const optimizerCreate = (where, kind) => {
  const h = call(where, 'st_optimizer_create', kind);
  if (!h) throw failure(where, 1);
  return h;
};
export const optimizerFree = (h) => { if (core && !poisoned) core.exports.st_optimizer_free(h); };
export const optimizerSet = (where, h, hyperparameter, value) => checked(where, 'st_optimizer_set', h, hyperparameter, Number(value));
export const optimizerIterations = (where, h) => call(where, 'st_optimizer_iterations', h);
export const optimizerLearningRate = (where, h) => call(where, 'st_optimizer_current_learning_rate', h);
export const optimizerNorms = (where, h) => ({ before: call(where, 'st_optimizer_norm_before_clip', h),
  after: call(where, 'st_optimizer_norm_after_clip', h) });
export const optimizerStep = (where, h, count, params, grads, sizes) =>
  checked(where, 'st_optimizer_step', h, int32(where, 'arrays', count, 1), params, grads, sizes);
export const optimizerUseSchedule = (where, h, schedule) => checked(where, 'st_optimizer_use_schedule', h, schedule);
/** The optimizer's training state: iterations, Nadam's u_product, array sizes, slots. */
export function optimizerState(where, h) {
  const e = requireCore(where).exports;
  const arrays = call(where, 'st_optimizer_state_arrays', h);
  const sizes = Array.from({ length: arrays }, (_, i) => e.st_optimizer_state_size(h, i));
  const floats = call(where, 'st_optimizer_state_floats', h);
  const slots = floats ? f32(call(where, 'st_optimizer_state_slots', h), floats).slice() : new Float32Array(0);
  return { iterations: call(where, 'st_optimizer_state_iterations', h), uProduct: call(where, 'st_optimizer_state_u_product', h),
    slotCount: call(where, 'st_optimizer_state_slot_count', h), sizes, slots };
}
export function optimizerRestore(where, h, { iterations, uProduct, sizes, slots }) {
  withScratch(where, 4 * sizes.length, (p) => {
    i32(p, sizes.length).set(sizes);
    checked(where, 'st_optimizer_state_restore', h, iterations, uProduct, sizes.length, p);
  });
  // Slots are written only where C built exactly that many; the caller refuses a mismatch.
  const floats = call(where, 'st_optimizer_state_floats', h);
  if (slots.length && floats === slots.length) f32(call(where, 'st_optimizer_state_slots', h), floats).set(slots);
  return call(where, 'st_optimizer_state_slot_count', h);
}

// ---- schedules ----
export function scheduleCreate(where, kind) {
  const s = call(where, 'st_schedule_create', kind);
  if (!s) throw failure(where, 1);
  return s;
}
export const scheduleFree = (s) => { if (core && !poisoned) core.exports.st_schedule_free(s); };
export const scheduleSet = (where, s, parameter, value) => checked(where, 'st_schedule_set', s, parameter, Number(value));
export function scheduleSetPieces(where, s, boundaries, values) {
  withScratch(where, 8 * (boundaries.length + values.length), (p) => {
    f64(p, values.length).set(values);
    f64(p + 8 * values.length, boundaries.length).set(boundaries);
    checked(where, 'st_schedule_set_pieces', s, values.length, p + 8 * values.length, p);
  });
}
export const scheduleValue = (where, s, step) => call(where, 'st_schedule_value', s, step);

// ---- model files ----
/** A parsed model file (every check done once, in C), or null with the reason in lastErrorMessage. */
export const fileOpen = (where, bytes, size) => call(where, 'st_model_file_open', bytes, size);
export const fileClose = (f) => { if (f && core && !poisoned) core.exports.st_model_file_close(f); };
/** The file's counts and places, by name. */
export const fileInfo = (where, f) => Object.fromEntries(['config_offset', 'config_length', 'rng_count', 'has_optimizer',
  'optimizer_kind', 'optimizer_slot_count', 'optimizer_arrays', 'optimizer_floats', 'weight_count', 'weight_floats']
  .map((field) => [field.replace(/_(.)/g, (_, c) => c.toUpperCase()), call(where, `st_model_file_${field}`, f)]));
export const fileReadWeights = (where, f, count, sizes, dest) => call(where, 'st_model_file_read_weights', f, count, sizes, dest);
export const fileReadRngs = (where, f, count, dest) => call(where, 'st_model_file_read_rngs', f, count, dest);
export const fileReadOptimizer = (where, f, kind, slotCount, count, sizes, scalars, slots) =>
  call(where, 'st_model_file_read_optimizer', f, kind, slotCount, count, sizes, scalars, slots);
export const lastErrorMessage = (where) => requireCore(where).string(call(where, 'st_error_message'));

// ---- benchmarks (bench/) ----
/** C = op(A)·op(B) with the active GEMM kernels; form 0 A·B, 1 Aᵀ·B, 2 A·Bᵀ. */
export const benchMatmul = (form, m, n, k, a, b, c) => checked('matmul', 'st_matmul', form, m, n, k, a, b, c);
/** reps forward + backward passes of a batch-normalization layer on rows × cols. */
export const benchBatchNormalization = (rows, cols, reps) => checked('batchnorm', 'st_bench_batchnorm', rows, cols, reps);

/** Test-only: execute a trap inside wasm (proves the guard above). */
export const debugTrap = () => call('debugTrap', 'st_debug_trap');
