// main.mjs — chapter 3: the same network trained side by side without and with BN
// (two Workers, same seed, same batches), the moving mean/variance against the batch
// statistics for a chosen momentum, and BN right after badly scaled inputs. Each section is
// a one-shot run (lib/task.mjs).
// window.__chapter = { ready, runComparison(steps) → { plainLoss, bnLoss }, … } for tests.
import { grid, makeDataset, scaleFeature } from '../lib/datasets.mjs';
import { $, fill } from '../lib/dom.mjs';
import { Network } from '../lib/engine.mjs';
import { throttledFrame } from '../lib/experiment.mjs';
import { task } from '../lib/task.mjs';
import { heatmap } from '../lib/heatmap.mjs';
import { PALETTE, lineChart } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { depthSection } from './depth.mjs';
import { STRINGS } from './strings.mjs';
import { squaredError, sweepSection, trueStatistics } from './sweep.mjs';

const page = setupPage('batchnorm', STRINGS);
const t = page.t;

const STEPS_PER_EPOCH = 7; // 200 training points, batch 32
const MOMENTA = [0, 0.5, 0.9, 0.99, 0.999];
// Batch sizes of the moving-statistics run: divisors of the 200 training points, so no epoch ends on a short batch.
const MOVING_BATCHES = [4, 8, 20, 40, 100, 200];
const UNITS = 16;
const GRID = 40;
const data = makeDataset({ name: 'circle', n: 400, noise: 0.05, seed: 3, trainRatio: 0.5 });
const scaledX = scaleFeature(data.train.x, 0, 1000);
const gridPoints = grid(GRID);

const deepSpec = (batchNorm, bnMomentum = 0.99) => ({ seed: 1, hidden: Array(6).fill(UNITS), activation: 'sigmoid',
  initializer: 'glorotUniform', batchNorm, bnMomentum, optimizer: { name: 'sgd', learningRate: 0.5 } });
const inputSpec = (inputBatchNorm) => ({ seed: 1, hidden: [UNITS, UNITS], activation: 'tanh', initializer: 'glorotUniform',
  inputBatchNorm, optimizer: { name: 'adam', learningRate: 0.01 } });

/**
 * Train two specs side by side, epoch by epoch in turn (one worker busy at a time, so the
 * page's thread keeps a core); onStep(k, record). Resolves with [{ losses, net }, …].
 */
async function trainPair(specs, x, y, epochs, onStep, isCurrent = () => true) {
  const nets = await Promise.all(specs.map((spec) => Network.create(spec)));
  const runs = nets.map((net) => ({ net, losses: [] }));
  try {
    for (let e = 0; e < epochs && isCurrent(); e++) {
      for (const [k, run] of runs.entries()) {
        await run.net.train(x, y, { epochs: 1, batchSize: 32, onStep: (r) => { run.losses.push(r.loss); onStep(k, r); } });
      }
    }
  } catch (error) {
    nets.forEach((net) => net.dispose());
    throw error;
  }
  return runs;
}

/** Mean of the batch losses over the epoch that ends at step `steps` (1-based). */
function lossAt(losses, steps) {
  const window = losses.slice(Math.max(0, steps - STEPS_PER_EPOCH), steps);
  return window.reduce((a, b) => a + b, 0) / window.length;
}

// ---- 1. side by side ---------------------------------------------------------------------
const compareChart = lineChart($('compare-chart'), { xLabel: t('step_'), yLabel: t('loss'), height: 220,
  series: [{ label: t('plain'), stroke: PALETTE[1] }, { label: t('bn'), stroke: PALETTE[0] }] });
const plainMap = heatmap($('plain-boundary'), { size: GRID, pixels: 300 });
const bnMap = heatmap($('bn-boundary'), { size: GRID, pixels: 300 });

function drawEmptyMaps() {
  plainMap.draw(null, data.train, null, false);
  bnMap.draw(null, data.train, null, false);
}

