// keras_export.test.mjs — toKerasCode writes Keras 3 Python for the examples' models
// (examples/xor.mjs, examples/spiral.mjs, rebuilt here as there) and for a model using every
// layer, initializer, activation, loss, optimizer hyperparameter and schedule: the right
// classes, arguments and values, numbers that round-trip through Python, and source that
// compiles (python3 -m py_compile; Keras itself is not needed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { layers, losses, optimizers, sequential, toKerasCode, workerSequential } from '../../src/js/index.mjs';
import { pyFloat, pyFloat32 } from '../../src/js/keras_export.mjs';
import { initBuild, wantSimd } from './helpers/build.mjs';

const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'simdtrain-keras-'));
let files = 0;
before(initBuild);
after(() => rmSync(dir, { recursive: true, force: true }));

function pyCompile(source) {
  const file = join(dir, `model_${files++}.py`);
  writeFileSync(file, source);
  execFileSync(PYTHON, ['-m', 'py_compile', file], { stdio: 'pipe' });
}

const python = (code) => execFileSync(PYTHON, ['-c', code], { encoding: 'utf8' });

test('the XOR example → Keras: layers, SGD, loss, seed, data, fit; it compiles', () => {
  const model = sequential({ seed: 1, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ]});
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }),
    loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const y = [[0], [1], [1], [0]];
  const code = toKerasCode(model, { fit: { epochs: 500, batchSize: 4 }, data: { x, y } });
  const lines = code.split('\n');
  assert.ok(lines.includes('import keras'));
  assert.ok(lines.includes('keras.utils.set_random_seed(1)'));
  assert.ok(lines.includes('    keras.Input(shape=(2,)),'));
  assert.ok(lines.includes('    keras.layers.Dense(8, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", name="dense"),'));
  assert.ok(lines.includes('    keras.layers.Dense(1, activation="sigmoid", use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", name="dense_1"),'));
  assert.ok(lines.includes('    optimizer=keras.optimizers.SGD(learning_rate=0.5, momentum=0.9),'));
  assert.ok(lines.includes('    loss=keras.losses.BinaryCrossentropy(),'));
  assert.ok(lines.includes('    metrics=["accuracy"],'));
  assert.ok(lines.includes('history = model.fit(x, y, epochs=500, batch_size=4, shuffle=True)'));
  assert.match(code, /x = np\.array\(\[\n {4}\[0, 0\],\n {4}\[0, 1\],\n {4}\[1, 0\],\n {4}\[1, 1\],\n\], dtype="float32"\)/);
  assert.ok(code.indexOf('keras.Sequential') < code.indexOf('model.compile') && code.indexOf('model.compile') < code.indexOf('model.fit'));
  pyCompile(code);
  // the data and the structure parse back in Python (without Keras: only the literals)
  const xs = code.slice(code.indexOf('x = np.array(') + 'x = np.array('.length, code.indexOf(', dtype="float32")'));
  assert.equal(python(`import ast; print(ast.literal_eval(${JSON.stringify(xs)}))`).trim(), '[[0, 0], [0, 1], [1, 0], [1, 1]]');
  // without fit options there is no fit line, no data: no numpy
  const plain = toKerasCode(model);
  assert.doesNotMatch(plain, /model\.fit|numpy/);
  assert.match(plain, /model\.compile\(/);
  pyCompile(plain);
  model.dispose();
});

