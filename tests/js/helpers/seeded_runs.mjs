// helpers/seeded_runs.mjs — a fixed set of seeded training runs covering every layer kind,
// every optimizer, clipping, weight decay, a schedule and dropout, each reduced to a SHA-256
// of its final weights and optimizer iteration count. The redesign test compares these to
// the digests recorded with the code as it was before the one-vocabulary redesign
// (tests/fixtures/seeded_runs_before_redesign.json); `node tests/js/helpers/seeded_runs.mjs
// simd|scalar` prints them.
import { createHash } from 'node:crypto';
import { init, layers, optimizers, sequential } from '../../../src/js/index.mjs';

const RUNS = {
  sgdNesterovBatchNorm: () => optimizers.sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
  adagrad: () => optimizers.adagrad({ learningRate: 0.05, clipValue: 0.5 }),
  rmspropCentered: () => optimizers.rmsprop({ learningRate: 0.005, centered: true, momentum: 0.5, clipNorm: 1 }),
  adamAmsgrad: () => optimizers.adam({ learningRate: 0.01, amsgrad: true, globalClipNorm: 2 }),
  nadam: () => optimizers.nadam({ learningRate: 0.01, weightDecay: 0.01 }),
  adamw: () => optimizers.adamw({ learningRate: 0.01 }),
  adamax: () => optimizers.adamax({ learningRate: 0.01 }),
  adadelta: () => optimizers.adadelta({ learningRate: 1 }),
  adamCosine: () => optimizers.adam({ learningRate: optimizers.schedules.cosineDecay({ initialLearningRate: 0.02,
    decaySteps: 40, alpha: 0.1, warmupTarget: 0.05, warmupSteps: 5 }) }),
  sgdPiecewise: () => optimizers.sgd({ learningRate: optimizers.schedules.piecewiseConstantDecay({ boundaries: [10, 30],
    values: [0.1, 0.05, 0.01] }), momentum: 0.5 }),
};

export async function seededRunDigests() {
  const n = 96;
  const x = new Float32Array(n * 5).map((_, i) => Math.sin(i * 0.61) + 0.3 * Math.cos(i * 1.3));
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) y[3 * i + ((x[5 * i] + x[5 * i + 2] > 0 ? 1 : 0) + (x[5 * i + 4] > 0.5 ? 1 : 0))] = 1;
  const out = {};
  for (const [name, makeOptimizer] of Object.entries(RUNS)) {
    const model = sequential({ seed: 7, layers: [
      layers.dense({ units: 11, inputShape: [5], activation: 'relu', kernelInitializer: 'heNormal' }),
      layers.batchNormalization({ momentum: 0.9 }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 9, activation: 'tanh', kernelInitializer: 'lecunNormal' }),
      layers.activation({ activation: 'elu' }),
      layers.dense({ units: 3, activation: 'softmax' }),
    ] });
    model.compile({ optimizer: makeOptimizer(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(x, y, { verbose: 0, epochs: 5, batchSize: 13, shuffle: true });
    const hash = createHash('sha256');
    for (const w of model.getWeights()) hash.update(new Uint8Array(w.values.buffer));
    hash.update(String(model.optimizer.iterations));
    out[name] = hash.digest('hex');
    model.dispose();
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  await init({ simd: process.argv[2] !== 'scalar' });
  console.log(JSON.stringify(await seededRunDigests(), null, 2));
}
