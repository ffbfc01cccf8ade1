// examples/spiral.mjs — two interleaved spirals (2 classes), the classic hard 2-D problem:
// a 2-32-32-2 ReLU network, momentum SGD and sparse labels.
// Run: node examples/spiral.mjs   (after `npm run build`)
import { init, sequential, layers, optimizers } from '../src/js/index.mjs';

/** n points per class on two spirals, 1.75 turns each, small seeded noise. */
function twoSpirals(n, noise, seed) {
  let s = seed >>> 0;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = new Float32Array(4 * n);
  const y = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = (i / n) * 5;
    const t = 1.75 * (i / n) * 2 * Math.PI;
    for (let c = 0; c < 2; c++) {
      const k = 2 * i + c;
      const angle = t + c * Math.PI;
      x[2 * k] = r * Math.sin(angle) + noise * (random() * 2 - 1);
      x[2 * k + 1] = r * Math.cos(angle) + noise * (random() * 2 - 1);
      y[k] = c;
    }
  }
  return { x, y };
}

await init();
const { x, y } = twoSpirals(300, 0.1, 7);
const model = sequential({ seed: 3, layers: [
  layers.dense({ units: 32, inputShape: [2], activation: 'relu', kernelInitializer: 'heNormal' }),
  layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }),
  layers.dense({ units: 2, activation: 'softmax' }),
]});
model.compile({ optimizer: optimizers.sgd({ learningRate: 0.05, momentum: 0.9 }),
  loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const started = performance.now();
await model.fit(x, y, { epochs: 400, batchSize: 32 });
const { accuracy, loss } = model.evaluate(x, y);
console.log(`trained 400 epochs in ${((performance.now() - started) / 1000).toFixed(2)} s`);
console.log(`spiral accuracy: ${(accuracy * 100).toFixed(1)}% (loss ${loss.toFixed(4)})`);
model.dispose();
