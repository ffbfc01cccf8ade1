// fit.mjs — Sequential.fit: copies the data into wasm memory once, then per epoch shuffles
// in C and runs chunks of batches in C (st_model_fit_run), each chunk sized to take a few
// milliseconds, yielding to the event loop between chunks so timers and UI keep running.
// Batch logs carry each batch's own loss (batchLoss) beside Keras's running mean (loss).
// Callbacks run in Keras's order (the user's, then History, then the progress logger);
// batch hooks see every batch; onBatchBegin and TerminateOnNaN make calls run one batch.
import * as bridge from './bridge.mjs';
import { implementsHook, readCallbacks, TerminateOnNaN } from './callbacks.mjs';
import { classWeightToSampleWeight, readSampleWeight } from './metrics.mjs';
import { throwNonFinite, gradientStats } from './diagnostics.mjs';
import { ProgressLogger, resolveVerbose } from './progress.mjs';
import { own } from './registry/options.mjs';
import { checkBoolean, checkFunction, checkInteger, checkNumber, checkOptions, fail } from './validate.mjs';

const CHUNK_MILLISECONDS = 8;
const OPTIONS = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData', 'onEpochEnd', 'onBatchEnd',
  'diagnostics', 'terminateOnNaN', 'stepsPerExecution', 'callbacks', 'verbose', 'sampleWeight', 'classWeight', 'initialEpoch',
  'validationBatchSize'];

// Resolves on the next turn of the event loop without timer clamping.
const yieldToEventLoop = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => setImmediate(resolve))
  : (() => {
    const channel = new MessageChannel();
    const queue = [];
    channel.port1.onmessage = () => queue.shift()();
    return () => new Promise((resolve) => { queue.push(resolve); channel.port2.postMessage(0); });
  })();

/** What fit returns (Keras's History callback): the epochs run and each log per epoch. */
class History {
  constructor() {
    this.epoch = [];
    this.history = {};
  }

  onEpochEnd(epoch, logs) {
    this.epoch.push(epoch);
    // Numbers only: per-batch diagnostics stay in the callbacks' logs, not in the history.
    for (const [key, value] of Object.entries(logs)) if (typeof value === 'number') (this.history[key] ??= []).push(value);
  }
}

function readFitOptions(where, options) {
  const o = checkOptions(where, options, OPTIONS);
  const get = (key) => own(o, key);
  const spe = get('stepsPerExecution');
  const f = {
    stepsPerExecution: spe === undefined || spe === 'auto' ? 'auto' : checkInteger(where, 'stepsPerExecution', spe, 1, 2 ** 31 - 1),
    diagnostics: checkBoolean(where, 'diagnostics', get('diagnostics') ?? false),
    terminateOnNaN: checkBoolean(where, 'terminateOnNaN', get('terminateOnNaN') ?? true),
    epochs: checkInteger(where, 'epochs', get('epochs') ?? 1, 0, 2 ** 31 - 1),
    batchSize: checkInteger(where, 'batchSize', get('batchSize') ?? 32, 1, 2 ** 31 - 1),
    initialEpoch: checkInteger(where, 'initialEpoch', get('initialEpoch') ?? 0, 0, 2 ** 31 - 1),
    sampleWeight: get('sampleWeight'),
    classWeight: get('classWeight'),
    shuffle: checkBoolean(where, 'shuffle', get('shuffle') ?? true),
    split: checkNumber(where, 'validationSplit', get('validationSplit') ?? 0, { min: 0, max: 1, maxExclusive: true }),
    validationData: get('validationData'),
    onEpochEnd: get('onEpochEnd') === undefined ? null : checkFunction(where, 'onEpochEnd', get('onEpochEnd')),
    onBatchEnd: get('onBatchEnd') === undefined ? null : checkFunction(where, 'onBatchEnd', get('onBatchEnd')),
    callbacks: readCallbacks(where, get('callbacks')),
    verbose: resolveVerbose(where, get('verbose')),
  };
  // Keras: validation_batch_size defaults to batch_size.
  f.validationBatchSize = checkInteger(where, 'validationBatchSize', get('validationBatchSize') ?? f.batchSize, 1, 2 ** 31 - 1);
  if (f.sampleWeight !== undefined && f.classWeight !== undefined) {
    throw new Error(`${where}: give sampleWeight or classWeight, not both (Keras refuses both at once)`);
  }
  if (f.split > 0 && f.validationData !== undefined) {
    throw new Error(`${where}: give validationSplit or validationData, not both; got validationSplit ${f.split} and validationData`);
  }
  return f;
}

