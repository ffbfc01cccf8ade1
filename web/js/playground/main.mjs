// main.mjs — the playground page: every control of state.mjs, the URL hash kept in step
// with them, and a network (lib/engine.mjs, in a Worker) trained epoch by epoch by the
// site's experiment controller, with the decision boundary, train/test loss and per-layer
// gradient norms.
import { losses, toKerasCode } from '../../lib/simdtrain/index.mjs';
import { grid, makeDataset } from '../lib/datasets.mjs';
import { $ } from '../lib/dom.mjs';
import { Network, makeLayers, makeOptimizer } from '../lib/engine.mjs';
import { experiment } from '../lib/experiment.mjs';
import { heatmap } from '../lib/heatmap.mjs';
import { PALETTE, lineChart } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { Series } from '../lib/series.mjs';
import { DEFAULTS, HYPERPARAMETERS, fromHash, hyperparametersOf, normalize, specOf, toHash } from './state.mjs';
import { STRINGS } from './strings.mjs';

const page = setupPage('playground', STRINGS);
const t = page.t;
const GRID = 48;
const gridPoints = grid(GRID);

const form = $('controls');
const NUMERIC = ['noise', 'trainRatio', 'seed', 'layers', 'units', 'learningRate', 'batchSize', 'clipValue', 'regularizationRate',
  ...HYPERPARAMETERS];
const CHOICE = ['dataset', 'activation', 'initializer', 'optimizer', 'clip', 'regularization'];
const RATE_LISTS = ['learningRate', 'regularizationRate']; // selects of numbers

// ---- controls <-> state ----------------------------------------------------------------
function readControls() {
  const partial = {};
  for (const key of [...NUMERIC, ...CHOICE]) partial[key] = $(key).value;
  partial.batchNorm = $('batchNorm').checked;
  return normalize(partial);
}

function writeControls(state) {
  for (const key of [...NUMERIC, ...CHOICE]) {
    const input = $(key);
    let value = String(state[key]);
    if (RATE_LISTS.includes(key) && ![...input.options].some((o) => Number(o.value) === state[key])) {
      input.append(new Option(value, value)); // a rate from a link that the list lacks
    }
    if (input.tagName === 'SELECT') value = [...input.options].find((o) => Number(o.value) === state[key] || o.value === value)?.value ?? value;
    input.value = value;
  }
  $('batchNorm').checked = state.batchNorm;
  showRelevant(state);
  showOutputs(state);
}

function showRelevant(state) {
  const shown = new Set(hyperparametersOf(state.optimizer));
  for (const e of form.querySelectorAll('[data-param]')) e.hidden = !shown.has(e.dataset.param);
  for (const e of form.querySelectorAll('[data-clip]')) e.hidden = state.clip === 'none';
  for (const e of form.querySelectorAll('[data-reg]')) e.hidden = state.regularization === 'none';
}

function showOutputs(state) {
  $('noise-out').value = state.noise.toFixed(2);
  $('trainRatio-out').value = `${Math.round(state.trainRatio * 100)}%`;
  $('layers-out').value = state.layers;
  $('units-out').value = state.units;
  $('batchSize-out').value = state.batchSize;
}

// ---- charts -------------------------------------------------------------------------------
const map = heatmap($('boundary'), { size: GRID });
const lossChart = lineChart($('loss-chart'), { xLabel: t('epoch_'), yLabel: t('loss'), height: 200,
  series: [{ label: t('train'), stroke: PALETTE[0] }, { label: t('test'), stroke: PALETTE[1], dash: [6, 4] }] });
let gradChart = null;
const lossSeries = new Series(2);
let gradSeries = new Series(1);

function layerNames(count) {
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? t('output') : page.language() === 'zh' ? `${t('layer')} ${i + 1} 层` : `${t('layer')} ${i + 1}`));
}

function makeGradChart(count) {
  gradChart?.destroy();
  const colors = count === 1 ? ['#444'] : Array.from({ length: count }, (_, i) => (i === count - 1 ? '#222' : PALETTE[i % 6]));
  gradChart = lineChart($('grad-chart'), { xLabel: t('step_'), yLabel: t('norm'), yLog: true, height: 220,
    series: layerNames(count).map((label, i) => ({ label, stroke: colors[i], width: 1.5 })) });
  gradSeries = new Series(count);
}

// ---- training -----------------------------------------------------------------------------
let state = fromHash(location.hash || toHash(DEFAULTS));
let data = null, net = null, epoch = 0, probabilities = null;
let trainLoss = NaN, testLoss = NaN, startTestLoss = NaN, weightNorm = NaN;

