// model_core.mjs — the package-internal state of one model: its C handle, its layers (each
// with its config, shapes and weights, computed by the layer registry), the flat weight list
// in getWeights order, the compile settings and the busy flag. sequential() and loadModel()
// build one; Sequential, fit, diagnostics, summary and model files read it. Not exported
// from the package.
import * as bridge from './bridge.mjs';
import { ACTIVATIONS } from './registry/activations.mjs';
import { INITIALIZERS } from './registry/initializers.mjs';
import { acceptsRank, LAYERS } from './registry/layers.mjs';
import { Layer, layerFromConfig } from './layers.mjs';
import { regularizerFactors } from './regularizers.mjs';
import { own } from './registry/options.mjs';
import { checkInteger, describe, fail } from './validate.mjs';

export const size = (shape) => shape.reduce((a, n) => a * n, 1);

// What a layer's C parameters need from the names of its config: their C codes.
const codes = {
  activation: (name) => bridge.code('activation', ACTIVATIONS[name].keras),
  alpha: (name) => ACTIVATIONS[name].alpha ?? 0,
  initializer: (name) => bridge.code('initializer', INITIALIZERS[name].keras),
};

const finalizer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => bridge.modelFree(handle)) : null;

export class ModelCore {
  constructor(handle, layers, seed) {
    this.handle = handle;
    this.layers = layers;
    this.seed = seed;
    // Each weight's trainable is its kind's (BatchNormalization's moving statistics: false);
    // weightTrainable(i) adds its layer's trainable (Keras: a frozen layer's weights are not).
    this.weights = layers.flatMap((l, i) => l.weights.map((w) => ({ ...w, name: `${l.name}/${w.name}`, layer: i })));
    this.refreshTrainable();
    this.inputShape = layers[0].inputShape;
    this.outputShape = layers[layers.length - 1].outputShape;
    this.inputs = size(this.inputShape);
    this.outputs = size(this.outputShape);
    this.compiled = null; // { loss: Loss, optimizer: Optimizer, metrics: string[], accuracy: boolean }
    this.busy = false;
  }

  /** Whether weight i is trained now: trainable by its kind and its layer not frozen. */
  weightTrainable(i) { return this.weights[i].trainable && this.layers[this.weights[i].layer].trainable; }

  /** Recompute the list of trained weights (getWeights indices) after a layer's trainable changed. */
  refreshTrainable() { this.trainable = this.weights.map((w, i) => (this.weightTrainable(i) ? i : -1)).filter((i) => i >= 0); }

  /** Set layer i's trainable, in C (its weights leave or join the optimizer's arrays; a
   *  BatchNormalization layer runs in inference mode while frozen) and here. */
  setTrainable(where, i, value) {
    bridge.setTrainable(where, this.handle, i, value);
    this.layers[i].trainable = value;
    this.refreshTrainable();
  }

  live(where) {
    if (!this.handle) throw new Error(`${where}: the model was disposed; create a new one`);
  }

  /** The values of weight i, as a view into wasm memory (copy before keeping). */
  weightView(where, i) { return bridge.weightValues(where, this.handle, i, size(this.weights[i].shape)); }

  /** Layer i's Keras configs: { className, config } with name (and inputShape on the first). */
  layerConfigs() {
    return this.layers.map((l, i) => ({ className: l.className,
      config: { ...structuredClone(l.config), ...(i === 0 ? { inputShape: [...l.inputShape] } : {}), name: l.name,
        trainable: l.trainable } }));
  }

  free(owner) {
    if (!this.handle) return;
    bridge.modelFree(this.handle);
    finalizer?.unregister(owner);
    this.handle = 0;
  }

  track(owner) { finalizer?.register(owner, this.handle, owner); }
}

/** sequential()'s options { seed, layers } checked and planned: names, shapes and weights of
 *  every layer, from the layer registry, before anything is allocated. */
