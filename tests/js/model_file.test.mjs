// model_file.test.mjs — model.save() / loadModel() (docs/model-format.md):
//   round trips for every layer kind and every optimizer kind (plus schedules and clipping),
//   with and without optimizer state: bit-identical predictions, and with state, further
//   fit (shuffle + dropout) on the original and the loaded copy gives identical weights;
//   corrupted files (every truncation, every byte flipped, forged counts/shapes/values with
//   a valid checksum) each throw a clear Error, allocate nothing large and leak nothing;
//   two identical runs save identical bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, loadModel, optimizers, sequential } from '../../src/js/index.mjs';
import { crc32, writeModelFile } from '../../src/js/model_file.mjs';
import { heapBytesInUse, memoryBytes } from '../../src/js/bridge.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();
const heapInUse = () => heapBytesInUse();

const N = 24;
const x = new Float32Array(N * 3).map((_, i) => Math.sin(i * 1.7));
const y = new Float32Array(N).map((_, i) => (Math.cos(i * 0.9) > 0 ? 1 : 0));
const bytesOf = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const weightBytes = (m) => Buffer.concat(m.getWeights().map((w) => bytesOf(w.values)));

const S = optimizers.schedules;
const OPTIMIZERS = {
  'sgd momentum nesterov': () => optimizers.sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
  'sgd plain with clipValue': () => optimizers.sgd({ learningRate: 0.1, clipValue: 0.05 }),
  adagrad: () => optimizers.adagrad({ learningRate: 0.05 }),
  'rmsprop centered momentum': () => optimizers.rmsprop({ centered: true, momentum: 0.5 }),
  'adam amsgrad': () => optimizers.adam({ amsgrad: true, learningRate: 0.01 }),
  nadam: () => optimizers.nadam({ learningRate: 0.01 }),
  adamw: () => optimizers.adamw({ learningRate: 0.01, weightDecay: 0.01 }),
  adamax: () => optimizers.adamax(),
  adadelta: () => optimizers.adadelta({ learningRate: 1 }),
  'adam clipNorm': () => optimizers.adam({ clipNorm: 0.1 }),
  'sgd globalClipNorm': () => optimizers.sgd({ globalClipNorm: 0.5, momentum: 0.3 }),
  'adam exponentialDecay': () => optimizers.adam({ learningRate: S.exponentialDecay({ initialLearningRate: 0.02, decaySteps: 5, decayRate: 0.5, staircase: true }) }),
  'sgd inverseTimeDecay': () => optimizers.sgd({ learningRate: S.inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5 }) }),
  'rmsprop piecewiseConstantDecay': () => optimizers.rmsprop({ learningRate: S.piecewiseConstantDecay({ boundaries: [4, 9], values: [0.01, 0.005, 0.001] }) }),
  'nadam polynomialDecay': () => optimizers.nadam({ learningRate: S.polynomialDecay({ initialLearningRate: 0.01, decaySteps: 10, power: 2, cycle: true }) }),
  'adamw cosineDecay warmup': () => optimizers.adamw({ learningRate: S.cosineDecay({ initialLearningRate: 0.001, decaySteps: 20, warmupTarget: 0.01, warmupSteps: 5, alpha: 0.1 }) }),
};

const LAYER_STACKS = {
  'dense with bias': () => [layers.dense({ units: 5, inputShape: [3], activation: 'tanh' }), layers.dense({ units: 1, activation: 'sigmoid' })],
  'dense without bias': () => [layers.dense({ units: 5, inputShape: [3], useBias: false, activation: 'relu', kernelInitializer: 'heNormal' }),
    layers.dense({ units: 1, useBias: false, activation: 'sigmoid' })],
  activation: () => [layers.dense({ units: 4, inputShape: [3] }), layers.activation({ activation: 'leakyRelu' }), layers.dense({ units: 1, activation: 'sigmoid' })],
  'batchNormalization center and scale off': () => [layers.dense({ units: 4, inputShape: [3] }),
    layers.batchNormalization({ center: false, scale: false, momentum: 0.9 }), layers.batchNormalization({ center: false }),
    layers.batchNormalization({ scale: false, epsilon: 0.01 }), layers.dense({ units: 1, activation: 'sigmoid' })],
  'dropout seeded and unseeded': () => [layers.dense({ units: 6, inputShape: [3], activation: 'elu' }), layers.dropout({ rate: 0.3 }),
    layers.dense({ units: 4, activation: 'selu' }), layers.dropout({ rate: 0.2, seed: 77, name: 'drop_b' }), layers.dense({ units: 1, activation: 'sigmoid' })],
  'every kind': () => [layers.dropout({ rate: 0.1, inputShape: [3] }), layers.dense({ units: 4, activation: 'relu', name: 'first' }),
    layers.batchNormalization({}), layers.activation({ activation: 'tanh' }), layers.dropout({ rate: 0.5 }), layers.dense({ units: 1, activation: 'sigmoid' })],
};

