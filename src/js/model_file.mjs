// model_file.mjs — the versioned binary model file of docs/model-format.md: writing
// (model.save(): plain JS, DataView, little-endian) and reading its sections through the C
// parser (src/io/model_file.c), which checks magic, version, every length and count and the
// CRC-32 before anything is allocated. The config section is the model's getConfig() plus
// its compile settings, as JSON: { className, config } per layer, the optimizer's
// getConfig(), the loss's getConfig(). loadModel (load_model.mjs) builds the model from it.
import * as bridge from './bridge.mjs';
import { LAYERS } from './registry/layers.mjs';
import { size } from './model_core.mjs';
import { checkBoolean, checkOptions } from './validate.mjs';

export const FORMAT_VERSION = 1;
export const FORMAT_NAME = 'simdtrain.Sequential';
const MAGIC = [0x53, 0x49, 0x4d, 0x44, 0x54, 0x52, 0x4e, 0x00]; // "SIMDTRN\0"
export const MAX_BYTES = 1 << 30; // ST_MODEL_FILE_MAX_BYTES
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

/** Indices of the layers with their own random generator (dropout), after the model's (-1). */
export const rngOwners = (layers) => [-1, ...layers.map((l, i) => (LAYERS[l.className].random ? i : -2)).filter((i) => i >= 0)];

/** model.save(): see docs/model-format.md. */
export function saveModel(core, options) {
  const where = 'save';
  const o = checkOptions(where, options, ['includeOptimizer']);
  const includeOptimizer = checkBoolean(where, 'includeOptimizer', o.includeOptimizer ?? true);
  const weights = core.weights.map((w, i) => {
    const values = core.weightView(where, i).slice();
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(`${where}: the model's weight ${w.name} holds a non-finite value (${values[bad]} at index ${bad}); a model file holds finite weights only`);
    }
    return values;
  });
  const { compiled } = core;
  const config = {
    format: FORMAT_NAME,
    seed: core.seed,
    layers: core.layerConfigs(),
    compile: compiled ? { loss: compiled.loss.getConfig(), metrics: [...compiled.metrics],
      ...(compiled.weightedMetrics.length ? { weightedMetrics: [...compiled.weightedMetrics] } : {}), optimizer: compiled.optimizer.getConfig() } : null,
  };
  const rngs = rngOwners(core.layers).map((layer) => bridge.rngGet(where, core.handle, layer));
  let optimizer = null;
  if (includeOptimizer && compiled) {
    const changed = core.layers.filter((l, i) => l.trainable !== compiled.layerTrainable[i]);
    if (changed.length > 0) {
      throw new Error(`${where}: includeOptimizer is true but trainable changed since compile() on layer(s) ${changed.map((l) => l.name).join(', ')}, so the optimizer's state is for other weights; call compile() again or save with { includeOptimizer: false }`);
    }
    const state = compiled.optimizer._state(where);
    const trainable = core.trainable.map((i) => size(core.weights[i].shape));
    if (state.sizes.length > 0 && (state.sizes.length !== trainable.length || state.sizes.some((n, i) => n !== trainable[i]))) {
      throw new Error(`${where}: includeOptimizer is true but the optimizer's state was built for arrays of sizes [${state.sizes}], not this model's trainable weights [${trainable}] (the optimizer was shared); save with { includeOptimizer: false }`);
    }
    if (!(state.iterations <= 2 ** 53)) {
      throw new Error(`${where}: the optimizer's iterations (${state.iterations}) are past 2^53, the largest count a model file holds exactly; save with { includeOptimizer: false }`);
    }
    optimizer = { kind: bridge.code('optimizer', compiled.optimizer.name), ...state };
  }
  return writeModelFile({ config, rngs, optimizer, weights });
}
