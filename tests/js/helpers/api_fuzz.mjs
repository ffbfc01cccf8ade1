// api_fuzz.mjs — a stateful fuzzer of the public API (issue 10). A seeded generator draws
// random sequences of calls — sequential (Dense stacks, and N-D stacks: Conv2D/pooling image
// models and SimpleRNN/LSTM/GRU sequence models on small shapes), compile, fit (also with calls made while it runs),
// trainOnBatch, predict, evaluate, computeGradients, getWeights, setWeights, save, loadModel
// (saved, mutated and forged files), dispose, the optimizer's step/getSlots/setters/getConfig,
// schedules, layer and loss factories — with arguments that are mostly valid and often
// hostile (huge, negative, fractional, NaN, ±Infinity, 2^31, 2^32±1, 2^53, wrong types,
// 'constructor'/'__proto__'/'toString', objects with polluted prototypes, a polluted
// Object.prototype, nested arrays of the wrong shape, typed arrays of the wrong length,
// disposed models). After every call it checks:
//   1. a call that throws throws an Error or a SimdtrainError subclass (never a TypeError,
//      RangeError, WebAssembly.RuntimeError or InternalError) whose message starts with the
//      function's name ('where: ...') and says what was expected or which state refused it;
//   2. after a throw, every live model is unchanged (weights, optimizer iterations, compile
//      settings), an optimizer's params and state are unchanged, and the model still works
//      (trainOnBatch if compiled, predict otherwise);
//   3. a polluted Object.prototype is never read (its values never show up);
//   4. after the sequence disposes everything, the core's heap in use is back at its baseline.
// Each sequence has its own seed (derived from the run's seed and its index), so a failure
// reproduces: the report prints `--seed S --sequence I` and the calls of that sequence.
//
// CLI: node tests/js/helpers/api_fuzz.mjs [--seconds N | --sequences N] [--seed S]
//        [--sequence I (replay one)] [--verbose]     (SIMDTRAIN_SIMD=0: scalar build)
import { finalized } from './hold_finalizers.mjs'; // first: before simdtrain makes its FinalizationRegistry objects
import * as st from '../../../src/js/index.mjs';
import * as bridge from '../../../src/js/bridge.mjs';
import { writeModelFile } from '../../../src/js/model_file.mjs';
import { METRICS } from '../../../src/js/registry/metrics.mjs';
import { mulberry32 } from '../../../web/js/lib/random.mjs';

const ALLOWED_ERRORS = new Set([Error, st.SimdtrainError, st.InvalidArgumentError, st.InvalidStateError, st.OutOfMemoryError,
  st.NonFiniteError]);
