// optimizers.mjs — optimizer objects with Keras 3 defaults. An optimizer holds its
// state (slots, iteration count) in C; models use it through compile(), and
// opt.step(params, grads) drives it directly on Float32Arrays (in place).
import { checkStatus, requireCore } from './runtime.mjs';
import { checkBoolean, checkNumber, checkOptions, describe, fail } from './validate.mjs';

const KIND = { sgd: 0 };
const HP = { learningRate: 0, momentum: 1, nesterov: 2 };

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, handle }) => core.exports.st_optimizer_free(handle)) : null;

export class Optimizer {
  #kind; #config; #core = null; #handle = 0; #buffers = null; #users = 0;

  constructor(kind, config) {
    this.#kind = kind;
    this.#config = { ...config };
  }

  get name() { return this.#kind; }
  /** The hyperparameters, Keras names in camelCase. */
  getConfig() { return { name: this.#kind, ...this.#config }; }

  get learningRate() { return this.#config.learningRate; }
  set learningRate(value) {
    checkNumber(`${this.#kind}.learningRate`, 'learningRate', value, { min: 0, minExclusive: true });
    if (this.#handle) checkStatus(this.#core, 'learningRate', this.#core.exports.st_optimizer_set(this.#handle, HP.learningRate, value));
    this.#config.learningRate = value;
  }

  /** Steps taken so far (Keras optimizer.iterations). */
  get iterations() { return this.#handle ? this.#core.exports.st_optimizer_iterations(this.#handle) : 0; }

  /** The C optimizer, created on first use with the current hyperparameters. */
  _handle(where) {
    if (this.#handle) return this.#handle;
    const c = requireCore(where);
    const handle = c.exports.st_optimizer_create(KIND[this.#kind]);
    if (!handle) checkStatus(c, where, 1);
    for (const [key, value] of Object.entries(this.#config)) {
      const status = c.exports.st_optimizer_set(handle, HP[key], typeof value === 'boolean' ? Number(value) : value);
      if (status !== 0) {
        c.exports.st_optimizer_free(handle);
        checkStatus(c, where, status);
      }
    }
    this.#core = c;
    this.#handle = handle;
    registry?.register(this, { core: c, handle }, this);
    return handle;
  }

  _attach() { this.#users++; }
  _detach() { if (--this.#users === 0) this.dispose(); }

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

  /** Free the C state; the optimizer starts afresh (iterations 0) if used again. */
  dispose() {
    if (!this.#handle) return;
    const e = this.#core.exports;
    if (this.#buffers) for (const k of ['data', 'params', 'grads', 'sizesPtr']) e.st_free(this.#buffers[k]);
    e.st_optimizer_free(this.#handle);
    registry?.unregister(this);
    this.#handle = 0;
    this.#buffers = null;
  }
}

function sgd(options) {
  const where = 'optimizers.sgd';
  const o = checkOptions(where, options, ['learningRate', 'momentum', 'nesterov']);
  return new Optimizer('sgd', {
    learningRate: checkNumber(where, 'learningRate', o.learningRate ?? 0.01, { min: 0, minExclusive: true }),
    momentum: checkNumber(where, 'momentum', o.momentum ?? 0, { min: 0, max: 1 }),
    nesterov: checkBoolean(where, 'nesterov', o.nesterov ?? false),
  });
}

export const optimizers = Object.freeze({ sgd });

/** An optimizer object or a name ('sgd') with Keras defaults. */
export function resolveOptimizer(where, optimizer) {
  if (optimizer instanceof Optimizer) return { optimizer, owned: false };
  if (typeof optimizer === 'string' && optimizers[optimizer]) return { optimizer: optimizers[optimizer](), owned: true };
  throw new Error(`${where}: optimizer must be one of ${Object.keys(optimizers).map((n) => `'${n}'`).join(', ')} or an optimizers.<name>() object, got ${describe(optimizer)}`);
}
