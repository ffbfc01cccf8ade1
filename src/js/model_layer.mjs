// model_layer.mjs — the entries of model.layers (Keras model.layers, TF.js LayersModel.layers):
// one object per layer with its className, name, config options (read-only, as before),
// inputShape and outputShape (per sample), getConfig(), getWeights() / setWeights(list) for
// its own arrays, and a settable trainable. Setting trainable = false freezes the layer at
// once in C (its weights leave the optimizer's arrays; a BatchNormalization layer runs in
// inference mode when training, as Keras 3), and, as Keras documents ("calling compile() on a
// model is meant to freeze its behavior ... if you change any trainable value, call compile()
// again"), fit and trainOnBatch then refuse until compile() is called again: the change never
// goes silently unapplied.
import { checkBoolean, describe } from './validate.mjs';

const HOST = Symbol('model layer host');

export class ModelLayer {
  #host; #index;

  /** @internal made by Sequential (model.layers) */
  constructor(host, index, token) {
    if (token !== HOST) throw new Error(`ModelLayer: read model.layers; the constructor is internal, got ${describe(host)}`);
    this.#host = host;
    this.#index = index;
    const l = host.core.layers[index];
    const fields = { className: l.className, name: l.name, ...structuredClone(l.config),
      inputShape: [...l.inputShape], outputShape: [...l.outputShape] };
    for (const [key, value] of Object.entries(fields)) {
      Object.defineProperty(this, key, { value: value !== null && typeof value === 'object' ? deepFreeze(value) : value, enumerable: true });
    }
    Object.seal(this);
  }

  /** Whether fit and trainOnBatch train this layer's weights (Keras layer.trainable). */
  get trainable() { return this.#host.core.layers[this.#index].trainable; }
  set trainable(value) {
    const where = `${this.name}.trainable`; // errors read "dense.trainable: ..."
    this.#host.idle(where);
    checkBoolean(where, 'value', value);
    if (value !== this.trainable) this.#host.core.setTrainable(where, this.#index, value);
  }

  /** { className, config } as in model.getConfig().layers (trainable included). */
  getConfig() {
    this.#host.core.live(`${this.name}.getConfig`);
    return this.#host.core.layerConfigs()[this.#index];
  }

  /** This layer's weights, as model.getWeights() gives them: [{ name, shape, trainable, values }]. */
  getWeights() { return this.#host.getWeights(`${this.name}.getWeights`, this.#indices()); }

  /** Set this layer's weights: an array of Float32Arrays or { values } objects in getWeights() order. */
  setWeights(list) { this.#host.setWeights(`${this.name}.setWeights`, this.#indices(), list); }

  #indices() {
    return this.#host.core.weights.map((w, i) => (w.layer === this.#index ? i : -1)).filter((i) => i >= 0);
  }
}

function deepFreeze(value) {
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object') deepFreeze(v);
  return Object.freeze(value);
}

/** The layers of a model: one ModelLayer per layer. */
export const modelLayers = (host) => host.core.layers.map((_, i) => new ModelLayer(host, i, HOST));