// Messages that betray an engine error rethrown as a plain Error, or a value shown badly.
const BAD_MESSAGE = /Cannot read prop|Cannot set prop|is not a function|is not iterable|is not a constructor|Cannot convert|\[object |Maximum call stack|undefined is not|Invalid array length|out of bounds|unreachable|POLLUTED/;
const ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu', 'softmax'];
const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal', 'lecunUniform', 'orthogonal', 'zeros', 'ones'];
const LOSSES = ['meanSquaredError', 'mse', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy'];
// Metric names with the option each takes (null: none), from the registry, and 'accuracy'.
const METRIC_OPTIONS = [['accuracy', null], ...Object.entries(METRICS).map(([name, m]) => [name, Object.keys(m.options)[0] ?? null])];
const OPTIMIZERS = ['sgd', 'adagrad', 'rmsprop', 'adam', 'nadam', 'adamw', 'adamax', 'adadelta'];
const HYPER = ['learningRate', 'momentum', 'nesterov', 'beta1', 'beta2', 'epsilon', 'rho', 'centered', 'amsgrad',
  'initialAccumulatorValue', 'weightDecay', 'clipValue', 'clipNorm', 'globalClipNorm'];
const POLLUTABLE = ['epochs', 'batchSize', 'onBatchEnd', 'onEpochEnd', 'units', 'inputShape', 'learningRate', 'name', 'className',
  'config', 'layers', 'optimizer', 'loss', 'metrics', 'training', 'includeOptimizer', 'fromLogits', 'validationSplit',
  'validationData', 'stepsPerExecution', 'momentum', 'values', 'seed', 'activation', 'rate', 'schedule', 'shuffle',
  'diagnostics', 'terminateOnNaN', 'simd', 'useBias', 'epsilon', 'center', 'scale', 'trainable', 'length'];
const USER_ERROR = 'USER_CALLBACK_ERROR';

const HOSTILE_NUMBERS = [0, -0, -1, 0.5, 2.7, -2.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 32,
  2 ** 32 - 1, 2 ** 32 + 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 1e30,
  -1e30, 1e-30, 1e-45, 65536, 1 << 20, (1 << 20) + 1];
const hostileOthers = () => [undefined, null, true, false, '', '3', '0x10', ' 1 ', 'NaN', 'constructor', '__proto__',
  'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'relu', 'sgd', Symbol('s'), 1n, 2n ** 64n, {}, [], [[]], [1], [NaN],
  [[1, 2], [3]], () => 1, new Date(0), /x/, new Map(), Object.create(null), Object.create({ polluted: 'POLLUTED' }),
  JSON.parse('{"__proto__":{"units":3,"epochs":2}}'), { valueOf: () => 3 }, { toString: () => 'relu' }, new Float32Array(0),
  new Float32Array(3), new Int32Array(2), new Float64Array(2), new Uint8Array(4), new ArrayBuffer(8), new Number(3),
  new String('relu'), new Boolean(true), Object.freeze({}), [undefined], new Array(3), { length: 2, 0: 1, 1: 2 }];

/** A short, human-readable form of a value for the call log. */
function show(v, depth = 0) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return 'Symbol()';
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  if (typeof v === 'function') return 'fn';
  if (typeof v === 'boolean') return String(v);
  if (ArrayBuffer.isView(v)) {
    const shared = typeof SharedArrayBuffer === 'function' && v.buffer instanceof SharedArrayBuffer ? 'shared ' : '';
    return `${shared}${v.constructor.name}(${v.length})`;
  }
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
  if (depth > 2) return '…';
  if (Array.isArray(v)) {
    const items = v.slice(0, 4).map((x) => show(x, depth + 1));
    return `[${items.join(', ')}${v.length > 4 ? `, …(${v.length})` : ''}]`;
  }
  const proto = Object.getPrototypeOf(v);
  const name = proto === null ? 'null-proto ' : proto === Object.prototype ? '' : `${proto.constructor?.name ?? 'proto'} `;
  let keys;
  try { keys = Object.keys(v); } catch { return `${name}{?}`; }
  const body = keys.slice(0, 8).map((k) => `${k}: ${show(v[k], depth + 1)}`).join(', ');
  const inherited = proto && proto !== Object.prototype && proto.constructor === Object ? ` __proto__: ${show(proto, depth + 1)}` : '';
  return `${name}{${body}${inherited}}`;
}

// Features per sample (a leading null, the batch axis as tfjs-layers shows it, is left out).
const width = (shape) => shape.reduce((a, n) => (n === null ? a : a * n), 1);
const bytesOf = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameBytes = (a, b) => a.length === b.length && bytesOf(a).equals(bytesOf(b));

const CLASS_NAMES = { dense: 'Dense', batchNormalization: 'BatchNormalization', dropout: 'Dropout', activation: 'Activation',
  flatten: 'Flatten', conv2d: 'Conv2D', maxPooling2d: 'MaxPooling2D', averagePooling2d: 'AveragePooling2D',
  globalAveragePooling2d: 'GlobalAveragePooling2D', simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

class Violation extends Error {}
let fitTakesVerbose = false;

/** One sequence of calls on its own random stream. */
class Sequence {
  constructor(seed) {
    this.random = mulberry32(seed);
    this.models = []; // { model, disposed }
    this.optimizers = []; // Optimizer objects made here (and by compile's resolution)
    this.files = []; // model.save() results
    this.trace = [];
    this.calls = 0;
    this.throws = 0;
    this.pollutionReads = [];
    this.hostility = 0.02 + this.random() * 0.25; // how often an argument is hostile, per sequence
  }

  // ---- random values ----
  int(n) { return Math.floor(this.random() * n); }
  chance(p) { return this.random() < p; }
  pick(list) { return list[this.int(list.length)]; }
  hostile() { return this.chance(0.5) ? this.pick(HOSTILE_NUMBERS) : this.pick(hostileOthers()); }
  /** valid() most of the time, a hostile value otherwise. */
  maybe(valid, p = 0.85) { return this.chance(1 - ((1 - p) * this.hostility) / 0.15) ? valid() : this.hostile(); }

  /** A model of the pool: mostly a live compiled one, sometimes any (disposed, not compiled). */
  someModel() {
    if (this.models.length === 0) return null;
    if (this.chance(0.75)) {
      const ready = this.models.filter((e) => e.alive() && e.compiled());
      if (ready.length) return this.pick(ready);
    }
    return this.pick(this.models);
  }

  // ---- data ----
  matrix(rows, cols, scale = 1) {
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (this.random() * 2 - 1) * scale));
  }
  flat(rows, cols) { return new Float32Array(rows * cols).map(() => this.random() * 2 - 1); }

  /** x for a model: valid (nested or flat) or hostile. */
  xFor(model, rows) {
    const cols = width(model.inputShape);
    if (model.inputShape.length > 1 && this.chance(0.85)) { // N-D samples: nested n × shape, or flat
      const shape = model.inputShape;
      const sample = (depth) => (depth === shape.length ? this.random() * 2 - 1 : Array.from({ length: shape[depth] }, () => sample(depth + 1)));
      return this.chance(0.5) ? Array.from({ length: rows }, () => sample(0)) : this.flat(rows, cols);
    }
    if (this.chance(0.85)) return this.chance(0.5) ? this.matrix(rows, cols) : this.flat(rows, cols);
    switch (this.int(12)) {
      case 0: return new Float32Array(rows * cols + 1);
      case 1: return this.matrix(rows, cols + 1);
      case 2: { const m = this.matrix(rows, cols); m[this.int(rows)][this.int(cols)] = this.pick([NaN, Infinity, -Infinity, '1', null, undefined, 1e39]); return m; }
      case 3: return [this.matrix(rows, cols)];
      case 4: return new Float64Array(rows * cols);
      case 5: { const m = this.matrix(rows, cols); m[this.int(rows)] = this.hostile(); return m; }
      case 6: return typeof SharedArrayBuffer === 'function' ? new Float32Array(new SharedArrayBuffer(rows * cols * 4)) : [];
      case 7: return this.matrix(rows, cols).map((r) => new Float64Array(r));
      case 8: return new Array(rows);
      case 9: return new Float32Array(0);
      default: return this.hostile();
    }
  }

  /** y for a model and its loss: valid or hostile. */
  yFor(model, rows, lossName) {
    const outputs = width(model.outputShape);
    const sparse = lossName === 'sparseCategoricalCrossentropy';
    if (this.chance(0.85)) {
      if (sparse) return this.chance(0.5) ? Array.from({ length: rows }, () => this.int(outputs)) : Int32Array.from({ length: rows }, () => this.int(outputs));
      if (lossName === 'categoricalCrossentropy') {
        return Array.from({ length: rows }, () => { const r = new Array(outputs).fill(0); r[this.int(outputs)] = 1; return r; });
      }
      const y = this.matrix(rows, outputs).map((r) => r.map((v) => Math.abs(v)));
      return this.chance(0.5) ? y : Float32Array.from(y.flat());
    }
    switch (this.int(8)) {
      case 0: return sparse ? [outputs] : this.matrix(rows + 1, outputs);
      case 1: return sparse ? [0.5] : this.matrix(rows, outputs + 1);
      case 2: return Array.from({ length: rows }, () => this.pick([-1, 2 ** 31, NaN, 0.5, '0', null]));
      case 3: return new Int32Array(rows).fill(-1);
      case 4: return new Float32Array(rows * outputs + 1);
      case 5: return [[[0]]];
      default: return this.hostile();
    }
  }

  // ---- layers and models ----
  layerSpec(index, width) {
    const kinds = index === 0 ? ['dense', 'dense', 'dense', 'batchNormalization', 'dropout', 'activation', 'flatten']
      : ['dense', 'dense', 'batchNormalization', 'dropout', 'activation', 'flatten'];
    const kind = this.pick(kinds);
    const o = {};
    if (index === 0) o.inputShape = this.maybe(() => [width], 0.9);
    switch (kind) {
      case 'dense':
        o.units = this.maybe(() => 1 + this.int(6), 0.9);
        if (this.chance(0.5)) o.activation = this.maybe(() => this.pick(ACTIVATIONS));
        if (this.chance(0.3)) o.useBias = this.maybe(() => this.chance(0.5));
        if (this.chance(0.3)) o.kernelInitializer = this.maybe(() => this.pick(INITIALIZERS));
        if (this.chance(0.1)) o.biasInitializer = this.maybe(() => this.pick(INITIALIZERS));
        break;
      case 'batchNormalization':
        if (this.chance(0.4)) o.momentum = this.maybe(() => this.random());
        if (this.chance(0.4)) o.epsilon = this.maybe(() => 1e-3 + this.random());
        if (this.chance(0.3)) o.center = this.maybe(() => this.chance(0.5));
        if (this.chance(0.3)) o.scale = this.maybe(() => this.chance(0.5));
        if (this.chance(0.2)) o.movingVarianceInitializer = this.maybe(() => this.pick(INITIALIZERS));
        break;
      case 'dropout':
        o.rate = this.maybe(() => this.random() * 0.9, 0.9);
        if (this.chance(0.3)) o.seed = this.maybe(() => this.int(1000));
        break;
      case 'activation':
        o.activation = this.maybe(() => this.pick(ACTIVATIONS), 0.9);
        break;
      default:
    }
    return this.specOf(kind, o);
  }

  /** A layer spec from a factory name and options: the factory's layer, its { className,
   *  config }, its getConfig(), or (rarely) a hostile value; sometimes a name or a stray key. */
  specOf(kind, o) {
    if (this.chance(0.1)) o.name = this.maybe(() => `layer_${this.int(3)}`);
    if (this.chance(0.03)) o[this.pick(['bogus', 'constructor', '__proto__', 'toString'])] = 1;
    const className = CLASS_NAMES[kind];
    let form = this.int(10);
    const hostile = this.hostile();
    if (form === 9 && this.chance(0.7)) form = 0;
    const spec = form < 6 ? () => st.layers[kind](o) : form < 8 ? () => ({ className, config: o })
      : form < 9 ? () => st.layers[kind](o).getConfig() : () => hostile;
    spec.text = form < 6 ? `layers.${kind}(${show(o)})` : form < 8 ? show({ className, config: o })
      : form < 9 ? `layers.${kind}(${show(o)}).getConfig()` : show(hostile);
    return spec;
  }

  /** Options of an N-D stack on small shapes: an image model (Conv2D, pooling, BN, a second
   *  Conv2D, Flatten or global pooling, Dense) or a sequence model (SimpleRNN, LSTM or GRU,
   *  maybe stacked or followed by a Dense on [T, U], Dense). Sizes are drawn freely, so some
   *  stacks are refused (a window larger than its input, a pool with an empty output). */
  ndLayerSpecs() {
    const layers = [];
    const window = () => (this.chance(0.7) ? 1 + this.int(4) : [1 + this.int(3), 1 + this.int(3)]);
    const padding = () => this.pick(['valid', 'same']);
    if (this.chance(0.6)) {
      const conv = (first) => {
        const o = { filters: this.maybe(() => 1 + this.int(4), 0.95), kernelSize: this.maybe(window, 0.95) };
        if (first) o.inputShape = this.maybe(() => [1 + this.int(6), 1 + this.int(6), 1 + this.int(3)], 0.95);
        if (this.chance(0.4)) o.strides = this.maybe(window);
        if (this.chance(0.5)) o.padding = this.maybe(padding);
        if (this.chance(0.5)) o.activation = this.maybe(() => this.pick(ACTIVATIONS));
        if (this.chance(0.2)) o.useBias = this.maybe(() => this.chance(0.5));
        return ['conv2d', o];
      };
      layers.push(conv(true));
      if (this.chance(0.5)) {
        const o = {};
        if (this.chance(0.7)) o.poolSize = this.maybe(window);
        if (this.chance(0.3)) o.strides = this.maybe(window);
        if (this.chance(0.4)) o.padding = this.maybe(padding);
        layers.push([this.pick(['maxPooling2d', 'averagePooling2d']), o]);
      }
      if (this.chance(0.3)) layers.push(['batchNormalization', {}]);
      if (this.chance(0.3)) layers.push(conv(false));
      layers.push([this.pick(['flatten', 'globalAveragePooling2d']), {}]);
    } else {
      const cell = (first, returnSequences) => {
        const kind = this.pick(['simpleRNN', 'lstm', 'gru']);
        const o = { units: this.maybe(() => 1 + this.int(4), 0.95) };
        if (first) o.inputShape = this.maybe(() => [1 + this.int(5), 1 + this.int(3)], 0.95);
        if (returnSequences) o.returnSequences = true;
        if (this.chance(0.3)) o.goBackwards = this.maybe(() => this.chance(0.5));
        if (this.chance(0.3)) o.activation = this.maybe(() => this.pick(ACTIVATIONS));
        if (kind === 'gru' && this.chance(0.3)) o.resetAfter = this.maybe(() => this.chance(0.5));
        if (kind === 'lstm' && this.chance(0.3)) o.unitForgetBias = this.maybe(() => this.chance(0.5));
        return [kind, o];
      };
      const stacked = this.chance(0.4);
      layers.push(cell(true, stacked));
      if (stacked) layers.push(this.chance(0.5) ? cell(false, false) : ['dense', { units: 1 + this.int(3) }]);
      if (stacked && layers[1][0] === 'dense') layers.push(['flatten', {}]);
    }
    layers.push(['dense', { units: this.maybe(() => 1 + this.int(4), 0.95), activation: this.pick(ACTIVATIONS) }]);
    return layers.map(([kind, o]) => this.specOf(kind, o));
  }

  modelOptions() {
    const width = 1 + this.int(4);
    const count = 1 + this.int(3);
    const specs = this.chance(0.3) ? this.ndLayerSpecs() : Array.from({ length: count }, (_, i) => this.layerSpec(i, width));
    const seed = this.chance(0.2) ? undefined : this.maybe(() => this.int(1000));
    const build = () => {
      const o = { layers: specs.map((s) => s()) };
      if (seed !== undefined) o.seed = seed;
      if (this.chance(0.02)) return Object.create(o);
      if (this.chance(0.02)) o.extra = 1;
      return this.chance(0.97) ? o : this.hostile();
    };
    build.text = `{ seed: ${show(seed)}, layers: [${specs.map((s) => s.text).join(', ')}] }`;
    return build;
  }

  // ---- compile settings ----
  /** 0..2 metrics: names or { name, ...options } with options drawn in and out of range. */
  metricList() {
    const entry = () => {
      const name = this.pick(METRIC_OPTIONS.map(([n]) => n));
      if (this.chance(0.5)) return name;
      const option = METRIC_OPTIONS.find(([n]) => n === name)[1];
      const o = { name };
      if (option) o[option] = this.maybe(() => this.pick([0.3, 0.5, 0.7, 1, 2, 3, 5, 200, 0, -1, 1.5]));
      return o;
    };
    return Array.from({ length: this.int(3) }, entry);
  }

  optimizerArg() {
    const r = this.int(10);
    if (r < 3) return this.pick(OPTIMIZERS);
    if (r < 6 && this.optimizers.length) return this.pick(this.optimizers);
    if (r < 8) return this.newOptimizer();
    return this.maybe(() => ({ name: this.pick(OPTIMIZERS), learningRate: this.maybe(() => 0.01 + this.random() * 0.1) }));
  }

  newOptimizer() {
    const kind = this.pick(OPTIMIZERS);
    const o = {};
    const n = this.int(3);
    for (let i = 0; i < n; i++) {
      const key = this.pick(HYPER);
      o[key] = this.maybe(() => this.hyperValue(key), 0.7);
    }
    if (this.chance(0.15)) o.learningRate = this.scheduleArg();
    let opt;
    try {
      opt = st.optimizers[kind](o);
    } catch {
      opt = st.optimizers[kind]();
    }
    this.optimizers.push(opt);
    return opt;
  }

  hyperValue(key) {
    if (['nesterov', 'centered', 'amsgrad'].includes(key)) return this.chance(0.5);
    if (key === 'learningRate') return this.chance(0.05) ? 1e30 : 0.001 + this.random() * 0.1;
    return this.random() * 0.99;
  }

  scheduleArg() {
    const kind = this.pick(['exponentialDecay', 'inverseTimeDecay', 'piecewiseConstantDecay', 'polynomialDecay', 'cosineDecay']);
    const o = kind === 'piecewiseConstantDecay' ? { boundaries: [this.maybe(() => 1 + this.int(5))], values: [0.1, this.maybe(() => 0.01)] }
      : { initialLearningRate: this.maybe(() => 0.01 + this.random() * 0.1), decaySteps: this.maybe(() => 1 + this.int(10)) };
    if (kind === 'exponentialDecay' || kind === 'inverseTimeDecay') o.decayRate = this.maybe(() => this.random());
    try {
      return st.optimizers.schedules[kind](o);
    } catch {
      return 0.01;
    }
  }

  lossArg(outputs) {
    const names = outputs >= 2 ? LOSSES : LOSSES.filter((n) => n !== 'sparseCategoricalCrossentropy');
    const r = this.int(10);
    if (r < 6) return this.pick(names);
    if (r < 8) return st.losses[this.pick(names)]({ fromLogits: this.chance(0.5) });
    return this.maybe(() => ({ name: this.pick(names), fromLogits: this.maybe(() => this.chance(0.5)) }));
  }

  fitOptions(entry, onCallback) {
    const o = {};
    if (this.chance(0.8)) {
      o.epochs = this.maybe(() => this.int(3));
      if (Number.isInteger(o.epochs) && o.epochs > 3) o.epochs = 2 ** 31; // a valid 2^20 epochs would only be slow
    }
    if (this.chance(0.7)) o.batchSize = this.maybe(() => 1 + this.int(8));
    if (this.chance(0.3)) o.shuffle = this.maybe(() => this.chance(0.5));
    if (this.chance(0.2)) o.validationSplit = this.maybe(() => this.random() * 0.6);
    if (this.chance(0.1)) o.validationData = this.maybe(() => [this.xFor(entry.model, 2), this.yFor(entry.model, 2, entry.lossName())]);
    if (this.chance(0.15)) o.stepsPerExecution = this.maybe(() => (this.chance(0.5) ? 'auto' : 1 + this.int(4)));
    if (this.chance(0.15)) o.diagnostics = this.maybe(() => this.chance(0.5));
    if (this.chance(0.1)) o.terminateOnNaN = this.maybe(() => this.chance(0.5));
    if (this.chance(0.25)) o[this.chance(0.5) ? 'onBatchEnd' : 'onEpochEnd'] = this.maybe(() => onCallback, 0.9);
    if (st.callbacks && this.chance(0.2)) o.callbacks = this.maybe(() => this.callbackList(entry.model, onCallback), 0.9);
    if (fitTakesVerbose) {
      o.verbose = this.maybe(() => 0);
      if (o.verbose === 1 || o.verbose === 2 || o.verbose === 'auto' || o.verbose === undefined) o.verbose = 0; // quiet
    }
    if (this.chance(0.03)) o.bogus = 1;
    if (this.chance(0.03)) return Object.create(o);
    return this.chance(0.97) ? o : this.hostile();
  }

  /** fit's callbacks: built-ins with random options, or objects with hooks. */
  callbackList(model, onCallback) {
    const c = st.callbacks;
    // Mostly 'loss' (always in the logs): a monitor missing from the logs only prints a warning.
    const monitor = () => this.maybe(() => (this.chance(0.9) ? 'loss' : this.pick(['val_loss', 'accuracy'])));
    const make = [
      () => c.earlyStopping({ monitor: monitor(), patience: this.maybe(() => this.int(3)), restoreBestWeights: this.maybe(() => this.chance(0.5)),
        mode: this.maybe(() => this.pick(['auto', 'min', 'max'])) }),
      () => c.reduceLROnPlateau({ monitor: monitor(), factor: this.maybe(() => 0.1 + this.random() * 0.8), patience: this.maybe(() => this.int(2)) }),
      () => c.learningRateScheduler(this.maybe(() => {
        const r = this.int(6);
        return (epoch, lr) => (r === 0 ? this.pick([NaN, -1, 0, Infinity, 'x', undefined, 1e30]) : lr * 0.9);
      })),
      () => c.terminateOnNaN(),
      () => ({ [this.pick(['onEpochEnd', 'onBatchEnd', 'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onBatchBegin'])]: onCallback }),
      () => this.hostile(),
    ];
    const list = [];
    for (let i = 1 + this.int(2); i > 0; i--) {
      try { list.push(this.pick(make)()); } catch { list.push(this.hostile()); } // a factory refusing hostile options
    }
    return list;
  }

  // ---- one random call ----
  /** { name, args (for the log), models (whose state a throw must not change), opt, run } */
  nextCall() {
    const r = this.int(100);
    let entry = this.someModel();
    if (r >= 10 && r < 20 && this.chance(0.7)) {
      const fresh = this.models.filter((e) => e.alive() && !e.compiled());
      if (fresh.length) entry = this.pick(fresh);
    }
    if (r < 10 || !entry) return this.callSequential();
    const { model } = entry;
    const rows = 1 + this.int(6);
    const lossName = entry.lossName();
    if (r < 20) {
      const options = this.chance(0.95) ? { optimizer: this.optimizerArg(), loss: this.lossArg(width(model.outputShape)) } : this.hostile();
      if (options && typeof options === 'object' && Object.isExtensible(options)) {
        if (this.chance(0.4)) options.metrics = this.maybe(() => (this.chance(0.5) ? ['accuracy'] : this.metricList()));
        if (this.chance(0.15)) options.weightedMetrics = this.maybe(() => this.metricList());
      }
      return { name: 'compile', entry, args: [options], run: () => model.compile(options), after: () => this.adoptOptimizer(model) };
    }
    if (r < 32) return this.callFit(entry, rows, lossName);
    if (r < 40) {
      const x = this.xFor(model, rows), y = this.yFor(model, rows, lossName);
      return { name: 'trainOnBatch', entry, args: [x, y], run: () => model.trainOnBatch(x, y) };
    }
    if (r < 46) {
      const x = this.xFor(model, rows);
      const o = this.chance(0.3) ? this.maybe(() => ({ training: this.maybe(() => this.chance(0.5)) })) : undefined;
      return { name: 'predict', entry, args: [x, o], run: () => model.predict(x, o) };
    }
    if (r < 50) {
      const x = this.xFor(model, rows), y = this.yFor(model, rows, lossName);
      const o = this.chance(0.3) ? this.maybe(() => ({ batchSize: this.maybe(() => 1 + this.int(8)) })) : undefined;
      return { name: 'evaluate', entry, args: [x, y, o], run: () => model.evaluate(x, y, o) };
    }
    if (r < 53) {
      const x = this.xFor(model, rows), y = this.yFor(model, rows, lossName);
      return { name: 'computeGradients', entry, args: [x, y], run: () => model.computeGradients(x, y) };
    }
    if (r < 56) return { name: 'getWeights', entry, args: [], run: () => model.getWeights() };
    if (r < 61) return this.callSetWeights(entry);
    if (r < 65) {
      const o = this.chance(0.3) ? this.maybe(() => ({ includeOptimizer: this.maybe(() => this.chance(0.5)) })) : undefined;
      return { name: 'save', entry, args: [o], run: () => model.save(o), after: (bytes) => { if (this.files.length < 8) this.files.push(bytes); } };
    }
    if (r < 71) return this.callLoadModel();
    if (r < 74) {
      return { name: 'dispose', entry, args: [], run: () => model.dispose(),
        after: () => { if (this.chance(0.8) && this.models.includes(entry)) this.models.splice(this.models.indexOf(entry), 1); } };
    }
    if (r < 87) return this.callOptimizer();
    if (r < 90) return this.callMisc(entry);
    if (r < 93) return this.callPolluted(entry, rows, lossName);
    if (r < 96) return this.callSchedule();
    return this.callInternalConstructor();
  }

  callSequential() {
    const options = this.modelOptions();
    let made;
    return { name: 'sequential', args: [], run: () => { made = options(); return st.sequential(made); },
      text: () => (made === undefined || made?.layers ? options.text : show(made)), after: (model) => this.addModel(model) };
  }

  addModel(model) {
    // A valid but large model (units 2^20) was built and is dropped: data for it would be slow.
    if (model.getWeights().reduce((a, w) => a + w.values.length, 0) > 20000 || width(model.inputShape) > 1000) {
      model.dispose();
      return;
    }
    const entry = {
      id: this.nextId = (this.nextId ?? 0) + 1,
      model,
      alive: () => { try { model.getWeights(); return true; } catch { return false; } },
      compiled: () => { try { return Boolean(model.compileConfig); } catch { return false; } },
      lossName: () => { const c = (() => { try { return model.compileConfig; } catch { return null; } })(); return c?.loss?.name ?? 'mse'; },
    };
    this.models.push(entry);
    this.adoptOptimizer(model);
    if (this.models.length > 5) {
      const old = this.models.shift();
      old.model.dispose();
    }
  }

  adoptOptimizer(model) {
    const opt = model.optimizer;
    if (opt && !this.optimizers.includes(opt)) this.optimizers.push(opt);
  }

  callFit(entry, rows, lossName) {
    const { model } = entry;
    const n = rows + this.int(10);
    const x = this.xFor(model, n), y = this.yFor(model, n, lossName);
    const action = this.int(10);
    const onCallback = () => {
      if (action === 0) model.dispose();
      if (action === 1) throw new Error(USER_ERROR);
      if (action === 2) model.stopTraining = true;
      if (action === 3) model.predict(this.flat(1, width(model.inputShape)));
      if (action === 4) { try { model.setWeights(model.getWeights()); } catch (e) { if (!/fit\(\) is running/.test(e.message)) throw e; } }
    };
    const options = this.fitOptions(entry, onCallback);
    // Calls made while the fit runs (it awaits between chunks): they must refuse or read.
    const during = this.chance(0.25) ? Array.from({ length: 1 + this.int(3) }, () => this.nextCall()).filter((c) => !c.fit) : [];
    return { name: 'fit', entry, args: [x, y, options], during, run: () => model.fit(x, y, options), fit: true };
  }

  callSetWeights(entry) {
    const { model } = entry;
    let list;
    try { list = model.getWeights(); } catch { list = []; }
    const r = this.int(12);
    if (r < 4) list = list.map((w) => (this.chance(0.5) ? w.values : w));
    else if (r === 4) list = list.slice(1);
    else if (r === 5 && list.length) list[this.int(list.length)] = this.hostile();
    else if (r === 6 && list.length) { const i = this.int(list.length); list[i] = new Float32Array(list[i].values.length + this.pick([-1, 1])); }
    else if (r === 7 && list.length) { const i = this.int(list.length); const v = list[i].values.slice(); v[this.int(v.length)] = this.pick([NaN, Infinity, -Infinity]); list[i] = v; }
    else if (r === 8 && list.length) {
      // a negative moving variance (batchNormalization)
      const i = list.findIndex((w) => /moving_variance/.test(w.name));
      if (i >= 0) { const v = list[i].values.slice(); v[0] = -1; list[i] = v; }
    } else if (r === 9 && list.length) list = list.map((w) => Object.create({ values: w.values }));
    else if (r === 10) list = this.hostile();
    return { name: 'setWeights', entry, args: [list], run: () => model.setWeights(list) };
  }

  callLoadModel() {
    let bytes;
    const r = this.int(12);
    const file = this.files.length ? this.pick(this.files) : null;
    if (file && r < 4) bytes = file;
    else if (file && r < 6) { bytes = file.slice(); for (let k = 0; k < 1 + this.int(3); k++) bytes[this.int(bytes.length)] ^= 1 << this.int(8); }
    else if (file && r === 6) bytes = file.slice(0, this.int(file.length));
    else if (file && r === 7 && typeof SharedArrayBuffer === 'function') {
      bytes = new Uint8Array(new SharedArrayBuffer(file.length));
      bytes.set(file);
    } else if (file && r === 8) bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.length);
    else if (r < 11) bytes = this.forgedFile();
    else bytes = this.hostile();
    return { name: 'loadModel', args: [bytes], run: () => st.loadModel(bytes), after: (model) => this.addModel(model) };
  }

  /** A file with a valid container (CRC and all) around a config or values that are hostile. */
  forgedFile() {
    const width = 1 + this.int(3);
    const units = 1 + this.int(3);
    const bn = this.chance(0.5);
    const layers = [{ className: 'Dense', config: { units, inputShape: [width], name: 'dense' } }];
    if (bn) layers.push({ className: 'BatchNormalization', config: { name: 'bn' } });
    const weights = [new Float32Array(width * units), new Float32Array(units)];
    if (bn) weights.push(new Float32Array(units).fill(1), new Float32Array(units), new Float32Array(units), new Float32Array(units).fill(1));
    const config = { format: 'simdtrain.Sequential', seed: 1, layers, compile: null };
    let optimizer = null;
    const r = this.int(10);
    if (r === 0) layers[0].config.units = this.hostile();
    else if (r === 1) config.seed = this.hostile();
    else if (r === 2) layers[0].className = this.pick(['constructor', '__proto__', 'toString', 'Dense ', 'dense']);
    else if (r === 3 && bn) weights[5][this.int(units)] = this.pick([-1, -1e-30, -Infinity, NaN]);
    else if (r === 4) weights[0][0] = this.pick([NaN, Infinity]);
    else if (r === 5) config.compile = { loss: this.pick([{ name: 'constructor', fromLogits: false }, { name: 'mse', fromLogits: this.hostile() }]), metrics: [], optimizer: { name: 'sgd' } };
    else if (r === 6) config.compile = { loss: { name: 'mse', fromLogits: false }, metrics: [], optimizer: { name: this.pick(['__proto__', 'constructor', 'sgd']), learningRate: this.hostile() } };
    else if (r === 7) {
      config.compile = { loss: { name: 'mse', fromLogits: false }, metrics: [], optimizer: { name: 'sgd', learningRate: 0.1, momentum: 0.5 } };
      const sizes = bn ? [width * units, units, units, units] : [width * units, units];
      optimizer = { kind: 0, slotCount: 1, sizes, iterations: this.pick([1, 2 ** 53, 2 ** 53 + 2, 2 ** 31, -1, 0.5, NaN, Infinity, 1e300]),
        uProduct: 1, slots: new Float32Array(sizes.reduce((a, n) => a + n, 0)) };
    } else if (r === 8) return writeModelFile({ config: this.pick(['{', '[]', 'null', '"x"', '{"__proto__":{"format":"simdtrain.Sequential"}}']), rngs: [[1, 2, 3, 4]], weights: [] });
    else layers.push({ className: 'Dense', config: { units: 1, activation: this.hostile(), name: 'out' } });
    if (r === 9) weights.push(new Float32Array(units), new Float32Array(1));
    try {
      return writeModelFile({ config, rngs: [[1, 2, 3, 4]], optimizer, weights });
    } catch {
      return new Uint8Array(4);
    }
  }

  callOptimizer() {
    if (this.optimizers.length === 0 || this.chance(0.15)) {
      return { name: 'optimizers.new', args: [], run: () => this.newOptimizer() };
    }
    const opt = this.pick(this.optimizers);
    const r = this.int(10);
    if (r < 4) {
      const shapes = opt._fuzzShapes ??= Array.from({ length: 1 + this.int(3) }, () => 1 + this.int(5));
      let params = shapes.map((n) => this.flat(1, n));
      let grads = shapes.map((n) => this.flat(1, n));
      const h = this.int(12);
      if (h === 0) params = this.hostile();
      else if (h === 1) grads = this.hostile();
      else if (h === 2) grads[0] = new Float32Array(grads[0].length + 1);
      else if (h === 3) grads[this.int(grads.length)][0] = this.pick([NaN, Infinity]);
      else if (h === 4) { params = [...params, this.flat(1, 2)]; grads = [...grads, this.flat(1, 2)]; }
      else if (h === 5) { params = params[0]; grads = grads[0]; }
      else if (h === 6) params[0] = Array.from(params[0]);
      else if (h === 7) { params = []; grads = []; }
      return { name: 'opt.step', opt, args: [params, grads], params, run: () => opt.step(params, grads) };
    }
    if (r < 5) return { name: 'opt.getSlots', opt, args: [], run: () => opt.getSlots() };
    if (r < 6) return { name: 'opt.getConfig', opt, args: [], run: () => JSON.stringify(opt.getConfig()) };
    if (r < 8) {
      const key = this.pick(HYPER);
      const value = this.maybe(() => this.hyperValue(key), 0.5);
      return { name: `opt.${key} =`, opt, args: [value], run: () => { if (key in opt) opt[key] = value; } };
    }
    if (r < 9) {
      return { name: 'opt.read', opt, args: [], run: () => [opt.learningRate, opt.currentLearningRate, opt.iterations, opt.lastGradientNorm, opt.name] };
    }
    return { name: 'opt.dispose', opt, args: [], run: () => opt.dispose() };
  }

  callSchedule() {
    const s = this.scheduleArg();
    const step = this.maybe(() => this.int(100));
    return { name: 'schedule.at', args: [step], run: () => (typeof s === 'number' ? s : s.at(step)) };
  }

  callMisc(entry) {
    const { model } = entry;
    const r = this.int(9);
    if (r === 0) return { name: 'gradientStats', entry, args: [], run: () => model.gradientStats() };
    if (r === 1) {
      const o = this.maybe(() => ({ printFn: null })); // null: quiet (summary prints by default, as Keras's does)
      return { name: 'summary', entry, args: [o], run: () => model.summary(o) };
    }
    if (r === 2) return { name: 'getConfig', entry, args: [], run: () => JSON.stringify(model.getConfig()) };
    if (r === 3) return { name: 'toKerasCode', entry, args: [], run: () => st.toKerasCode(model) };
    if (r === 4) {
      const o = this.hostile();
      return { name: 'toKerasCode', entry, args: [this.hostile(), o], run: () => st.toKerasCode(this.chance(0.5) ? model : this.hostile(), o) };
    }
    if (r === 5) return { name: 'sequential(getConfig)', args: [], run: () => st.sequential(model.getConfig()), after: (m) => this.addModel(m) };
    if (r === 6) {
      const kind = this.pick(['dense', 'batchNormalization', 'dropout', 'activation', 'flatten']);
      const o = this.hostile();
      return { name: `layers.${kind}`, args: [o], run: () => st.layers[kind](o) };
    }
    if (r === 7) {
      const name = this.pick(LOSSES);
      const o = this.chance(0.5) ? { fromLogits: this.hostile() } : this.hostile();
      return { name: `losses.${name}`, args: [o], run: () => st.losses[name](o) };
    }
    const o = this.chance(0.5) ? { simd: this.hostile() } : this.hostile();
    return { name: 'init', args: [o], run: () => st.init(o) };
  }

  callInternalConstructor() {
    const args = [this.hostile(), this.hostile(), this.hostile()];
    const which = this.pick(['Sequential', 'Optimizer', 'Layer']);
    return { name: `new ${which}`, args, run: () => new st[which](...args) };
  }

  /** A call made while Object.prototype holds a hostile value under an option's name. */
  callPolluted(entry, rows, lossName) {
    const inner = this.chance(0.3) ? this.callFit(entry, rows, lossName) : this.nextCall();
    if (inner.during) inner.during = [];
    const key = this.pick(POLLUTABLE);
    const reads = this.pollutionReads;
    const value = this.pick(['POLLUTED', () => { reads.push(key); return 'POLLUTED'; }, [424242], { POLLUTED: true }]);
    const run = inner.run;
    return { ...inner, name: `${inner.name} with Object.prototype.${key} = ${show(value)}`, polluted: key, run: () => {
      Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true, enumerable: false });
      try {
        return run();
      } finally {
        delete Object.prototype[key];
      }
    } };
  }
}

