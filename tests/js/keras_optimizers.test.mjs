// keras_optimizers.test.mjs — Keras 3's own optimizer tests, replayed through opt.step.
//
// Source: keras-team/keras, keras/src/optimizers/{sgd,adagrad,rmsprop,adam,nadam,adamw,adamax,
// adadelta}_test.py and keras/src/optimizers/optimizer_test.py. The inputs, expected values and
// tolerances are transcribed into tests/fixtures/keras_optimizer_golden.json, each entry citing
// file, test name and the commit read (sgd/adagrad/rmsprop/nadam/adamax_test.py at ac2ee342,
// adam_test.py at 9537676d, adamw_test.py at b470eee6, adadelta_test.py at 1937d487,
// optimizer_test.py at 04d8e60e).
//
// Tolerances are Keras's (keras/src/testing/test_case.py):
//   assertAllClose(x, y, rtol, atol)  ->  |x - y| <= atol + rtol * |y|   (np.testing.assert_allclose;
//                                         default atol = rtol = 1e-6)
//   assertAlmostEqual(x, y, decimal=6) -> round(x - y, 6) == 0, checked here as |x - y| < 5e-7
//
// Replayed per optimizer:
//   test_correctness_with_golden  x = ones(10); one step with grads 0.01, then golden[i] is
//                                 checked before each of 5 steps with grads arange(0.1, 1.1, 0.1).
//   test_single_step              vars [1,2,3,4], grads [1,6,7,2], learning_rate 0.5.
//   test_weight_decay             var1 = 2.0 with zero scalar grads through three optimizers
//                                 (lr 1.0, weight_decay 0.004) -> 1.9760959. SKIPPED part: var2/var3,
//                                 which Keras excludes with exclude_from_weight_decay(var_names=...,
//                                 var_list=...) — simdtrain has no per-variable exclusion.
//   test_clip_norm / test_clip_value  Keras calls the private optimizer._clip_gradients([[100, 100]]).
//                                 simdtrain has no such hook, so the clipped gradient is observed
//                                 through a step: SGD(lr 1) from params 0 gives params = -clipped
//                                 gradient exactly (optimizer_test.py); for the other optimizers the
//                                 step with clipping on grads [100, 100] must equal the step of the
//                                 same optimizer without clipping on Keras's expected clipped
//                                 gradient, and for clipNorm opt.lastGradientNorm.after must be 1.
// From optimizer_test.py also: test_global_clip_norm (through SGD lr 1 as above),
// test_iterations_counter, and the updated-variable half of test_empty_gradients. SKIPPED there:
// EMA, gradient accumulation, loss scaling, callable learning rates, constraints,
// overwrite_with_gradient, serialization/checkpointing (simdtrain has none of them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { optimizers } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras_optimizer_golden.json', import.meta.url), 'utf8'));
await initBuild();

const f32 = (a) => Float32Array.from(a);
const cite = (s) => `${s.file}@${s.commit.slice(0, 8)} ${s.test}`;

/** Keras assertAllClose: every element |a - e| <= atol + rtol*|e|; names each miss. */
function assertAllClose(actual, expected, { rtol = 1e-6, atol = 1e-6 } = {}, where = '') {
  assert.equal(actual.length, expected.length, `${where}: length ${actual.length}, expected ${expected.length}`);
  const misses = [];
  for (let i = 0; i < expected.length; i++) {
    const tol = atol + rtol * Math.abs(expected[i]);
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= tol)) misses.push(`index ${i}: got ${actual[i]}, Keras expects ${expected[i]} (|diff| ${diff.toExponential(2)} > ${tol.toExponential(2)})`);
  }
  assert.ok(misses.length === 0, `${where}: ${misses.length} of ${expected.length} values off (rtol ${rtol}, atol ${atol}):\n  ${misses.join('\n  ')}`);
}

describe('Keras test_correctness_with_golden', () => {
  for (const c of fixture.goldenCorrectness) {
    test(`${c.optimizer}: ${c.keras} [${cite(c.source)}]`, () => {
      const opt = optimizers[c.optimizer](c.options);
      try {
        const x = f32(c.x0);
        const grads = f32(c.gradsValues); // float32 arange(0.1, 1.1, 0.1)
        opt.step(x, f32(c.firstGrads));
        for (let i = 0; i < c.golden.length; i++) {
          assertAllClose(x, c.golden[i], c, `${c.optimizer} ${c.source.test} golden[${i}] (after step ${i + 1})`);
          opt.step(x, grads);
        }
        assert.equal(opt.iterations, c.golden.length + 1, `${c.optimizer} golden: iterations`);
      } finally {
        opt.dispose();
      }
    });
  }
});

