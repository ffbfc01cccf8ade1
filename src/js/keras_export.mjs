// keras_export.mjs — toKerasCode(model, options): Keras 3 Python source that builds the
// same network (keras.Sequential of keras.Input + layers) and compiles and trains it with
// the same loss, optimizer (every non-default hyperparameter, schedules included) and fit
// settings. simdtrain names are Keras names in camelCase; this file undoes that mapping.
// Numbers are printed as Python's repr would (shortest round-trip digits), so every value
// reaches Keras exactly. Pure JS: needs neither the wasm core nor Keras.
import { VERSION } from './bridge.mjs';
import { resolveLoss } from './losses.mjs';
import { LOSSES } from './registry/losses.mjs';
import { METRICS, metricNames, readMetricEntry } from './registry/metrics.mjs';
import { acceptsRank, COMMON_LAYER_OPTIONS, LAYERS } from './registry/layers.mjs';
import { COMMON_HYPERPARAMETERS, HYPERPARAMETERS, OPTIMIZERS } from './registry/optimizers.mjs';
import { SCHEDULES } from './registry/schedules.mjs';
import { checkInteger, checkOptions, describe, fail } from './validate.mjs';

const WHERE = 'toKerasCode';

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

// A layer (a Layer, an entry of model.layers, or a plain { className, ...options }) as
// its full config: every option of its registry entry, given or defaulted.
function layerOptions(layer, i) {
  if (!layer || typeof layer !== 'object') fail(WHERE, `layers[${i}]`, 'a layer description', layer);
  if (!Object.hasOwn(LAYERS, layer.className)) {
    fail(WHERE, `layers[${i}].className`, Object.keys(LAYERS).map((c) => `'${c}'`).join(', '), layer.className);
  }
  const table = LAYERS[layer.className].options;
  const config = {};
  for (const [key, spec] of Object.entries(table)) {
    const v = layer[key] ?? spec.default;
    if (v === undefined) {
      if (spec.required) fail(WHERE, `layers[${i}].${key}`, 'given (it has no default)', v);
      continue;
    }
    if (spec.kind === 'name' && !spec.names().includes(v)) fail(WHERE, `layers[${i}].${key}`, `one of ${spec.names().map((n) => `'${n}'`).join(', ')}`, v);
    config[key] = v;
  }
  return { className: layer.className, name: layer.name, config, table };
}

// keras.regularizers.L1L2(l1=0.01, l2=0.02) from { className, config }: every factor, float32 as C applies it.
const regularizerCode = ({ className, config }) =>
  `keras.regularizers.${className}(${Object.entries(config).map(([k, v]) => `${k}=${pyFloat32(Math.fround(v))}`).join(', ')})`;

function pyOption(spec, value) {
  if (spec.kind === 'name') return pyStr(spec.kerasValue(value));
  if (spec.kind === 'regularizer') return regularizerCode(value);
  if (spec.kind === 'integer') return pyInt(value);
  if (spec.kind === 'pair') return `(${value.map(pyInt).join(', ')})`;
  return pyValue(value);
}

// keras.layers.<Class>(first required option positionally, the rest as keywords, name).
function layerCode(layer, i) {
  const { className, name, config, table } = layerOptions(layer, i);
  const entries = Object.entries(table).filter(([key]) => config[key] !== undefined);
  const positional = entries.find(([, spec]) => spec.required);
  const args = entries.map(([key, spec]) => (positional && key === positional[0] ? pyOption(spec, config[key])
    : `${spec.keras}=${pyOption(spec, config[key])}`));
  if (positional) args.unshift(args.splice(entries.indexOf(positional), 1)[0]);
  const activity = layer.activityRegularizer;
  if (activity !== undefined) args.push(`${COMMON_LAYER_OPTIONS.activityRegularizer.keras}=${pyOption(COMMON_LAYER_OPTIONS.activityRegularizer, activity)}`);
  if (layer.trainable === false) args.push(`${COMMON_LAYER_OPTIONS.trainable.keras}=False`); // Keras Layer(trainable=False)
  if (name !== undefined) args.push(`${COMMON_LAYER_OPTIONS.name.keras}=${pyStr(name)}`);
  return `keras.layers.${className}(${args.join(', ')})`;
}