// ---- checks ----
function snapshot(seq) {
  return seq.models.map((e) => {
    const { model } = e;
    let weights = null, iterations = null, compile = null;
    try { weights = model.getWeights().map((w) => w.values); } catch { return null; }
    try { iterations = model.optimizer?.iterations ?? null; } catch { /* freed */ }
    try { compile = JSON.stringify(model.compileConfig && { ...model.compileConfig, optimizer: model.compileConfig.optimizer.getConfig?.() ?? null }); } catch { /* */ }
    return { entry: e, weights, iterations, compile };
  });
}

function optimizerSnapshot(call) {
  if (!call.opt) return null;
  const opt = call.opt;
  let slots = null;
  try { slots = opt.getSlots(); } catch { /* */ }
  return { iterations: opt.iterations, config: JSON.stringify(opt.getConfig()), slots,
    params: Array.isArray(call.params) ? call.params.map((p) => (p instanceof Float32Array ? p.slice() : p)) : null };
}

function checkError(error, call) {
  if (!(error instanceof Error)) throw new Violation(`${call.name} threw a non-Error: ${show(error)}`);
  if (error.message === USER_ERROR) return;
  if (!ALLOWED_ERRORS.has(error.constructor)) {
    throw new Violation(`${call.name} threw ${error.constructor.name}: ${error.message}\n${error.stack}`);
  }
  if (BAD_MESSAGE.test(error.message)) throw new Violation(`${call.name} threw an Error with an engine-like message: ${error.message}`);
  // 'where: ...' where names the function (sequential, fit, layers.dense, adam.step, config.layers[0] ...).
  if (!/^[A-Za-z_][\w.]*(\[\d+\])?[\w.]*(\s\([^)]*\))?:\s\S/.test(error.message)) {
    throw new Violation(`${call.name} threw an Error whose message does not start with 'where: ': ${error.message}`);
  }
}