test('the spiral example → Keras: he_normal ReLU layers, softmax, sparse labels as int32', () => {
  const model = sequential({ seed: 3, layers: [
    layers.dense({ units: 32, inputShape: [2], activation: 'relu', kernelInitializer: 'heNormal' }),
    layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }),
    layers.dense({ units: 2, activation: 'softmax' }),
  ]});
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.05, momentum: 0.9 }),
    loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = new Float32Array([0.1, -0.25, 1 / 3, 2.5]);
  const y = new Int32Array([0, 1]);
  const code = toKerasCode(model, { fit: { epochs: 400, batchSize: 32 }, data: { x, y } });
  assert.match(code, /^ {4}keras\.layers\.Dense\(32, activation="relu", use_bias=True, kernel_initializer="he_normal", bias_initializer="zeros", name="dense"\),$/m);
  assert.match(code, /name="dense_1"\),\n {4}keras\.layers\.Dense\(2, activation="softmax", .*name="dense_2"\),\n\]\)/);
  assert.match(code, /optimizer=keras\.optimizers\.SGD\(learning_rate=0\.05, momentum=0\.9\),/);
  assert.match(code, /loss=keras\.losses\.SparseCategoricalCrossentropy\(\),/);
  assert.match(code, /keras\.utils\.set_random_seed\(3\)/);
  assert.match(code, /y = np\.array\(\[0, 1\], dtype="int32"\)/);
  // float32 data printed with the fewest digits that give back the same float32
  assert.match(code, /\[0\.1, -0\.25\],\n {4}\[0\.33333334, 2\.5\],/);
  assert.match(code, /history = model\.fit\(x, y, epochs=400, batch_size=32, shuffle=True\)/);
  pyCompile(code);
  model.dispose();
});

test('every layer, initializer, activation and option maps to its Keras name and value', () => {
  const description = { seed: 9, layers: [
    layers.dense({ units: 5, inputShape: [4], activation: 'leakyRelu', useBias: false, kernelInitializer: 'heUniform',
      biasInitializer: 'ones', name: 'first' }),
    layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5, center: false, scale: true, gammaInitializer: 'glorotNormal',
      betaInitializer: 'ones', movingMeanInitializer: 'lecunNormal', movingVarianceInitializer: 'zeros' }),
    layers.dropout({ rate: 0.3, seed: 11 }),
    layers.dropout({ rate: 0.5 }),
    layers.activation({ activation: 'elu' }),
    layers.dense({ units: 3, activation: 'selu', kernelInitializer: 'lecunNormal', biasInitializer: 'zeros' }),
    layers.dense({ units: 3, kernelInitializer: 'glorotNormal', biasInitializer: 'heNormal' }),
    layers.activation({ activation: 'softmax', name: 'probabilities' }),
  ] };
  const code = toKerasCode(description, { loss: losses.categoricalCrossentropy({ fromLogits: true }),
    optimizer: optimizers.rmsprop({ learningRate: 0.002, rho: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true, clipValue: 0.5 }),
    fit: { epochs: 7, batchSize: 16, shuffle: false, validationSplit: 0.1, onEpochEnd() {} } });
  const expected = [
    'keras.utils.set_random_seed(9)',
    '    keras.Input(shape=(4,)),',
    '    keras.layers.Dense(5, activation="leaky_relu", use_bias=False, kernel_initializer="he_uniform", bias_initializer="ones", name="first"),',
    '    keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-05, center=False, scale=True, beta_initializer="ones", gamma_initializer="glorot_normal", moving_mean_initializer="lecun_normal", moving_variance_initializer="zeros"),',
    '    keras.layers.Dropout(0.3, seed=11),',
    '    keras.layers.Dropout(0.5),',
    '    keras.layers.Activation("elu"),',
    '    keras.layers.Dense(3, activation="selu", use_bias=True, kernel_initializer="lecun_normal", bias_initializer="zeros"),',
    '    keras.layers.Dense(3, activation="linear", use_bias=True, kernel_initializer="glorot_normal", bias_initializer="he_normal"),',
    '    keras.layers.Activation("softmax", name="probabilities"),',
    '    optimizer=keras.optimizers.RMSprop(learning_rate=0.002, rho=0.8, momentum=0.5, epsilon=1e-06, centered=True, clipvalue=0.5),',
    '    loss=keras.losses.CategoricalCrossentropy(from_logits=True),',
    'history = model.fit(x, y, epochs=7, batch_size=16, shuffle=False, validation_split=0.1)',
  ];
  const lines = code.split('\n');
  for (const line of expected) assert.ok(lines.includes(line), `missing line:\n${line}\nin:\n${code}`);
  assert.doesNotMatch(code, /metrics=/);
  assert.match(code, /def load_data\(\):/);
  pyCompile(code);
});

