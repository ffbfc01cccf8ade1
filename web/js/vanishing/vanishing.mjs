// vanishing.mjs — chapter 2: a deep network (engine.mjs, in a Worker) on the circle
// dataset; per-layer gradient norms per step (log scale), dead ReLU and saturated
// sigmoid/tanh fractions per layer, and four presets. window.__chapter is the test hook.
import { interpolateViridis } from '../../vendor/d3-scale-chromatic/d3-scale-chromatic.mjs';
import { PALETTE, lineChart } from '../charts/line.mjs';
import { grid, makeDataset } from '../datasets.mjs';
import { Network } from '../playground/engine.mjs';
import { heatmap, layerBars } from '../playground/heatmap.mjs';
import { Series, throttledFrame } from '../playground/series.mjs';
import { setupPage } from '../site.mjs';

const STRINGS = {
  en: {
    title: 'Vanishing and exploding gradients', heading: 'Vanishing and exploding gradients',
    p1: "Backpropagation computes the gradient of the first layer by multiplying, layer after layer, by each layer's weights and by the slope of each activation function. In a deep network that is a long product. If its factors are mostly below one, the gradient shrinks geometrically on its way back and the first layers barely learn: the gradient vanishes. If they are mostly above one, it grows geometrically and a single step can wreck the weights: the gradient explodes.",
    p2: "Below, a network of up to twelve Dense layers learns to separate two rings of points. Every training step, simdtrain measures the norm of each layer's kernel gradient, the fraction of ReLU units that output zero for the whole batch (dead), and the fraction of sigmoid/tanh units whose slope is almost zero for the whole batch (saturated). Start with a preset, then change one thing at a time.",
    presetsLabel: 'Presets', presetVanishing: 'Vanishing: sigmoid + Glorot', presetExploding: 'Exploding: large weights',
    presetDying: 'Dying ReLUs', presetHealthy: 'Healthy: ReLU + He',
    noteVanishing: 'Ten sigmoid layers with Glorot initialisation. Watch the lines fan out: each layer closer to the input gets a gradient several times smaller than the next, and the first layer gets almost nothing. The loss hardly moves.',
    noteExploding: 'ReLU layers with weights drawn from N(0, 1), several times larger than He initialisation. The gradients start in the hundreds; the very first SGD steps throw the weights so far that the units die and training collapses.',
    noteDying: 'ReLU with He initialisation, but a learning rate of 1 and hidden biases of −0.1. The steps are so large that many units are pushed into the negative region for every example; the dead fractions climb and their gradients become exactly zero.',
    noteHealthy: 'ReLU with He initialisation and a moderate learning rate: every layer receives a gradient of similar size, few units die, and the loss falls quickly.',
    noteCustom: 'Your own settings. Press Play to train.',
    network: 'Network', activation: 'Activation', initializer: 'Initializer', large: 'large: N(0, 1)', depth: 'Hidden layers',
    bias: 'Initial hidden bias', training: 'Training (SGD)', learningRate: 'Learning rate', seed: 'Seed',
    gradTitle: "Gradient norm of each layer's kernel (log scale)",
    gradLabel: 'Gradient norm per layer over training steps, log scale',
    ratioLabel: 'First hidden layer ÷ output layer, latest step:',
    deadTitle: 'Dead ReLU units per layer', satTitle: 'Saturated sigmoid/tanh units per layer',
    lossTitle: 'Training loss per step', lossLabel: 'Training loss per step',
    boundaryTitle: 'What the network predicts', boundaryLabel: 'Predicted class over the plane, with the training points',
    whyTitle: 'Why it happens',
    why1: "The sigmoid's slope is at most 0.25. Glorot initialisation keeps the size of the signal about constant from layer to layer, but each sigmoid layer still multiplies the backward signal by its slope, so after nine layers the first layer's gradient is many orders of magnitude smaller than the last layer's. tanh (slope up to 1) suffers less; ReLU passes the gradient unchanged wherever the unit is active.",
    why2: 'He initialisation (variance 2 / fan-in) is made for ReLU: it keeps the variance of activations and gradients constant through the layers, so every layer learns at a similar rate. Weights much larger than that (N(0, 1) here) multiply the signal by several times per layer: the forward activations and the gradients blow up, and one SGD step moves the weights so far that the network is ruined — often every ReLU ends up dead.',
    why3: 'A ReLU unit whose input is negative for every example outputs zero and gets zero gradient, so nothing can revive it: it is dead. A large learning rate or a negative bias pushes units there. Leaky ReLU, ELU and SELU keep a small slope for negative inputs and do not die. A line that drops to the bottom of the chart means a gradient of exactly zero (drawn at 10⁻¹⁰).',
    step_: 'step', norm: '‖gradient‖', loss: 'loss', layer: 'layer {n}', output: 'output',
    notRelu: 'no ReLU layers', notSaturating: 'no sigmoid/tanh layers',
    building: 'Building the network in a worker…', ready: 'Ready. Press Play.', playing: 'Training… step {step}',
    paused: 'Paused at step {step}.', done: 'Done: {step} steps. Reset to start again.', failed: 'Training failed: {message}',
  },
  zh: {
    title: '梯度消失与梯度爆炸', heading: '梯度消失与梯度爆炸',
    p1: '反向传播计算第一层的梯度时，要一层一层地乘以每层的权重和每个激活函数的斜率。在深层网络里，这是一个很长的连乘。如果这些因子大多小于 1，梯度在往回传的路上按几何级数缩小，前面几层几乎学不到东西：这就是梯度消失。如果它们大多大于 1，梯度按几何级数增长，一步更新就可能毁掉权重：这就是梯度爆炸。',
    p2: '下面是一个最多十二个 Dense 层的网络，任务是分开两圈点。每一步训练，simdtrain 都会测量每层权重矩阵梯度的范数、整个批次上输出恒为零的 ReLU 单元比例（“死亡”），以及整个批次上斜率几乎为零的 sigmoid/tanh 单元比例（“饱和”）。先选一个预设，然后每次只改一处。',
    presetsLabel: '预设', presetVanishing: '梯度消失：sigmoid + Glorot', presetExploding: '梯度爆炸：过大的权重',
    presetDying: 'ReLU 死亡', presetHealthy: '健康：ReLU + He',
    noteVanishing: '十个 sigmoid 层，Glorot 初始化。看这些曲线如何散开：越靠近输入的层，梯度比后一层小好几倍，第一层几乎什么都得不到。损失几乎不动。',
    noteExploding: 'ReLU 层，权重取自 N(0, 1)，比 He 初始化大好几倍。梯度一开始就有几百；最初几步 SGD 就把权重甩得太远，单元纷纷死亡，训练崩溃。',
    noteDying: 'ReLU 加 He 初始化，但学习率为 1，隐藏层偏置为 −0.1。步子太大，许多单元被推到对所有样本都为负的区域；死亡比例不断上升，它们的梯度变成严格的零。',
    noteHealthy: 'ReLU 加 He 初始化，学习率适中：每一层得到的梯度大小相近，很少有单元死亡，损失下降得很快。',
    noteCustom: '你自己的设置。按“运行”开始训练。',
    network: '网络', activation: '激活函数', initializer: '初始化方法', large: '过大：N(0, 1)', depth: '隐藏层数',
    bias: '隐藏层初始偏置', training: '训练（SGD）', learningRate: '学习率', seed: '随机种子',
    gradTitle: '各层权重矩阵的梯度范数（对数坐标）',
    gradLabel: '训练过程中每层的梯度范数，对数坐标',
    ratioLabel: '第一个隐藏层 ÷ 输出层（最近一步）：',
    deadTitle: '各层死亡的 ReLU 单元', satTitle: '各层饱和的 sigmoid/tanh 单元',
    lossTitle: '每一步的训练损失', lossLabel: '每一步的训练损失',
    boundaryTitle: '网络的预测', boundaryLabel: '平面上各点的预测类别，以及训练数据点',
    whyTitle: '为什么会这样',
    why1: 'sigmoid 的斜率最大只有 0.25。Glorot 初始化让信号的大小在层与层之间大致保持不变，但每个 sigmoid 层仍会把反向信号乘以它的斜率，所以经过九层之后，第一层的梯度比最后一层小好几个数量级。tanh（斜率最大为 1）受影响较小；ReLU 在单元激活的地方把梯度原样传回。',
    why2: 'He 初始化（方差为 2 / 输入数）是为 ReLU 设计的：它让激活值和梯度的方差在各层之间保持不变，因此每一层的学习速度相近。比这大得多的权重（这里是 N(0, 1)）每层都把信号放大好几倍：前向激活和梯度都会爆炸，一步 SGD 就把权重推得太远，网络被毁掉——常常所有 ReLU 都死了。',
    why3: '如果一个 ReLU 单元对每个样本的输入都是负数，它就输出零、得到零梯度，再也无法恢复：它“死”了。过大的学习率或负偏置会把单元推到这种状态。Leaky ReLU、ELU 和 SELU 在负输入处保留一个小斜率，不会死亡。图中跌到底部的曲线表示梯度严格为零（画在 10⁻¹⁰ 处）。',
    step_: '步', norm: '‖梯度‖', loss: '损失', layer: '第 {n} 层', output: '输出层',
    notRelu: '没有 ReLU 层', notSaturating: '没有 sigmoid/tanh 层',
    building: '正在 Worker 中构建网络……', ready: '就绪。按“运行”开始。', playing: '训练中……第 {step} 步',
    paused: '已在第 {step} 步暂停。', done: '完成：共 {step} 步。按“重置”重新开始。', failed: '训练出错：{message}',
  },
};

