// batchnorm_bad_input.test.mjs — bad arguments to layers.batchNormalization() and
// layers.dropout() throw an Error naming the argument; edge inputs that are legal (a batch
// of one in training mode, values that round to the limits in float32) behave.
// (null for a batchNormalization option means "use the default", as `??` does across the API;
// it is not tested as bad input. dropout's seed: null is rejected.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

const info = await initBuild();

/** fn() throws an Error whose message names `name` (as a word). */
function throwsNaming(fn, name, what) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, `${what}: an Error`);
    assert.match(error.message, new RegExp(`\\b${name}\\b`), `${what}: message ${JSON.stringify(error.message)} names ${name}`);
    return true;
  }, `${what} must throw`);
}

/** Building the layer or the model with it throws, naming `name`. */
function rejectsLayer(make, name, what) {
  throwsNaming(() => sequential({ layers: [layers.dense({ units: 3, inputShape: [2] }), make()] }), name, what);
}

describe(`batchNormalization / dropout bad input (${info.simd ? 'SIMD' : 'scalar'} build)`, () => {
  test('BN momentum outside [0, 1) or not a finite number', () => {
    for (const momentum of [-0.1, -1e-9, 1, 1.5, NaN, Infinity, -Infinity, '0.9', true]) {
      throwsNaming(() => layers.batchNormalization({ momentum }), 'momentum', `momentum ${String(momentum)}`);
    }
    // 1 - 1e-10 passes the JS range check but is 1 in float32: the core rejects it.
    rejectsLayer(() => layers.batchNormalization({ momentum: 1 - 1e-10 }), 'momentum', 'momentum 1 - 1e-10 (1 in float32)');
    // The limits that are legal.
    for (const momentum of [0, 0.5, 0.999]) layers.batchNormalization({ momentum });
  });

  test('BN epsilon <= 0, NaN or not finite', () => {
    for (const epsilon of [0, -0, -1e-3, NaN, Infinity, '1e-3']) {
      throwsNaming(() => layers.batchNormalization({ epsilon }), 'epsilon', `epsilon ${String(epsilon)}`);
    }
    // 1e-50 > 0 passes the JS check but is 0 in float32: the core rejects it.
    rejectsLayer(() => layers.batchNormalization({ epsilon: 1e-50 }), 'epsilon', 'epsilon 1e-50 (0 in float32)');
    layers.batchNormalization({ epsilon: 1e-7 });
  });

  test('BN unknown initializer names', () => {
    for (const key of ['gammaInitializer', 'betaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer']) {
      for (const value of ['bogus', 'glorot_uniform', 'Ones', '', 1]) {
        throwsNaming(() => layers.batchNormalization({ [key]: value }), key, `${key} ${JSON.stringify(value)}`);
      }
      layers.batchNormalization({ [key]: 'zeros' });
    }
  });

  test('BN center / scale not booleans', () => {
    for (const key of ['center', 'scale']) {
      for (const value of [1, 'true']) throwsNaming(() => layers.batchNormalization({ [key]: value }), key, `${key} ${JSON.stringify(value)}`);
    }
  });

  test('BN unknown keys (Keras snake_case spellings included) are named', () => {
    for (const key of ['moment', 'eps', 'moving_mean_initializer', 'axis', 'renorm', 'units']) {
      throwsNaming(() => layers.batchNormalization({ [key]: 1 }), key, `unknown key ${key}`);
    }
    throwsNaming(() => layers.batchNormalization('fast'), 'options', 'a string as options');
  });

  test('dropout rate outside [0, 1), missing or not a number', () => {
    for (const rate of [-0.1, 1, 1.5, NaN, Infinity, '0.5', null, undefined]) {
      throwsNaming(() => layers.dropout({ rate }), 'rate', `rate ${String(rate)}`);
    }
    throwsNaming(() => layers.dropout({}), 'rate', 'no rate');
    throwsNaming(() => layers.dropout(), 'options', 'no options');
    // 1 - 1e-10 is 1 in float32: the core rejects it.
    rejectsLayer(() => layers.dropout({ rate: 1 - 1e-10 }), 'rate', 'rate 1 - 1e-10 (1 in float32)');
    for (const rate of [0, 0.5, 0.99]) layers.dropout({ rate });
  });

  test('dropout seed not an integer in [0, 2^32)', () => {
    for (const seed of [1.5, -1, 2 ** 32, NaN, Infinity, '3', null, 3n]) {
      throwsNaming(() => layers.dropout({ rate: 0.5, seed }), 'seed', `seed ${String(seed)}`);
    }
    for (const seed of [0, 1, 2 ** 32 - 1]) layers.dropout({ rate: 0.5, seed });
  });

  test('dropout unknown keys are named', () => {
    for (const key of ['noise_shape', 'noiseShape', 'p', 'training']) {
      throwsNaming(() => layers.dropout({ rate: 0.5, [key]: 1 }), key, `unknown key ${key}`);
    }
  });

  test('BN on a batch of 1 in training: outputs = beta, finite gradients, finite training', async () => {
    const model = sequential({ seed: 2, layers: [layers.dense({ units: 4, inputShape: [3] }),
      layers.batchNormalization({ momentum: 0.9 }), layers.dense({ units: 2 })] });
    const w = model.getWeights();
    const beta = Float32Array.of(0.5, -0.25, 1.5, -2);
    w[3].values.set(beta); // batch_normalization/beta
    w[2].values.set([1.5, 0.5, 2, 1]); // gamma
    model.setWeights(w);
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: losses.meanSquaredError() });
    const x = Float32Array.of(0.3, -1.2, 2.5), y = Float32Array.of(1, -1);

    // The BN output of one sample is beta: with the model cut after BN.
    const cut = sequential({ seed: 2, layers: [layers.dense({ units: 4, inputShape: [3] }), layers.batchNormalization({ momentum: 0.9 })] });
    cut.setWeights(w.slice(0, 6));
    assert.deepEqual(cut.predict(x, { training: true }), beta, 'training output of a batch of one is beta');
    cut.dispose();

    const { loss, grads } = model.computeGradients(x, y);
    assert.ok(Number.isFinite(loss), `loss ${loss}`);
    grads.forEach((g, i) => assert.ok(g.every(Number.isFinite), `gradient ${i} finite`));
    // x - mean = 0: no gradient reaches gamma or the Dense layer before BN.
    assert.ok(grads[0].every((v) => v === 0) && grads[1].every((v) => v === 0), 'dense kernel/bias gradients are 0');
    assert.ok(grads[2].every((v) => v === 0), 'gamma gradient is 0');
    assert.ok(grads[3].some((v) => v !== 0), 'beta gradient is not 0');
    const stats = model.gradientStats()[1];
    assert.deepEqual(Array.from(stats.batchVariance), [0, 0, 0, 0], 'batch variance of one sample is 0');
    assert.ok(model.getWeights().every((a) => a.values.every(Number.isFinite)));

    for (let i = 0; i < 3; i++) assert.ok(Number.isFinite(model.trainOnBatch(x, y)));
    assert.ok(model.getWeights().every((a) => a.values.every(Number.isFinite)), 'weights finite after trainOnBatch on one sample');
    // fit with a last batch of one (9 rows, batch 4) under the NaN sentinel.
    const xs = Float32Array.from({ length: 27 }, (_, i) => Math.sin(i)), ys = Float32Array.from({ length: 18 }, (_, i) => Math.cos(i));
    const history = await model.fit(xs, ys, { epochs: 3, batchSize: 4 });
    assert.ok(history.history.loss.every(Number.isFinite));
    assert.ok(model.predict(xs).every(Number.isFinite));
    model.dispose();
  });
});
