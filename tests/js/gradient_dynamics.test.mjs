// gradient_dynamics.test.mjs — the tutorial's claims about gradient flow, checked with numbers
// through model.gradientStats(), plus the diagnostics plumbing (fit logs, NaN sentinel) and
// Dropout's forward/backward.
//
// Vanishing gradients: a 10-Dense-layer net (32 inputs, nine hidden layers of 32 units, a
// 10-way softmax, categoricalCrossentropy, batch 64 of N(0, 1) inputs), over model seeds 1..3:
//   - sigmoid + glorotUniform: ||dL/d kernel_0|| / ||dL/d kernel_9|| < 1e-3
//     (measured ~2e-6 .. 4e-6 on this setup),
//   - relu + heNormal: the ratio stays > 1e-1 (measured ~0.3 .. 0.7),
//   - sigmoid + glorotUniform with BatchNormalization between each hidden Dense and its sigmoid:
//     the ratio is at least 100× the plain sigmoid net's (measured ~1e5×).
// Dead / saturated units: gradientStats().deadFraction is the fraction of ReLU units that are 0
// for every sample of the batch; saturatedFraction the fraction of sigmoid/tanh activations —
// every (unit, sample) pair — whose derivative is below 1% of its peak (sigmoid' < 0.0025,
// tanh' < 0.01; src/diagnostics.c), checked against a float64 forward pass here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layers, losses, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';
import { mulberry32 } from '../../web/js/lib/random.mjs';

const info = await initBuild();

function normal(seed, n, scale = 1) {
  const u = mulberry32(seed);
  return Float32Array.from({ length: n }, () => scale * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

function oneHot(seed, rows, classes) {
  const u = mulberry32(seed);
  const y = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) y[r * classes + Math.floor(u() * classes)] = 1;
  return y;
}

const norm = (a) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

function assertRel(actual, expected, rtol, where) {
  assert.ok(Math.abs(actual - expected) <= rtol * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-12,
    `${where}: got ${actual}, expected ${expected} (rtol ${rtol})`);
}

const IN = 32, WIDTH = 32, ROWS = 64, CLASSES = 10;
const X = normal(1, ROWS * IN);
const Y = oneHot(2, ROWS, CLASSES);

function deepNet({ activation, kernelInitializer, batchNorm = false, seed }) {
  const list = [];
  for (let i = 0; i < 9; i++) {
    list.push(layers.dense({ units: WIDTH, activation: batchNorm ? 'linear' : activation, kernelInitializer,
      ...(i === 0 ? { inputShape: [IN] } : {}) }));
    if (batchNorm) list.push(layers.batchNormalization(), layers.activation({ activation }));
  }
  list.push(layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer }));
  const model = sequential({ seed, layers: list });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.01 }), loss: losses.categoricalCrossentropy() });
  return model;
}

/** ||grad of the first Dense kernel|| / ||grad of the last Dense kernel||, from gradientStats(). */
function firstToLastRatio(model) {
  model.computeGradients(X, Y);
  const kernels = model.gradientStats().flatMap((s) => s.weights).filter((w) => w.name.endsWith('/kernel'));
  assert.equal(kernels.length, 10);
  return kernels[0].gradientNorm / kernels[9].gradientNorm;
}

