// bad_input.test.mjs — every public function rejects bad arguments before anything reaches
// wasm: each case must throw an Error whose message names the argument, and afterwards the
// same model still predicts the same and trains normally.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { init, layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];
const model = sequential({ seed: 1, layers: [layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }), layers.dense({ units: 1, activation: 'sigmoid' })] });
const uncompiled = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
const sparse = sequential({ layers: [layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] });
sparse.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
const disposed = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
disposed.compile({ optimizer: 'sgd', loss: 'mse' });
disposed.dispose();
const opt = optimizers.sgd();

// [what is wrong, call, pattern the message must match]
const cases = [
  // layers
  ['dense without options', () => layers.dense(), /options/],
  ['dense units 0', () => layers.dense({ units: 0 }), /units must be an integer in \[1, \d+\], got 0/],
  ['dense units 2.5', () => layers.dense({ units: 2.5 }), /units .* got 2\.5/],
  ['dense units as a string', () => layers.dense({ units: '8' }), /units .* got "8"/],
  ['dense unknown activation', () => layers.dense({ units: 2, activation: 'swish' }), /activation must be one of .*'relu'.* got "swish"/],
  ['dense activation in Keras snake_case', () => layers.dense({ units: 2, activation: 'leaky_relu' }), /activation .* got "leaky_relu"/],
  ['dense unknown initializer', () => layers.dense({ units: 2, kernelInitializer: 'randomWalk' }), /kernelInitializer .* got "randomWalk"/],
  ['dense unknown bias initializer', () => layers.dense({ units: 2, biasInitializer: 'random' }), /biasInitializer .* got "random"/],
  ['dense unknown option key', () => layers.dense({ units: 2, activaton: 'relu' }), /unknown option "activaton"/],
  ['dense inputShape not an array', () => layers.dense({ units: 2, inputShape: 2 }), /inputShape must be an array/],
  ['dense inputShape of rank 2', () => layers.dense({ units: 2, inputShape: [2, 3] }), /inputShape .* got an array of length 2/],
  ['dense useBias not boolean', () => layers.dense({ units: 2, useBias: 1 }), /useBias must be true or false, got 1/],
  ['activation layer without name', () => layers.activation({}), /activation must be one of/],
  // sequential
  ['sequential without layers', () => sequential({}), /layers must be a non-empty array/],
  ['sequential with an empty layer list', () => sequential({ layers: [] }), /layers must be a non-empty array/],
  ['sequential first layer without inputShape', () => sequential({ layers: [layers.dense({ units: 2 })] }), /layers\[0\] must give inputShape/],
  ['sequential with a plain object layer', () => sequential({ layers: [{ className: 'Dense', units: 2 }] }), /layers\[0\] must be a layer/],
  ['sequential seed negative', () => sequential({ seed: -1, layers: [layers.dense({ units: 1, inputShape: [1] })] }), /seed must be an integer in \[0, 4294967295\], got -1/],
  ['sequential seed NaN', () => sequential({ seed: NaN, layers: [layers.dense({ units: 1, inputShape: [1] })] }), /seed .* got NaN/],
  ['sequential duplicate layer names', () => sequential({ layers: [layers.dense({ units: 1, inputShape: [1], name: 'a' }), layers.dense({ units: 1, name: 'a' })] }), /unique, got "a" twice/],
  ['sequential inputShape on a later layer', () => sequential({ layers: [layers.dense({ units: 1, inputShape: [1] }), layers.dense({ units: 1, inputShape: [1] })] }), /layers\[1\]\.inputShape/],
  // compile
  ['compile unknown loss', () => model.compile({ optimizer: 'sgd', loss: 'hinge' }), /loss must be one of .* got "hinge"/],
  ['compile unknown optimizer', () => model.compile({ optimizer: 'lion', loss: 'mse' }), /optimizer must be one of .* got "lion"/],
  ['compile unknown metric', () => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['auc'] }), /compile: metrics\[0\] must be 'accuracy', got "auc"/],
  ['compile unknown option key', () => model.compile({ optimizer: 'sgd', loss: 'mse', lr: 0.1 }), /unknown option "lr"/],
  ['compile sparse loss with one output', () => model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' }), /at least 2 outputs, got 1/],
  ['losses.binaryCrossentropy fromLogits not boolean', () => losses.binaryCrossentropy({ fromLogits: 'yes' }), /fromLogits must be true or false, got "yes"/],
  // optimizers
  ['sgd negative learning rate', () => optimizers.sgd({ learningRate: -0.1 }), /learningRate must be a finite number > 0, got -0\.1/],
  ['sgd learning rate 0', () => optimizers.sgd({ learningRate: 0 }), /learningRate .* got 0/],
  ['sgd learning rate Infinity', () => optimizers.sgd({ learningRate: Infinity }), /learningRate .* got Infinity/],
  ['sgd momentum above 1', () => optimizers.sgd({ momentum: 1.5 }), /momentum must be a finite number >= 0 and <= 1, got 1\.5/],
  ['sgd unknown option', () => optimizers.sgd({ decay: 0.1 }), /unknown option "decay"/],
  ['set learningRate to NaN', () => { opt.learningRate = NaN; }, /learningRate .* got NaN/],
  ['step with grads of another length', () => opt.step(new Float32Array(2), new Float32Array(3)), /grads\[0\] must be a Float32Array of length 2, got Float32Array\(3\)/],
  ['step with NaN in grads', () => opt.step(new Float32Array(2), new Float32Array([1, NaN])), /grads\[0\] must be finite, got NaN at index 1/],
  ['step with a plain array', () => opt.step([1, 2], [1, 2]), /params\[0\] must be a non-empty Float32Array/],
  ['step with a different count of arrays', () => opt.step([new Float32Array(1)], [new Float32Array(1), new Float32Array(1)]), /grads must be 1 array/],
  // data
  ['fit before compile', () => uncompiled.fit(x, y), /must be compiled first/],
  ['evaluate before compile', () => uncompiled.evaluate(x, y), /must be compiled first/],
  ['fit x rows of the wrong width', () => model.fit([[0, 0, 0]], [[0]]), /x\[0\] must have 2 values, got 3/],
  ['fit y with fewer rows than x', () => model.fit(x, [[0], [1]]), /y must have one label row per sample \(4\), got 2/],
  ['fit NaN in x', () => model.fit([[0, NaN]], [[1]]), /x must be finite, got NaN at row 0, column 1/],
  ['fit Infinity in y', () => model.fit([[0, 1]], [[Infinity]]), /y must be finite, got Infinity/],
  ['fit flat x of a length that does not divide', () => model.fit(new Float32Array(5), [[0]]), /x must be a non-empty Float32Array whose length is a multiple of 2/],
  ['fit x as a string', () => model.fit('data', y), /x must be number\[\]\[\] or a flat Float32Array/],
  ['fit empty x', () => model.fit([], []), /x must be a non-empty array/],
  ['fit epochs negative', () => model.fit(x, y, { epochs: -1 }), /epochs must be an integer in \[0, 2147483647\], got -1/],
  ['fit batchSize 0', () => model.fit(x, y, { batchSize: 0 }), /batchSize must be an integer in \[1, 2147483647\], got 0/],
  ['fit validationSplit 1', () => model.fit(x, y, { validationSplit: 1 }), /validationSplit must be a finite number >= 0 and < 1, got 1/],
  ['fit validationSplit leaving no training rows', () => model.fit(x, y, { validationSplit: 0.8 }), /leaves an empty training or validation set/],
  ['fit both validation options', () => model.fit(x, y, { validationSplit: 0.5, validationData: [x, y] }), /validationSplit or validationData, not both/],
  ['fit validationData not a pair', () => model.fit(x, y, { validationData: x }), /validationData must be an array \[xVal, yVal\]/],
  ['fit onEpochEnd not a function', () => model.fit(x, y, { onEpochEnd: 'log' }), /onEpochEnd must be a function, got "log"/],
  ['fit unknown option', () => model.fit(x, y, { epoch: 3 }), /unknown option "epoch"/],
  ['fit shuffle not boolean', () => model.fit(x, y, { shuffle: 'batch' }), /shuffle must be true or false, got "batch"/],
  ['sparse label out of range', () => sparse.fit([[0, 0]], [3]), /y\[0\] must be an integer class index in \[0, 2\], got 3/],
  ['sparse label not an integer', () => sparse.evaluate([[0, 0]], [0.5]), /y\[0\] must be an integer class index .* got 0\.5/],
  ['predict wrong row width', () => model.predict([[1]]), /x\[0\] must have 2 values, got 1/],
  ['predict training not boolean', () => model.predict(x, { training: 1 }), /training must be true or false, got 1/],
  ['evaluate batchSize 0', () => model.evaluate(x, y, { batchSize: 0 }), /batchSize must be an integer in \[1, 2147483647\], got 0/],
  ['trainOnBatch labels of the wrong width', () => model.trainOnBatch(x, [[0, 1], [1, 0], [0, 1], [1, 0]]), /y\[0\] must have 1 values, got 2/],
  ['computeGradients NaN in x', () => model.computeGradients([[NaN, 0]], [[1]]), /x must be finite, got NaN/],
  // weights
  ['setWeights with too few arrays', () => model.setWeights([new Float32Array(8)]), /weights must be an array of 4 arrays/],
  ['setWeights with a wrong length', () => model.setWeights([new Float32Array(8), new Float32Array(4), new Float32Array(4), new Float32Array(2)]), /weights\[3\] \(dense_1\/bias\) must be a Float32Array of length 1/],
  ['setWeights with NaN', () => model.setWeights([new Float32Array(8).fill(NaN), new Float32Array(4), new Float32Array(4), new Float32Array(1)]), /weights\[0\] \(dense\/kernel\) must be finite, got NaN at index 0/],
  // lifecycle
  ['predict after dispose', () => disposed.predict(x), /predict: the model was disposed/],
  ['fit after dispose', () => disposed.fit(x, y), /fit: the model was disposed/],
  ['getWeights after dispose', () => disposed.getWeights(), /getWeights: the model was disposed/],
  ['init with an unknown option', () => init({ threads: 2 }), /unknown option "threads"/],
  ['init switching builds', () => init({ simd: process.env.SIMDTRAIN_SIMD === '0' }), /already initialised with simd/],
];

test(`${cases.length} bad calls each throw a clear Error and leave the model unchanged and trainable`, async () => {
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const before = model.getWeights().map((w) => Array.from(w.values));
  const predictionBefore = Array.from(model.predict(x));
  for (const [what, call, pattern] of cases) {
    let error = null;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, `${what}: expected an Error, got ${error}`);
    assert.match(error.message, pattern, `${what}: message was "${error.message}"`);
  }
  assert.deepEqual(model.getWeights().map((w) => Array.from(w.values)), before, 'weights changed by a rejected call');
  assert.deepEqual(Array.from(model.predict(x)), predictionBefore);
  await model.fit(x, y, { epochs: 400, batchSize: 4 });
  assert.equal(model.evaluate(x, y).accuracy, 1, 'the model still trains after the bad calls');
});

test('there are at least 30 distinct bad inputs', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  assert.equal(new Set(cases.map(([what]) => what)).size, cases.length);
});
