// main.mjs — the start page's demo: trains XOR in the page with simdtrain and draws the
// loss per epoch. The library is served at lib/simdtrain/ (scripts/site_files.mjs).
import { init, layers, optimizers, sequential } from '../../lib/simdtrain/index.mjs';
import { $, fill } from '../lib/dom.mjs';
import { setupPage } from '../lib/page.mjs';
import { STRINGS } from './strings.mjs';

const page = setupPage('index', STRINGS);

const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[0], [1], [1], [0]];
const button = $('train');
const status = $('status');
const canvas = $('loss');

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
  const seed = Number($('seed').value) >>> 0;
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
