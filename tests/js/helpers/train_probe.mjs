// helpers/train_probe.mjs — trains one fixed network in the build named on the command line
// ('simd' or 'scalar') and prints its predictions, loss and weights as JSON; the
// agreement test runs it once per build and compares.
import { init, layers, optimizers, sequential } from '../../../src/js/index.mjs';

await init({ simd: process.argv[2] === 'simd' });
const x = new Float32Array(256 * 8).map((_, i) => Math.sin(i * 0.37));
const y = new Int32Array(256).map((_, i) => (x[i * 8] + x[i * 8 + 3] > 0 ? 1 : 0) + (x[i * 8 + 5] > 0.5 ? 1 : 0));
const model = sequential({ seed: 12, layers: [
  layers.dense({ units: 37, inputShape: [8], activation: 'relu', kernelInitializer: 'heNormal' }),
  layers.dense({ units: 19, activation: 'tanh' }),
  layers.dense({ units: 13, activation: 'elu' }),
  layers.dense({ units: 3, activation: 'softmax' }),
]});
model.compile({ optimizer: optimizers.sgd({ learningRate: 0.05, momentum: 0.9 }), loss: 'sparseCategoricalCrossentropy' });
const initialPredictions = Array.from(model.predict(x));
const initial = model.computeGradients(x, y);
const history = await model.fit(x, y, { verbose: 0, epochs: Number(process.argv[3] ?? 2), batchSize: 17 });
console.log(JSON.stringify({
  initialPredictions,
  initialLoss: [initial.loss],
  initialGrads: initial.grads.map((g) => Array.from(g)),
  loss: history.history.loss,
  predictions: Array.from(model.predict(x)),
  weights: model.getWeights().map((w) => Array.from(w.values)),
}));
