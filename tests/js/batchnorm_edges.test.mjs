// batchnorm_edges.test.mjs — legal edge inputs of batch normalization and dropout behave:
// the limits of their options are accepted, and a batch of one in training mode gives
// outputs equal to beta, finite gradients (none reaching gamma or the layers before) and
// finite training. (Their bad input is in bad_calls.test.mjs.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

const info = await initBuild();

describe(`batchNormalization / dropout edges (${info.simd ? 'SIMD' : 'scalar'} build)`, () => {
  test('the limits of the options are accepted', () => {
    for (const momentum of [0, 0.5, 0.999]) layers.batchNormalization({ momentum });
    layers.batchNormalization({ epsilon: 1e-7 });
    for (const key of ['gammaInitializer', 'betaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer']) {
      layers.batchNormalization({ [key]: 'zeros' });
    }
    for (const rate of [0, 0.5, 0.99]) layers.dropout({ rate });
    for (const seed of [0, 1, 2 ** 32 - 1]) layers.dropout({ rate: 0.5, seed });
    const model = sequential({ layers: [layers.dense({ units: 3, inputShape: [2] }), layers.batchNormalization({ momentum: 0.999, epsilon: 1e-7 }),
      layers.dropout({ rate: 0.99, seed: 2 ** 32 - 1 })] });
    assert.equal(model.getWeights().length, 6);
    model.dispose();
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
    const history = await model.fit(xs, ys, { verbose: 0, epochs: 3, batchSize: 4 });
    assert.ok(history.history.loss.every(Number.isFinite));
    assert.ok(model.predict(xs).every(Number.isFinite));
    model.dispose();
  });
});
