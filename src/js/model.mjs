// model.mjs — Sequential models: build in C from layer descriptions, then compile, fit,
// predict, evaluate, trainOnBatch, computeGradients, weights, summary, dispose.
// fit copies the data into wasm memory once; each call into wasm runs a chunk of batches
// (sized to take a few milliseconds) and the loop yields to the event loop between chunks.
import { toLabels, toMatrix } from './data.mjs';
import { ACTIVATIONS, INITIALIZERS, LAYER_CLASSES } from './layers.mjs';
import { resolveLoss } from './losses.mjs';
import { saveModel } from './model_file.mjs';
import { resolveOptimizer } from './optimizers.mjs';
import { checkStatus, requireCore, upload, withScratch } from './runtime.mjs';
import {
  checkBoolean, checkFunction, checkInteger, checkNumber, checkOptions, describe, fail,
} from './validate.mjs';

const ACTIVATION_ALPHA = { leakyRelu: 0.2, elu: 1.0 }; // keras.activations defaults
const CHUNK_MILLISECONDS = 8;

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, handle }) => core.exports.st_model_free(handle)) : null;

// Resolves on the next turn of the event loop without timer clamping.
const yieldToEventLoop = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => setImmediate(resolve))
  : (() => {
    const channel = new MessageChannel();
    const queue = [];
    channel.port1.onmessage = () => queue.shift()();
    return () => new Promise((resolve) => { queue.push(resolve); channel.port2.postMessage(0); });
  })();

// Weight arrays of a layer, in Keras order and with Keras names.
function layerWeights(layer, index) {
  const vector = (name, trainable) => ({ name: `${layer.name}/${name}`, shape: [layer.units], trainable, layer: index });
  if (layer.className === 'Dense') {
    const kernel = { name: `${layer.name}/kernel`, shape: [layer.inputs, layer.units], trainable: true, layer: index };
    return layer.useBias ? [kernel, vector('bias', true)] : [kernel];
  }
  if (layer.className === 'BatchNormalization') {
    return [...(layer.scale ? [vector('gamma', true)] : []), ...(layer.center ? [vector('beta', true)] : []),
      vector('moving_mean', false), vector('moving_variance', false)];
  }
  return [];
}

const LAYER_BASE_NAMES = { Dense: 'dense', Activation: 'activation', BatchNormalization: 'batch_normalization', Dropout: 'dropout' };
const NONFINITE_KINDS = { 1: 'loss', 2: 'gradient', 3: 'weight' };

/** Key of the internal view other modules of the package use (model files, workers). */
export const INTERNALS = Symbol('simdtrain.internals');

class History {
  constructor() {
    this.epoch = [];
    this.history = {};
  }

  _record(epoch, logs) {
    this.epoch.push(epoch);
    // Numbers only: per-batch diagnostics stay in the callbacks' logs, not in the history.
    for (const [key, value] of Object.entries(logs)) if (typeof value === 'number') (this.history[key] ??= []).push(value);
  }
}

export class Sequential {
  #core; #handle; #layers; #weights; #trainable; #inputs; #outputs; #compiled = null; #busy = false;

  /** @internal use sequential() */
  #seed;

  constructor(core, handle, layers, inputs, seed) {
    this.#seed = seed;
    this.#core = core;
    this.#handle = handle;
    this.#layers = layers;
    this.#inputs = inputs;
    this.#outputs = layers[layers.length - 1].units;
    this.#weights = layers.flatMap(layerWeights);
    this.#trainable = this.#weights.map((w, i) => (w.trainable ? i : -1)).filter((i) => i >= 0);
    this.stopTraining = false;
    registry?.register(this, { core, handle }, this);
  }