// The training and validation sets (each with its sample weights or null): Keras's
// validationSplit takes the last fraction of the samples, before any shuffling, and their
// sample weights with them; classWeight becomes sample weights of the training rows only.
function splitData(where, model, core, x, y, f) {
  let { xs, ys } = model._data(where, x, y);
  let ws = f.sampleWeight === undefined ? null : readSampleWeight(where, 'sampleWeight', f.sampleWeight, xs.rows);
  if (f.validationData !== undefined) {
    const vd = f.validationData;
    if (!Array.isArray(vd) || (vd.length !== 2 && vd.length !== 3)) fail(where, 'validationData', 'an array [xVal, yVal] or [xVal, yVal, sampleWeightVal]', vd);
    const v = model._data(where, vd[0], vd[1], ['validationData[0]', 'validationData[1]']);
    v.ws = vd.length === 3 ? readSampleWeight(where, 'validationData[2]', vd[2], v.xs.rows) : null;
    if (f.classWeight !== undefined) ws = classWeightToSampleWeight(where, f.classWeight, ys, core.outputs, core.compiled.loss.sparse);
    return { xs, ys, ws, validation: v };
  }
  if (f.classWeight !== undefined) ws = classWeightToSampleWeight(where, f.classWeight, ys, core.outputs, core.compiled.loss.sparse);
  if (f.split === 0) return { xs, ys, ws, validation: null };
  const at = Math.floor(xs.rows * (1 - f.split));
  if (at < 1 || at >= xs.rows) {
    throw new Error(`${where}: validationSplit ${f.split} of ${xs.rows} samples leaves an empty training or validation set`);
  }
  const yc = ys.data.length / ys.rows;
  const validation = { xs: { data: xs.data.slice(at * core.inputs), rows: xs.rows - at },
    ys: { data: ys.data.slice(at * yc), rows: ys.rows - at },
    ws: ws && f.sampleWeight !== undefined ? ws.slice(at) : null };
  xs = { data: xs.data.subarray(0, at * core.inputs), rows: at };
  ys = { data: ys.data.subarray(0, at * yc), rows: at };
  return { xs, ys, ws: ws && ws.subarray(0, at), validation };
}

// Keras's logs: the loss (batch losses weighted by batch size), then each metric's epoch value so far.
function epochLogs(core, t) {
  const logs = { loss: t.loss / t.count };
  core.compiled.metricKeys.forEach((key, i) => { logs[key] = t.metrics[i]; });
  return logs;
}

// The callbacks of one fit, in Keras's order, and how to call a hook on all of them.
function callbackList(where, model, core, f, history, epochs, batches) {
  const shorthands = { onEpochEnd: f.onEpochEnd ? (epoch, logs) => f.onEpochEnd(epoch, { ...logs }) : undefined,
    onBatchEnd: f.onBatchEnd ?? undefined };
  const progress = f.verbose ? new ProgressLogger(f.verbose, epochs, batches) : null;
  const list = [...f.callbacks, shorthands, history, ...(progress ? [progress] : [])];
  for (const cb of f.callbacks) if (typeof cb.setModel === 'function') cb.setModel(model);
  const has = (hook) => list.some((cb) => implementsHook(cb, hook) && !(cb === progress && !progress.wantsBatches));
  return {
    batchHooks: has('onBatchBegin') || has('onBatchEnd'),
    oneBatchPerCall: has('onBatchBegin') || f.callbacks.some((cb) => cb instanceof TerminateOnNaN),
    async call(hook, ...args) {
      for (const cb of list) {
        if (typeof cb[hook] !== 'function' || (cb === progress && hook === 'onBatchEnd' && !progress.wantsBatches)) continue;
        await cb[hook](...args);
        core.live(where);
      }
    },
  };
}

