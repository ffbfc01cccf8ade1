// model_file.mjs — model.save() and loadModel(): the versioned binary model file of
// docs/model-format.md. Saving is plain JS (DataView, little-endian); loading hands the
// bytes to the C parser (src/io/model_file.c), which checks magic, version, every length
// and count, the values and the CRC-32 before anything is allocated, then JS parses the
// JSON config and validates every field through the public factories (layers.*,
// optimizers.*, schedules.*, losses.*), checks the weight shapes it implies against the
// file, and only then builds the model and decodes the binary sections into it.
import { activation, batchNormalization, dense, dropout, LAYER_CLASSES } from './layers.mjs';
import { losses } from './losses.mjs';
import { INTERNALS, sequential } from './model.mjs';
import { optimizers } from './optimizers.mjs';
import { schedules } from './schedules.mjs';
import { checkStatus, requireCore } from './runtime.mjs';
import { checkBoolean, checkOptions, describe, fail } from './validate.mjs';

export const FORMAT_VERSION = 1;
export const FORMAT_NAME = 'simdtrain.Sequential';
const MAGIC = [0x53, 0x49, 0x4d, 0x44, 0x54, 0x52, 0x4e, 0x00]; // "SIMDTRN\0"
const MAX_BYTES = 1 << 30;     // ST_MODEL_FILE_MAX_BYTES
const MAX_LAYERS = 256;
const INFO = { configOffset: 1, configLength: 2, rngCount: 3, hasOptimizer: 4, optKind: 5, optSlots: 6,
  optArrays: 7, optFloats: 8, weightCount: 9, weightFloats: 10, count: 11 };
const OPT_KIND = { sgd: 0, adagrad: 1, rmsprop: 2, adam: 3, nadam: 4, adamw: 5, adamax: 6, adadelta: 7 };
const FACTORIES = { Dense: dense, Activation: activation, BatchNormalization: batchNormalization, Dropout: dropout };
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// ---- CRC-32 (IEEE, as zlib; the C side checks it with st_crc32) ----
let crcTable = null;
export function crc32(bytes, end = bytes.length) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < end; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---- writing ----
const size = (shape) => shape.reduce((a, n) => a * n, 1);

/** The layer as the options of its factory (plus className), as stored in the config. */
function layerConfig(l, first) {
  const pick = (keys) => Object.fromEntries(keys.filter((k) => l[k] !== undefined).map((k) => [k, l[k]]));
  const config = {
    Dense: () => pick(['units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer']),
    Activation: () => pick(['activation']),
    BatchNormalization: () => pick(['momentum', 'epsilon', 'center', 'scale', 'gammaInitializer', 'betaInitializer',
      'movingMeanInitializer', 'movingVarianceInitializer']),
    Dropout: () => pick(['rate', 'seed']),
  }[l.className]();
  if (first) config.inputShape = [l.inputs];
  config.name = l.name;
  return { className: l.className, config };
}

function optimizerConfig(optimizer) {
  const config = optimizer.getConfig();
  if (typeof config.learningRate === 'object') {
    const { at, ...schedule } = config.learningRate; // drop the JS evaluator
    config.learningRate = schedule;
  }
  return config;
}

/** Assemble a model file from its parts (package-internal; tests forge files with it). */
export function writeModelFile({ config, rngs, optimizer = null, weights }) {
  const text = new TextEncoder().encode(typeof config === 'string' ? config : JSON.stringify(config));
  const optBytes = optimizer ? 32 + 4 * optimizer.sizes.length + 4 * optimizer.slots.length : 0;
  const weightFloats = weights.reduce((a, w) => a + w.length, 0);
  const total = 12 + (8 + text.length) + (8 + 4 + 16 * rngs.length) + (optimizer ? 8 + optBytes : 0)
    + (8 + 4 + 4 * weights.length + 4 * weightFloats) + 4;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (v) => { view.setUint32(at, v, true); at += 4; };
  const f64 = (v) => { view.setFloat64(at, v, true); at += 8; };
  const tag = (t, length) => { for (const ch of t) bytes[at++] = ch.charCodeAt(0); u32(length); };
  const floats = (array) => {
    if (LITTLE_ENDIAN) bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.length * 4), at);
    else array.forEach((v, i) => view.setFloat32(at + 4 * i, v, true));
    at += 4 * array.length;
  };
  bytes.set(MAGIC, 0);
  at = 8;
  u32(FORMAT_VERSION);
  tag('CONF', text.length);
  bytes.set(text, at);
  at += text.length;
  tag('RNGS', 4 + 16 * rngs.length);
  u32(rngs.length);
  for (const r of rngs) r.forEach(u32);
  if (optimizer) {
    tag('OPTS', optBytes);
    [optimizer.kind, optimizer.slotCount, optimizer.sizes.length, 0].forEach(u32);
    f64(optimizer.iterations);
    f64(optimizer.uProduct);
    optimizer.sizes.forEach(u32);
    floats(optimizer.slots);
  }
  tag('WGHT', 4 + 4 * weights.length + 4 * weightFloats);
  u32(weights.length);
  weights.forEach((w) => u32(w.length));
  weights.forEach(floats);
  u32(crc32(bytes, at));
  return bytes;
}

