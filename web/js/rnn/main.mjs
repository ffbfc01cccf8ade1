// main.mjs — chapter 6, Recurrent networks. Part 1 measures ‖∂L/∂h_t‖ through a SimpleRNN
// whose recurrent kernel is ρ·Q (Q: its orthogonal initial kernel) with simdtrain's own
// backward pass (computeGradients + gradientStats' stepGradientNorms). Part 2 trains a linear
// SimpleRNN at ρ = 1.5 with SGD, without and with clipping. Part 3 trains SimpleRNN, LSTM and
// GRU on the adding problem. Every network lives in a Worker (workerSequential); the settings
// live in the URL's hash (#rho=1.2&T=40&act=linear&clip=globalClipNorm&c=1&T3=30).
import { init, layers, optimizers, toKerasCode, workerSequential } from '../../lib/simdtrain/index.mjs';
import { $, fill, nextFrame } from '../lib/dom.mjs';
import { task } from '../lib/task.mjs';
import { lineChart, PALETTE } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { mulberry32 } from '../lib/random.mjs';
import { addingTask, meanForgetGate, recallTask } from './tasks.mjs';
import { STRINGS } from './strings.mjs';

const page = setupPage('rnn', STRINGS);
const t = page.t;
const fmt = (v) => (Number.isFinite(v) ? String(+v.toPrecision(3)) : String(v));
const KERAS_NAMES = { clipValue: 'clipvalue', clipNorm: 'clipnorm', globalClipNorm: 'global_clipnorm' };

// ---- settings in the URL -------------------------------------------------------------
const CONTROLS = { rho: 'rho', T: 'steps', act: 'cell-act', clip: 'clip-mode', c: 'clip-threshold', T3: 'gates-steps' };
const fromHash = new URLSearchParams(location.hash.slice(1));
for (const [key, id] of Object.entries(CONTROLS)) {
  const v = fromHash.get(key), control = $(id);
  if (v === null) continue;
  if (control.tagName === 'SELECT') { if ([...control.options].some((o) => o.value === v)) control.value = v; } else if (Number.isFinite(Number(v))) control.value = v;
}
const saveHash = () => history.replaceState(null, '', `#${new URLSearchParams(Object.entries(CONTROLS).map(([k, id]) => [k, $(id).value]))}`);

// ---- part 1: multiplying by the same matrix -------------------------------------------
// One model per activation at T_MAX steps; a shorter sequence T is fed as T_MAX − T zero steps
// first: with no bias the state stays exactly 0 through them, so the last T steps compute
// what a T-step network computes.
const T_MAX = 80, UNITS = 16, BATCH1 = 32;
const sameModels = {};
const sameOptions = (act, T) => ({ seed: 4, layers: [
  layers.simpleRNN({ units: UNITS, activation: act, useBias: false, inputShape: [T, 1] }), layers.dense({ units: 1 })] });
