// main.mjs — chapter 2: a deep network (lib/engine.mjs, in a Worker) on the circle
// dataset; per-layer gradient norms per step (log scale), dead ReLU and saturated
// sigmoid/tanh fractions per layer, and four presets. The experiment controller trains it
// epoch by epoch; Pause halts the worker at the next batch, Step runs one batch (one SGD
// step). window.__chapter is the test hook.
import { grid, makeDataset } from '../lib/datasets.mjs';
import { $, fill } from '../lib/dom.mjs';
import { Network } from '../lib/engine.mjs';
import { experiment } from '../lib/experiment.mjs';
import { heatmap, layerBars } from '../lib/heatmap.mjs';
import { PALETTE, lineChart } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { Series } from '../lib/series.mjs';
import { interpolateViridis } from '../../vendor/d3-scale-chromatic/d3-scale-chromatic.mjs';
import { STRINGS } from './strings.mjs';

export const PRESETS = {
  vanishing: { activation: 'sigmoid', initializer: 'glorotUniform', depth: 9, bias: 0, learningRate: 0.1 },
  saturating: { activation: 'sigmoid', initializer: 'huge', depth: 9, bias: 0, learningRate: 0.1 },
  exploding: { activation: 'relu', initializer: 'large', depth: 9, bias: 0, learningRate: 0.01 },
  dying: { activation: 'relu', initializer: 'heNormal', depth: 9, bias: -0.1, learningRate: 1 },
  healthy: { activation: 'relu', initializer: 'heNormal', depth: 9, bias: 0, learningRate: 0.1 },
};
const NOTES = { vanishing: 'noteVanishing', saturating: 'noteSaturating', exploding: 'noteExploding', dying: 'noteDying', healthy: 'noteHealthy' };
const EPOCHS = 40; // 200 training points, batch 32: 7 steps per epoch, 280 steps
const ZERO_FLOOR = 1e-10;
const GRID = 40;

const page = setupPage('vanishing', STRINGS);
const t = page.t;
const data = makeDataset({ name: 'circle', n: 400, noise: 0.05, seed: 3, trainRatio: 0.5 });
const gridPoints = grid(GRID);
const map = heatmap($('boundary'), { size: GRID, pixels: 300 });

let preset = 'vanishing', net = null, epochs = 0, epochLimit = EPOCHS;
let gradChart = null, gradSeries = null, lossSeries = new Series(1), latest = null, recent = [], probabilities = null;
let step = 0;
const lossChart = lineChart($('loss-chart'), { xLabel: t('step_'), yLabel: t('loss'), height: 170,
  series: [{ label: t('loss'), stroke: PALETTE[1] }] });

function readControls() {
  return { activation: $('activation').value, initializer: $('initializer').value, depth: Number($('depth').value),
    bias: Number($('bias').value), learningRate: Number($('learningRate').value), seed: Number($('seed').value) >>> 0 };
}

function writeControls(c) {
  for (const key of ['activation', 'initializer', 'depth', 'bias', 'learningRate']) $(key).value = String(c[key]);
  showOutputs();
}

function showOutputs() {
  $('depth-out').value = $('depth').value;
  $('bias-out').value = Number($('bias').value).toFixed(2);
}

const layerLabel = (i, count) => (i === count - 1 ? t('output') : fill(t('layer'), { n: i + 1 }));

function makeGradChart(count) {
  gradChart?.destroy();
  gradChart = lineChart($('grad-chart'), { xLabel: t('step_'), yLabel: t('norm'), yLog: true, height: 280,
    series: Array.from({ length: count }, (_, i) => ({ label: layerLabel(i, count),
      stroke: i === count - 1 ? '#1d2330' : interpolateViridis(0.9 * (1 - i / Math.max(1, count - 2))), width: 1.6 })) });
  gradSeries = new Series(count, 2000);
}

function draw() {
  gradChart?.setData(gradSeries.data());
  // The smaller pictures go in the next frame: each frame then has less to paint and commit.
  requestAnimationFrame(() => {
    lossChart.setData(lossSeries.data());
    map.draw(probabilities, data.train, null, false);
  });
  const dense = latest?.layers.filter((l) => l.className === 'Dense') ?? [];
  // Fractions averaged over the last few steps (one batch is noisy).
  const mean = (key, i) => {
    const values = recent.map((r) => r[i]?.[key]).filter((v) => v != null && Number.isFinite(v));
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  };
  const hidden = dense.slice(0, -1);
  const deadRows = hidden.map((_, i) => ({ label: layerLabel(i, dense.length), value: mean('deadFraction', i) }));
  const satRows = hidden.map((_, i) => ({ label: layerLabel(i, dense.length), value: mean('saturatedFraction', i) }));
  const placeholder = (rows, key) => (rows.some((r) => r.value != null) || rows.length === 0 ? null : t(key));
  const deadNote = placeholder(deadRows, 'notRelu'), satNote = placeholder(satRows, 'notSaturating');
  if (deadNote) $('dead').replaceChildren(Object.assign(document.createElement('p'), { className: 'note', textContent: deadNote }));
  else layerBars($('dead'), deadRows, { color: '#c0392b' });
  if (satNote) $('saturated').replaceChildren(Object.assign(document.createElement('p'), { className: 'note', textContent: satNote }));
  else layerBars($('saturated'), satRows, { color: '#b8860b' });
  const first = dense[0]?.gradientNorm, last = dense[dense.length - 1]?.gradientNorm;
  $('ratio').textContent = first != null && last > 0 && Number.isFinite(first / last) ? (first / last).toExponential(1) : '—';
  if (ex.playing) ex.setStatus('playing');
}