/** model.save(): see docs/model-format.md. */
export function saveModel(model, options) {
  const where = 'save';
  const o = checkOptions(where, options, ['includeOptimizer']);
  const includeOptimizer = checkBoolean(where, 'includeOptimizer', o.includeOptimizer ?? true);
  const { core: c, handle, layers, weights: list, seed, compiled } = model[INTERNALS]();
  const e = c.exports;
  const weights = list.map((w, i) => {
    const values = c.f32(e.st_model_weight_values(handle, i), size(w.shape)).slice();
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(`${where}: the model's weight ${w.name} holds a non-finite value (${values[bad]} at index ${bad}); a model file holds finite weights only`);
    }
    return values;
  });
  const config = {
    format: FORMAT_NAME,
    seed,
    layers: layers.map((l, i) => layerConfig(l, i === 0)),
    compile: compiled ? {
      loss: { name: compiled.loss.name, fromLogits: compiled.loss.fromLogits },
      metrics: [...compiled.metrics],
      optimizer: optimizerConfig(compiled.optimizer),
    } : null,
  };
  const rngs = [];
  const state = e.st_alloc(16);
  try {
    for (const index of [-1, ...dropoutIndices(layers)]) {
      checkStatus(c, where, e.st_model_rng_get(handle, index, state));
      rngs.push(Array.from(new Uint32Array(e.memory.buffer, state, 4)));
    }
  } finally {
    e.st_free(state);
  }
  let optimizer = null;
  if (includeOptimizer && compiled) {
    const h = compiled.optimizer._handle(where);
    const get = (what) => e.st_optimizer_state_get(h, what);
    const arrays = get(2);
    const sizes = Array.from({ length: arrays }, (_, i) => e.st_optimizer_state_size(h, i));
    const trainable = list.filter((w) => w.trainable).map((w) => size(w.shape));
    if (arrays > 0 && (arrays !== trainable.length || sizes.some((n, i) => n !== trainable[i]))) {
      throw new Error(`${where}: includeOptimizer is true but the optimizer's state was built for arrays of sizes [${sizes}], not this model's trainable weights [${trainable}] (the optimizer was shared); save with { includeOptimizer: false }`);
    }
    const floats = get(4);
    optimizer = { kind: OPT_KIND[compiled.optimizer.name], slotCount: get(3), iterations: get(0), uProduct: get(1), sizes,
      slots: floats ? c.f32(e.st_optimizer_state_slots(h), floats).slice() : new Float32Array(0) };
  }
  return writeModelFile({ config, rngs, optimizer, weights });
}

function dropoutIndices(layers) {
  return layers.map((l, i) => (l.className === 'Dropout' ? i : -2)).filter((i) => i >= 0);
}

// ---- reading ----
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

class ConfigError extends Error {}

function configFail(what, message) { throw new ConfigError(`${what} ${message}`); }

