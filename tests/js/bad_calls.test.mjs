// bad_calls.test.mjs — one table of bad calls across the whole public API (init, layers.*,
// sequential, compile, losses.*, optimizers.* and their setters and step, schedules.*,
// fit, predict, evaluate, trainOnBatch, computeGradients, getWeights/setWeights, summary,
// gradientStats, save, loadModel, dispose order): each must throw (or reject with) an Error
// whose message starts with the function and names the argument; afterwards the model
// the call was made on (or next to) has unchanged weight bytes and still trains XOR to
// 100% accuracy. A fresh context per case, so no case depends on another. The one table of
// bad input: null is as bad as any other wrong type (it never means "the default").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { init, layers, loadModel, losses, optimizers, regularizers, sequential } from '../../src/js/index.mjs';
import { crc32 } from '../../src/js/model_file.mjs';
import { initBuild, wantSimd } from './helpers/build.mjs';

await initBuild();

const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];
const S = optimizers.schedules;
const d1 = () => [layers.dense({ units: 1, inputShape: [1] })];
const weightBytes = (m) => Buffer.concat(m.getWeights().map((w) => Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength)));

function context() {
  const model = sequential({ seed: 1, layers: [layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }), layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const uncompiled = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  const sparse = sequential({ layers: [layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] });
  sparse.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  const disposed = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  disposed.compile({ optimizer: 'sgd', loss: 'mse' });
  disposed.dispose();
  const file = model.save();
  return { model, uncompiled, sparse, disposed, file, opt: optimizers.sgd(), dispose() { for (const m of [model, uncompiled, sparse]) m.dispose(); } };
}

const w4 = () => [new Float32Array(8), new Float32Array(4), new Float32Array(4), new Float32Array(1)];
const u32At = (file, offset, value) => {
  const b = file.slice();
  new DataView(b.buffer).setUint32(offset, value, true);
  new DataView(b.buffer).setUint32(b.length - 4, crc32(b, b.length - 4), true);
  return b;
};
const flip = (file, i) => { const b = file.slice(); b[i] ^= 0x10; return b; };
const shown = (v) => (v === undefined ? 'undefined' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));

