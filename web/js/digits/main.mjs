// main.mjs — "Real data: digits": an MLP (Dense 300 → 100 → 10) and a small CNN train side by
// side in two Workers (workerSequential) on the same MNIST digits with the optimizer the reader
// picks; after every chunk of steps each is tested on the 2,000 held-out digits (live accuracy
// chart, confusion matrix, misclassified digits), the CNN's first-layer filters are drawn, and
// a drawing pad feeds both trained networks. The digits come from data/digits.bin
// (scripts/digits.mjs), read by lib/digits_data.mjs.
// window.__chapter = { ready, train(epochs, trainCount) → { mlp, cnn, steps }, predictDrawing() } for tests.
import { layers, losses, toKerasCode } from '../../lib/simdtrain/index.mjs';
import { workerSequential } from '../../lib/simdtrain/worker.mjs';
import { parseDigits, split } from '../lib/digits_data.mjs';
import { confusionTable, drawingPad, imageCanvas, padToDigit } from '../lib/digits_view.mjs';
import { $, element, fill } from '../lib/dom.mjs';
import { OPTIMIZER_CHOICES, OPTIMIZERS, makeOptimizer, optimizerDefaults } from '../lib/engine.mjs';
import { PALETTE, lineChart } from '../lib/line.mjs';
import { setupPage } from '../lib/page.mjs';
import { STRINGS } from './strings.mjs';

const page = setupPage('digits', STRINGS);
const t = page.t;
const TRAIN = 8000, TEST = 2000, CHUNK = 2000, BATCH = 32, MISSED = 24;
const KINDS = ['mlp', 'cnn'];

const specs = {
  mlp: () => [layers.flatten({ inputShape: [28, 28, 1] }), layers.dense({ units: 300, activation: 'relu' }),
    layers.dense({ units: 100, activation: 'relu' }), layers.dense({ units: 10, activation: 'softmax' })],
  cnn: () => [layers.conv2d({ filters: 8, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
    layers.maxPooling2d(), layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }), layers.maxPooling2d(),
    layers.flatten(), layers.dense({ units: 10, activation: 'softmax' })],
};

let data = null; // { train, test }
const models = { mlp: null, cnn: null };
const results = { mlp: null, cnn: null }; // last test: { accuracy, predicted: Int32Array }
const history = { steps: [], mlp: [], cnn: [] };
let running = false;

const chart = lineChart($('accuracy-chart'), { xLabel: t('steps'), yLabel: t('accuracy'), yRange: [0, 1], height: 240,
  series: [{ label: t('mlp'), stroke: PALETTE[0] }, { label: t('cnn'), stroke: PALETTE[1], dash: [6, 4] }] });
page.onLanguageChange(() => {
  chart.setLabels({ xLabel: t('steps'), yLabel: t('accuracy'), series: [t('mlp'), t('cnn')] });
  renderErrors();
  renderFilters();
  predictDrawing();
});

for (const name of OPTIMIZERS) $('optimizer').append(element('option', { value: name }, [name]));
$('optimizer').value = 'adam';
const status = (text) => { $('status').textContent = text; };

async function loadData() {
  status(t('loading'));
  const response = await fetch('data/digits.bin');
  if (!response.ok) throw new Error(`data/digits.bin: HTTP ${response.status}`);
  data = split(parseDigits(new Uint8Array(await response.arrayBuffer())), { train: TRAIN, test: TEST });
  status(t('ready'));
}

async function makeModel(kind, optimizerName) {
  const model = await workerSequential({ seed: 1, layers: specs[kind]() });
  const { learningRate } = optimizerDefaults(OPTIMIZER_CHOICES[optimizerName].kind); // Keras's default rate
  await model.compile({ optimizer: makeOptimizer({ optimizer: { name: optimizerName, learningRate } }),
    loss: losses.sparseCategoricalCrossentropy(), metrics: ['accuracy'] });
  return model;
}

/** Accuracy and predicted classes of `kind` on the held-out digits. */
async function test(kind) {
  const probabilities = await models[kind].predict(data.test.x);
  const predicted = new Int32Array(TEST);
  let right = 0;
  for (let i = 0; i < TEST; i++) {
    let best = 0;
    for (let c = 1; c < 10; c++) if (probabilities[i * 10 + c] > probabilities[i * 10 + best]) best = c;
    predicted[i] = best;
    right += best === data.test.y[i];
  }
  return { accuracy: right / TEST, predicted };
}