function sameModel(act) {
  sameModels[act] ??= (async () => {
    const remote = await workerSequential(sameOptions(act, T_MAX));
    const weights = (await remote.getWeights()).map((w) => w.values);
    await remote.compile({ optimizer: optimizers.sgd({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    return { remote, weights };
  })();
  return sameModels[act];
}

/** ‖∂L/∂h_t‖ ÷ ‖∂L/∂h_T‖ for t = 1..T, from the library's backward pass. */
async function bptt(rho, T, act) {
  const { remote, weights } = await sameModel(act);
  await remote.setWeights(weights.map((v, i) => (i === 1 ? v.map((q) => q * rho) : v)));
  const u = mulberry32(5);
  const x = new Float32Array(BATCH1 * T_MAX);
  for (let s = 0; s < BATCH1; s++) for (let k = T_MAX - T; k < T_MAX; k++) x[s * T_MAX + k] = u() - 0.5;
  await remote.computeGradients(x, Float32Array.from({ length: BATCH1 }, () => u()));
  const [rnn] = await remote.gradientStats();
  const norms = rnn.stepGradientNorms.slice(T_MAX - T);
  return { ratios: norms.map((n) => n / norms[T - 1]), spectralNorm: rnn.recurrentSpectralNorm };
}

const sameChart = lineChart($('bptt-chart'), { xLabel: t('stepAxis'), yLabel: t('ratioAxis'), yLog: true, height: 240,
  series: [{ label: t('seriesMeasured'), stroke: PALETTE[0] }, { label: t('seriesLaw'), stroke: PALETTE[1], dash: [6, 4] }] });
let sameQueued = null, sameBusy = false;
async function updateSame() {
  const rho = Number($('rho').value), T = Number($('steps').value), act = $('cell-act').value;
  $('rho-value').textContent = String(rho);
  $('steps-value').textContent = String(T);
  $('keras-same').textContent = `${toKerasCode(sameOptions(act, T), { loss: 'mse', optimizer: optimizers.sgd({ learningRate: 0.01 }) })}
rnn = model.layers[0]
rnn.cell.recurrent_kernel.assign(${rho} * rnn.cell.recurrent_kernel)  # rho * Q, Q orthogonal`;
  saveHash();
  sameQueued = { rho, T, act };
  if (sameBusy) return;
  sameBusy = true;
  try {
    while (sameQueued) {
      const s = sameQueued;
      sameQueued = null;
      const r = await bptt(s.rho, s.T, s.act);
      const steps = Array.from({ length: s.T }, (_, i) => i + 1);
      sameChart.setData([steps, r.ratios, steps.map((k) => s.rho ** (s.T - k))]);
      $('same-status').textContent = fill(t('sameStatus'), { first: fmt(r.ratios[0]), law: fmt(s.rho ** (s.T - 1)), sigma: fmt(r.spectralNorm) });
      lastSame = { ...s, ...r };
    }
  } finally { sameBusy = false; }
}
let lastSame = null;
for (const id of ['rho', 'steps', 'cell-act']) $(id).addEventListener('input', () => { updateSame().catch(showSameError); });
function showSameError(error) { $('same-status').textContent = fill(t('failed'), { message: error.message }); }

// ---- part 2: exploding, and caught -----------------------------------------------------
const T2 = 30, N2 = 64, BATCH2 = 16, EPOCHS2 = 40, RHO2 = 1.5, LR2 = 0.01;
const recall = recallTask(1, N2, T2);
const clipOptions = () => ({ seed: 2, layers: [layers.simpleRNN({ units: UNITS, activation: 'linear', inputShape: [T2, 1] }), layers.dense({ units: 1 })] });
const clipSettings = () => {
  let c = Number($('clip-threshold').value);
  if (!(c > 0) || !Number.isFinite(c)) c = 1;
  return { mode: $('clip-mode').value, c };
};
const steps2 = Array.from({ length: EPOCHS2 * (N2 / BATCH2) }, (_, i) => i + 1);
const DISPLAY_MAX = 1e12;
const clipLoss = lineChart($('clip-loss-chart'), { xLabel: t('stepAxis'), yLabel: t('lossAxis'), yLog: true, height: 240,
  series: [{ label: t('seriesPlain'), stroke: '#b3261e' }, { label: t('seriesClip'), stroke: PALETTE[2] }] });
const clipNorm = lineChart($('clip-norm-chart'), { xLabel: t('stepAxis'), yLabel: t('normAxis'), yLog: true, height: 240,
  series: [{ label: t('seriesPlain'), stroke: '#b3261e' }, { label: t('seriesBefore'), stroke: PALETTE[1] },
    { label: t('seriesAfter'), stroke: PALETTE[0], dash: [6, 4] }] });
const runs = { plainLoss: [], clipLoss: [], plainNorm: [], before: [], after: [] };
let drawQueued = false;
function queueDraw() {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    const pad = (a) => steps2.map((_, i) => (i < a.length ? Math.min(a[i], DISPLAY_MAX) : null));
    clipLoss.setData([steps2, pad(runs.plainLoss), pad(runs.clipLoss)]);
    clipNorm.setData([steps2, pad(runs.plainNorm), pad(runs.before), pad(runs.after)]);
  });
}
const globalNorm = (d) => Math.sqrt((d ?? []).flatMap((l) => l.weights).reduce((s, w) => s + (w.gradientNorm ?? NaN) ** 2, 0));

async function trainRecall(clip) {
  const remote = await workerSequential(clipOptions());
  const loss = clip ? runs.clipLoss : runs.plainLoss;
  loss.length = 0;
  if (clip) { runs.before.length = 0; runs.after.length = 0; } else runs.plainNorm.length = 0;
  let firstNaN = -1, stopping = false;
  try {
    await remote.setWeights((await remote.getWeights()).map((w, i) => (i === 1 ? w.values.map((v) => v * RHO2) : w.values)));
    await remote.compile({ optimizer: optimizers.sgd({ learningRate: LR2, ...(clip ? { [clip.mode]: clip.c } : {}) }), loss: 'meanSquaredError' });
    await remote.fit(recall.x, recall.y, { epochs: EPOCHS2, batchSize: BATCH2, shuffle: false, terminateOnNaN: false, diagnostics: true,
      onBatchEnd(_, logs) {
        if (stopping) return;
        loss.push(logs.loss);
        if (!Number.isFinite(logs.loss) && firstNaN < 0) firstNaN = loss.length;
        const n = logs.gradientNorm;
        const before = n && Number.isFinite(n.before) ? n.before : globalNorm(logs.diagnostics);
        if (clip) { runs.before.push(before); runs.after.push(n ? n.after : NaN); } else runs.plainNorm.push(before);
        if (firstNaN > 0 && loss.length >= firstNaN + 3) { stopping = true; remote.stop().catch(() => {}); }
        queueDraw();
        clipTask.status.set(clip ? 'statusClip' : 'statusPlain', { step: loss.length });
      } });
  } finally {
    await remote.dispose();
  }
  queueDraw();
  return { finalLoss: loss.at(-1), firstLoss: loss[0], sawNaN: firstNaN > 0, firstNaN, steps: loss.length, maxBefore: Math.max(...(clip ? runs.before : runs.plainNorm).filter(Number.isFinite)) };
}

function showCard(which, r) {
  const big = $(`loss-${which}`), note = $(`note-${which}`), card = $(`card-${which}`);
  if (which === 'clip') { const { mode, c } = clipSettings(); $('clip-card-title').textContent = fill(t('clipCardTitle'), { mode: KERAS_NAMES[mode], c }); }
  card.classList.toggle('nan', Boolean(r?.sawNaN));
  card.classList.toggle('ok', Boolean(r && !r.sawNaN));
  if (!r) { big.textContent = '—'; note.textContent = ''; return; }
  big.textContent = r.sawNaN ? 'NaN' : fmt(r.finalLoss);
  note.textContent = r.sawNaN ? fill(t('nanAt'), { step: r.firstNaN }) : fill(t('finalAt'), { steps: r.steps, first: fmt(r.firstLoss) });
}
const results2 = { plain: null, clip: null };
const clipTask = task({ page, button: $('clip-run'), status: $('clip-status'), busyKey: 'running', async run() {
  showCard('plain', null);
  showCard('clip', null);
  results2.plain = await trainRecall(null);
  showCard('plain', results2.plain);
  results2.clip = await trainRecall(clipSettings());
  showCard('clip', results2.clip);
  clipTask.status.set('clipDone', () => ({ plain: results2.plain.sawNaN ? 'NaN' : fmt(results2.plain.finalLoss), clip: results2.clip.sawNaN ? 'NaN' : fmt(results2.clip.finalLoss) }));
  return results2;
} });
$('clip-run').addEventListener('click', () => { clipTask.start().catch(() => {}); });
function updateClipCode() {
  const { mode, c } = clipSettings();
  $('keras-clip').textContent = `${toKerasCode(clipOptions(), { loss: 'mse', optimizer: optimizers.sgd({ learningRate: LR2, [mode]: c }),
    fit: { epochs: EPOCHS2, batchSize: BATCH2, shuffle: false } })}
# before fit: the recurrent kernel scaled to rho = ${RHO2}
# rnn = model.layers[0]; rnn.cell.recurrent_kernel.assign(${RHO2} * rnn.cell.recurrent_kernel)
# Without ${KERAS_NAMES[mode]}=... the loss becomes NaN within a few steps.`;
  if (!results2.clip) showCard('clip', null);
  saveHash();
}
$('clip-mode').addEventListener('change', updateClipCode);
$('clip-threshold').addEventListener('input', updateClipCode);

// ---- part 3: gates keep the gradient alive ---------------------------------------------
const CELLS = { SimpleRNN: layers.simpleRNN, LSTM: layers.lstm, GRU: layers.gru };
const COLORS = { SimpleRNN: '#b3261e', LSTM: PALETTE[0], GRU: PALETTE[2] };
const N3 = 512, BATCH3 = 32, EPOCHS3 = 30;
const gatesOptions = (cell, T) => ({ seed: 1, layers: [CELLS[cell]({ units: UNITS, inputShape: [T, 2] }), layers.dense({ units: 1 })] });
const names = Object.keys(CELLS);
const gatesLoss = lineChart($('gates-loss-chart'), { xLabel: t('epochAxis'), yLabel: t('lossAxis'), yLog: true, height: 240,
  series: [...names.map((n) => ({ label: n, stroke: COLORS[n] })), { label: '1/6', stroke: '#5b6475', dash: [2, 4], width: 1 }] });
const gatesBptt = lineChart($('gates-bptt-chart'), { xLabel: t('stepAxis'), yLabel: t('ratioAxis'), yLog: true, height: 240,
  series: names.flatMap((n) => [{ label: `${n} ${t('before')}`, stroke: COLORS[n], width: 1, dash: [4, 3] }, { label: `${n} ${t('after')}`, stroke: COLORS[n], width: 3 }]) });
const ratiosOf = (stats) => { const n = stats[0].stepGradientNorms; return n.map((v) => v / n[n.length - 1]); };

async function trainCell(cell, T, data, curves) {
  const remote = await workerSequential(gatesOptions(cell, T));
  try {
    await remote.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    const probe = [data.x.slice(0, BATCH3 * T * 2), data.y.slice(0, BATCH3)];
    await remote.computeGradients(...probe);
    const before = ratiosOf(await remote.gradientStats());
    const forgetBefore = cell === 'LSTM' ? meanForgetGate(await remote.getWeights(), data.x, 8, T, 2) : null;
    curves.loss[cell] = [];
    await remote.fit(data.x, data.y, { epochs: EPOCHS3, batchSize: BATCH3, verbose: 0,
      onEpochEnd(epoch, logs) { curves.loss[cell].push(logs.loss); curves.draw(); gatesTask.status.set('gatesEpoch', { cell, epoch: epoch + 1, total: EPOCHS3 }); } });
    await remote.computeGradients(...probe);
    const after = ratiosOf(await remote.gradientStats());
    const forgetAfter = cell === 'LSTM' ? meanForgetGate(await remote.getWeights(), data.x, 8, T, 2) : null;
    return { before, after, finalLoss: curves.loss[cell].at(-1), reach: after[0], forgetBefore, forgetAfter };
  } finally {
    await remote.dispose();
  }
}

let gatesResult = null;
const gatesTask = task({ page, button: $('gates-run'), status: $('gates-status'), busyKey: 'running', async run(token, T = Number($('gates-steps').value)) {
  const data = addingTask(7, N3, T);
  const epochs = Array.from({ length: EPOCHS3 }, (_, i) => i + 1), steps = Array.from({ length: T }, (_, i) => i + 1);
  const curves = { loss: {}, draw: () => requestAnimationFrame(() => gatesLoss.setData([epochs,
    ...names.map((n) => epochs.map((_, i) => curves.loss[n]?.[i] ?? null)), epochs.map(() => 1 / 6)])) };
  const out = {};
  for (const n of names) { $(`loss-${n}`).textContent = '—'; $(`reach-${n}`).textContent = '—'; }
  $('forget-note').textContent = '';
  for (const cell of names) {
    out[cell] = await trainCell(cell, T, data, curves);
    if (!token.live) return null;
    $(`loss-${cell}`).textContent = fmt(out[cell].finalLoss);
    $(`reach-${cell}`).textContent = fill(t('reachCell'), { after: out[cell].after[0].toExponential(1), before: out[cell].before[0].toExponential(1) });
    gatesBptt.setData([steps, ...names.flatMap((n) => (out[n] ? [out[n].before, out[n].after] : [steps.map(() => null), steps.map(() => null)]))]);
  }
  const l = out.LSTM;
  $('forget-note').textContent = fill(t('forgetNote'), { before: l.forgetBefore.toFixed(2), after: l.forgetAfter.toFixed(2) });
  gatesTask.status.set('gatesDone', { T });
  gatesResult = { T, ...out };
  return gatesResult;
} });
$('gates-run').addEventListener('click', () => { gatesTask.start().catch(() => {}); });
function updateGatesCode() {
  const T = Number($('gates-steps').value);
  $('gates-steps-value').textContent = String(T);
  $('keras-gates').textContent = names.map((n) => `# ${n}\n${toKerasCode(gatesOptions(n, T), { loss: 'mse', optimizer: optimizers.adam({ learningRate: 0.01 }),
    fit: { epochs: EPOCHS3, batchSize: BATCH3 } })}`).join('\n\n');
  saveHash();
}
$('gates-steps').addEventListener('input', updateGatesCode);

page.onLanguageChange(() => {
  sameChart.setLabels({ xLabel: t('stepAxis'), yLabel: t('ratioAxis'), series: [t('seriesMeasured'), t('seriesLaw')] });
  clipLoss.setLabels({ xLabel: t('stepAxis'), yLabel: t('lossAxis'), series: [t('seriesPlain'), t('seriesClip')] });
  clipNorm.setLabels({ xLabel: t('stepAxis'), yLabel: t('normAxis'), series: [t('seriesPlain'), t('seriesBefore'), t('seriesAfter')] });
  gatesLoss.setLabels({ xLabel: t('epochAxis'), yLabel: t('lossAxis') });
  gatesBptt.setLabels({ xLabel: t('stepAxis'), yLabel: t('ratioAxis'), series: names.flatMap((n) => [`${n} ${t('before')}`, `${n} ${t('after')}`]) });
  showCard('plain', results2.plain);
  showCard('clip', results2.clip);
  if (lastSame) $('same-status').textContent = fill(t('sameStatus'), { first: fmt(lastSame.ratios[0]), law: fmt(lastSame.rho ** (lastSame.T - 1)), sigma: fmt(lastSame.spectralNorm) });
});

await init();
updateClipCode();
updateGatesCode();
await updateSame();
await nextFrame();
window.__chapter = {
  ready: true,
  bptt,
  runClip: () => clipTask.start(),
  runGates: (T) => gatesTask.start(T),
};