test('every optimizer: non-default hyperparameters only, Keras argument names, clipping and weight decay', () => {
  const cases = [
    [optimizers.sgd(), 'SGD(learning_rate=0.01)'],
    [optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01, clipNorm: 1 }),
      'SGD(learning_rate=0.1, momentum=0.9, nesterov=True, weight_decay=0.01, clipnorm=1.0)'],
    [optimizers.adagrad({ learningRate: 0.05, initialAccumulatorValue: 0.2, epsilon: 1e-8, globalClipNorm: 2.5 }),
      'Adagrad(learning_rate=0.05, initial_accumulator_value=0.2, epsilon=1e-08, global_clipnorm=2.5)'],
    [optimizers.rmsprop(), 'RMSprop(learning_rate=0.001)'],
    [optimizers.adam({ beta1: 0.8, beta2: 0.99, epsilon: 1e-3, amsgrad: true, clipValue: 0.25 }),
      'Adam(learning_rate=0.001, beta_1=0.8, beta_2=0.99, epsilon=0.001, amsgrad=True, clipvalue=0.25)'],
    [optimizers.nadam({ learningRate: 0.002, beta1: 0.95 }), 'Nadam(learning_rate=0.002, beta_1=0.95)'],
    [optimizers.adamw(), 'AdamW(learning_rate=0.001)'],
    [optimizers.adamw({ weightDecay: 0.01, amsgrad: true }), 'AdamW(learning_rate=0.001, weight_decay=0.01, amsgrad=True)'],
    [optimizers.adamw({ weightDecay: 0 }), 'AdamW(learning_rate=0.001, weight_decay=0.0)'],
    [optimizers.adamax({ learningRate: 0.002, beta2: 0.9 }), 'Adamax(learning_rate=0.002, beta_2=0.9)'],
    [optimizers.adadelta({ learningRate: 1, rho: 0.9, epsilon: 1e-6 }), 'Adadelta(learning_rate=1.0, rho=0.9, epsilon=1e-06)'],
    ['adam', 'Adam(learning_rate=0.001)'],
    [optimizers.adam({ learningRate: 3e-4 }).getConfig(), 'Adam(learning_rate=0.0003)'],
  ];
  const spec = { layers: [layers.dense({ units: 1, inputShape: [3] })] };
  for (const [optimizer, expected] of cases) {
    const code = toKerasCode(spec, { optimizer, loss: 'mse' });
    assert.ok(code.includes(`    optimizer=keras.optimizers.${expected},\n`), `${expected}\n${code}`);
    assert.match(code, /loss=keras\.losses\.MeanSquaredError\(\),/);
    pyCompile(code);
  }
});