function unchanged(seq, before, call, optBefore) {
  for (const s of before) {
    if (!s) continue;
    const { model } = s.entry;
    let weights;
    try { weights = model.getWeights().map((w) => w.values); } catch { continue; } // disposed by the call (dispose in a callback)
    if (weights.length !== s.weights.length || weights.some((w, i) => !sameBytes(w, s.weights[i]))) {
      throw new Violation(`${call.name} threw but changed the weights of a model`);
    }
    let iterations = null;
    try { iterations = model.optimizer?.iterations ?? null; } catch { /* */ }
    if (iterations !== s.iterations) throw new Violation(`${call.name} threw but changed an optimizer's iterations from ${s.iterations} to ${iterations}`);
    let compile = null;
    try { compile = JSON.stringify(model.compileConfig && { ...model.compileConfig, optimizer: model.compileConfig.optimizer.getConfig?.() ?? null }); } catch { /* */ }
    if (compile !== s.compile) throw new Violation(`${call.name} threw but changed a model's compile settings: ${s.compile} → ${compile}`);
  }
  if (optBefore) {
    const after = optimizerSnapshot(call);
    if (after.iterations !== optBefore.iterations) throw new Violation(`${call.name} threw but changed the optimizer's iterations`);
    if (after.config !== optBefore.config) throw new Violation(`${call.name} threw but changed the optimizer's config: ${optBefore.config} → ${after.config}`);
    if (JSON.stringify(after.slots, (k, v) => (v instanceof Float32Array ? Array.from(v) : v))
      !== JSON.stringify(optBefore.slots, (k, v) => (v instanceof Float32Array ? Array.from(v) : v))) {
      throw new Violation(`${call.name} threw but changed the optimizer's slots`);
    }
    optBefore.params?.forEach((p, i) => {
      if (p instanceof Float32Array && !sameBytes(p, call.params[i])) throw new Violation(`${call.name} threw but changed params[${i}]`);
    });
  }
}

