// model.mjs — Sequential models: build in C from layer descriptions, then compile, fit,
// predict, evaluate, trainOnBatch, computeGradients, weights, summary, dispose.
// fit copies the data into wasm memory once; each call into wasm runs a chunk of batches
// (sized to take a few milliseconds) and the loop yields to the event loop between chunks.
import { toLabels, toMatrix } from './data.mjs';
import { ACTIVATIONS, INITIALIZERS } from './layers.mjs';
import { resolveLoss } from './losses.mjs';
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

function layerWeights(layer) {
  if (layer.className !== 'Dense') return [];
  const names = layer.useBias ? ['kernel', 'bias'] : ['kernel'];
  return names.map((n) => ({ name: `${layer.name}/${n}`, shape: n === 'kernel' ? [layer.inputs, layer.units] : [layer.units], trainable: true }));
}

class History {
  constructor() {
    this.epoch = [];
    this.history = {};
  }

  _record(epoch, logs) {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.history[key] ??= []).push(value);
  }
}

export class Sequential {
  #core; #handle; #layers; #weights; #inputs; #outputs; #compiled = null; #busy = false;

  /** @internal use sequential() */
  constructor(core, handle, layers, inputs) {
    this.#core = core;
    this.#handle = handle;
    this.#layers = layers;
    this.#inputs = inputs;
    this.#outputs = layers[layers.length - 1].units;
    this.#weights = layers.flatMap(layerWeights);
    this.stopTraining = false;
    registry?.register(this, { core, handle }, this);
  }

  get layers() { return this.#layers.map((l) => ({ ...l })); }
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
    const { optimizer, owned } = resolveOptimizer(where, o.optimizer);
    const c = this.#core;
    const handle = optimizer._handle(where);
    checkStatus(c, where, c.exports.st_model_compile(this.#handle, loss.code, loss.fromLogits ? 1 : 0, handle));
    this.#compiled?.optimizer._detach();
    optimizer._attach();
    this.#compiled = { loss, optimizer, owned, accuracy: metrics.length > 0 };
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
    const grads = this.#weights.map((w, i) => this.#core.f32(e.st_model_weight_gradient(this.#handle, i), size(w.shape)).slice());
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
      'onEpochEnd', 'onBatchEnd']);
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
      checkStatus(c, where, e.st_model_fit_begin(this.#handle, xPtr, yPtr, xs.rows, batchSize));
      const batches = e.st_model_fit_batches(this.#handle);
      const logPtr = e.st_alloc(batches * 12);
      try {
        for (let epoch = 0; epoch < epochs && !this.stopTraining; epoch++) {
          checkStatus(c, where, e.st_model_fit_epoch_begin(this.#handle, shuffle ? 1 : 0));
          const totals = await this.#runEpoch(where, batches, logPtr, onBatchEnd);
          const logs = this.#logs(totals.loss / totals.count, totals.correct, totals.count);
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

  async #runEpoch(where, batches, logPtr, onBatchEnd) {
    const c = this.#core;
    const totals = { loss: 0, correct: 0, count: 0 };
    let chunk = 1;
    for (let first = 0; first < batches && !this.stopTraining;) {
      const count = Math.min(chunk, batches - first);
      const started = performance.now();
      checkStatus(c, where, c.exports.st_model_fit_run(this.#handle, first, count, logPtr));
      const elapsed = performance.now() - started;
      const logs = c.f32(logPtr, count * 3).slice();
      for (let b = 0; b < count; b++) {
        const [loss, correct, n] = logs.subarray(3 * b, 3 * b + 3);
        totals.loss += loss * n;
        totals.correct += correct;
        totals.count += n;
        if (onBatchEnd) await onBatchEnd(first + b, this.#logs(totals.loss / totals.count, totals.correct, totals.count));
      }
      first += count;
      if (elapsed < CHUNK_MILLISECONDS / 2) chunk *= 2;
      else if (elapsed > CHUNK_MILLISECONDS * 2 && chunk > 1) chunk = Math.ceil(chunk / 2);
      await yieldToEventLoop();
      this.#live(where);
    }
    return totals;
  }

  summary() {
    this.#live('summary');
    const rows = this.#layers.map((l) => {
      const params = l.className === 'Dense' ? l.inputs * l.units + (l.useBias ? l.units : 0) : 0;
      return [`${l.name} (${l.className})`, `(None, ${l.units})`, String(params)];
    });
    const total = rows.reduce((a, r) => a + Number(r[2]), 0);
    const head = ['Layer (type)', 'Output Shape', 'Param #'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
    const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 4);
    return ['Model: "sequential"', rule, line(head), rule, ...rows.map(line), rule,
      `Total params: ${total}`, `Trainable params: ${total}`, 'Non-trainable params: 0'].join('\n');
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

/** Build a model from layer descriptions; the first layer must give inputShape. */
export function sequential(options) {
  const where = 'sequential';
  if (options === undefined) fail(where, 'options', 'an object like { layers: [...] }', options);
  const o = checkOptions(where, options, ['seed', 'layers', 'name']);
  const seed = o.seed === undefined ? 0 : checkInteger(where, 'seed', o.seed, 0, 0xffffffff);
  if (!Array.isArray(o.layers) || o.layers.length === 0) fail(where, 'layers', 'a non-empty array of layers', o.layers);
  o.layers.forEach((l, i) => {
    if (!l || (l.className !== 'Dense' && l.className !== 'Activation') || !Object.isFrozen(l)) {
      fail(where, `layers[${i}]`, 'a layer from layers.dense() or layers.activation()', l);
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
    const base = l.className === 'Dense' ? 'dense' : 'activation';
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
    for (const l of built) {
      const act = ACTIVATIONS.indexOf(l.activation);
      const alpha = ACTIVATION_ALPHA[l.activation] ?? 0;
      const status = l.className === 'Dense'
        ? e.st_model_add_dense(handle, l.units, l.useBias ? 1 : 0, INITIALIZERS.indexOf(l.kernelInitializer),
          INITIALIZERS.indexOf(l.biasInitializer), act, alpha)
        : e.st_model_add_activation(handle, act, alpha);
      checkStatus(c, where, status);
    }
    checkStatus(c, where, e.st_model_build(handle));
  } catch (error) {
    e.st_model_free(handle);
    throw error;
  }
  return new Sequential(c, handle, built, o.layers[0].inputShape[0]);
}
