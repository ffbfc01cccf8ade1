// main.mjs — chapter 4, Gradient clipping. Part 1 clips one 2-D gradient by value and by
// norm with simdtrain's own optimizer (SGD, learning rate 1, one step from zero weights:
// the weights become −clipped gradient) and draws the three arrows. Part 2 trains the same
// deep tanh network twice, without and with clipping, in a Worker (the library's worker
// mode, so training never blocks the page), and plots loss and gradient norms per step as
// the steps arrive.
import { init, layers, optimizers, toKerasCode, workerSequential } from '../../lib/simdtrain/index.mjs';
import { $, fill, nextFrame } from '../lib/dom.mjs';
import { task } from '../lib/task.mjs';
import { lineChart, PALETTE } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { drawArrows } from './arrows.mjs';
import { STRINGS } from './strings.mjs';

const page = setupPage('clipping', STRINGS);
const t = page.t;
const py = (v) => { const s = String(+Number(v).toPrecision(6)); return /[.e]/.test(s) ? s : `${s}.0`; };
const fmt = (v) => String(+v.toPrecision(5));
const KERAS_NAMES = { clipValue: 'clipvalue', clipNorm: 'clipnorm', globalClipNorm: 'global_clipnorm' };

// ---- part 1: one gradient, clipped two ways ----------------------------------------------

/** The gradient g after clipping with `options` ({ clipValue } or { clipNorm }), computed by
 *  the library: SGD with learning rate 1 from w = 0 gives w = −clip(g). */
function clipWithLibrary(options, g) {
  const opt = optimizers.sgd({ learningRate: 1, ...options });
  const w = new Float32Array(2);
  try {
    opt.step(w, new Float32Array(g));
  } finally {
    opt.dispose();
  }
  return [0 - w[0], 0 - w[1]];
}

const angle = (a, b) => {
  const cos = (a[0] * b[0] + a[1] * b[1]) / (Math.hypot(...a) * Math.hypot(...b));
  return Math.acos(Math.max(-1, Math.min(1, cos))) * 180 / Math.PI;
};

const arrowsSvg = $('arrows');
let lastArrows = null;
function updateArrows() {
  const g = [Number($('g1').value), Number($('g2').value)];
  const c = Number($('threshold').value);
  $('threshold-value').textContent = String(c);
  $('threshold').setAttribute('aria-valuetext', String(c));
  const status = $('arrow-status');
  if (!g.every(Number.isFinite) || $('g1').value === '' || $('g2').value === '') {
    status.textContent = t('badInput');
    return;
  }
  const byValue = clipWithLibrary({ clipValue: c }, g);
  const byNorm = clipWithLibrary({ clipNorm: c }, g);
  lastArrows = { g, c, byValue, byNorm };
  const norm = Math.hypot(...g);
  const vec = (v) => `[${v.map(fmt).join(', ')}]`;
  $('v-orig').textContent = vec(g); $('n-orig').textContent = fmt(norm);
  $('v-value').textContent = vec(byValue); $('n-value').textContent = fmt(Math.hypot(...byValue));
  $('v-norm').textContent = vec(byNorm); $('n-norm').textContent = fmt(Math.hypot(...byNorm));
  const zero = norm === 0;
  const aValue = zero ? 0 : angle(g, byValue), aNorm = zero ? 0 : angle(g, byNorm);
  $('a-value').textContent = `${aValue.toFixed(1)}°`;
  $('a-norm').textContent = `${aNorm.toFixed(1)}°`;
  const inside = Math.max(Math.abs(g[0]), Math.abs(g[1])) <= c && norm <= c;
  status.textContent = inside ? t('arrowInside') : fill(t('arrowSummary'), { value: aValue.toFixed(1), norm: aNorm.toFixed(1) });
  drawArrows(arrowsSvg, lastArrows, { box: t('box'), circle: t('circle'), offChart: (n) => fill(t('offChart'), { n }) });
  $('keras-clip').textContent = `import keras

# clip every component of the gradient to [-${py(c)}, ${py(c)}]
by_value = keras.optimizers.SGD(learning_rate=1.0, clipvalue=${py(c)})
# scale the gradient down to length ${py(c)} if it is longer
by_norm = keras.optimizers.SGD(learning_rate=1.0, clipnorm=${py(c)})

for optimizer in (by_value, by_norm):
    w = keras.Variable([0.0, 0.0])
    optimizer.apply([keras.ops.convert_to_tensor([${py(g[0])}, ${py(g[1])}])], [w])
    print(-w.numpy())  # the clipped gradient`;
}

for (const id of ['g1', 'g2', 'threshold']) $(id).addEventListener('input', updateArrows);

// ---- part 2: the same network trained without and with clipping -------------------------
const N = 64, STEPS = 200, LEARNING_RATE = 0.2, MOMENTUM = 0.9, SEED = 3;
const xs = [], ys = [];
for (let i = 0; i < N; i++) { const v = -1 + 2 * i / (N - 1); xs.push([v]); ys.push([Math.sin(3 * v)]); }