export function planModel(where, options) {
  if (options === undefined) fail(where, 'options', 'an object like { layers: [...] }', options);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) fail(where, 'options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!['seed', 'layers', 'name'].includes(key)) throw new Error(`${where}: unknown option ${JSON.stringify(key)}; expected one of seed, layers, name`);
  }
  // Own properties only, here and below: a polluted Object.prototype must not add a seed, an inputShape or a name.
  const seed = own(options, 'seed') === undefined ? 0 : checkInteger(where, 'seed', options.seed, 0, 0xffffffff);
  const given = Object.hasOwn(options, 'layers') ? options.layers : undefined;
  if (!Array.isArray(given) || given.length === 0) fail(where, 'layers', 'a non-empty array of layers', given);
  const specs = given.map((l, i) => {
    if (l instanceof Layer) return l;
    if (l !== null && typeof l === 'object' && Object.hasOwn(l, 'config')) return layerFromConfig(`${where}: layers[${i}]`, l);
    return fail(where, `layers[${i}]`, `a layer from layers.${Object.values(LAYERS).map((e) => e.factory).join('(), ')}() or its getConfig()`, l);
  });
  specs.forEach((l, i) => {
    if (i > 0 && own(l, 'inputShape') !== undefined) {
      throw new Error(`${where}: layers[${i}].inputShape is only allowed on the first layer, got [${l.inputShape}]`);
    }
  });
  if (own(specs[0], 'inputShape') === undefined) {
    throw new Error(`${where}: layers[0] must give inputShape, e.g. layers.dense({ units: 8, inputShape: [2] }), got ${describe(undefined)}`);
  }
  const counts = new Map(); // not {}: a polluted Object.prototype must not number the names
  const taken = new Set();
  let shape = own(specs[0], 'inputShape');
  const layers = specs.map((spec) => {
    const { className } = spec;
    const { config } = spec.getConfig();
    const entry = LAYERS[className];
    let name = own(config, 'name');
    if (name === undefined) {
      const k = (counts.get(entry.base) ?? -1) + 1;
      counts.set(entry.base, k);
      name = k === 0 ? entry.base : `${entry.base}_${k}`;
    }
    if (taken.has(name)) throw new Error(`${where}: layer names must be unique, got ${JSON.stringify(name)} twice`);
    taken.add(name);
    const trainable = own(config, 'trainable') ?? true; // Keras Layer(trainable=True); kept beside the config, as the name
    delete config.name;
    delete config.inputShape;
    delete config.trainable;
    const inputShape = shape;
    if (!acceptsRank(className, inputShape.length)) {
      if (entry.inputText) throw new Error(`${where}: layer ${name} (${className}) takes ${entry.inputText}, got input of shape [${inputShape}]${inputShape === own(specs[0], 'inputShape') ? ' (its inputShape)' : ''}`);
      throw new Error(`${where}: layer ${name} (${className}) takes one feature vector per sample, got input of shape [${inputShape}]; add layers.flatten() before it`);
    }
    entry.check?.(`${where}: layer ${name} (${className})`, config, inputShape);
    shape = entry.outputShape(config, inputShape);
    return { className, name, config, inputShape, outputShape: shape, weights: entry.weights(config, inputShape), trainable };
  });
  return { seed, layers };
}

/** Build a model in C from sequential()'s options. */
export const buildModelCore = (where, options) => buildPlanned(where, planModel(where, options));

/** Build a planned model (planModel's result) in C. */
export function buildPlanned(where, { seed, layers }) {
  const handle = bridge.modelCreate(where, seed, size(layers[0].inputShape));
  try {
    for (const l of layers) {
      bridge.addLayer(where, handle, bridge.code('layer', l.className), LAYERS[l.className].params(l.config, codes, l.inputShape));
    }
    bridge.modelBuild(where, handle);
    applyLayerSettings(where, handle, layers);
  } catch (error) {
    bridge.modelFree(handle);
    throw error;
  }
  return new ModelCore(handle, layers, seed);
}

/** After build: each layer's weight regularizers (the registry's 'regularizer' options name
 *  their weight; absent weights, a bias with useBias false, take none, as in Keras), its
 *  activity regularizer and its trainable, in C. */
function applyLayerSettings(where, handle, layers) {
  let first = 0; // index of the layer's first weight in the model's list
  layers.forEach((l, i) => {
    for (const [key, spec] of Object.entries(LAYERS[l.className].options)) {
      if (spec.kind !== 'regularizer' || l.config[key] === undefined) continue;
      const k = l.weights.findIndex((w) => w.name === spec.weight);
      if (k >= 0) bridge.setRegularizer(where, handle, first + k, ...regularizerFactors(l.config[key]));
    }
    if (l.config.activityRegularizer !== undefined) bridge.setActivityRegularizer(where, handle, i, ...regularizerFactors(l.config.activityRegularizer));
    if (!l.trainable) bridge.setTrainable(where, handle, i, false);
    first += l.weights.length;
  });
}