export const PRESETS = {
  vanishing: { activation: 'sigmoid', initializer: 'glorotUniform', depth: 9, bias: 0, learningRate: 0.1 },
  exploding: { activation: 'relu', initializer: 'large', depth: 9, bias: 0, learningRate: 0.01 },
  dying: { activation: 'relu', initializer: 'heNormal', depth: 9, bias: -0.1, learningRate: 1 },
  healthy: { activation: 'relu', initializer: 'heNormal', depth: 9, bias: 0, learningRate: 0.1 },
};
const NOTES = { vanishing: 'noteVanishing', exploding: 'noteExploding', dying: 'noteDying', healthy: 'noteHealthy' };
const EPOCHS = 40; // 200 training points, batch 32: 7 steps per epoch, 280 steps
const ZERO_FLOOR = 1e-10;
const GRID = 40;

const page = setupPage('vanishing', STRINGS);
const t = page.t;
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const $ = (id) => document.getElementById(id);
const data = makeDataset({ name: 'circle', n: 400, noise: 0.05, seed: 3, trainRatio: 0.5 });
const gridPoints = grid(GRID);
const map = heatmap($('boundary'), { size: GRID, pixels: 300 });

let preset = 'vanishing', net = null, generation = 0, running = false, paused = false, finished = false;
let gradChart = null, gradSeries = null, lossSeries = new Series(1), latest = null, recent = [], probabilities = null;
let statusKey = 'building', step = 0;
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