function modelOptions() {
  const stack = [layers.dense({ units: 32, inputShape: [1], activation: 'tanh' })];
  for (let i = 1; i < 6; i++) stack.push(layers.dense({ units: 32, activation: 'tanh' }));
  stack.push(layers.dense({ units: 1 }));
  return { seed: SEED, layers: stack };
}

const lossChart = lineChart($('loss-chart'), { xLabel: t('stepAxis'), yLabel: t('lossAxis'), yLog: true, height: 240,
  series: [{ label: t('seriesPlain'), stroke: '#b3261e' }, { label: t('seriesClip'), stroke: PALETTE[2] }] });
const normChart = lineChart($('norm-chart'), { xLabel: t('stepAxis'), yLabel: t('normAxis'), yLog: true, height: 240,
  series: [{ label: t('seriesPlainNorm'), stroke: '#b3261e' }, { label: t('seriesBefore'), stroke: PALETTE[1] },
    { label: t('seriesAfter'), stroke: PALETTE[0], dash: [6, 4] }] });

const DISPLAY_MAX = 1e8;
const steps = Array.from({ length: STEPS }, (_, i) => i + 1);
const series = { plainLoss: [], clipLoss: [], plainNorm: [], before: [], after: [] };
let drawQueued = false;
function queueDraw() {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    // Values beyond DISPLAY_MAX are drawn at it: a log axis spanning 1e-3…1e38 costs uPlot
    // tens of milliseconds per redraw and shows nothing more than "it exploded".
    const pad = (a) => steps.map((_, i) => (i < a.length ? Math.min(a[i], DISPLAY_MAX) : null));
    lossChart.setData([steps, pad(series.plainLoss), pad(series.clipLoss)]);
    normChart.setData([steps, pad(series.plainNorm), pad(series.before), pad(series.after)]);
  });
}

/** Global gradient norm of one step, from its per-layer statistics (logs.diagnostics: before clipping). */
function statsNorm(diagnostics) {
  let sum = 0;
  for (const layer of diagnostics ?? []) {
    for (const w of layer.weights) {
      if (!w.trainable) continue;
      if (w.gradientNorm === null || !Number.isFinite(w.gradientNorm)) return NaN;
      sum += w.gradientNorm ** 2;
    }
  }
  return Math.sqrt(sum);
}

const clipSettings = () => {
  const mode = $('mode').value;
  let c = Number($('train-threshold').value);
  if (!(c > 0) || !Number.isFinite(c)) c = 1;
  return { mode, c };
};

/**
 * Train for STEPS full-batch steps (one batch per epoch, so every onBatchEnd is one step) in
 * a Worker (workerSequential): the page only receives each step's logs, records the loss
 * and gradient norms, and redraws. Stops a few steps after the loss is NaN.
 */
// A worker whose wasm is already compiled, so a run starts without a burst of compilation
// competing with the page for the CPU; each run takes it and prepares the next one.
let spareWorker = workerSequential(modelOptions());
async function takeWorker() {
  const next = spareWorker;
  spareWorker = workerSequential(modelOptions());
  return next;
}

async function train(clip) {
  const remote = await takeWorker();
  const lossOut = clip ? series.clipLoss : series.plainLoss;
  lossOut.length = 0;
  if (clip) { series.before.length = 0; series.after.length = 0; } else series.plainNorm.length = 0;
  let sawNaN = false, firstNaN = -1, firstInfinite = -1, stopping = false, clipped = 0, measured = 0;
  try {
    const options = { learningRate: LEARNING_RATE, momentum: MOMENTUM };
    if (clip) options[clip.mode] = clip.c;
    await remote.compile({ optimizer: optimizers.sgd(options), loss: 'mse' });
    await remote.fit(xs, ys, { epochs: STEPS, batchSize: N, shuffle: false, terminateOnNaN: false, diagnostics: true,
      onBatchEnd(_, logs) {
        if (stopping) return; // steps the worker ran before it saw stop()
        const step = lossOut.length + 1;
        lossOut.push(logs.loss);
        if (!Number.isFinite(logs.loss) && firstInfinite < 0) firstInfinite = step;
        if (Number.isNaN(logs.loss) && !sawNaN) { sawNaN = true; firstNaN = step; }
        if (clip) {
          const n = logs.gradientNorm; // { before, after }: NaN for clipvalue, which computes no norm
          const before = n && Number.isFinite(n.before) ? n.before : statsNorm(logs.diagnostics);
          if (n && Number.isFinite(n.before) && Number.isFinite(n.after)) {
            measured++;
            if (n.after < n.before * (1 - 1e-6)) clipped++; // this step's gradient was scaled down
          }
          series.before.push(before);
          series.after.push(n ? n.after : NaN);
        } else {
          series.plainNorm.push(statsNorm(logs.diagnostics));
        }
        if (sawNaN && step >= firstNaN + 5) {
          stopping = true;
          remote.stop().catch(() => {});
        }
        queueDraw();
        both.status.set(clip ? 'statusClip' : 'statusPlain', { step });
      } });
  } finally {
    await remote.dispose();
  }
  queueDraw();
  const finalLoss = lossOut[lossOut.length - 1];
  return { finalLoss, sawNaN, firstNaN, firstInfinite, steps: lossOut.length, clipped: measured ? clipped : null };
}