function build(stack, optimizer, seed = 7) {
  const m = sequential({ seed, layers: LAYER_STACKS[stack]() });
  if (optimizer) m.compile({ optimizer: OPTIMIZERS[optimizer](), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return m;
}

async function roundTrip(stack, optimizer) {
  const a = build(stack, optimizer);
  await a.fit(x, y, { verbose: 0, epochs: 3, batchSize: 5, shuffle: true });
  for (const includeOptimizer of [true, false]) {
    const file = a.save({ includeOptimizer });
    const b = loadModel(file);
    assert.deepEqual(b.layers, a.layers);
    assert.equal(b.seed, a.seed);
    assert.deepEqual(bytesOf(b.predict(x)), bytesOf(a.predict(x)), `${stack} / ${optimizer}: predictions differ`);
    assert.deepEqual(weightBytes(b), weightBytes(a));
    assert.deepEqual(b.evaluate(x, y), a.evaluate(x, y));
    assert.equal(b.optimizer.name, a.optimizer.name);
    assert.equal(b.optimizer.iterations, includeOptimizer ? a.optimizer.iterations : 0);
    if (includeOptimizer) {
      assert.deepEqual(Buffer.from(b.save()), Buffer.from(file), 'saving the loaded model gives the same bytes');
      const c = loadModel(file); // a third copy continues like the original
      await a.fit(x, y, { verbose: 0, epochs: 4, batchSize: 5, shuffle: true });
      await b.fit(x, y, { verbose: 0, epochs: 4, batchSize: 5, shuffle: true });
      c.trainOnBatch(x, y);
      assert.deepEqual(weightBytes(b), weightBytes(a), `${stack} / ${optimizer}: weights differ after further training`);
      assert.deepEqual(Buffer.from(b.save()), Buffer.from(a.save()), 'the whole state agrees after further training');
      assert.notDeepEqual(weightBytes(c), weightBytes(a));
      c.dispose();
    }
    b.dispose();
  }
  a.dispose();
}

for (const stack of Object.keys(LAYER_STACKS)) {
  test(`round trip: ${stack} (adam)`, () => roundTrip(stack, 'adam amsgrad'));
}
for (const optimizer of Object.keys(OPTIMIZERS)) {
  test(`round trip: ${optimizer} (dense + batchnorm + dropout)`, () => roundTrip('every kind', optimizer));
}

test('an uncompiled model loads uncompiled; a compiled one that never stepped loads with iterations 0', async () => {
  const a = build('dense with bias', null);
  const b = loadModel(a.save());
  assert.deepEqual(bytesOf(b.predict(x)), bytesOf(a.predict(x)));
  assert.equal(b.optimizer, undefined);
  await assert.rejects(b.fit(x, y, { verbose: 0 }), /fit: the model must be compiled first/);
  const c = build('dense with bias', 'nadam');
  const d = loadModel(c.save());
  assert.equal(d.optimizer.iterations, 0);
  await c.fit(x, y, { verbose: 0, epochs: 2 });
  await d.fit(x, y, { verbose: 0, epochs: 2 });
  assert.deepEqual(weightBytes(d), weightBytes(c));
  for (const m of [a, b, c, d]) m.dispose();
});

test('loss settings and metrics survive (fromLogits, sparse labels, no metrics)', async () => {
  const a = sequential({ seed: 3, layers: [layers.dense({ units: 3, inputShape: [3] })] });
  const labels = Int32Array.from({ length: N }, (_, i) => i % 3);
  a.compile({ optimizer: 'adam', loss: { name: 'sparseCategoricalCrossentropy', fromLogits: true } });
  await a.fit(x, labels, { verbose: 0, epochs: 2, batchSize: 4 });
  const b = loadModel(a.save().buffer); // an ArrayBuffer works too
  assert.deepEqual(b.evaluate(x, labels), a.evaluate(x, labels));
  assert.equal(b.evaluate(x, labels).accuracy, undefined);
  await a.fit(x, labels, { verbose: 0, epochs: 2, batchSize: 4 });
  await b.fit(x, labels, { verbose: 0, epochs: 2, batchSize: 4 });
  assert.deepEqual(weightBytes(b), weightBytes(a));
  a.dispose();
  b.dispose();
});

test('determinism: two identical runs save identical bytes', async () => {
  const run = async () => {
    const m = build('every kind', 'adamw cosineDecay warmup', 11);
    await m.fit(x, y, { verbose: 0, epochs: 5, batchSize: 4, shuffle: true });
    const bytes = m.save();
    m.dispose();
    return Buffer.from(bytes);
  };
  assert.deepEqual(await run(), await run());
});

// ---- corrupted and forged files ----
const small = sequential({ seed: 5, layers: [layers.dense({ units: 3, inputShape: [2], activation: 'tanh' }), layers.dropout({ rate: 0.2 }),
  layers.dense({ units: 1, activation: 'sigmoid' })] });
small.compile({ optimizer: optimizers.adam({ amsgrad: true }), loss: 'binaryCrossentropy' });
small.trainOnBatch([[0, 1], [1, 0]], [[1], [0]]);
const valid = small.save();
const INVALID = /^loadModel: bytes is not a valid simdtrain model file: \S/;

function sectionsOf(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = {};
  for (let at = 12; at < bytes.length - 4;) {
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    const length = view.getUint32(at + 4, true);
    out[tag] = { at: at + 8, length };
    at += 8 + length;
  }
  return out;
}

function withCrc(bytes) {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, crc32(bytes, bytes.length - 4), true);
  return bytes;
}

function patched(offset, write) {
  const bytes = valid.slice();
  write(new DataView(bytes.buffer), offset);
  return withCrc(bytes);
}

function configOf(bytes) {
  const { CONF } = sectionsOf(bytes);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(CONF.at, CONF.at + CONF.length)));
}

