// load_model.mjs — loadModel(bytes): the model saved by model.save(), compiled if it was.
// The C parser checks the container (model_file.mjs); here the JSON config is checked field
// by field through the same fromConfig paths sequential() and compile() use, the weight
// shapes it implies are checked against the file, and only then is the model built and the
// binary sections decoded into it (weights, generator states, optimizer state).
import * as bridge from './bridge.mjs';
import { layerFromConfig } from './layers.mjs';
import { resolveLoss } from './losses.mjs';
import { negativeVariance, Sequential } from './model.mjs';
import { buildPlanned, planModel, size } from './model_core.mjs';
import { FORMAT_NAME, MAX_BYTES, rngOwners } from './model_file.mjs';
import { optimizerFromConfig } from './optimizers.mjs';
import { LAYERS } from './registry/layers.mjs';
import { canonicalLoss, lossNames, lossOptionKeys } from './registry/losses.mjs';
import { metricNames, readMetricEntry } from './registry/metrics.mjs';
import { HYPERPARAMETERS, OPTIMIZERS } from './registry/optimizers.mjs';
import { describe, fail } from './validate.mjs';

const MAX_LAYERS = 256;

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

// fromConfig treats null as "not given": refuse nulls in layer configs instead.
function noNulls(what, object) {
  for (const [key, v] of Object.entries(object)) if (v === null) configFail(`${what}.${key}`, 'must not be null');
}

