// summary.mjs — model.summary(): the Keras-style table of layers, output shapes and
// parameter counts, printed line by line through the caller's printFn (TF.js's option).
import { size } from './model_core.mjs';
import { checkOptions, fail } from './validate.mjs';

/** summary()'s printFn option: a function (default console.log), or null for no printing. */
export function summaryPrinter(where, options) {
  const o = checkOptions(where, options, ['printFn']);
  const printFn = o.printFn === undefined ? console.log : o.printFn;
  if (printFn !== null && typeof printFn !== 'function') fail(where, 'printFn', 'a function (line) => void, or null', printFn);
  return printFn;
}

/** Print the table line by line (nothing when printFn is null). */
export function printLines(text, printFn) {
  if (printFn) for (const line of text.split('\n')) printFn(line);
}

export function summaryText(core) {
  const count = (i, trainable) => core.weights.filter((w, k) => w.layer === i && (trainable === undefined || core.weightTrainable(k) === trainable))
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