/** The parts of `valid`, re-assembled with a replaced config (valid checksum). */
function withConfig(change) {
  const config = configOf(valid);
  const next = change(config) ?? config;
  const loaded = loadModel(valid);
  const { weights, rngs, optimizer } = partsOf(loaded);
  loaded.dispose();
  return writeModelFile({ config: next, rngs, optimizer, weights });
}

function partsOf(model) {
  const file = model.save();
  const s = sectionsOf(file);
  const view = new DataView(file.buffer);
  const rngCount = view.getUint32(s.RNGS.at, true);
  const rngs = Array.from({ length: rngCount }, (_, i) => Array.from({ length: 4 }, (_, k) => view.getUint32(s.RNGS.at + 4 + 16 * i + 4 * k, true)));
  const weights = model.getWeights().map((w) => w.values);
  let optimizer = null;
  if (s.OPTS) {
    const at = s.OPTS.at;
    const arrays = view.getUint32(at + 8, true);
    const sizes = Array.from({ length: arrays }, (_, i) => view.getUint32(at + 32 + 4 * i, true));
    const slotsAt = at + 32 + 4 * arrays;
    optimizer = { kind: view.getUint32(at, true), slotCount: view.getUint32(at + 4, true), iterations: view.getFloat64(at + 16, true),
      uProduct: view.getFloat64(at + 24, true), sizes, slots: new Float32Array(file.slice(slotsAt, at + s.OPTS.length).buffer) };
  }
  return { rngs, weights, optimizer };
}

function expectInvalid(bytes, pattern = INVALID, label = '') {
  const before = heapInUse();
  const memory = memoryBytes();
  assert.throws(() => loadModel(bytes), (error) => {
    assert.ok(error instanceof Error, label);
    assert.match(error.message, INVALID, label);
    assert.match(error.message, pattern, label);
    return true;
  }, label);
  assert.equal(heapInUse(), before, `${label}: a failed load leaked`);
  assert.ok(memoryBytes() <= memory + (16 << 20), `${label}: wasm memory grew from ${memory} to ${memoryBytes()}`);
}

test('the valid small file loads', () => {
  const m = loadModel(valid);
  assert.deepEqual(weightBytes(m), weightBytes(small));
  m.dispose();
});

