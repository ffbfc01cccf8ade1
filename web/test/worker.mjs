// worker.mjs — test page of worker mode (tests/browser/worker.test.mjs): builds a remote
// XOR model in a module Worker, trains it while recording the main thread's long tasks
// (PerformanceObserver 'longtask') and counting timer ticks, steps it paused, and publishes
// window.__result.
import { layers, optimizers, workerSequential } from '../lib/simdtrain/index.mjs';

const longTasks = [];
const supported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
const keep = (entries) => { for (const entry of entries) longTasks.push({ start: entry.startTime, duration: entry.duration }); };
const observer = new PerformanceObserver((list) => keep(list.getEntries()));
if (supported) observer.observe({ type: 'longtask', buffered: true });

// 1024 samples: the four XOR points repeated, so that training takes a while.
const n = 1024;
const x = new Float32Array(2 * n), y = new Float32Array(n);
for (let i = 0; i < n; i++) {
  const a = i & 1, b = (i >> 1) & 1;
  x[2 * i] = a;
  x[2 * i + 1] = b;
  y[i] = a ^ b;
}

async function run() {
  const model = await workerSequential({ seed: 1, layers: [
    layers.dense({ units: 16, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  await model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }), loss: 'binaryCrossentropy',
    metrics: ['accuracy'] });
  const progress = document.getElementById('progress');
  let events = 0;
  model.on('progress', (e) => {
    events++;
    if (e.type === 'epoch') progress.textContent = `epoch ${e.epoch + 1}, loss ${e.logs.loss.toFixed(4)}`;
  });
  // The main thread keeps ticking while the worker trains. How long training takes depends on
  // the machine, so the page trains for as many rounds as it takes for the timer to tick
  // MIN_TICKS times while a fit is in flight, instead of for a fixed time.
  const MIN_TICKS = 30, MAX_ROUNDS = 100, epochs = 150;
  let ticks = 0, training = false;
  const timer = setInterval(() => { if (training) ticks++; }, 10);
  const started = performance.now();
  let history, firstRoundEvents, rounds = 0;
  while (rounds < MAX_ROUNDS && (rounds === 0 || ticks < MIN_TICKS)) {
    training = true;
    const h = await model.fit(x, y, { epochs, batchSize: 16 });
    training = false;
    if (!history) { history = h; firstRoundEvents = events; }
    rounds++;
  }
  clearInterval(timer);
  keep(observer.takeRecords()); // entries not yet delivered to the callback
  const trainLongTasks = longTasks.filter((t) => t.start + t.duration >= started);
  const { accuracy, loss } = await model.evaluate(x, y);
  const predictions = Array.from(await model.predict([[0, 0], [0, 1], [1, 0], [1, 1]]));

  // pause before fit, then step: exactly one batch per step.
  await model.pause();
  let batches = 0;
  const second = model.fit(x, y, { epochs: 1, batchSize: 16, onBatchEnd() { batches++; } });
  const s1 = await model.step();
  const s2 = await model.step();
  const seenAfterSteps = batches;
  await model.resume();
  await second;
  const worker = model.worker instanceof Worker;
  await model.dispose();
  observer.disconnect();
  return { simd: model.simd, accuracy, loss, epochs: history.history.loss.length, rounds, ticks, minTicks: MIN_TICKS, events: firstRoundEvents,
    longTaskSupported: supported, longTasks: trainLongTasks, predictions, steps: [s1.batches, s2.batches], seenAfterSteps,
    batchesAfterResume: batches, worker };
}

run().then((result) => {
  document.getElementById('result').textContent = `accuracy ${result.accuracy}, ${result.rounds} rounds`;
  window.__result = result;
}, (error) => {
  document.getElementById('result').textContent = String(error);
  window.__result = { error: String(error?.message ?? error) };
});
