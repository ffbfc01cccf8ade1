// worker.test.mjs — worker mode in Node (worker_threads): a remote model trains XOR, gives
// bit-identical results to a same-seed in-process model, obeys pause/step/resume/stop at
// batch boundaries, re-throws the worker's errors with the in-process messages, and
// dispose() terminates its thread.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { layers, optimizers, sequential, workerSequential } from '../../src/js/index.mjs';
import { initBuild, wantSimd } from './helpers/build.mjs';

before(initBuild);

const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_Y = [[0], [1], [1], [0]];
const xorLayers = () => [
  layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
  layers.dense({ units: 1, activation: 'sigmoid' }),
];

// 64 points of two noisy blobs, as a flat Float32Array, and 0/1 labels.
function blobs(n = 64) {
  let s = 12345;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = new Float32Array(2 * n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    x[2 * i] = (c ? 1 : -1) + random() - 0.5;
    x[2 * i + 1] = (c ? -1 : 1) + random() - 0.5;
    y[i] = c;
  }
  return { x, y };
}

const remote = (options) => workerSequential(options, { simd: wantSimd });
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

test('a remote XOR model trains to 100% in a worker thread, callbacks and progress on this thread', async () => {
  const model = await remote({ seed: 1, layers: xorLayers() });
  try {
    assert.equal(model.simd, wantSimd);
    assert.deepEqual(model.inputShape, [2]);
    assert.deepEqual(model.outputShape, [null, 1]);
    assert.deepEqual(model.layers.map((l) => l.name), ['dense', 'dense_1']);
    await model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy',
      metrics: ['accuracy'] });
    const epochs = [], batches = [], progress = [];
    const off = model.on('progress', (event) => progress.push(event));
    const history = await model.fit(XOR_X, XOR_Y, { verbose: 0, epochs: 300, batchSize: 4,
      onEpochEnd(epoch, logs) { epochs.push([epoch, logs.loss]); },
      onBatchEnd(batch) { batches.push(batch); } });
    off();
    assert.equal(history.history.loss.length, 300);
    assert.deepEqual(history.epoch, epochs.map(([e]) => e));
    assert.deepEqual(history.history.loss, epochs.map(([, l]) => l));
    assert.equal(batches.length, 300);
    // progress events are throttled (about one per 16 ms), the last epoch always comes
    assert.ok(progress.length >= 1 && progress.length <= 600);
    assert.deepEqual([progress.at(-1).type, progress.at(-1).epoch, progress.at(-1).batches], ['epoch', 299, 300]);
    assert.equal(progress.at(-1).logs.loss, history.history.loss[299]);
    const { accuracy, loss } = await model.evaluate(XOR_X, XOR_Y);
    assert.equal(accuracy, 1);
    assert.ok(loss < 0.1, `loss ${loss}`);
    const p = await model.predict(XOR_X);
    assert.ok(p instanceof Float32Array && p.length === 4);
    const printed = [];
    assert.match(await model.summary({ printFn: (line) => printed.push(line) }), /dense_1 \(Dense\)/);
    assert.ok(printed.some((line) => /dense_1 \(Dense\)/.test(line)), 'printed on the caller\'s thread');
  } finally {
    await model.dispose();
  }
});