/** Train both networks for `epochs` over the first `trainCount` digits, testing every CHUNK digits. */
async function train(epochs, trainCount = TRAIN) {
  if (running) return null;
  running = true;
  $('train').disabled = true;
  try {
    if (!data) await loadData();
    const optimizerName = $('optimizer').value;
    for (const kind of KINDS) await models[kind]?.dispose();
    for (const kind of KINDS) models[kind] = await makeModel(kind, optimizerName);
    history.steps = [0]; history.mlp = [0.1]; history.cnn = [0.1];
    let steps = 0;
    for (let e = 0; e < epochs; e++) {
      for (let start = 0; start < trainCount; start += CHUNK) {
        const end = Math.min(trainCount, start + CHUNK);
        status(fill(t('training'), { epoch: e + 1, epochs, done: start, total: trainCount }));
        // Both workers train at once, one core each; this thread only waits. Each gets its own
        // copy of the chunk, transferred (a posted subarray would clone the whole training set).
        await Promise.all(KINDS.map((kind) => models[kind].fit(data.train.x.slice(start * 784, end * 784),
          Float32Array.from(data.train.y.slice(start, end)), { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0, transfer: true })));
        steps += Math.ceil((end - start) / BATCH);
        for (const kind of KINDS) results[kind] = await test(kind);
        history.steps.push(steps);
        for (const kind of KINDS) history[kind].push(results[kind].accuracy);
        chart.setData([history.steps, history.mlp, history.cnn]);
      }
    }
    status(fill(t('done'), { mlp: (100 * results.mlp.accuracy).toFixed(1), cnn: (100 * results.cnn.accuracy).toFixed(1), steps }));
    renderErrors();
    await renderFilters();
    await predictDrawing();
    return { mlp: results.mlp.accuracy, cnn: results.cnn.accuracy, steps };
  } finally {
    running = false;
    $('train').disabled = false;
  }
}

function renderErrors() {
  const kind = $('which').value, r = results[kind];
  if (!r) return;
  const counts = Array.from({ length: 10 }, () => new Array(10).fill(0));
  const missed = [];
  for (let i = 0; i < TEST; i++) {
    counts[data.test.y[i]][r.predicted[i]]++;
    if (r.predicted[i] !== data.test.y[i] && missed.length < MISSED) missed.push(i);
  }
  $('confusion').replaceChildren(confusionTable(counts, { caption: fill(t('confusionCaption'), { net: t(kind) }),
    trueLabel: t('trueDigit'), predictedLabel: t('predictedDigit') }));
  $('missed').replaceChildren(...missed.map((i) => {
    const label = fill(t('missedLabel'), { truth: data.test.y[i], answer: r.predicted[i] });
    return element('figure', {}, [imageCanvas(data.test.x.subarray(i * 784, (i + 1) * 784), 28, 28, { scale: 2, label }),
      element('figcaption', {}, [`${data.test.y[i]} → ${r.predicted[i]}`])]);
  }));
}
$('which').addEventListener('change', renderErrors);

async function renderFilters() {
  if (!models.cnn) return;
  const kernel = (await models.cnn.getWeights())[0]; // [5, 5, 1, filters]
  const filters = kernel.shape[3];
  let max = 0;
  for (const v of kernel.values) max = Math.max(max, Math.abs(v));
  $('filters').replaceChildren(...Array.from({ length: filters }, (_, f) => {
    const values = Float32Array.from({ length: 25 }, (_, p) => 0.5 + (0.5 * kernel.values[p * filters + f]) / max);
    return element('figure', {}, [imageCanvas(values, 5, 5, { scale: 12, label: fill(t('filterLabel'), { n: f + 1 }) }),
      element('figcaption', {}, [fill(t('filterN'), { n: f + 1 })])]);
  }));
}

const pad = drawingPad($('pad'), () => predictDrawing());
$('clear').addEventListener('click', () => { pad.clear(); predictDrawing(); });

/** Both networks' probabilities for the drawing, shown as bars; resolves with them (or null). */
async function predictDrawing() {
  const digit = padToDigit($('pad'));
  if (!digit || !models.mlp) {
    $('probabilities').replaceChildren(element('p', { class: 'note' }, [t(models.mlp ? 'drawSomething' : 'trainFirst')]));
    return null;
  }
  const out = {};
  for (const kind of KINDS) out[kind] = Array.from(await models[kind].predict(digit));
  const rows = Array.from({ length: 10 }, (_, c) => element('tr', {}, [element('th', { scope: 'row' }, [String(c)]),
    ...KINDS.map((kind) => element('td', {}, [element('meter', { min: '0', max: '1', value: String(out[kind][c]),
      'aria-label': `${t(kind)} ${c}` }), ` ${(100 * out[kind][c]).toFixed(1)}%`]))]));
  $('probabilities').replaceChildren(element('table', { class: 'probabilities' }, [
    element('thead', {}, [element('tr', {}, [element('th', { scope: 'col' }, [t('digit')]), ...KINDS.map((k) => element('th', { scope: 'col' }, [t(k)]))])]),
    element('tbody', {}, rows)]));
  return out;
}

$('train').addEventListener('click', () => train(Number($('epochs').value)).catch((e) => status(e.message)));
$('keras').addEventListener('click', () => {
  const code = $('keras-code');
  code.textContent = KINDS.filter((k) => models[k]).map((k) => `# ${t(k)}\n${toKerasCode(models[k])}`).join('\n')
    || toKerasCode({ layers: specs.cnn() });
  code.hidden = !code.hidden;
});
predictDrawing();

window.__chapter = {
  ready: false,
  train: (epochs, trainCount) => train(epochs, trainCount),
  predictDrawing,
};
loadData().then(() => { window.__chapter.ready = true; }, (e) => status(e.message));
