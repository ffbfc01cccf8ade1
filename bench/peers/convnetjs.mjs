// peers/convnetjs.mjs — convnetjs 0.3.0: Net + Trainer (method 'sgd', momentum 0, no
// decay), fed sample by sample; the trainer updates every batch_size samples, so one step
// is batch_size calls of trainer.train. convnetjs has no sigmoid + binary cross-entropy
// head, so W1 ends in a 2-class softmax (the same function of the logits' difference).
import { createRequire } from 'node:module';
import {
  BUDGET_MS, LEARNING_RATE, WORKLOADS, makeData, rateSync, repeat,
} from '../workloads.mjs';

const convnetjs = createRequire(import.meta.url)('convnetjs');
const WARMUP_MS = 500;

/** Steps/s of Trainer.train on workload `name`: { median, runs }. */
export async function train(name) {
  const w = WORKLOADS[name];
  const { x, y, rows, inputs, outputs } = makeData(name);
  const classes = Math.max(2, outputs);
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 1, out_sy: 1, out_depth: inputs },
    ...w.layers.slice(0, -1).map(([units, activation]) => ({ type: 'fc', num_neurons: units, activation })),
    { type: 'softmax', num_classes: classes },
  ]);
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd', learning_rate: LEARNING_RATE, momentum: 0, l2_decay: 0, batch_size: w.batchSize,
  });
  const samples = [];
  for (let r = 0; r < rows; r++) {
    const v = new convnetjs.Vol(1, 1, inputs, 0);
    v.w.set(x.subarray(r * inputs, (r + 1) * inputs));
    const label = outputs === 1 ? y[r] : y.subarray(r * outputs, (r + 1) * outputs).indexOf(1);
    samples.push([v, label]);
  }
  const step = (s) => {
    for (let i = 0; i < w.batchSize; i++) trainer.train(...samples[(s * w.batchSize + i) % rows]);
  };
  rateSync(step, WARMUP_MS);
  return repeat(() => rateSync(step, BUDGET_MS));
}