test('remote and in-process models of the same seed agree bit for bit', async () => {
  const { x, y } = blobs();
  const spec = () => ({ seed: 7, layers: [
    layers.dense({ units: 16, inputShape: [2], activation: 'relu', kernelInitializer: 'heNormal' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  const compileOptions = () => ({
    optimizer: optimizers.adam({ learningRate: optimizers.schedules.exponentialDecay({ initialLearningRate: 0.02,
      decaySteps: 10, decayRate: 0.9, staircase: true }), clipNorm: 1, weightDecay: 0.001 }),
    loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const local = sequential(spec());
  const far = await remote(spec());
  try {
    local.compile(compileOptions());
    await far.compile(compileOptions());
    assert.deepEqual(await far.getWeights(), local.getWeights());
    const fitOptions = { epochs: 20, batchSize: 8, shuffle: true, validationSplit: 0.25 };
    const h1 = await local.fit(x, y, fitOptions);
    const h2 = await far.fit(x, y, fitOptions);
    assert.deepEqual(h2.history, h1.history);
    assert.deepEqual(await far.predict(x), local.predict(x));
    assert.deepEqual(await far.predict(x, { training: true }), local.predict(x, { training: true }));
    assert.deepEqual(await far.getWeights(), local.getWeights());
    assert.equal(await far.trainOnBatch(x, y), local.trainOnBatch(x, y));
    assert.deepEqual(await far.computeGradients(x, y), local.computeGradients(x, y));
    assert.deepEqual(await far.evaluate(x, y), local.evaluate(x, y));
    const w = local.getWeights().map((v) => v.values.map((a) => a * 0.5));
    local.setWeights(w);
    await far.setWeights(w);
    assert.deepEqual(await far.predict(x), local.predict(x));
    assert.equal(far.compileConfig.optimizer.name, 'adam');
    assert.equal(far.compileConfig.optimizer.learningRate.schedule, 'exponentialDecay');
  } finally {
    local.dispose();
    await far.dispose();
  }
});

test('pause before fit, then step runs exactly one batch at a time, resume finishes', async () => {
  const { x, y } = blobs();
  const model = await remote({ seed: 3, layers: xorLayers() });
  try {
    await model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    let seen = 0;
    const s0 = await model.pause();
    assert.deepEqual([s0.fitting, s0.paused], [false, true]);
    const done = model.fit(x, y, { verbose: 0, epochs: 3, batchSize: 8, onBatchEnd() { seen++; } }); // 8 batches per epoch
    await settle();
    let s = await model.state();
    assert.deepEqual([s.fitting, s.paused, s.batches], [true, true, 0]);
    for (let k = 1; k <= 10; k++) {
      s = await model.step();
      assert.deepEqual([s.paused, s.batches, seen], [true, k, k]);
      assert.equal(s.epoch, Math.floor((k - 1) / 8));
      assert.equal(s.batch, (k - 1) % 8);
    }
    await settle();
    assert.equal(seen, 10, 'no batch runs while paused');
    assert.equal((await model.state()).batches, 10);
    const again = await model.pause(); // already paused: answers at once
    assert.equal(again.batches, 10);
    await model.resume();
    const history = await done;
    assert.equal(seen, 24);
    assert.equal(history.history.loss.length, 3);
    assert.deepEqual((await model.state()).fitting, false);
    // fit without options (1 epoch of 2 batches of 32) can be stepped too
    await model.pause();
    const plain = model.fit(x, y, { verbose: 0 });
    assert.equal((await model.step()).batches, 1);
    assert.deepEqual(await model.state(), { fitting: true, paused: true, epoch: 0, batch: 0, batches: 1 });
    await model.resume();
    assert.equal((await plain).history.loss.length, 1);
  } finally {
    await model.dispose();
  }
});

test('pause during a running fit stops at a batch boundary; stop() ends the fit early', async () => {
  const { x, y } = blobs();
  const model = await remote({ seed: 3, layers: xorLayers() });
  try {
    await model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    let seen = 0;
    let paused;
    const done = model.fit(x, y, { verbose: 0, epochs: 50000, batchSize: 8, onBatchEnd() {
      seen++;
      if (seen === 1) paused = model.pause();
    } });
    while (!paused) await settle();
    const s1 = await paused;
    assert.deepEqual([s1.fitting, s1.paused], [true, true]);
    assert.ok(s1.batches >= 1);
    assert.equal(seen, s1.batches, 'every batch before the pause was reported, none after');
    await settle();
    assert.equal(seen, s1.batches);
    const s2 = await model.step();
    assert.equal(s2.batches, s1.batches + 1);
    assert.equal(seen, s2.batches);
    await model.resume();
    await settle();
    assert.ok(seen > s2.batches, 'training continues after resume');
    await model.stop();
    const history = await done;
    assert.ok(history.history.loss.length < 50000);
    assert.equal((await model.state()).fitting, false);
    // stopTraining = true (Keras style) also stops a fit.
    const again = model.fit(x, y, { verbose: 0, epochs: 50000, batchSize: 8, onEpochEnd(epoch) { if (epoch === 2) model.stopTraining = true; } });
    assert.ok((await again).history.loss.length < 50000);
  } finally {
    await model.dispose();
  }
});

test('errors in the worker reject with the in-process messages', async () => {
  const local = sequential({ seed: 1, layers: xorLayers() });
  const far = await remote({ seed: 1, layers: xorLayers() });
  const message = (fn) => { try { fn(); } catch (e) { return e.message; } return assert.fail('no error'); };
  try {
    // before compile
    const notCompiled = message(() => local.evaluate(XOR_X, XOR_Y));
    await assert.rejects(far.evaluate(XOR_X, XOR_Y), (e) => e instanceof Error && e.message === notCompiled);
    await assert.rejects(far.predict([[1]]), { message: message(() => local.predict([[1]])) });
    await assert.rejects(far.predict([[0, NaN]]), { message: message(() => local.predict([[0, NaN]])) });
    await assert.rejects(far.compile({ optimizer: 'sgdd', loss: 'mse' }),
      { message: message(() => local.compile({ optimizer: 'sgdd', loss: 'mse' })) });
    local.compile({ optimizer: 'adam', loss: 'mse' });
    await far.compile({ optimizer: 'adam', loss: 'mse' });
    const badFit = await local.fit(XOR_X, XOR_Y, { verbose: 0, epochs: -1 }).catch((e) => e.message);
    await assert.rejects(far.fit(XOR_X, XOR_Y, { verbose: 0, epochs: -1 }), { message: badFit });
    const badOption = await local.fit(XOR_X, XOR_Y, { verbose: 0, epoch: 3 }).catch((e) => e.message);
    await assert.rejects(far.fit(XOR_X, XOR_Y, { verbose: 0, epoch: 3 }), { message: badOption });
    await assert.rejects(far.setWeights([1, 2]), { message: message(() => local.setWeights([1, 2])) });
    await assert.rejects(workerSequential({ layers: [] }, { simd: wantSimd }),
      { message: message(() => sequential({ layers: [] })) });
    await assert.rejects(workerSequential({ layers: [{ className: 'Dense', units: 3, inputShape: [2] }] }, { simd: wantSimd }),
      { message: message(() => sequential({ layers: [{ className: 'Dense', units: 3, inputShape: [2] }] })) });
    await assert.rejects(workerSequential({ layers: xorLayers() }, { simd: 'yes' }), /workerSequential: simd must be true or false/);
    // a throwing callback on this thread stops the fit and rejects it with that error
    await assert.rejects(far.fit(XOR_X, XOR_Y, { verbose: 0, epochs: 100, onEpochEnd(epoch) { if (epoch === 1) throw new Error('callback failed'); } }),
      { message: 'callback failed' });
    // the model is still usable after errors
    assert.equal((await far.predict(XOR_X)).length, 4);
  } finally {
    local.dispose();
    await far.dispose();
  }
});

test('dispose() terminates the worker; later calls reject', async () => {
  const model = await remote({ seed: 1, layers: xorLayers() });
  const exited = new Promise((resolve) => model.worker.once('exit', resolve));
  await model.compile({ optimizer: 'sgd', loss: 'mse' });
  const running = model.fit(XOR_X, XOR_Y, { verbose: 0, epochs: 1e6 }).then(() => null, (e) => e);
  await settle();
  await model.dispose();
  await exited;
  assert.equal(model.worker.threadId, -1);
  assert.equal((await running)?.message, 'fit: the model was disposed; create a new one');
  await assert.rejects(model.predict(XOR_X), { message: 'predict: the model was disposed; create a new one' });
  await model.dispose(); // idempotent
});
