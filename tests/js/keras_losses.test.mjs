// keras_losses.test.mjs — loss values transcribed from Keras's own tests.
//
// Source: keras-team/keras, keras/src/losses/losses_test.py (read at commit
// 04bf53803f04e2af22c601df4748345aa405f704). Only cases with the default reduction
// ("sum_over_batch_size") and no sample weights are used. Inputs and expected values are
// copied exactly as the Keras test has them, and so is each check's tolerance
// (keras/src/testing/test_case.py):
//   assertAlmostEqual(x, y, decimal=3)  ->  |x - y| < 1.5 * 10**-decimal   (np.testing.assert_almost_equal)
//   assertAllClose(x, y)                ->  |x - y| <= 1e-6 + 1e-6 * |y|   (np.testing.assert_allclose)
//
// The model is the identity: one Activation layer with 'linear' activation, so
// model.evaluate(yPred, yTrue) computes loss(yTrue, yPred) exactly as Keras's
// loss_obj(y_true, y_pred) does, over one batch.
//
// Note on BinaryCrossentropyTest.test_unweighted's 3.98559: y_pred holds exact 1s, which
// Keras clips to 1 - 1e-7 *in float32* (= 1 - 1.19e-7), so -log(1 - p) = 15.942; clipping in
// float64 would give 16.118 and a loss of 4.0296, outside decimal 3. simdtrain computes in
// float32, so the Keras value is the one to match.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

/** loss(yTrue, yPred) through the public API: evaluate an identity model on x = yPred. */
function kerasLoss(lossName, options, yTrue, yPred) {
  const model = sequential({ layers: [layers.activation({ activation: 'linear', inputShape: [yPred[0].length] })] });
  try {
    model.compile({ optimizer: optimizers.sgd(), loss: losses[lossName](options) });
    return model.evaluate(yPred, yTrue, { batchSize: 1024 }).loss;
  } finally {
    model.dispose();
  }
}

// keras.src.testing.TestCase.assertAlmostEqual (default decimal=3)
function assertAlmostEqual(actual, desired, decimal = 3, what = '') {
  const tol = 1.5 * 10 ** -decimal;
  assert.ok(Math.abs(actual - desired) < tol,
    `${what}: loss ${actual}, Keras expects ${desired} (assertAlmostEqual decimal=${decimal}: |diff| ${Math.abs(actual - desired)} >= ${tol})`);
}

// keras.src.testing.TestCase.assertAllClose (default atol=1e-6, rtol=1e-6)
function assertAllClose(actual, desired, what = '') {
  const tol = 1e-6 + 1e-6 * Math.abs(desired);
  assert.ok(Math.abs(actual - desired) <= tol,
    `${what}: loss ${actual}, Keras expects ${desired} (assertAllClose atol=rtol=1e-6: |diff| ${Math.abs(actual - desired)} > ${tol})`);
}

// ---- MeanSquaredError ------------------------------------------------------------------
test('MeanSquaredErrorTest.test_all_correct_unweighted: 0.0', () => {
  const yTrue = [[4, 8, 12], [8, 1, 3]];
  assertAlmostEqual(kerasLoss('meanSquaredError', {}, yTrue, yTrue), 0.0, 3, 'mse(y_true, y_true)');
});

test('MeanSquaredErrorTest.test_unweighted: 49.5', () => {
  const yTrue = [[1, 9, 2], [-5, -2, 6]];
  const yPred = [[4, 8, 12], [8, 1, 3]];
  assertAlmostEqual(kerasLoss('meanSquaredError', {}, yTrue, yPred), 49.5, 3, 'mse');
  assertAlmostEqual(kerasLoss('mse', {}, yTrue, yPred), 49.5, 3, "alias 'mse'");
});

// ---- BinaryCrossentropy ----------------------------------------------------------------
test('BinaryCrossentropyTest.test_all_correct_unweighted: 0.0, and 0.0 from_logits', () => {
  const yTrue = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  assertAlmostEqual(kerasLoss('binaryCrossentropy', {}, yTrue, yTrue), 0.0, 3, 'bce(y_true, y_true)');
  const logits = [[10.0, -10.0, -10.0], [-10.0, 10.0, -10.0], [-10.0, -10.0, 10.0]];
  assertAlmostEqual(kerasLoss('binaryCrossentropy', { fromLogits: true }, yTrue, logits), 0.0, 3, 'bce from_logits');
});

test('BinaryCrossentropyTest.test_unweighted: 0.20046903 (probabilities)', () => {
  const yTrue = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const yPred = [[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.1, 0.2, 0.7]];
  assertAllClose(kerasLoss('binaryCrossentropy', {}, yTrue, yPred), 0.20046903, 'bce');
});