function checkKeys(what, value, required, optional = []) {
  if (!isObject(value)) configFail(what, `must be an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) {
      configFail(what, `has an unknown key ${JSON.stringify(key)}; expected ${[...required, ...optional].join(', ')}`);
    }
  }
  for (const key of required) if (!Object.hasOwn(value, key)) configFail(what, `is missing the key ${JSON.stringify(key)}`);
}

// Values are given to the factories, which treat null as "not given": refuse nulls instead.
function noNulls(what, object) {
  for (const [key, v] of Object.entries(object)) if (v === null) configFail(`${what}.${key}`, 'must not be null');
}

// Run a public factory on file data; its Error becomes a config error naming the field.
function viaFactory(what, fn) {
  try {
    return fn();
  } catch (error) {
    throw new ConfigError(`${what}: ${error.message}`);
  }
}

function readSchedule(what, value) {
  checkKeys(what, value, ['schedule'], ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'boundaries',
    'values', 'endLearningRate', 'power', 'cycle', 'alpha', 'warmupTarget', 'warmupSteps']);
  const { schedule: name, ...params } = value;
  if (typeof name !== 'string' || !Object.hasOwn(schedules, name)) {
    configFail(`${what}.schedule`, `must be one of ${Object.keys(schedules).join(', ')}, got ${describe(name)}`);
  }
  if (name === 'cosineDecay' && params.warmupTarget === null) delete params.warmupTarget;
  noNulls(what, params);
  return viaFactory(what, () => schedules[name](params));
}

/** The config JSON → { seed, layers, compile } with every field validated. */
function readConfig(json) {
  checkKeys('config', json, ['format', 'seed', 'layers', 'compile']);
  if (json.format !== FORMAT_NAME) configFail('config.format', `must be ${JSON.stringify(FORMAT_NAME)}, got ${describe(json.format)}`);
  if (!Number.isInteger(json.seed) || json.seed < 0 || json.seed > 0xffffffff) {
    configFail('config.seed', `must be an integer in [0, 4294967295], got ${describe(json.seed)}`);
  }
  if (!Array.isArray(json.layers) || json.layers.length < 1 || json.layers.length > MAX_LAYERS) {
    configFail('config.layers', `must be an array of 1 to ${MAX_LAYERS} layers, got ${describe(json.layers)}`);
  }
  const layerList = json.layers.map((l, i) => {
    const what = `config.layers[${i}]`;
    checkKeys(what, l, ['className', 'config']);
    if (!LAYER_CLASSES.includes(l.className)) configFail(`${what}.className`, `must be one of ${LAYER_CLASSES.join(', ')}, got ${describe(l.className)}`);
    if (!isObject(l.config)) configFail(`${what}.config`, `must be an object, got ${describe(l.config)}`);
    noNulls(`${what}.config`, l.config);
    return viaFactory(what, () => FACTORIES[l.className](l.config));
  });
  let compile = null;
  if (json.compile !== null) {
    const what = 'config.compile';
    checkKeys(what, json.compile, ['loss', 'metrics', 'optimizer']);
    const { loss, metrics, optimizer } = json.compile;
    checkKeys(`${what}.loss`, loss, ['name', 'fromLogits']);
    if (typeof loss.name !== 'string' || !Object.hasOwn(losses, loss.name)) {
      configFail(`${what}.loss.name`, `must be one of ${Object.keys(losses).join(', ')}, got ${describe(loss.name)}`);
    }
    const lossObject = viaFactory(`${what}.loss`, () => losses[loss.name]({ fromLogits: loss.fromLogits }));
    if (!Array.isArray(metrics) || metrics.some((m) => m !== 'accuracy' && m !== 'acc')) {
      configFail(`${what}.metrics`, `must be an array holding only 'accuracy', got ${describe(metrics)}`);
    }
    checkKeys(`${what}.optimizer`, optimizer, ['name'], ['learningRate', 'momentum', 'nesterov', 'beta1', 'beta2', 'epsilon',
      'rho', 'centered', 'amsgrad', 'initialAccumulatorValue', 'weightDecay', 'clipValue', 'clipNorm', 'globalClipNorm']);
    const { name, ...params } = optimizer;
    if (typeof name !== 'string' || !Object.hasOwn(OPT_KIND, name)) {
      configFail(`${what}.optimizer.name`, `must be one of ${Object.keys(OPT_KIND).join(', ')}, got ${describe(name)}`);
    }
    noNulls(`${what}.optimizer`, params);
    if (isObject(params.learningRate)) params.learningRate = readSchedule(`${what}.optimizer.learningRate`, params.learningRate);
    const opt = viaFactory(`${what}.optimizer`, () => optimizers[name](params));
    compile = { loss: lossObject, metrics: [...metrics], optimizer: opt };
  }
  return { seed: json.seed, layers: layerList, compile };
}

/** Weight sizes (in getWeights order, with trainable flags) implied by the layers. */
function weightSizes(layerList) {
  let width = layerList[0].inputShape?.[0] ?? 0;
  const sizes = [];
  for (const l of layerList) {
    if (l.className === 'Dense') {
      sizes.push({ n: width * l.units, trainable: true });
      if (l.useBias) sizes.push({ n: l.units, trainable: true });
      width = l.units;
    } else if (l.className === 'BatchNormalization') {
      if (l.scale) sizes.push({ n: width, trainable: true });
      if (l.center) sizes.push({ n: width, trainable: true });
      sizes.push({ n: width, trainable: false }, { n: width, trainable: false });
    }
  }
  return sizes;
}

/** loadModel(bytes): the model saved by model.save(), compiled if it was. */
export function loadModel(bytes) {
  const where = 'loadModel';
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) fail(where, 'bytes', 'a Uint8Array (or ArrayBuffer) holding a file from model.save()', bytes);
  const invalid = (message) => { throw new Error(`${where}: bytes is not a valid simdtrain model file: ${message}`); };
  if (bytes.length > MAX_BYTES) invalid(`it is ${bytes.length} bytes, more than the limit of ${MAX_BYTES}`);
  const c = requireCore(where);
  const e = c.exports;
  const pointers = [];
  const alloc = (n) => {
    const p = e.st_alloc(Math.max(4, n));
    if (!p) throw new Error(`${where}: out of wasm memory for ${n} bytes`);
    pointers.push(p);
    return p;
  };
  const check = (status) => { if (status !== 0) invalid(c.string(e.st_error_message())); };
  try {
    const file = alloc(bytes.length);
    new Uint8Array(e.memory.buffer, file, bytes.length).set(bytes);
    const infoPtr = alloc(4 * INFO.count);
    check(e.st_model_file_parse(file, bytes.length, infoPtr));
    const info = Array.from(c.i32(infoPtr, INFO.count));

    let config;
    try {
      const text = new TextDecoder('utf-8', { fatal: true })
        .decode(bytes.subarray(info[INFO.configOffset], info[INFO.configOffset] + info[INFO.configLength]));
      config = readConfig(JSON.parse(text));
    } catch (error) {
      if (error instanceof ConfigError) invalid(error.message);
      invalid(`its config is not UTF-8 JSON (${error.message})`);
    }

    // Shapes the config implies, checked against the file before any model is allocated.
    const expected = weightSizes(config.layers);
    const floats = info[INFO.weightFloats];
    const total = expected.reduce((a, w) => a + w.n, 0);
    if (expected.length !== info[INFO.weightCount] || total !== floats) {
      invalid(`the config describes ${expected.length} weight array(s) of ${total} values, the file holds ${info[INFO.weightCount]} of ${floats}`);
    }
    const sizesPtr = alloc(4 * expected.length);
    c.i32(sizesPtr, expected.length).set(expected.map((w) => w.n));
    check(e.st_model_file_read_weights(file, bytes.length, expected.length, sizesPtr, 0));
    const dropouts = dropoutIndices(config.layers);
    if (info[INFO.rngCount] !== 1 + dropouts.length) {
      invalid(`the file holds ${info[INFO.rngCount]} random generator state(s), the config needs ${1 + dropouts.length} (the model's and one per dropout layer)`);
    }
    if (info[INFO.hasOptimizer] && !config.compile) invalid('it holds optimizer state but no compile settings');

    let model;
    try {
      model = sequential({ seed: config.seed, layers: config.layers });
    } catch (error) {
      invalid(`its config does not build a model: ${error.message}`);
    }
    try {
      const { handle, weights } = model[INTERNALS]();
      const destinations = alloc(4 * weights.length);
      c.i32(destinations, weights.length).set(weights.map((_, i) => e.st_model_weight_values(handle, i)));
      check(e.st_model_file_read_weights(file, bytes.length, weights.length, sizesPtr, destinations));
      const rngs = alloc(16 * info[INFO.rngCount]);
      check(e.st_model_file_read_rngs(file, bytes.length, info[INFO.rngCount], rngs));
      [-1, ...dropouts].forEach((layer, k) => check(e.st_model_rng_set(handle, layer, rngs + 16 * k)));
      if (config.compile) {
        const { optimizer, loss, metrics } = config.compile;
        try {
          model.compile({ optimizer, loss, metrics });
        } catch (error) {
          invalid(`its compile settings are rejected: ${error.message}`);
        }
        if (info[INFO.hasOptimizer]) restoreOptimizer(c, file, bytes.length, info, optimizer, expected, alloc, check, invalid);
      }
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model;
  } finally {
    for (const p of pointers) e.st_free(p);
  }
}

function restoreOptimizer(c, file, length, info, optimizer, expected, alloc, check, invalid) {
  const e = c.exports;
  const trainable = expected.filter((w) => w.trainable).map((w) => w.n);
  const arrays = info[INFO.optArrays];
  const count = arrays ? trainable.length : 0;
  const sizes = alloc(4 * count);
  c.i32(sizes, count).set(trainable.slice(0, count));
  const scalars = alloc(16);
  const slots = alloc(4 * info[INFO.optFloats]);
  check(e.st_model_file_read_optimizer(file, length, OPT_KIND[optimizer.name], info[INFO.optSlots], count, sizes,
    scalars, slots));
  const [iterations, uProduct] = new Float64Array(e.memory.buffer, scalars, 2);
  const h = optimizer._handle('loadModel');
  check(e.st_optimizer_state_restore(h, iterations, uProduct, count, sizes));
  const slotCount = e.st_optimizer_state_get(h, 3);
  if (count && slotCount !== info[INFO.optSlots]) {
    invalid(`its optimizer state holds ${info[INFO.optSlots]} slot(s) per array, the configured ${optimizer.name} uses ${slotCount}`);
  }
  if (info[INFO.optFloats]) c.f32(e.st_optimizer_state_slots(h), info[INFO.optFloats]).set(c.f32(slots, info[INFO.optFloats]));
}
