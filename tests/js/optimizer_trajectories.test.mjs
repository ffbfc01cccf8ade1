// optimizer_trajectories.test.mjs — 100-step optimizer trajectories against a float64 reference.
//
// tests/fixtures/optimizer_trajectories.json is written by tests/fixtures/gen_optimizer_trajectories.py,
// a float64 numpy transcription of the Keras 3 update rules (clipping -> decoupled weight decay ->
// update_step, t = iterations + 1, schedules evaluated at the raw iteration count, SGD/RMSprop
// momentum with lr inside the buffer); it checks itself against Keras's own golden tests first.
// Rerun: /usr/bin/python3 tests/fixtures/gen_optimizer_trajectories.py
//
// Every case (optimizer x options x clipping x weight decay x schedule x mid-run lr change, with
// one array of 7 or three arrays of 1, 5 and 17 parameters) is replayed here through opt.step:
// after each step the gradient g = A @ x + b + s * sin(omega * x + phi) is computed in float64
// from the float32 params (x = concatenation of the arrays), cast to Float32Array per array, and
// passed to the next step. For lrChange cases opt.learningRate is set after step `afterStep`.
//
// Checked:
//   params after steps 1, 10, 50, 100:   |a - b| <= 5e-5 * max(|a|, |b|, 1e-2)
//   opt.currentLearningRate before each step vs the reference's lr:  relative 1e-6
//   opt.iterations after 100 steps == 100
// The generator verifies that rounding the params and gradients to float32 after every step
// changes no checkpoint by more than 1/40 of this tolerance (draws that fail are replaced), so a
// miss is a formula difference, not float32 noise. Measured on both wasm builds: the worst case
// uses 12% of the tolerance, while the usual alternative semantics (epsilon outside the sqrt /
// after bias correction, torch-style lr-rescaled momentum on an lr change, schedule read at
// t instead of t-1, per-tensor vs global norm clipping, Nadam's 0.96^(0.004 t) schedule, Adadelta
// with the stale accumulator) each move at least one case by 340x (torch lr rescale) up to
// 40,000x the tolerance.
//
// Also: opt.step on 2 parameters is cheap enough to run 10,000 Adam steps on the 2-D Rosenbrock
// function (no timing assertion), which must end near its minimum (1, 1).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { optimizers } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/optimizer_trajectories.json', import.meta.url), 'utf8'));
await initBuild();

const TOL = fixture.tolerance; // 5e-5

/** g = A @ x + b + s*sin(omega*x + phi) in float64 from the float32 params, split per array. */
function gradient(grad, params) {
  const x = [];
  for (const p of params) for (const v of p) x.push(v);
  const n = x.length;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = grad.A[i];
    let sum = 0;
    for (let j = 0; j < n; j++) sum += row[j] * x[j];
    g[i] = sum + grad.b[i] + grad.s * Math.sin(grad.omega * x[i] + grad.phi[i]);
  }
  const out = [];
  let o = 0;
  for (const p of params) {
    out.push(Float32Array.from(g.subarray(o, o + p.length)));
    o += p.length;
  }
  return out;
}

function makeOptimizer(c) {
  const options = { ...c.options };
  if (c.schedule) options.learningRate = optimizers.schedules[c.schedule.name](c.schedule.options);
  return optimizers[c.optimizer](options);
}

describe('optimizer trajectories vs float64 Keras reference (100 steps)', () => {
  for (const c of fixture.cases) {
    const extras = [c.schedule && `schedule ${c.schedule.name}`, c.lrChange && `lr -> ${c.lrChange.learningRate} after step ${c.lrChange.afterStep}`]
      .filter(Boolean).join(', ');
    test(`${c.optimizer} / ${c.name}: ${JSON.stringify(c.options)} sizes [${c.sizes}]${extras ? `, ${extras}` : ''}`, () => {
      const opt = makeOptimizer(c);
      const misses = [];
      const lrMisses = [];
      try {
        const params = c.initial.map((a) => Float32Array.from(a));
        for (let step = 1; step <= fixture.steps; step++) {
          const lr = opt.currentLearningRate;
          const lrRef = c.learningRates[step - 1];
          if (!(Math.abs(lr - lrRef) <= 1e-6 * Math.abs(lrRef))) lrMisses.push(`step ${step}: currentLearningRate ${lr}, reference ${lrRef}`);
          opt.step(params, gradient(c.grad, params));
          if (c.lrChange && step === c.lrChange.afterStep) opt.learningRate = c.lrChange.learningRate;
          const want = c.checkpoints[String(step)];
          if (!want) continue;
          for (let a = 0; a < want.length; a++) {
            for (let j = 0; j < want[a].length; j++) {
              const got = params[a][j];
              const exp = want[a][j];
              const tol = TOL * Math.max(Math.abs(got), Math.abs(exp), 1e-2);
              if (!(Math.abs(got - exp) <= tol)) {
                misses.push(`${c.optimizer} '${c.name}' step ${step} array ${a} index ${j}: got ${got}, reference ${exp} (|diff| ${Math.abs(got - exp).toExponential(2)} > ${tol.toExponential(2)})`);
              }
            }
          }
          // once off, later checkpoints only repeat the divergence: report the first failing step in full
          if (misses.length) break;
        }
        assert.ok(misses.length === 0, `${misses.length} value(s) off at the first failing checkpoint:\n  ${misses.slice(0, 12).join('\n  ')}${misses.length > 12 ? '\n  ...' : ''}`);
        assert.equal(opt.iterations, fixture.steps, `${c.optimizer} '${c.name}': iterations after ${fixture.steps} steps`);
        assert.ok(lrMisses.length === 0, `${c.optimizer} '${c.name}': learning rate used by the steps differs from the reference:\n  ${lrMisses.slice(0, 8).join('\n  ')}`);
      } finally {
        opt.dispose();
      }
    });
  }
});

test('adam on 2 parameters: 10,000 steps of the 2-D Rosenbrock function reach (1, 1)', () => {
  // f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1); start at the classic (-1.2, 1).
  const f = (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  const opt = optimizers.adam({ learningRate: 0.01 });
  try {
    const p = Float32Array.from([-1.2, 1]);
    const g = new Float32Array(2);
    const f0 = f(p[0], p[1]);
    const dist = (q) => Math.hypot(q[0] - 1, q[1] - 1);
    const d0 = dist(p);
    let f1000 = NaN;
    for (let step = 1; step <= 10000; step++) {
      const x = p[0];
      const y = p[1];
      g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      g[1] = 200 * (y - x * x);
      opt.step(p, g);
      if (step === 1000) f1000 = f(p[0], p[1]);
    }
    const fEnd = f(p[0], p[1]);
    assert.equal(opt.iterations, 10000, 'adam rosenbrock: iterations');
    assert.ok(Number.isFinite(p[0]) && Number.isFinite(p[1]), `adam rosenbrock step 10000: params not finite: [${p}]`);
    assert.ok(f1000 < f0, `adam rosenbrock step 1000: f ${f1000} did not decrease from ${f0}`);
    assert.ok(fEnd < 1e-3, `adam rosenbrock step 10000: f(${p[0]}, ${p[1]}) = ${fEnd}, expected < 1e-3 (start ${f0})`);
    assert.ok(dist(p) < 0.05, `adam rosenbrock step 10000: distance to (1, 1) is ${dist(p)} (params [${p[0]}, ${p[1]}]), expected < 0.05 (start ${d0})`);
  } finally {
    opt.dispose();
  }
});