test('BinaryCrossentropyTest.test_unweighted: 3.98559 (predictions 0 and 1, clipped)', () => {
  const yTrue = [[1, 0], [1, 0]];                // np.array([1, 0, 1, 0]).reshape([2, 2])
  const yPred = [[1, 1], [1, 0]];                // np.array([1, 1, 1, 0]).reshape([2, 2])
  assertAlmostEqual(kerasLoss('binaryCrossentropy', {}, yTrue, yPred), 3.98559, 3, 'bce clipped');
});

test('BinaryCrossentropyTest.test_unweighted: 3.3333 (from_logits)', () => {
  const yTrue = [[1, 0, 1], [0, 1, 1]];
  const logits = [[10.0, -10.0, 10.0], [10.0, 10.0, -10.0]];
  assertAlmostEqual(kerasLoss('binaryCrossentropy', { fromLogits: true }, yTrue, logits), 3.3333, 3, 'bce from_logits');
});

// ---- CategoricalCrossentropy -----------------------------------------------------------
test('CategoricalCrossentropyTest.test_all_correct_unweighted: 0.0, and 0.0 from_logits', () => {
  const yTrue = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const yPred = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
  assertAlmostEqual(kerasLoss('categoricalCrossentropy', {}, yTrue, yPred), 0.0, 3, 'cce');
  const logits = [[10.0, 0.0, 0.0], [0.0, 10.0, 0.0], [0.0, 0.0, 10.0]];
  assertAlmostEqual(kerasLoss('categoricalCrossentropy', { fromLogits: true }, yTrue, logits), 0.0, 3, 'cce from_logits');
});

test('CategoricalCrossentropyTest.test_unweighted: 0.3239 (row [0.5, 0.89, 0.6] is normalised)', () => {
  const yTrue = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const yPred = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
  assertAlmostEqual(kerasLoss('categoricalCrossentropy', {}, yTrue, yPred), 0.3239, 3, 'cce');
});

test('CategoricalCrossentropyTest.test_unweighted: 0.0573 (from_logits)', () => {
  const yTrue = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const logits = [[8.0, 1.0, 1.0], [0.0, 9.0, 1.0], [2.0, 3.0, 5.0]];
  assertAlmostEqual(kerasLoss('categoricalCrossentropy', { fromLogits: true }, yTrue, logits), 0.0573, 3, 'cce from_logits');
});

// ---- SparseCategoricalCrossentropy -----------------------------------------------------
test('SparseCategoricalCrossentropyTest.test_all_correct_unweighted: 0.0, and 0.0 from_logits', () => {
  const yTrue = [[0], [1], [2]];
  const yPred = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
  assertAlmostEqual(kerasLoss('sparseCategoricalCrossentropy', {}, yTrue, yPred), 0.0, 3, 'scce');
  const logits = [[10.0, 0.0, 0.0], [0.0, 10.0, 0.0], [0.0, 0.0, 10.0]];
  assertAlmostEqual(kerasLoss('sparseCategoricalCrossentropy', { fromLogits: true }, yTrue, logits), 0.0, 3, 'scce from_logits');
});

test('SparseCategoricalCrossentropyTest.test_unweighted: 0.3239 (decimal 3)', () => {
  const yTrue = [0, 1, 2];
  const yPred = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
  assertAlmostEqual(kerasLoss('sparseCategoricalCrossentropy', {}, yTrue, yPred), 0.3239, 3, 'scce');
});

test('SparseCategoricalCrossentropyTest.test_unweighted: 0.0573 (from_logits, decimal 3)', () => {
  const yTrue = [0, 1, 2];
  const logits = [[8.0, 1.0, 1.0], [0.0, 9.0, 1.0], [2.0, 3.0, 5.0]];
  assertAlmostEqual(kerasLoss('sparseCategoricalCrossentropy', { fromLogits: true }, yTrue, logits), 0.0573, 3, 'scce from_logits');
});

// ---- Losses added with issue 11 (same source file and commit as above) -----------------
// HuberLossTest, LogCoshTest and KLDivergenceTest compute their expected value with numpy from
// the setup arrays; those numpy lines are transcribed here (float64), each cited by name.
const kerasSum = (rows) => rows.flat().reduce((s, v) => s + v, 0);
const elementwise = (a, b, f) => a.map((row, r) => row.map((v, c) => f(v, b[r][c])));

test('MeanAbsoluteErrorTest.test_all_correct_unweighted: 0.0; test_unweighted: 5.5; alias mae', () => {
  const yTrue = [[1, 9, 2], [-5, -2, 6]];
  const yPred = [[4, 8, 12], [8, 1, 3]];
  assertAlmostEqual(kerasLoss('meanAbsoluteError', {}, [[4, 8, 12], [8, 1, 3]], [[4, 8, 12], [8, 1, 3]]), 0.0, 3, 'mae(y, y)');
  assertAlmostEqual(kerasLoss('meanAbsoluteError', {}, yTrue, yPred), 5.5, 3, 'mae');
  assertAlmostEqual(kerasLoss('mae', {}, yTrue, yPred), 5.5, 3, "alias 'mae'");
});

