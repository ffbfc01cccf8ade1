// main.mjs — chapter 1, Optimizers: seven optimizers race down four 2-D surfaces. Every
// path is computed by simdtrain's own optimizers (optimizers.<name>().step on a 2-element
// Float32Array) from the analytic gradient of the surface; the page only draws them.
// The whole run is computed at once (a few thousand tiny steps, a few milliseconds) when
// the start point or a slider changes; Play then reveals it step by step.
import { init } from '../../lib/simdtrain/index.mjs';
import { contourPlot } from '../lib/contour.mjs';
import { $, fill, nextFrame, svgElement } from '../lib/dom.mjs';
import { experiment } from '../lib/experiment.mjs';
import { lineChart, PALETTE } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { optimizerDefaults } from '../lib/engine.mjs';
import { adamSections } from './adam.mjs';
import { DASH, OPTIMIZERS, accumulators, distance, kerasSnippet, run } from './race.mjs';
import { setupSliders } from './sliders.mjs';
import { SURFACES } from './surfaces.mjs';
import { STRINGS } from './strings.mjs';

const page = setupPage('optimizers', STRINGS);
const t = page.t;

// ---- state -------------------------------------------------------------------------------
const state = {
  surface: 'valley', start: [...SURFACES.valley.start], settings: null, runs: {}, k: 0,
  shown: new Set(OPTIMIZERS.map((o) => o.id)),
};
const svg = $('plot');
const paths = $('paths');
let plot = null, startMarker = null;

// ---- sliders (sliders.mjs); every move recomputes the runs ---------------------------------
const ADAPTIVE = { rho: optimizerDefaults('rmsprop').rho, beta1: optimizerDefaults('adam').beta1, beta2: optimizerDefaults('adam').beta2 };
const sliders = setupSliders(state.settings = {}, () => recompute());
const sections = adamSections(page);

// ---- legend with toggles and each optimizer's Keras code ---------------------------------
const legend = $('legend');
for (const o of OPTIMIZERS) {
  const li = document.createElement('li');
  li.innerHTML = `<label><input type="checkbox" checked data-opt="${o.id}"><svg class="swatch" width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="${o.color}" stroke-width="3" ${DASH[o.id] ? `stroke-dasharray="${DASH[o.id]}"` : ''}/></svg><span class="name">${o.name}</span></label> <span class="result" data-result="${o.id}"></span><code data-code="${o.id}"></code>`;
  li.querySelector('input').addEventListener('change', (e) => {
    if (e.target.checked) state.shown.add(o.id); else state.shown.delete(o.id);
    draw();
  });
  legend.append(li);
}
function labelToggles() {
  for (const o of OPTIMIZERS) legend.querySelector(`[data-opt="${o.id}"]`).setAttribute('aria-label', fill(t('toggle'), { name: o.name }));
}

// ---- the plot ----------------------------------------------------------------------------
function buildPlot() {
  const s = SURFACES[state.surface];
  plot = contourPlot(svg, { f: s.f, x: s.x, y: s.y, width: 600, height: 400, resolution: 150, levels: 22, log: s.log });
  for (const [mx, my] of s.minima) {
    const cross = svgElement('g', { class: 'minimum', transform: `translate(${plot.x(mx)},${plot.y(my)})` });
    cross.append(svgElement('path', { d: 'M-6,-6L6,6M-6,6L6,-6', stroke: 'white', 'stroke-width': 5 }),
      svgElement('path', { d: 'M-6,-6L6,6M-6,6L6,-6', stroke: '#1d2330', 'stroke-width': 2.2 }));
    plot.overlay.append(cross);
  }
  // The paths are drawn on a canvas laid over the svg: repainting seven long SVG polylines
  // every animation frame is slow in software rendering, a canvas redraw is cheap.
  const ratio = Math.min(2, Math.max(1, Math.round(devicePixelRatio || 1)));
  paths.width = 600 * ratio;
  paths.height = 400 * ratio;
  const hadFocus = document.activeElement === startMarker;
  startMarker = svgElement('g', { class: 'start', tabindex: '0', role: 'button' });
  startMarker.append(svgElement('circle', { class: 'ring', r: 13 }), svgElement('circle', { r: 8, fill: 'white', stroke: '#1d2330', 'stroke-width': 2.5 }));
  startMarker.addEventListener('keydown', onMarkerKey);
  plot.overlay.append(startMarker);
  if (hadFocus) startMarker.focus();
}

function onMarkerKey(e) {
  const s = SURFACES[state.surface];
  const factor = e.shiftKey ? 0.1 : 0.02;
  const dx = (s.x[1] - s.x[0]) * factor, dy = (s.y[1] - s.y[0]) * factor;
  const move = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] }[e.key];
  if (!move) return;
  e.preventDefault();
  setStart([state.start[0] + move[0], state.start[1] + move[1]]);
}

