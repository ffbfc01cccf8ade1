// recurrent_training.test.mjs — the recurrent layers through the whole training path: every
// optimizer, with decoupled weight decay and each clipping mode, trains an LSTM and a GRU on
// a seeded sequence task (the loss after 30 epochs is below the first epoch's, every weight
// finite); the NaN sentinel names a recurrent layer's array; a trained recurrent model saves,
// loads and predicts the same. Expectations are the direction of the loss and exact equality
// of reloaded predictions, not numbers from this code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, loadModel, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { mulberry32 } from '../../web/js/lib/random.mjs';

await initBuild();

// 64 sequences of 6 steps × 2 features; the target is the mean of the first feature.
const random = mulberry32(21);
const T = 6, F = 2, N = 64;
const x = Float32Array.from({ length: N * T * F }, () => random() * 2 - 1);
const y = Float32Array.from({ length: N }, (_, n) => {
  let s = 0;
  for (let t = 0; t < T; t++) s += x[(n * T + t) * F];
  return s / T;
});

const OPTIMIZERS = {
  sgd: { learningRate: 0.1, momentum: 0.9 }, adagrad: { learningRate: 0.1 }, rmsprop: { learningRate: 0.01 },
  adam: { learningRate: 0.01 }, nadam: { learningRate: 0.01 }, adamw: { learningRate: 0.01 }, adamax: { learningRate: 0.01 },
  adadelta: { learningRate: 1 },
};
const EXTRAS = [{}, { weightDecay: 0.01 }, { clipValue: 0.5 }, { clipNorm: 1 }, { globalClipNorm: 1 }];

for (const cell of ['lstm', 'gru']) {
  test(`${cell}: every optimizer, with weight decay and each clipping mode, lowers the loss`, async () => {
    for (const [name, options] of Object.entries(OPTIMIZERS)) {
      for (const extra of EXTRAS) {
        const model = sequential({ seed: 5, layers: [layers[cell]({ units: 8, inputShape: [T, F] }), layers.dense({ units: 1 })] });
        model.compile({ optimizer: optimizers[name]({ ...options, ...extra }), loss: 'mse' });
        const h = await model.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0 });
        const loss = h.history.loss;
        const what = `${cell} ${name} ${JSON.stringify(extra)}`;
        assert.ok(loss.every(Number.isFinite), `${what}: finite losses`);
        assert.ok(loss.at(-1) < loss[0], `${what}: ${loss[0]} → ${loss.at(-1)}`);
        assert.ok(model.getWeights().every((w) => w.values.every(Number.isFinite)), `${what}: finite weights`);
        model.dispose();
      }
    }
  });
}

test('the NaN sentinel names the recurrent layer; a trained recurrent model reloads exactly', async () => {
  const wild = sequential({ seed: 5, layers: [layers.simpleRNN({ units: 8, inputShape: [T, F], activation: 'linear' }), layers.dense({ units: 1 })] });
  wild.compile({ optimizer: optimizers.sgd({ learningRate: 1e12 }), loss: 'mse' });
  await assert.rejects(wild.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0 }),
    (e) => e.name === 'NonFiniteError' && /^fit: non-finite/.test(e.message) && /simple_rnn|dense/.test(e.message));
  wild.dispose();
  const model = sequential({ seed: 5, layers: [layers.gru({ units: 8, inputShape: [T, F], returnSequences: true }), layers.lstm({ units: 4 }),
    layers.dense({ units: 1 })] });
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 });
  const copy = loadModel(model.save());
  assert.deepEqual(Array.from(copy.predict(x)), Array.from(model.predict(x)));
  const a = await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
  const b = await copy.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
  assert.deepEqual(b.history.loss, a.history.loss, 'training continues identically from the file');
  model.dispose();
  copy.dispose();
});
