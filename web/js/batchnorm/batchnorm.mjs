// batchnorm.mjs — chapter 3: the same network trained side by side without and with BN
// (two Workers, same seed, same batches), the moving mean/variance against the batch
// statistics for a chosen momentum, and BN right after badly scaled inputs.
// window.__chapter = { ready, runComparison(steps) → { plainLoss, bnLoss } } for tests.
import { PALETTE, lineChart } from '../charts/line.mjs';
import { grid, makeDataset, scaleFeature } from '../datasets.mjs';
import { Network } from '../playground/engine.mjs';
import { heatmap } from '../playground/heatmap.mjs';
import { throttledFrame } from '../playground/series.mjs';
import { setupPage } from '../site.mjs';

const STRINGS = {
  en: {
    title: 'Batch normalization', heading: 'Batch normalization',
    p1: 'A batch normalization layer standardises each feature over the current batch — subtract the batch mean, divide by the batch standard deviation — and then applies a learned scale γ and shift β. Whatever the layers before it do, the next layer sees inputs of a steady size, so a deep stack of saturating layers keeps passing gradients and tolerates larger learning rates.',
    compareTitle: 'The same network, without and with BN',
    compareText: 'Two networks of six sigmoid layers (16 units each) with the same seed, hence the same initial Dense weights, see the same batches in the same order (the shuffle is seeded by the model seed) and take the same SGD steps (learning rate 0.5). The only difference: the second has a BatchNormalization layer after each hidden Dense layer (momentum 0.9 — the next section shows why not the default 0.99 for so short a run). The pictures show the predictions in inference mode after training.',
    run: 'Train both', lossCurves: 'Training loss per step', compareLabel: 'Training loss per step, without and with batch normalization',
    plainBoundary: 'Predictions of the network without BN', bnBoundary: 'Predictions of the network with BN',
    withoutBn: 'Without BN', withBn: 'With BN after each hidden layer',
    movingTitle: 'Moving statistics and momentum',
    movingText: "In training, BN uses the statistics of the batch. At inference there is no batch to average over, so each BN layer keeps a moving average of the batch means and variances: moving = momentum × moving + (1 − momentum) × batch. Keras's default momentum is 0.99, which averages over roughly the last hundred batches: smooth, but slow to catch up, so early in training the moving statistics can be far from the true ones and predictions in inference mode are off. Lower momentum follows the batch statistics closely but also their noise.",
    momentum: 'Momentum', feature: 'Feature of the first BN layer', runMoving: 'Train with this momentum',
    meanTitle: 'Mean', varianceTitle: 'Variance', meanLabel: 'Batch mean and moving mean per step',
    varianceLabel: 'Batch variance and moving variance per step',
    inputTitle: 'BN right after the input: badly scaled features',
    inputText: "Here the first input feature is multiplied by 1000, as when one column is in metres and another in millimetres. Without normalisation the first layer's pre-activations are dominated by that feature and the tanh units saturate; the optimiser (Adam, learning rate 0.01) struggles. A BatchNormalization layer placed first standardises each input feature on the fly, inside the model.",
    inputLabel: 'Training loss per step on badly scaled data, without and with input batch normalization',
    step_: 'step', loss: 'loss', plain: 'without BN', bn: 'with BN', noInputBn: 'no input BN', inputBn: 'BN first',
    batch: 'batch', moving: 'moving', value: 'value', featureN: 'feature {n}',
    inputCompared: 'After {steps} steps: loss {plain} without input BN, {bn} with BN first.',
    training: 'Training…', compared: 'After {steps} steps: loss {plain} without BN, {bn} with BN.',
    failed: 'Training failed: {message}',
  },
  zh: {
    title: '批量归一化', heading: '批量归一化',
    p1: '批量归一化（BN）层在当前批次上把每个特征标准化——减去批次均值，除以批次标准差——然后再乘以可学习的缩放 γ、加上平移 β。无论前面的层怎样变化，后面的层看到的输入大小都很稳定，因此一长串会饱和的层仍能传递梯度，也能承受更大的学习率。',
    compareTitle: '同一个网络，有无 BN 的对比',
    compareText: '两个网络都有六个 sigmoid 层（每层 16 个单元），随机种子相同，因此初始 Dense 权重相同；它们以相同的顺序看到相同的批次（打乱顺序由模型种子决定），用相同的 SGD（学习率 0.5）训练。唯一的区别：第二个网络在每个隐藏 Dense 层之后加了一个 BatchNormalization 层（动量 0.9——下一节会说明为什么这么短的训练不用默认的 0.99）。下面的图是训练后推理模式下的预测。',
    run: '同时训练两个', lossCurves: '每一步的训练损失', compareLabel: '有无批量归一化时每一步的训练损失',
    plainBoundary: '无 BN 网络的预测', bnBoundary: '有 BN 网络的预测',
    withoutBn: '无 BN', withBn: '每个隐藏层后加 BN',
    movingTitle: '滑动统计量与动量',
    movingText: '训练时，BN 使用批次的统计量。推理时没有批次可以平均，所以每个 BN 层都维护批次均值和方差的滑动平均：滑动值 = 动量 × 滑动值 + (1 − 动量) × 批次值。Keras 默认动量为 0.99，大约是对最近一百个批次取平均：平滑，但跟得慢，所以训练初期滑动统计量可能与真实值相差很远，推理模式下的预测也会偏。动量越小，越紧跟批次统计量，但也会跟着它们的噪声抖动。',
    momentum: '动量', feature: '第一个 BN 层的特征', runMoving: '用这个动量训练',
    meanTitle: '均值', varianceTitle: '方差', meanLabel: '每一步的批次均值与滑动均值',
    varianceLabel: '每一步的批次方差与滑动方差',
    inputTitle: '紧跟输入层的 BN：尺度失衡的特征',
    inputText: '这里第一个输入特征被乘以 1000，就像一列以米为单位、另一列以毫米为单位。不做归一化时，第一层的预激活值被这个特征主导，tanh 单元饱和，优化器（Adam，学习率 0.01）难以前进。把 BatchNormalization 层放在最前面，就能在模型内部实时地标准化每个输入特征。',
    inputLabel: '尺度失衡数据上，有无输入层 BN 时每一步的训练损失',
    step_: '步', loss: '损失', plain: '无 BN', bn: '有 BN', noInputBn: '无输入 BN', inputBn: '最前面加 BN',
    batch: '批次', moving: '滑动', value: '值', featureN: '特征 {n}',
    inputCompared: '{steps} 步之后：无输入 BN 损失 {plain}，最前面加 BN 损失 {bn}。',
    training: '训练中……', compared: '{steps} 步之后：无 BN 损失 {plain}，有 BN 损失 {bn}。',
    failed: '训练出错：{message}',
  },
};

