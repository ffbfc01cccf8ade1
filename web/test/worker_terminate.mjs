// worker_terminate.mjs — test page of tests/browser/worker_terminate.test.mjs (issue 10
// finding 5): a worker model is terminated during a fit, once through remote.worker.terminate()
// (a web Worker fires no event when terminated) and once through remote.terminate(); for
// each, how the fit, a call pending at that moment and a later call settle is published as
// window.__result ('pending' if one has not settled 5 s after the others).
import { layers, workerSequential } from '../lib/simdtrain/index.mjs';

const n = 4096;
const x = new Float32Array(2 * n).map((_, i) => ((i * 7919) % 13) / 13);
const y = new Float32Array(n).map((_, i) => i % 2);

const settle = (promise) => Promise.race([
  promise.then(() => 'resolved', (error) => `rejected: ${error?.message}`),
  new Promise((resolve) => { setTimeout(() => resolve('pending'), 5000); }),
]);

async function terminateDuringFit(how) {
  const remote = await workerSequential({ seed: 1, layers: [layers.dense({ units: 32, inputShape: [2], activation: 'relu' }),
    layers.dense({ units: 1, activation: 'sigmoid' })] });
  await remote.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  await remote.pause(); // the fit starts paused, so it is surely running when terminated
  const fit = remote.fit(x, y, { epochs: 1000, batchSize: 1, verbose: 0 });
  const state = await remote.state();
  const pending = remote.getWeights();
  if (how === 'worker') remote.worker.terminate();
  else await remote.terminate();
  const [fitResult, pendingResult, later, laterFit] = await Promise.all([settle(fit), settle(pending),
    settle(remote.predict([[0, 1]])), settle(remote.fit(x, y, { verbose: 0 }))]);
  await remote.dispose();
  return { fitting: state.fitting, fit: fitResult, pending: pendingResult, later, laterFit };
}

try {
  window.__result = { worker: await terminateDuringFit('worker'), remote: await terminateDuringFit('remote') };
} catch (error) {
  window.__result = { error: String(error?.stack ?? error) };
}
document.getElementById('result').textContent = JSON.stringify(window.__result);
