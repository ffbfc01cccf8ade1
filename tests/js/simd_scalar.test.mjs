// simd_scalar.test.mjs — the SIMD and scalar builds agree. One network (4 Dense layers,
// relu/tanh/elu/softmax, odd widths that exercise every kernel tail) is evaluated and
// trained in each build, in separate processes; forward outputs, loss and gradients at the
// initial weights, then epoch losses, predictions and weights after 2 epochs (30 momentum
// SGD steps), must agree within 1e-5 relative: |a - b| <= 1e-5 * max(|a|, |b|, 0.1), i.e.
// values near zero are compared at 1e-6 absolute. Bits may differ: the kernels sum in
// different orders, and training slowly amplifies that (about 1e-5 after 85 steps).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { simdSupported } from '../../src/js/index.mjs';

const probe = fileURLToPath(new URL('./helpers/train_probe.mjs', import.meta.url));
const run = (build) => JSON.parse(execFileSync(process.execPath, [probe, build, '2'], { encoding: 'utf8' }));

function assertClose(a, b, what) {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    const allowed = 1e-5 * Math.max(Math.abs(a[i]), Math.abs(b[i]), 0.1);
    assert.ok(Math.abs(a[i] - b[i]) <= allowed, `${what}[${i}]: simd ${a[i]} vs scalar ${b[i]}`);
  }
}

test('SIMD and scalar builds agree within 1e-5 relative', { skip: !simdSupported() }, () => {
  const simd = run('simd');
  const scalar = run('scalar');
  assertClose(simd.initialPredictions, scalar.initialPredictions, 'initial predictions');
  assertClose(simd.initialLoss, scalar.initialLoss, 'initial loss');
  simd.initialGrads.forEach((g, i) => assertClose(g, scalar.initialGrads[i], `gradient ${i}`));
  assertClose(simd.loss, scalar.loss, 'epoch loss');
  assertClose(simd.predictions, scalar.predictions, 'predictions after training');
  simd.weights.forEach((w, i) => assertClose(w, scalar.weights[i], `weights ${i} after training`));
});