const page = setupPage('batchnorm', STRINGS);
const t = page.t;
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const $ = (id) => document.getElementById(id);

const STEPS_PER_EPOCH = 7; // 200 training points, batch 32
const MOMENTA = [0, 0.5, 0.9, 0.99, 0.999];
const UNITS = 16;
const GRID = 40;
const data = makeDataset({ name: 'circle', n: 400, noise: 0.05, seed: 3, trainRatio: 0.5 });
const scaledX = scaleFeature(data.train.x, 0, 1000);
const gridPoints = grid(GRID);

const deepSpec = (batchNorm, bnMomentum = 0.99) => ({ seed: 1, hidden: Array(6).fill(UNITS), activation: 'sigmoid',
  initializer: 'glorotUniform', batchNorm, bnMomentum, optimizer: { name: 'sgd', learningRate: 0.5 } });
const inputSpec = (inputBatchNorm) => ({ seed: 1, hidden: [UNITS, UNITS], activation: 'tanh', initializer: 'glorotUniform',
  inputBatchNorm, optimizer: { name: 'adam', learningRate: 0.01 } });

/** Train a spec for `epochs` epochs; onStep(record). Resolves with { losses, net } (net still alive). */
async function trainSpec(spec, x, y, epochs, onStep) {
  const net = await Network.create(spec);
  const losses = [];
  await net.train(x, y, { epochs, batchSize: 32, onStep: (r) => { losses.push(r.loss); onStep?.(r); } });
  return { losses, net };
}