function showPreset() {
  for (const b of document.querySelectorAll('[data-preset]')) b.setAttribute('aria-pressed', String(b.dataset.preset === preset));
  $('preset-note').textContent = t(NOTES[preset] ?? 'noteCustom');
}

const ex = experiment({
  page, status: $('status'), play: $('play'), step: $('step'), reset: $('reset'),
  values: () => ({ step }),
  remote: () => net?.model,
  stepBatches: true,
  breather: 20, // the run stays watchable and the worker leaves the page's thread a core
  draw,
  dispose() {
    net?.dispose();
    net = null;
  },
  /** Rebuild the network from the controls (in a new worker). */
  async build(token) {
    const c = readControls();
    step = epochs = 0;
    latest = null;
    recent = [];
    probabilities = null;
    lossSeries = new Series(1);
    makeGradChart(c.depth + 1);
    ex.draw();
    const created = await Network.create({ seed: c.seed, hidden: Array(c.depth).fill(16), activation: c.activation,
      // 'huge' is the 'large' N(0, 1) kernels scaled by 5 (lib/engine.mjs adjusts them after the build).
      initializer: c.initializer === 'huge' ? 'large' : c.initializer, weightScale: c.initializer === 'huge' ? 5 : 1, biasValue: c.bias, optimizer: { name: 'sgd', learningRate: c.learningRate } });
    if (!token.live) return created.dispose();
    net = created;
    probabilities = await net.probabilities(gridPoints);
  },
  /** One epoch (7 steps); every second epoch, the picture of the predictions. */
  async advance(token) {
    await net.train(data.train.x, data.train.y, { epochs: 1, batchSize: 32, onStep: (record) => {
      if (!token.live) return;
      step = record.step;
      latest = record;
      const dense = record.layers.filter((l) => l.className === 'Dense');
      recent.push(dense);
      if (recent.length > 7) recent.shift();
      gradSeries.push(step, dense.map((l) => (l.gradientNorm === 0 ? ZERO_FLOOR : l.gradientNorm)));
      lossSeries.push(step, [record.loss]);
      ex.draw();
    } });
    if (!token.live) return false;
    epochs++;
    if (epochs % 2 === 0 || epochs >= epochLimit) {
      const p = await net.probabilities(gridPoints);
      if (token.live) probabilities = p;
    }
    return epochs < epochLimit;
  },
  relabel() {
    const count = Number($('depth').value) + 1;
    gradChart?.setLabels({ xLabel: t('step_'), yLabel: t('norm'), series: Array.from({ length: count }, (_, i) => layerLabel(i, count)) });
    lossChart.setLabels({ xLabel: t('step_'), yLabel: t('loss'), series: [t('loss')] });
    showPreset();
  },
});

async function applyPreset(name) {
  preset = name;
  writeControls(PRESETS[name]);
  showPreset();
  await ex.reset();
}

for (const b of document.querySelectorAll('[data-preset]')) {
  b.addEventListener('click', async () => { await applyPreset(b.dataset.preset); ex.play(); });
}
$('controls').addEventListener('input', (event) => {
  showOutputs();
  if (event.target.type === 'range') return;
  preset = null;
  showPreset();
  ex.reset();
});
$('controls').addEventListener('change', (event) => {
  if (event.target.type !== 'range') return;
  preset = null;
  showPreset();
  ex.reset();
});
$('controls').addEventListener('submit', (event) => event.preventDefault());

showPreset();
await applyPreset('vanishing');

window.__chapter = {
  ready: true,
  applyPreset,
  /** Train `n` more epochs and report the latest per-layer gradient norms (first hidden … output). */
  async train(n = 3) {
    epochLimit = Infinity; // the tests train on past the page's 40 epochs
    await ex.chunks(n);
    epochLimit = Math.max(EPOCHS, epochs + 1);
    draw();
    const dense = latest.layers.filter((l) => l.className === 'Dense');
    return { step, norms: dense.map((l) => l.gradientNorm), dead: dense.map((l) => l.deadFraction),
      saturated: dense.map((l) => l.saturatedFraction), ratioText: $('ratio').textContent };
  },
  play: () => ex.play(),
};
