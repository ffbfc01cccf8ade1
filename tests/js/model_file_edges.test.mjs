// model_file_edges.test.mjs — issue 10 finding 11, the model-file and divergence items: a
// negative batch-normalization moving variance is refused by loadModel and setWeights; an
// optimizer whose iteration count passed 2^53 cannot be saved with its state (save says so)
// while 2^53 itself round-trips; a file in a SharedArrayBuffer loads, also where TextDecoder
// refuses shared views (as browsers do); with learning rate 1e30 fit's NaN sentinel names
// the place and every array the failing batch left non-finite.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, loadModel, optimizers, sequential } from '../../src/js/index.mjs';
import { FORMAT_NAME, writeModelFile } from '../../src/js/model_file.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const Y = [[0], [1], [1], [0]];
const bnModel = () => sequential({ seed: 1, layers: [layers.dense({ units: 3, inputShape: [2], activation: 'relu' }),
  layers.batchNormalization(), layers.dense({ units: 1 })] });
const values = (m) => m.getWeights().map((w) => Array.from(w.values));
const f32 = (v) => String(Math.fround(v)).replace(/[.+]/g, '\\$&'); // as a Float32Array holds it, regex-escaped

test('a negative moving variance is refused by loadModel and by setWeights', () => {
  const model = bnModel();
  const weights = model.getWeights();
  const at = weights.findIndex((w) => w.name === 'batch_normalization/moving_variance');
  for (const bad of [-1, -1e-30, -Infinity]) {
    const forged = weights.map((w) => w.values.slice());
    forged[at][1] = bad;
    const bytes = writeModelFile({ config: { format: FORMAT_NAME, seed: 1, layers: model.getConfig().layers, compile: null },
      rngs: [[1, 2, 3, 4]], weights: forged });
    assert.throws(() => loadModel(bytes), Number.isFinite(bad)
      ? new RegExp(`^Error: loadModel: bytes is not a valid simdtrain model file: its weight batch_normalization/moving_variance holds ${f32(bad)} at index 1; a moving variance must be >= 0$`)
      : /^Error: loadModel: bytes is not a valid simdtrain model file: /);
    const before = values(model);
    assert.throws(() => model.setWeights(forged), Number.isFinite(bad)
      ? new RegExp(`^Error: setWeights: weights\\[${at}\\] \\(batch_normalization/moving_variance\\) must be >= 0 \\(a variance\\), got ${f32(bad)} at index 1$`)
      : /must be finite/);
    assert.deepEqual(values(model), before);
  }
  // zero (and -0) is a variance; the model file with it loads
  const zero = weights.map((w) => w.values.slice());
  zero[at].fill(0);
  zero[at][0] = -0;
  model.setWeights(zero);
  loadModel(model.save()).dispose();
  model.dispose();
});

test('movingVarianceInitializer takes only ones or zeros: a random initializer made negative variances', () => {
  for (const name of ['heUniform', 'glorotUniform', 'glorotNormal', 'lecunNormal', 'orthogonal']) {
    assert.throws(() => layers.batchNormalization({ movingVarianceInitializer: name }),
      new RegExp(`^Error: layers\\.batchNormalization: movingVarianceInitializer must be one of 'ones', 'zeros', got "${name}"$`));
  }
  for (const name of ['ones', 'zeros']) layers.batchNormalization({ movingVarianceInitializer: name });
  layers.batchNormalization({ movingMeanInitializer: 'heUniform' }); // a mean may be negative
});

test('iterations past 2^53: save refuses the optimizer state with a clear Error; 2^53 itself round-trips', () => {
  for (const [start, saved] of [[2 ** 53 - 1, 2 ** 53], [2 ** 53, null]]) {
    const model = sequential({ seed: 1, layers: [layers.dense({ units: 1, inputShape: [2] })] });
    const opt = optimizers.adam();
    model.compile({ optimizer: opt, loss: 'mse' });
    opt._restore('test', { iterations: start, uProduct: 1, sizes: [2, 1], slots: new Float32Array(9) }); // as loadModel does
    model.trainOnBatch(X, Y);
    model.trainOnBatch(X, Y);
    // Whether C's count passes 2^53 (today: 2^53, then 2^53 + 2 after two steps from 2^53) or stops there,
    // the file either holds it exactly or save refuses: never a file loadModel refuses.
    if (opt.iterations <= 2 ** 53) {
      if (saved !== null) assert.equal(opt.iterations, saved);
      const loaded = loadModel(model.save());
      assert.equal(loaded.optimizer.iterations, opt.iterations);
      loaded.dispose();
    } else {
      assert.throws(() => model.save(), /^Error: save: the optimizer's iterations \(\d+\) are past 2\^53, the largest count a model file holds exactly; save with \{ includeOptimizer: false \}$/);
      const loaded = loadModel(model.save({ includeOptimizer: false }));
      assert.equal(loaded.optimizer.iterations, 0);
      loaded.dispose();
    }
    model.dispose();
  }
});

test('a file in a SharedArrayBuffer loads, also where TextDecoder refuses shared views (browsers)', () => {
  const model = bnModel();
  model.compile({ optimizer: 'adam', loss: 'mse' });
  model.trainOnBatch(X, Y);
  const bytes = model.save();
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 8), 8, bytes.length);
  shared.set(bytes);
  const Native = globalThis.TextDecoder;
  globalThis.TextDecoder = class extends Native {
    decode(input, options) {
      if (input?.buffer instanceof SharedArrayBuffer) throw new TypeError('The provided ArrayBufferView value must not be shared.');
      return super.decode(input, options);
    }
  };
  try {
    const loaded = loadModel(shared);
    assert.deepEqual(values(loaded), values(model));
    assert.equal(loaded.optimizer.iterations, 1);
    loaded.dispose();
  } finally {
    globalThis.TextDecoder = Native;
  }
  model.dispose();
});

test('learning rate 1e30: the NaN sentinel names where, and lists every array the batch left non-finite', async () => {
  const model = bnModel();
  model.compile({ optimizer: optimizers.sgd({ learningRate: 1e30 }), loss: 'mse' });
  const error = await model.fit(X, Y, { epochs: 5, batchSize: 1, shuffle: false, verbose: 0 }).then(() => null, (e) => e);
  assert.equal(error?.name, 'NonFiniteError');
  const bad = model.getWeights().filter((w) => !w.values.every(Number.isFinite)).map((w) => w.name);
  assert.ok(bad.length > 0);
  assert.match(error.message, /^fit: non-finite (loss|gradient|weight) at epoch 0, batch \d+, in (layer \w+ \(\w+\), array [\w/]+|the loss); training stopped .*; non-finite weights after that batch: /);
  assert.ok(error.message.endsWith(`non-finite weights after that batch: ${bad.join(', ')}`), error.message);
  model.dispose();
});