export async function runFit(model, core, x, y, options) {
  const where = 'fit';
  const f = readFitOptions(where, options);
  const { xs, ys, ws, validation } = splitData(where, model, core, x, y, f);
  const history = new History();
  const xPtr = bridge.upload(where, xs.data), yPtr = bridge.upload(where, ys.data);
  const wPtr = ws ? bridge.upload(where, ws) : 0;
  let logPtr = 0;
  core.busy = true;
  model.stopTraining = false;
  let lastLogs = {};
  let cbs;
  try {
    // A TerminateOnNaN callback stops quietly after the batch, as Keras's does; otherwise
    // the C sentinel (terminateOnNaN, default true) throws naming where.
    const quietNaN = f.callbacks.some((cb) => cb instanceof TerminateOnNaN);
    bridge.setDiagnostics(where, core.handle, f.diagnostics);
    bridge.setTerminateOnNaN(where, core.handle, f.terminateOnNaN && !quietNaN);
    bridge.fitBegin(where, core.handle, xPtr, yPtr, xs.rows, f.batchSize);
    bridge.fitSampleWeights(where, core.handle, wPtr);
    const batches = bridge.fitBatches(where, core.handle);
    logPtr = bridge.alloc(where, batches * 8 * (2 + core.compiled.metricKeys.length));
    cbs = callbackList(where, model, core, f, history, f.epochs, batches);
    // Every step computes its statistics in C; only onBatchEnd needs each one, so only it
    // makes calls run one batch. Pacing is kept across epochs, so many tiny epochs still
    // yield about every CHUNK_MILLISECONDS.
    const perBatchStats = f.diagnostics && f.onBatchEnd !== null;
    const pacing = { stepsPerExecution: perBatchStats || cbs.oneBatchPerCall ? 1 : f.stepsPerExecution, chunk: 1,
      sinceYield: performance.now() };
    await cbs.call('onTrainBegin', {});
    // Keras: epochs count from initialEpoch (the index of the first epoch run) up to epochs.
    for (let epoch = f.initialEpoch; epoch < f.epochs && !model.stopTraining; epoch++) {
      await cbs.call('onEpochBegin', epoch, {});
      bridge.fitEpochBegin(where, core.handle, f.shuffle);
      const totals = await runEpoch(where, model, core, epoch, batches, logPtr, f, pacing, cbs);
      if (!core.handle) break;
      const logs = epochLogs(core, totals);
      if (f.diagnostics) logs.diagnostics = gradientStats(core);
      if (validation) {
        core.busy = false;
        const v = model._evaluateData(where, validation.xs, validation.ys, f.validationBatchSize, validation.ws);
        core.busy = true;
        for (const [key, value] of Object.entries(v)) logs[`val_${key}`] = value;
      }
      await cbs.call('onEpochEnd', epoch, logs);
      lastLogs = logs;
    }
    core.live(where);
  } finally {
    core.busy = false;
    bridge.free(logPtr);
    bridge.free(xPtr);
    bridge.free(yPtr);
    bridge.free(wPtr);
  }
  // As Keras's on_train_end: after training, with the model idle again, so a callback may
  // use it (EarlyStopping's restoreBestWeights calls setWeights; it was refused as busy).
  await cbs.call('onTrainEnd', lastLogs);
  return history;
}

async function runEpoch(where, model, core, epoch, batches, logPtr, f, pacing, cbs) {
  const width = 2 + core.compiled.metricKeys.length;
  const totals = { loss: 0, count: 0, metrics: new Array(width - 2).fill(0) };
  for (let first = 0; first < batches && !model.stopTraining;) {
    const count = Math.min(pacing.stepsPerExecution === 'auto' ? pacing.chunk : pacing.stepsPerExecution, batches - first);
    if (cbs.oneBatchPerCall) await cbs.call('onBatchBegin', first, {});
    const started = performance.now();
    if (bridge.fitRun(where, core.handle, first, count, logPtr) === 'non_finite') throwNonFinite(where, core, epoch);
    const elapsed = performance.now() - started;
    const logs = bridge.f64(logPtr, count * width).slice();
    for (let b = 0; b < count; b++) {
      const row = logs.subarray(width * b, width * (b + 1));
      const [loss, n] = row;
      totals.loss += loss * n;
      totals.count += n;
      totals.metrics = Array.from(row.subarray(2));
      if (cbs.batchHooks) {
        const batchLogs = { ...epochLogs(core, totals), batchLoss: loss };
        if (f.diagnostics) {
          batchLogs.diagnostics = gradientStats(core);
          batchLogs.gradientNorm = core.compiled.optimizer.lastGradientNorm;
        }
        await cbs.call('onBatchEnd', first + b, batchLogs);
      }
    }
    first += count;
    if (elapsed < CHUNK_MILLISECONDS / 2) pacing.chunk *= 2;
    else if (elapsed > CHUNK_MILLISECONDS * 2 && pacing.chunk > 1) pacing.chunk = Math.ceil(pacing.chunk / 2);
    if (performance.now() - pacing.sinceYield >= CHUNK_MILLISECONDS) {
      await yieldToEventLoop();
      pacing.sinceYield = performance.now();
    }
    core.live(where);
  }
  return totals;
}
