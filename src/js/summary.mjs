// summary.mjs — model.summary(): the Keras-style table of layers, output shapes and
// parameter counts.
import { size } from './model_core.mjs';

export function summaryText(core) {
  const count = (i, trainable) => core.weights.filter((w) => w.layer === i && (trainable === undefined || w.trainable === trainable))
    .reduce((a, w) => a + size(w.shape), 0);
  const rows = core.layers.map((l, i) => [`${l.name} (${l.className})`, `(None, ${l.outputShape.join(', ')})`, String(count(i))]);
  const total = rows.reduce((a, r) => a + Number(r[2]), 0);
  const trainable = core.layers.reduce((a, _, i) => a + count(i, true), 0);
  const head = ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 4);
  return ['Model: "sequential"', rule, line(head), rule, ...rows.map(line), rule,
    `Total params: ${total}`, `Trainable params: ${trainable}`, `Non-trainable params: ${total - trainable}`].join('\n');
}