const comparison = task({ page, button: $('compare-run'), status: $('compare-status'), async run(token, steps = 210) {
  const epochs = Math.ceil(steps / STEPS_PER_EPOCH);
  comparison.status.set('training');
  const curves = [[], []];
  const redraw = throttledFrame(() => {
    if (!token.live) return;
    const n = Math.min(curves[0].length, curves[1].length);
    compareChart.setData([Array.from({ length: n }, (_, i) => i + 1), curves[0].slice(0, n), curves[1].slice(0, n)]);
  });
  const runs = await trainPair([deepSpec(false, 0.9), deepSpec(true, 0.9)], data.train.x, data.train.y, epochs,
    (k, r) => { curves[k].push(r.loss); redraw(); }, () => token.live);
  const [plainP, bnP] = await Promise.all(runs.map(({ net }) => net.probabilities(gridPoints)));
  runs.forEach(({ net }) => net.dispose());
  if (!token.live) return null;
  plainMap.draw(plainP, data.train, null, false);
  bnMap.draw(bnP, data.train, null, false);
  const result = { plainLoss: lossAt(runs[0].losses, steps), bnLoss: lossAt(runs[1].losses, steps), steps };
  comparison.status.set('compared', { steps, plain: result.plainLoss.toFixed(3), bn: result.bnLoss.toFixed(3) });
  return result;
} });
const runComparison = (steps) => comparison.start(steps);

$('compare-run').addEventListener('click', () => { runComparison().catch(() => {}); });
$('compare-reset').addEventListener('click', () => {
  comparison.cancel();
  compareChart.setData([[], [], []]);
  drawEmptyMaps();
});

// ---- 2. moving statistics ----------------------------------------------------------------
// Per step: the batch's statistics, the moving ones, and the true ones over the whole training set at the
// weights of the end of that step's epoch (read once per epoch).
const movingSeries = () => [t('batch'), t('moving'), t('true')];
const movingChart = (id) => lineChart($(id), { xLabel: t('step_'), yLabel: t('value'), height: 200,
  series: [{ label: t('batch'), stroke: PALETTE[4], width: 1.2 }, { label: t('moving'), stroke: PALETTE[1] },
    { label: t('true'), stroke: PALETTE[6], width: 1.5, dash: [5, 4] }] });
const meanChart = movingChart('mean-chart'), varianceChart = movingChart('variance-chart');
let movingRecords = [];

function fillFeatures() {
  const select = $('feature');
  const chosen = select.value || '0';
  select.replaceChildren(...Array.from({ length: UNITS }, (_, i) => new Option(fill(t('featureN'), { n: i }), String(i))));
  select.value = chosen;
}

function drawMoving() {
  const f = Number($('feature').value);
  const steps = movingRecords.map((_, i) => i + 1);
  const pick = (key) => movingRecords.map((r) => r[key]?.[f] ?? null);
  meanChart.setData([steps, pick('batchMean'), pick('movingMean'), pick('trueMean')]);
  varianceChart.setData([steps, pick('batchVariance'), pick('movingVariance'), pick('trueVariance')]);
}

function showMomentum() {
  $('momentum-out').value = String(MOMENTA[Number($('momentum').value)]);
  $('moving-batch-out').value = String(MOVING_BATCHES[Number($('moving-batch').value)]);
}