function draw() {
  $('epoch').textContent = String(epoch);
  $('train-loss').textContent = Number.isFinite(trainLoss) ? trainLoss.toFixed(3) : '—';
  $('test-loss').textContent = Number.isFinite(testLoss) ? testLoss.toFixed(3) : '—';
  $('weight-norm').textContent = Number.isFinite(weightNorm) ? weightNorm.toFixed(2) : '—';
  if (data) map.draw(probabilities, data.train, data.test, $('showTest').checked);
  // The charts go in the next frame: each frame then has less to paint and commit.
  requestAnimationFrame(() => {
    lossChart.setData(lossSeries.data());
    gradChart?.setData(gradSeries.data());
  });
}

async function measure(token) {
  const [p, a, b, w] = await Promise.all([net.probabilities(gridPoints), net.loss(data.train.x, data.train.y),
    net.loss(data.test.x, data.test.y), net.kernelNorm()]);
  if (!token.live) return false;
  probabilities = p;
  trainLoss = a;
  testLoss = b;
  weightNorm = w;
  return true;
}

const ex = experiment({
  page, status: $('status'), play: $('play'), step: $('step'), reset: $('reset'),
  values: () => ({ epoch }),
  remote: () => net?.model, // Pause halts the epoch in flight at once (the library's pause)
  draw, drawInterval: 200,
  dispose() {
    net?.dispose();
    net = null;
  },
  async build(token) {
    state = readControls();
    history.replaceState(null, '', `#${toHash(state)}`);
    data = makeDataset({ name: state.dataset, n: 400, noise: state.noise, seed: state.seed, trainRatio: state.trainRatio });
    epoch = 0;
    probabilities = null;
    trainLoss = testLoss = weightNorm = NaN;
    lossSeries.clear();
    makeGradChart(state.layers + 1);
    ex.draw();
    const created = await Network.create(specOf(state));
    if (!token.live) return created.dispose();
    net = created;
    if (!(await measure(token))) return;
    startTestLoss = testLoss;
    lossSeries.push(0, [trainLoss, testLoss]);
    draw(); // at once: when reset() resolves, the new network's losses are on the page
  },
  // One epoch; the run is over when the loss is no longer finite.
  async advance(token) {
    await net.train(data.train.x, data.train.y, { epochs: 1, batchSize: Math.min(state.batchSize, data.train.n),
      onStep: (record) => {
        if (token.live) gradSeries.push(record.step, record.layers.filter((l) => l.className === 'Dense').map((l) => l.gradientNorm));
      } });
    if (!token.live) return false;
    epoch++;
    if (!(await measure(token))) return false;
    lossSeries.push(epoch, [trainLoss, testLoss]);
    if (Number.isFinite(trainLoss)) return true;
    ex.setStatus('nan');
    return false;
  },
  relabel() {
    lossChart.setLabels({ xLabel: t('epoch_'), yLabel: t('loss'), series: [t('train'), t('test')] });
    gradChart?.setLabels({ xLabel: t('step_'), yLabel: t('norm'), series: layerNames(state.layers + 1) });
    $('keras').textContent = t($('keras-code').hidden ? 'showKeras' : 'hideKeras');
  },
});

// ---- events -------------------------------------------------------------------------------
form.addEventListener('input', (event) => {
  const s = readControls();
  showOutputs(s);
  showRelevant(s);
  // Sliders reset when released (change); selects, checkboxes and numbers reset at once.
  if (event.target.type !== 'range') ex.reset();
});
form.addEventListener('change', (event) => { if (event.target.type === 'range') ex.reset(); });
form.addEventListener('submit', (event) => event.preventDefault());
$('showTest').addEventListener('change', ex.draw);
$('share').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    ex.setStatus('linkCopied');
  } catch {
    $('status').textContent = location.href;
  }
});
$('keras').addEventListener('click', () => {
  const pre = $('keras-code');
  const open = pre.hidden;
  pre.hidden = !open;
  $('keras').setAttribute('aria-expanded', String(open));
  $('keras').textContent = t(open ? 'hideKeras' : 'showKeras');
  if (!open) return;
  const spec = specOf(state);
  pre.textContent = toKerasCode({ seed: state.seed, layers: makeLayers(spec) }, {
    loss: losses.binaryCrossentropy({ fromLogits: true }), optimizer: makeOptimizer(spec), metrics: ['accuracy'],
    seed: state.seed, fit: { epochs: Math.max(1, epoch), batchSize: state.batchSize, shuffle: true } });
});
window.addEventListener('hashchange', () => {
  const wanted = fromHash(location.hash);
  if (toHash(wanted) === toHash(state)) return;
  writeControls(wanted);
  ex.reset();
});

writeControls(state);
await ex.reset();

window.__playground = {
  ready: true,
  state: () => ({ ...readControls() }),
  hash: () => location.hash,
  /** Pause, then train n epochs (n presses of Step); the losses shown afterwards. */
  async trainSteps(n) {
    await ex.chunks(n);
    draw();
    return { trainLoss, testLoss, startTestLoss, epoch, weightNorm, shownTestLoss: $('test-loss').textContent };
  },
  play: ex.play,
  pause: ex.pause,
};