// [what is wrong, call(ctx), pattern the message must match]
const cases = [
  // init
  ['init simd not boolean', () => init({ simd: 'yes' }), /^init: simd must be true or false, got "yes"/],
  ['init unknown option', () => init({ threads: 2 }), /^init: unknown option "threads"/],
  ['init options a number', () => init(5), /^init: options must be an object, got 5/],
  ['init options null', () => init(null), /^init: options must be an object, got null/],
  ['init switching builds', () => init({ simd: !wantSimd }), /^init: .*simd/],
  // layers.dense
  ['dense no options', () => layers.dense(), /^layers\.dense: options must be/],
  ['dense options null', () => layers.dense(null), /^layers\.dense: options must be an object, got null/],
  ['dense options array', () => layers.dense([8]), /^layers\.dense: options must be an object/],
  ['dense units missing', () => layers.dense({}), /^layers\.dense: units must be an integer .* got undefined/],
  ['dense units 0', () => layers.dense({ units: 0 }), /units .* got 0/],
  ['dense units negative', () => layers.dense({ units: -3 }), /units .* got -3/],
  ['dense units fractional', () => layers.dense({ units: 1.5 }), /units .* got 1\.5/],
  ['dense units NaN', () => layers.dense({ units: NaN }), /units .* got NaN/],
  ['dense units Infinity', () => layers.dense({ units: Infinity }), /units .* got Infinity/],
  ['dense units huge', () => layers.dense({ units: 2 ** 21 }), /units must be an integer in \[1, 1048576\], got 2097152/],
  ['dense units string', () => layers.dense({ units: '4' }), /units .* got "4"/],
  ['dense activation unknown', () => layers.dense({ units: 1, activation: 'hardTanh' }), /activation must be one of .* got "hardTanh"/],
  ['dense activation function', () => layers.dense({ units: 1, activation: Math.tanh }), /activation .* got a function/],
  ['dense useBias string', () => layers.dense({ units: 1, useBias: 'true' }), /useBias must be true or false, got "true"/],
  ['dense kernelInitializer unknown', () => layers.dense({ units: 1, kernelInitializer: 'truncatedNormal' }), /kernelInitializer .* got "truncatedNormal"/],
  ['dense biasInitializer number', () => layers.dense({ units: 1, biasInitializer: 0 }), /biasInitializer .* got 0/],
  ['dense inputShape number', () => layers.dense({ units: 1, inputShape: 2 }), /inputShape must be an array/],
  ['lstm on input of rank 1', () => sequential({ layers: [layers.lstm({ units: 1, inputShape: [4] })] }), /^sequential: layer lstm \(LSTM\) takes a sequence \[timesteps, features\] per sample, got input of shape \[4\]/],
  ['simpleRNN with units 0', () => layers.simpleRNN({ units: 0 }), /units/],
  ['inputShape of rank 5', () => layers.flatten({ inputShape: [1, 1, 1, 1, 1] }), /inputShape must be an array of 1 to 4 positive integers/],
  ['x of the wrong nested shape', ({ model }) => sequential({ layers: [layers.flatten({ inputShape: [2, 2] })] }).predict([[[1, 2], [3]]]), /^predict: x\[0\]\[1\] must have 2 values, got 1/],
  ['dense inputShape zero', () => layers.dense({ units: 1, inputShape: [0] }), /inputShape\[0\] .* got 0/],
  ['dense inputShape NaN', () => layers.dense({ units: 1, inputShape: [NaN] }), /inputShape\[0\] .* got NaN/],
  ['dense name with a space', () => layers.dense({ units: 1, name: 'my layer' }), /name must be an identifier string, got "my layer"/],
  ['dense name number', () => layers.dense({ units: 1, name: 7 }), /name must be an identifier string, got 7/],
  ['dense unknown option', () => layers.dense({ units: 1, kernelConstraint: 'maxNorm' }), /unknown option "kernelConstraint"/],
  ['dense snake_case option', () => layers.dense({ units: 1, use_bias: false }), /unknown option "use_bias"/],
  // layers.activation
  ['activation no options', () => layers.activation(), /^layers\.activation: options must be/],
  ['activation missing name', () => layers.activation({}), /activation must be one of .* got undefined/],
  ['activation unknown', () => layers.activation({ activation: 'hardTanh' }), /activation .* got "hardTanh"/],
  ['activation snake_case', () => layers.activation({ activation: 'leaky_relu' }), /activation .* got "leaky_relu"/],
  ['activation unknown option', () => layers.activation({ activation: 'relu', alpha: 0.1 }), /unknown option "alpha"/],
  ['activation bad inputShape', () => layers.activation({ activation: 'relu', inputShape: ['2'] }), /inputShape\[0\] .* got "2"/],
  // layers.batchNormalization
  ['batchNormalization options number', () => layers.batchNormalization(3), /^layers\.batchNormalization: options must be an object, got 3/],
  ['batchNormalization momentum negative', () => layers.batchNormalization({ momentum: -0.1 }), /momentum must be a finite number >= 0 and < 1, got -0\.1/],
  ['batchNormalization momentum 1', () => layers.batchNormalization({ momentum: 1 }), /momentum .* got 1/],
  ['batchNormalization momentum NaN', () => layers.batchNormalization({ momentum: NaN }), /momentum .* got NaN/],
  ['batchNormalization momentum string', () => layers.batchNormalization({ momentum: '0.9' }), /momentum .* got "0\.9"/],
  ['batchNormalization epsilon 0', () => layers.batchNormalization({ epsilon: 0 }), /epsilon must be a finite number > 0, got 0/],
  ['batchNormalization epsilon negative', () => layers.batchNormalization({ epsilon: -1e-3 }), /epsilon .* got -0\.001/],
  ['batchNormalization epsilon Infinity', () => layers.batchNormalization({ epsilon: Infinity }), /epsilon .* got Infinity/],
  ['batchNormalization center number', () => layers.batchNormalization({ center: 0 }), /center must be true or false, got 0/],
  ['batchNormalization scale string', () => layers.batchNormalization({ scale: 'no' }), /scale must be true or false, got "no"/],
  ['batchNormalization gammaInitializer', () => layers.batchNormalization({ gammaInitializer: 'random' }), /gammaInitializer .* got "random"/],
  ['batchNormalization betaInitializer', () => layers.batchNormalization({ betaInitializer: 'constant' }), /betaInitializer .* got "constant"/],
  ['batchNormalization movingMeanInitializer', () => layers.batchNormalization({ movingMeanInitializer: 'mean' }), /movingMeanInitializer .* got "mean"/],
  ['batchNormalization movingVarianceInitializer', () => layers.batchNormalization({ movingVarianceInitializer: 1 }), /movingVarianceInitializer .* got 1/],
  ['batchNormalization axis option', () => layers.batchNormalization({ axis: -1 }), /unknown option "axis"/],
  ['batchNormalization bad name', () => layers.batchNormalization({ name: '2bn' }), /name must be an identifier string, got "2bn"/],
  ['batchNormalization bad inputShape', () => layers.batchNormalization({ inputShape: [] }), /inputShape .* got an array of length 0/],
  // layers.dropout
  ['dropout no options', () => layers.dropout(), /^layers\.dropout: options must be/],
  ['dropout rate missing', () => layers.dropout({}), /rate must be a finite number >= 0 and < 1, got undefined/],
  ['dropout rate negative', () => layers.dropout({ rate: -0.1 }), /rate .* got -0\.1/],
  ['dropout rate 1', () => layers.dropout({ rate: 1 }), /rate .* got 1/],
  ['dropout rate NaN', () => layers.dropout({ rate: NaN }), /rate .* got NaN/],
  ['dropout rate string', () => layers.dropout({ rate: '0.5' }), /rate .* got "0\.5"/],
  ['dropout seed negative', () => layers.dropout({ rate: 0.5, seed: -1 }), /seed must be an integer in \[0, 4294967295\], got -1/],
  ['dropout seed fractional', () => layers.dropout({ rate: 0.5, seed: 1.5 }), /seed .* got 1\.5/],
  ['dropout seed too large', () => layers.dropout({ rate: 0.5, seed: 2 ** 32 }), /seed .* got 4294967296/],
  ['dropout noiseShape option', () => layers.dropout({ rate: 0.5, noiseShape: [1] }), /unknown option "noiseShape"/],
  ['dropout bad name', () => layers.dropout({ rate: 0.5, name: '' }), /name must be an identifier string, got ""/],
  // sequential
  ['sequential no options', () => sequential(), /^sequential: options must be/],
  ['sequential options string', () => sequential('model'), /^sequential: options must be an object, got "model"/],
  ['sequential layers missing', () => sequential({}), /layers must be a non-empty array/],
  ['sequential layers empty', () => sequential({ layers: [] }), /layers must be a non-empty array/],
  ['sequential layers not an array', () => sequential({ layers: layers.dense({ units: 1, inputShape: [1] }) }), /layers must be a non-empty array/],
  ['sequential plain object layer', () => sequential({ layers: [{ className: 'Dense', units: 1, inputShape: [1] }] }), /layers\[0\] must be a layer/],
  ['sequential null layer', () => sequential({ layers: [null] }), /layers\[0\] must be a layer .* got null/],
  ['sequential missing inputShape', () => sequential({ layers: [layers.dense({ units: 1 })] }), /layers\[0\] must give inputShape/],
  ['sequential inputShape later', () => sequential({ layers: [...d1(), layers.dense({ units: 1, inputShape: [1] })] }), /layers\[1\]\.inputShape is only allowed on the first layer/],
  ['sequential duplicate names', () => sequential({ layers: [layers.dense({ units: 1, inputShape: [1], name: 'a' }), layers.dense({ units: 1, name: 'a' })] }), /names must be unique, got "a" twice/],
  ['sequential seed negative', () => sequential({ seed: -1, layers: d1() }), /seed must be an integer in \[0, 4294967295\], got -1/],
  ['sequential seed too large', () => sequential({ seed: 2 ** 32, layers: d1() }), /seed .* got 4294967296/],
  ['sequential seed string', () => sequential({ seed: '42', layers: d1() }), /seed .* got "42"/],
  ['sequential unknown option', () => sequential({ layers: d1(), inputs: 2 }), /unknown option "inputs"/],
  // compile
  ['compile no options', ({ model }) => model.compile(), /^compile: options must be an object like/],
  ['compile options string', ({ model }) => model.compile('adam'), /^compile: options must be an object, got "adam"/],
  ['compile loss missing', ({ model }) => model.compile({ optimizer: 'sgd' }), /loss must be one of .* got undefined/],
  ['compile loss unknown', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'squaredHinge' }), /loss must be one of .* got "squaredHinge"/],
  ['compile loss snake_case', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'binary_crossentropy' }), /loss .* got "binary_crossentropy"/],
  ['compile loss bogus object', ({ model }) => model.compile({ optimizer: 'sgd', loss: { name: 'mse2', fromLogits: false } }), /loss must be one of/],
  ['compile loss function', ({ model }) => model.compile({ optimizer: 'sgd', loss: () => 0 }), /loss must be one of .* got a function/],
  ['compile optimizer missing', ({ model }) => model.compile({ loss: 'mse' }), /optimizer must be one of .* got undefined/],
  ['compile optimizer unknown', ({ model }) => model.compile({ optimizer: 'lion', loss: 'mse' }), /optimizer must be one of .* got "lion"/],
  ['compile optimizer number', ({ model }) => model.compile({ optimizer: 0.1, loss: 'mse' }), /optimizer .* got 0\.1/],
  ['compile optimizer plain object', ({ model }) => model.compile({ optimizer: { kind: 'sgd' }, loss: 'mse' }), /optimizer must be one of .* got an object/],
  ['compile metrics string', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: 'accuracy' }), /metrics must be an array of metric names \(accuracy, .*\) or \{ name, ...options \}, got "accuracy"/],
  ['compile metrics unknown', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['accuracy', 'f1'] }), /^compile: metrics\[1\] must be one of 'accuracy', 'acc', .*'auc', or \{ name, \.\.\.options \}, got "f1"$/],
  ['compile metrics Keras spelling', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['binary_accuracy'] }), /^compile: metrics\[0\] must be one of .*'binaryAccuracy'.* got "binary_accuracy"$/],
  ['compile metrics null entry', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [null] }), /^compile: metrics\[0\] must be one of .* got null$/],
  ['compile metric needing class ids on rows', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['sparseCategoricalAccuracy'] }), /^compile: metrics\[0\] 'sparseCategoricalAccuracy' needs class-id labels/],
  ['compile row metric on class ids', ({ sparse }) => sparse.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', 'auc'] }), /^compile: metrics\[1\] 'auc' needs one label row per sample, but loss 'sparseCategoricalCrossentropy' takes class ids/],
  ['compile unknown option', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: [1] }), /unknown option "lossWeights"/],
  ['compile sparse loss with one output', ({ model }) => model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' }), /sparseCategoricalCrossentropy' needs a model with at least 2 outputs, got 1/],
  ['compile after dispose', ({ disposed }) => disposed.compile({ optimizer: 'sgd', loss: 'mse' }), /^compile: the model was disposed/],
  // losses
  ...['meanSquaredError', 'mse', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy'].map((name) =>
    [`losses.${name} fromLogits not boolean`, () => losses[name]({ fromLogits: 1 }), /fromLogits must be true or false, got 1/]),
  ['losses unknown option', () => losses.binaryCrossentropy({ labelSmoothing: 0.1 }), /^losses\.binaryCrossentropy: unknown option "labelSmoothing"/],
  ['losses options string', () => losses.mse('sum'), /options must be an object, got "sum"/],
  // optimizers: every kind
  ...['sgd', 'adagrad', 'rmsprop', 'adam', 'nadam', 'adamw', 'adamax', 'adadelta'].flatMap((kind) => [
    [`${kind} learningRate negative`, () => optimizers[kind]({ learningRate: -0.01 }), new RegExp(`^optimizers\\.${kind}: learningRate must be a finite number > 0, got -0\\.01`)],
    [`${kind} learningRate NaN`, () => optimizers[kind]({ learningRate: NaN }), /learningRate .* got NaN/],
    [`${kind} learningRate string`, () => optimizers[kind]({ learningRate: '0.1' }), /learningRate .* got "0\.1"/],
    [`${kind} unknown option`, () => optimizers[kind]({ decay: 0.01 }), new RegExp(`^optimizers\\.${kind}: unknown option "decay"`)],
    [`${kind} clipNorm negative`, () => optimizers[kind]({ clipNorm: -1 }), /clipNorm must be a finite number >= 0, got -1/],
    [`${kind} two clip options`, () => optimizers[kind]({ clipNorm: 1, globalClipNorm: 1 }), /only one of clipValue, clipNorm, globalClipNorm may be set, got clipNorm and globalClipNorm/],
  ]),
  ['sgd momentum above 1', () => optimizers.sgd({ momentum: 1.01 }), /momentum must be a finite number >= 0 and <= 1, got 1\.01/],
  ['sgd momentum negative', () => optimizers.sgd({ momentum: -0.5 }), /momentum .* got -0\.5/],
  ['sgd nesterov number', () => optimizers.sgd({ nesterov: 1 }), /nesterov must be true or false, got 1/],
  ['sgd beta1 on sgd', () => optimizers.sgd({ beta1: 0.9 }), /unknown option "beta1"/],
  ['adagrad initialAccumulatorValue negative', () => optimizers.adagrad({ initialAccumulatorValue: -0.1 }), /initialAccumulatorValue must be a finite number >= 0, got -0\.1/],
  ['adagrad epsilon NaN', () => optimizers.adagrad({ epsilon: NaN }), /epsilon .* got NaN/],
  ['rmsprop rho 1', () => optimizers.rmsprop({ rho: 1 }), /rho must be a finite number >= 0 and < 1, got 1/],
  ['rmsprop centered string', () => optimizers.rmsprop({ centered: 'yes' }), /centered must be true or false, got "yes"/],
  ['rmsprop momentum Infinity', () => optimizers.rmsprop({ momentum: Infinity }), /momentum .* got Infinity/],
  ['adam beta1 1', () => optimizers.adam({ beta1: 1 }), /beta1 must be a finite number >= 0 and < 1, got 1/],
  ['adam beta2 negative', () => optimizers.adam({ beta2: -0.1 }), /beta2 .* got -0\.1/],
  ['adam epsilon negative', () => optimizers.adam({ epsilon: -1e-7 }), /epsilon must be a finite number >= 0, got -1e-7/],
  ['adam amsgrad string', () => optimizers.adam({ amsgrad: 'true' }), /amsgrad must be true or false, got "true"/],
  ['nadam amsgrad not an option', () => optimizers.nadam({ amsgrad: true }), /unknown option "amsgrad"/],
  ['adamw weightDecay negative', () => optimizers.adamw({ weightDecay: -0.004 }), /weightDecay must be a finite number >= 0, got -0\.004/],
  ['adamax beta2 1', () => optimizers.adamax({ beta2: 1 }), /beta2 .* got 1/],
  ['adadelta rho NaN', () => optimizers.adadelta({ rho: NaN }), /rho .* got NaN/],
  ['clipValue NaN', () => optimizers.adam({ clipValue: NaN }), /clipValue .* got NaN/],
  ['globalClipNorm Infinity', () => optimizers.sgd({ globalClipNorm: Infinity }), /globalClipNorm .* got Infinity/],
  ['weightDecay string', () => optimizers.sgd({ weightDecay: '0.1' }), /weightDecay .* got "0\.1"/],
  ['learningRate plain object', () => optimizers.adam({ learningRate: { initialLearningRate: 0.1 } }), /learningRate must be a number > 0 or an optimizers\.schedules\.<name>\(\) schedule/],
  ['learningRate null', () => optimizers.adam({ learningRate: false }), /learningRate .* got false/],
  ['optimizer options array', () => optimizers.adam([0.1]), /^optimizers\.adam: options must be an object/],
  // optimizer setters
  ['set learningRate negative', ({ opt }) => { opt.learningRate = -1; }, /^sgd\.learningRate: learningRate .* got -1/],
  ['set learningRate NaN', ({ opt }) => { opt.learningRate = NaN; }, /learningRate .* got NaN/],
  ['set momentum 2', ({ opt }) => { opt.momentum = 2; }, /^sgd\.momentum: momentum .* got 2/],
  ['set nesterov number', ({ opt }) => { opt.nesterov = 0; }, /nesterov must be true or false, got 0/],
  ['set learningRate on a scheduled optimizer', () => { optimizers.adam({ learningRate: S.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }) }).learningRate = 0.1; }, /^adam\.learningRate: this optimizer was created with a exponentialDecay schedule; its learning rate cannot be set, got 0\.1/],
  ['set clipNorm negative', () => { optimizers.sgd({ clipNorm: 1 }).clipNorm = -1; }, /^sgd\.clipNorm: clipNorm must be a finite number >= 0, got -1/],
  ['set the compiled optimizer momentum out of range', ({ model }) => { model.optimizer.momentum = 1.5; }, /^sgd\.momentum: momentum .* got 1\.5/],
  // optimizer.step
  ['step no params', ({ opt }) => opt.step([], []), /^sgd\.step: params must be a Float32Array or a non-empty array of them/],
  ['step plain arrays', ({ opt }) => opt.step([1, 2], [1, 2]), /params\[0\] must be a non-empty Float32Array/],
  ['step empty Float32Array', ({ opt }) => opt.step(new Float32Array(0), new Float32Array(0)), /params\[0\] must be a non-empty Float32Array, got Float32Array\(0\)/],
  ['step grads shorter', ({ opt }) => opt.step(new Float32Array(3), new Float32Array(2)), /grads\[0\] must be a Float32Array of length 3, got Float32Array\(2\)/],
  ['step grads Float64Array', ({ opt }) => opt.step(new Float32Array(2), new Float64Array(2)), /grads\[0\] must be a Float32Array of length 2, got Float64Array\(2\)/],
  ['step grads count', ({ opt }) => opt.step([new Float32Array(1)], []), /grads must be 1 array\(s\), one per params array/],
  ['step NaN gradient', ({ opt }) => opt.step(new Float32Array(2), new Float32Array([0, NaN])), /grads\[0\] must be finite, got NaN at index 1/],
  ['step Infinity gradient', ({ opt }) => opt.step(new Float32Array(2), new Float32Array([-Infinity, 0])), /grads\[0\] must be finite, got -Infinity at index 0/],
  ['step shapes changed after the first', ({ opt }) => { opt.step(new Float32Array(2), new Float32Array(2)); opt.step(new Float32Array(3), new Float32Array(3)); }, /params must keep the shapes of the first step \(\[2\]\), got \[3\]/],
  // schedules
  ['exponentialDecay no options', () => S.exponentialDecay(), /^schedules\.exponentialDecay: initialLearningRate .* got undefined/],
  ['exponentialDecay decaySteps 0', () => S.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 }), /decaySteps must be a finite number > 0, got 0/],
  ['exponentialDecay decayRate negative', () => S.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: -0.5 }), /decayRate must be a finite number >= 0, got -0\.5/],
  ['exponentialDecay staircase number', () => S.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: 1 }), /staircase must be true or false, got 1/],
  ['exponentialDecay unknown option', () => S.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, name: 'x' }), /unknown option "name"/],
  ['inverseTimeDecay initialLearningRate 0', () => S.inverseTimeDecay({ initialLearningRate: 0, decaySteps: 1, decayRate: 1 }), /^schedules\.inverseTimeDecay: initialLearningRate must be a finite number > 0, got 0/],
  ['inverseTimeDecay decaySteps NaN', () => S.inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: NaN, decayRate: 1 }), /decaySteps .* got NaN/],
  ['piecewise values missing', () => S.piecewiseConstantDecay({ boundaries: [] }), /^schedules\.piecewiseConstantDecay: values must be an array of 1 to 64 learning rates/],
  ['piecewise boundaries count', () => S.piecewiseConstantDecay({ boundaries: [1, 2], values: [0.1, 0.01] }), /boundaries must be an array of 1 steps/],
  ['piecewise boundaries not increasing', () => S.piecewiseConstantDecay({ boundaries: [5, 5], values: [0.1, 0.01, 0.001] }), /boundaries\[1\] must be greater than boundaries\[0\] \(5\), got 5/],
  ['piecewise value negative', () => S.piecewiseConstantDecay({ boundaries: [5], values: [0.1, -0.01] }), /values\[1\] must be a finite number > 0, got -0\.01/],
  ['piecewise too many values', () => S.piecewiseConstantDecay({ boundaries: Array.from({ length: 64 }, (_, i) => i), values: new Array(65).fill(0.1) }), /values must be an array of 1 to 64 learning rates, got an array of length 65/],
  ['polynomialDecay power negative', () => S.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, power: -1 }), /^schedules\.polynomialDecay: power must be a finite number >= 0, got -1/],
  ['polynomialDecay cycle string', () => S.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, cycle: 'yes' }), /cycle must be true or false, got "yes"/],
  ['polynomialDecay endLearningRate NaN', () => S.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: NaN }), /endLearningRate .* got NaN/],
  ['cosineDecay alpha above 1', () => S.cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 2 }), /^schedules\.cosineDecay: alpha must be a finite number >= 0 and <= 1, got 2/],
  ['cosineDecay warmupSteps fractional', () => S.cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupSteps: 1.5 }), /warmupSteps must be an integer >= 0, got 1\.5/],
  ['cosineDecay warmupTarget without warmupSteps', () => S.cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupTarget: 0.5 }), /warmupSteps must be an integer >= 1 when warmupTarget is set, got 0/],
  ['cosineDecay warmupTarget negative', () => S.cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupTarget: -1, warmupSteps: 2 }), /warmupTarget must be a finite number > 0, got -1/],
  // fit
  ['fit before compile', ({ uncompiled }) => uncompiled.fit(x, y, { verbose: 0 }), /^fit: the model must be compiled first/],
  ['fit sampleWeight short', ({ model }) => model.fit(x, y, { verbose: 0, sampleWeight: [1, 1, 1] }), /^fit: sampleWeight must hold one weight per sample \(4\), got 3$/],
  ['fit sampleWeight NaN', ({ model }) => model.fit(x, y, { verbose: 0, sampleWeight: [1, NaN, 1, 1] }), /^fit: sampleWeight\[1\] must be a finite number >= 0, got NaN$/],
  ['fit sampleWeight negative', ({ model }) => model.fit(x, y, { verbose: 0, sampleWeight: [1, 1, -1, 1] }), /^fit: sampleWeight\[2\] must be a finite number >= 0, got -1$/],
  ['fit sampleWeight string', ({ model }) => model.fit(x, y, { verbose: 0, sampleWeight: 'ones' }), /^fit: sampleWeight must be an array or Float32Array of 4 weights, one per sample, got "ones"$/],
  ['fit sampleWeight null', ({ model }) => model.fit(x, y, { verbose: 0, sampleWeight: null }), /^fit: sampleWeight must be an array .* got null$/],
  ['fit classWeight array', ({ model }) => model.fit(x, y, { verbose: 0, classWeight: [1, 2] }), /^fit: classWeight must be an object \{ \[classIndex\]: weight \}, got an array of length 2$/],
  ['fit classWeight key', ({ model }) => model.fit(x, y, { verbose: 0, classWeight: { a: 1 } }), /^fit: classWeight keys must be class indices \(0, 1, \.\.\.\), got "a"$/],
  ['fit classWeight negative key', ({ model }) => model.fit(x, y, { verbose: 0, classWeight: { '-1': 1 } }), /^fit: classWeight keys must be class indices .* got "-1"$/],
  ['fit classWeight value', ({ model }) => model.fit(x, y, { verbose: 0, classWeight: { 0: Infinity } }), /^fit: classWeight\[0\] must be a finite number >= 0, got Infinity$/],
  ['fit classWeight and sampleWeight', ({ model }) => model.fit(x, y, { verbose: 0, classWeight: { 0: 1 }, sampleWeight: [1, 1, 1, 1] }), /^fit: give sampleWeight or classWeight, not both/],
  ['fit initialEpoch negative', ({ model }) => model.fit(x, y, { verbose: 0, initialEpoch: -1 }), /^fit: initialEpoch must be an integer in \[0, 2147483647\], got -1$/],
  ['fit initialEpoch fraction', ({ model }) => model.fit(x, y, { verbose: 0, initialEpoch: 0.5 }), /^fit: initialEpoch must be an integer .* got 0\.5$/],
  ['fit validationBatchSize 0', ({ model }) => model.fit(x, y, { verbose: 0, validationSplit: 0.5, validationBatchSize: 0 }), /^fit: validationBatchSize must be an integer in \[1, 2147483647\], got 0$/],
  ['fit validationData sampleWeight short', ({ model }) => model.fit(x, y, { verbose: 0, validationData: [x, y, [1]] }), /^fit: validationData\[2\] must hold one weight per sample \(4\), got 1$/],
  ['evaluate sampleWeight long', ({ model }) => model.evaluate(x, y, { sampleWeight: [1, 1, 1, 1, 1] }), /^evaluate: sampleWeight must hold one weight per sample \(4\), got 5$/],
  ['evaluate classWeight option', ({ model }) => model.evaluate(x, y, { classWeight: { 0: 1 } }), /^evaluate: unknown option "classWeight"; expected one of batchSize, sampleWeight$/],
  ['testOnBatch before compile', ({ uncompiled }) => uncompiled.testOnBatch(x, y), /^testOnBatch: the model must be compiled first/],
  ['testOnBatch y short', ({ model }) => model.testOnBatch(x, [[0], [1]]), /^testOnBatch: y must have one label row per sample \(4\), got 2$/],
  ['testOnBatch sampleWeight Infinity', ({ model }) => model.testOnBatch(x, y, { sampleWeight: [1, 1, Infinity, 1] }), /^testOnBatch: sampleWeight\[2\] must be a finite number >= 0, got Infinity$/],
  ['testOnBatch options array', ({ model }) => model.testOnBatch(x, y, [1]), /^testOnBatch: options must be an object, got an array of length 1$/],
  ['testOnBatch after dispose', ({ disposed }) => disposed.testOnBatch(x, y), /^testOnBatch: the model was disposed/],
  ['predictOnBatch x wrong width', ({ model }) => model.predictOnBatch([[1, 2, 3]]), /^predictOnBatch: x/],
  ['predictOnBatch options', ({ model }) => model.predictOnBatch(x, { training: true }), /^predictOnBatch: takes x only \(Keras predict_on_batch\), got 2 arguments$/],
  ['predictOnBatch after dispose', ({ disposed }) => disposed.predictOnBatch(x), /^predictOnBatch: the model was disposed/],
  ['fit after dispose', ({ disposed }) => disposed.fit(x, y, { verbose: 0 }), /^fit: the model was disposed/],
  ['fit x missing', ({ model }) => model.fit(undefined, y, { verbose: 0 }), /^fit: x must be number\[\]\[\] or a flat Float32Array/],
  ['fit x string', ({ model }) => model.fit('xor', y, { verbose: 0 }), /x must be number\[\]\[\] .* got "xor"/],
  ['fit x empty', ({ model }) => model.fit([], [], { verbose: 0 }), /x must be a non-empty array/],
  ['fit x row width', ({ model }) => model.fit([[0, 0, 0]], [[0]]), /x\[0\] must have 2 values, got 3/],
  ['fit x row not an array', ({ model }) => model.fit([[0, 0], 5], [[0], [1]]), /x\[1\] must be an array of 2 numbers, got 5/],
  ['fit x value string', ({ model }) => model.fit([[0, '1']], [[0]]), /x\[0\]\[1\] must be a number, got "1"/],
  ['fit x NaN', ({ model }) => model.fit([[0, NaN]], [[1]]), /x must be finite, got NaN at row 0, column 1/],
  ['fit x Infinity flat', ({ model }) => model.fit(new Float32Array([0, Infinity]), [[1]], { verbose: 0 }), /x must be finite, got Infinity at row 0, column 1/],
  ['fit flat x length', ({ model }) => model.fit(new Float32Array(5), [[0]], { verbose: 0 }), /x must be a non-empty Float32Array whose length is a multiple of 2/],
  ['fit y fewer rows', ({ model }) => model.fit(x, [[0], [1]]), /y must have one label row per sample \(4\), got 2/],
  ['fit y NaN', ({ model }) => model.fit(x, [[0], [NaN], [1], [0]]), /y must be finite, got NaN at row 1/],
  ['fit y wide rows', ({ model }) => model.fit(x, [[0, 1], [1, 0], [0, 1], [1, 0]]), /y\[0\] must have 1 values, got 2/],
  ['fit options number', ({ model }) => model.fit(x, y, 10), /^fit: options must be an object, got 10/],
  ['fit epochs negative', ({ model }) => model.fit(x, y, { verbose: 0, epochs: -1 }), /epochs must be an integer in \[0, 2147483647\], got -1/],
  ['fit epochs fractional', ({ model }) => model.fit(x, y, { verbose: 0, epochs: 1.5 }), /epochs .* got 1\.5/],
  ['fit epochs string', ({ model }) => model.fit(x, y, { verbose: 0, epochs: '10' }), /epochs .* got "10"/],
  ['fit batchSize 0', ({ model }) => model.fit(x, y, { verbose: 0, batchSize: 0 }), /batchSize must be an integer in \[1, 2147483647\], got 0/],
  ['fit batchSize NaN', ({ model }) => model.fit(x, y, { verbose: 0, batchSize: NaN }), /batchSize .* got NaN/],
  ['fit shuffle string', ({ model }) => model.fit(x, y, { verbose: 0, shuffle: 'batch' }), /shuffle must be true or false, got "batch"/],
  ['fit validationSplit negative', ({ model }) => model.fit(x, y, { verbose: 0, validationSplit: -0.1 }), /validationSplit must be a finite number >= 0 and < 1, got -0\.1/],
  ['fit validationSplit 1', ({ model }) => model.fit(x, y, { verbose: 0, validationSplit: 1 }), /validationSplit .* got 1/],
  ['fit validationSplit too large for the data', ({ model }) => model.fit(x, y, { verbose: 0, validationSplit: 0.9 }), /validationSplit 0\.9 of 4 samples leaves an empty training or validation set/],
  ['fit validation both', ({ model }) => model.fit(x, y, { verbose: 0, validationSplit: 0.5, validationData: [x, y] }), /give validationSplit or validationData, not both/],
  ['fit validationData not a pair', ({ model }) => model.fit(x, y, { verbose: 0, validationData: x }), /validationData must be an array \[xVal, yVal\]/],
  ['fit validationData bad x', ({ model }) => model.fit(x, y, { verbose: 0, validationData: [[[1]], [[0]]] }), /validationData\[0\]\[0\] must have 2 values, got 1/],
  ['fit validationData bad y', ({ model }) => model.fit(x, y, { verbose: 0, validationData: [x, [[0]]] }), /validationData\[1\] must have one label row per sample \(4\), got 1/],
  ['fit onEpochEnd string', ({ model }) => model.fit(x, y, { verbose: 0, onEpochEnd: 'log' }), /onEpochEnd must be a function, got "log"/],
  ['fit onBatchEnd object', ({ model }) => model.fit(x, y, { verbose: 0, onBatchEnd: {} }), /onBatchEnd must be a function, got an object/],
  ['fit diagnostics number', ({ model }) => model.fit(x, y, { verbose: 0, diagnostics: 1 }), /diagnostics must be true or false, got 1/],
  ['fit terminateOnNaN string', ({ model }) => model.fit(x, y, { verbose: 0, terminateOnNaN: 'no' }), /terminateOnNaN must be true or false, got "no"/],
  ['fit unknown option', ({ model }) => model.fit(x, y, { verbosity: 0 }), /unknown option "verbosity"/],
  ['fit stepsPerExecution 0', ({ model }) => model.fit(x, y, { verbose: 0, stepsPerExecution: 0 }), /stepsPerExecution must be an integer in \[1, 2147483647\], got 0/],
  ['fit stepsPerExecution string', ({ model }) => model.fit(x, y, { verbose: 0, stepsPerExecution: 'fast' }), /stepsPerExecution .* got "fast"/],
  ['fit callbacks not an array', ({ model }) => model.fit(x, y, { verbose: 0, callbacks: {} }), /^fit: callbacks must be an array of callbacks/],
  ['fit callbacks entry without hooks', ({ model }) => model.fit(x, y, { verbose: 0, callbacks: [{ on_epoch_end() {} }] }), /^fit: callbacks\[0\] must be an object with at least one of onTrainBegin/],
  ['fit verbose 3', ({ model }) => model.fit(x, y, { verbose: 3 }), /^fit: verbose must be 'auto', 0, 1 or 2, got 3/],
  ['fit sparse label out of range', ({ sparse }) => sparse.fit([[0, 0]], [3]), /y\[0\] must be an integer class index in \[0, 2\], got 3/],
  ['fit sparse label negative', ({ sparse }) => sparse.fit([[0, 0]], [-1]), /y\[0\] .* got -1/],
  ['fit sparse labels as a string', ({ sparse }) => sparse.fit([[0, 0]], 'a'), /y must be a non-empty number\[\] or Int32Array of class indices, got "a"/],
  // predict / evaluate / trainOnBatch / computeGradients
  ['predict after dispose', ({ disposed }) => disposed.predict(x), /^predict: the model was disposed/],
  ['predict x row width', ({ model }) => model.predict([[1]]), /^predict: x\[0\] must have 2 values, got 1/],
  ['predict x NaN', ({ model }) => model.predict([[1, NaN]]), /x must be finite, got NaN/],
  ['predict x number', ({ model }) => model.predict(3), /x must be number\[\]\[\] .* got 3/],
  ['predict x Float64Array', ({ model }) => model.predict(new Float64Array(4)), /x must be number\[\]\[\] .* got Float64Array\(4\)/],
  ['predict training number', ({ model }) => model.predict(x, { training: 1 }), /training must be true or false, got 1/],
  ['predict unknown option', ({ model }) => model.predict(x, { batchSize: 2 }), /unknown option "batchSize"/],
  ['predict options string', ({ model }) => model.predict(x, 'train'), /options must be an object, got "train"/],
  ['evaluate before compile', ({ uncompiled }) => uncompiled.evaluate(x, y), /^evaluate: the model must be compiled first/],
  ['evaluate after dispose', ({ disposed }) => disposed.evaluate(x, y), /^evaluate: the model was disposed/],
  ['evaluate batchSize 0', ({ model }) => model.evaluate(x, y, { batchSize: 0 }), /batchSize must be an integer in \[1, 2147483647\], got 0/],
  ['evaluate unknown option', ({ model }) => model.evaluate(x, y, { verbose: 1 }), /unknown option "verbose"/],
  ['evaluate y missing', ({ model }) => model.evaluate(x), /y must be number\[\]\[\] .* got undefined/],
  ['evaluate y Infinity', ({ model }) => model.evaluate(x, [[0], [1], [Infinity], [0]]), /y must be finite, got Infinity/],
  ['trainOnBatch before compile', ({ uncompiled }) => uncompiled.trainOnBatch(x, y), /^trainOnBatch: the model must be compiled first/],
  ['trainOnBatch after dispose', ({ disposed }) => disposed.trainOnBatch(x, y), /^trainOnBatch: the model was disposed/],
  ['trainOnBatch y rows', ({ model }) => model.trainOnBatch(x, [[1]]), /y must have one label row per sample \(4\), got 1/],
  ['trainOnBatch x NaN', ({ model }) => model.trainOnBatch([[NaN, 0]], [[1]]), /x must be finite, got NaN/],
  ['computeGradients before compile', ({ uncompiled }) => uncompiled.computeGradients(x, y), /^computeGradients: the model must be compiled first/],
  ['computeGradients y wide', ({ model }) => model.computeGradients(x, [[0, 1], [0, 1], [0, 1], [0, 1]]), /y\[0\] must have 1 values, got 2/],
  ['computeGradients x Infinity', ({ model }) => model.computeGradients([[Infinity, 0]], [[1]]), /x must be finite, got Infinity/],
  // weights and the rest of the model
  ['getWeights after dispose', ({ disposed }) => disposed.getWeights(), /^getWeights: the model was disposed/],
  ['setWeights after dispose', ({ disposed }) => disposed.setWeights([]), /^setWeights: the model was disposed/],
  ['setWeights not an array', ({ model }) => model.setWeights(new Float32Array(8)), /^setWeights: weights must be an array of 4 arrays/],
  ['setWeights too few', ({ model }) => model.setWeights(w4().slice(0, 3)), /weights must be an array of 4 arrays .* got an array of length 3/],
  ['setWeights wrong length', ({ model }) => model.setWeights([...w4().slice(0, 3), new Float32Array(2)]), /weights\[3\] \(dense_1\/bias\) must be a Float32Array of length 1/],
  ['setWeights plain arrays', ({ model }) => model.setWeights(w4().map((a) => Array.from(a))), /weights\[0\] \(dense\/kernel\) must be a Float32Array of length 8/],
  ['setWeights object without values', ({ model }) => model.setWeights([{ name: 'dense/kernel' }, ...w4().slice(1)]), /weights\[0\] \(dense\/kernel\) must be a Float32Array/],
  ['setWeights NaN', ({ model }) => model.setWeights([new Float32Array(8).fill(NaN), ...w4().slice(1)]), /weights\[0\] \(dense\/kernel\) must be finite, got NaN at index 0/],
  ['setWeights Infinity late', ({ model }) => model.setWeights([...w4().slice(0, 3), new Float32Array([Infinity])]), /weights\[3\] \(dense_1\/bias\) must be finite, got Infinity at index 0/],
  ['summary after dispose', ({ disposed }) => disposed.summary(), /^summary: the model was disposed/],
  ['gradientStats after dispose', ({ disposed }) => disposed.gradientStats(), /^gradientStats: the model was disposed/],
  ['setWeights while fit runs', async ({ model }) => {
    const running = model.fit(x, y, { verbose: 0, epochs: 1 });
    try { model.setWeights(w4()); } finally { await running; }
  }, /^setWeights: fit\(\) is running on this model; await it first/, { changes: true }],
  ['compile while fit runs', async ({ model }) => {
    const running = model.fit(x, y, { verbose: 0, epochs: 1 });
    try { model.compile({ optimizer: 'adam', loss: 'mse' }); } finally { await running; }
  }, /^compile: fit\(\) is running on this model/, { changes: true }],
  ['save while fit runs', async ({ model }) => {
    const running = model.fit(x, y, { verbose: 0, epochs: 1 });
    try { model.save(); } finally { await running; }
  }, /^save: fit\(\) is running on this model/, { changes: true }],
  // save
  ['save after dispose', ({ disposed }) => disposed.save(), /^save: the model was disposed/],
  ['save includeOptimizer number', ({ model }) => model.save({ includeOptimizer: 1 }), /^save: includeOptimizer must be true or false, got 1/],
  ['save includeOptimizer string', ({ model }) => model.save({ includeOptimizer: 'no' }), /includeOptimizer .* got "no"/],
  ['save unknown option', ({ model }) => model.save({ format: 'h5' }), /^save: unknown option "format"/],
  ['save options string', ({ model }) => model.save('model.bin'), /^save: options must be an object, got "model\.bin"/],
  // loadModel
  ['loadModel nothing', () => loadModel(), /^loadModel: bytes must be a Uint8Array \(or ArrayBuffer\) holding a file from model\.save\(\), got undefined/],
  ['loadModel string', () => loadModel('SIMDTRN'), /^loadModel: bytes must be .* got "SIMDTRN"/],
  ['loadModel number array', ({ file }) => loadModel(Array.from(file)), /^loadModel: bytes must be .* got an array/],
  ['loadModel Float32Array', () => loadModel(new Float32Array(16)), /^loadModel: bytes must be .* got Float32Array\(16\)/],
  ['loadModel a model', ({ model }) => loadModel(model), /^loadModel: bytes must be .* got an object/],
  ['loadModel empty', () => loadModel(new Uint8Array(0)), /^loadModel: bytes is not a valid simdtrain model file: truncated: the magic/],
  ['loadModel wrong magic', () => loadModel(new TextEncoder().encode('PK\u0003\u0004 zip file, not a model')), /^loadModel: bytes is not a valid simdtrain model file: not a simdtrain model file/],
  ['loadModel header only', ({ file }) => loadModel(file.subarray(0, 12)), /^loadModel: bytes is not a valid simdtrain model file: truncated: a section tag/],
  ['loadModel half a file', ({ file }) => loadModel(file.subarray(0, file.length >> 1)), /^loadModel: bytes is not a valid simdtrain model file: truncated/],
  ['loadModel last byte missing', ({ file }) => loadModel(file.subarray(0, file.length - 1)), /^loadModel: bytes is not a valid simdtrain model file: (truncated|checksum)/],
  ['loadModel version 9', ({ file }) => loadModel(u32At(file, 8, 9)), /format version 9 is not supported/],
  ['loadModel flipped config byte', ({ file }) => loadModel(flip(file, 30)), /checksum mismatch/],
  ['loadModel flipped weight byte', ({ file }) => loadModel(flip(file, file.length - 10)), /checksum mismatch/],
  ['loadModel flipped checksum', ({ file }) => loadModel(flip(file, file.length - 1)), /checksum mismatch/],
  ['loadModel forged config length', ({ file }) => loadModel(u32At(file, 16, 0x7ffffff0)), /section "CONF" declares 2147483632 bytes/],
  ['loadModel forged weight count', ({ file }) => loadModel(u32At(file, file.length - 4 - 4 * (8 + 4 + 4 + 1) - 4 * 4 - 4, 1 << 30)), /weight count is 1073741824/],
  ['loadModel forged weight size', ({ file }) => loadModel(u32At(file, file.length - 4 - 4 * (8 + 4 + 4 + 1) - 4 * 4, 0x7fffffff)), /weights section holds/],
  ['loadModel trailing garbage', ({ file }) => { const b = new Uint8Array(file.length + 8); b.set(file); return loadModel(b); }, /unexpected bytes after the weights section|checksum/],
  // more of every kind (formerly bad_input.test.mjs)

  // layers
  ['dense without options', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense(), /options/],
  ['dense units 2.5', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2.5 }), /units .* got 2\.5/],
  ['dense units as a string', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: '8' }), /units .* got "8"/],
  ['dense unknown activation', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, activation: 'hardTanh' }), /activation must be one of .*'relu'.* got "hardTanh"/],
  ['dense activation in Keras snake_case', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, activation: 'leaky_relu' }), /activation .* got "leaky_relu"/],
  ['dense unknown initializer', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, kernelInitializer: 'randomWalk' }), /kernelInitializer .* got "randomWalk"/],
  ['dense unknown bias initializer', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, biasInitializer: 'random' }), /biasInitializer .* got "random"/],
  ['dense unknown option key', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, activaton: 'relu' }), /unknown option "activaton"/],
  ['dense inputShape not an array', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, inputShape: 2 }), /inputShape must be an array/],
  ['dense useBias not boolean', ({ model, uncompiled, sparse, disposed, opt }) => layers.dense({ units: 2, useBias: 1 }), /useBias must be true or false, got 1/],
  ['activation layer without name', ({ model, uncompiled, sparse, disposed, opt }) => layers.activation({}), /activation must be one of/],
  // sequential
  ['sequential without layers', ({ model, uncompiled, sparse, disposed, opt }) => sequential({}), /layers must be a non-empty array/],
  ['sequential with an empty layer list', ({ model, uncompiled, sparse, disposed, opt }) => sequential({ layers: [] }), /layers must be a non-empty array/],
  ['sequential first layer without inputShape', ({ model, uncompiled, sparse, disposed, opt }) => sequential({ layers: [layers.dense({ units: 2 })] }), /layers\[0\] must give inputShape/],
  ['sequential with a plain object layer', ({ model, uncompiled, sparse, disposed, opt }) => sequential({ layers: [{ className: 'Dense', units: 2 }] }), /layers\[0\] must be a layer/],
  ['sequential seed NaN', ({ model, uncompiled, sparse, disposed, opt }) => sequential({ seed: NaN, layers: [layers.dense({ units: 1, inputShape: [1] })] }), /seed .* got NaN/],
  ['sequential duplicate layer names', ({ model, uncompiled, sparse, disposed, opt }) => sequential({ layers: [layers.dense({ units: 1, inputShape: [1], name: 'a' }), layers.dense({ units: 1, name: 'a' })] }), /unique, got "a" twice/],
  ['sequential inputShape on a later layer', ({ model, uncompiled, sparse, disposed, opt }) => sequential({ layers: [layers.dense({ units: 1, inputShape: [1] }), layers.dense({ units: 1, inputShape: [1] })] }), /layers\[1\]\.inputShape/],
  // compile
  ['compile unknown loss', ({ model, uncompiled, sparse, disposed, opt }) => model.compile({ optimizer: 'sgd', loss: 'squaredHinge' }), /loss must be one of .* got "squaredHinge"/],
  ['compile unknown optimizer', ({ model, uncompiled, sparse, disposed, opt }) => model.compile({ optimizer: 'lion', loss: 'mse' }), /optimizer must be one of .* got "lion"/],
  ['compile unknown metric', ({ model, uncompiled, sparse, disposed, opt }) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['aucroc'] }), /compile: metrics\[0\] must be one of .* got "aucroc"/],
  ['compile unknown option key', ({ model, uncompiled, sparse, disposed, opt }) => model.compile({ optimizer: 'sgd', loss: 'mse', lr: 0.1 }), /unknown option "lr"/],
  // optimizers
  ['sgd negative learning rate', ({ model, uncompiled, sparse, disposed, opt }) => optimizers.sgd({ learningRate: -0.1 }), /learningRate must be a finite number > 0, got -0\.1/],
  ['sgd learning rate 0', ({ model, uncompiled, sparse, disposed, opt }) => optimizers.sgd({ learningRate: 0 }), /learningRate .* got 0/],
  ['sgd learning rate Infinity', ({ model, uncompiled, sparse, disposed, opt }) => optimizers.sgd({ learningRate: Infinity }), /learningRate .* got Infinity/],
  ['set learningRate to NaN', ({ model, uncompiled, sparse, disposed, opt }) => { opt.learningRate = NaN; }, /learningRate .* got NaN/],
  ['step with grads of another length', ({ model, uncompiled, sparse, disposed, opt }) => opt.step(new Float32Array(2), new Float32Array(3)), /grads\[0\] must be a Float32Array of length 2, got Float32Array\(3\)/],
  ['step with NaN in grads', ({ model, uncompiled, sparse, disposed, opt }) => opt.step(new Float32Array(2), new Float32Array([1, NaN])), /grads\[0\] must be finite, got NaN at index 1/],
  ['step with a plain array', ({ model, uncompiled, sparse, disposed, opt }) => opt.step([1, 2], [1, 2]), /params\[0\] must be a non-empty Float32Array/],
  ['step with a different count of arrays', ({ model, uncompiled, sparse, disposed, opt }) => opt.step([new Float32Array(1)], [new Float32Array(1), new Float32Array(1)]), /grads must be 1 array/],
  // data
  ['fit x rows of the wrong width', ({ model, uncompiled, sparse, disposed, opt }) => model.fit([[0, 0, 0]], [[0]]), /x\[0\] must have 2 values, got 3/],
  ['fit y with fewer rows than x', ({ model, uncompiled, sparse, disposed, opt }) => model.fit(x, [[0], [1]]), /y must have one label row per sample \(4\), got 2/],
  ['fit NaN in x', ({ model, uncompiled, sparse, disposed, opt }) => model.fit([[0, NaN]], [[1]]), /x must be finite, got NaN at row 0, column 1/],
  ['fit Infinity in y', ({ model, uncompiled, sparse, disposed, opt }) => model.fit([[0, 1]], [[Infinity]]), /y must be finite, got Infinity/],
  ['fit flat x of a length that does not divide', ({ model, uncompiled, sparse, disposed, opt }) => model.fit(new Float32Array(5), [[0]], { verbose: 0 }), /x must be a non-empty Float32Array whose length is a multiple of 2/],
  ['fit x as a string', ({ model, uncompiled, sparse, disposed, opt }) => model.fit('data', y, { verbose: 0 }), /x must be number\[\]\[\] or a flat Float32Array/],
  ['fit empty x', ({ model, uncompiled, sparse, disposed, opt }) => model.fit([], [], { verbose: 0 }), /x must be a non-empty array/],
  ['fit validationSplit leaving no training rows', ({ model, uncompiled, sparse, disposed, opt }) => model.fit(x, y, { verbose: 0, validationSplit: 0.8 }), /leaves an empty training or validation set/],
  ['fit both validation options', ({ model, uncompiled, sparse, disposed, opt }) => model.fit(x, y, { verbose: 0, validationSplit: 0.5, validationData: [x, y] }), /validationSplit or validationData, not both/],
  ['fit onEpochEnd not a function', ({ model, uncompiled, sparse, disposed, opt }) => model.fit(x, y, { verbose: 0, onEpochEnd: 'log' }), /onEpochEnd must be a function, got "log"/],
  ['fit shuffle not boolean', ({ model, uncompiled, sparse, disposed, opt }) => model.fit(x, y, { verbose: 0, shuffle: 'batch' }), /shuffle must be true or false, got "batch"/],
  ['sparse label out of range', ({ model, uncompiled, sparse, disposed, opt }) => sparse.fit([[0, 0]], [3]), /y\[0\] must be an integer class index in \[0, 2\], got 3/],
  ['sparse label not an integer', ({ model, uncompiled, sparse, disposed, opt }) => sparse.evaluate([[0, 0]], [0.5]), /y\[0\] must be an integer class index .* got 0\.5/],
  ['predict wrong row width', ({ model, uncompiled, sparse, disposed, opt }) => model.predict([[1]]), /x\[0\] must have 2 values, got 1/],
  ['predict training not boolean', ({ model, uncompiled, sparse, disposed, opt }) => model.predict(x, { training: 1 }), /training must be true or false, got 1/],
  ['trainOnBatch labels of the wrong width', ({ model, uncompiled, sparse, disposed, opt }) => model.trainOnBatch(x, [[0, 1], [1, 0], [0, 1], [1, 0]]), /y\[0\] must have 1 values, got 2/],
  ['computeGradients NaN in x', ({ model, uncompiled, sparse, disposed, opt }) => model.computeGradients([[NaN, 0]], [[1]]), /x must be finite, got NaN/],
  // weights
  ['setWeights with too few arrays', ({ model, uncompiled, sparse, disposed, opt }) => model.setWeights([new Float32Array(8)]), /weights must be an array of 4 arrays/],
  ['setWeights with a wrong length', ({ model, uncompiled, sparse, disposed, opt }) => model.setWeights([new Float32Array(8), new Float32Array(4), new Float32Array(4), new Float32Array(2)]), /weights\[3\] \(dense_1\/bias\) must be a Float32Array of length 1/],
  ['setWeights with NaN', ({ model, uncompiled, sparse, disposed, opt }) => model.setWeights([new Float32Array(8).fill(NaN), new Float32Array(4), new Float32Array(4), new Float32Array(1)]), /weights\[0\] \(dense\/kernel\) must be finite, got NaN at index 0/],
  // regularizers (Keras validate_float_arg: finite, >= 0) and trainable
  ...['l3', 'L2', '', 5, null, [], true].map((v) => [`dense kernelRegularizer ${shown(v)}`, () => layers.dense({ units: 1, kernelRegularizer: v }), /^layers\.dense: kernelRegularizer must be/]),
  ['dense kernelRegularizer unknown class', () => layers.dense({ units: 1, kernelRegularizer: { className: 'Orthogonal', config: {} } }), /^layers\.dense: kernelRegularizer\.className must be one of L1, L2, L1L2, got "Orthogonal"/],
  ['dense kernelRegularizer factor negative', () => layers.dense({ units: 1, kernelRegularizer: { className: 'L2', config: { l2: -1 } } }), /^layers\.dense: kernelRegularizer\.config: l2 must be a finite number >= 0 .* got -1/],
  ['dense kernelRegularizer factor of the other class', () => layers.dense({ units: 1, kernelRegularizer: { className: 'L2', config: { l1: 0.1 } } }), /kernelRegularizer\.config: unknown option "l1"; expected one of l2/],
  ['dense kernelRegularizer extra key', () => layers.dense({ units: 1, kernelRegularizer: { className: 'L2', config: {}, l2: 1 } }), /kernelRegularizer: unknown option "l2"; expected one of className, config/],
  ['dense biasRegularizer config null', () => layers.dense({ units: 1, biasRegularizer: { className: 'L1', config: null } }), /biasRegularizer\.config: options must be an object, got null/],
  ['BN gammaRegularizer NaN factor', () => layers.batchNormalization({ gammaRegularizer: { className: 'L1L2', config: { l1: NaN } } }), /gammaRegularizer\.config: l1 must be a finite number/],
  ['activation activityRegularizer unknown', () => layers.activation({ activation: 'relu', activityRegularizer: 'dropout' }), /^layers\.activation: activityRegularizer must be/],
  ['dropout regularizer of a weight it lacks', () => layers.dropout({ rate: 0.5, kernelRegularizer: 'l2' }), /^layers\.dropout: unknown option "kernelRegularizer"/],
  ...[-0.01, NaN, Infinity, 1e39, '0.1', null].map((v) => [`regularizers.l1 ${shown(v)}`, () => regularizers.l1(v), /^regularizers\.l1: (l1 must be a finite number >= 0|options must be an object)/]),
  ...[-1, '0.2'].map((v) => [`regularizers.l2 l2 ${shown(v)}`, () => regularizers.l2({ l2: v }), /^regularizers\.l2: l2 must be a finite number >= 0/]),
  ['regularizers.l1l2 unknown key', () => regularizers.l1l2({ l3: 1 }), /^regularizers\.l1l2: unknown option "l3"; expected one of l1, l2/],
  ['regularizers.l1l2 negative positional l2', () => regularizers.l1l2(0.1, -0.1), /^regularizers\.l1l2: l2 must be a finite number >= 0/],
  ...['no', 0, 1, null].map((v) => [`dense option trainable ${shown(v)}`, () => layers.dense({ units: 1, trainable: v }), /^layers\.dense: trainable must be true or false/]),
  ...['no', 0, null, undefined].map((v) => [`layer trainable set to ${shown(v)}`, ({ model }) => { model.layers[0].trainable = v; }, /^dense\.trainable: value must be true or false/]),
  ['layer trainable set during fit', async ({ model }) => {
    const running = model.fit(x, y, { verbose: 0, epochs: 2 });
    try { model.layers[0].trainable = false; } finally { await running; }
  }, /^dense\.trainable: fit\(\) is running on this model; await it first/, { changes: true }],
  ['layer trainable on a disposed model', ({ disposed }) => { disposed.layers[0].trainable = false; }, /^dense\.trainable: the model was disposed/],
  ['layer setWeights too few arrays', ({ model }) => model.layers[1].setWeights([new Float32Array(4)]), /^dense_1\.setWeights: weights must be an array of 2 arrays \(dense_1\/kernel, dense_1\/bias\)/],
  ['layer setWeights NaN', ({ model }) => model.layers[0].setWeights([new Float32Array(8).fill(NaN), new Float32Array(4)]), /^dense\.setWeights: weights\[0\] \(dense\/kernel\) must be finite, got NaN/],
  ['layer getWeights after dispose', ({ disposed }) => disposed.layers[0].getWeights(), /^dense\.getWeights: the model was disposed/],
  ['trainOnBatch after trainable changed, before compile', () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    m.layers[0].trainable = false;
    try { return m.trainOnBatch(x, y); } finally { m.dispose(); }
  }, /^trainOnBatch: trainable changed since compile\(\) on layer\(s\) dense \(now false\); call compile\(\) again/],
  ['compile reusing a trained optimizer after trainable changed', () => {
    const m = sequential({ layers: [layers.dense({ units: 2, inputShape: [2] }), layers.dense({ units: 1 })] });
    m.compile({ optimizer: 'adam', loss: 'mse' });
    m.trainOnBatch(x, y);
    m.layers[1].trainable = false;
    try { return m.compile({ optimizer: m.optimizer, loss: 'mse' }); } finally { m.dispose(); }
  }, /^compile: the optimizer has state for the weights this model trained before a layer's trainable changed \(\[dense\/kernel,dense\/bias,dense_1\/kernel,dense_1\/bias\], now \[dense\/kernel,dense\/bias\]\)/],
  ['save with the optimizer after trainable changed', () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    m.layers[0].trainable = false;
    try { return m.save(); } finally { m.dispose(); }
  }, /^save: includeOptimizer is true but trainable changed since compile\(\) on layer\(s\) dense/],
  // lifecycle
  ['init with an unknown option', ({ model, uncompiled, sparse, disposed, opt }) => init({ threads: 2 }), /unknown option "threads"/],
];


