// sweep.mjs — chapter 3's momentum × batch size experiment. A network with BN is trained
// once; then, for each BN momentum and batch size, the same weights (moving statistics back
// at Keras's initial 0 and 1) run 5 epochs in training mode with a learning rate of 1e-9, so
// the weights stay where they are and only the moving statistics move. The error of the
// first BN layer's moving mean against the true mean of its input over the whole training
// set (computed here, in double precision, from the first Dense layer's weights), in units
// of the true standard deviation and averaged over the last epoch's steps, and the test
// accuracy in inference mode (which uses the moving statistics), per batch size.
import { $, fill } from '../lib/dom.mjs';
import { Network } from '../lib/engine.mjs';
import { PALETTE, lineChart } from '../lib/line.mjs';
import { task } from '../lib/task.mjs';

export const MOMENTA = [0.5, 0.9, 0.99];
export const BATCHES = [4, 8, 16, 32, 64, 128];
const EPOCHS = 5, UNITS = 16;
const spec = (bnMomentum, learningRate) => ({ seed: 1, hidden: [UNITS, UNITS], activation: 'tanh', initializer: 'glorotUniform',
  batchNorm: true, bnMomentum, optimizer: { name: 'adam', learningRate } });

/** Mean and variance, per unit, of activation(x·kernel + bias) over the rows of x (flat [n, 2]). */
export function trueStatistics(x, kernel, bias, activation = Math.tanh) {
  const n = x.length / 2, units = bias.length;
  const mean = new Float64Array(units), square = new Float64Array(units);
  for (let i = 0; i < n; i++) {
    for (let u = 0; u < units; u++) {
      const a = activation(bias[u] + x[2 * i] * kernel[u] + x[2 * i + 1] * kernel[units + u]);
      mean[u] += a;
      square[u] += a * a;
    }
  }
  return { mean: mean.map((m) => m / n), variance: mean.map((m, u) => square[u] / n - (m / n) ** 2) };
}

/** The squared error of a moving mean against the true statistics, in true variances, averaged over the units. */
export function squaredError(moving, truth) {
  let sum = 0;
  for (let u = 0; u < moving.length; u++) sum += (moving[u] - truth.mean[u]) ** 2 / truth.variance[u];
  return sum / moving.length;
}

export function sweepSection(page, data) {
  const t = page.t;
  const labels = () => MOMENTA.map((m) => fill(t('momentumN'), { m }));
  const series = () => MOMENTA.map((m, i) => ({ label: labels()[i], stroke: PALETTE[i] }));
  const errorChart = lineChart($('sweep-error'), { xLabel: t('batchSize'), yLabel: t('movingError'), xLog: true, xRange: [3, 170], yLog: true, height: 220, series: series() });
  const accuracyChart = lineChart($('sweep-accuracy'), { xLabel: t('batchSize'), yLabel: t('accuracy'), xLog: true, xRange: [3, 170], height: 220,
    yRange: [0.4, 1], series: series() });

  const sweep = task({ page, button: $('sweep-run'), status: $('sweep-status'), async run(token) {
    sweep.status.set('sweepBase');
    const base = await Network.create(spec(0.9, 0.01));
    let weights;
    try {
      await base.train(data.train.x, data.train.y, { epochs: 20, batchSize: 32 });
      weights = await base.model.getWeights();
    } finally {
      base.dispose();
    }
    const truth = trueStatistics(data.train.x, weights[0].values, weights[1].values);
    const start = weights.map((w) => (w.name.endsWith('moving_mean') ? new Float32Array(w.values.length)
      : w.name.endsWith('moving_variance') ? new Float32Array(w.values.length).fill(1) : w.values));
    const error = MOMENTA.map(() => BATCHES.map(() => null)), accuracy = MOMENTA.map(() => BATCHES.map(() => null));
    const draw = () => {
      errorChart.setData([BATCHES, ...error]);
      accuracyChart.setData([BATCHES, ...accuracy]);
    };
    for (const [i, momentum] of MOMENTA.entries()) {
      const net = await Network.create(spec(momentum, 1e-9));
      try {
        for (const [j, batchSize] of BATCHES.entries()) {
          if (!token.live) return null;
          sweep.status.set('sweepRunning', { momentum, batch: batchSize });
          await net.model.setWeights(start);
          const steps = Math.ceil(data.train.n / batchSize), squares = [];
          let k = 0;
          await net.train(data.train.x, data.train.y, { epochs: EPOCHS, batchSize, onStep: (record) => {
            if (++k <= (EPOCHS - 1) * steps) return; // the last epoch only
            squares.push(squaredError(record.layers.find((l) => l.className === 'BatchNormalization').movingMean, truth));
          } });
          error[i][j] = Math.sqrt(squares.reduce((a, b) => a + b, 0) / squares.length);
          const p = await net.probabilities(data.test.x);
          let right = 0;
          for (let k = 0; k < p.length; k++) right += (p[k] > 0.5) === (data.test.y[k] > 0.5);
          accuracy[i][j] = right / p.length;
          draw();
        }
      } finally {
        net.dispose();
      }
    }
    sweep.status.set('sweepDone');
    return { momenta: MOMENTA, batches: BATCHES, error, accuracy };
  } });

  $('sweep-run').addEventListener('click', () => { sweep.start().catch(() => {}); });
  page.onLanguageChange(() => {
    errorChart.setLabels({ xLabel: t('batchSize'), yLabel: t('movingError'), series: labels() });
    accuracyChart.setLabels({ xLabel: t('batchSize'), yLabel: t('accuracy'), series: labels() });
  });
  return { start: () => sweep.start() };
}