// Train with the chosen momentum and batch size, epoch by epoch. After each epoch the weights give the
// true statistics of the first BN layer's input (sigmoid of the first Dense layer) over the training
// set; the error of the moving mean against them, in true standard deviations, is averaged (RMS) over
// the second half of the epochs, and the test accuracy is measured in inference mode at the end.
const moving = task({ page, button: $('moving-run'), status: $('moving-status'), async run(token, epochs = 20) {
  const momentum = MOMENTA[Number($('momentum').value)], batchSize = MOVING_BATCHES[Number($('moving-batch').value)];
  movingRecords = [];
  moving.status.set('training');
  const redraw = throttledFrame(() => { if (token.live) drawMoving(); });
  const net = await Network.create(deepSpec(true, momentum));
  const errors = [];
  let accuracy;
  try {
    for (let e = 0; e < epochs && token.live; e++) {
      const from = movingRecords.length;
      await net.train(data.train.x, data.train.y, { epochs: 1, batchSize, onStep: (r) => {
        if (!token.live) return;
        movingRecords.push({ ...r.layers.find((l) => l.className === 'BatchNormalization') });
        redraw();
      } });
      const weights = await net.model.getWeights();
      const first = (suffix) => weights.find((w) => w.name.endsWith(suffix)).values; // the first Dense, the first BN
      const truth = trueStatistics(data.train.x, first('/kernel'), first('/bias'), (z) => 1 / (1 + Math.exp(-z)));
      errors.push(squaredError(first('moving_mean'), truth));
      for (const record of movingRecords.slice(from)) Object.assign(record, { trueMean: truth.mean, trueVariance: truth.variance });
    }
    const p = await net.probabilities(data.test.x);
    accuracy = p.reduce((right, v, i) => right + ((v > 0.5) === (data.test.y[i] > 0.5)), 0) / p.length;
  } finally {
    net.dispose();
  }
  if (!token.live) return null;
  drawMoving();
  const late = errors.slice(Math.floor(errors.length / 2));
  const error = Math.sqrt(late.reduce((a, b) => a + b, 0) / late.length);
  moving.status.set('movingDone', { momentum, batch: batchSize, steps: movingRecords.length, error: error.toFixed(3),
    accuracy: (100 * accuracy).toFixed(1) });
  return { momentum, batchSize, steps: movingRecords.length, error, accuracy };
} });
const runMoving = (epochs) => moving.start(epochs);

$('momentum').addEventListener('input', showMomentum);
$('moving-batch').addEventListener('input', showMomentum);
$('feature').addEventListener('change', drawMoving);
$('moving-controls').addEventListener('submit', (event) => event.preventDefault());
$('moving-run').addEventListener('click', () => { runMoving().catch(() => {}); });

// ---- 3. BN after badly scaled inputs -----------------------------------------------------
const inputChart = lineChart($('input-chart'), { xLabel: t('step_'), yLabel: t('loss'), height: 220,
  series: [{ label: t('noInputBn'), stroke: PALETTE[1] }, { label: t('inputBn'), stroke: PALETTE[0] }] });

const input = task({ page, button: $('input-run'), status: $('input-status'), async run(token, epochs = 30) {
  input.status.set('training');
  const curves = [[], []];
  const redraw = throttledFrame(() => {
    const n = Math.min(curves[0].length, curves[1].length);
    inputChart.setData([Array.from({ length: n }, (_, i) => i + 1), curves[0].slice(0, n), curves[1].slice(0, n)]);
  });
  const runs = await trainPair([inputSpec(false), inputSpec(true)], scaledX, data.train.y, epochs, (k, r) => {
    curves[k].push(r.loss);
    redraw();
  });
  redraw();
  runs.forEach(({ net }) => net.dispose());
  const steps = curves[0].length;
  const result = { plainLoss: lossAt(curves[0], steps), bnLoss: lossAt(curves[1], steps) };
  input.status.set('inputCompared', { steps, plain: result.plainLoss.toFixed(3), bn: result.bnLoss.toFixed(3) });
  return result;
} });
const runInput = (epochs) => input.start(epochs);
$('input-run').addEventListener('click', () => { runInput().catch(() => {}); });

page.onLanguageChange(() => {
  compareChart.setLabels({ xLabel: t('step_'), yLabel: t('loss'), series: [t('plain'), t('bn')] });
  inputChart.setLabels({ xLabel: t('step_'), yLabel: t('loss'), series: [t('noInputBn'), t('inputBn')] });
  for (const c of [meanChart, varianceChart]) c.setLabels({ xLabel: t('step_'), yLabel: t('value'), series: movingSeries() });
  fillFeatures();
});

// ---- 4. momentum against batch size (sweep.mjs); 5. gradient norms over a long run (depth.mjs)
const sweep = sweepSection(page, makeDataset({ name: 'circle', n: 1600, noise: 0.05, seed: 3, trainRatio: 0.5 }));
const depth = depthSection(page, data);

fillFeatures();
showMomentum();
drawEmptyMaps();
window.__chapter = { ready: true, runComparison, runMoving, runInput, runSweep: () => sweep.start(), runDepth: (epochs) => depth.start(epochs) };
