// worker.mjs — worker mode: workerSequential() builds a Sequential model inside a module
// Worker (browsers: new Worker(url, { type: 'module' }); Node: worker_threads) running
// worker_host.mjs, and returns a RemoteSequential whose methods mirror Sequential's, each
// returning a Promise. Training then never blocks the caller's thread.
//
// - Layers cross as their getConfig() ({ className, config }); an optimizer as its
//   getConfig() (a schedule as its config); the worker rebuilds both through fromConfig.
// - fit: x and y are copied to the worker once per call (or transferred with
//   { transfer: true }); onBatchEnd/onEpochEnd/onProgress and 'progress' listeners run here,
//   on this thread, from messages; they do not hold training up. pause(), step(), resume()
//   and stop() control a running fit at batch boundaries.
// - An Error thrown in the worker rejects the call here with an Error of the same message.
import { assetLocations } from './bridge.mjs';
import { printLines, summaryPrinter } from './summary.mjs';
import { checkBoolean, checkFunction, checkOptions, fail } from './validate.mjs';

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;
const FIT_CALLBACKS = ['onBatchEnd', 'onEpochEnd', 'onProgress'];
const EVENTS = ['progress'];

async function spawnWorker(where, given) {
  const isWorker = given && typeof given === 'object' && typeof given.postMessage === 'function';
  if (isWorker) return given;
  if (given !== undefined && typeof given !== 'string' && !(given instanceof URL)) {
    fail(where, 'worker', 'a Worker running worker_host.mjs, or its URL', given);
  }
  if (isNode) {
    const spec = 'node:worker_threads'; // non-literal: bundlers leave it alone
    const { Worker } = await import(/* webpackIgnore: true */ /* @vite-ignore */ spec);
    if (given === undefined) return new Worker(new URL('./worker_host.mjs', import.meta.url));
    return new Worker(typeof given === 'string' && /^[a-z]+:/i.test(given) ? new URL(given) : given);
  }
  if (typeof Worker !== 'function') throw new Error(`${where}: this environment has no Worker`);
  if (given !== undefined) return new Worker(given, { type: 'module' });
  try {
    // Literal new URL(...) form: bundlers detect it and emit the worker as its own entry.
    return new Worker(new URL('./worker_host.mjs', import.meta.url), { type: 'module' });
  } catch (error) {
    if (error instanceof TypeError) {
      throw new Error(`${where}: cannot tell where worker_host.mjs is (import.meta.url is unusable in this bundle); pass init({ workerUrl }) or workerSequential(options, { worker }) with the URL your bundler gave simdtrain/worker`);
    }
    throw error;
  }
}

// One message channel over either worker API (web Worker or worker_threads Worker).
// A web Worker says nothing when it is terminated (worker_threads emits 'exit'), so its
// terminate() is wrapped on the instance: remote.worker.terminate() rejects every pending
// and later call, as in Node. A worker that dies on its own (the browser kills it, it calls
// close()) sends no event at all; only an 'error' event (an uncaught error in the worker,
// a failed load) is seen, and it fails the model the same way.
function connect(worker, onMessage, onFailure) {
  if (typeof worker.addEventListener === 'function') {
    const nativeTerminate = typeof worker.terminate === 'function' ? worker.terminate.bind(worker) : () => {};
    let terminated = false;
    const terminate = () => {
      if (terminated) return;
      terminated = true;
      nativeTerminate();
    };
    try {
      worker.terminate = () => {
        terminate();
        onFailure(new Error('the simdtrain worker was terminated; create a new model'));
      };
    } catch { /* a frozen Worker: remote.terminate() still does it */ }
    worker.addEventListener('message', (event) => onMessage(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      onFailure(new Error(`simdtrain worker failed: ${event.message ?? 'error while loading worker_host.mjs (if a bundler moved simdtrain/worker, pass init({ workerUrl }) with its URL)'}`));
    });
    worker.addEventListener('messageerror', () => onFailure(new Error('simdtrain worker: a message could not be read')));
    return {
      post: (message, transfer) => worker.postMessage(message, transfer ?? []),
      terminate: async () => { terminate(); },
      ref() {}, unref() {},
    };
  }
  worker.on('message', onMessage);
  worker.on('error', (error) => onFailure(error instanceof Error ? error : new Error(String(error))));
  worker.on('exit', (code) => onFailure(new Error(`simdtrain worker exited with code ${code}`)));
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    terminate: () => worker.terminate(),
    ref: () => worker.ref?.(),
    unref: () => worker.unref?.(),
  };
}