test('every learning-rate schedule and every loss', () => {
  const s = optimizers.schedules;
  const cases = [
    [s.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true }),
      'ExponentialDecay(initial_learning_rate=0.1, decay_steps=100, decay_rate=0.96, staircase=True)'],
    [s.inverseTimeDecay({ initialLearningRate: 0.5, decaySteps: 10, decayRate: 0.5 }),
      'InverseTimeDecay(initial_learning_rate=0.5, decay_steps=10, decay_rate=0.5, staircase=False)'],
    [s.piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] }),
      'PiecewiseConstantDecay(boundaries=[100, 200], values=[0.1, 0.01, 0.001])'],
    [s.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 1000, endLearningRate: 1e-5, power: 2, cycle: true }),
      'PolynomialDecay(initial_learning_rate=0.1, decay_steps=1000, end_learning_rate=1e-05, power=2.0, cycle=True)'],
    [s.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 1000 }),
      'PolynomialDecay(initial_learning_rate=0.1, decay_steps=1000, end_learning_rate=0.0001, power=1.0, cycle=False)'],
    [s.cosineDecay({ initialLearningRate: 0.01, decaySteps: 500, alpha: 0.1 }),
      'CosineDecay(initial_learning_rate=0.01, decay_steps=500, alpha=0.1, warmup_target=None, warmup_steps=0)'],
    [s.cosineDecay({ initialLearningRate: 0, decaySteps: 500, warmupTarget: 0.1, warmupSteps: 50 }),
      'CosineDecay(initial_learning_rate=0.0, decay_steps=500, alpha=0.0, warmup_target=0.1, warmup_steps=50)'],
  ];
  const spec = { layers: [layers.dense({ units: 2, inputShape: [3] })] };
  for (const [schedule, expected] of cases) {
    const code = toKerasCode(spec, { optimizer: optimizers.nadam({ learningRate: schedule, clipNorm: 3 }), loss: 'mse' });
    assert.ok(code.includes(`optimizer=keras.optimizers.Nadam(learning_rate=keras.optimizers.schedules.${expected}, clipnorm=3.0),\n`), code);
    pyCompile(code);
  }
  const lossCases = [
    ['mse', 'MeanSquaredError()'], ['meanSquaredError', 'MeanSquaredError()'],
    ['binaryCrossentropy', 'BinaryCrossentropy()'], [losses.binaryCrossentropy({ fromLogits: true }), 'BinaryCrossentropy(from_logits=True)'],
    ['categoricalCrossentropy', 'CategoricalCrossentropy()'],
    [losses.sparseCategoricalCrossentropy({ fromLogits: true }), 'SparseCategoricalCrossentropy(from_logits=True)'],
  ];
  for (const [loss, expected] of lossCases) {
    assert.ok(toKerasCode(spec, { optimizer: 'sgd', loss }).includes(`    loss=keras.losses.${expected},\n`), expected);
  }
});

test('numbers are written as Python repr writes them, and round-trip exactly', () => {
  const values = [0.1, 0.5, 1, 5, 1e-7, 1e-3, 0.0001, 0.00012, 1.5e-5, 123456.789, 1e16, 1.2345e17, 1e21, 2 ** -30,
    1 / 3, -0.25, -1e-8, 0.9999999, 3e-4, 9007199254740993, 1e300, 5e-324];
  const out = python(`import sys\nfor s in sys.argv[1:]: print(repr(float(s)))`.replace('sys.argv[1:]', JSON.stringify(values.map(pyFloat))));
  assert.deepEqual(out.trim().split('\n'), values.map(pyFloat), 'pyFloat matches repr()');
  for (const v of values) assert.equal(Number(pyFloat(v)), v);
  assert.equal(pyFloat(1e-7), '1e-07');
  assert.equal(pyFloat(5), '5.0');
  assert.equal(pyFloat(1e16), '1e+16');
  // float32: shortest digits that parse back to the same float32
  const f32 = Float32Array.from([0.1, 1 / 3, -2.5e-6, 3.4e38, 1e-45, 0.7853982]);
  const printed = Array.from(f32, pyFloat32);
  const back = python(`import struct\nfor s in ${JSON.stringify(printed)}: print(struct.unpack('<I', struct.pack('<f', float(s)))[0])`);
  const bits = new Uint32Array(f32.buffer);
  assert.deepEqual(back.trim().split('\n').map(Number), Array.from(bits));
  assert.equal(pyFloat32(Math.fround(0.1)), '0.1');
});

