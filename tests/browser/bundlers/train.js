// train.js — what every bundler fixture app does once it has the simdtrain API: train XOR
// in the page and in a module Worker (workerSequential), and leave the outcome in
// window.__result for tests/browser/bundlers.test.mjs. `initOptions` is the recipe's
// init({ wasmUrl, workerUrl }) (or nothing, when the bundler finds the assets itself).
const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];

export async function train(api, initOptions) {
  const { init, sequential, workerSequential, layers, optimizers } = api;
  const spec = () => ({ seed: 1, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  const compileOptions = () => ({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }),
    loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const result = {};
  try {
    result.simd = (await init(initOptions)).simd;
    const local = sequential(spec());
    local.compile(compileOptions());
    await local.fit(x, y, { epochs: 300, batchSize: 4 });
    result.accuracy = local.evaluate(x, y).accuracy;
    local.dispose();

    const remote = await workerSequential(spec());
    result.workerSimd = remote.simd;
    await remote.compile(compileOptions());
    await remote.fit(x, y, { epochs: 300, batchSize: 4 });
    result.workerAccuracy = (await remote.evaluate(x, y)).accuracy;
    await remote.dispose();
  } catch (error) {
    result.error = String(error?.stack ?? error);
  }
  globalThis.__result = result;
  document.title = 'done';
}
