// model.mjs — Sequential models: compile, predict, evaluate, trainOnBatch, computeGradients,
// weights, summary, save, dispose. The model's state is a ModelCore (model_core.mjs); fit
// runs in fit.mjs, per-layer statistics in diagnostics.mjs; every call into wasm goes
// through the bridge.
import * as bridge from './bridge.mjs';
import { toLabels, toMatrix } from './data.mjs';
import { gradientStats } from './diagnostics.mjs';
import { runFit } from './fit.mjs';
import { resolveLoss } from './losses.mjs';
import { buildModelCore, ModelCore, size } from './model_core.mjs';
import { installMetrics, logKeys, readMetrics, readSampleWeight } from './metrics.mjs';
import { saveModel } from './model_file.mjs';
import { modelLayers } from './model_layer.mjs';
import { resolveOptimizer } from './optimizers.mjs';
import { own } from './registry/options.mjs';
import { printLines, summaryPrinter, summaryText } from './summary.mjs';
import { checkBoolean, checkInteger, checkOptions, describe, fail } from './validate.mjs';

/** The index of the first negative value of a batch-normalization moving variance, or -1
 *  (a negative variance makes sqrt(variance + epsilon) NaN at inference). */
export const negativeVariance = (name, values) => (name.endsWith('/moving_variance') ? values.findIndex((x) => x < 0) : -1);

export class Sequential {
  #core;
  #layers = null; // model.layers, made once: the same objects on every read

  /** @internal use sequential() or loadModel() */
  constructor(core) {
    if (!(core instanceof ModelCore)) {
      throw new Error(`Sequential: use sequential(options) or loadModel(bytes); the constructor is internal, got ${describe(core)}`);
    }
    this.#core = core;
    this.stopTraining = false;
    core.track(this);
  }