function rebuildError(error) {
  return new Error(error?.message ?? String(error));
}

// Layers and an optimizer object cross as their getConfig(); sequential() and compile()
// in the worker take those back.
function serializeOptimizer(optimizer) {
  return optimizer && typeof optimizer === 'object' && typeof optimizer.getConfig === 'function' ? optimizer.getConfig() : optimizer;
}

function serializeModelOptions(options) {
  if (!options || typeof options !== 'object' || !Array.isArray(options.layers)) return options;
  return { ...options, layers: options.layers.map((l) => (l && typeof l.getConfig === 'function' ? l.getConfig() : l)) };
}

function typedArrays(value, list = []) {
  if (ArrayBuffer.isView(value)) {
    if (!list.includes(value.buffer)) list.push(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) typedArrays(v, list);
  }
  return list;
}

/**
 * A Sequential model living in a Worker. Every method returns a Promise; call them in any
 * order: the worker answers in turn (predict/getWeights/summary also while a fit is paused
 * or running, as Sequential allows).
 */
export class RemoteSequential {
  #link; #worker; #info; #pending = new Map(); #nextId = 1; #fits = new Map(); #listeners = new Map();
  #failure = null; #disposed = false; #compileConfig = null;

  /** @internal use workerSequential() */
  constructor(worker, link, info, pending) {
    this.#worker = worker;
    this.#link = link;
    this.#info = info;
    this.#pending = pending.map;
    this.#nextId = pending.nextId;
    pending.owner = this;
  }