const results = { plain: null, clip: null };
function showResult(which, r, clip) {
  const big = $(which === 'plain' ? 'loss-plain' : 'loss-clip');
  const note = $(which === 'plain' ? 'note-plain' : 'note-clip');
  const card = $(which === 'plain' ? 'card-plain' : 'card-clip');
  if (which === 'clip') $('clip-title').textContent = fill(t('clipTitle'), { mode: KERAS_NAMES[clip.mode], c: clip.c });
  if (!r) { big.textContent = '—'; note.textContent = ''; card.classList.remove('nan', 'ok'); return; }
  big.textContent = r.sawNaN ? 'NaN' : (Number.isFinite(r.finalLoss) ? r.finalLoss.toPrecision(3) : String(r.finalLoss));
  const where = r.firstInfinite > 0 && r.firstInfinite < r.firstNaN ? 'infAt' : 'nanAt';
  note.textContent = r.sawNaN ? fill(t(where), { step: r.firstNaN, inf: r.firstInfinite }) : `${fill(t('finalAt'), { steps: r.steps })}${which === 'plain' ? ` ${t('noNaN')}` : ''}`;
  if (r.clipped != null) note.textContent += ` ${fill(t('clippedSteps'), { k: r.clipped, n: r.steps })}`;
  card.classList.toggle('nan', r.sawNaN);
  card.classList.toggle('ok', !r.sawNaN);
}

/** The library's own Keras export (src/js/keras_export.mjs) of the clipped run. */
function kerasTrain() {
  const { mode, c } = clipSettings();
  const code = toKerasCode(modelOptions(), { loss: 'mse',
    optimizer: optimizers.sgd({ learningRate: LEARNING_RATE, momentum: MOMENTUM, [mode]: c }),
    fit: { epochs: STEPS, batchSize: N, shuffle: false }, data: { x: xs, y: ys } });
  return `${code}\n# Without ${KERAS_NAMES[mode]}=... in the optimizer, the loss becomes NaN.`;
}

async function runUnclipped() {
  const r = await train(null);
  results.plain = r;
  showResult('plain', r);
  return { finalLoss: r.finalLoss, sawNaN: r.sawNaN, firstNaN: r.firstNaN, firstInfinite: r.firstInfinite };
}
async function runClipped() {
  const clip = clipSettings();
  const r = await train(clip);
  results.clip = r;
  showResult('clip', r, clip);
  return { finalLoss: r.finalLoss, sawNaN: r.sawNaN, clipped: r.clipped, steps: r.steps };
}
const describeResult = (r) => (r.sawNaN ? fill(t('nanShort'), { step: r.firstNaN }) : r.finalLoss.toPrecision(3));
const both = task({ page, button: $('run'), status: $('train-status'), busyKey: 'running', async run() {
  showResult('plain', null);
  showResult('clip', null, clipSettings());
  await runUnclipped();
  await runClipped();
  both.status.set('statusDone', () => ({ plain: describeResult(results.plain), clip: describeResult(results.clip) }));
} });
const runBoth = () => both.start();
$('run').addEventListener('click', () => { runBoth().catch(() => {}); });
const onSettings = () => {
  $('keras-train').textContent = kerasTrain();
  if (!results.clip) showResult('clip', null, clipSettings());
};
$('mode').addEventListener('change', onSettings);
$('train-threshold').addEventListener('input', onSettings);

page.onLanguageChange(() => {
  updateArrows();
  lossChart.setLabels({ xLabel: t('stepAxis'), yLabel: t('lossAxis'), series: [t('seriesPlain'), t('seriesClip')] });
  normChart.setLabels({ xLabel: t('stepAxis'), yLabel: t('normAxis'), series: [t('seriesPlainNorm'), t('seriesBefore'), t('seriesAfter')] });
  showResult('plain', results.plain);
  showResult('clip', results.clip, clipSettings());
});

await init();
updateArrows();
onSettings();
await spareWorker;
// uPlot's first redraws run cold (unoptimised) and took up to ~100 ms each in Chromium here;
// drawing a few synthetic curves at load leaves the redraws during training short.
for (let round = 1; round <= 6; round++) {
  const curve = steps.map((s) => round / s);
  lossChart.setData([steps, curve, curve.map((v) => v / 2)]);
  normChart.setData([steps, curve, curve.map((v) => v * 2), curve]);
  await nextFrame();
}
lossChart.setData([steps, steps.map(() => null), steps.map(() => null)]);
normChart.setData([steps, steps.map(() => null), steps.map(() => null), steps.map(() => null)]);

window.__chapter = {
  ready: true,
  /** The clipped gradients of part 1 for gradient g and threshold c, from the library. */
  clip(g, c) { return { byValue: clipWithLibrary({ clipValue: c }, g), byNorm: clipWithLibrary({ clipNorm: c }, g) }; },
  runUnclipped,
  runClipped,
  runBoth,
};