/**
 * Train two specs side by side, epoch by epoch in turn (one worker busy at a time, so the
 * page's thread keeps a core); onStep(k, record). Resolves with [{ losses, net }, …].
 */
async function trainPair(specs, x, y, epochs, onStep, isCurrent = () => true) {
  const nets = await Promise.all(specs.map((spec) => Network.create(spec)));
  const runs = nets.map((net) => ({ net, losses: [] }));
  try {
    for (let e = 0; e < epochs && isCurrent(); e++) {
      for (const [k, run] of runs.entries()) {
        await run.net.train(x, y, { epochs: 1, batchSize: 32, onStep: (r) => { run.losses.push(r.loss); onStep(k, r); } });
      }
    }
  } catch (error) {
    nets.forEach((net) => net.dispose());
    throw error;
  }
  return runs;
}

/** Mean of the batch losses over the epoch that ends at step `steps` (1-based). */
function lossAt(losses, steps) {
  const window = losses.slice(Math.max(0, steps - STEPS_PER_EPOCH), steps);
  return window.reduce((a, b) => a + b, 0) / window.length;
}

// ---- 1. side by side ---------------------------------------------------------------------
const compareChart = lineChart($('compare-chart'), { xLabel: t('step_'), yLabel: t('loss'), height: 220,
  series: [{ label: t('plain'), stroke: PALETTE[1] }, { label: t('bn'), stroke: PALETTE[0] }] });
const plainMap = heatmap($('plain-boundary'), { size: GRID, pixels: 300 });
const bnMap = heatmap($('bn-boundary'), { size: GRID, pixels: 300 });
let compareGeneration = 0;

function drawEmptyMaps() {
  plainMap.draw(null, data.train, null, false);
  bnMap.draw(null, data.train, null, false);
}

async function runComparison(steps = 210) {
  const g = ++compareGeneration;
  const epochs = Math.ceil(steps / STEPS_PER_EPOCH);
  $('compare-run').disabled = true;
  $('compare-status').textContent = t('training');
  const curves = [[], []];
  const redraw = throttledFrame(() => {
    if (g !== compareGeneration) return;
    const n = Math.min(curves[0].length, curves[1].length);
    compareChart.setData([Array.from({ length: n }, (_, i) => i + 1), curves[0].slice(0, n), curves[1].slice(0, n)]);
  });
  try {
    const runs = await trainPair([deepSpec(false, 0.9), deepSpec(true, 0.9)], data.train.x, data.train.y, epochs,
      (k, r) => { curves[k].push(r.loss); redraw(); }, () => g === compareGeneration);
    const [plainP, bnP] = await Promise.all(runs.map(({ net }) => net.probabilities(gridPoints)));
    runs.forEach(({ net }) => net.dispose());
    if (g !== compareGeneration) return null;
    plainMap.draw(plainP, data.train, null, false);
    bnMap.draw(bnP, data.train, null, false);
    const result = { plainLoss: lossAt(runs[0].losses, steps), bnLoss: lossAt(runs[1].losses, steps), steps };
    $('compare-status').textContent = fill(t('compared'), { steps, plain: result.plainLoss.toFixed(3), bn: result.bnLoss.toFixed(3) });
    return result;
  } catch (error) {
    $('compare-status').textContent = fill(t('failed'), { message: error.message });
    throw error;
  } finally {
    if (g === compareGeneration) $('compare-run').disabled = false;
  }
}

$('compare-run').addEventListener('click', () => { runComparison().catch(() => {}); });
$('compare-reset').addEventListener('click', () => {
  compareGeneration++;
  $('compare-run').disabled = false;
  $('compare-status').textContent = '';
  compareChart.setData([[], [], []]);
  drawEmptyMaps();
});

// ---- 2. moving statistics ----------------------------------------------------------------
const meanChart = lineChart($('mean-chart'), { xLabel: t('step_'), yLabel: t('value'), height: 200,
  series: [{ label: t('batch'), stroke: PALETTE[4], width: 1.2 }, { label: t('moving'), stroke: PALETTE[1] }] });