  /** The underlying Worker (web) or worker_threads Worker (Node). */
  get worker() { return this.#worker; }
  /** Whether the worker runs the SIMD build, and the simdtrain version there. */
  get simd() { return this.#info.simd; }
  get version() { return this.#info.version; }
  get layers() { return this.#info.layers.map((l) => ({ ...l })); }
  get inputShape() { return [...this.#info.inputShape]; }
  get outputShape() { return [...this.#info.outputShape]; }
  /** The seed the model was built with (undefined if none was given). */
  get seed() { return this.#info.seed; }
  /** The last successful compile(): { optimizer: getConfig()-like object or name, loss, metrics }. */
  get compileConfig() { return this.#compileConfig && structuredClone(this.#compileConfig); }
  /** Setting true stops a running fit (as on a Sequential model). */
  get stopTraining() { return false; }
  set stopTraining(value) { if (value === true) this.stop().catch(() => {}); } // a setter cannot be awaited

  /** @internal */
  _failed(error) {
    if (this.#failure) return;
    this.#failure = error;
    for (const { reject, where } of this.#pending.values()) reject(new Error(`${where}: ${error.message}`));
    this.#pending.clear();
    this.#link.unref();
  }

  /** @internal */
  _message(message) {
    if (message.event !== undefined) {
      this.#event(message);
      return;
    }
    const entry = this.#pending.get(message.id);
    if (!entry) return;
    this.#pending.delete(message.id);
    if (this.#pending.size === 0) this.#link.unref();
    if (message.error) entry.reject(rebuildError(message.error));
    else entry.resolve(message.result);
  }

  #request(where, message, transfer) {
    if (this.#disposed) return Promise.reject(new Error(`${where}: the model was disposed; create a new one`));
    if (this.#failure) return Promise.reject(new Error(`${where}: ${this.#failure.message}`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.#link.post({ ...message, id }, transfer);
      } catch (error) {
        reject(new Error(`${where}: ${error?.message ?? error}`));
        return;
      }
      if (this.#pending.size === 0) this.#link.ref();
      this.#pending.set(id, { resolve, reject, where });
    });
  }

  #call(method, args) {
    return this.#request(method, { op: 'call', method, args });
  }

  async compile(options) {
    let sent = options;
    if (options && typeof options === 'object' && !Array.isArray(options)) {
      sent = { ...options, optimizer: serializeOptimizer(options.optimizer),
        loss: options.loss && typeof options.loss.getConfig === 'function' ? options.loss.getConfig() : options.loss };
    }
    await this.#request('compile', { op: 'compile', options: sent });
    const loss = sent.loss && typeof sent.loss.getConfig === 'function' ? sent.loss.getConfig() : sent.loss;
    this.#compileConfig = { optimizer: sent.optimizer, loss, metrics: sent.metrics ?? [], weightedMetrics: sent.weightedMetrics ?? [] };
  }

  /** Training-mode or inference forward pass: Promise<Float32Array> (row-major [n, outputs]). */
  predict(x, options) { return this.#call('predict', options === undefined ? [x] : [x, options]); }
  evaluate(x, y, options) { return this.#call('evaluate', options === undefined ? [x, y] : [x, y, options]); }
  trainOnBatch(x, y) { return this.#call('trainOnBatch', [x, y]); }
  predictOnBatch(x) { return this.#call('predictOnBatch', [x]); }
  testOnBatch(x, y, options) { return this.#call('testOnBatch', options === undefined ? [x, y] : [x, y, options]); }
  computeGradients(x, y) { return this.#call('computeGradients', [x, y]); }
  getWeights() { return this.#call('getWeights', []); }
  async setWeights(list) { await this.#call('setWeights', [list]); }
  /** As Sequential.summary: prints here (printFn, default console.log) and resolves to the table. */
  async summary(options) {
    const printFn = summaryPrinter('summary', options);
    const text = await this.#call('summary', [{ printFn: null }]);
    printLines(text, printFn);
    return text;
  }
  gradientStats() { return this.#call('gradientStats', []); }
  save(options) { return this.#call('save', options === undefined ? [] : [options]); }

  /**
   * Train in the worker. Options are Sequential.fit's plus onProgress(event) and
   * transfer (true: hand x/y's buffers to the worker instead of copying them; they are
   * then detached here). Resolves to { epoch, history } when training ends.
   */
  async fit(x, y, options) {
    const where = 'fit';
    let sent = options;
    const callbacks = {};
    let transfer;
    if (options && typeof options === 'object' && !Array.isArray(options)) {
      if (options.callbacks !== undefined) {
        throw new Error(`${where}: callbacks must be undefined in worker mode (callback objects cannot cross to the worker); use onEpochEnd, onBatchEnd, onProgress or on('progress'), got ${Array.isArray(options.callbacks) ? `an array of length ${options.callbacks.length}` : typeof options.callbacks}`);
      }
      sent = { ...options };
      for (const key of FIT_CALLBACKS) {
        if (typeof sent[key] === 'function') {
          callbacks[key] = sent[key];
          delete sent[key];
        }
      }
      if (sent.onProgress !== undefined) checkFunction(where, 'onProgress', sent.onProgress);
      if ('transfer' in sent) {
        if (checkBoolean(where, 'transfer', sent.transfer)) transfer = typedArrays([x, y, sent.validationData]);
        delete sent.transfer;
      }
    }
    const fitId = this.#nextId;
    const fitRecord = { callbacks, chain: Promise.resolve(), error: null };
    this.#fits.set(fitId, fitRecord);
    try {
      const result = await this.#request(where, { op: 'fit', fitId, x, y, options: sent,
        batchCallbacks: Boolean(callbacks.onBatchEnd), epochCallbacks: Boolean(callbacks.onEpochEnd),
        progress: Boolean(callbacks.onProgress || this.#listeners.get('progress')?.size) }, transfer);
      await fitRecord.chain;
      if (fitRecord.error) throw fitRecord.error;
      return result;
    } finally {
      this.#fits.delete(fitId);
    }
  }

  #event(message) {
    if (message.event === 'ready') return;
    const record = this.#fits.get(message.fitId);
    if (!record) return;
    const { callbacks } = record;
    const isBatch = message.event === 'batch';
    const progress = Object.freeze({ type: message.event, epoch: message.epoch, batch: isBatch ? message.batch : undefined,
      batches: message.batches, logs: message.logs });
    const listeners = [...(this.#listeners.get('progress') ?? [])];
    record.chain = record.chain.then(async () => {
      if (record.error) return;
      try {
        if (message.callback) {
          if (isBatch) await callbacks.onBatchEnd?.(message.batch, { ...message.logs });
          else await callbacks.onEpochEnd?.(message.epoch, { ...message.logs });
        }
        if (message.progress) {
          await callbacks.onProgress?.(progress);
          for (const fn of listeners) await fn(progress);
        }
      } catch (error) {
        record.error = error instanceof Error ? error : new Error(String(error));
        this.stop().catch(() => {});
      }
    });
  }

  /**
   * Listen to training: on('progress', fn) calls fn({ type: 'batch' | 'epoch', epoch,
   * batch, batches, logs }) during every fit, after a batch or an epoch, at most about every
   * 16 ms (and always after the last epoch), unlike onBatchEnd/onEpochEnd which see every
   * one. Returns a function that removes the listener.
   */
  on(type, listener) {
    if (!EVENTS.includes(type)) fail('on', 'type', EVENTS.map((t) => `'${t}'`).join(' or '), type);
    checkFunction('on', 'listener', listener);
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, set = new Set());
    set.add(listener);
    for (const fitId of this.#fits.keys()) {
      if (!this.#disposed && !this.#failure) this.#link.post({ op: 'want', fitId });
    }
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  /**
   * Pause the running fit at the next batch boundary; resolves with the training state
   * { fitting, paused, epoch, batch, batches } once paused (batches: batches run so far in
   * this fit). With no fit running, the next fit starts paused (before its first batch).
   */
  pause() { return this.#request('pause', { op: 'control', action: 'pause' }); }
  /** Run exactly one more batch, then pause again; resolves with the state once paused. */
  step() { return this.#request('step', { op: 'control', action: 'step' }); }
  /** Continue a paused fit (or cancel a pending pause). */
  resume() { return this.#request('resume', { op: 'control', action: 'resume' }); }
  /** Stop the running fit after the batches in flight; fit resolves with the history so far. */
  stop() { return this.#request('stop', { op: 'control', action: 'stop' }); }
  /** The training state now: { fitting, paused, epoch, batch, batches }. */
  state() { return this.#request('state', { op: 'control', action: 'state' }); }

  /**
   * Terminate the worker now, even during a fit: every pending call (fit included) and every
   * later call rejects with "<call>: the simdtrain worker was terminated; ...". Calling
   * remote.worker.terminate() directly does the same.
   */
  async terminate() {
    this._failed(new Error('the simdtrain worker was terminated; create a new model'));
    await this.#link.terminate();
  }

  /** Terminate the worker (frees everything); later calls reject. */
  async dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    const error = new Error('fit: the model was disposed; create a new one');
    for (const { reject, where } of this.#pending.values()) reject(where === 'fit' ? error : new Error(`${where}: the model was disposed; create a new one`));
    this.#pending.clear();
    this.#failure = error;
    await this.#link.terminate();
  }
}

/**
 * Build a model like sequential(options), inside a Worker. workerOptions: { simd } forces
 * the build (default: feature detection in the worker); { worker } is a Worker already
 * running worker_host.mjs (e.g. made by a bundler) or that file's URL.
 */
export async function workerSequential(options, workerOptions) {
  const where = 'workerSequential';
  const o = checkOptions(where, workerOptions, ['simd', 'worker']);
  if (o.simd !== undefined) checkBoolean(where, 'simd', o.simd);
  const { workerUrl, wasmUrls } = assetLocations();
  const worker = await spawnWorker(where, o.worker ?? workerUrl);
  const pending = { map: new Map(), nextId: 1, owner: null };
  let ready;
  const readyPromise = new Promise((resolve, reject) => { ready = { resolve, reject }; });
  const link = connect(worker, (message) => {
    if (pending.owner) pending.owner._message(message);
    else if (message?.event === 'ready') ready.resolve();
    else if (message?.id === 0) {
      if (message.error) ready.reject(rebuildError(message.error));
      else ready.resolve(message.result);
    }
  }, (error) => {
    if (pending.owner) pending.owner._failed(error);
    else ready.reject(error);
  });
  try {
    await readyPromise;
    const created = new Promise((resolve, reject) => { ready = { resolve, reject }; });
    created.catch(() => {}); // a failure after a failed post (the worker's exit) is not unhandled
    try {
      link.post({ id: 0, op: 'create', options: serializeModelOptions(options), simd: o.simd, wasmUrls });
    } catch (error) {
      throw new Error(`${where}: ${error?.message ?? error}`);
    }
    const info = await created;
    info.seed = options?.seed;
    link.unref();
    return new RemoteSequential(worker, link, info, pending);
  } catch (error) {
    await link.terminate();
    throw error;
  }
}
