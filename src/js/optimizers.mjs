// optimizers.mjs — optimizer objects (optimizers.adam(), ...), made from the optimizer
// registry (registry/optimizers.mjs: Keras 3 defaults, ranges, slot names). An optimizer
// keeps its state (slots, iteration count) in C; models use it through compile(), and
// opt.step(params, grads) drives it directly on Float32Arrays (in place). getConfig() gives
// { name, ...hyperparameters } (a schedule as its getConfig()), the serialized form of model
// files and the worker protocol; optimizerFromConfig() reads it back.
import * as bridge from './bridge.mjs';
import { checkOneClip, HYPERPARAMETERS, OPTIMIZERS, optionTable } from './registry/optimizers.mjs';
import { checkOption, own, readOptions } from './registry/options.mjs';
import { Schedule, scheduleFromConfig, schedules } from './schedules.mjs';
import { describe, fail } from './validate.mjs';

const finalizer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => bridge.optimizerFree(handle)) : null;

// Only this module makes Optimizers, so every Optimizer's config has been checked.
const CHECKED = Symbol('checked optimizer config');

export class Optimizer {
  #kind; #config; #schedule; #handle = 0; #buffers = null; #users = new Map(); // model → its trainable sizes

  /** @internal use optimizers.<name>() */
  constructor(kind, config, schedule, token) {
    if (token !== CHECKED) {
      throw new Error(`Optimizer: use optimizers.<name>(options) or a { name, ...hyperparameters } object; the constructor is internal, got ${describe(kind)}`);
    }
    this.#kind = kind;
    this.#config = config;
    this.#schedule = schedule;
    // A property per hyperparameter the kind accepts (Keras: optimizer.momentum = 0.5),
    // including the clip options and weight decay that were not given (undefined = off).
    for (const key of Object.keys(optionTable(kind))) {
      if (key === 'learningRate') continue;
      Object.defineProperty(this, key, { enumerable: true, get: () => this.#config[key], set: (value) => this.#set(key, value) });
    }
  }

  get name() { return this.#kind; }
  /** The hyperparameters, Keras names in camelCase (learningRate may be a schedule's config). */
  getConfig() {
    return { name: this.#kind, ...this.#config, learningRate: this.#schedule ? this.#schedule.getConfig() : this.#config.learningRate };
  }

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
    if (this.#handle) return bridge.optimizerLearningRate('currentLearningRate', this.#handle);
    return this.#schedule ? this.#schedule.at(0) : this.#config.learningRate;
  }

  /** Global L2 norm of the gradients at the last step, before and after clipping (NaN when
   *  no norm clipping is configured, since then no norm is computed). */
  get lastGradientNorm() {
    return this.#handle ? bridge.optimizerNorms('lastGradientNorm', this.#handle) : { before: NaN, after: NaN };
  }

  #set(key, value) {
    const where = `${this.#kind}.${key}`;
    checkOption(where, key, HYPERPARAMETERS[key], value);
    checkOneClip(where, { ...this.#config, [key]: value });
    if (this.#handle) bridge.optimizerSet(where, this.#handle, bridge.code('hyperparameter', HYPERPARAMETERS[key].keras), value);
    this.#config[key] = value;
  }

  /** Steps taken so far (Keras optimizer.iterations). */
  get iterations() { return this.#handle ? bridge.optimizerIterations('iterations', this.#handle) : 0; }

  /**
   * The per-weight state (Keras optimizer variables), read from C: one entry per array the
   * optimizer has stepped, { size, slots: { [Keras slot name]: Float32Array } }; [] before
   * the first step.
   */
  getSlots() {
    if (!this.#handle) return [];
    const state = bridge.optimizerState('getSlots', this.#handle);
    const names = OPTIMIZERS[this.#kind].slots.slice(0, state.slotCount);
    let at = 0;
    return state.sizes.map((size) => {
      const slots = {};
      for (const name of names) {
        slots[name] = state.slots.slice(at, at + size);
        at += size;
      }
      return { size, slots };
    });
  }

  /** @internal the C optimizer, created on first use with the current hyperparameters. */
  _handle(where) {
    if (this.#handle) return this.#handle;
    const handle = bridge.optimizerCreate(where, bridge.code('optimizer', this.#kind));
    try {
      for (const [key, value] of Object.entries(this.#config)) {
        if (value === undefined || (key === 'learningRate' && this.#schedule)) continue;
        bridge.optimizerSet(where, handle, bridge.code('hyperparameter', HYPERPARAMETERS[key].keras), value);
      }
      if (this.#schedule) {
        const s = this.#schedule.toC(where);
        try {
          bridge.optimizerUseSchedule(where, handle, s);
        } finally {
          bridge.scheduleFree(s);
        }
      }
    } catch (error) {
      bridge.optimizerFree(handle);
      throw error;
    }
    this.#handle = handle;
    finalizer?.register(this, handle, this);
    return handle;
  }

  /** @internal the optimizer's C state, for model files. */
  _state(where) { return bridge.optimizerState(where, this._handle(where)); }
  /** @internal restore a saved state into a fresh optimizer; returns its slots per array. */
  _restore(where, state) { return bridge.optimizerRestore(where, this._handle(where), state); }

  /** @internal a compiled model uses this optimizer (idempotent per model), for weights of these sizes. */
  _attach(model, sizes) { this.#users.set(model, [...sizes]); }
  /** @internal the trainable sizes of the compiled models using it, other than `model`: one list, or null. */
  _sizesInUse(model) {
    for (const [user, sizes] of this.#users) if (user !== model) return sizes;
    return null;
  }
  /** @internal that model no longer uses it; the last user frees the C state. */
  _detach(model) {
    if (this.#users.delete(model) && this.#users.size === 0) this.#free();
  }

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
      const bad = g[i].findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new Error(`${where}: grads[${i}] must be finite, got ${g[i][bad]} at index ${bad}`);
    }
    const inUse = this._sizesInUse(null);
    if (inUse && (inUse.length !== p.length || inUse.some((n, i) => n !== p[i].length))) {
      throw new Error(`${where}: params must have the sizes [${inUse}] of the trainable weights of the compiled model(s) using this optimizer, got [${p.map((a) => a.length)}]`);
    }
    const handle = this._handle(where);
    const b = this.#stepBuffers(where, p);
    const heap = bridge.f32(b.data, b.total * 2);
    let offset = 0;
    for (let i = 0; i < p.length; i++) {
      heap.set(p[i], offset);
      heap.set(g[i], b.total + offset);
      offset += p[i].length;
    }
    bridge.optimizerStep(where, handle, p.length, b.params, b.grads, b.sizes);
    const updated = bridge.f32(b.data, b.total);
    offset = 0;
    for (let i = 0; i < p.length; i++) {
      p[i].set(updated.subarray(offset, offset + p[i].length));
      offset += p[i].length;
    }
  }

  // Wasm buffers for step(): kept between calls, so a 2-parameter step allocates nothing.
  #stepBuffers(where, p) {
    const sizes = p.map((a) => a.length);
    if (this.#buffers) {
      const same = this.#buffers.list.length === sizes.length && sizes.every((n, i) => n === this.#buffers.list[i]);
      if (!same) throw new Error(`${where}: params must keep the shapes of the first step ([${this.#buffers.list}]), got [${sizes}]`);
      return this.#buffers;
    }
    const total = sizes.reduce((a, n) => a + n, 0);
    const b = { list: sizes, total, data: bridge.alloc(where, total * 8), params: bridge.alloc(where, p.length * 4),
      grads: bridge.alloc(where, p.length * 4), sizes: bridge.alloc(where, p.length * 4) };
    const paramPtrs = bridge.i32(b.params, p.length), gradPtrs = bridge.i32(b.grads, p.length);
    let offset = 0;
    for (let i = 0; i < p.length; i++) {
      paramPtrs[i] = b.data + offset * 4;
      gradPtrs[i] = b.data + (total + offset) * 4;
      offset += sizes[i];
    }
    bridge.i32(b.sizes, p.length).set(sizes);
    this.#buffers = b;
    return b;
  }

  /** Free the C state; the optimizer starts afresh (iterations 0) if used again. An
   *  optimizer a live compiled model uses is freed with that model instead. */
  dispose() {
    if (this.#users.size > 0) {
      throw new Error(`${this.#kind}.dispose: this optimizer is used by ${this.#users.size} compiled model(s); dispose the model(s), which frees it, got a dispose() call first`);
    }
    this.#free();
  }

  #free() {
    if (!this.#handle) return;
    if (this.#buffers) for (const k of ['data', 'params', 'grads', 'sizes']) bridge.free(this.#buffers[k]);
    bridge.optimizerFree(this.#handle);
    finalizer?.unregister(this);
    this.#handle = 0;
    this.#buffers = null;
  }
}

function factory(kind) {
  const where = `optimizers.${kind}`;
  const table = optionTable(kind);
  return (options) => {
    let schedule = null;
    let given = options;
    const lr = own(options, 'learningRate');
    if (lr !== null && typeof lr === 'object') {
      if (!(lr instanceof Schedule)) fail(where, 'learningRate', 'a number > 0 or an optimizers.schedules.<name>() schedule', lr);
      schedule = lr;
      given = { ...options, learningRate: undefined };
    }
    const config = readOptions(where, table, given);
    checkOneClip(where, config);
    if (schedule) config.learningRate = undefined;
    return new Optimizer(kind, config, schedule, CHECKED);
  };
}

export const optimizers = Object.freeze({
  ...Object.fromEntries(Object.keys(OPTIMIZERS).map((kind) => [kind, factory(kind)])),
  schedules,
});

/** { name, ...hyperparameters } (a schedule as its config) → an Optimizer. */
export function optimizerFromConfig(where, value) {
  const name = own(value, 'name');
  if (typeof name !== 'string' || !Object.hasOwn(OPTIMIZERS, name)) {
    fail(where, 'name', `one of ${Object.keys(OPTIMIZERS).join(', ')}`, name ?? value);
  }
  const { name: _, ...config } = value;
  for (const [k, v] of Object.entries(config)) if (v === null || v === undefined) delete config[k];
  if (config.learningRate !== null && typeof config.learningRate === 'object') {
    config.learningRate = scheduleFromConfig(where, config.learningRate, 'learningRate.schedule');
  }
  return optimizers[name](config);
}

/** An optimizer object, its getConfig(), or a name ('sgd') with Keras defaults. */
export function resolveOptimizer(where, optimizer) {
  if (optimizer instanceof Optimizer) return optimizer;
  if (typeof optimizer === 'string' && Object.hasOwn(OPTIMIZERS, optimizer)) return optimizers[optimizer]();
  if (optimizer !== null && typeof optimizer === 'object' && typeof own(optimizer, 'name') === 'string') {
    return optimizerFromConfig(where, optimizer);
  }
  throw new Error(`${where}: optimizer must be one of ${Object.keys(OPTIMIZERS).map((n) => `'${n}'`).join(', ')} or an optimizers.<name>() object, got ${describe(optimizer)}`);
}
