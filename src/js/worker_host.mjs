// worker_host.mjs — the worker side of workerSequential() (worker.mjs): one simdtrain
// model in a module Worker (browsers) or a worker_threads Worker (Node). It answers the
// requests { id, op, ... } of its RemoteSequential with { id, result } or { id, error },
// and reports training as { event: 'batch' | 'epoch', ... } messages.
//
// fit runs the in-process Sequential.fit unchanged (the same numbers as in the caller's
// realm); its own onBatchEnd is the pause point of pause()/step()/resume()/stop(): while
// paused, fit awaits it and the worker keeps answering messages (predict, getWeights, ...).
import { sequential } from './model.mjs';
import { init } from './bridge.mjs';

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;

// Methods forwarded as they are; those a given simdtrain build lacks answer with an Error.
const CALLS = new Set(['predict', 'predictOnBatch', 'evaluate', 'testOnBatch', 'trainOnBatch', 'computeGradients', 'getWeights', 'setWeights',
  'summary', 'gradientStats', 'save']);

async function openPort() {
  if (isNode) {
    const spec = 'node:worker_threads'; // non-literal: bundlers leave it alone
    const { parentPort } = await import(/* webpackIgnore: true */ /* @vite-ignore */ spec);
    if (!parentPort) return null; // imported on a main thread: nothing to serve
    return {
      post: (message, transfer) => parentPort.postMessage(message, transfer ?? []),
      listen: (fn) => parentPort.on('message', fn),
    };
  }
  if (typeof self === 'object' && typeof self.postMessage === 'function' && typeof window === 'undefined') {
    return {
      post: (message, transfer) => self.postMessage(message, transfer ?? []),
      listen: (fn) => self.addEventListener('message', (event) => fn(event.data)),
    };
  }
  return null;
}

let model = null;
let port = null;
const LATER = Symbol('answered later');

// Training state of the running fit (one at a time per model).
const fitState = {
  active: false, id: 0, batchCallbacks: false, epochCallbacks: false, progress: false, lastProgress: -Infinity,
  epochs: 0, epoch: 0, batch: -1, batches: 0,
  paused: false, stepping: false, pauseNext: false, stopped: false, release: null, waiters: [],
};

function snapshot() {
  const s = fitState;
  return { fitting: s.active, paused: s.release !== null || (!s.active && s.pauseNext), epoch: s.epoch,
    batch: s.batch, batches: s.batches };
}

function answerWaiters() {
  const state = snapshot();
  for (const id of fitState.waiters.splice(0)) port.post({ id, result: state });
}

function release() {
  const r = fitState.release;
  fitState.release = null;
  r?.();
}

// Post a training event when its callback (onBatchEnd/onEpochEnd) is set, or for 'progress'
// listeners at most every PROGRESS_MILLISECONDS (and always at the last epoch), so that a
// fast fit does not flood the caller's thread with messages.
const PROGRESS_MILLISECONDS = 16;
function report(event, callback, last, fields) {
  const s = fitState;
  let progress = false;
  if (s.progress) {
    const now = performance.now();
    if (last || now - s.lastProgress >= PROGRESS_MILLISECONDS) {
      progress = true;
      s.lastProgress = now;
    }
  }
  if (callback || progress) port.post({ event, fitId: s.id, callback, progress, batches: s.batches, ...fields });
}

// Where fit waits while paused; pause()/step() requests are answered here.
function pausePoint() {
  const promise = new Promise((resolve) => { fitState.release = resolve; });
  answerWaiters();
  return promise;
}

function transferables(value, list = []) {
  if (ArrayBuffer.isView(value)) {
    if (!list.includes(value.buffer)) list.push(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) transferables(v, list);
  } else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) transferables(v, list);
  }
  return list;
}

function requireModel(where) {
  if (!model) throw new Error(`${where}: the model was disposed; create a new one`);
  return model;
}

async function create(message) {
  const options = {};
  if (message.simd !== undefined) options.simd = message.simd;
  if (message.wasmUrls) options.wasmUrl = (file) => message.wasmUrls[file];
  const info = await init(options);
  model = sequential(message.options);
  // Plain data: a layer's trainable is a getter, which structured cloning would drop.
  return { layers: model.layers.map((l) => ({ ...l, trainable: l.trainable })), inputShape: model.inputShape, outputShape: model.outputShape, ...info };
}

function compile(options) {
  const m = requireModel('compile');
  m.compile(options);
}