describe(`gradient dynamics (${info.simd ? 'SIMD' : 'scalar'} build)`, () => {
  for (const seed of [1, 2, 3]) {
    test(`10-layer nets, seed ${seed}: sigmoid vanishes, relu/He keeps, BN rescues sigmoid by ≥ 100×`, () => {
      const sigmoid = deepNet({ activation: 'sigmoid', kernelInitializer: 'glorotUniform', seed });
      const relu = deepNet({ activation: 'relu', kernelInitializer: 'heNormal', seed });
      const sigmoidBN = deepNet({ activation: 'sigmoid', kernelInitializer: 'glorotUniform', batchNorm: true, seed });
      const [rs, rr, rb] = [sigmoid, relu, sigmoidBN].map(firstToLastRatio);
      assert.ok(rs < 1e-3, `sigmoid/Glorot first/last kernel gradient norm ratio ${rs} must be < 1e-3`);
      assert.ok(rr > 1e-1, `relu/He first/last kernel gradient norm ratio ${rr} must be > 1e-1`);
      assert.ok(rb >= 100 * rs, `sigmoid+BN ratio ${rb} must be >= 100 × plain sigmoid's ${rs}`);
      [sigmoid, relu, sigmoidBN].forEach((m) => m.dispose());
    });
  }

  test('a ReLU net with bias -10 (setWeights) reports > 50% dead units; the default init does not', () => {
    const model = sequential({ seed: 3, layers: [layers.dense({ units: 32, activation: 'relu', inputShape: [IN] }),
      layers.dense({ units: 32, activation: 'relu' }), layers.dense({ units: 4, activation: 'softmax' })] });
    model.compile({ optimizer: optimizers.sgd(), loss: losses.categoricalCrossentropy() });
    const y = oneHot(4, ROWS, 4);
    model.computeGradients(X, y);
    const healthy = model.gradientStats();
    assert.ok(healthy[0].deadFraction < 0.5 && healthy[1].deadFraction < 0.5,
      `default init dead fractions ${healthy[0].deadFraction}, ${healthy[1].deadFraction} must be < 0.5`);
    assert.equal(healthy[2].deadFraction, null, 'deadFraction is null for a softmax layer');
    model.setWeights(model.getWeights().map((w, i) => (i < 4 && w.name.endsWith('/bias') ? new Float32Array(32).fill(-10) : w.values)));
    model.computeGradients(X, y);
    const stats = model.gradientStats();
    for (const s of stats.slice(0, 2)) {
      assert.ok(s.deadFraction > 0.5, `${s.name}: deadFraction ${s.deadFraction} must be > 0.5`);
      assert.equal(s.saturatedFraction, null, `${s.name}: saturatedFraction is null for ReLU`);
    }
    // Dead units pass no gradient: the first layer's kernel gradient is exactly 0.
    assert.equal(stats[0].weights[0].gradientNorm, 0);
    model.dispose();
  });

  test('a sigmoid net with large weights (kernel ×10, biases ±50) reports > 50% saturated units', () => {
    const model = sequential({ seed: 3, layers: [layers.dense({ units: 32, activation: 'sigmoid', inputShape: [IN] }),
      layers.dense({ units: 32, activation: 'sigmoid' }), layers.dense({ units: 4, activation: 'softmax' })] });
    model.compile({ optimizer: optimizers.sgd(), loss: losses.categoricalCrossentropy() });
    const y = oneHot(4, ROWS, 4);
    model.computeGradients(X, y);
    const healthy = model.gradientStats();
    assert.ok(healthy[0].saturatedFraction < 0.5, `Glorot init saturatedFraction ${healthy[0].saturatedFraction} must be < 0.5`);
    assert.equal(healthy[0].deadFraction, null, 'deadFraction is null for sigmoid');
    model.setWeights(model.getWeights().map((w, i) => {
      if (i >= 4) return w.values;
      return w.name.endsWith('/bias') ? Float32Array.from(w.values, (_, j) => (j % 2 ? 50 : -50)) : Float32Array.from(w.values, (v) => v * 10);
    }));
    model.computeGradients(X, y);
    for (const s of model.gradientStats().slice(0, 2)) {
      assert.ok(s.saturatedFraction > 0.5, `${s.name}: saturatedFraction ${s.saturatedFraction} must be > 0.5`);
    }
    model.dispose();
  });

  test('saturatedFraction counts (unit, sample) pairs with sigmoid\' < 0.0025, as a float64 forward pass does', () => {
    const model = sequential({ seed: 3, layers: [layers.dense({ units: 32, activation: 'sigmoid', inputShape: [IN] }),
      layers.dense({ units: 4, activation: 'softmax' })] });
    model.compile({ optimizer: optimizers.sgd(), loss: losses.categoricalCrossentropy() });
    // Kernel ×8: some activations saturated, some not, and most units mixed across samples.
    const weights = model.getWeights().map((w, i) => (i === 0 ? Float32Array.from(w.values, (v) => v * 8) : w.values));
    model.setWeights(weights);
    model.computeGradients(X, oneHot(4, ROWS, 4));
    const [kernel, bias] = weights;
    let saturated = 0, near = 0, units = 0;
    const unitSaturated = new Array(32).fill(true);
    for (let r = 0; r < ROWS; r++) {
      for (let u = 0; u < 32; u++) {
        let z = bias[u];
        for (let i = 0; i < IN; i++) z += X[r * IN + i] * kernel[i * 32 + u];
        const a = 1 / (1 + Math.exp(-z)), slope = a * (1 - a);
        saturated += slope < 0.0025;
        near += Math.abs(slope - 0.0025) < 1e-5; // float32 rounding may decide these either way
        if (!(slope < 0.0025)) unitSaturated[u] = false;
      }
    }
    units = unitSaturated.filter(Boolean).length;
    const got = model.gradientStats()[0].saturatedFraction;
    const want = saturated / (ROWS * 32);
    assert.ok(want > 0.05 && want < 0.95, `the case must be mixed: ${want}`);
    assert.ok(Math.abs(got - want) <= (near + 0.5) / (ROWS * 32), `saturatedFraction ${got}, float64 forward ${want}`);
    assert.notEqual(got, units / 32, 'not the former whole-batch count of units');
    model.dispose();
  });

  // A small net with a BN layer for the bookkeeping checks below.
  function smallNet(seed = 5) {
    const model = sequential({ seed, layers: [layers.dense({ units: 12, activation: 'linear', inputShape: [IN] }),
      layers.batchNormalization({ momentum: 0.9 }), layers.activation({ activation: 'tanh' }),
      layers.dense({ units: 8, activation: 'relu' }), layers.dense({ units: 4, activation: 'softmax' })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }), loss: losses.categoricalCrossentropy() });
    return model;
  }
  const Y4 = oneHot(6, ROWS, 4);

  test('gradientStats() gradient and weight norms equal norms of computeGradients grads / getWeights (1e-5)', () => {
    const model = smallNet();
    assert.equal(model.gradientStats(), null, 'null before any step');
    const { grads } = model.computeGradients(X, Y4);
    const stats = model.gradientStats();
    const entries = stats.flatMap((s) => s.weights);
    const weights = model.getWeights();
    assert.deepEqual(entries.map((e) => e.name), weights.map((w) => w.name));
    let g = 0;
    entries.forEach((e, i) => {
      assert.equal(e.trainable, weights[i].trainable);
      assertRel(e.weightNorm, norm(weights[i].values), 1e-5, `${e.name} weightNorm`);
      assert.equal(e.updateRatio, null, `${e.name}: no update after computeGradients`);
      if (e.trainable) assertRel(e.gradientNorm, norm(grads[g++]), 1e-5, `${e.name} gradientNorm`);
      else assert.equal(e.gradientNorm, null, `${e.name}: a non-trainable array has no gradient`);
    });
    assert.equal(g, grads.length);
    // Layer activation statistics: mean / std of the layer's output over the batch.
    const out = model.predict(X, { training: false });
    assert.equal(stats.length, 5);
    assert.ok(stats.every((s) => Number.isFinite(s.activationMean) && s.activationStd >= 0));
    const bn = stats[1];
    assert.equal(bn.className, 'BatchNormalization');
    for (const key of ['batchMean', 'batchVariance', 'movingMean', 'movingVariance']) assert.equal(bn[key].length, 12, key);
    // The BN output in training mode has per-feature mean beta = 0 and variance var/(var + eps) < 1:
    // over the whole batch its mean is ~0 and its std just under 1.
    assert.ok(Math.abs(bn.activationMean) < 1e-5, `BN activationMean ${bn.activationMean}`);
    assert.ok(bn.activationStd > 0.99 && bn.activationStd < 1, `BN activationStd ${bn.activationStd}`);
    assert.equal(out.length, ROWS * 4);
    model.dispose();
  });

  test('updateRatio = ||w_after - w_before|| / ||w_before|| around a trainOnBatch (1e-5); weightNorm is after', () => {
    const model = smallNet();
    model.trainOnBatch(X, Y4);
    const zeroBias = model.gradientStats()[0].weights[1];
    assert.equal(zeroBias.name, 'dense/bias');
    assert.equal(zeroBias.updateRatio, null, 'first step on a zero-initialised bias: ||Δw|| / 0 has no meaningful ratio');
    model.trainOnBatch(X, Y4); // a first step, so momentum is non-zero in the second
    const before = model.getWeights();
    model.trainOnBatch(X, Y4);
    const after = model.getWeights();
    const entries = model.gradientStats().flatMap((s) => s.weights);
    entries.forEach((e, i) => {
      assertRel(e.weightNorm, norm(after[i].values), 1e-5, `${e.name} weightNorm after the step`);
      if (!e.trainable) {
        assert.equal(e.updateRatio, null, `${e.name}: non-trainable, no updateRatio`);
        return;
      }
      const delta = norm(after[i].values.map((v, j) => v - before[i].values[j]));
      const expected = delta / norm(before[i].values);
      assert.ok(expected > 0, `${e.name} changed`);
      assertRel(e.updateRatio, expected, 1e-5, `${e.name} updateRatio`);
    });
    model.dispose();
  });

  // The optimizer measures arrays in blocks of 256 floats while it updates them
  // (src/optim/optimizer.c): arrays of 1 to 4 blocks plus tails, for every rule and slot count.
  const blockOptimizers = {
    sgd: () => optimizers.sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
    adagrad: () => optimizers.adagrad({ learningRate: 0.05 }),
    rmsprop: () => optimizers.rmsprop({ learningRate: 0.01, momentum: 0.5, centered: true }),
    adam: () => optimizers.adam({ learningRate: 0.01, amsgrad: true, weightDecay: 0.01 }),
    nadam: () => optimizers.nadam({ learningRate: 0.01 }),
    adamax: () => optimizers.adamax({ learningRate: 0.01 }),
    adadelta: () => optimizers.adadelta({ learningRate: 1 }),
  };
  for (const [kind, make] of Object.entries(blockOptimizers)) {
    test(`${kind}: diagnostics leave the trained weights bit-identical; updateRatio and gradientNorm hold for multi-block arrays (1e-5)`, async () => {
      const build = () => {
        const model = sequential({ seed: 11, layers: [layers.dense({ units: 37, activation: 'tanh', inputShape: [IN] }),
          layers.dense({ units: 29, activation: 'relu' }), layers.dense({ units: 4, activation: 'softmax' })] });
        model.compile({ optimizer: make(), loss: losses.categoricalCrossentropy() });
        return model;
      };
      const plain = build(), measured = build();
      // fit without diagnostics (3 one-batch epochs) vs trainOnBatch, which always measures.
      await plain.fit(X, Y4, { verbose: 0, epochs: 3, batchSize: ROWS, shuffle: false });
      for (let step = 0; step < 2; step++) measured.trainOnBatch(X, Y4);
      const before = measured.getWeights();
      const { grads } = measured.computeGradients(X, Y4);
      measured.trainOnBatch(X, Y4);
      const after = measured.getWeights();
      assert.ok(after.some((w) => w.values.length > 1024), 'an array of more than four blocks');
      after.forEach((w, i) => assert.deepEqual(w.values, plain.getWeights()[i].values, `${w.name} equals the run without diagnostics`));
      const entries = measured.gradientStats().flatMap((s) => s.weights);
      entries.forEach((e, i) => {
        const delta = norm(after[i].values.map((v, j) => v - before[i].values[j]));
        if (!(norm(before[i].values) > 0)) return; // the zero-initialised biases of step one are covered above
        assertRel(e.updateRatio, delta / norm(before[i].values), 1e-5, `${e.name} updateRatio`);
        assertRel(e.gradientNorm, norm(grads[i]), 1e-5, `${e.name} gradientNorm`);
        assertRel(e.weightNorm, norm(after[i].values), 1e-5, `${e.name} weightNorm`);
      });
      plain.dispose();
      measured.dispose();
    });
  }

  test('fit({ diagnostics: true }) puts the stats into onBatchEnd / onEpochEnd logs.diagnostics', async () => {
    // One batch per epoch, no shuffling: each fit batch is the same step as a trainOnBatch on a
    // twin model, so the logged stats must equal the twin's gradientStats().
    const model = smallNet(9);
    const twin = smallNet(9);
    const batchLogs = [], epochLogs = [];
    const history = await model.fit(X, Y4, { verbose: 0, epochs: 3, batchSize: ROWS, shuffle: false, diagnostics: true,
      onBatchEnd: (b, logs) => { batchLogs.push(logs); }, onEpochEnd: (e, logs) => { epochLogs.push(logs); } });
    assert.equal(batchLogs.length, 3);
    assert.equal(epochLogs.length, 3);
    for (let k = 0; k < 3; k++) {
      const loss = twin.trainOnBatch(X, Y4);
      assertRel(batchLogs[k].loss, loss, 1e-5, `epoch ${k} loss`);
      const expected = twin.gradientStats();
      assert.deepEqual(batchLogs[k].diagnostics, epochLogs[k].diagnostics, `epoch ${k}: epoch log = last batch log`);
      const got = batchLogs[k].diagnostics;
      assert.equal(got.length, expected.length);
      got.forEach((s, i) => {
        const t = expected[i];
        assert.equal(s.name, t.name);
        for (const key of ['activationMean', 'activationStd']) assertRel(s[key], t[key], 1e-5, `epoch ${k} ${s.name}.${key}`);
        assert.equal(s.deadFraction, t.deadFraction);
        assert.equal(s.saturatedFraction, t.saturatedFraction);
        s.weights.forEach((w, j) => {
          for (const key of ['gradientNorm', 'weightNorm', 'updateRatio']) {
            if (t.weights[j][key] === null) assert.equal(w[key], null, `${w.name}.${key}`);
            else assertRel(w[key], t.weights[j][key], 1e-5, `epoch ${k} ${w.name}.${key}`);
          }
        });
        if (s.className === 'BatchNormalization') {
          for (const key of ['batchMean', 'batchVariance', 'movingMean', 'movingVariance']) {
            s[key].forEach((v, j) => assertRel(v, t[key][j], 1e-5, `epoch ${k} ${s.name}.${key}[${j}]`));
          }
        }
      });
    }
    assert.equal(history.history.diagnostics, undefined, 'diagnostics stay in the callbacks, out of the History (numbers only)');
    // Without diagnostics the logs carry none.
    const plain = [];
    await model.fit(X, Y4, { verbose: 0, epochs: 1, batchSize: 16, onBatchEnd: (b, logs) => { plain.push(logs); } });
    assert.equal(plain.length, 4);
    assert.ok(plain.every((l) => !('diagnostics' in l)));
    // Several batches per epoch: one diagnostics entry per batch, the epoch's = its last batch's.
    const many = [], epochs = [];
    await model.fit(X, Y4, { verbose: 0, epochs: 1, batchSize: 16, diagnostics: true,
      onBatchEnd: (b, logs) => { many.push(logs.diagnostics); }, onEpochEnd: (e, logs) => { epochs.push(logs.diagnostics); } });
    assert.equal(many.length, 4);
    assert.deepEqual(epochs[0], many[3]);
    assert.notDeepEqual(many[0], many[1], 'each batch logs its own statistics');
    assert.deepEqual(model.gradientStats(), many[3], 'gradientStats() after fit = the last fit batch');
    model.dispose();
    twin.dispose();
  });

  test('NaN sentinel: a diverging fit throws naming epoch, batch, layer and array; terminateOnNaN: false trains on', async () => {
    const make = () => {
      const model = sequential({ seed: 3, layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [IN] }), layers.dense({ units: 1 })] });
      model.compile({ optimizer: optimizers.sgd({ learningRate: 1e3 }), loss: losses.meanSquaredError() });
      return model;
    };
    const y = normal(5, ROWS, 100);
    const model = make();
    await assert.rejects(model.fit(X, y, { verbose: 0, epochs: 5, batchSize: 16 }), (error) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /non-finite (loss|gradient|weight)/);
      assert.match(error.message, /epoch \d+/);
      assert.match(error.message, /batch \d+/);
      assert.match(error.message, /layer dense(_\d+)? \(Dense\)/);
      assert.match(error.message, /array dense(_\d+)?\/(kernel|bias)/);
      return true;
    });
    model.dispose();
    const free = make();
    const history = await free.fit(X, y, { verbose: 0, epochs: 3, batchSize: 16, terminateOnNaN: false });
    assert.equal(history.history.loss.length, 3, 'all epochs ran');
    assert.ok(history.history.loss.every(Number.isNaN), `losses ${history.history.loss} are NaN`);
    free.dispose();
  });
});