// layers.batchNormalization / layers.dropout options, value by value (formerly
// batchnorm_bad_input.test.mjs): each message names the option. Values that pass the JS
// range check but round to a limit in float32 are refused by the core when the layer is built.
const naming = (name) => new RegExp(`\\b${name}\\b`);
const show = (v) => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v));
const inModel = (layer) => () => sequential({ layers: [layers.dense({ units: 3, inputShape: [2] }), layer()] });
const bn = (o) => () => layers.batchNormalization(o);
const dropoutOf = (o) => () => layers.dropout(o);
cases.push(
  ...[-0.1, -1e-9, 1, 1.5, NaN, Infinity, -Infinity, '0.9', true, null].map((v) => [`BN option momentum ${show(v)}`, bn({ momentum: v }), naming('momentum')]),
  ['BN momentum 1 - 1e-10 (1 in float32)', inModel(() => layers.batchNormalization({ momentum: 1 - 1e-10 })), naming('momentum')],
  ...[0, -0, -1e-3, NaN, Infinity, '1e-3'].map((v) => [`BN option epsilon ${show(v)}`, bn({ epsilon: v }), naming('epsilon')]),
  ['BN epsilon 1e-50 (0 in float32)', inModel(() => layers.batchNormalization({ epsilon: 1e-50 })), naming('epsilon')],
  ...['gammaInitializer', 'betaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer'].flatMap((key) =>
    ['bogus', 'glorot_uniform', 'Ones', '', 1].map((v) => [`BN option ${key} ${show(v)}`, bn({ [key]: v }), naming(key)])),
  ...['center', 'scale'].flatMap((key) => [1, 'true'].map((v) => [`BN option ${key} ${show(v)}`, bn({ [key]: v }), naming(key)])),
  ...['moment', 'eps', 'moving_mean_initializer', 'axis', 'renorm', 'units'].map((key) => [`BN option unknown key ${key}`, bn({ [key]: 1 }), naming(key)]),
  ['BN options a string', () => layers.batchNormalization('fast'), naming('options')],
  ...[-0.1, 1, 1.5, NaN, Infinity, '0.5', null, undefined].map((v) => [`dropout option rate ${show(v)}`, dropoutOf({ rate: v }), naming('rate')]),
  ['dropout rate 1 - 1e-10 (1 in float32)', inModel(() => layers.dropout({ rate: 1 - 1e-10 })), naming('rate')],
  ...[1.5, -1, 2 ** 32, NaN, Infinity, '3', null, 3n].map((v) => [`dropout option seed ${show(v)}`, dropoutOf({ rate: 0.5, seed: v }), naming('seed')]),
  ...['noise_shape', 'noiseShape', 'p', 'training'].map((key) => [`dropout option unknown key ${key}`, dropoutOf({ rate: 0.5, [key]: 1 }), naming(key)]),
);

test(`${cases.length} bad calls: each throws an Error naming the argument; the model is unchanged and still trains XOR`, { timeout: 300000 }, async () => {
  for (const [what, call, pattern, { changes = false } = {}] of cases) {
    const ctx = context();
    const before = weightBytes(ctx.model);
    let error = null;
    try {
      await call(ctx);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, `${what}: expected an Error, got ${error}`);
    assert.match(error.message, pattern, `${what}: message was "${error.message}"`);
    assert.match(error.message, /^[a-z][\w.]*: \S/i, `${what}: the message must start with the function: "${error.message}"`);
    if (!changes) assert.deepEqual(weightBytes(ctx.model), before, `${what}: the weights changed`);
    await ctx.model.fit(x, y, { verbose: 0, epochs: 400, batchSize: 4 });
    assert.equal(ctx.model.evaluate(x, y).accuracy, 1, `${what}: the model no longer trains XOR to 100%`);
    ctx.dispose();
  }
});

test('the table holds at least 200 distinct bad calls', () => {
  assert.ok(cases.length >= 200, `${cases.length} cases`);
  assert.equal(new Set(cases.map(([what]) => what)).size, cases.length, 'case names repeat');
});