function setStatus(key) {
  statusKey = key;
  $('status').textContent = fill(t(key), { step, message: lastError });
}
let lastError = '';

const scheduleDraw = throttledFrame(() => draw());

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
  if (running && !paused) setStatus('playing');
}

function showPreset() {
  for (const b of document.querySelectorAll('[data-preset]')) b.setAttribute('aria-pressed', String(b.dataset.preset === preset));
  $('preset-note').textContent = t(NOTES[preset] ?? 'noteCustom');
}

/** Rebuild the network from the controls (in a new worker); resolves when it is ready. */
async function reset() {
  const g = ++generation;
  const old = net;
  net = null;
  running = paused = finished = false;
  updatePlay();
  old?.dispose();
  const c = readControls();
  step = 0;
  latest = null;
  recent = [];
  probabilities = null;
  lossSeries = new Series(1);
  makeGradChart(c.depth + 1);
  setStatus('building');
  scheduleDraw();
  try {
    const created = await Network.create({ seed: c.seed, hidden: Array(c.depth).fill(16), activation: c.activation,
      initializer: c.initializer, biasValue: c.bias, optimizer: { name: 'sgd', learningRate: c.learningRate } });
    if (g !== generation) { created.dispose(); return; }
    net = created;
    probabilities = await net.probabilities(gridPoints);
    if (g !== generation) return;
    setStatus('ready');
    scheduleDraw();
  } catch (error) {
    if (g === generation) { lastError = error.message; setStatus('failed'); }
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let resumeWaiter = null;

/**
 * Train `epochs` epochs, one fit call per epoch with a short breather between them (the
 * run stays watchable and the worker leaves the page's thread a core); resolves when done.
 */
async function train(epochs = EPOCHS) {
  const g = generation;
  if (!net || running) return;
  running = true;
  paused = false;
  updatePlay();
  setStatus('playing');
  try {
    for (let e = 0; e < epochs && g === generation; e++) {
      if (paused) await new Promise((resolve) => { resumeWaiter = resolve; });
      if (g !== generation) return;
      await net.train(data.train.x, data.train.y, { epochs: 1, batchSize: 32, onStep: (record) => {
        if (g !== generation) return;
        step = record.step;
        latest = record;
        const dense = record.layers.filter((l) => l.className === 'Dense');
        recent.push(dense);
        if (recent.length > 7) recent.shift();
        gradSeries.push(step, dense.map((l) => (l.gradientNorm === 0 ? ZERO_FLOOR : l.gradientNorm)));
        lossSeries.push(step, [record.loss]);
        scheduleDraw();
      } });
      if (g !== generation) return;
      if (e % 2 === 1 || e === epochs - 1) {
        probabilities = await net.probabilities(gridPoints);
        if (g !== generation) return;
        scheduleDraw();
      }
      await sleep(20);
    }
    if (g !== generation) return;
    finished = true;
    running = false;
    updatePlay();
    setStatus('done');
    scheduleDraw();
  } catch (error) {
    if (g === generation) { running = false; updatePlay(); lastError = error.message; setStatus('failed'); }
  }
}

function updatePlay() {
  const on = running && !paused;
  $('play').textContent = t(on ? 'pause' : 'play');
  $('play').setAttribute('aria-pressed', String(on));
  $('play').disabled = finished;
}

async function togglePlay() {
  if (!net) return;
  if (!running) { train(); return; }
  paused = !paused;
  updatePlay();
  if (paused) {
    setStatus('paused');
  } else {
    setStatus('playing');
    resumeWaiter?.();
    resumeWaiter = null;
  }
}

async function applyPreset(name) {
  preset = name;
  writeControls(PRESETS[name]);
  showPreset();
  await reset();
}

for (const b of document.querySelectorAll('[data-preset]')) {
  b.addEventListener('click', async () => { await applyPreset(b.dataset.preset); train(); });
}
$('controls').addEventListener('input', (event) => {
  showOutputs();
  if (event.target.type === 'range') return;
  preset = null;
  showPreset();
  reset();
});
$('controls').addEventListener('change', (event) => {
  if (event.target.type !== 'range') return;
  preset = null;
  showPreset();
  reset();
});
$('controls').addEventListener('submit', (event) => event.preventDefault());
$('play').addEventListener('click', togglePlay);
$('reset').addEventListener('click', () => reset());
page.onLanguageChange(() => {
  const count = Number($('depth').value) + 1;
  gradChart?.setLabels({ xLabel: t('step_'), yLabel: t('norm'), series: Array.from({ length: count }, (_, i) => layerLabel(i, count)) });
  lossChart.setLabels({ xLabel: t('step_'), yLabel: t('loss'), series: [t('loss')] });
  showPreset();
  updatePlay();
  setStatus(statusKey);
  draw();
});

showPreset();
await applyPreset('vanishing');

window.__chapter = {
  ready: true,
  applyPreset,
  /** Train `epochs` epochs and report the latest per-layer gradient norms (first hidden … output). */
  async train(epochs = 3) {
    await train(epochs);
    draw();
    const dense = latest.layers.filter((l) => l.className === 'Dense');
    return { step, norms: dense.map((l) => l.gradientNorm), dead: dense.map((l) => l.deadFraction),
      saturated: dense.map((l) => l.saturatedFraction), ratioText: $('ratio').textContent };
  },
  play: () => train(),
};
