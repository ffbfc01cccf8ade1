// optimizer_slots.test.mjs — optimizer.getSlots() reads the real per-weight state from C,
// under Keras's slot names. Expected values: a float64 recomputation of Keras's update rules
// (keras/src/optimizers/adam.py, sgd.py, rmsprop.py; docs/keras-semantics.md §2) from the same
// gradients, within float32 rounding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { optimizers } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const GRADS = [[0.5, -1.25, 2, 0.001], [0.25, -0.5, -3, 0.1], [-1, 0.75, 1, -0.2]];

function close(actual, expected, what) {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= 1e-6 * Math.max(1, Math.abs(expected[i])),
    `${what}[${i}]: ${a} vs ${expected[i]}`));
}

function run(opt) {
  const w = new Float32Array([1, 2, 3, 4]);
  for (const g of GRADS) opt.step(w, new Float32Array(g));
  return opt.getSlots();
}

test('Adam: momentum and velocity are the raw (uncorrected) first and second moments', () => {
  const beta1 = 0.8, beta2 = 0.95;
  const slots = run(optimizers.adam({ learningRate: 0.01, beta1, beta2 }));
  const m = [0, 0, 0, 0], v = [0, 0, 0, 0];
  for (const g of GRADS) g.forEach((gi, i) => { m[i] += (gi - m[i]) * (1 - beta1); v[i] += (gi * gi - v[i]) * (1 - beta2); });
  assert.deepEqual(Object.keys(slots[0].slots), ['momentum', 'velocity']);
  close(slots[0].slots.momentum, m, 'momentum');
  close(slots[0].slots.velocity, v, 'velocity');
});

test('Adam with amsgrad adds velocity_hat, the running maximum of velocity', () => {
  const slots = run(optimizers.adam({ amsgrad: true }));
  const v = [0, 0, 0, 0], vh = [0, 0, 0, 0];
  for (const g of GRADS) g.forEach((gi, i) => { v[i] += (gi * gi - v[i]) * 0.001; vh[i] = Math.max(vh[i], v[i]); });
  close(slots[0].slots.velocity_hat, vh, 'velocity_hat');
});

test('SGD with momentum keeps the velocity m = momentum·m − lr·g; without momentum, no slots', () => {
  const slots = run(optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }));
  const m = [0, 0, 0, 0];
  for (const g of GRADS) g.forEach((gi, i) => { m[i] = m[i] * 0.9 - gi * 0.1; });
  close(slots[0].slots.momentum, m, 'momentum');
  assert.deepEqual(run(optimizers.sgd()).map((s) => Object.keys(s.slots)), [[]]);
  assert.deepEqual(optimizers.adam().getSlots(), []);
});

test('centered RMSprop: velocity, momentum and average_gradient', () => {
  const slots = run(optimizers.rmsprop({ centered: true }));
  const v = [0, 0, 0, 0], mg = [0, 0, 0, 0];
  for (const g of GRADS) g.forEach((gi, i) => { v[i] = 0.9 * v[i] + 0.1 * gi * gi; mg[i] = 0.9 * mg[i] + 0.1 * gi; });
  assert.deepEqual(Object.keys(slots[0].slots), ['velocity', 'momentum', 'average_gradient']);
  close(slots[0].slots.velocity, v, 'velocity');
  close(slots[0].slots.average_gradient, mg, 'average_gradient');
});