  /** One object per layer (model_layer.mjs): className, name, options, shapes, a settable
   *  trainable, getConfig(), getWeights(), setWeights(). */
  get layers() {
    this.#layers ??= modelLayers({ core: this.#core, idle: (where) => this.#idle(where),
      getWeights: (where, indices) => this.#getWeights(where, indices),
      setWeights: (where, indices, list) => this.#setWeights(where, indices, list) });
    return [...this.#layers];
  }
  get seed() { return this.#core.seed; }
  get inputShape() { return [...this.#core.inputShape]; }
  /** [null, ...the output's shape per sample], as tfjs-layers writes it (null: the batch). */
  get outputShape() { return [null, ...this.#core.outputShape]; }
  /** Keras model.get_config(): { seed, layers: [{ className, config }] } — sequential() takes it back. */
  getConfig() { return { seed: this.#core.seed, layers: this.#core.layerConfigs() }; }
  /** The last compile(): { optimizer, loss: { name, fromLogits }, metrics }, or null. */
  get compileConfig() {
    this.#core.live('compileConfig');
    const c = this.#core.compiled;
    const copy = (list) => list.map((m) => (typeof m === 'string' ? m : { ...m }));
    return c && { optimizer: c.optimizer, loss: c.loss.getConfig(), metrics: copy(c.metrics), weightedMetrics: copy(c.weightedMetrics) };
  }

  #idle(where) {
    this.#core.live(where);
    if (this.#core.busy) throw new Error(`${where}: fit() is running on this model; await it first`);
  }

  #requireCompiled(where) {
    this.#idle(where);
    if (!this.#core.compiled) throw new Error(`${where}: the model must be compiled first; call model.compile({ optimizer, loss })`);
    return this.#core.compiled;
  }

  // Keras captures the trainable weights at compile and documents that a change of trainable
  // needs compile() again; training with the old set would ignore the change silently.
  #requireTrainableCompiled(where) {
    const compiled = this.#requireCompiled(where);
    const changed = this.#core.layers.filter((l, i) => l.trainable !== compiled.layerTrainable[i]);
    if (changed.length > 0) {
      throw new Error(`${where}: trainable changed since compile() on layer(s) ${changed.map((l) => `${l.name} (now ${l.trainable})`).join(', ')}; `
        + 'call compile() again for it to take effect, as in Keras (compile captures the trainable weights)');
    }
    return compiled;
  }

  compile(options) {
    const where = 'compile';
    this.#idle(where);
    if (options === undefined) fail(where, 'options', 'an object like { optimizer, loss }', options);
    const o = checkOptions(where, options, ['optimizer', 'loss', 'metrics', 'weightedMetrics']);
    const core = this.#core;
    const loss = resolveLoss(where, own(o, 'loss'));
    if (core.outputs < loss.minOutputs) {
      throw new Error(`${where}: loss '${loss.name}' needs a model with at least ${loss.minOutputs} outputs, got ${core.outputs}`);
    }
    const metrics = readMetrics(where, 'metrics', own(o, 'metrics') ?? [], loss, core.outputs);
    const weightedMetrics = readMetrics(where, 'weightedMetrics', own(o, 'weightedMetrics') ?? [], loss, core.outputs);
    const optimizer = resolveOptimizer(where, own(o, 'optimizer'));
    const sizes = core.trainable.map((i) => size(core.weights[i].shape));
    const differ = (other) => other.length !== sizes.length || other.some((n, i) => n !== sizes[i]);
    const previous = core.compiled;
    if (previous && previous.optimizer === optimizer && optimizer.iterations > 0
      && (previous.trainable.length !== core.trainable.length || previous.trainable.some((w, i) => w !== core.trainable[i]))) {
      throw new Error(`${where}: the optimizer has state for the weights this model trained before a layer's trainable changed `
        + `([${previous.trainable.map((i) => core.weights[i].name)}], now [${core.trainable.map((i) => core.weights[i].name)}]); `
        + 'give compile a new optimizer (Keras refuses an optimizer built for other variables too)');
    }
    const state = optimizer.iterations > 0 ? optimizer._state(where) : null;
    if (state && state.sizes.length && differ(state.sizes)) {
      throw new Error(`${where}: optimizer holds state for weights of sizes [${state.sizes}] (it has trained another model), this model's trainable weights have sizes [${sizes}]; give this model its own optimizer`);
    }
    const inUse = optimizer._sizesInUse(this);
    if (inUse && differ(inUse)) {
      throw new Error(`${where}: optimizer is used by a compiled model whose trainable weights have sizes [${inUse}], this model's have sizes [${sizes}]; give this model its own optimizer`);
    }
    try {
      bridge.modelCompile(where, core.handle, bridge.code('loss', loss.keras), loss.fromLogits, loss.delta ?? 0, optimizer._handle(where));
    } catch (error) {
      if (optimizer !== own(o, 'optimizer')) optimizer.dispose(); // made here from a name or a config: nobody else holds it
      throw error;
    }
    // Attach the new optimizer before detaching the old: the same object stays alive.
    optimizer._attach(this, sizes);
    if (core.compiled && core.compiled.optimizer !== optimizer) core.compiled.optimizer._detach(this);
    core.compiled = { loss, optimizer, metrics: metrics.map((m) => m.config), weightedMetrics: weightedMetrics.map((m) => m.config),
      metricKeys: logKeys(metrics, weightedMetrics),
      trainable: [...core.trainable], layerTrainable: core.layers.map((l) => l.trainable) };
    installMetrics(where, core.handle, [...metrics, ...weightedMetrics]);
  }

  get optimizer() { return this.#core.compiled?.optimizer; }

  #labels(where, name, y, rows) {
    const { loss } = this.#requireCompiled(where);
    const labels = loss.sparse ? toLabels(where, name, y, this.#core.outputs)
      : toMatrix(where, name, y, this.#core.outputs, this.#core.outputShape);
    if (rows !== undefined && labels.rows !== rows) {
      throw new Error(`${where}: ${name} must have one label row per sample (${rows}), got ${labels.rows}`);
    }
    return labels;
  }

  /** @internal x and y checked against the model: { xs, ys }. */
  _data(where, x, y, names = ['x', 'y']) {
    const xs = toMatrix(where, names[0], x, this.#core.inputs, this.#core.inputShape);
    return { xs, ys: this.#labels(where, names[1], y, xs.rows) };
  }

  predict(x, options) {
    const where = 'predict';
    this.#core.live(where);
    const o = checkOptions(where, options, ['training']);
    return this.#predict(where, x, o.training === undefined ? false : checkBoolean(where, 'training', o.training));
  }

  #predict(where, x, training) {
    const core = this.#core;
    const { data, rows } = toMatrix(where, 'x', x, core.inputs, core.inputShape);
    const xPtr = bridge.upload(where, data);
    try {
      return bridge.withScratch(where, rows * core.outputs * 4, (out) => {
        bridge.modelPredict(where, core.handle, xPtr, rows, out, training);
        return bridge.f32(out, rows * core.outputs).slice();
      });
    } finally {
      bridge.free(xPtr);
    }
  }

  /** Loss and every compiled metric, in inference mode: { loss, [metric key]: value }. */
  evaluate(x, y, options) {
    const where = 'evaluate';
    this.#requireCompiled(where);
    const o = checkOptions(where, options, ['batchSize', 'sampleWeight']);
    const batchSize = checkInteger(where, 'batchSize', own(o, 'batchSize') ?? 32, 1, 2 ** 31 - 1);
    const { xs, ys } = this._data(where, x, y);
    const w = own(o, 'sampleWeight') === undefined ? null : readSampleWeight(where, 'sampleWeight', o.sampleWeight, xs.rows);
    return this._evaluateData(where, xs, ys, batchSize, w);
  }

  /** Keras test_on_batch: evaluate (x, y) as one batch, no shuffling; returns the logs. */
  testOnBatch(x, y, options) {
    const where = 'testOnBatch';
    this.#requireCompiled(where);
    const o = checkOptions(where, options, ['sampleWeight']);
    const { xs, ys } = this._data(where, x, y);
    const w = own(o, 'sampleWeight') === undefined ? null : readSampleWeight(where, 'sampleWeight', o.sampleWeight, xs.rows);
    return this._evaluateData(where, xs, ys, xs.rows, w);
  }

  /** Keras predict_on_batch: the inference-mode outputs of x as one batch. */
  predictOnBatch(x, ...rest) {
    const where = 'predictOnBatch';
    this.#core.live(where);
    if (rest.length > 0) throw new Error(`${where}: takes x only (Keras predict_on_batch), got ${rest.length + 1} arguments`);
    return this.#predict(where, x, false);
  }

  /** @internal evaluate checked data (fit's validation): { loss, ...metrics } by Keras's keys. */
  _evaluateData(where, xs, ys, batchSize, weights = null) {
    const core = this.#core;
    const keys = core.compiled.metricKeys;
    const xPtr = bridge.upload(where, xs.data), yPtr = bridge.upload(where, ys.data);
    const wPtr = weights ? bridge.upload(where, weights) : 0;
    try {
      return bridge.withScratch(where, 8 * (1 + keys.length), (out) => {
        bridge.modelEvaluate(where, core.handle, xPtr, yPtr, wPtr, xs.rows, batchSize, out);
        const values = bridge.f64(out, 1 + keys.length);
        const logs = { loss: values[0] };
        keys.forEach((key, i) => { logs[key] = values[1 + i]; });
        return logs;
      });
    } finally {
      bridge.free(xPtr);
      bridge.free(yPtr);
      bridge.free(wPtr);
    }
  }

  #gradientCall(where, x, y, run) {
    this.#requireCompiled(where);
    const core = this.#core;
    bridge.setDiagnostics(where, core.handle, true);
    const { xs, ys } = this._data(where, x, y);
    const xPtr = bridge.upload(where, xs.data), yPtr = bridge.upload(where, ys.data);
    try {
      return bridge.withScratch(where, 4, (lossPtr) => {
        run(where, core.handle, xPtr, yPtr, xs.rows, lossPtr);
        return bridge.f32(lossPtr, 1)[0];
      });
    } finally {
      bridge.free(xPtr);
      bridge.free(yPtr);
    }
  }

  /** One optimizer step on (x, y); returns the batch loss (before the step). */
  trainOnBatch(x, y) {
    this.#requireTrainableCompiled('trainOnBatch');
    return this.#gradientCall('trainOnBatch', x, y, bridge.modelTrainBatch);
  }

  /** Training-mode forward and backward without an update: { loss, grads }. */
  computeGradients(x, y) {
    const where = 'computeGradients';
    const loss = this.#gradientCall(where, x, y, bridge.modelComputeGradients);
    const core = this.#core;
    const grads = core.trainable.map((i) => bridge.weightGradient(where, core.handle, i, size(core.weights[i].shape)).slice());
    return { loss, grads };
  }

  getWeights() { return this.#getWeights('getWeights', this.#core.weights.map((_, i) => i)); }

  /** trainable: whether fit trains the array now (false for a frozen layer's, as Keras's variable.trainable). */
  #getWeights(where, indices) {
    this.#core.live(where);
    return indices.map((i) => ({ name: this.#core.weights[i].name, shape: [...this.#core.weights[i].shape],
      trainable: this.#core.weightTrainable(i), values: this.#core.weightView(where, i).slice() }));
  }

  setWeights(list) { this.#setWeights('setWeights', this.#core.weights.map((_, i) => i), list); }

  /** Set the weights at `indices` (getWeights order) from list, each checked before any is written. */
  #setWeights(where, indices, list) {
    this.#idle(where);
    const weights = indices.map((i) => this.#core.weights[i]);
    if (!Array.isArray(list) || list.length !== weights.length) {
      fail(where, 'weights', `an array of ${weights.length} arrays (${weights.map((w) => w.name).join(', ')})`, list);
    }
    const values = list.map((item, i) => {
      const v = item instanceof Float32Array ? item : own(item, 'values'); // own: never Object.prototype.values
      const n = size(weights[i].shape);
      if (!(v instanceof Float32Array) || v.length !== n) {
        fail(where, `weights[${i}] (${weights[i].name})`, `a Float32Array of length ${n}, or { values } holding one`, v ?? item);
      }
      const bad = v.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) throw new Error(`${where}: weights[${i}] (${weights[i].name}) must be finite, got ${v[bad]} at index ${bad}`);
      const negative = negativeVariance(weights[i].name, v);
      if (negative >= 0) throw new Error(`${where}: weights[${i}] (${weights[i].name}) must be >= 0 (a variance), got ${v[negative]} at index ${negative}`);
      return v;
    });
    values.forEach((v, k) => this.#core.weightView(where, indices[k]).set(v));
  }

  /**
   * Train for `epochs` epochs. Returns a History whose history.loss (and accuracy,
   * val_loss, val_accuracy) hold one value per epoch.
   */
  async fit(x, y, options) {
    this.#requireTrainableCompiled('fit');
    return runFit(this, this.#core, x, y, options);
  }

  /**
   * Statistics of the last training step that computed them (trainOnBatch,
   * computeGradients, or fit with diagnostics: true), per layer; null before any.
   */
  gradientStats() {
    this.#core.live('gradientStats');
    return gradientStats(this.#core);
  }

  /** Print the table of layers, output shapes and parameter counts (Keras, TF.js), line by
   *  line through printFn (default console.log; null prints nothing); returns the table. */
  summary(options) {
    const where = 'summary';
    this.#core.live(where);
    const printFn = summaryPrinter(where, options);
    const text = summaryText(this.#core);
    printLines(text, printFn);
    return text;
  }

  /** The model as a file (docs/model-format.md): Uint8Array; loadModel(bytes) restores it. */
  save(options) {
    this.#idle('save');
    return saveModel(this.#core, options);
  }

  dispose() {
    const core = this.#core;
    if (!core.handle) return;
    if (core.busy) this.stopTraining = true;
    core.free(this);
    core.compiled?.optimizer._detach(this);
    core.compiled = null;
  }
}

/** Build a model from layers (layers.dense(), ... or their getConfig()); the first gives inputShape. */
export function sequential(options) {
  return new Sequential(buildModelCore('sequential', options));
}