function call(method, args) {
  if (!CALLS.has(method)) throw new Error(`simdtrain worker: unknown method ${JSON.stringify(method)}`);
  const m = requireModel(method);
  if (typeof m[method] !== 'function') throw new Error(`${method}: not available in this version of simdtrain`);
  return m[method](...args);
}

async function fit(message) {
  const m = requireModel('fit');
  const { x, y } = message;
  const s = fitState;
  const given = message.options ?? {};
  if (s.active || given === null || typeof given !== 'object' || Array.isArray(given)) {
    return m.fit(x, y, message.options); // the model gives its error: busy, or options not an object
  }
  // One batch per call into wasm, so pause() and step() stop with the weights exactly at a batch.
  // Whatever the caller asked, step() is one batch; and a worker prints nothing unless asked.
  const options = { ...given, stepsPerExecution: 1, verbose: given.verbose ?? 0 };
  Object.assign(s, { active: true, id: message.fitId, batchCallbacks: message.batchCallbacks,
    epochCallbacks: message.epochCallbacks, progress: message.progress, lastProgress: -Infinity, epoch: 0, batch: -1,
    batches: 0, paused: s.pauseNext, stepping: false, stopped: false,
    epochs: typeof options.epochs === 'number' ? options.epochs : 1 });
  s.pauseNext = false;
  options.onBatchEnd = async (batch, logs) => {
    s.batches++;
    s.batch = batch;
    report('batch', s.batchCallbacks, false, { epoch: s.epoch, batch, logs });
    if (s.stepping) {
      s.stepping = false;
      s.paused = true;
    }
    if (s.paused) await pausePoint();
  };
  options.onEpochEnd = (epoch, logs) => {
    report('epoch', s.epochCallbacks, epoch === s.epochs - 1, { epoch, logs });
    s.epoch = epoch + 1;
    s.batch = -1;
  };
  try {
    if (s.paused) await pausePoint(); // pause() before fit: wait before the first batch
    if (s.stopped) return { epoch: [], history: {} };
    const history = await m.fit(x, y, options);
    return { epoch: history.epoch, history: history.history };
  } finally {
    Object.assign(s, { active: false, paused: false, stepping: false });
    release();
    answerWaiters();
  }
}

function control(id, action) {
  const s = fitState;
  switch (action) {
    case 'pause':
      if (!s.active) s.pauseNext = true;
      else if (s.release === null) {
        s.paused = true;
        s.waiters.push(id);
        return LATER;
      }
      return snapshot();
    case 'step':
      if (!s.active) {
        s.pauseNext = true;
        return snapshot();
      }
      s.paused = false;
      s.stepping = true;
      s.waiters.push(id);
      release();
      return LATER;
    case 'resume':
      s.pauseNext = false;
      s.paused = false;
      s.stepping = false;
      release();
      return snapshot();
    case 'stop':
      s.pauseNext = false;
      if (s.active) {
        s.stopped = true;
        s.paused = false;
        s.stepping = false;
        if (model) model.stopTraining = true;
        release();
      }
      return snapshot();
    case 'state':
      return snapshot();
    default:
      throw new Error(`simdtrain worker: unknown control ${JSON.stringify(action)}`);
  }
}

async function handle(message) {
  const { id, op } = message;
  switch (op) {
    case 'create': return create(message);
    case 'compile': return compile(message.options);
    case 'call': return call(message.method, message.args);
    case 'fit': return fit(message);
    case 'control': return control(id, message.action);
    case 'want':
      if (fitState.active && fitState.id === message.fitId) fitState.progress = true;
      return undefined;
    default: throw new Error(`simdtrain worker: unknown request ${JSON.stringify(op)}`);
  }
}

function reply(id, result) {
  if (result === LATER) return; // answered by pausePoint() or at the end of fit
  try {
    port.post({ id, result }, transferables(result));
  } catch (error) {
    port.post({ id, error: { message: String(error?.message ?? error), name: error?.name ?? 'Error' } });
  }
}

// No top-level await: bundlers may emit this module as a classic (iife) worker.
openPort().then((opened) => {
  port = opened;
  if (!port) return;
  port.listen((message) => {
    const { id } = message ?? {};
    let result;
    try {
      result = handle(message);
    } catch (error) {
      port.post({ id, error: { message: String(error?.message ?? error), name: error?.name ?? 'Error' } });
      return;
    }
    Promise.resolve(result).then(
      (value) => { if (message.op !== 'want') reply(id, value); },
      (error) => port.post({ id, error: { message: String(error?.message ?? error), name: error?.name ?? 'Error' } }),
    );
  });
  port.post({ event: 'ready' });
});
