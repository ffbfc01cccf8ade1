// layers.mjs — layer descriptions and their factories (layers.dense(), ...), made from the
// layer registry (registry/layers.mjs). A Layer holds its class name and full config (every
// option, defaults filled in); getConfig() gives { className, config }, the one serialized
// form that sequential(), model files, the worker protocol and toKerasCode all consume, and
// layerFromConfig() turns it back into a Layer, checking it as the factory does.
import { COMMON_LAYER_OPTIONS, LAYERS } from './registry/layers.mjs';
import { own, readOptions } from './registry/options.mjs';
import { describe, fail } from './validate.mjs';

const optionTable = (className) => ({ ...LAYERS[className].options, ...COMMON_LAYER_OPTIONS });

// Only this module makes Layers, so every Layer's config has been checked by readOptions.
const CHECKED = Symbol('checked layer config');

export class Layer {
  #className; #config;

  /** @internal use layers.<name>() or layerFromConfig() */
  constructor(className, config, token) {
    if (token !== CHECKED) {
      throw new Error(`Layer: use layers.<name>(options) or a { className, config } object; the constructor is internal, got ${describe(className)}`);
    }
    this.#className = className;
    this.#config = Object.freeze(config);
    // The config's fields read as properties too (layer.units), as the descriptions always did.
    for (const [key, value] of Object.entries(config)) Object.defineProperty(this, key, { value, enumerable: true });
    Object.freeze(this);
  }

  get className() { return this.#className; }
  /** { className, config }: plain data (structured-clone and JSON safe). */
  getConfig() { return { className: this.#className, config: structuredClone({ ...this.#config }) }; }
}

function factory(className) {
  const entry = LAYERS[className];
  const where = `layers.${entry.factory}`;
  return (options) => {
    if (options === undefined && entry.required) fail(where, 'options', entry.required, options);
    return new Layer(className, readOptions(where, optionTable(className), options), CHECKED);
  };
}

export const layers = Object.freeze(Object.fromEntries(Object.keys(LAYERS).map((c) => [LAYERS[c].factory, factory(c)])));

/** { className, config } → a Layer (a Layer is returned as it is). */
export function layerFromConfig(where, value) {
  if (value instanceof Layer) return value;
  if (value === null || typeof value !== 'object' || typeof own(value, 'className') !== 'string' || !Object.hasOwn(LAYERS, value.className)) {
    fail(where, 'className', `one of ${Object.keys(LAYERS).join(', ')}`, own(value, 'className') ?? value);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'className' && key !== 'config') throw new Error(`${where} has an unknown key ${JSON.stringify(key)}; expected className, config`);
  }
  const config = own(value, 'config') ?? {};
  if (config === null || typeof config !== 'object' || Array.isArray(config)) fail(where, 'config', 'an object', config);
  return layers[LAYERS[value.className].factory](config);
}

