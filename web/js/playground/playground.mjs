// playground.mjs — the playground page: every control of state.mjs, the URL hash kept in
// step with them, and a network (engine.mjs, in a Worker) trained epoch by epoch while
// playing, with the decision boundary, train/test loss and per-layer gradient norms.
import { PALETTE, lineChart } from '../charts/line.mjs';
import { grid, makeDataset } from '../datasets.mjs';
import { losses, toKerasCode } from '../../lib/simdtrain/index.mjs';
import { setupPage } from '../site.mjs';
import { Network, makeLayers, makeOptimizer } from './engine.mjs';
import { heatmap } from './heatmap.mjs';
import { Series, throttledFrame } from './series.mjs';
import { DEFAULTS, HYPERPARAMETERS, fromHash, hyperparametersOf, normalize, specOf, toHash } from './state.mjs';

const STRINGS = {
  en: {
    title: 'Playground', heading: 'Playground',
    intro: 'Train a small network on a 2-D dataset and change anything: the data, the architecture, the optimizer and its hyperparameters, clipping. Training runs in a Web Worker; the page address holds every setting, so whoever opens the link trains exactly the same network.',
    trainingControls: 'Training controls', copyLink: 'Copy link', linkCopied: 'Link copied.', hideKeras: 'Hide Keras code',
    epoch: 'Epoch', trainLoss: 'Train loss', testLoss: 'Test loss',
    data: 'Data', dataset: 'Dataset', circle: 'Circle', xor: 'XOR', gaussians: 'Two Gaussians', spiral: 'Spiral',
    noise: 'Noise', trainRatio: 'Training data', seed: 'Seed',
    network: 'Network', layers: 'Hidden layers', units: 'Units per layer', activation: 'Activation', initializer: 'Initializer',
    batchNorm: 'Batch normalization after each hidden layer',
    training: 'Training', optimizer: 'Optimizer', learningRate: 'Learning rate', momentum: 'Momentum',
    initialAccumulatorValue: 'Initial accumulator', weightDecay: 'Weight decay', clip: 'Gradient clipping', clipNone: 'none',
    clipThreshold: 'Clipping threshold', batchSize: 'Batch size',
    boundary: 'Decision boundary', boundaryLabel: 'Predicted class over the plane, with the data points',
    class1: 'class 1', class0: 'class 0', testPoint: 'test point', showTest: 'Show test data',
    curves: 'Loss', lossLabel: 'Training and test loss per epoch', gradients: 'Gradient norm per layer (log scale)',
    gradLabel: "Gradient norm of each layer's kernel per step, log scale", step_: 'step', epoch_: 'epoch',
    loss: 'loss', norm: '‖gradient‖', train: 'train', test: 'test', layer: 'layer', output: 'output',
    building: 'Building the network in a worker…', ready: 'Ready. Press Play, or Step for one epoch.',
    playing: 'Training…', paused: 'Paused after epoch {epoch}.',
    nan: 'The loss became NaN (not a number) at epoch {epoch}: the weights overflowed. Lower the learning rate or turn on clipping, then Reset.',
    failed: 'Training failed: {message}',
  },
  zh: {
    title: '游乐场', heading: '游乐场',
    intro: '在二维数据集上训练一个小网络，任何东西都可以改：数据、网络结构、优化器及其超参数、梯度裁剪。训练在 Web Worker 中进行；页面地址里保存了全部设置，任何人打开这个链接都会训练出完全相同的网络。',
    trainingControls: '训练控制', copyLink: '复制链接', linkCopied: '链接已复制。', hideKeras: '隐藏 Keras 代码',
    epoch: '轮次', trainLoss: '训练损失', testLoss: '测试损失',
    data: '数据', dataset: '数据集', circle: '圆形', xor: '异或', gaussians: '两个高斯团', spiral: '螺旋',
    noise: '噪声', trainRatio: '训练数据比例', seed: '随机种子',
    network: '网络', layers: '隐藏层数', units: '每层单元数', activation: '激活函数', initializer: '初始化方法',
    batchNorm: '每个隐藏层后加批量归一化',
    training: '训练', optimizer: '优化器', learningRate: '学习率', momentum: '动量',
    initialAccumulatorValue: '累加器初值', weightDecay: '权重衰减', clip: '梯度裁剪', clipNone: '不裁剪',
    clipThreshold: '裁剪阈值', batchSize: '批大小',
    boundary: '决策边界', boundaryLabel: '平面上各点的预测类别，以及数据点',
    class1: '类别 1', class0: '类别 0', testPoint: '测试点', showTest: '显示测试数据',
    curves: '损失', lossLabel: '每轮的训练损失与测试损失', gradients: '各层梯度范数（对数坐标）',
    gradLabel: '每一步各层权重矩阵的梯度范数，对数坐标', step_: '步', epoch_: '轮',
    loss: '损失', norm: '‖梯度‖', train: '训练', test: '测试', layer: '第', output: '输出层',
    building: '正在 Worker 中构建网络……', ready: '就绪。按“运行”开始，或按“单步”训练一轮。',
    playing: '训练中……', paused: '已在第 {epoch} 轮后暂停。',
    nan: '第 {epoch} 轮时损失变成了 NaN（非数值）：权重溢出了。请降低学习率或开启梯度裁剪，然后重置。',
    failed: '训练出错：{message}',
  },
};