test('truncated at every length: each throws a clear Error', () => {
  for (let n = 0; n < valid.length; n++) expectInvalid(valid.subarray(0, n), /truncated|checksum|does not start|bytes after|holds|section/, `truncated to ${n}`);
  expectInvalid(valid.subarray(0, 3), /truncated: the magic/);
  expectInvalid(valid.subarray(0, valid.length - 1), /truncated|checksum/);
});

test('every single byte flipped (one bit, all bits): each throws a clear Error', () => {
  for (let i = 0; i < valid.length; i++) {
    for (const mask of [0x01, 0xff]) {
      const bytes = valid.slice();
      bytes[i] ^= mask;
      expectInvalid(bytes, /./, `byte ${i} ^ ${mask}`);
    }
  }
  const bytes = valid.slice();
  bytes[sectionsOf(valid).WGHT.at + 20] ^= 4;
  expectInvalid(bytes, /checksum mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\): the file is corrupted/);
});

test('forged headers, counts and sizes (valid checksum) throw without allocating', () => {
  const s = sectionsOf(valid);
  const u32 = (offset, value) => patched(offset, (v, at) => v.setUint32(at, value, true));
  expectInvalid(u32(8, 2), /format version 2 is not supported; this build reads version 1/);
  expectInvalid(u32(8, 0xffffffff), /format version 4294967295/);
  expectInvalid(patched(0, (v) => v.setUint8(0, 0x73)), /does not start with "SIMDTRN\\0"/);
  expectInvalid(u32(s.CONF.at - 4, 0x7fffffff), /section "CONF" declares 2147483647 bytes/);
  expectInvalid(u32(s.CONF.at - 4, 1), /expected section "RNGS"|CONF section is 1 bytes/);
  expectInvalid(u32(s.RNGS.at, 0xffffffff), /RNGS count is 4294967295/);
  expectInvalid(u32(s.RNGS.at, 1), /RNGS section holds 32 bytes of states; 1 states need 16/);
  expectInvalid(u32(s.RNGS.at + 12, 2), /increment/);
  expectInvalid(u32(s.OPTS.at, 99), /optimizer kind is 99/);
  expectInvalid(u32(s.OPTS.at + 4, 7), /slot count is 7/);
  expectInvalid(u32(s.OPTS.at + 8, 0x40000000), /optimizer array count is 1073741824/);
  expectInvalid(u32(s.OPTS.at + 8, 5), /optimizer sizes\[4\] is 0/);
  expectInvalid(u32(s.OPTS.at + 12, 1), /reserved/);
  expectInvalid(patched(s.OPTS.at + 16, (v, at) => v.setFloat64(at, -1, true)), /iterations is -1/);
  expectInvalid(patched(s.OPTS.at + 16, (v, at) => v.setFloat64(at, 1.5, true)), /iterations is 1\.5/);
  expectInvalid(patched(s.OPTS.at + 16, (v, at) => v.setFloat64(at, NaN, true)), /iterations is nan/);
  expectInvalid(patched(s.OPTS.at + 24, (v, at) => v.setFloat64(at, 2, true)), /u_product is 2/);
  expectInvalid(u32(s.OPTS.at + 32, 0x7fffffff), /optimizer section holds/);
  expectInvalid(u32(s.OPTS.at + 32, 0), /optimizer sizes\[0\] is 0/);
  expectInvalid(u32(s.OPTS.at + 32, 0x80000000), /optimizer sizes\[0\] is 2147483648/);
  expectInvalid(u32(s.WGHT.at, 0xffffffff), /weight count is 4294967295/);
  expectInvalid(u32(s.WGHT.at, 1000), /truncated: weight sizes needs 4000 bytes/);
  expectInvalid(u32(s.WGHT.at + 4, 0x7fffffff), /weights section holds \d+ bytes of values/);
  expectInvalid(u32(s.WGHT.at + 4, 3), /weights section holds/);
  expectInvalid(patched(s.WGHT.at + 20, (v, at) => v.setFloat32(at, NaN, true)), /weight value 0 is not finite/);
  expectInvalid(patched(s.WGHT.at + 24, (v, at) => v.setFloat32(at, -Infinity, true)), /weight value 1 is not finite/);
  expectInvalid(patched(s.OPTS.at + 32 + 16, (v, at) => v.setFloat32(at, Infinity, true)), /optimizer slot value 0 is not finite/);
  const longer = new Uint8Array(valid.length + 3);
  longer.set(valid.subarray(0, valid.length - 4));
  expectInvalid(withCrc(longer), /3 unexpected bytes after the weights section/);
  // a section tag replaced, and the optional OPTS section dropped while the config is compiled (fine) or not (also fine)
  expectInvalid(patched(s.RNGS.at - 8, (v, at) => v.setUint32(at, 0x58585858)), /expected section "RNGS" at offset \d+, found tag "XXXX"/);
  expectInvalid(patched(s.WGHT.at - 8, (v, at) => v.setUint32(at, 0x01020304)), /expected section "WGHT" at offset \d+, found tag 0x01020304/);
  expectInvalid(new Uint8Array(0), /truncated: the magic "SIMDTRN\\0" needs 8 bytes at offset 0, only 0 left/);
});

