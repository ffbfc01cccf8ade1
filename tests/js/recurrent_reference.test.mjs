// recurrent_reference.test.mjs — SimpleRNN, LSTM and GRU stacks against the float64 torch
// autograd references of tests/fixtures/recurrent_reference.json (gen_recurrent_reference.py):
// outputs, the MSE loss, the gradient of every weight through BPTT, and the weights after one
// SGD step, each within 1e-4 (absolute + relative).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();
const fixture = JSON.parse(readFileSync(new URL('../fixtures/recurrent_reference.json', import.meta.url), 'utf8'));

function close(actual, expected, where) {
  assert.equal(actual.length, expected.length, `${where}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i])), `${where}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

for (const c of fixture.cases) {
  test(c.name, () => {
    const model = sequential({ layers: c.layers });
    model.setWeights(c.weights.map((w) => Float32Array.from(w)));
    const x = Float32Array.from(c.x), y = Float32Array.from(c.y);
    close(model.predict(x), c.output, 'output');
    model.compile({ optimizer: optimizers.sgd({ learningRate: fixture.lr }), loss: 'meanSquaredError' });
    const { loss, grads } = model.computeGradients(x, y);
    close([loss], [c.loss], 'loss');
    grads.forEach((g, i) => close(g, c.grads[i], `grad ${model.getWeights()[i].name}`));
    model.trainOnBatch(x, y);
    model.getWeights().forEach((w, i) => close(w.values, c.stepped[i], `after one step ${w.name}`));
    model.dispose();
  });
}
