// gen_corpus.mjs — writes the fuzzer's seed corpus (tests/fuzz/corpus/): small valid model
// files saved by the JS API (with and without optimizer state, every layer kind, a
// schedule) and a few truncated and bit-flipped copies. Run: node tests/fuzz/gen_corpus.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { init, layers, optimizers, sequential } from '../../src/js/index.mjs';

await init();
const dir = new URL('./corpus/', import.meta.url);
mkdirSync(dir, { recursive: true });
const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];
const files = {};

const small = sequential({ seed: 1, layers: [layers.dense({ units: 2, inputShape: [2], activation: 'tanh' }), layers.dense({ units: 1, useBias: false })] });
files['uncompiled.stm'] = small.save();
small.compile({ optimizer: optimizers.adam({ amsgrad: true }), loss: 'mse' });
files['compiled_unstepped.stm'] = small.save();
await small.fit(x, y, { epochs: 2, batchSize: 2 });
files['adam_amsgrad.stm'] = small.save();
files['no_optimizer.stm'] = small.save({ includeOptimizer: false });

const every = sequential({ seed: 2, layers: [
  layers.dense({ units: 3, inputShape: [2], activation: 'relu' }),
  layers.batchNormalization({ center: false }),
  layers.dropout({ rate: 0.25, seed: 9 }),
  layers.activation({ activation: 'elu' }),
  layers.dense({ units: 1, activation: 'sigmoid' }),
] });
every.compile({ optimizer: optimizers.nadam({ learningRate: optimizers.schedules.piecewiseConstantDecay({ boundaries: [2], values: [0.1, 0.01] }), clipNorm: 1 }),
  loss: 'binaryCrossentropy', metrics: ['accuracy'] });
await every.fit(x, y, { epochs: 2, batchSize: 2 });
files['every_layer_nadam.stm'] = every.save();

const rms = sequential({ seed: 3, layers: [layers.dense({ units: 2, inputShape: [1] })] });
rms.compile({ optimizer: optimizers.rmsprop({ centered: true, momentum: 0.5 }), loss: 'mse' });
await rms.fit([[1], [2]], [[1, 0], [0, 1]], { epochs: 1 });
files['rmsprop_centered.stm'] = rms.save();

const valid = Object.entries(files);
for (const [name, bytes] of valid) writeFileSync(new URL(name, dir), bytes);
const [, base] = valid.find(([n]) => n === 'adam_amsgrad.stm');
for (const cut of [0, 7, 12, 19, 60, base.length - 5, base.length - 1]) writeFileSync(new URL(`truncated_${cut}.stm`, dir), base.subarray(0, cut));
const flipped = base.slice();
flipped[flipped.length - 9] ^= 0x40;
writeFileSync(new URL('flipped_weight.stm', dir), flipped);
console.log(`wrote ${valid.length} valid and 8 broken files to ${dir.pathname}`);