// Run a fromConfig path on file data; its Error becomes a config error naming the field.
function via(what, fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${what}: ${error.message}`);
  }
}

/** The config JSON → { plan, compile } with every field validated. */
function readConfig(json) {
  checkKeys('config', json, ['format', 'seed', 'layers', 'compile']);
  if (json.format !== FORMAT_NAME) configFail('config.format', `must be ${JSON.stringify(FORMAT_NAME)}, got ${describe(json.format)}`);
  if (!Number.isInteger(json.seed) || json.seed < 0 || json.seed > 0xffffffff) {
    configFail('config.seed', `must be an integer in [0, 4294967295], got ${describe(json.seed)}`);
  }
  if (!Array.isArray(json.layers) || json.layers.length < 1 || json.layers.length > MAX_LAYERS) {
    configFail('config.layers', `must be an array of 1 to ${MAX_LAYERS} layers, got ${describe(json.layers)}`);
  }
  const layers = json.layers.map((l, i) => {
    const what = `config.layers[${i}]`;
    checkKeys(what, l, ['className', 'config']);
    if (!Object.hasOwn(LAYERS, l.className)) configFail(`${what}.className`, `must be one of ${Object.keys(LAYERS).join(', ')}, got ${describe(l.className)}`);
    if (!isObject(l.config)) configFail(`${what}.config`, `must be an object, got ${describe(l.config)}`);
    noNulls(`${what}.config`, l.config);
    return via(what, () => layerFromConfig(what, l));
  });
  let plan;
  try {
    plan = planModel('sequential', { seed: json.seed, layers });
  } catch (error) {
    configFail('its config', `does not build a model: ${error.message}`);
  }
  let compile = null;
  if (json.compile !== null) {
    const what = 'config.compile';
    checkKeys(what, json.compile, ['loss', 'metrics', 'optimizer'], ['weightedMetrics']);
    const { loss, metrics, weightedMetrics = [], optimizer } = json.compile;
    checkKeys(`${what}.loss`, loss, ['name'], lossOptionKeys()); // each loss's own options: resolveLoss
    if (canonicalLoss(loss.name) === undefined) configFail(`${what}.loss.name`, `must be one of ${lossNames().join(', ')}, got ${describe(loss.name)}`);
    const lossObject = via(`${what}.loss`, () => resolveLoss(`${what}.loss`, loss));
    for (const [argument, list] of [['metrics', metrics], ['weightedMetrics', weightedMetrics]]) {
      if (!Array.isArray(list)) {
        configFail(`${what}.${argument}`, `must be an array of metric names (${metricNames().join(', ')}) or { name, ...options }, got ${describe(list)}`);
      }
      list.forEach((m, i) => {
        try {
          readMetricEntry(what, `${argument}[${i}]`, m, { outputs: 1, sparse: lossObject.sparse });
        } catch (error) {
          throw new ConfigError(error.message);
        }
      });
    }
    checkKeys(`${what}.optimizer`, optimizer, ['name'], Object.keys(HYPERPARAMETERS));
    if (!Object.hasOwn(OPTIMIZERS, optimizer.name)) {
      configFail(`${what}.optimizer.name`, `must be one of ${Object.keys(OPTIMIZERS).join(', ')}, got ${describe(optimizer.name)}`);
    }
    noNulls(`${what}.optimizer`, optimizer);
    compile = { loss: lossObject, metrics: [...metrics], weightedMetrics: [...weightedMetrics], optimizer: via(`${what}.optimizer`, () => optimizerFromConfig(`${what}.optimizer`, optimizer)) };
  }
  return { plan, compile };
}

/** loadModel(bytes): the model saved by model.save(), compiled if it was. */
export function loadModel(bytes) {
  const where = 'loadModel';
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) fail(where, 'bytes', 'a Uint8Array (or ArrayBuffer) holding a file from model.save()', bytes);
  const invalid = (message) => { throw new Error(`${where}: bytes is not a valid simdtrain model file: ${message}`); };
  if (bytes.length > MAX_BYTES) invalid(`it is ${bytes.length} bytes, more than the limit of ${MAX_BYTES}`);
  bridge.requireCore(where);
  const pointers = [];
  const alloc = (n) => {
    const p = bridge.alloc(where, n);
    pointers.push(p);
    return p;
  };
  const check = (status) => { if (status !== 0) invalid(bridge.lastErrorMessage(where)); };
  let file = 0;
  try {
    const copy = alloc(bytes.length);
    bridge.u8(copy, bytes.length).set(bytes);
    file = bridge.fileOpen(where, copy, bytes.length); // parsed and checked once; reads below decode from it
    if (!file) invalid(bridge.lastErrorMessage(where));
    const info = bridge.fileInfo(where, file);

    let config;
    try {
      // slice, not subarray: browsers' TextDecoder refuses a view of a SharedArrayBuffer.
      const text = new TextDecoder('utf-8', { fatal: true })
        .decode(bytes.slice(info.configOffset, info.configOffset + info.configLength));
      config = readConfig(JSON.parse(text));
    } catch (error) {
      if (error instanceof ConfigError) invalid(error.message);
      invalid(`its config is not UTF-8 JSON (${error.message})`);
    }

    // Shapes the config implies, checked against the file before any model is allocated.
    // trainable: the arrays the optimizer state covers (a frozen layer's are not among them).
    const expected = config.plan.layers.flatMap((l) => l.weights.map((w) => ({ n: size(w.shape), trainable: w.trainable && l.trainable })));
    const total = expected.reduce((a, w) => a + w.n, 0);
    if (expected.length !== info.weightCount || total !== info.weightFloats) {
      invalid(`the config describes ${expected.length} weight array(s) of ${total} values, the file holds ${info.weightCount} of ${info.weightFloats}`);
    }
    const sizesPtr = alloc(4 * expected.length);
    bridge.i32(sizesPtr, expected.length).set(expected.map((w) => w.n));
    check(bridge.fileReadWeights(where, file, expected.length, sizesPtr, 0));
    const owners = rngOwners(config.plan.layers);
    if (info.rngCount !== owners.length) {
      invalid(`the file holds ${info.rngCount} random generator state(s), the config needs ${owners.length} (the model's and one per dropout layer)`);
    }
    if (info.hasOptimizer && !config.compile) invalid('it holds optimizer state but no compile settings');

    let core;
    try {
      core = buildPlanned('sequential', config.plan);
    } catch (error) {
      invalid(`its config does not build a model: ${error.message}`);
    }
    const model = new Sequential(core);
    try {
      const destinations = alloc(4 * core.weights.length);
      bridge.i32(destinations, core.weights.length).set(core.weights.map((_, i) => core.weightView(where, i).byteOffset));
      check(bridge.fileReadWeights(where, file, core.weights.length, sizesPtr, destinations));
      core.weights.forEach((w, i) => {
        const values = core.weightView(where, i);
        const negative = negativeVariance(w.name, values);
        if (negative >= 0) invalid(`its weight ${w.name} holds ${values[negative]} at index ${negative}; a moving variance must be >= 0`);
      });
      const rngs = alloc(16 * owners.length);
      check(bridge.fileReadRngs(where, file, owners.length, rngs));
      owners.forEach((layer, k) => bridge.rngSet(where, core.handle, layer, Array.from(bridge.i32(rngs + 16 * k, 4), (v) => v >>> 0)));
      if (config.compile) {
        const { optimizer, loss, metrics, weightedMetrics } = config.compile;
        try {
          model.compile({ optimizer, loss, metrics, weightedMetrics });
        } catch (error) {
          invalid(`its compile settings are rejected: ${error.message}`);
        }
        if (info.hasOptimizer) restoreOptimizer(where, file, info, optimizer, expected, alloc, check, invalid);
      }
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model;
  } finally {
    bridge.fileClose(file);
    for (const p of pointers) bridge.free(p);
  }
}

function restoreOptimizer(where, file, info, optimizer, expected, alloc, check, invalid) {
  const trainable = expected.filter((w) => w.trainable).map((w) => w.n);
  const count = info.optimizerArrays ? trainable.length : 0;
  const sizes = alloc(4 * count);
  bridge.i32(sizes, count).set(trainable.slice(0, count));
  const scalars = alloc(16);
  const slots = alloc(4 * info.optimizerFloats);
  check(bridge.fileReadOptimizer(where, file, bridge.code('optimizer', optimizer.name), info.optimizerSlotCount, count, sizes,
    scalars, slots));
  const [iterations, uProduct] = bridge.f64(scalars, 2);
  const slotCount = optimizer._restore(where, { iterations, uProduct, sizes: trainable.slice(0, count),
    slots: bridge.f32(slots, info.optimizerFloats).slice() });
  if (count && slotCount !== info.optimizerSlotCount) {
    invalid(`its optimizer state holds ${info.optimizerSlotCount} slot(s) per array, the configured ${optimizer.name} uses ${slotCount}`);
  }
}
