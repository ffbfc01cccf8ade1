// keras_metrics.test.mjs — compile's metrics, fit's sampleWeight / classWeight / initialEpoch /
// validationBatchSize, evaluate, testOnBatch and predictOnBatch, against Keras 3.
//
// Golden values: keras-team/keras, keras/src/metrics/accuracy_metrics_test.py,
// regression_metrics_test.py and confusion_metrics_test.py, with the metrics' default
// parameters and, through metric options ({ name, threshold | k | thresholds | numThresholds }),
// the cases with others (tests/c/test_metrics.c holds them for C too). The model is the identity (one linear Activation layer), so
// model.evaluate(yPred, yTrue, { sampleWeight }) gives metric(yTrue, yPred, sample_weight)
// exactly as Keras's metric object over one batch — except that compile's metrics are
// unweighted in Keras (only weighted_metrics take sample weights), which this file checks
// too. Tolerances are the Keras tests' own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, loadModel, optimizers, sequential, toKerasCode } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const identity = (width, loss, metrics) => {
  const model = sequential({ layers: [layers.activation({ activation: 'linear', inputShape: [width] })] });
  model.compile({ optimizer: optimizers.sgd(), loss, metrics });
  return model;
};
/** metric(yTrue, yPred) over one batch through the public API. */
function kerasMetric(name, loss, yTrue, yPred) {
  const model = identity(yPred[0].length, loss, [name]);
  try {
    const logs = model.evaluate(yPred, yTrue, { batchSize: 1024 });
    assert.deepEqual(Object.keys(logs), ['loss', Object.keys(logs)[1]]);
    return Object.values(logs)[1];
  } finally {
    model.dispose();
  }
}
const close = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} (tol ${tol})`);

test('accuracy_metrics_test.py goldens (default threshold 0.5, k 5)', () => {
  // BinaryAccuracyTest.test_unweighted: 0.75
  close(kerasMetric('binaryAccuracy', 'binaryCrossentropy', [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]), 0.75, 1e-3, 'binary');
  // CategoricalAccuracyTest.test_unweighted: 0.5
  close(kerasMetric('categoricalAccuracy', 'categoricalCrossentropy', [[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]), 0.5, 1e-3, 'categorical');
  // SparseCategoricalAccuracyTest.test_unweighted: 0.5; test_squeeze_y_true: 1.0
  close(kerasMetric('sparseCategoricalAccuracy', 'sparseCategoricalCrossentropy', [2, 1], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]), 0.5, 1e-3, 'sparse');
  close(kerasMetric('sparseCategoricalAccuracy', 'sparseCategoricalCrossentropy', [0, 1, 2],
    [[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]), 1.0, 1e-4, 'sparse squeeze');
  // TopKCategoricalAccuracy with Keras's default k = 5 on 3 classes: every target is in the top 5.
  close(kerasMetric('topKCategoricalAccuracy', 'categoricalCrossentropy', [[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]), 1, 0, 'top-5');
});

test("'accuracy' and 'acc' resolve from the loss as compile_utils.get_metric, and log under their own name", () => {
  for (const [loss, width, yTrue, yPred, resolved] of [
    ['binaryCrossentropy', 1, [[1], [0]], [[0.7], [0.6]], 'binaryAccuracy'],
    ['categoricalCrossentropy', 2, [[1, 0], [0, 1]], [[0.7, 0.3], [0.6, 0.4]], 'categoricalAccuracy'],
    ['sparseCategoricalCrossentropy', 2, [0, 1], [[0.7, 0.3], [0.6, 0.4]], 'sparseCategoricalAccuracy'],
  ]) {
    for (const alias of ['accuracy', 'acc']) {
      const model = identity(width, loss, [alias, resolved]);
      const logs = model.evaluate(yPred, yTrue);
      assert.deepEqual(Object.keys(logs).slice(0, 2), ['loss', alias]);
      assert.equal(logs[alias], 0.5, `${loss} ${alias}`);
      assert.equal(logs[alias], Object.values(logs)[2]);
      model.dispose();
    }
  }
});

test('regression_metrics_test.py goldens: mse and mae (0.5), logged as the name given', () => {
  const yTrue = [[0, 1, 0, 1, 0], [0, 0, 1, 1, 1], [1, 1, 1, 1, 0], [0, 0, 0, 0, 1]];
  const yPred = [[0, 0, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 0, 1, 0], [1, 1, 1, 1, 1]];
  const model = identity(5, 'mse', ['mse', 'mae', 'meanSquaredError', 'meanAbsoluteError', 'mse']);
  const logs = model.evaluate(yPred, yTrue);
  assert.deepEqual(Object.keys(logs), ['loss', 'mse', 'mae', 'mean_squared_error', 'mean_absolute_error', 'mse_1']);
  for (const key of Object.keys(logs)) close(logs[key], 0.5, 1e-5, key);
  model.dispose();
});

test('confusion_metrics_test.py goldens: precision, recall, AUC (200 thresholds)', () => {
  // PrecisionTest.test_unweighted / RecallTest.test_unweighted: 0.5 (one row of four)
  close(kerasMetric('precision', 'binaryCrossentropy', [[0, 1, 1, 0]], [[1, 0, 1, 0]]), 0.5, 1e-7, 'precision');
  close(kerasMetric('recall', 'binaryCrossentropy', [[0, 1, 1, 0]], [[1, 0, 1, 0]]), 0.5, 1e-7, 'recall');
  // test_div_by_zero: 0
  close(kerasMetric('precision', 'binaryCrossentropy', [[0, 0, 0, 0]], [[0, 0, 0, 0]]), 0, 0, 'precision 0/0');
  close(kerasMetric('recall', 'binaryCrossentropy', [[0, 0, 0, 0]], [[0, 0, 0, 0]]), 0, 0, 'recall 0/0');
  // AUCTest.test_unweighted_all_correct: AUC()(y_true, y_true) == 1 (y_true of AUCTest.setUp)
  close(kerasMetric('auc', 'binaryCrossentropy', [[0], [0], [1], [1]], [[0], [0], [1], [1]]), 1, 0, 'auc all correct');
  // AUCTest.test_extra_dims: AUC() on expit(-logits) of shape [2, 2, 3] = 0.5 (flattened: rows of 3)
  const expit = (v) => 1 / (1 + Math.exp(-v));
  const logits = [[-10, 10, -10], [10, -10, 10], [-12, 12, -12], [12, -12, 12]];
  const labels = [[1, 0, 0], [1, 0, 0], [0, 1, 1], [0, 1, 1]];
  close(kerasMetric('auc', 'binaryCrossentropy', labels, logits.map((r) => r.map((v) => expit(-v)))), 0.5, 1e-7, 'auc extra dims');
});

test('metric options: the goldens with other thresholds, k and num_thresholds, and Keras code for them', () => {
  // BinaryAccuracyTest.test_threshold: BinaryAccuracy(threshold=0.3) → 1.0, threshold=0.9 → 0.75
  const by = [[1], [1], [0], [0]], bp = [[0.98], [0.5], [0.1], [0.2]];
  close(kerasMetric({ name: 'binaryAccuracy', threshold: 0.3 }, 'binaryCrossentropy', by, bp), 1.0, 1e-7, 'threshold 0.3');
  close(kerasMetric({ name: 'binaryAccuracy', threshold: 0.9 }, 'binaryCrossentropy', by, bp), 0.75, 1e-7, 'threshold 0.9');
  // TopKCategoricalAccuracyTest.test_unweighted: TopKCategoricalAccuracy(k=1) → 0.5
  const cy = [[0, 0, 1], [0, 1, 0]], cp = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]];
  close(kerasMetric({ name: 'topKCategoricalAccuracy', k: 1 }, 'categoricalCrossentropy', cy, cp), 0.5, 1e-7, 'top-1');
  // PrecisionTest / RecallTest.test_unweighted_with_threshold: thresholds 0.5 → 0.5, 0.7 → 0
  const ty = [[0, 1, 1, 0]], tp = [[1, 0, 0.6, 0]];
  for (const name of ['precision', 'recall']) {
    close(kerasMetric({ name, thresholds: 0.5 }, 'binaryCrossentropy', ty, tp), 0.5, 1e-7, `${name} 0.5`);
    close(kerasMetric({ name, thresholds: 0.7 }, 'binaryCrossentropy', ty, tp), 0, 0, `${name} 0.7`);
  }
  // AUCTest.test_unweighted: AUC(num_thresholds=3) on y_pred [0, 0.5, 0.3, 0.9], y_true [0, 0, 1, 1] → 0.75
  close(kerasMetric({ name: 'auc', numThresholds: 3 }, 'binaryCrossentropy', [[0], [0], [1], [1]], [[0], [0.5], [0.3], [0.9]]), 0.75, 1e-3, 'auc 3');
  const model = identity(1, 'binaryCrossentropy', ['accuracy', { name: 'auc', numThresholds: 3 }, { name: 'binaryAccuracy', threshold: 0.3 }]);
  assert.deepEqual(Object.keys(model.evaluate([[0.2], [0.8]], [[0], [1]])), ['loss', 'accuracy', 'auc', 'binary_accuracy']);
  assert.match(toKerasCode(model), /metrics=\["accuracy", keras\.metrics\.AUC\(num_thresholds=3\), keras\.metrics\.BinaryAccuracy\(threshold=0\.3\)\]/);
  const reloaded = loadModel(model.save());
  assert.deepEqual(reloaded.compileConfig.metrics, model.compileConfig.metrics);
  assert.deepEqual(reloaded.evaluate([[0.2], [0.8]], [[0], [1]]), model.evaluate([[0.2], [0.8]], [[0], [1]]));
  reloaded.dispose();
  model.dispose();
});

test('weightedMetrics: compile_utils_test.py test_single_output_case (weighted_mean_squared_error 0.0725), names and files', () => {
  // CompileMetrics(metrics=[MSE()], weighted_metrics=[MSE()]), sample_weight [1, 0, 1], two
  // updates (here one batch of both: the metrics are stateful means) → 0.055833336 and 0.0725.
  const yTrue = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], first = [[0.4, 0.1], [0.2, 0.6], [0.6, 0.1]], second = [[0.3, 0.2], [0.1, 0.4], [0.2, 0.3]];
  const model = sequential({ layers: [layers.activation({ activation: 'linear', inputShape: [2] })] });
  model.compile({ optimizer: optimizers.sgd(), loss: 'mse', metrics: ['meanSquaredError'], weightedMetrics: ['meanSquaredError', 'mae', 'meanSquaredError'] });
  const logs = model.evaluate([...first, ...second], [...yTrue, ...yTrue], { sampleWeight: [1, 0, 1, 1, 0, 1] });
  assert.deepEqual(Object.keys(logs), ['loss', 'mean_squared_error', 'weighted_mean_squared_error', 'mae', 'weighted_mean_squared_error_1']);
  close(logs.mean_squared_error, 0.055833336, 1e-6, 'unweighted');
  close(logs.weighted_mean_squared_error, 0.0725, 1e-6, 'weighted');
  assert.equal(logs.weighted_mean_squared_error_1, logs.weighted_mean_squared_error);
  assert.deepEqual(model.compileConfig.weightedMetrics, ['meanSquaredError', 'mae', 'meanSquaredError']);
  assert.match(toKerasCode(model), /metrics=\["mean_squared_error"\],\n    weighted_metrics=\["mean_squared_error", "mae", "mean_squared_error"\],/);
  const reloaded = loadModel(model.save());
  assert.deepEqual(reloaded.evaluate([...first, ...second], [...yTrue, ...yTrue], { sampleWeight: [1, 0, 1, 1, 0, 1] }), logs);
  reloaded.dispose();
  // Without weights a weighted metric equals its unweighted twin.
  const plain = model.evaluate([...first, ...second], [...yTrue, ...yTrue]);
  assert.equal(plain.weighted_mean_squared_error, plain.mean_squared_error);
  assert.throws(() => model.compile({ optimizer: optimizers.sgd(), loss: 'mse', weightedMetrics: [{ name: 'auc', numThresholds: 1 }] }),
    { message: /^compile: weightedMetrics\[0\]: auc: num_thresholds must be a whole number in \[2, 100000\], got 1$/ });
  assert.deepEqual(model.compileConfig.weightedMetrics, ['meanSquaredError', 'mae', 'meanSquaredError']);
  model.dispose();
});

test('metric options refused name the entry and option, and leave the compiled model as it was', () => {
  const model = identity(1, 'binaryCrossentropy', [{ name: 'precision', thresholds: 0.7 }]);
  const before = model.evaluate([[0.6], [0.8]], [[1], [1]]);
  for (const [entry, message] of [
    [{ name: 'binaryAccuracy', threshold: 1 }, /^compile: metrics\[1\]: binary_accuracy: threshold must be in \(0, 1\), got 1$/],
    [{ name: 'topKCategoricalAccuracy', k: 2.5 }, /^compile: metrics\[1\]: top_k_categorical_accuracy: k must be a whole number >= 1, got 2\.5$/],
    [{ name: 'auc', numThresholds: 1 }, /^compile: metrics\[1\]: auc: num_thresholds must be a whole number in \[2, 100000\], got 1$/],
    [{ name: 'recall', thresholds: -0.1 }, /^compile: metrics\[1\]: recall: thresholds must be in \[0, 1\], got -0\.1$/],
    [{ name: 'auc', threshold: 0.5 }, /^compile: metrics\[1\]\.threshold is not an option of 'auc' \(it takes numThresholds\)$/],
    [{ name: 'mse', k: 1 }, /^compile: metrics\[1\]\.k is not an option of 'mse' \(it takes none\)$/],
    [{ name: 'auc', numThresholds: NaN }, /^compile: metrics\[1\]\.numThresholds must be a finite number, got NaN$/],
    [{ name: 'constructor' }, /^compile: metrics\[1\]\.name must be one of 'accuracy', .*, got "constructor"$/],
    [Object.create({ name: 'auc' }), /^compile: metrics\[1\]\.name must be one of .*, got undefined$/],
  ]) {
    assert.throws(() => model.compile({ optimizer: optimizers.sgd(), loss: 'binaryCrossentropy', metrics: ['mse', entry] }), { message });
    assert.deepEqual(model.compileConfig.metrics, [{ name: 'precision', thresholds: 0.7 }]);
    assert.deepEqual(model.evaluate([[0.6], [0.8]], [[1], [1]]), before);
  }
  model.dispose();
});

test('stateful over an epoch: precision is TP / (TP + FP) over all batches, not a mean of batch values', async () => {
  // An identity model cannot train (no weights), so fit's metrics see fixed predictions.
  const yPred = [[0.9], [0.8], [0.7], [0.2], [0.6], [0.1]], yTrue = [[1], [0], [0], [0], [1], [1]];
  const model = identity(1, 'binaryCrossentropy', ['precision', 'recall', 'auc', 'accuracy']);
  const batchLogs = [];
  const history = await model.fit(yPred, yTrue, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0,
    callbacks: [{ onBatchEnd: (batch, logs) => batchLogs.push(logs) }] });
  // positives (p > 0.5): rows 0 (y 1), 1 (y 0), 2 (y 0), 4 (y 1): precision 2/4; recall 2/3
  assert.equal(history.history.precision[0], 0.5);
  assert.equal(history.history.recall[0], 2 / 3);
  assert.equal(history.history.accuracy[0], 3 / 6);
  // batch by batch: running values; [0.9, 0.8] gives 1/2, then 1/3, then 2/4 (a mean of batch precisions would differ)
  assert.deepEqual(batchLogs.map((l) => l.precision), [0.5, 1 / 3, 0.5]);
  const { loss: l4, ...by4 } = model.evaluate(yPred, yTrue, { batchSize: 4 }), { loss: l1, ...by1 } = model.evaluate(yPred, yTrue, { batchSize: 1 });
  assert.deepEqual(by4, by1);
  close(l4, l1, 1e-6, 'loss in batches of 4 and of 1');
  close(history.history.auc[0], model.evaluate(yPred, yTrue).auc, 1e-12, 'fit and evaluate AUC');
  model.dispose();
});

// ---- sample weights ----

const binaryData = () => {
  const x = Float32Array.from({ length: 40 * 3 }, (_, i) => Math.sin(i * 1.3));
  const y = Float32Array.from({ length: 40 }, (_, i) => (Math.cos(i * 0.7) > 0 ? 1 : 0));
  return { x, y };
};
const mlp = (seed = 3) => sequential({ seed, layers: [layers.dense({ units: 5, inputShape: [3], activation: 'tanh' }),
  layers.dense({ units: 1, activation: 'sigmoid' })] });
const bytes = (m) => m.getWeights().map((w) => Array.from(new Uint32Array(w.values.buffer, w.values.byteOffset, w.values.length)));

test('sampleWeight of all ones trains bit for bit as no weights (loss history included)', async () => {
  const { x, y } = binaryData();
  const run = async (extra) => {
    const m = mlp();
    m.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy', 'auc'] });
    const h = await m.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, validationSplit: 0.25, ...extra });
    const out = { weights: bytes(m), history: h.history };
    m.dispose();
    return out;
  };
  const plain = await run({});
  assert.deepEqual(await run({ sampleWeight: new Float32Array(40).fill(1) }), plain);
  assert.deepEqual(await run({ classWeight: { 0: 1, 1: 1 } }), plain);
});

test('weighted loss = sum(w·l) / count (reduce_weighted_values), against a float64 recomputation', () => {
  // binary crossentropy on probabilities, per-sample loss l_i = -mean_j(y log p + (1-y) log(1-p))
  const yPred = [[0.9, 0.2], [0.3, 0.6], [0.5, 0.5], [0.99, 0.01]], yTrue = [[1, 0], [0, 1], [1, 1], [0, 0]];
  const w = [0.5, 2, 0, 1.25];
  const model = identity(2, 'binaryCrossentropy', ['accuracy']);
  const l = yPred.map((p, i) => -p.reduce((s, pj, j) => s + yTrue[i][j] * Math.log(pj) + (1 - yTrue[i][j]) * Math.log(1 - pj), 0) / 2);
  const want = l.reduce((s, li, i) => s + w[i] * li, 0) / yPred.length;
  const logs = model.evaluate(yPred, yTrue, { sampleWeight: w });
  close(logs.loss, want, 1e-6 * want, 'weighted loss');
  // compile's metrics are not weighted (Keras weights only weighted_metrics)
  assert.equal(logs.accuracy, model.evaluate(yPred, yTrue).accuracy);
  // testOnBatch: the same logs, one batch
  assert.deepEqual(model.testOnBatch(yPred, yTrue, { sampleWeight: w }), logs);
  // categorical crossentropy on logits in a trained model: weights scale each row's gradient
  const weights = [1, 3, 0.5, 2];
  const m1 = sequential({ seed: 4, layers: [layers.dense({ units: 2, inputShape: [2] })] });
  m1.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
  const base = m1.getWeights().map((v) => v.values.slice());
  const xs = [[1, 2], [0.5, -1], [2, 0], [-1, 1]], ys = [[1, 0], [0, 1], [1, 1], [0, 0]];
  const loss = m1.evaluate(xs, ys, { sampleWeight: weights }).loss;
  // float64: prediction = x·K (bias 0), l_i = mean_j (p - y)^2
  const [kernel] = base;
  const pred = xs.map((r) => [0, 1].map((j) => r[0] * kernel[j] + r[1] * kernel[2 + j]));
  const li = pred.map((p, i) => p.reduce((s, pj, j) => s + (pj - ys[i][j]) ** 2, 0) / 2);
  close(loss, li.reduce((s, v, i) => s + weights[i] * v, 0) / 4, 1e-5, 'weighted mse');
  model.dispose();
  m1.dispose();
});

test('classWeight becomes per-sample weights as Keras does (argmax of one-hot rows, class ids, rounded single labels)', async () => {
  const { x, y } = binaryData();
  const weightsOf = (labels) => Float32Array.from(labels, (v) => (v === 1 ? 3 : 0.5));
  const run = async (extra, labels = y) => {
    const m = mlp(9);
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0.2 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const h = await m.fit(x, labels, { epochs: 2, batchSize: 10, verbose: 0, ...extra });
    const out = { weights: bytes(m), loss: h.history.loss };
    m.dispose();
    return out;
  };
  assert.deepEqual(await run({ classWeight: { 0: 0.5, 1: 3 } }), await run({ sampleWeight: weightsOf(y) }));
  // one-hot rows: the class is the argmax; a class missing from the map weighs 1
  const oneHot = Array.from(y, (v) => (v ? [0, 1] : [1, 0]));
  const softmax = (seed) => sequential({ seed, layers: [layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
  const a = softmax(2), b = softmax(2);
  for (const m of [a, b]) m.compile({ optimizer: optimizers.sgd({ learningRate: 0.3 }), loss: 'categoricalCrossentropy' });
  await a.fit(x, oneHot, { epochs: 2, batchSize: 10, verbose: 0, classWeight: { 1: 4 } });
  await b.fit(x, oneHot, { epochs: 2, batchSize: 10, verbose: 0, sampleWeight: Array.from(y, (v) => (v ? 4 : 1)) });
  assert.deepEqual(bytes(a), bytes(b));
});

test('initialEpoch: epochs are counted from it, as Keras (history.epoch, callbacks, epochs run)', async () => {
  const { x, y } = binaryData();
  const m = mlp();
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  const seen = [];
  const h = await m.fit(x, y, { epochs: 5, initialEpoch: 3, verbose: 0, callbacks: [{ onEpochBegin: (e) => seen.push(e) }] });
  assert.deepEqual(h.epoch, [3, 4]);
  assert.deepEqual(seen, [3, 4]);
  assert.equal(h.history.loss.length, 2);
  const none = await m.fit(x, y, { epochs: 2, initialEpoch: 2, verbose: 0 });
  assert.deepEqual(none.epoch, []);
  m.dispose();
});

test('validationBatchSize changes only how validation is batched; validationData takes sample weights', async () => {
  const { x, y } = binaryData();
  const histories = [];
  for (const validationBatchSize of [undefined, 1, 7]) {
    const m = mlp();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy', 'auc'] });
    const h = await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, validationSplit: 0.25, validationBatchSize });
    histories.push(h.history);
    m.dispose();
  }
  for (const h of histories.slice(1)) {
    for (const key of ['val_accuracy', 'val_auc']) assert.deepEqual(h[key], histories[0][key], key);
    h.val_loss.forEach((v, i) => close(v, histories[0].val_loss[i], 1e-6, 'val_loss'));
    assert.deepEqual(h.loss, histories[0].loss);
  }
  const m = mlp();
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const vw = Array.from({ length: 10 }, (_, i) => i % 3);
  const vx = x.slice(0, 30), vy = y.slice(0, 10);
  const h = await m.fit(x, y, { epochs: 1, verbose: 0, validationData: [vx, vy, vw] });
  const e = m.evaluate(vx, vy, { sampleWeight: vw });
  assert.equal(h.history.val_loss[0], e.loss);
  assert.equal(h.history.val_accuracy[0], e.accuracy);
  m.dispose();
});

test('predictOnBatch is predict in inference mode; testOnBatch returns every metric', () => {
  const { x, y } = binaryData();
  const m = mlp();
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy', 'precision', 'recall', 'auc', 'mse', 'mae'] });
  assert.deepEqual(m.predictOnBatch(x), m.predict(x));
  const logs = m.testOnBatch(x, y);
  assert.deepEqual(Object.keys(logs), ['loss', 'accuracy', 'precision', 'recall', 'auc', 'mse', 'mae']);
  assert.deepEqual(logs, m.evaluate(x, y, { batchSize: 40 }));
  m.dispose();
});
