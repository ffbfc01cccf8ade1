// xor.mjs — the start page: its strings in English and 中文, and its demo, which trains
// XOR in the page with simdtrain and draws the loss per epoch. The library is served at
// lib/simdtrain/ (scripts/site_files.mjs).
import { init, layers, optimizers, sequential } from './lib/simdtrain/index.mjs';
import { setupPage } from './js/site.mjs';

const STRINGS = {
  en: {
    title: 'How deep networks are trained', heading: 'How deep networks are trained — by training them',
    intro: 'Every experiment on this site trains a real neural network, here in your browser, with simdtrain: a C training core compiled to WebAssembly SIMD that gives the same numbers as Keras 3. Change one thing at a time and watch what happens.',
    chaptersTitle: 'Chapters',
    ch1: 'Optimizers: SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, Nadam',
    ch1what: 'why momentum crosses flat regions, why AdaGrad slows down, how RMSProp and Adam fix it.',
    ch2: 'Vanishing and exploding gradients', ch2what: 'sigmoid saturation, dead ReLUs, and what initialisation does.',
    ch3: 'Batch normalization', ch3what: 'the same network with and without BN, the moving statistics, BN right after the input.',
    ch4: 'Gradient clipping', ch4what: "clipping by value changes the gradient's direction, clipping by norm keeps it.",
    playground: 'Playground', playgroundWhat: 'every knob at once, with a shareable link.',
    xorTitle: 'First experiment: learn XOR',
    xorText: 'Four points, two classes that no straight line separates. A network with one hidden layer of eight tanh units learns it with momentum SGD.',
    train: 'Train 300 epochs', seed: 'Seed', lossLabel: 'Training loss per epoch', target: 'target', prediction: 'prediction',
    ready: 'Ready: {build} build, simdtrain {version}.', simd: 'WebAssembly SIMD', scalar: 'scalar WebAssembly',
    done: 'Accuracy {accuracy}%, loss {loss} after {epochs} epochs.',
  },
  zh: {
    title: '深度网络是如何训练的', heading: '深度网络是如何训练的——亲手训练来理解',
    intro: '本站的每个实验都在你的浏览器里训练一个真实的神经网络，使用 simdtrain：一个编译为 WebAssembly SIMD 的 C 语言训练核心，数值结果与 Keras 3 相同。每次只改变一处，观察会发生什么。',
    chaptersTitle: '章节',
    ch1: '优化器：SGD、Momentum、Nesterov、AdaGrad、RMSProp、Adam、Nadam',
    ch1what: '为什么动量能穿过平坦区域，为什么 AdaGrad 会越来越慢，RMSProp 和 Adam 如何解决。',
    ch2: '梯度消失与梯度爆炸', ch2what: 'sigmoid 饱和、ReLU 死亡，以及初始化的作用。',
    ch3: '批量归一化', ch3what: '同一个网络有无 BN 的对比、滑动统计量、紧跟输入层的 BN。',
    ch4: '梯度裁剪', ch4what: '按值裁剪会改变梯度方向，按范数裁剪则保持方向。',
    playground: '游乐场', playgroundWhat: '所有参数一起调，还能分享链接。',
    xorTitle: '第一个实验：学习异或（XOR）',
    xorText: '四个点、两个类别，任何一条直线都无法分开。一个含八个 tanh 单元隐藏层的网络用带动量的 SGD 就能学会。',
    train: '训练 300 轮', seed: '随机种子', lossLabel: '每轮的训练损失', target: '目标', prediction: '预测',
    ready: '就绪：{build}，simdtrain {version}。', simd: 'WebAssembly SIMD 版本', scalar: '标量 WebAssembly 版本',
    done: '准确率 {accuracy}%，{epochs} 轮后损失 {loss}。',
  },
};

const page = setupPage('index', STRINGS);
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);

const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];
const button = document.getElementById('train');
const status = document.getElementById('status');
const canvas = document.getElementById('loss');

function drawLoss(losses, epochs) {
  const g = canvas.getContext('2d');
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  const top = Math.max(...losses, 1e-9);
  g.strokeStyle = '#2c6bed';
  g.lineWidth = 2;
  g.beginPath();
  losses.forEach((loss, i) => {
    const px = 10 + (i / Math.max(1, epochs - 1)) * (width - 20);
    const py = height - 10 - (loss / top) * (height - 20);
    if (i === 0) g.moveTo(px, py); else g.lineTo(px, py);
  });
  g.stroke();
}

async function train() {
  button.disabled = true;
  const seed = Number(document.getElementById('seed').value) >>> 0;
  const model = sequential({ seed, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ]});
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const epochs = 300;
  const losses = [];
  await model.fit(x, y, { epochs, batchSize: 4, onEpochEnd(epoch, logs) {
    losses.push(logs.loss);
    if (epoch % 10 === 0 || epoch === epochs - 1) drawLoss(losses, epochs);
  } });
  const p = model.predict(x);
  const { accuracy, loss } = model.evaluate(x, y);
  document.querySelector('#predictions tbody').innerHTML = x.map((row, i) =>
    `<tr><td>${row[0]}</td><td>${row[1]}</td><td>${y[i][0]}</td><td>${p[i].toFixed(3)}</td></tr>`).join('');
  status.textContent = fill(page.t('done'), { accuracy: (accuracy * 100).toFixed(0), loss: loss.toFixed(4), epochs });
  window.__xorResult = { accuracy, loss };
  model.dispose();
  button.disabled = false;
}

const info = await init();
const showReady = () => { status.textContent = fill(page.t('ready'), { build: page.t(info.simd ? 'simd' : 'scalar'), version: info.version }); };
showReady();
page.onLanguageChange(showReady);
button.addEventListener('click', train);
window.__ready = true;