/** The model a call threw on still works. */
function stillWorks(seq, call) {
  const entry = call.entry;
  if (!entry) return;
  const { model } = entry;
  try { model.getWeights(); } catch { return; } // disposed
  const x = seq.flat(2, width(model.inputShape));
  try {
    if (model.compileConfig) {
      const loss = model.trainOnBatch(x, validLabels(model, entry));
      if (typeof loss !== 'number') throw new Error(`trainOnBatch returned ${show(loss)}`);
    } else {
      const out = model.predict(x);
      if (!(out instanceof Float32Array) || out.length !== 2 * width(model.outputShape)) throw new Error(`predict returned ${show(out)}`);
    }
  } catch (error) {
    if (/fit\(\) is running/.test(error.message)) return; // a call made during a fit
    throw new Violation(`after ${call.name} threw, the model no longer works: ${error.constructor.name}: ${error.message}`);
  }
}

function validLabels(model, entry) {
  const outputs = width(model.outputShape);
  const lossName = entry.lossName();
  if (lossName === 'sparseCategoricalCrossentropy') return [0, outputs - 1];
  if (lossName === 'categoricalCrossentropy') return [Array.from({ length: outputs }, (_, i) => (i === 0 ? 1 : 0)), Array.from({ length: outputs }, (_, i) => (i === outputs - 1 ? 1 : 0))];
  return new Float32Array(2 * outputs).fill(0.5);
}

