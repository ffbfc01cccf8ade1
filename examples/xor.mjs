// examples/xor.mjs — the smallest non-linear problem: learn XOR with a 2-8-1 network.
// Run: node examples/xor.mjs   (after `npm run build`)
import { init, sequential, layers, optimizers } from '../src/js/index.mjs';

const info = await init();
const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];

const model = sequential({ seed: 1, layers: [
  layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
  layers.dense({ units: 1, activation: 'sigmoid' }),
]});
model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }),
  loss: 'binaryCrossentropy', metrics: ['accuracy'] });

const history = await model.fit(x, y, { epochs: 500, batchSize: 4 });
const { loss, accuracy } = model.evaluate(x, y);
model.summary();
console.log(`build: ${info.simd ? 'SIMD' : 'scalar'}; final training loss ${history.history.loss.at(-1).toFixed(4)}`);
console.log(`predictions: ${Array.from(model.predict(x), (p) => p.toFixed(3)).join(' ')}`);
console.log(`xor accuracy: ${(accuracy * 100).toFixed(1)}% (loss ${loss.toFixed(4)})`);
model.dispose();
