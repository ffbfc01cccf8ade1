// keras_batchnorm.test.mjs — Keras's own BatchNormalization tests, transcribed for simdtrain.
//
// Sources (read with the repository search tools; cited per test below):
//   [K3]  keras-team/keras, keras/src/layers/normalization/batch_normalization_test.py,
//         commit 023c107ef5be32c62f9ad3f0b3d884e29a44aa72 (Keras 3).
//   [TFK] keras-team/tf-keras, tf_keras/layers/normalization/batch_normalization_test.py,
//         commit 6add81a967a830418b1507ac99ddba2d4e43a62b (Keras 2 / tf.keras).
//
// simdtrain's BatchNormalization works on [rows, features] (axis -1 of a 2-D tensor). Keras's
// tests use 3-D/4-D inputs with axis -1 or 1; BN reduces over every axis but `axis`, so an
// input of shape S normalised along axis a is the same computation as a 2-D input with
// S[a] features and prod(S)/S[a] rows. Each transcription below reshapes that way (moving
// the channel axis last) and keeps Keras's data distribution, momentum, epsilon, number of
// calls and tolerances. Keras draws with an unseeded np.random; here the draws come from a
// fixed seed (mulberry32 + Box–Muller), so the run is deterministic.
// Parts not transcribed (no simdtrain counterpart): masking (Masking layer, mask=), renorm,
// synchronized, layer.trainable = False, regularizers, float16/mixed precision dtypes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { mulberry32 } from '../../web/js/lib/random.mjs';

const info = await initBuild();

/** np.random.normal(loc, scale, size=rows*cols) as a flat Float32Array, seeded. */
function normal(seed, n, loc = 0, scale = 1) {
  const u = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u())), t = 2 * Math.PI * u();
    out[i] = loc + scale * r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = loc + scale * r * Math.sin(t);
  }
  return out;
}

/** Per-feature mean and (biased, np.std) standard deviation of a flat [rows, cols] array. */
function columnStats(values, cols) {
  const rows = values.length / cols;
  const mean = new Float64Array(cols), std = new Float64Array(cols);
  for (let i = 0; i < values.length; i++) mean[i % cols] += values[i] / rows;
  for (let i = 0; i < values.length; i++) std[i % cols] += (values[i] - mean[i % cols]) ** 2 / rows;
  return { mean: Array.from(mean), std: Array.from(std, Math.sqrt) };
}

/** numpy assert_allclose / Keras assertAllClose: |a - b| <= atol + rtol * |b|. */
function assertAllClose(actual, expected, { atol = 1e-6, rtol = 1e-6 } = {}, where = '') {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? a.map(() => expected) : Array.from(expected);
  assert.equal(a.length, e.length, `${where}: length`);
  a.forEach((v, i) => assert.ok(Math.abs(v - e[i]) <= atol + rtol * Math.abs(e[i]),
    `${where} index ${i}: got ${v}, expected ${e[i]} (atol ${atol}, rtol ${rtol})`));
}

function notAllClose(a, b, { atol = 1e-6, rtol = 1e-6 } = {}) {
  return Array.from(a).some((v, i) => !(Math.abs(v - b[i]) <= atol + rtol * Math.abs(b[i])));
}

const weightsByName = (model) => Object.fromEntries(model.getWeights().map((w) => [w.name.split('/')[1], w.values]));

/** (out - beta) / gamma per feature, as the Keras tests do before checking mean/std. */
function unscale(out, cols, beta, gamma) {
  return Float64Array.from(out, (v, i) => (v - beta[i % cols]) / gamma[i % cols]);
}