describe(`Dropout (${info.simd ? 'SIMD' : 'scalar'} build)`, () => {
  const F = 50;
  const x = Float32Array.from(normal(21, 400 * F), (v) => (v === 0 ? 1 : v));

  const dropoutNet = (rate, seed) => sequential({ seed: 1, layers: [layers.activation({ activation: 'linear', inputShape: [F] }),
    layers.dropout({ rate, ...(seed === undefined ? {} : { seed }) })] });

  test('inference output equals the input', () => {
    const model = dropoutNet(0.5, 7);
    assert.deepEqual(model.predict(x), x);
    model.dispose();
  });

  test('training output values are 0 or x/(1 - rate); kept fraction ≈ 1 - rate', () => {
    for (const rate of [0.1, 0.3, 0.5, 0.8]) {
      const model = dropoutNet(rate, 7);
      const y = model.predict(x, { training: true });
      const keep = Math.fround(1 - Math.fround(rate));
      let kept = 0;
      y.forEach((v, i) => {
        if (v === 0) return;
        kept++;
        assert.equal(v, Math.fround(x[i] / keep), `rate ${rate} index ${i}: ${v} is neither 0 nor x/(1 - rate)`);
      });
      // 20000 values: the kept fraction's standard deviation is at most 0.0036; allow 0.02.
      const fraction = kept / y.length;
      assert.ok(Math.abs(fraction - (1 - rate)) < 0.02, `rate ${rate}: kept fraction ${fraction}`);
      model.dispose();
    }
  });

  test('same seed → same mask; another seed → another mask; successive calls draw new masks', () => {
    const a = dropoutNet(0.5, 42), b = dropoutNet(0.5, 42), c = dropoutNet(0.5, 43);
    const ya = a.predict(x, { training: true });
    assert.deepEqual(b.predict(x, { training: true }), ya);
    assert.notDeepEqual(c.predict(x, { training: true }), ya);
    assert.notDeepEqual(a.predict(x, { training: true }), ya);
    [a, b, c].forEach((m) => m.dispose());
  });

  test('rate 0 → identity in training', () => {
    const model = dropoutNet(0, 3);
    assert.deepEqual(model.predict(x, { training: true }), x);
    model.dispose();
  });

  test('gradient through dropout: dKernel = xᵀ·(dy ⊙ mask/(1 - rate)), dBias = Σ rows (dy ⊙ mask/(1 - rate))', () => {
    // Two identical models (same weights, same dropout seed) draw the same first mask: model A's
    // predict(x, { training: true }) reveals it (dense outputs are non-zero), model B's
    // computeGradients uses it. dy = dL/dy for mean squared error = 2 (ŷ - y) / (rows × units).
    const rows = 16, inputs = 5, units = 6, rate = 0.4;
    const xs = normal(31, rows * inputs), ys = normal(32, rows * units);
    const make = () => {
      const m = sequential({ seed: 4, layers: [layers.dense({ units, inputShape: [inputs], biasInitializer: 'ones' }), layers.dropout({ rate, seed: 99 })] });
      m.compile({ optimizer: optimizers.sgd(), loss: losses.meanSquaredError() });
      return m;
    };
    const a = make(), b = make();
    const yhat = a.predict(xs, { training: true });
    const w = a.getWeights();
    const kernel = w[0].values, bias = w[1].values;
    const keep = 1 - rate;
    const z = new Float64Array(rows * units);
    for (let r = 0; r < rows; r++) for (let u = 0; u < units; u++) {
      let s = bias[u];
      for (let i = 0; i < inputs; i++) s += xs[r * inputs + i] * kernel[i * units + u];
      z[r * units + u] = s;
    }
    assert.ok(z.every((v) => Math.abs(v) > 1e-3), 'dense outputs are non-zero, so the mask is visible');
    const mask = Array.from(yhat, (v) => (v === 0 ? 0 : 1));
    const dropped = mask.filter((m) => m === 0).length;
    assert.ok(dropped > 0 && dropped < mask.length, `some but not all values dropped (${dropped})`);
    yhat.forEach((v, j) => assertRel(v, mask[j] * z[j] / keep, 1e-5, `ŷ[${j}]`));

    const { loss, grads } = b.computeGradients(xs, ys);
    let mse = 0;
    yhat.forEach((v, j) => { mse += (v - ys[j]) ** 2 / (rows * units); });
    assertRel(loss, mse, 1e-5, 'loss with the same mask');
    const dz = Float64Array.from(yhat, (v, j) => (2 * (v - ys[j]) / (rows * units)) * mask[j] / keep);
    const dKernel = new Float64Array(inputs * units), dBias = new Float64Array(units);
    for (let r = 0; r < rows; r++) for (let u = 0; u < units; u++) {
      dBias[u] += dz[r * units + u];
      for (let i = 0; i < inputs; i++) dKernel[i * units + u] += xs[r * inputs + i] * dz[r * units + u];
    }
    const close = (got, want, where) => want.forEach((v, j) => assert.ok(Math.abs(got[j] - v) <= 1e-5 * Math.abs(v) + 1e-7,
      `${where}[${j}]: got ${got[j]}, expected ${v}`));
    close(grads[0], dKernel, 'dKernel');
    close(grads[1], dBias, 'dBias');
    a.dispose();
    b.dispose();
  });
});