test('HingeTest.test_unweighted: 1.3 (0/1 labels converted to -1/1)', () => {
  const yTrue = [[0.0, 1.0], [0.0, 0.0]];
  const yPred = [[0.6, 0.4], [0.4, 0.6]];
  assertAlmostEqual(kerasLoss('hinge', {}, yTrue, yPred), 1.3, 3, 'hinge');
});

// HuberLossTest.huber_loss: quadratic = min(|e|, delta); linear = |e| - quadratic;
// 0.5 * quadratic² + delta * linear, summed over the 6 elements / batch_size (6).
const huberExpected = (yTrue, yPred, delta) => kerasSum(elementwise(yTrue, yPred, (t, p) => {
  const a = Math.abs(p - t), q = Math.min(a, delta);
  return 0.5 * q * q + delta * (a - q);
})) / 6;
const H_PRED = [[0.9, 0.2, 0.2], [0.8, 0.4, 0.6]];
const H_TRUE = [[1.0, 0.0, 1.0], [1.0, 0.0, 0.0]];

test('HuberLossTest.test_all_correct: 0.0; test_unweighted (delta 1.0, the default)', () => {
  assertAlmostEqual(kerasLoss('huber', {}, H_TRUE, H_TRUE), 0.0, 3, 'huber(y, y)');
  assertAlmostEqual(kerasLoss('huber', {}, H_TRUE, H_PRED), huberExpected(H_TRUE, H_PRED, 1.0), 3, 'huber');
  assertAlmostEqual(kerasLoss('huber', { delta: 1.0 }, H_TRUE, H_PRED), 1.25 / 2 / 6, 3, 'huber (every error below delta: sum e²/2 / 6)');
});

test('HuberLossTest.test_non_default_delta (delta 0.8; without its sample_weight 2.3)', () => {
  // The Keras test multiplies both sides by sample_weight=2.3; unweighted, both sides lose that factor.
  assertAlmostEqual(kerasLoss('huber', { delta: 0.8 }, H_TRUE, H_PRED), huberExpected(H_TRUE, H_PRED, 0.8), 3, 'huber delta 0.8');
  // delta 0.05 puts every error (0.1 .. 0.8) on the linear branch.
  assertAllClose(kerasLoss('huber', { delta: 0.05 }, H_TRUE, H_PRED), huberExpected(H_TRUE, H_PRED, 0.05), 'huber delta 0.05');
});

test('LogCoshTest.test_unweighted: sum(log((exp(e) + exp(-e)) / 2)) / 6', () => {
  const yTrue = [[1, 9, 2], [-5, -2, 6]];
  const yPred = [[4, 8, 12], [8, 1, 3]];
  const expected = kerasSum(elementwise(yTrue, yPred, (t, p) => Math.log((Math.exp(p - t) + Math.exp(-(p - t))) / 2))) / 6;
  assertAlmostEqual(kerasLoss('logCosh', {}, yTrue, yPred), expected, 3, 'log cosh');
});

test('KLDivergenceTest.test_unweighted: sum(y_true * log(y_true / y_pred)) / 2; alias kld', () => {
  const yPred = [[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]];
  const yTrue = [[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]];
  // the Keras test's arrays are float32: start from the same values
  const f = (rows) => rows.map((r) => r.map(Math.fround));
  const expected = kerasSum(elementwise(f(yTrue), f(yPred), (t, p) => t * Math.log(t / p))) / 2;
  assertAlmostEqual(kerasLoss('klDivergence', {}, yTrue, yPred), expected, 3, 'kl divergence');
  assertAlmostEqual(kerasLoss('kld', {}, yTrue, yPred), expected, 3, "alias 'kld'");
});

test('the new losses: getConfig round-trips, huber refuses a bad delta and every loss refuses options it does not take', () => {
  assert.deepEqual(losses.huber({ delta: 0.5 }).getConfig(), { name: 'huber', delta: 0.5 });
  assert.deepEqual(losses.huber().getConfig(), { name: 'huber', delta: 1 });
  assert.deepEqual(losses.kld().getConfig(), { name: 'klDivergence' });
  assert.throws(() => losses.huber({ delta: 0 }), /losses\.huber.*delta/);
  assert.throws(() => losses.huber({ delta: NaN }), /delta/);
  assert.throws(() => losses.hinge({ fromLogits: true }), /losses\.hinge.*fromLogits/);
  assertAllClose(kerasLoss('huber', { delta: 0.05 }, H_TRUE, H_PRED),
    (() => { const model = sequential({ layers: [layers.activation({ activation: 'linear', inputShape: [3] })] });
      try {
        model.compile({ optimizer: optimizers.sgd(), loss: losses.huber({ delta: 0.05 }).getConfig() });
        return model.evaluate(H_PRED, H_TRUE).loss;
      } finally { model.dispose(); } })(), 'huber from its getConfig()');
});
