// depth.mjs — chapter 3's long run: per-layer gradient norms of a six-layer network over 60
// epochs, without and with BN, for sigmoid + Glorot and for ReLU + He (lib/engine.mjs, one
// Worker per run, one run at a time). Each run reports, per epoch, the ratio of the first
// hidden layer's kernel-gradient norm to the output layer's (averaged over the epoch).
import { $, fill } from '../lib/dom.mjs';
import { Network } from '../lib/engine.mjs';
import { throttledFrame } from '../lib/experiment.mjs';
import { lineChart } from '../lib/line.mjs';
import { Series } from '../lib/series.mjs';
import { task } from '../lib/task.mjs';
import { interpolateViridis } from '../../vendor/d3-scale-chromatic/d3-scale-chromatic.mjs';

export const RUNS = [
  { id: 'sigmoid', chart: 'depth-sigmoid', activation: 'sigmoid', initializer: 'glorotUniform', learningRate: 0.5, batchNorm: false },
  { id: 'sigmoidBn', chart: 'depth-sigmoid-bn', activation: 'sigmoid', initializer: 'glorotUniform', learningRate: 0.5, batchNorm: true },
  { id: 'relu', chart: 'depth-relu', activation: 'relu', initializer: 'heNormal', learningRate: 1, batchNorm: false },
  { id: 'reluBn', chart: 'depth-relu-bn', activation: 'relu', initializer: 'heNormal', learningRate: 1, batchNorm: true },
];
const HIDDEN = 6, UNITS = 16, FLOOR = 1e-10;

export function depthSection(page, data) {
  const t = page.t;
  const names = () => Array.from({ length: HIDDEN + 1 }, (_, i) => (i === HIDDEN ? t('outputLayer') : fill(t('layerN'), { n: i + 1 })));
  const charts = RUNS.map((r) => lineChart($(r.chart), { xLabel: t('step_'), yLabel: t('gradNorm'), yLog: true, height: 200,
    series: names().map((label, i) => ({ label, width: 1.5,
      stroke: i === HIDDEN ? '#1d2330' : interpolateViridis(0.9 * (1 - i / (HIDDEN - 1))) })) }));
  let results = {};

  const run = task({ page, button: $('depth-run'), status: $('depth-status'), async run(token, epochs = 60) {
    results = {};
    for (const [k, r] of RUNS.entries()) {
      if (!token.live) return null;
      run.status.set('depthTraining', { name: t(`run_${r.id}`) });
      const series = new Series(HIDDEN + 1);
      const redraw = throttledFrame(() => { if (token.live) charts[k].setData(series.data()); });
      const net = await Network.create({ seed: 1, hidden: Array(HIDDEN).fill(UNITS), activation: r.activation, initializer: r.initializer,
        batchNorm: r.batchNorm, bnMomentum: 0.9, optimizer: { name: 'sgd', learningRate: r.learningRate } });
      const ratios = [];
      let epochRatio = [];
      try {
        await net.train(data.train.x, data.train.y, { epochs, batchSize: 32, onStep: (record) => {
          const dense = record.layers.filter((l) => l.className === 'Dense');
          series.push(record.step, dense.map((l) => (l.gradientNorm > 0 ? l.gradientNorm : FLOOR)));
          epochRatio.push(dense[0].gradientNorm / dense[HIDDEN].gradientNorm);
          if (epochRatio.length === 7) { // 200 points, batch 32: 7 steps per epoch
            ratios.push(epochRatio.reduce((a, b) => a + b, 0) / epochRatio.length);
            epochRatio = [];
          }
          redraw();
        } });
      } finally {
        net.dispose();
      }
      results[r.id] = { ratios };
      charts[k].setData(series.data());
    }
    const show = (v) => v.toExponential(1);
    run.status.set('depthDone', () => ({ sigmoid: show(results.sigmoid.ratios.at(-1)), sigmoidBn: show(results.sigmoidBn.ratios.at(-1)),
      relu: show(Math.min(...results.relu.ratios)), reluBn: show(Math.min(...results.reluBn.ratios)) }));
    return results;
  } });

  $('depth-run').addEventListener('click', () => { run.start().catch(() => {}); });
  page.onLanguageChange(() => {
    for (const c of charts) c.setLabels({ xLabel: t('step_'), yLabel: t('gradNorm'), series: names() });
  });
  return { start: (epochs) => run.start(epochs) };
}