describe('Keras test_single_step', () => {
  for (const c of fixture.singleStep) {
    test(`${c.optimizer}: ${c.keras} [${cite(c.source)}]`, () => {
      const opt = optimizers[c.optimizer](c.options);
      try {
        const vars = f32(c.vars);
        opt.step(vars, f32(c.grads));
        assertAllClose(vars, c.expected, c, `${c.optimizer} ${c.source.test} step 1`);
        if (c.optimizer === 'sgd') {
          // SGDTest also asserts optimizer.variables[0] (iterations) == 1 and [1] (learning_rate) == 0.5
          assert.equal(opt.iterations, 1, 'sgd test_single_step: iterations after 1 step');
          assert.equal(opt.learningRate, 0.5, 'sgd test_single_step: learning rate');
        }
      } finally {
        opt.dispose();
      }
    });
  }
});

describe('Keras test_weight_decay (var1 only; exclusion by name/list skipped)', () => {
  for (const c of fixture.weightDecay) {
    test(`${c.optimizer}: ${c.keras} [${cite(c.source)}]`, () => {
      const var1 = f32([c.var1]);
      for (let k = 0; k < c.optimizersAppliedToVar1; k++) {
        const opt = optimizers[c.optimizer](c.options);
        try {
          opt.step(var1, f32([c.grad]));
        } finally {
          opt.dispose();
        }
      }
      const diff = Math.abs(var1[0] - c.expectedVar1);
      assert.ok(diff < 0.5 * 10 ** -c.decimal,
        `${c.optimizer} ${c.source.test} var1 index 0 after ${c.optimizersAppliedToVar1} optimizers: got ${var1[0]}, Keras expects ${c.expectedVar1} (assertAlmostEqual decimal=${c.decimal}, |diff| ${diff.toExponential(2)})`);
    });
  }
});

describe('Keras test_clip_norm / test_clip_value per optimizer', () => {
  for (const c of fixture.clipPerOptimizer) {
    test(`${c.optimizer}: ${c.keras} [${cite(c.source)}]`, () => {
      const n = c.grad.length;
      const clipped = optimizers[c.optimizer](c.options);
      const reference = optimizers[c.optimizer]();
      try {
        const a = new Float32Array(n);
        const b = new Float32Array(n);
        clipped.step(a, f32(c.grad));
        reference.step(b, f32(c.expectedClipped));
        // The step taken with clipping equals the unclipped step on Keras's clipped gradient.
        // Relative 1e-5 (not Keras's atol 1e-6, which would be vacuous for steps of ~1e-3 and
        // below): the two clipped gradients differ by at most float32 rounding.
        assertAllClose(a, Array.from(b), { rtol: 1e-5, atol: 0 }, `${c.optimizer} ${c.source.test} step 1 params (clipped [100,100] vs unclipped ${JSON.stringify(c.expectedClipped)})`);
        assert.ok(a.some((v) => v !== 0), `${c.optimizer} ${c.source.test}: the step did not move the params`);
        if (c.options.clipNorm) {
          const { before, after } = clipped.lastGradientNorm;
          assertAllClose([before, after], [Math.hypot(...c.grad), c.options.clipNorm], c,
            `${c.optimizer} ${c.source.test} lastGradientNorm {before, after}`);
        }
      } finally {
        clipped.dispose();
        reference.dispose();
      }
    });
  }
});

describe('Keras optimizer_test.py', () => {
  const t = fixture.optimizerTest;
  for (const key of ['clipNorm', 'clipValue', 'globalClipNorm']) {
    const c = t[key];
    test(`${key}: ${c.keras} [${cite(c.source)}]`, () => {
      // SGD(learning_rate=1) from params 0: params after one step = -clipped gradient
      const opt = optimizers.sgd({ learningRate: 1, ...c.options });
      try {
        const p = new Float32Array(c.grad.length);
        opt.step(p, f32(c.grad));
        assertAllClose(Array.from(p, (v) => -v), c.expectedClipped, c, `sgd ${c.source.test} clipped gradient`);
      } finally {
        opt.dispose();
      }
    });
  }

  test(`iterations: ${t.iterationsCounter.keras} [${cite(t.iterationsCounter.source)}]`, () => {
    const c = t.iterationsCounter;
    const opt = optimizers[c.optimizer](c.options);
    try {
      const v = f32(c.vars);
      assert.equal(opt.iterations, c.expectedIterations[0], 'adam iterations before any step');
      for (let s = 1; s < c.expectedIterations.length; s++) {
        opt.step(v, f32(c.grads));
        assert.equal(opt.iterations, c.expectedIterations[s], `adam iterations after step ${s}`);
      }
    } finally {
      opt.dispose();
    }
  });

  test(`empty gradients (updated variable): ${t.emptyGradients.keras} [${cite(t.emptyGradients.source)}]`, () => {
    const c = t.emptyGradients;
    const opt = optimizers[c.optimizer](c.options);
    try {
      const v = f32(c.vars);
      opt.step(v, f32(c.grads));
      assertAllClose(v, c.expected, c, `sgd ${c.source.test} v2 after step 1`);
    } finally {
      opt.dispose();
    }
  });
});
