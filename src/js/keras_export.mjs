// keras_export.mjs — toKerasCode(model, options): Keras 3 Python source that builds the
// same network (keras.Sequential of keras.Input + layers) and compiles and trains it with
// the same loss, optimizer (every non-default hyperparameter, schedules included) and fit
// settings. simdtrain names are Keras names in camelCase; this file undoes that mapping.
// Numbers are printed as Python's repr would (shortest round-trip digits), so every value
// reaches Keras exactly. Pure JS: needs neither the wasm core nor Keras.
import { resolveLoss } from './losses.mjs';
import { INTERNALS } from './model.mjs';
import { VERSION } from './runtime.mjs';
import { checkInteger, checkOptions, describe, fail } from './validate.mjs';

const WHERE = 'toKerasCode';

const ACTIVATIONS = { linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', leakyRelu: 'leaky_relu',
  elu: 'elu', selu: 'selu', softmax: 'softmax' };
const INITIALIZERS = { glorotUniform: 'glorot_uniform', glorotNormal: 'glorot_normal', heNormal: 'he_normal',
  heUniform: 'he_uniform', lecunNormal: 'lecun_normal', lecunUniform: 'lecun_uniform', zeros: 'zeros', ones: 'ones' };
const LOSSES = { meanSquaredError: 'MeanSquaredError', binaryCrossentropy: 'BinaryCrossentropy',
  categoricalCrossentropy: 'CategoricalCrossentropy', sparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy' };

// Keras 3 optimizer classes, their own arguments in signature order with their defaults
// (keras/src/optimizers/*.py); the common ones (weight_decay, clipnorm, clipvalue,
// global_clipnorm) default to None there, to 0 (off) in simdtrain.
const OPTIMIZERS = {
  sgd: ['SGD', { learningRate: 0.01, momentum: 0, nesterov: false }],
  adagrad: ['Adagrad', { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 }],
  rmsprop: ['RMSprop', { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }],
  adam: ['Adam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false }],
  nadam: ['Nadam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
  adamw: ['AdamW', { learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false }],
  adamax: ['Adamax', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
  adadelta: ['Adadelta', { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 }],
};
const COMMON = ['weightDecay', 'clipNorm', 'clipValue', 'globalClipNorm'];
const KERAS_ARG = { learningRate: 'learning_rate', momentum: 'momentum', nesterov: 'nesterov', beta1: 'beta_1',
  beta2: 'beta_2', epsilon: 'epsilon', rho: 'rho', centered: 'centered', amsgrad: 'amsgrad',
  initialAccumulatorValue: 'initial_accumulator_value', weightDecay: 'weight_decay', clipNorm: 'clipnorm',
  clipValue: 'clipvalue', globalClipNorm: 'global_clipnorm' };

const BATCH_NORM_DEFAULTS = { momentum: 0.99, epsilon: 0.001, center: true, scale: true, betaInitializer: 'zeros',
  gammaInitializer: 'ones', movingMeanInitializer: 'zeros', movingVarianceInitializer: 'ones' };

/** A float as Python's repr() writes it: shortest round-trip digits, '1e-07', '5.0'. */
export function pyFloat(x) {
  if (Number.isNaN(x)) return 'float("nan")';
  if (x === Infinity) return 'float("inf")';
  if (x === -Infinity) return '-float("inf")';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exponent);
  if (e >= -4 && e < 16) {
    if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
    return `${sign}${digits.slice(0, e + 1).padEnd(e + 1, '0')}.${digits.slice(e + 1) || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** A float32 value with the fewest digits that still give back the same float32. */
export function pyFloat32(x) {
  if (!Number.isFinite(x) || x === 0) return pyFloat(x);
  for (let p = 1; p < 9; p++) {
    const v = Number(x.toPrecision(p));
    if (Math.fround(v) === x) return pyFloat(v);
  }
  return pyFloat(Number(x.toPrecision(9)));
}

const pyInt = (n) => (Number.isInteger(n) ? String(n) : pyFloat(n));
const pyBool = (b) => (b ? 'True' : 'False');
const pyStr = (s) => JSON.stringify(String(s));

function pyValue(value) {
  if (typeof value === 'boolean') return pyBool(value);
  if (typeof value === 'string') return pyStr(value);
  if (value === null || value === undefined) return 'None';
  return pyFloat(value);
}

function mapName(table, kind, name) {
  const mapped = table[name];
  if (mapped === undefined) fail(WHERE, kind, `one of ${Object.keys(table).map((k) => `'${k}'`).join(', ')}`, name);
  return mapped;
}

function layerCode(layer, i) {
  if (!layer || typeof layer !== 'object') fail(WHERE, `layers[${i}]`, 'a layer description', layer);
  const named = (args) => (layer.name === undefined ? args : [...args, `name=${pyStr(layer.name)}`]);
  switch (layer.className) {
    case 'Dense':
      return `keras.layers.Dense(${named([
        pyInt(layer.units),
        `activation=${pyStr(mapName(ACTIVATIONS, `layers[${i}].activation`, layer.activation ?? 'linear'))}`,
        `use_bias=${pyBool(layer.useBias ?? true)}`,
        `kernel_initializer=${pyStr(mapName(INITIALIZERS, `layers[${i}].kernelInitializer`, layer.kernelInitializer ?? 'glorotUniform'))}`,
        `bias_initializer=${pyStr(mapName(INITIALIZERS, `layers[${i}].biasInitializer`, layer.biasInitializer ?? 'zeros'))}`,
      ]).join(', ')})`;
    case 'Activation':
      return `keras.layers.Activation(${named([pyStr(mapName(ACTIVATIONS, `layers[${i}].activation`, layer.activation))]).join(', ')})`;
    case 'BatchNormalization': {
      const o = { ...BATCH_NORM_DEFAULTS };
      for (const key of Object.keys(o)) if (layer[key] !== undefined && layer[key] !== null) o[key] = layer[key];
      const init = (key) => pyStr(mapName(INITIALIZERS, `layers[${i}].${key}`, o[key]));
      return `keras.layers.BatchNormalization(${named([
        `momentum=${pyFloat(o.momentum)}`, `epsilon=${pyFloat(o.epsilon)}`, `center=${pyBool(o.center)}`,
        `scale=${pyBool(o.scale)}`, `beta_initializer=${init('betaInitializer')}`,
        `gamma_initializer=${init('gammaInitializer')}`, `moving_mean_initializer=${init('movingMeanInitializer')}`,
        `moving_variance_initializer=${init('movingVarianceInitializer')}`,
      ]).join(', ')})`;
    }
    case 'Dropout': {
      const args = [pyFloat(layer.rate)];
      if (layer.seed !== undefined && layer.seed !== null) args.push(`seed=${pyInt(layer.seed)}`);
      return `keras.layers.Dropout(${named(args).join(', ')})`;
    }
    default:
      return fail(WHERE, `layers[${i}].className`, "'Dense', 'Activation', 'BatchNormalization' or 'Dropout'", layer.className);
  }
}

function scheduleCode(s) {
  const S = 'keras.optimizers.schedules';
  switch (s.schedule) {
    case 'exponentialDecay':
    case 'inverseTimeDecay':
      return `${S}.${s.schedule === 'exponentialDecay' ? 'ExponentialDecay' : 'InverseTimeDecay'}(initial_learning_rate=${pyFloat(s.initialLearningRate)}, decay_steps=${pyInt(s.decaySteps)}, decay_rate=${pyFloat(s.decayRate)}, staircase=${pyBool(s.staircase ?? false)})`;
    case 'piecewiseConstantDecay':
      return `${S}.PiecewiseConstantDecay(boundaries=[${s.boundaries.map(pyInt).join(', ')}], values=[${s.values.map(pyFloat).join(', ')}])`;
    case 'polynomialDecay':
      return `${S}.PolynomialDecay(initial_learning_rate=${pyFloat(s.initialLearningRate)}, decay_steps=${pyInt(s.decaySteps)}, end_learning_rate=${pyFloat(s.endLearningRate ?? 0.0001)}, power=${pyFloat(s.power ?? 1)}, cycle=${pyBool(s.cycle ?? false)})`;
    case 'cosineDecay': {
      const warm = s.warmupTarget === undefined || s.warmupTarget === null ? 'None' : pyFloat(s.warmupTarget);
      return `${S}.CosineDecay(initial_learning_rate=${pyFloat(s.initialLearningRate)}, decay_steps=${pyInt(s.decaySteps)}, alpha=${pyFloat(s.alpha ?? 0)}, warmup_target=${warm}, warmup_steps=${pyInt(s.warmupSteps ?? 0)})`;
    }
    default:
      return fail(WHERE, 'learningRate', 'a number or an optimizers.schedules.<name>() schedule', s);
  }
}

function optimizerConfig(optimizer) {
  if (typeof optimizer === 'string') return { name: optimizer };
  if (optimizer && typeof optimizer.getConfig === 'function') return optimizer.getConfig();
  if (optimizer && typeof optimizer === 'object' && typeof optimizer.name === 'string') return optimizer;
  return fail(WHERE, 'optimizer', "an optimizer, its getConfig(), or a name like 'adam'", optimizer);
}

function optimizerCode(optimizer) {
  const config = optimizerConfig(optimizer);
  const entry = OPTIMIZERS[config.name];
  if (!entry) fail(WHERE, 'optimizer', `one of ${Object.keys(OPTIMIZERS).map((k) => `'${k}'`).join(', ')}`, config.name);
  const [cls, defaults] = entry;
  for (const key of Object.keys(config)) {
    if (key !== 'name' && !(key in defaults) && !COMMON.includes(key)) {
      throw new Error(`${WHERE}: optimizer ${config.name} has no hyperparameter ${JSON.stringify(key)}`);
    }
  }
  const lr = config.learningRate ?? defaults.learningRate;
  const args = [`learning_rate=${typeof lr === 'object' && lr !== null ? scheduleCode(lr) : pyFloat(lr)}`];
  for (const key of Object.keys(defaults)) {
    if (key === 'learningRate' || config[key] === undefined || config[key] === defaults[key]) continue;
    args.push(`${KERAS_ARG[key]}=${pyValue(config[key])}`);
  }
  for (const key of COMMON) {
    if (key in defaults || config[key] === undefined || config[key] === null || !(config[key] > 0)) continue;
    args.push(`${KERAS_ARG[key]}=${pyFloat(config[key])}`);
  }
  return `keras.optimizers.${cls}(${args.join(', ')})`;
}

function lossCode(loss) {
  const { name, fromLogits } = resolveLoss(WHERE, loss);
  const args = fromLogits && name !== 'meanSquaredError' ? 'from_logits=True' : '';
  return `keras.losses.${LOSSES[name]}(${args})`;
}

// A Python list literal of rows, for data (x, y) and weights.
function rowsCode(values, cols, format) {
  const rows = [];
  for (let r = 0; r < values.length / cols; r++) {
    rows.push(`[${Array.from(values.subarray(r * cols, (r + 1) * cols), format).join(', ')}]`);
  }
  return rows;
}

const dataNumber = (v) => (Number.isInteger(v) ? String(v) : pyFloat32(Math.fround(v)));

function arrayCode(name, value, cols, where) {
  if (value instanceof Int32Array || (Array.isArray(value) && value.every((v) => typeof v === 'number'))) {
    return `${name} = np.array([${Array.from(value, String).join(', ')}], dtype="int32")`;
  }
  let flat;
  if (value instanceof Float32Array) flat = value;
  else if (Array.isArray(value) && value.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) flat = Float32Array.from(value.flat());
  else fail(where, name, 'number[][] or a flat Float32Array (or number[] / Int32Array of sparse labels)', value);
  if (flat.length % cols !== 0) fail(where, name, `a length that is a multiple of ${cols}`, value);
  const rows = rowsCode(flat, cols, dataNumber);
  return `${name} = np.array([\n${rows.map((r) => `    ${r},`).join('\n')}\n], dtype="float32")`;
}

function weightsCode(list, layers, inputs) {
  // Keras order: dense kernel [in, out], bias; batchnorm gamma (if scale), beta (if center),
  // moving mean, moving variance. A list holding gamma and beta regardless is accepted too.
  const shapes = [], full = [];
  let width = inputs;
  for (const l of layers) {
    if (l.className === 'Dense') {
      const own = (l.useBias ?? true) ? [[width, l.units], [l.units]] : [[width, l.units]];
      shapes.push(...own);
      full.push(...own.map((shape) => ({ shape, keep: true })));
      width = l.units;
    } else if (l.className === 'BatchNormalization') {
      const keep = [l.scale ?? true, l.center ?? true, true, true];
      for (const k of keep) {
        if (k) shapes.push([width]);
        full.push({ shape: [width], keep: k });
      }
    }
  }
  if (Array.isArray(list) && list.length === full.length && full.length !== shapes.length) {
    list = list.filter((_, i) => full[i].keep);
  }
  if (!Array.isArray(list) || list.length !== shapes.length) {
    fail(WHERE, 'weights', `an array of ${shapes.length} weights (model.getWeights())`, list);
  }
  const arrays = list.map((item, i) => {
    const v = item instanceof Float32Array ? item : item?.values;
    const n = shapes[i].reduce((a, b) => a * b, 1);
    if (!(v instanceof Float32Array) || v.length !== n) fail(WHERE, `weights[${i}]`, `a Float32Array of length ${n}`, v ?? item);
    const shape = `(${shapes[i].join(', ')}${shapes[i].length === 1 ? ',' : ''})`;
    return `    np.array([${Array.from(v, (x) => pyFloat32(x)).join(', ')}], dtype="float32").reshape(${shape}),`;
  });
  return ['model.set_weights([', ...arrays, '])'];
}

/**
 * Keras 3 Python source for `model` (a Sequential, a RemoteSequential, or sequential()'s
 * options { seed, layers }). options: { loss, optimizer, metrics } as for compile() (each
 * defaults to what the model was compiled with), seed (keras.utils.set_random_seed), fit: { epochs, batchSize, shuffle,
 * validationSplit } (emits model.fit), data: { x, y } (embedded as NumPy arrays),
 * weights: model.getWeights() (emits model.set_weights so Keras starts from them).
 */
export function toKerasCode(model, options) {
  if (!model || typeof model !== 'object' || !Array.isArray(model.layers) || model.layers.length === 0) {
    fail(WHERE, 'model', 'a model or { layers: [...] } with at least one layer', model);
  }
  const o = checkOptions(WHERE, options, ['loss', 'optimizer', 'metrics', 'seed', 'fit', 'data', 'weights']);
  const layers = model.layers;
  const inputs = model.inputShape?.[0] ?? layers[0].inputShape?.[0] ?? layers[0].inputs;
  checkInteger(WHERE, 'input width (model.inputShape[0] or layers[0].inputShape[0])', inputs, 1);
  let outputs = inputs;
  for (const l of layers) if (l?.className === 'Dense') outputs = l.units;
  // A RemoteSequential keeps its compile options; a Sequential shows them to the package.
  let compiled = model.compileConfig ?? {};
  if (typeof model[INTERNALS] === 'function') {
    let c;
    try {
      c = model[INTERNALS]().compiled;
    } catch {
      throw new Error(`${WHERE}: the model was disposed; create a new one`);
    }
    if (c) compiled = { optimizer: c.optimizer, loss: { name: c.loss.name, fromLogits: c.loss.fromLogits }, metrics: c.metrics };
  }
  const seed = o.seed ?? (typeof model.seed === 'number' ? model.seed : undefined);
  if (seed !== undefined) checkInteger(WHERE, 'seed', seed, 0, 0xffffffff);
  const optimizer = o.optimizer ?? compiled.optimizer ?? model.optimizer;
  const loss = o.loss ?? compiled.loss;
  if ((optimizer === undefined) !== (loss === undefined)) {
    const missing = loss === undefined ? 'loss' : 'optimizer';
    throw new Error(`${WHERE}: options.${missing} is needed to write model.compile (compile the model first or pass { loss, optimizer }), got ${describe(undefined)}`);
  }
  const metrics = o.metrics ?? compiled.metrics ?? [];
  if (!Array.isArray(metrics) || metrics.some((m) => m !== 'accuracy' && m !== 'acc')) {
    fail(WHERE, 'metrics', "an array holding only 'accuracy'", metrics);
  }
  const fit = o.fit === undefined ? undefined : checkOptions(`${WHERE}: fit`, o.fit, ['epochs', 'batchSize', 'shuffle',
    'validationSplit', 'validationData', 'onEpochEnd', 'onBatchEnd', 'onProgress', 'transfer']);
  if (fit && loss === undefined) throw new Error(`${WHERE}: fit needs options.loss and options.optimizer, got ${describe(undefined)}`);
  const data = o.data === undefined ? undefined : checkOptions(`${WHERE}: data`, o.data, ['x', 'y']);

  const layerLines = layers.map((l, i) => `    ${layerCode(l, i)},`);
  const needsNumpy = data !== undefined || o.weights !== undefined || (fit && !data);
  const lines = [
    `# Generated by simdtrain ${VERSION} toKerasCode(): the same network, loss, optimizer and training`,
    '# settings in Keras 3 (Keras takes its own random initial weights unless set_weights is used).',
    'import keras',
  ];
  if (needsNumpy) lines.push('import numpy as np');
  lines.push('');
  if (seed !== undefined) lines.push(`keras.utils.set_random_seed(${seed})`, '');
  lines.push('model = keras.Sequential([', `    keras.Input(shape=(${inputs},)),`, ...layerLines, '])');
  if (o.weights !== undefined) lines.push(...weightsCode(o.weights, layers, inputs));
  if (loss !== undefined) {
    lines.push('model.compile(', `    optimizer=${optimizerCode(optimizer)},`, `    loss=${lossCode(loss)},`);
    if (metrics.length) lines.push('    metrics=["accuracy"],');
    lines.push(')');
  }
  lines.push('model.summary()');
  if (data !== undefined) {
    lines.push('', arrayCode('x', data.x, inputs, `${WHERE}: data`), arrayCode('y', data.y, outputs, `${WHERE}: data`));
  }
  if (fit) {
    if (data === undefined) {
      lines.push('', '', 'def load_data():',
        `    """Return (x, y): x float32 of shape (n, ${inputs}); y of shape (n, ${outputs}) (or (n,) int32 class ids)."""`,
        '    raise NotImplementedError("load the training data here")', '', '', 'x, y = load_data()');
    }
    const args = ['x', 'y', `epochs=${pyInt(fit.epochs ?? 1)}`, `batch_size=${pyInt(fit.batchSize ?? 32)}`,
      `shuffle=${pyBool(fit.shuffle ?? true)}`];
    if (fit.validationSplit) args.push(`validation_split=${pyFloat(fit.validationSplit)}`);
    if (fit.validationData !== undefined) lines.push('# simdtrain fit was given validationData: pass validation_data=(x_val, y_val) here');
    lines.push(`history = model.fit(${args.join(', ')})`);
  }
  return `${lines.join('\n')}\n`;
}
