// adam.mjs — chapter 1's two sections after the race: Adam's bias correction (the factors
// over the steps, and a table of the race's Adam run: the moments read from the optimizer,
// corrected, and the steps with and without the correction) and Nadam's look-ahead (Adam
// and Nadam on a gradient that turns round). update(settings, runs) redraws both.
import { $, fill } from '../lib/dom.mjs';
import { lineChart, PALETTE } from '../lib/line.mjs';
import { adamSteps, correctionFactors, turningPoint } from './moments.mjs';

const num = (v) => {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(3).replace('e+', 'e') : String(+v.toPrecision(4));
};
const COLUMNS = ['t', 'g', 'm', 's', 'mHat', 'sHat', 'taken', 'uncorrected'];

export function adamSections(page) {
  const t = page.t;
  const factorLabels = () => ({ xLabel: t('tAxis'), yLabel: t('factorAxis'), series: [t('factorM'), t('factorS'), t('factorLr')] });
  const factorChart = lineChart($('factor-chart'), { ...factorLabels(), xLog: true, yLog: true, height: 230,
    series: [{ label: t('factorM'), stroke: PALETTE[0] }, { label: t('factorS'), stroke: PALETTE[1] },
      { label: t('factorLr'), stroke: PALETTE[2], dash: [6, 4] }] });
  const turnLabels = () => ({ xLabel: t('tAxis'), yLabel: t('updateAxis'), series: ['Adam', 'Nadam'] });
  const turnChart = lineChart($('turn-chart'), { ...turnLabels(), height: 230,
    series: [{ label: 'Adam', stroke: PALETTE[5] }, { label: 'Nadam', stroke: PALETTE[6], dash: [6, 3] }] });
  const body = $('adam-rows');
  let last = null;

  function drawTable(rows) {
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      for (const key of COLUMNS) {
        const cell = document.createElement(key === 't' ? 'th' : 'td');
        if (key === 't') cell.scope = 'row';
        cell.textContent = key === 't' ? String(r.t) : num(r[key]);
        tr.append(cell);
      }
      return tr;
    }));
  }

  function describe() {
    if (!last) return;
    const { rows, turn, settings } = last;
    const first = rows[0];
    $('adam-status').textContent = first ? fill(t('adamSummary'), { b1: settings.beta1, b2: settings.beta2,
      ratio: num(first.uncorrected / first.taken), m: num(1 / (1 - settings.beta1)), s: num(1 / (1 - settings.beta2)) }) : '';
    $('turn-status').textContent = fill(t(turn.adamTurn === turn.nadamTurn ? 'turnSame' : 'turnSummary'),
      { flip: turn.flip, adam: turn.adamTurn ?? '—', nadam: turn.nadamTurn ?? '—', b1: settings.beta1 });
  }

  page.onLanguageChange(() => {
    factorChart.setLabels(factorLabels());
    turnChart.setLabels(turnLabels());
    describe();
  });

  return {
    /** Redraw for the sliders' settings and the race's runs (runs.adam has the slots). */
    update(settings, runs) {
      const factors = correctionFactors(settings.beta1, settings.beta2);
      factorChart.setData([factors.t, factors.m, factors.s, factors.lr]);
      const rows = adamSteps(runs.adam, settings);
      drawTable(rows);
      const turn = turningPoint(settings);
      turnChart.setData([turn.t, turn.adam, turn.nadam]);
      last = { factors, rows, turn, settings: { ...settings } };
      describe();
    },
    /** What the sections show, for the tests. */
    get state() { return last; },
  };
}
