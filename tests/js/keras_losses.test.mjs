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