function scheduleCode(s) {
  const entry = SCHEDULES[s?.schedule];
  if (!entry) return fail(WHERE, 'learningRate', 'a number or an optimizers.schedules.<name>() schedule', s);
  const args = Object.entries(entry.params).map(([key, spec]) => {
    const v = s[key] ?? spec.default;
    let text;
    if (key === 'boundaries') text = `[${v.map(pyInt).join(', ')}]`;
    else if (key === 'values') text = `[${v.map(pyFloat).join(', ')}]`;
    else if (key === 'decaySteps' || spec.kind === 'integer') text = pyInt(v);
    else text = v === undefined || v === null ? 'None' : pyValue(v);
    return `${spec.keras}=${text}`;
  });
  return `keras.optimizers.schedules.${entry.kerasClass}(${args.join(', ')})`;
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
  const { defaults } = entry;
  for (const key of Object.keys(config)) {
    if (key !== 'name' && !(key in defaults) && !COMMON_HYPERPARAMETERS.includes(key)) {
      throw new Error(`${WHERE}: optimizer ${config.name} has no hyperparameter ${JSON.stringify(key)}`);
    }
  }
  const lr = config.learningRate ?? defaults.learningRate;
  const args = [`learning_rate=${typeof lr === 'object' && lr !== null ? scheduleCode(lr.getConfig?.() ?? lr) : pyFloat(lr)}`];
  for (const key of Object.keys(defaults)) {
    if (key === 'learningRate' || config[key] === undefined || config[key] === defaults[key]) continue;
    args.push(`${HYPERPARAMETERS[key].keras}=${pyValue(config[key])}`);
  }
  for (const key of COMMON_HYPERPARAMETERS) {
    if (key in defaults || config[key] === undefined || config[key] === null || !(config[key] > 0)) continue;
    args.push(`${HYPERPARAMETERS[key].keras}=${pyFloat(config[key])}`);
  }
  return `keras.optimizers.${entry.kerasClass}(${args.join(', ')})`;
}

/** A read metrics entry: Keras's string identifier, or its class with the options given. */
function metricCode(m) {
  if (typeof m.config === 'string') return JSON.stringify(m.key);
  const { kerasClass, options } = METRICS[m.name];
  const args = Object.keys(m.config).filter((k) => k !== 'name').map((k) => `${options[k].keras}=${(options[k].integer ? pyInt : pyValue)(m.config[k])}`);
  return `keras.metrics.${kerasClass}(${args.join(', ')})`;
}