svg.addEventListener('click', (e) => {
  const p = plot.toData(e);
  if (plot.inside(p)) setStart(p);
});

function setStart([x, y]) {
  const s = SURFACES[state.surface];
  const clamp = (v, [lo, hi]) => Math.min(hi, Math.max(lo, v));
  // Round to a tidy number of digits so the Keras snippet and the status read well.
  const digits = (span) => Math.max(0, 2 - Math.floor(Math.log10(span)));
  state.start = [+clamp(x, s.x).toFixed(digits(s.x[1] - s.x[0])), +clamp(y, s.y).toFixed(digits(s.y[1] - s.y[0]) + 1)];
  recompute();
}

// ---- computing and drawing ---------------------------------------------------------------
function recompute({ keepStep = false } = {}) {
  const s = SURFACES[state.surface];
  state.runs = {};
  for (const o of OPTIMIZERS) state.runs[o.id] = run(o, s, state.start, state.settings, s.steps);
  if (!keepStep) state.k = s.steps;
  for (const o of OPTIMIZERS) legend.querySelector(`[data-code="${o.id}"]`).textContent = o.keras(state.settings);
  describe();
  draw();
  sections.update(state.settings, state.runs);
}

function positionAt(id, k) {
  const r = state.runs[id];
  return r.points[Math.min(k, r.points.length - 1)];
}

let chartsDrawn = 0;
function draw() {
  const s = SURFACES[state.surface];
  const k = state.k;
  const ctx = paths.getContext('2d');
  ctx.setTransform(paths.width / 600, 0, 0, paths.height / 400, 0, 0);
  ctx.clearRect(0, 0, 600, 400);
  const clampX = (v) => Math.max(-1e4, Math.min(1e4, plot.x(v))), clampY = (v) => Math.max(-1e4, Math.min(1e4, plot.y(v)));
  for (const o of OPTIMIZERS) {
    const r = state.runs[o.id];
    const visible = r.points.slice(0, k + 1);
    if (state.shown.has(o.id)) {
      ctx.beginPath();
      visible.forEach(([x, y], i) => (i ? ctx.lineTo(clampX(x), clampY(y)) : ctx.moveTo(clampX(x), clampY(y))));
      ctx.strokeStyle = o.color;
      ctx.lineWidth = 2.6;
      ctx.lineJoin = 'round';
      ctx.setLineDash(DASH[o.id] ? DASH[o.id].split(' ').map(Number) : []);
      ctx.stroke();
      ctx.setLineDash([]);
      const [hx, hy] = visible[visible.length - 1];
      ctx.beginPath();
      ctx.arc(Math.max(-20, Math.min(620, plot.x(hx))), Math.max(-20, Math.min(420, plot.y(hy))), 5, 0, 2 * Math.PI);
      ctx.fillStyle = o.color;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = 'white';
      ctx.stroke();
    }
    const cell = legend.querySelector(`[data-result="${o.id}"]`);
    const diverged = r.diverged && k >= r.points.length - 1;
    cell.textContent = diverged ? t('diverged') : fill(t('distance'), { d: distance(s, positionAt(o.id, k)).toPrecision(2) });
    cell.classList.toggle('bad', diverged);
  }
  paths.dataset.drawn = OPTIMIZERS.filter((o) => state.shown.has(o.id)).map((o) => `${o.id}:${Math.min(k + 1, state.runs[o.id].points.length)}`).join(' ');
  startMarker.setAttribute('transform', `translate(${plot.x(state.start[0])},${plot.y(state.start[1])})`);
  startMarker.setAttribute('aria-label', fill(t('startLabel'), { x: state.start[0], y: state.start[1] }));
  $('step-count').textContent = fill(t('stepCount'), { k, n: s.steps });
  // While playing, the charts follow at most four times a second (they are the costly part).
  const now = performance.now();
  if (!ex.playing || k >= s.steps || now - chartsDrawn > 250) {
    chartsDrawn = now;
    drawAccumulators();
  }
}

function describe() {
  const s = SURFACES[state.surface];
  const ranked = OPTIMIZERS.filter((o) => !state.runs[o.id].diverged)
    .map((o) => [o.name, distance(s, positionAt(o.id, s.steps))]).sort((a, b) => a[1] - b[1]);
  const best = ranked.slice(0, 3).map(([n, d]) => `${n} (${d.toPrecision(2)})`).join(', ');
  $('status').textContent = fill(t('statusStart'), { x: state.start[0], y: state.start[1],
    summary: fill(t('statusSummary'), { n: s.steps, best }) });
  $('surface-about').textContent = t(`about_${state.surface}`);
  $('keras-code').textContent = kerasSnippet(SURFACES[state.surface], state.settings, state.start);
}

