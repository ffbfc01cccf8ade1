// line.mjs — a small wrapper around uPlot for the site's line charts: the chart fills its
// container's width (and follows it on resize), non-finite values are drawn as gaps (so a
// run that goes to NaN simply stops), an optional log y axis, and labels that can be
// re-set when the language changes. uPlot is served at vendor/uplot/ (its style sheet is in
// every page's shared head).
//
//   import { lineChart, PALETTE } from '../lib/line.mjs';
//   const chart = lineChart(document.getElementById('loss'), {
//     xLabel: 'step', yLabel: 'loss', yLog: true, height: 220,
//     series: [{ label: 'SGD', stroke: PALETTE[0] }, { label: 'Adam', stroke: PALETTE[1], dash: [6, 4] }] });
//   chart.setData([steps, sgdLosses, adamLosses]);   // arrays of equal length
//   chart.setLabels({ xLabel, yLabel, series: ['SGD', 'Adam'] });  // e.g. on language change
import uPlot from '../../vendor/uplot/uPlot.esm.js';

/** Colour-blind-safe series colours (Okabe–Ito, with a darker yellow for contrast on white). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#B8860B', '#000000', '#E69F00'];

/** Replace NaN / ±Infinity (and, on log axes, values <= 0) by null, which uPlot draws as a gap. */
export function clean(values, positiveOnly = false) {
  return Array.from(values, (v) => (v == null || !Number.isFinite(v) || (positiveOnly && v <= 0) ? null : v));
}

/**
 * A line chart in `container` (an element; the chart replaces its content).
 * options: { series: [{ label, stroke, dash?, width? }], xLabel, yLabel, yLog?, xLog?, height?, yRange?: [min, max], xRange? }.
 * Returns { setData([x, ...ys]), setLabels({ xLabel?, yLabel?, series? }), plot, destroy() }.
 */
export function lineChart(container, options) {
  const { series, xLabel = '', yLabel = '', yLog = false, xLog = false, height = 220, yRange = null, xRange = null } = options;
  container.replaceChildren();
  container.classList.add('chart');
  const width = () => Math.max(200, Math.floor(container.clientWidth || 320));
  const opts = {
    width: width(),
    height,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, ...(xLog ? { distr: 3, log: 10 } : {}), ...(xRange ? { range: xRange } : {}) }, y: yLog ? { distr: 3, log: 10 } : (yRange ? { range: yRange } : {}) },
    axes: [
      { label: xLabel, stroke: '#5b6475', grid: { stroke: '#eceff4' }, ticks: { stroke: '#dde1e8' },
        ...(xLog ? { splits: logSplits, filter: (u, splits) => splits, values: (u, splits) => splits.map((v) => (v == null ? '' : formatTick(v))) } : {}) },
      { label: yLabel, stroke: '#5b6475', grid: { stroke: '#eceff4' }, ticks: { stroke: '#dde1e8' }, size: 60,
        ...(yLog ? { splits: logSplits, filter: (u, splits) => splits } : {}),
        values: (u, splits) => splits.map((v) => (v == null ? '' : formatTick(v))) },
    ],
    series: [{ label: xLabel }, ...series.map((s) => ({
      label: s.label, stroke: s.stroke, width: s.width ?? 2, dash: s.dash, spanGaps: false, points: { show: false },
      value: (u, v) => (v == null ? '—' : formatTick(v)),
    }))],
  };
  let data = [[], ...series.map(() => [])];
  const plot = new uPlot(opts, data, container);
  const observer = typeof ResizeObserver === 'function'
    ? new ResizeObserver(() => { const w = width(); if (w !== plot.width) plot.setSize({ width: w, height }); }) : null;
  observer?.observe(container);
  return {
    plot,
    setData(columns) {
      data = [Array.from(columns[0]), ...columns.slice(1).map((c) => clean(c, yLog))];
      plot.setData(data);
    },
    setLabels({ xLabel: xl, yLabel: yl, series: names } = {}) {
      if (xl !== undefined) plot.axes[0].label = xl;
      if (yl !== undefined) plot.axes[1].label = yl;
      if (names) {
        names.forEach((name, i) => {
          plot.series[i + 1].label = name;
          const cell = plot.root.querySelectorAll('.u-legend .u-series')[i + 1]?.querySelector('.u-label');
          if (cell) cell.textContent = name;
        });
      }
      plot.redraw(false, true);
      plot.setSize({ width: plot.width, height }); // re-lays the axes so new labels show
    },
    destroy() { observer?.disconnect(); plot.destroy(); },
  };
}

// Ticks of a log axis: powers of ten only, at most about six of them (uPlot's default puts
// a grid line at every 2…9 × 10^k, which turns wide ranges into a grey block).
function logSplits(u, axisIndex, min, max) {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.floor(Math.log10(min) + 1e-9), hi = Math.ceil(Math.log10(max) - 1e-9);
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const out = [];
  for (let e = Math.ceil(lo / step) * step; e <= hi; e += step) {
    const v = 10 ** e;
    if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
  }
  return out;
}

/** Short tick labels: 0.001 → 1e-3, 12500 → 12.5k, 0.25 → 0.25. */
export function formatTick(v) {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e5 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(+v.toPrecision(3));
}
