// optimizers.mjs — the Keras 3 optimizers with their defaults (keras/src/optimizers/*.py):
// sgd adagrad rmsprop adam nadam adamw adamax adadelta, each also taking clipValue, clipNorm,
// globalClipNorm (at most one) and weightDecay, and a number or a schedule as learningRate.
// An optimizer keeps its state (slots, iteration count) in C; models use it through
// compile(), and opt.step(params, grads) drives it directly on Float32Arrays (in place).
import { checkStatus, requireCore } from './runtime.mjs';
import { isSchedule, scheduleArguments, schedules } from './schedules.mjs';
import { checkBoolean, checkNumber, checkOptions, describe, fail } from './validate.mjs';

const KIND = { sgd: 0, adagrad: 1, rmsprop: 2, adam: 3, nadam: 4, adamw: 5, adamax: 6, adadelta: 7 };
const HP = { learningRate: 0, momentum: 1, nesterov: 2, beta1: 3, beta2: 4, epsilon: 5, rho: 6, centered: 7,
  amsgrad: 8, initialAccumulatorValue: 9, weightDecay: 10, clipValue: 11, clipNorm: 12, globalClipNorm: 13 };
const CLIP_KEYS = ['clipValue', 'clipNorm', 'globalClipNorm'];
const COMMON_KEYS = [...CLIP_KEYS, 'weightDecay'];

// Keras defaults per kind (the keys each kind accepts besides the common ones).
const DEFAULTS = {
  sgd: { learningRate: 0.01, momentum: 0, nesterov: false },
  adagrad: { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 },
  rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
  adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false },
  nadam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  adamw: { learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false },
  adamax: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  adadelta: { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 },
};

const positive = { min: 0, minExclusive: true };
const unit = { min: 0, max: 1 };
const unitOpen = { min: 0, max: 1, maxExclusive: true };
const nonNegative = { min: 0 };
const RANGES = { learningRate: positive, momentum: unit, beta1: unitOpen, beta2: unitOpen, rho: unitOpen,
  epsilon: nonNegative, initialAccumulatorValue: nonNegative, weightDecay: nonNegative, clipValue: nonNegative,
  clipNorm: nonNegative, globalClipNorm: nonNegative };
const FLAGS = new Set(['nesterov', 'centered', 'amsgrad']);

function checkValue(where, key, value) {
  return FLAGS.has(key) ? checkBoolean(where, key, value) : checkNumber(where, key, value, RANGES[key]);
}

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, handle }) => core.exports.st_optimizer_free(handle)) : null;

export class Optimizer {
  #kind; #config; #schedule; #core = null; #handle = 0; #buffers = null; #users = 0;

  /** @internal use optimizers.<name>() */
  constructor(kind, config, schedule) {
    this.#kind = kind;
    this.#config = { ...config };
    this.#schedule = schedule;
    // A property per hyperparameter the kind accepts (Keras: optimizer.momentum = 0.5),
    // including the clip options and weight decay that were not given (undefined = off).
    for (const key of acceptedKeys(kind)) {
      if (key === 'learningRate') continue;
      Object.defineProperty(this, key, {
        enumerable: true,
        get: () => this.#config[key],
        set: (value) => this.#set(key, value),
      });
    }
  }