test('weights export: model.set_weights with the exact float32 values, batchnorm without beta', () => {
  const model = sequential({ seed: 4, layers: [
    layers.dense({ units: 3, inputShape: [2], activation: 'relu' }),
    layers.batchNormalization({ center: false }),
    layers.dense({ units: 1, useBias: false }),
  ] });
  const weights = model.getWeights();
  const code = toKerasCode(model, { weights });
  const block = code.slice(code.indexOf('model.set_weights(['), code.indexOf('])\n', code.indexOf('model.set_weights([')));
  const arrays = block.split('\n').slice(1).filter(Boolean);
  const kerasCount = 2 + 3 + 1; // kernel, bias; gamma, moving mean, moving variance; kernel
  assert.equal(arrays.length, kerasCount, block);
  assert.match(arrays[0], /reshape\(\(2, 3\)\),$/);
  assert.match(arrays[2], /reshape\(\(3,\)\),$/);
  assert.match(arrays[5], /reshape\(\(3, 1\)\),$/);
  pyCompile(code);
  // numbers parse back to the same float32 values
  const kernel = arrays[0].slice(arrays[0].indexOf('[') + 1, arrays[0].indexOf(']')).split(', ').map(Number);
  assert.deepEqual(Float32Array.from(kernel), weights[0].values);
  model.dispose();
});

test('a RemoteSequential exports with its compile options and seed', async () => {
  const model = await workerSequential({ seed: 5, layers: [layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })] },
    { simd: wantSimd });
  try {
    await model.compile({ optimizer: optimizers.adam({ learningRate: optimizers.schedules.exponentialDecay({
      initialLearningRate: 0.01, decaySteps: 5, decayRate: 0.5 }) }), loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
    const code = toKerasCode(model);
    assert.match(code, /keras\.utils\.set_random_seed\(5\)/);
    assert.match(code, /Adam\(learning_rate=keras\.optimizers\.schedules\.ExponentialDecay\(initial_learning_rate=0\.01, decay_steps=5, decay_rate=0\.5, staircase=False\)\)/);
    assert.match(code, /SparseCategoricalCrossentropy\(\)/);
    assert.match(code, /metrics=\["acc"\]/); // Keras's own alias, logged as 'acc' by Keras and simdtrain alike
    pyCompile(code);
  } finally {
    await model.dispose();
  }
});

test('bad input: clear errors', () => {
  const spec = { layers: [layers.dense({ units: 1, inputShape: [3] })] };
  assert.throws(() => toKerasCode(null), /toKerasCode: model must be a model or \{ layers: \[\.\.\.\] \}/);
  assert.throws(() => toKerasCode(spec, { optimizer: 'adam' }), /toKerasCode: options\.loss is needed/);
  assert.throws(() => toKerasCode(spec, { loss: 'mse' }), /toKerasCode: options\.optimizer is needed/);
  assert.throws(() => toKerasCode(spec, { loss: 'nope', optimizer: 'sgd' }), /toKerasCode: loss must be one of/);
  assert.throws(() => toKerasCode(spec, { loss: 'mse', optimizer: 'sgdx' }), /toKerasCode: optimizer must be one of/);
  assert.throws(() => toKerasCode(spec, { loss: 'mse', optimizer: { name: 'sgd', beta1: 0.9 } }), /optimizer sgd has no hyperparameter "beta1"/);
  assert.throws(() => toKerasCode({ layers: [{ className: 'Conv3D', inputShape: [3] }] }), /layers\[0\]\.className must be/);
  assert.throws(() => toKerasCode({ layers: [{ className: 'Conv2D', filters: 2, inputShape: [3, 3, 1] }] }), /toKerasCode: layers\[0\]\.kernelSize must be given/);
  assert.throws(() => toKerasCode({ layers: [{ className: 'Conv2D', filters: 2, kernelSize: [2, 2], inputShape: [3] }] }), /toKerasCode: layers\[0\] \(Conv2D\) input must be an image of shape \[height, width, channels\]/);
  assert.throws(() => toKerasCode(spec, { colour: 1 }), /unknown option "colour"/);
  assert.throws(() => toKerasCode(spec, { weights: [] }), /toKerasCode: weights must be an array of 2 weights/);
  const model = sequential({ layers: spec.layers });
  assert.throws(() => toKerasCode(model, { fit: { epochs: 1 } }), /toKerasCode: fit needs options\.loss/);
  model.dispose();
  assert.throws(() => toKerasCode(model), /toKerasCode: the model was disposed/);
});