describe(`Keras BatchNormalization tests, transcribed (${info.simd ? 'SIMD' : 'scalar'} build)`, () => {
  // [K3] BatchNormalizationTest.test_bn_basics (vector case, input_shape (2, 3), training=True):
  // center/scale True → 2 trainable + 2 non-trainable weights; False/False → 0 + 2; output (2, 3).
  test('[K3] test_bn_basics: weight counts and output shape', () => {
    for (const [center, scale, trainable] of [[true, true, 2], [false, false, 0]]) {
      const model = sequential({ layers: [layers.batchNormalization({ center, scale, inputShape: [3] })] });
      const weights = model.getWeights();
      assert.equal(weights.filter((w) => w.trainable).length, trainable, `center ${center}, scale ${scale}: trainable weights`);
      assert.equal(weights.filter((w) => !w.trainable).length, 2, `center ${center}, scale ${scale}: non-trainable weights`);
      const out = model.predict(normal(1, 6), { training: true });
      assert.equal(out.length, 6);
      assert.deepEqual(model.outputShape, [null, 3]);
      assert.ok(out.every(Number.isFinite));
      model.dispose();
    }
  });

  // [K3] BatchNormalizationTest.test_correctness, parameterized over axis (-1, 1), input_shape
  // ((5, 2, 3), (5, 3, 3, 2)), moving_mean_initializer and moving_variance_initializer
  // ('zeros', 'ones'): momentum=0; x ~ normal(loc 5, scale 10); out = layer(out, training=True)
  // three times; (out - beta)/gamma has per-channel mean 0 and std 1 (atol 1e-3); moving_mean ≈ 0,
  // moving_variance ≈ 1 (atol 1e-3); then inference on x before a training call on x does not
  // match the training output, and (momentum 0) inference after a training call on x matches it.
  // The masking assertions at the end of the Keras test are not transcribed.
  const SHAPES = [[[5, 2, 3], -1], [[5, 2, 3], 1], [[5, 3, 3, 2], -1], [[5, 3, 3, 2], 1]];
  for (const [shape, axis] of SHAPES) {
    for (const movingMeanInitializer of ['zeros', 'ones']) {
      for (const movingVarianceInitializer of ['zeros', 'ones']) {
        const features = shape.at(axis);
        const rows = shape.reduce((a, n) => a * n, 1) / features;
        const label = `input_shape (${shape}), axis ${axis} → [${rows}, ${features}], moving_mean ${movingMeanInitializer}, moving_variance ${movingVarianceInitializer}`;
        test(`[K3] test_correctness: ${label}`, () => {
          const model = sequential({ layers: [layers.batchNormalization({
            momentum: 0, movingMeanInitializer, movingVarianceInitializer, inputShape: [features] })] });
          const x = normal(shape.length * 10 + features, rows * features, 5.0, 10.0);
          let out = x;
          for (let i = 0; i < 3; i++) out = model.predict(out, { training: true });
          const w = weightsByName(model);
          const { mean, std } = columnStats(unscale(out, features, w.beta, w.gamma), features);
          assertAllClose(mean, 0.0, { atol: 1e-3 }, 'mean of (out - beta)/gamma');
          assertAllClose(std, 1.0, { atol: 1e-3 }, 'std of (out - beta)/gamma');
          assertAllClose(w.moving_mean, 0.0, { atol: 1e-3 }, 'moving_mean');
          assertAllClose(w.moving_variance, 1.0, { atol: 1e-3 }, 'moving_variance');

          // Inference done before training shouldn't match.
          let inferenceOut = model.predict(x);
          let trainingOut = model.predict(x, { training: true });
          assert.ok(notAllClose(inferenceOut, trainingOut), 'inference before training must differ from training output');
          // Since momentum is zero, inference after training should match.
          trainingOut = model.predict(x, { training: true });
          inferenceOut = model.predict(x);
          assertAllClose(inferenceOut, trainingOut, {}, 'inference after a training call (momentum 0)');
          model.dispose();
        });
      }
    }
  }

  // [K3] BatchNormalizationTest.test_trainable_behavior, the trainable=True half: momentum 0.8,
  // epsilon 1e-7, x ~ normal(5, 10) of shape (200, 4, 4, 3) → [3200, 3]; ten training calls
  // on x; (out - beta)/gamma has per-channel mean 0 and std 1 (atol 1e-3). (The first half,
  // layer.trainable = False making training=True behave as inference, has no simdtrain API.)
  test('[K3] test_trainable_behavior (trainable half): ten training calls normalise to mean 0, std 1', () => {
    const model = sequential({ layers: [layers.batchNormalization({ momentum: 0.8, epsilon: 1e-7, inputShape: [3] })] });
    const x = normal(77, 3200 * 3, 5.0, 10.0);
    let out;
    for (let i = 0; i < 10; i++) out = model.predict(x, { training: true });
    const w = weightsByName(model);
    const { mean, std } = columnStats(unscale(out, 3, w.beta, w.gamma), 3);
    assertAllClose(mean, 0.0, { atol: 1e-3 }, 'mean');
    assertAllClose(std, 1.0, { atol: 1e-3 }, 'std');
    model.dispose();
  });

  // [K3] BatchNormalizationTest.test_masked_broadcast_normalization with its all-ones mask
  // (every value kept, so the same as no mask): x = ones (1, 2, 3, 4) → [6, 4], momentum 0,
  // epsilon 1e-3, training: y ≈ 0 and mean(y) ≈ 0 (atol 1e-6), moving_mean ≈ 1,
  // moving_variance ≈ 0 (atol 1e-6).
  test('[K3] test_masked_broadcast_normalization (all-ones mask): constant input', () => {
    const model = sequential({ layers: [layers.batchNormalization({ momentum: 0, epsilon: 1e-3, inputShape: [4] })] });
    const y = model.predict(new Float32Array(24).fill(1), { training: true });
    assertAllClose(columnStats(y, 4).mean, 0.0, { atol: 1e-6 }, 'mean_y');
    assertAllClose(y, 0.0, { atol: 1e-6 }, 'y');
    const w = weightsByName(model);
    assertAllClose(w.moving_mean, 1.0, { atol: 1e-6 }, 'moving_mean');
    assertAllClose(w.moving_variance, 0.0, { atol: 1e-6 }, 'moving_variance');
    model.dispose();
  });

  // [K3] BatchNormalizationTest.test_invalid_momentum: momentum -0.1 and 1.5 are rejected with
  // an error naming `momentum`; momentum 0.0 is accepted. (Keras also accepts the boundary
  // momentum=1.0; simdtrain's documented range is [0, 1) and rejects it — see
  // batchnorm_bad_input.test.mjs; not transcribed here.)
  test('[K3] test_invalid_momentum: -0.1 and 1.5 throw naming momentum, 0.0 is accepted', () => {
    for (const momentum of [-0.1, 1.5]) {
      assert.throws(() => layers.batchNormalization({ momentum }), /momentum must be/);
    }
    layers.batchNormalization({ momentum: 0.0 });
  });

  // [TFK] _run_batchnorm_correctness_test via test_batchnorm_correctness: Sequential of one
  // BatchNormalization (input (2, 2, 2), axis -1, momentum 0.8), loss 'mse', SGD 0.01,
  // x ~ normal(5, 10) of shape (1000, 2, 2, 2), fit(x, x, epochs=4) (batch 32), out = predict(x)
  // (inference), (out - beta)/gamma: mean ≈ 0 and std ≈ 1 (atol 1e-1).
  // 2-D form: [4000, 2], batch 32×4 = 128 rows (the same 256 values per step and the same
  // mse mean over them).
  test('[TFK] test_batchnorm_correctness: fit 4 epochs, inference output has mean 0, std 1', async () => {
    const model = sequential({ seed: 5, layers: [layers.batchNormalization({ momentum: 0.8, inputShape: [2] })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.01 }), loss: losses.meanSquaredError() });
    const x = normal(11, 4000 * 2, 5.0, 10.0);
    await model.fit(x, x, { verbose: 0, epochs: 4, batchSize: 128 });
    const out = model.predict(x);
    const w = weightsByName(model);
    const z = unscale(out, 2, w.beta, w.gamma);
    const all = columnStats(z, 1);
    assertAllClose(all.mean, 0.0, { atol: 1e-1 }, 'out.mean()');
    assertAllClose(all.std, 1.0, { atol: 1e-1 }, 'out.std()');
    model.dispose();
  });

  // [TFK] test_batchnorm_convnet_channel_last: BatchNormalization(axis=-1, input (4, 4, 3),
  // momentum 0.8), mse, SGD 0.01, x ~ normal(5, 10) of shape (1000, 4, 4, 3), fit 4 epochs,
  // per-channel mean ≈ 0 and std ≈ 1 of (predict(x) - beta)/gamma (atol 1e-1).
  // 2-D form: [16000, 3], batch 32×16 = 512 rows.
  test('[TFK] test_batchnorm_convnet_channel_last: per-channel mean 0, std 1 after fit', async () => {
    const model = sequential({ seed: 6, layers: [layers.batchNormalization({ momentum: 0.8, inputShape: [3] })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.01 }), loss: losses.meanSquaredError() });
    const x = normal(12, 16000 * 3, 5.0, 10.0);
    await model.fit(x, x, { verbose: 0, epochs: 4, batchSize: 512 });
    const w = weightsByName(model);
    const { mean, std } = columnStats(unscale(model.predict(x), 3, w.beta, w.gamma), 3);
    assertAllClose(mean, 0.0, { atol: 1e-1 }, 'per-channel mean');
    assertAllClose(std, 1.0, { atol: 1e-1 }, 'per-channel std');
    model.dispose();
  });

  // [TFK] test_eager_batchnorm_in_custom_model_call_with_tf_function: default BN (momentum
  // 0.99), ten training calls on the constant batch x = 0.5 of shape [1, 1]: moving_mean ≈ 0.047
  // (atol 3e-3) and moving_variance ≈ 0.9 (atol 3e-2) — a batch of one has variance 0.
  test('[TFK] test_eager_batchnorm_in_custom_model_call_with_tf_function: batch of one, ten calls', () => {
    const model = sequential({ layers: [layers.batchNormalization({ inputShape: [1] })] });
    for (let i = 0; i < 10; i++) {
      const y = model.predict(Float32Array.of(0.5), { training: true });
      assert.ok(Number.isFinite(y[0]), 'batch of one gives a finite output');
    }
    const w = weightsByName(model);
    assertAllClose(w.moving_mean, [0.047], { atol: 3e-3 }, 'moving_mean');
    assertAllClose(w.moving_variance, [0.9], { atol: 3e-2 }, 'moving_variance');
    model.dispose();
  });

  // [TFK] test_bessels_correction: x = [0, 2], momentum 0.5, moving_variance_initializer zeros.
  // tf.keras's FUSED kernel applies Bessel's correction and expects moving_variance == [1.0];
  // Keras 3 (and its non-fused tf.keras path) uses the biased variance (docs/keras-semantics.md §3),
  // so the Keras 3 value is 0.5 * 1 = 0.5. Transcribed with the Keras 3 expectation.
  test('[TFK] test_bessels_correction, Keras 3 expectation: biased moving variance 0.5 (fused tf.keras: 1.0)', () => {
    const model = sequential({ layers: [layers.batchNormalization({ momentum: 0.5, movingVarianceInitializer: 'zeros', inputShape: [1] })] });
    model.predict(Float32Array.of(0, 2), { training: true });
    assert.deepEqual(Array.from(weightsByName(model).moving_variance), [0.5]);
    model.dispose();
  });

  // [TFK] test_batchnorm_mixed_precision_does_not_overflow (in float32 here): x = [-1000, 1000],
  // training: y ≈ [-1, 1] (assertAllClose default tolerance 1e-6).
  test('[TFK] test_batchnorm_mixed_precision_does_not_overflow (float32): [-1000, 1000] → [-1, 1]', () => {
    const model = sequential({ layers: [layers.batchNormalization({ inputShape: [1] })] });
    assertAllClose(model.predict(Float32Array.of(-1000, 1000), { training: true }), [-1, 1], {}, 'y');
    model.dispose();
  });

  // [TFK] test_can_be_used_in_multiple_graphs: BN(scale=False, center=False) applied three times
  // in training mode to x = [-1000, 1000] gives [-0.9995, 0.9995] (assertAllClose 1e-6): each
  // pass divides by sqrt(var + 1e-3), and after the first var is 1. Here: three such layers.
  test('[TFK] test_can_be_used_in_multiple_graphs: three passes give ±0.9995', () => {
    const bn = () => layers.batchNormalization({ scale: false, center: false });
    const model = sequential({ layers: [layers.batchNormalization({ scale: false, center: false, inputShape: [1] }), bn(), bn()] });
    assertAllClose(model.predict(Float32Array.of(-1000, 1000), { training: true }), [-0.9995, 0.9995], {}, 'y');
    model.dispose();
  });
});