test('forged configs (valid checksum) throw naming the field, before building anything large', () => {
  const cases = [
    [(c) => { c.layers[0].config.units = 1 << 20; c.layers[2].config.units = 1 << 20; }, /config describes 4 weight array\(s\) of \d+ values, the file holds 4 of 13/],
    [(c) => { c.layers[0].config.units = 4; }, /config describes 4 weight array\(s\) of 17 values/],
    [(c) => { c.layers[0].config.inputShape = [1]; c.layers[0].config.units = 2; c.layers[2].config.units = 3; }, /weight array 0 holds 6 values in the file, the config describes 2/],
    [(c) => { c.layers[0].config.units = 'many'; }, /config\.layers\[0\]: layers\.dense: units must be an integer/],
    [(c) => { c.layers[0].config.activation = 'hardTanh'; }, /config\.layers\[0\]: layers\.dense: activation must be one of/],
    [(c) => { c.layers[0].config.color = 'red'; }, /config\.layers\[0\]: layers\.dense: unknown option "color"/],
    [(c) => { c.layers[0].config.units = null; }, /config\.layers\[0\]\.config\.units must not be null/],
    [(c) => { c.layers[1].className = 'Conv3D'; }, /config\.layers\[1\]\.className must be one of Dense, Activation, BatchNormalization, Dropout, Flatten, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, SimpleRNN, LSTM, GRU, got "Conv3D"/],
    [(c) => { c.layers[1].config.rate = 1.5; }, /layers\.dropout: rate must be a finite number >= 0 and < 1, got 1\.5/],
    [(c) => { c.layers[1].extra = 1; }, /config\.layers\[1\] has an unknown key "extra"/],
    [(c) => { c.layers = []; }, /config\.layers must be an array of 1 to 256 layers/],
    [(c) => { delete c.layers[0].config.inputShape; }, /does not build a model: sequential: layers\[0\] must give inputShape|weight array/],
    [(c) => { c.layers[2].config.name = 'dense'; }, /does not build a model: sequential: layer names must be unique/],
    [(c) => { c.seed = -1; }, /config\.seed must be an integer in \[0, 4294967295\], got -1/],
    [(c) => { c.seed = 1.5; }, /config\.seed .* got 1\.5/],
    [(c) => { c.format = 'keras'; }, /config\.format must be "simdtrain\.Sequential", got "keras"/],
    [(c) => { c.extra = true; }, /config has an unknown key "extra"/],
    [(c) => { delete c.compile; }, /config is missing the key "compile"/],
    [(c) => { c.compile = null; }, /holds optimizer state but no compile settings/],
    [(c) => { c.compile.loss.name = 'squaredHinge'; }, /config\.compile\.loss\.name must be one of/],
    [(c) => { c.compile.loss.fromLogits = 'yes'; }, /config\.compile\.loss: losses\.binaryCrossentropy: fromLogits must be true or false/],
    [(c) => { c.compile.metrics = ['f1']; }, /config\.compile: metrics\[0\] must be one of 'accuracy', .*'auc', or \{ name, \.\.\.options \}, got "f1"/],
    [(c) => { c.compile.metrics = 'auc'; }, /config\.compile\.metrics must be an array of metric names \(accuracy, .*auc\) or \{ name, \.\.\.options \}, got "auc"/],
    [(c) => { c.compile.metrics = [{ name: 'auc', numThresholds: 'many' }]; }, /config\.compile: metrics\[0\]\.numThresholds must be a finite number, got "many"/],
    [(c) => { c.compile.optimizer.name = 'lion'; }, /config\.compile\.optimizer\.name must be one of sgd/],
    [(c) => { c.compile.optimizer.name = 'sgd'; delete c.compile.optimizer.beta1; delete c.compile.optimizer.beta2; delete c.compile.optimizer.epsilon; delete c.compile.optimizer.amsgrad; }, /optimizer state is of kind 3, the config names kind 0/],
    [(c) => { c.compile.optimizer.amsgrad = false; }, /optimizer state holds 3 slot\(s\) per array, the configured adam uses 2/],
    [(c) => { c.compile.optimizer.learningRate = -1; }, /config\.compile\.optimizer: optimizers\.adam: learningRate must be a finite number > 0, got -1/],
    [(c) => { c.compile.optimizer.beta1 = 1; }, /optimizers\.adam: beta1 must be a finite number >= 0 and < 1, got 1/],
    [(c) => { c.compile.optimizer.lr = 0.1; }, /config\.compile\.optimizer has an unknown key "lr"/],
    [(c) => { c.compile.optimizer.learningRate = { schedule: 'cyclic' }; }, /learningRate\.schedule must be one of exponentialDecay/],
    [(c) => { c.compile.optimizer.learningRate = { schedule: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }; }, /schedules\.exponentialDecay: decaySteps must be a finite number > 0, got 0/],
    [(c) => { c.compile.optimizer.learningRate = { schedule: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5, at: 1 }; }, /config\.compile\.optimizer: schedules\.exponentialDecay: unknown option "at"/],
    [(c) => { c.compile.optimizer.clipNorm = 1; c.compile.optimizer.clipValue = 1; }, /only one of clipValue, clipNorm, globalClipNorm/],
    [() => '{"format": "simdtrain.Sequential", ', /config is not UTF-8 JSON/],
    [() => '[1, 2, 3]', /config must be an object, got an array of length 3/],
    [() => '"\u00ff\u00fe"', /config must be an object/],
  ];
  for (const [change, pattern] of cases) expectInvalid(withConfig(change), pattern, String(pattern));
  // invalid UTF-8 in the config
  const bad = withConfig(() => 'xx');
  bad[sectionsOf(bad).CONF.at] = 0xff;
  expectInvalid(withCrc(bad), /config is not UTF-8 JSON/);
});