// ---- AdaGrad's and RMSProp's accumulators, read from their slots (race.mjs) ------------
const accChart = lineChart($('acc-chart'), { xLabel: t('stepAxis'), yLabel: t('accAxis'), yLog: true, height: 220,
  series: [{ label: t('adagradAcc'), stroke: PALETTE[3] }, { label: t('rmspropAcc'), stroke: PALETTE[4] }] });
const effChart = lineChart($('eff-chart'), { xLabel: t('stepAxis'), yLabel: t('effAxis'), yLog: true, height: 220,
  series: [{ label: t('adagradAcc').split(':')[0], stroke: PALETTE[3] }, { label: t('rmspropAcc').split(':')[0], stroke: PALETTE[4] }] });

let accCache = null, accKey = null;
function drawAccumulators() {
  if (accKey !== state.runs) { accCache = accumulators(SURFACES[state.surface], state.runs, state.settings.lrAdaptive); accKey = state.runs; }
  const k = Math.max(1, state.k);
  const cut = (a) => a.map((v, i) => (i < k ? v : null));
  accChart.setData([accCache.steps, cut(accCache.adaAcc), cut(accCache.rmsAcc)]);
  effChart.setData([accCache.steps, cut(accCache.adaEff), cut(accCache.rmsEff)]);
}

// ---- surface choice, buttons, animation --------------------------------------------------
function selectSurface(name) {
  const s = SURFACES[name];
  state.surface = name;
  state.start = [...s.start];
  sliders.set({ lrPlain: s.lrPlain, lrAdaptive: s.lrAdaptive, momentum: s.momentum, ...ADAPTIVE });
  for (const r of document.querySelectorAll('input[name=surface]')) r.checked = r.value === name;
  pause();
  buildPlot();
  recompute();
}
for (const r of document.querySelectorAll('input[name=surface]')) {
  r.addEventListener('change', () => { if (r.checked) selectSurface(r.value); });
}

// Play reveals the precomputed run a few steps per frame (about four seconds per run), Step
// one step; both start again from the top once the run has been shown to its end.
const steps = () => SURFACES[state.surface].steps;
const ex = experiment({
  page, play: $('play'), step: $('step'), reset: $('reset'),
  breather: nextFrame,
  build() {
    state.k = 0;
    if (plot) draw();
  },
  advance(token, playing) {
    state.k = Math.min(steps(), state.k + (playing ? Math.max(1, Math.round(steps() / 240)) : 1));
    draw();
    return state.k < steps();
  },
  rewind() {
    if (state.k < steps()) return false;
    state.k = 0;
    return true;
  },
});
const pause = () => ex.pause();

page.onLanguageChange(() => {
  accChart.setLabels({ xLabel: t('stepAxis'), yLabel: t('accAxis'), series: [t('adagradAcc'), t('rmspropAcc')] });
  effChart.setLabels({ xLabel: t('stepAxis'), yLabel: t('effAxis'), series: [t('adagradAcc').split(/[:：]/)[0], t('rmspropAcc').split(/[:：]/)[0]] });
  labelToggles();
  describe();
  draw();
});

await init();
labelToggles();
await ex.reset();
selectSurface('valley');

// For the browser tests: run every optimizer on a surface with its default settings.
window.__chapter = {
  ready: true,
  surfaces: Object.keys(SURFACES),
  runAll(steps, surfaceName = state.surface, start) {
    const s = SURFACES[surfaceName];
    const from = start ?? s.start;
    const settings = surfaceName === state.surface ? state.settings : { lrPlain: s.lrPlain, lrAdaptive: s.lrAdaptive, momentum: s.momentum, ...ADAPTIVE };
    const out = {};
    for (const o of OPTIMIZERS) {
      const r = run(o, s, from, settings, steps ?? s.steps);
      const end = r.points[r.points.length - 1];
      out[o.id] = { start: [...from], end, minimum: s.minima, distanceStart: distance(s, from), distanceEnd: distance(s, end),
        diverged: r.diverged, steps: r.grads.length };
    }
    return out;
  },
  selectSurface,
  /** The Adam and Nadam sections as drawn: { factors, rows, turn, settings }. */
  get moments() { return sections.state; },
  /** The accumulator curves as drawn (read from AdaGrad's and RMSprop's slots) and the gradients fed. */
  accumulators() {
    return { ...accumulators(SURFACES[state.surface], state.runs, state.settings.lrAdaptive),
      grads: { adagrad: state.runs.adagrad.grads, rmsprop: state.runs.rmsprop.grads }, settings: { ...state.settings } };
  },
  play: () => ex.play(),
  get playing() { return ex.playing; },
};