const page = setupPage('playground', STRINGS);
const t = page.t;
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const $ = (id) => document.getElementById(id);
const GRID = 48;
const gridPoints = grid(GRID);

const form = $('controls');
const NUMERIC = ['noise', 'trainRatio', 'seed', 'layers', 'units', 'learningRate', 'batchSize', 'clipValue', ...HYPERPARAMETERS];
const CHOICE = ['dataset', 'activation', 'initializer', 'optimizer', 'clip'];

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
    if (key === 'learningRate' && ![...input.options].some((o) => Number(o.value) === state[key])) {
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
let data = null, net = null, generation = 0, epoch = 0, playing = false, probabilities = null;
let trainLoss = NaN, testLoss = NaN, startTestLoss = NaN, diverged = false, statusKey = 'building';
let queue = Promise.resolve();

function setStatus(key, values = {}) {
  statusKey = key;
  $('status').textContent = fill(t(key), { epoch, ...values });
}

const scheduleDraw = throttledFrame(() => draw(), 200);

function draw() {
  $('epoch').textContent = String(epoch);
  $('train-loss').textContent = Number.isFinite(trainLoss) ? trainLoss.toFixed(3) : '—';
  $('test-loss').textContent = Number.isFinite(testLoss) ? testLoss.toFixed(3) : '—';
  if (data) map.draw(probabilities, data.train, data.test, $('showTest').checked);
  // The charts go in the next frame: each frame then has less to paint and commit.
  requestAnimationFrame(() => {
    lossChart.setData(lossSeries.data());
    gradChart?.setData(gradSeries.data());
  });
}

/** Run fn after everything queued before it (training steps never overlap). */
function enqueue(fn) {
  const run = queue.then(fn);
  queue = run.catch(() => {});
  return run;
}

async function measure(g) {
  const [p, a, b] = await Promise.all([net.probabilities(gridPoints), net.loss(data.train.x, data.train.y),
    net.loss(data.test.x, data.test.y)]);
  if (g !== generation) return false;
  probabilities = p;
  trainLoss = a;
  testLoss = b;
  return true;
}

function reset() {
  const g = ++generation;
  setPlaying(false);
  const old = net;
  net = null;
  old?.dispose();
  return enqueue(async () => {
    if (g !== generation) return;
    state = readControls();
    history.replaceState(null, '', `#${toHash(state)}`);
    data = makeDataset({ name: state.dataset, n: 400, noise: state.noise, seed: state.seed, trainRatio: state.trainRatio });
    epoch = 0;
    diverged = false;
    probabilities = null;
    trainLoss = testLoss = NaN;
    lossSeries.clear();
    makeGradChart(state.layers + 1);
    setStatus('building');
    scheduleDraw();
    const created = await Network.create(specOf(state));
    if (g !== generation) {
      created.dispose();
      return;
    }
    net = created;
    if (!(await measure(g))) return;
    startTestLoss = testLoss;
    lossSeries.push(0, [trainLoss, testLoss]);
    setStatus('ready');
    draw(); // at once: when reset() resolves, the new network's losses are on the page
  }).catch((error) => { if (g === generation) setStatus('failed', { message: error.message }); });
}

function trainEpoch() {
  const g = generation;
  return enqueue(async () => {
    if (g !== generation || !net || diverged) return;
    await net.train(data.train.x, data.train.y, { epochs: 1, batchSize: Math.min(state.batchSize, data.train.n),
      onStep: (record) => {
        if (g !== generation) return;
        gradSeries.push(record.step, record.layers.filter((l) => l.className === 'Dense').map((l) => l.gradientNorm));
      } });
    if (g !== generation) return;
    epoch++;
    if (!(await measure(g))) return;
    lossSeries.push(epoch, [trainLoss, testLoss]);
    if (!Number.isFinite(trainLoss)) {
      diverged = true;
      setPlaying(false);
      setStatus('nan');
    }
    scheduleDraw();
  });
}

async function playLoop() {
  const g = generation;
  while (playing && g === generation && !diverged) {
    try {
      await trainEpoch();
      await new Promise((resolve) => setTimeout(resolve, 12)); // a breather for the page's thread
    } catch (error) {
      if (g === generation) setStatus('failed', { message: error.message });
      setPlaying(false);
    }
  }
}

function setPlaying(on) {
  playing = on;
  $('play').textContent = t(on ? 'pause' : 'play');
  $('play').setAttribute('aria-pressed', String(on));
  if (on) {
    setStatus('playing');
    playLoop();
  } else if (statusKey === 'playing') {
    setStatus('paused');
  }
}

// ---- events -------------------------------------------------------------------------------
form.addEventListener('input', (event) => {
  const s = readControls();
  showOutputs(s);
  showRelevant(s);
  // Sliders reset when released (change); selects, checkboxes and numbers reset at once.
  if (event.target.type !== 'range') reset();
});
form.addEventListener('change', (event) => { if (event.target.type === 'range') reset(); });
form.addEventListener('submit', (event) => event.preventDefault());
$('play').addEventListener('click', () => setPlaying(!playing));
$('step').addEventListener('click', () => {
  setPlaying(false);
  trainEpoch().then(() => { if (!diverged) setStatus('paused'); }, (error) => setStatus('failed', { message: error.message }));
});
$('reset').addEventListener('click', () => reset());
$('showTest').addEventListener('change', scheduleDraw);
$('share').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    $('status').textContent = t('linkCopied');
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
  reset();
});
page.onLanguageChange(() => {
  lossChart.setLabels({ xLabel: t('epoch_'), yLabel: t('loss'), series: [t('train'), t('test')] });
  gradChart?.setLabels({ xLabel: t('step_'), yLabel: t('norm'), series: layerNames(state.layers + 1) });
  $('play').textContent = t(playing ? 'pause' : 'play');
  $('keras').textContent = t($('keras-code').hidden ? 'showKeras' : 'hideKeras');
  setStatus(statusKey);
});

writeControls(state);
await reset();

window.__playground = {
  ready: true,
  state: () => ({ ...readControls() }),
  hash: () => location.hash,
  /** Pause, then train n epochs (n presses of Step); the losses shown afterwards. */
  async trainSteps(n) {
    setPlaying(false);
    for (let i = 0; i < n; i++) await trainEpoch();
    draw();
    return { trainLoss, testLoss, startTestLoss, epoch, shownTestLoss: $('test-loss').textContent };
  },
  play: () => setPlaying(true),
  pause: () => setPlaying(false),
};