function lossCode(loss) {
  const { name, fromLogits, delta } = resolveLoss(WHERE, loss);
  const args = fromLogits && name !== 'meanSquaredError' ? 'from_logits=True'
    : delta !== undefined && delta !== LOSSES[name].options.delta.default ? `delta=${pyFloat(delta)}` : '';
  return `keras.losses.${LOSSES[name].kerasClass}(${args})`;
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

function arrayCode(name, value, cols, where, shape) {
  if (value instanceof Int32Array || (Array.isArray(value) && value.every((v) => typeof v === 'number'))) {
    return `${name} = np.array([${Array.from(value, String).join(', ')}], dtype="int32")`;
  }
  let flat;
  if (value instanceof Float32Array) flat = value;
  else if (Array.isArray(value) && value.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) flat = Float32Array.from(value.flat(Infinity));
  else fail(where, name, 'number[][] or a flat Float32Array (or number[] / Int32Array of sparse labels)', value);
  if (flat.length % cols !== 0) fail(where, name, `a length that is a multiple of ${cols}`, value);
  const rows = rowsCode(flat, cols, dataNumber);
  const reshape = shape && shape.length > 1 ? `.reshape((-1, ${shape.join(', ')}))` : '';
  return `${name} = np.array([\n${rows.map((r) => `    ${r},`).join('\n')}\n], dtype="float32")${reshape}`;
}

// Weight shapes in Keras's getWeights order, from the layer registry.
function weightShapes(layers, inputShape) {
  let shape = inputShape;
  return layers.flatMap((l, i) => {
    const { className, config } = layerOptions(l, i);
    const input = shape;
    shape = LAYERS[className].outputShape(config, input);
    return LAYERS[className].weights(config, input).map((w) => w.shape);
  });
}

function weightsCode(list, layers, inputShape) {
  const shapes = weightShapes(layers, inputShape);
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
  const o = checkOptions(WHERE, options, ['loss', 'optimizer', 'metrics', 'weightedMetrics', 'seed', 'fit', 'data', 'weights']);
  const layers = model.layers;
  const inputShape = model.inputShape ?? layers[0].inputShape;
  if (!Array.isArray(inputShape) || inputShape.length === 0) fail(WHERE, 'model.inputShape (or layers[0].inputShape)', 'an array like [2]', inputShape);
  inputShape.forEach((n, i) => checkInteger(WHERE, `inputShape[${i}]`, n, 1));
  let outputShape = inputShape;
  layers.forEach((l, i) => {
    const { className, config } = layerOptions(l, i);
    const entry = LAYERS[className];
    if (entry.inputText && !acceptsRank(className, outputShape.length)) fail(WHERE, `layers[${i}] (${className}) input`, entry.inputText, outputShape);
    entry.check?.(`${WHERE}: layers[${i}] (${className})`, config, outputShape);
    outputShape = entry.outputShape(config, outputShape);
  });
  const inputs = inputShape.reduce((a, n) => a * n, 1), outputs = outputShape.reduce((a, n) => a * n, 1);
  const pyShape = (shape) => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
  // A Sequential or RemoteSequential keeps its compile options.
  let compiled = Object.create(null); // not compiled: no metrics, loss or optimizer (none inherited either)
  try {
    compiled = model.compileConfig ?? compiled;
  } catch {
    throw new Error(`${WHERE}: the model was disposed; create a new one`);
  }
  const seed = o.seed ?? (typeof model.seed === 'number' ? model.seed : undefined);
  if (seed !== undefined) checkInteger(WHERE, 'seed', seed, 0, 0xffffffff);
  const optimizer = o.optimizer ?? compiled.optimizer ?? model.optimizer;
  const loss = o.loss ?? compiled.loss;
  if ((optimizer === undefined) !== (loss === undefined)) {
    const missing = loss === undefined ? 'loss' : 'optimizer';
    throw new Error(`${WHERE}: options.${missing} is needed to write model.compile (compile the model first or pass { loss, optimizer }), got ${describe(undefined)}`);
  }
  const readList = (argument) => {
    const list = o[argument] ?? compiled[argument] ?? [];
    if (!Array.isArray(list)) fail(WHERE, argument, `an array of metric names (${metricNames().join(', ')}) or { name, ...options }`, list);
    return Array.from(list, (m, i) => readMetricEntry(WHERE, `${argument}[${i}]`, m, { outputs: 1, sparse: false }));
  };
  const metrics = readList('metrics'), weightedMetrics = readList('weightedMetrics');
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
  lines.push('model = keras.Sequential([', `    keras.Input(shape=${pyShape(inputShape)}),`, ...layerLines, '])');
  if (o.weights !== undefined) lines.push(...weightsCode(o.weights, layers, inputShape));
  if (loss !== undefined) {
    lines.push('model.compile(', `    optimizer=${optimizerCode(optimizer)},`, `    loss=${lossCode(loss)},`);
    // Keras's string identifiers ('accuracy' and 'acc' are resolved from the loss by Keras too).
    if (metrics.length) lines.push(`    metrics=[${metrics.map(metricCode).join(', ')}],`);
    if (weightedMetrics.length) lines.push(`    weighted_metrics=[${weightedMetrics.map(metricCode).join(', ')}],`);
    lines.push(')');
  }
  lines.push('model.summary()');
  if (data !== undefined) {
    lines.push('', arrayCode('x', data.x, inputs, `${WHERE}: data`, inputShape), arrayCode('y', data.y, outputs, `${WHERE}: data`, outputShape));
  }
  if (fit) {
    if (data === undefined) {
      lines.push('', '', 'def load_data():',
        `    """Return (x, y): x float32 of shape (n, ${inputShape.join(', ')}); y of shape (n, ${outputShape.join(', ')}) (or (n,) int32 class ids)."""`,
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