// A fit that trained some batches before it stopped (a callback's error, dispose, NaN) is
// allowed to have changed the weights; any other throw must leave them as they were. A
// callback's setWeights(getWeights()) refused (weights gone non-finite) is a callback's error.
const partial = (call, error) => call.fit && (error.message === USER_ERROR || error instanceof st.NonFiniteError
  || /the model was disposed/.test(error.message) || /learningRateScheduler|schedule returned|callbacks\[/.test(error.message)
  || /^setWeights: /.test(error.message));

export const profile = new Map(); // call name → [count, milliseconds] (CLI --profile)

async function perform(seq, call, log) {
  seq.calls++;
  const t0 = performance.now();
  const before = snapshot(seq);
  const optBefore = optimizerSnapshot(call);
  const reads = seq.pollutionReads.length;
  const line = () => `${call.entry ? `m${call.entry.id}.` : ''}${call.opt ? `o${seq.optimizers.indexOf(call.opt)}.` : ''}${call.name}(${call.text?.() ?? call.args.map((a) => show(a)).join(', ')})`;
  let result, error = null, asyncDuringFit = false;
  try {
    result = call.run();
    // An async call made while a fit runs: the fit goes on while it is awaited.
    asyncDuringFit = call.inner && typeof result?.then === 'function';
    result?.catch?.(() => {});
    if (call.fit) {
      result.catch(() => {}); // awaited below, after the calls made while it runs
      for (const inner of call.during ?? []) {
        inner.inner = true;
        await perform(seq, inner, log);
      }
    }
    result = await result;
  } catch (e) {
    error = e;
  }
  const key = call.name.split(' ')[0];
  const p = profile.get(key) ?? [0, 0];
  p[0]++;
  p[1] += performance.now() - t0;
  if (process.env.FUZZ_SLOW && performance.now() - t0 > Number(process.env.FUZZ_SLOW)) console.log(`slow ${(performance.now() - t0).toFixed(0)} ms: ${line()}`);
  profile.set(key, p);
  seq.trace.push(`${line()} → ${error ? `throws ${error?.constructor?.name}: ${String(error?.message).slice(0, 160)}` : 'ok'}${log ? ` [heap ${bridge.heapBytesInUse()}]` : ''}`);
  if (log) console.log(seq.trace.at(-1));
  if (seq.pollutionReads.length > reads) throw new Violation(`${call.name} read the polluted Object.prototype.${seq.pollutionReads.at(-1)}`);
  if (error) {
    seq.throws++;
    checkError(error, call);
    if (call.polluted && /424242/.test(error.message)) throw new Violation(`${call.name} read the polluted Object.prototype.${call.polluted}: ${error.message}`);
    // A fit with calls made during it: those may have changed models legitimately.
    if (!partial(call, error) && !(call.fit && call.during?.length) && !asyncDuringFit) unchanged(seq, before, call, optBefore);
    stillWorks(seq, call);
  } else {
    if (call.polluted && typeof result === 'string' && result.includes('POLLUTED')) throw new Violation(`${call.name} used the polluted Object.prototype.${call.polluted}`);
    call.after?.(result);
  }
}

async function runSequence(seed, index, { callsPerSequence, log, baseline }) {
  const seq = new Sequence(seedOf(seed, index));
  let violation = null;
  try {
    const count = callsPerSequence;
    const skip = (process.env.FUZZ_SKIP ?? '').split(',').map(Number); // debugging: calls generated but not made
    for (let i = 0; i < count; i++) {
      const call = seq.nextCall();
      if (!skip.includes(i + 1)) await perform(seq, call, log);
    }
    // Dispose everything; the heap in use must come back to where it was.
    for (const { model } of seq.models) model.dispose();
    if (log) console.log(`end: ${seq.models.length} models disposed, heap ${bridge.heapBytesInUse()}; ${seq.optimizers.length} optimizers`);
    for (const opt of seq.optimizers) { try { opt.dispose(); } catch (e) { throw new Violation(`dispose of an optimizer failed after every model was disposed: ${e.message}`); } }
    const heap = bridge.heapBytesInUse();
    if (heap !== baseline) {
      throw new Violation(`after disposing everything the heap in use is ${heap} bytes, was ${baseline} (${finalized.length} object(s) left to the garbage collector so far)`);
    }
  } catch (e) {
    violation = e instanceof Violation ? e.message : `the fuzzer itself failed: ${e?.stack ?? e}`;
    for (const { model } of seq.models) { try { model.dispose(); } catch { /* */ } }
    for (const opt of seq.optimizers) { try { opt.dispose(); } catch { /* */ } }
  }
  return { calls: seq.calls, throws: seq.throws, violation, trace: seq.trace };
}

const seedOf = (seed, index) => (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;

/**
 * Run `sequences` sequences from `first` (or until `until()` says stop). Returns
 * { sequences, calls, throws, violations: [{ seed, sequence, message, trace }] }.
 */
export async function runSequences({ seed = 1, sequences = 100, first = 0, callsPerSequence = 30, log = false,
  stopOnViolation = true, until = null, report = null } = {}) {
  const totals = { sequences: 0, calls: 0, throws: 0, violations: [] };
  // Baseline after a first model has warmed everything lazily allocated.
  const warm = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1] })] });
  warm.compile({ optimizer: 'sgd', loss: 'mse' });
  // fit prints progress by default in Node where it has a verbose option: the fuzzer's fits are quiet.
  fitTakesVerbose = await warm.fit([[0]], [[0]], { epochs: 0, verbose: 0 }).then(() => true, () => false);
  warm.dispose();
  let baseline = bridge.heapBytesInUse();
  for (let i = first; until ? !until() : i < first + sequences; i++) {
    const r = await runSequence(seed, i, { callsPerSequence, log, baseline });
    totals.sequences++;
    totals.calls += r.calls;
    totals.throws += r.throws;
    if (r.violation) {
      const v = { seed, sequence: i, message: r.violation, trace: r.trace };
      totals.violations.push(v);
      report?.(v);
      if (stopOnViolation) break;
      baseline = bridge.heapBytesInUse();
    }
  }
  return totals;
}