const varianceChart = lineChart($('variance-chart'), { xLabel: t('step_'), yLabel: t('value'), height: 200,
  series: [{ label: t('batch'), stroke: PALETTE[4], width: 1.2 }, { label: t('moving'), stroke: PALETTE[1] }] });
let movingRecords = [];
let movingGeneration = 0;

function fillFeatures() {
  const select = $('feature');
  const chosen = select.value || '0';
  select.replaceChildren(...Array.from({ length: UNITS }, (_, i) => new Option(fill(t('featureN'), { n: i }), String(i))));
  select.value = chosen;
}

function drawMoving() {
  const f = Number($('feature').value);
  const steps = movingRecords.map((_, i) => i + 1);
  const pick = (key) => movingRecords.map((r) => r[key]?.[f] ?? null);
  meanChart.setData([steps, pick('batchMean'), pick('movingMean')]);
  varianceChart.setData([steps, pick('batchVariance'), pick('movingVariance')]);
}

function showMomentum() { $('momentum-out').value = String(MOMENTA[Number($('momentum').value)]); }

async function runMoving(epochs = 20) {
  const g = ++movingGeneration;
  movingRecords = [];
  $('moving-run').disabled = true;
  const redraw = throttledFrame(() => { if (g === movingGeneration) drawMoving(); });
  try {
    const { net } = await trainSpec(deepSpec(true, MOMENTA[Number($('momentum').value)]), data.train.x, data.train.y, epochs, (r) => {
      if (g !== movingGeneration) return;
      const bn = r.layers.find((l) => l.className === 'BatchNormalization');
      if (bn) movingRecords.push(bn);
      redraw();
    });
    net.dispose();
    drawMoving();
  } finally {
    if (g === movingGeneration) $('moving-run').disabled = false;
  }
}

$('momentum').addEventListener('input', showMomentum);
$('feature').addEventListener('change', drawMoving);
$('moving-controls').addEventListener('submit', (event) => event.preventDefault());
$('moving-run').addEventListener('click', () => { runMoving().catch(() => {}); });

// ---- 3. BN after badly scaled inputs -----------------------------------------------------
const inputChart = lineChart($('input-chart'), { xLabel: t('step_'), yLabel: t('loss'), height: 220,
  series: [{ label: t('noInputBn'), stroke: PALETTE[1] }, { label: t('inputBn'), stroke: PALETTE[0] }] });

async function runInput(epochs = 30) {
  $('input-run').disabled = true;
  $('input-status').textContent = t('training');
  const curves = [[], []];
  const redraw = throttledFrame(() => {
    const n = Math.min(curves[0].length, curves[1].length);
    inputChart.setData([Array.from({ length: n }, (_, i) => i + 1), curves[0].slice(0, n), curves[1].slice(0, n)]);
  });
  try {
    const runs = await trainPair([inputSpec(false), inputSpec(true)], scaledX, data.train.y, epochs, (k, r) => {
      curves[k].push(r.loss);
      redraw();
    });
    redraw();
    runs.forEach(({ net }) => net.dispose());
    const steps = curves[0].length;
    $('input-status').textContent = fill(t('inputCompared'), { steps, plain: lossAt(curves[0], steps).toFixed(3), bn: lossAt(curves[1], steps).toFixed(3) });
    return { plainLoss: lossAt(curves[0], steps), bnLoss: lossAt(curves[1], steps) };
  } finally {
    $('input-run').disabled = false;
  }
}
$('input-run').addEventListener('click', () => { runInput().catch((e) => { $('input-status').textContent = fill(t('failed'), { message: e.message }); }); });

page.onLanguageChange(() => {
  compareChart.setLabels({ xLabel: t('step_'), yLabel: t('loss'), series: [t('plain'), t('bn')] });
  inputChart.setLabels({ xLabel: t('step_'), yLabel: t('loss'), series: [t('noInputBn'), t('inputBn')] });
  for (const c of [meanChart, varianceChart]) c.setLabels({ xLabel: t('step_'), yLabel: t('value'), series: [t('batch'), t('moving')] });
  fillFeatures();
});

fillFeatures();
showMomentum();
drawEmptyMaps();
window.__chapter = { ready: true, runComparison, runMoving, runInput };