  get name() { return this.#kind; }
  /** The hyperparameters, Keras names in camelCase (learningRate may be a schedule). */
  getConfig() { return { name: this.#kind, ...this.#config, learningRate: this.#schedule ?? this.#config.learningRate }; }

  /** A number, or the schedule given at construction. Set a number to change it between steps. */
  get learningRate() { return this.#schedule ?? this.#config.learningRate; }
  set learningRate(value) {
    if (this.#schedule) {
      throw new Error(`${this.#kind}.learningRate: this optimizer was created with a ${this.#schedule.schedule} schedule; its learning rate cannot be set, got ${describe(value)}`);
    }
    this.#set('learningRate', value);
  }

  /** The learning rate the next step uses (the schedule's value at the current iteration). */
  get currentLearningRate() {
    return this.#handle ? this.#core.exports.st_optimizer_current_learning_rate(this.#handle)
      : (this.#schedule ? this.#schedule.at(0) : this.#config.learningRate);
  }

  /** Global L2 norm of the gradients at the last step, before and after clipping (NaN when
   *  no norm clipping is configured, since then no norm is computed). */
  get lastGradientNorm() {
    if (!this.#handle) return { before: NaN, after: NaN };
    const e = this.#core.exports;
    return { before: e.st_optimizer_last_norm(this.#handle, 0), after: e.st_optimizer_last_norm(this.#handle, 1) };
  }

  #set(key, value) {
    const where = `${this.#kind}.${key}`;
    checkValue(where, key, value);
    if (CLIP_KEYS.includes(key) && value > 0) {
      const other = CLIP_KEYS.find((k) => k !== key && this.#config[k] > 0);
      if (other) throw new Error(`${where}: only one of clipValue, clipNorm, globalClipNorm may be set; ${other} is ${this.#config[other]}, got ${key} ${value}`);
    }
    if (this.#handle) checkStatus(this.#core, where, this.#core.exports.st_optimizer_set(this.#handle, HP[key], Number(value)));
    this.#config[key] = value;
  }

  /** Steps taken so far (Keras optimizer.iterations). */
  get iterations() { return this.#handle ? this.#core.exports.st_optimizer_iterations(this.#handle) : 0; }

  /** The C optimizer, created on first use with the current hyperparameters. */
  _handle(where) {
    if (this.#handle) return this.#handle;
    const c = requireCore(where);
    const handle = c.exports.st_optimizer_create(KIND[this.#kind]);
    if (!handle) checkStatus(c, where, 1);
    try {
      for (const [key, value] of Object.entries(this.#config)) {
        if (value === undefined || (key === 'learningRate' && this.#schedule)) continue; // the schedule sets it
        checkStatus(c, where, c.exports.st_optimizer_set(handle, HP[key], Number(value)));
      }
      if (this.#schedule) this.#applySchedule(c, handle, where);
    } catch (error) {
      c.exports.st_optimizer_free(handle);
      throw error;
    }
    this.#core = c;
    this.#handle = handle;
    registry?.register(this, { core: c, handle }, this);
    return handle;
  }

  #applySchedule(c, handle, where) {
    const s = scheduleArguments(this.#schedule);
    const n = s.values?.length ?? 0;
    const doubles = c.exports.st_alloc(Math.max(8, 16 * n));
    try {
      const view = new Float64Array(c.exports.memory.buffer, doubles, 2 * n);
      if (n) {
        view.set(s.values, 0);
        view.set(s.boundaries, n);
      }
      checkStatus(c, where, c.exports.st_optimizer_set_schedule(handle, s.code, s.initial, s.a, s.b, s.c, s.d,
        s.flag ? 1 : 0, n, doubles + 8 * n, doubles));
    } finally {
      c.exports.st_free(doubles);
    }
  }

  _attach() { this.#users++; }
  _detach() { if (--this.#users === 0) this.#free(); }

  /**
   * One update of params (a Float32Array or an array of them) from grads of the same
   * shapes, in place. Slots are kept per array; the first call fixes the arrays' sizes.
   */
  step(params, grads) {
    const where = `${this.#kind}.step`;
    const p = Array.isArray(params) ? params : [params];
    const g = Array.isArray(grads) ? grads : [grads];
    if (p.length === 0) fail(where, 'params', 'a Float32Array or a non-empty array of them', params);
    if (g.length !== p.length) fail(where, 'grads', `${p.length} array(s), one per params array`, grads);
    for (let i = 0; i < p.length; i++) {
      if (!(p[i] instanceof Float32Array) || p[i].length === 0) fail(where, `params[${i}]`, 'a non-empty Float32Array', p[i]);
      if (!(g[i] instanceof Float32Array) || g[i].length !== p[i].length) {
        fail(where, `grads[${i}]`, `a Float32Array of length ${p[i].length}`, g[i]);
      }
      for (let j = 0; j < g[i].length; j++) {
        if (!Number.isFinite(g[i][j])) throw new Error(`${where}: grads[${i}] must be finite, got ${g[i][j]} at index ${j}`);
      }
    }
    const handle = this._handle(where);
    const c = this.#core;
    const b = this.#stepBuffers(c, p, where);
    const heap = c.f32(b.data, b.total * 2);
    let offset = 0;
    for (let i = 0; i < p.length; i++) {
      heap.set(p[i], offset);
      heap.set(g[i], b.total + offset);
      offset += p[i].length;
    }
    checkStatus(c, where, c.exports.st_optimizer_step(handle, p.length, b.params, b.grads, b.sizesPtr));
    const updated = c.f32(b.data, b.total);
    offset = 0;
    for (let i = 0; i < p.length; i++) {
      p[i].set(updated.subarray(offset, offset + p[i].length));
      offset += p[i].length;
    }
  }

  // Wasm buffers for step(): kept between calls, so a 2-parameter step allocates nothing.
  #stepBuffers(c, p, where) {
    const sizes = p.map((a) => a.length);
    if (this.#buffers) {
      const same = this.#buffers.sizes.length === sizes.length && sizes.every((n, i) => n === this.#buffers.sizes[i]);
      if (!same) {
        throw new Error(`${where}: params must keep the shapes of the first step ([${this.#buffers.sizes}]), got [${sizes}]`);
      }
      return this.#buffers;
    }
    const total = sizes.reduce((a, n) => a + n, 0);
    const e = c.exports;
    const b = { sizes, total, data: e.st_alloc(total * 8), params: e.st_alloc(p.length * 4),
      grads: e.st_alloc(p.length * 4), sizesPtr: e.st_alloc(p.length * 4) };
    if (!b.data || !b.params || !b.grads || !b.sizesPtr) throw new Error(`${where}: out of wasm memory`);
    const paramPtrs = c.i32(b.params, p.length), gradPtrs = c.i32(b.grads, p.length);
    const sizeArray = c.i32(b.sizesPtr, p.length);
    let offset = 0;
    for (let i = 0; i < p.length; i++) {
      paramPtrs[i] = b.data + offset * 4;
      gradPtrs[i] = b.data + (total + offset) * 4;
      sizeArray[i] = sizes[i];
      offset += sizes[i];
    }
    this.#buffers = b;
    return b;
  }

  /** Free the C state; the optimizer starts afresh (iterations 0) if used again. An
   *  optimizer a live compiled model uses is freed with that model instead. */
  dispose() {
    if (this.#users > 0) {
      throw new Error(`${this.#kind}.dispose: this optimizer is used by ${this.#users} compiled model(s); dispose the model(s), which frees it, got a dispose() call first`);
    }
    this.#free();
  }

  #free() {
    if (!this.#handle) return;
    const e = this.#core.exports;
    if (this.#buffers) for (const k of ['data', 'params', 'grads', 'sizesPtr']) e.st_free(this.#buffers[k]);
    e.st_optimizer_free(this.#handle);
    registry?.unregister(this);
    this.#handle = 0;
    this.#buffers = null;
  }
}

function acceptedKeys(kind) {
  return [...new Set([...Object.keys(DEFAULTS[kind]), ...COMMON_KEYS])];
}

function factory(kind) {
  const where = `optimizers.${kind}`;
  const defaults = DEFAULTS[kind];
  const keys = acceptedKeys(kind);
  return (options) => {
    const o = checkOptions(where, options, keys);
    const given = CLIP_KEYS.filter((k) => o[k] !== undefined);
    if (given.length > 1) {
      throw new Error(`${where}: only one of clipValue, clipNorm, globalClipNorm may be set, got ${given.join(' and ')}`);
    }
    let schedule = null;
    const config = {};
    for (const key of keys) {
      const value = o[key] ?? defaults[key];
      if (value === undefined) continue;
      if (key === 'learningRate' && typeof value === 'object' && value !== null) {
        if (!isSchedule(value)) fail(where, 'learningRate', 'a number > 0 or an optimizers.schedules.<name>() schedule', value);
        schedule = value;
        config.learningRate = value.at(0);
        continue;
      }
      config[key] = checkValue(where, key, value);
    }
    return new Optimizer(kind, config, schedule);
  };
}

export const optimizers = Object.freeze({
  ...Object.fromEntries(Object.keys(KIND).map((kind) => [kind, factory(kind)])),
  schedules,
});

/** An optimizer object or a name ('sgd') with Keras defaults. */
export function resolveOptimizer(where, optimizer) {
  if (optimizer instanceof Optimizer) return optimizer;
  if (typeof optimizer === 'string' && KIND[optimizer] !== undefined) return optimizers[optimizer]();
  throw new Error(`${where}: optimizer must be one of ${Object.keys(KIND).map((n) => `'${n}'`).join(', ')} or an optimizers.<name>() object, got ${describe(optimizer)}`);
}