test('rng and optimizer counts that disagree with the config, and bad arguments', () => {
  const { rngs, weights, optimizer } = partsOf(small);
  const config = configOf(valid);
  expectInvalid(writeModelFile({ config, rngs: rngs.slice(0, 1), optimizer, weights }), /1 random generator state\(s\), the config needs 2/);
  expectInvalid(writeModelFile({ config, rngs: [...rngs, rngs[0]], optimizer, weights }), /3 random generator state\(s\)/);
  expectInvalid(writeModelFile({ config, rngs, optimizer: { ...optimizer, sizes: [...optimizer.sizes].reverse(), slots: optimizer.slots }, weights }),
    /optimizer array 0 holds \d+ values in the file, the config describes 6/);
  expectInvalid(writeModelFile({ config, rngs, optimizer: { ...optimizer, sizes: [], slotCount: 0, slots: new Float32Array(0), iterations: 1 }, weights }),
    /iterations is 1 with no slot arrays/);
  expectInvalid(writeModelFile({ config, rngs, optimizer, weights: [...weights].reverse() }), /weight array 0 holds 1 values in the file, the config describes 6/);
  for (const bad of [undefined, null, 'SIMDTRN', [1, 2], new Float32Array(4), {}]) {
    assert.throws(() => loadModel(bad), /^Error: loadModel: bytes must be a Uint8Array \(or ArrayBuffer\) holding a file from model\.save\(\), got/);
  }
  assert.throws(() => small.save({ includeOptimizer: 1 }), /save: includeOptimizer must be true or false, got 1/);
  assert.throws(() => small.save({ optimizer: true }), /save: unknown option "optimizer"/);
  assert.throws(() => small.save(5), /save: options must be an object, got 5/);
});

test('an optimizer state restored into a compiled model is not a first step', async () => {
  // unstepped file: no slots, iterations 0; the optimizer builds its slots on the first step
  const a = build('dense with bias', 'rmsprop centered momentum');
  const b = loadModel(a.save());
  a.trainOnBatch(x, y);
  b.trainOnBatch(x, y);
  assert.deepEqual(weightBytes(b), weightBytes(a));
  a.dispose();
  b.dispose();
});