  get layers() { return this.#layers.map((l) => ({ ...l })); }
  get seed() { return this.#seed; }

  /** @internal the C handle and settings, for model files and workers inside the package. */
  [INTERNALS]() {
    this.#live('model');
    return { core: this.#core, handle: this.#handle, layers: this.#layers, weights: this.#weights,
      seed: this.#seed, compiled: this.#compiled };
  }
  get inputShape() { return [this.#inputs]; }
  get outputShape() { return [this.#outputs]; }

  #live(where) {
    if (!this.#handle) throw new Error(`${where}: the model was disposed; create a new one`);
    return this.#core;
  }

  #idle(where) {
    this.#live(where);
    if (this.#busy) throw new Error(`${where}: fit() is running on this model; await it first`);
  }

  #requireCompiled(where) {
    this.#idle(where);
    if (!this.#compiled) throw new Error(`${where}: the model must be compiled first; call model.compile({ optimizer, loss })`);
    return this.#compiled;
  }

  compile(options) {
    const where = 'compile';
    this.#idle(where);
    if (options === undefined) fail(where, 'options', 'an object like { optimizer, loss }', options);
    const o = checkOptions(where, options, ['optimizer', 'loss', 'metrics']);
    const loss = resolveLoss(where, o.loss);
    if (loss.name === 'sparseCategoricalCrossentropy' && this.#outputs < 2) {
      throw new Error(`${where}: loss 'sparseCategoricalCrossentropy' needs a model with at least 2 outputs, got ${this.#outputs}`);
    }
    const metrics = o.metrics ?? [];
    if (!Array.isArray(metrics) || metrics.some((m) => m !== 'accuracy' && m !== 'acc')) {
      fail(where, 'metrics', "an array holding only 'accuracy'", metrics);
    }
    const optimizer = resolveOptimizer(where, o.optimizer);
    const c = this.#core;
    const handle = optimizer._handle(where);
    checkStatus(c, where, c.exports.st_model_compile(this.#handle, loss.code, loss.fromLogits ? 1 : 0, handle));
    this.#compiled?.optimizer._detach();
    optimizer._attach();
    this.#compiled = { loss, optimizer, accuracy: metrics.length > 0, metrics: [...metrics] };
  }

  get optimizer() { return this.#compiled?.optimizer; }

  #labels(where, name, y, rows) {
    const { loss } = this.#requireCompiled(where);
    const labels = loss.name === 'sparseCategoricalCrossentropy'
      ? toLabels(where, name, y, this.#outputs) : toMatrix(where, name, y, this.#outputs);
    if (rows !== undefined && labels.rows !== rows) {
      throw new Error(`${where}: ${name} must have one label row per sample (${rows}), got ${labels.rows}`);
    }
    return labels;
  }

  #logs(loss, correct, count) {
    const logs = { loss };
    if (this.#compiled.accuracy) logs.accuracy = correct / count;
    return logs;
  }

  predict(x, options) {
    const where = 'predict';
    const c = this.#live(where);
    const o = checkOptions(where, options, ['training']);
    const training = o.training === undefined ? false : checkBoolean(where, 'training', o.training);
    const { data, rows } = toMatrix(where, 'x', x, this.#inputs);
    const xPtr = upload(c, data);
    try {
      return withScratch(c, rows * this.#outputs, (out) => {
        checkStatus(c, where, c.exports.st_model_predict(this.#handle, xPtr, rows, out, training ? 1 : 0));
        return c.f32(out, rows * this.#outputs).slice();
      });
    } finally {
      c.exports.st_free(xPtr);
    }
  }

  evaluate(x, y, options) {
    const where = 'evaluate';
    this.#requireCompiled(where);
    const o = checkOptions(where, options, ['batchSize']);
    const batchSize = checkInteger(where, 'batchSize', o.batchSize ?? 32, 1);
    const xs = toMatrix(where, 'x', x, this.#inputs);
    const ys = this.#labels(where, 'y', y, xs.rows);
    return this.#evaluateData(where, xs, ys, batchSize);
  }

  #evaluateData(where, xs, ys, batchSize) {
    const c = this.#core;
    const xPtr = upload(c, xs.data), yPtr = upload(c, ys.data);
    try {
      return withScratch(c, 2, (out) => {
        checkStatus(c, where, c.exports.st_model_evaluate(this.#handle, xPtr, yPtr, xs.rows, batchSize, out));
        const [loss, accuracy] = c.f32(out, 2);
        return this.#logs(loss, accuracy, 1);
      });
    } finally {
      c.exports.st_free(xPtr);
      c.exports.st_free(yPtr);
    }
  }

  #gradientCall(where, x, y, fn) {
    this.#requireCompiled(where);
    const c = this.#core;
    checkStatus(c, where, c.exports.st_model_set_diagnostics(this.#handle, 1));
    const xs = toMatrix(where, 'x', x, this.#inputs);
    const ys = this.#labels(where, 'y', y, xs.rows);
    const xPtr = upload(c, xs.data), yPtr = upload(c, ys.data);
    try {
      return withScratch(c, 1, (lossPtr) => {
        checkStatus(c, where, fn(xPtr, yPtr, xs.rows, lossPtr));
        return c.f32(lossPtr, 1)[0];
      });
    } finally {
      c.exports.st_free(xPtr);
      c.exports.st_free(yPtr);
    }
  }

  /** One optimizer step on (x, y); returns the batch loss (before the step). */
  trainOnBatch(x, y) {
    const e = this.#core.exports;
    return this.#gradientCall('trainOnBatch', x, y, (xp, yp, n, lp) => e.st_model_train_batch(this.#handle, xp, yp, n, lp));
  }

  /** Training-mode forward and backward without an update: { loss, grads }. */
  computeGradients(x, y) {
    const e = this.#core.exports;
    const loss = this.#gradientCall('computeGradients', x, y, (xp, yp, n, lp) => e.st_model_compute_gradients(this.#handle, xp, yp, n, lp));
    const grads = this.#trainable.map((i) => this.#core.f32(e.st_model_weight_gradient(this.#handle, i), size(this.#weights[i].shape)).slice());
    return { loss, grads };
  }

  getWeights() {
    const c = this.#live('getWeights');
    return this.#weights.map((w, i) => ({
      name: w.name, shape: [...w.shape], trainable: w.trainable,
      values: c.f32(c.exports.st_model_weight_values(this.#handle, i), size(w.shape)).slice(),
    }));
  }

  setWeights(list) {
    const where = 'setWeights';
    this.#idle(where);
    if (!Array.isArray(list) || list.length !== this.#weights.length) {
      fail(where, 'weights', `an array of ${this.#weights.length} arrays (${this.#weights.map((w) => w.name).join(', ')})`, list);
    }
    const values = list.map((item, i) => {
      const v = item instanceof Float32Array ? item : item?.values;
      const n = size(this.#weights[i].shape);
      if (!(v instanceof Float32Array) || v.length !== n) {
        fail(where, `weights[${i}] (${this.#weights[i].name})`, `a Float32Array of length ${n}, or { values } holding one`, v ?? item);
      }
      const bad = v.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) throw new Error(`${where}: weights[${i}] (${this.#weights[i].name}) must be finite, got ${v[bad]} at index ${bad}`);
      return v;
    });
    const c = this.#core;
    values.forEach((v, i) => c.f32(c.exports.st_model_weight_values(this.#handle, i), v.length).set(v));
  }

  /**
   * Train for `epochs` epochs. Returns a History whose history.loss (and accuracy,
   * val_loss, val_accuracy) hold one value per epoch.
   */
  async fit(x, y, options) {
    const where = 'fit';
    this.#requireCompiled(where);
    const o = checkOptions(where, options, ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData',
      'onEpochEnd', 'onBatchEnd', 'diagnostics', 'terminateOnNaN', 'stepsPerExecution']);
    const stepsPerExecution = o.stepsPerExecution === undefined || o.stepsPerExecution === 'auto'
      ? 'auto' : checkInteger(where, 'stepsPerExecution', o.stepsPerExecution, 1);
    const diagnostics = checkBoolean(where, 'diagnostics', o.diagnostics ?? false);
    const terminateOnNaN = checkBoolean(where, 'terminateOnNaN', o.terminateOnNaN ?? true);
    const epochs = checkInteger(where, 'epochs', o.epochs ?? 1, 0);
    const batchSize = checkInteger(where, 'batchSize', o.batchSize ?? 32, 1);
    const shuffle = checkBoolean(where, 'shuffle', o.shuffle ?? true);
    const split = checkNumber(where, 'validationSplit', o.validationSplit ?? 0, { min: 0, max: 1, maxExclusive: true });
    const onEpochEnd = o.onEpochEnd === undefined ? null : checkFunction(where, 'onEpochEnd', o.onEpochEnd);
    const onBatchEnd = o.onBatchEnd === undefined ? null : checkFunction(where, 'onBatchEnd', o.onBatchEnd);
    if (split > 0 && o.validationData !== undefined) {
      throw new Error(`${where}: give validationSplit or validationData, not both; got validationSplit ${split} and validationData`);
    }
    let xs = toMatrix(where, 'x', x, this.#inputs);
    let ys = this.#labels(where, 'y', y, xs.rows);
    let validation = null;
    if (o.validationData !== undefined) {
      const vd = o.validationData;
      if (!Array.isArray(vd) || vd.length !== 2) fail(where, 'validationData', 'an array [xVal, yVal]', vd);
      const vx = toMatrix(where, 'validationData[0]', vd[0], this.#inputs);
      validation = { xs: vx, ys: this.#labels(where, 'validationData[1]', vd[1], vx.rows) };
    } else if (split > 0) {
      // Keras takes the last fraction of the samples, before any shuffling.
      const at = Math.floor(xs.rows * (1 - split));
      if (at < 1 || at >= xs.rows) {
        throw new Error(`${where}: validationSplit ${split} of ${xs.rows} samples leaves an empty training or validation set`);
      }
      const yc = ys.data.length / ys.rows;
      validation = { xs: { data: xs.data.slice(at * this.#inputs), rows: xs.rows - at },
        ys: { data: ys.data.slice(at * yc), rows: ys.rows - at } };
      xs = { data: xs.data.subarray(0, at * this.#inputs), rows: at };
      ys = { data: ys.data.subarray(0, at * yc), rows: at };
    }
    const history = new History();
    const c = this.#core;
    const e = c.exports;
    const xPtr = upload(c, xs.data), yPtr = upload(c, ys.data);
    this.#busy = true;
    this.stopTraining = false;
    try {
      checkStatus(c, where, e.st_model_set_diagnostics(this.#handle, diagnostics ? 1 : 0));
      checkStatus(c, where, e.st_model_set_terminate_on_nan(this.#handle, terminateOnNaN ? 1 : 0));
      checkStatus(c, where, e.st_model_fit_begin(this.#handle, xPtr, yPtr, xs.rows, batchSize));
      const batches = e.st_model_fit_batches(this.#handle);
      // Kept across epochs, so many tiny epochs still yield about every CHUNK_MILLISECONDS.
      // Every step computes its statistics in C; only onBatchEnd needs each one, so only it
      // makes calls run one batch.
      const perBatchStats = diagnostics && onBatchEnd !== null;
      const pacing = { diagnostics, stepsPerExecution: perBatchStats ? 1 : stepsPerExecution, chunk: 1,
        sinceYield: performance.now() };
      const logPtr = e.st_alloc(batches * 12);
      try {
        for (let epoch = 0; epoch < epochs && !this.stopTraining; epoch++) {
          checkStatus(c, where, e.st_model_fit_epoch_begin(this.#handle, shuffle ? 1 : 0));
          const totals = await this.#runEpoch(where, epoch, batches, logPtr, onBatchEnd, pacing);
          const logs = this.#logs(totals.loss / totals.count, totals.correct, totals.count);
          if (diagnostics) logs.diagnostics = this.gradientStats();
          if (validation) {
            this.#busy = false;
            const v = this.#evaluateData(where, validation.xs, validation.ys, batchSize);
            this.#busy = true;
            logs.val_loss = v.loss;
            if (v.accuracy !== undefined) logs.val_accuracy = v.accuracy;
          }
          history._record(epoch, logs);
          if (onEpochEnd) await onEpochEnd(epoch, { ...logs });
        }
      } finally {
        e.st_free(logPtr);
      }
    } finally {
      this.#busy = false;
      e.st_free(xPtr);
      e.st_free(yPtr);
    }
    return history;
  }

  // stepsPerExecution: batches per call into wasm, or 'auto' (sized to take a few ms);
  // with diagnostics and onBatchEnd each batch's statistics go into its logs, so calls run one batch.
  async #runEpoch(where, epoch, batches, logPtr, onBatchEnd, pacing) {
    const c = this.#core;
    const { diagnostics, stepsPerExecution } = pacing;
    const totals = { loss: 0, correct: 0, count: 0 };
    for (let first = 0; first < batches && !this.stopTraining;) {
      const count = Math.min(stepsPerExecution === 'auto' ? pacing.chunk : stepsPerExecution, batches - first);
      const started = performance.now();
      const status = c.exports.st_model_fit_run(this.#handle, first, count, logPtr);
      if (status === 4) this.#throwNonFinite(where, epoch);
      checkStatus(c, where, status);
      const elapsed = performance.now() - started;
      const logs = c.f32(logPtr, count * 3).slice();
      for (let b = 0; b < count; b++) {
        const [loss, correct, n] = logs.subarray(3 * b, 3 * b + 3);
        totals.loss += loss * n;
        totals.correct += correct;
        totals.count += n;
        if (onBatchEnd) {
          const batchLogs = this.#logs(totals.loss / totals.count, totals.correct, totals.count);
          if (diagnostics) {
            batchLogs.diagnostics = this.gradientStats();
            batchLogs.gradientNorm = this.#compiled.optimizer.lastGradientNorm;
          }
          await onBatchEnd(first + b, batchLogs);
        }
      }
      first += count;
      if (elapsed < CHUNK_MILLISECONDS / 2) pacing.chunk *= 2;
      else if (elapsed > CHUNK_MILLISECONDS * 2 && pacing.chunk > 1) pacing.chunk = Math.ceil(pacing.chunk / 2);
      if (performance.now() - pacing.sinceYield >= CHUNK_MILLISECONDS) {
        await yieldToEventLoop();
        pacing.sinceYield = performance.now();
      }
      this.#live(where);
    }
    return totals;
  }

  // fit's NaN sentinel fired: say where the first non-finite value appeared.
  #throwNonFinite(where, epoch) {
    const e = this.#core.exports;
    const kind = NONFINITE_KINDS[e.st_model_nonfinite(this.#handle, 0)];
    const weight = this.#weights[e.st_model_nonfinite(this.#handle, 1)];
    const batch = e.st_model_nonfinite(this.#handle, 2);
    const place = weight
      ? `in layer ${this.#layers[weight.layer].name} (${this.#layers[weight.layer].className}), array ${weight.name}`
      : 'in the loss';
    throw new Error(`${where}: non-finite ${kind} at epoch ${epoch}, batch ${batch}, ${place}; training stopped (terminateOnNaN: false trains on)`);
  }

  /**
   * Statistics of the last training step that computed them (trainOnBatch,
   * computeGradients, or fit with diagnostics: true), per layer; null before any.
   */
  gradientStats() {
    const c = this.#live('gradientStats');
    const e = c.exports;
    const ptr = e.st_model_stats(this.#handle);
    if (!ptr) return null;
    const stats = c.f32(ptr, this.#layers.length * 4 + this.#weights.length * 3).slice();
    const value = (v) => (Number.isNaN(v) ? null : v);
    return this.#layers.map((layer, i) => {
      const s = stats.subarray(4 * i, 4 * i + 4);
      const entry = { name: layer.name, className: layer.className, activationMean: s[0], activationStd: s[1],
        deadFraction: value(s[2]), saturatedFraction: value(s[3]), weights: [] };
      this.#weights.forEach((w, k) => {
        if (w.layer !== i) return;
        const ws = stats.subarray(this.#layers.length * 4 + 3 * k, this.#layers.length * 4 + 3 * k + 3);
        entry.weights.push({ name: w.name, trainable: w.trainable, gradientNorm: value(ws[0]), weightNorm: ws[1], updateRatio: value(ws[2]) });
      });
      if (layer.className === 'BatchNormalization') {
        const batchStat = (which) => {
          const p = e.st_model_batchnorm_batch_stats(this.#handle, i, which);
          return p ? c.f32(p, layer.units).slice() : null;
        };
        const moving = this.#weights.map((w, k) => [w, k]).filter(([w]) => w.layer === i && !w.trainable)
          .map(([, k]) => c.f32(e.st_model_weight_values(this.#handle, k), layer.units).slice());
        Object.assign(entry, { batchMean: batchStat(0), batchVariance: batchStat(1), movingMean: moving[0], movingVariance: moving[1] });
      }
      return entry;
    });
  }

  summary() {
    this.#live('summary');
    const count = (i, trainable) => this.#weights.filter((w) => w.layer === i && (trainable === undefined || w.trainable === trainable))
      .reduce((a, w) => a + size(w.shape), 0);
    const rows = this.#layers.map((l, i) => [`${l.name} (${l.className})`, `(None, ${l.units})`, String(count(i))]);
    const total = rows.reduce((a, r) => a + Number(r[2]), 0);
    const trainable = this.#layers.reduce((a, _, i) => a + count(i, true), 0);
    const head = ['Layer (type)', 'Output Shape', 'Param #'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
    const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 4);
    return ['Model: "sequential"', rule, line(head), rule, ...rows.map(line), rule,
      `Total params: ${total}`, `Trainable params: ${trainable}`, `Non-trainable params: ${total - trainable}`].join('\n');
  }

  /** The model as a file (docs/model-format.md): Uint8Array; loadModel(bytes) restores it. */
  save(options) {
    this.#idle('save');
    return saveModel(this, options);
  }

  dispose() {
    if (!this.#handle) return;
    if (this.#busy) this.stopTraining = true;
    this.#core.exports.st_model_free(this.#handle);
    registry?.unregister(this);
    this.#handle = 0;
    this.#compiled?.optimizer._detach();
    this.#compiled = null;
  }
}

function size(shape) { return shape.reduce((a, n) => a * n, 1); }

function addLayer(e, handle, l) {
  const init = (name) => INITIALIZERS.indexOf(name);
  switch (l.className) {
    case 'Dense':
      return e.st_model_add_dense(handle, l.units, l.useBias ? 1 : 0, init(l.kernelInitializer), init(l.biasInitializer),
        ACTIVATIONS.indexOf(l.activation), ACTIVATION_ALPHA[l.activation] ?? 0);
    case 'Activation':
      return e.st_model_add_activation(handle, ACTIVATIONS.indexOf(l.activation), ACTIVATION_ALPHA[l.activation] ?? 0);
    case 'BatchNormalization':
      return e.st_model_add_batchnorm(handle, l.momentum, l.epsilon, l.center ? 1 : 0, l.scale ? 1 : 0,
        init(l.gammaInitializer), init(l.betaInitializer), init(l.movingMeanInitializer), init(l.movingVarianceInitializer));
    default:
      return e.st_model_add_dropout(handle, l.rate, l.seed ?? 0, l.seed === undefined ? 0 : 1);
  }
}

/** Build a model from layer descriptions; the first layer must give inputShape. */
export function sequential(options) {
  const where = 'sequential';
  if (options === undefined) fail(where, 'options', 'an object like { layers: [...] }', options);
  const o = checkOptions(where, options, ['seed', 'layers', 'name']);
  const seed = o.seed === undefined ? 0 : checkInteger(where, 'seed', o.seed, 0, 0xffffffff);
  if (!Array.isArray(o.layers) || o.layers.length === 0) fail(where, 'layers', 'a non-empty array of layers', o.layers);
  o.layers.forEach((l, i) => {
    if (!l || !LAYER_CLASSES.includes(l.className) || !Object.isFrozen(l)) {
      fail(where, `layers[${i}]`, 'a layer from layers.dense(), activation(), batchNormalization() or dropout()', l);
    }
    if (i > 0 && l.inputShape !== undefined) {
      throw new Error(`${where}: layers[${i}].inputShape is only allowed on the first layer, got [${l.inputShape}]`);
    }
  });
  if (o.layers[0].inputShape === undefined) {
    throw new Error(`${where}: layers[0] must give inputShape, e.g. layers.dense({ units: 8, inputShape: [2] }), got ${describe(o.layers[0].inputShape)}`);
  }
  const c = requireCore(where);
  const e = c.exports;
  const counts = {};
  const names = new Set();
  let width = o.layers[0].inputShape[0];
  const built = o.layers.map((l) => {
    const base = LAYER_BASE_NAMES[l.className];
    let name = l.name;
    if (name === undefined) {
      const k = counts[base] = (counts[base] ?? -1) + 1;
      name = k === 0 ? base : `${base}_${k}`;
    }
    if (names.has(name)) throw new Error(`${where}: layer names must be unique, got ${JSON.stringify(name)} twice`);
    names.add(name);
    const layer = { ...l, name, inputs: width, units: l.className === 'Dense' ? l.units : width };
    delete layer.inputShape;
    width = layer.units;
    return layer;
  });
  const handle = e.st_model_create(seed, o.layers[0].inputShape[0]);
  if (!handle) checkStatus(c, where, 1);
  try {
    for (const l of built) checkStatus(c, where, addLayer(e, handle, l));
    checkStatus(c, where, e.st_model_build(handle));
  } catch (error) {
    e.st_model_free(handle);
    throw error;
  }
  return new Sequential(c, handle, built, o.layers[0].inputShape[0], seed);
}