/** The text that reproduces a violation. */
export const formatViolation = (v) => `api fuzz violation (seed ${v.seed}, sequence ${v.sequence}; replay: `
  + `node tests/js/helpers/api_fuzz.mjs --seed ${v.seed} --sequence ${v.sequence} --verbose)\n${v.message}\ncalls:\n`
  + v.trace.map((t, i) => `  ${i + 1}. ${t}`).join('\n');

// ---- CLI ----
if (import.meta.url === `file://${process.argv[1]}`) {
  const { initBuild } = await import('./build.mjs');
  const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : fallback; };
  const info = await initBuild();
  const seed = Number(arg('seed', Date.now() % 1e9));
  const seconds = Number(arg('seconds', 0));
  const verbose = process.argv.includes('--verbose');
  const keepGoing = process.argv.includes('--keep-going');
  const started = Date.now();
  const options = { seed, log: verbose, stopOnViolation: !keepGoing, report: (v) => console.error(formatViolation(v)) };
  if (arg('sequence') !== undefined) Object.assign(options, { first: Number(arg('sequence')), sequences: 1 });
  else if (seconds > 0) options.until = () => Date.now() - started > seconds * 1000;
  else options.sequences = Number(arg('sequences', 100));
  const totals = await runSequences(options);
  console.log(JSON.stringify({ build: info.simd ? 'simd' : 'scalar', seed, sequences: totals.sequences, calls: totals.calls,
    throws: totals.throws, violations: totals.violations.length, seconds: (Date.now() - started) / 1000 }));
  if (process.argv.includes('--profile')) {
    console.log([...profile].sort((a, b) => b[1][1] - a[1][1]).map(([k, [n, ms]]) => `${k}: ${n} calls, ${ms.toFixed(0)} ms`).join('\n'));
  }
  process.exitCode = totals.violations.length ? 1 : 0;
}
