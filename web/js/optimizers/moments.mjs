// moments.mjs — chapter 1's Adam and Nadam computations, no DOM: Adam's bias-correction
// factors over the steps, the first steps of the race's real Adam run with its moments as
// the optimizer holds them (getSlots(), recorded by race.mjs), and the step-by-step updates
// of Adam and Nadam on a gradient that turns round, each computed by the library.
import { optimizers } from '../../lib/simdtrain/index.mjs';
import { optimizerDefaults } from '../lib/engine.mjs';

const ADAM = optimizerDefaults('adam');

/**
 * Adam's correction factors at steps 1…T: 1/(1 − β₁ᵗ) for m, 1/(1 − β₂ᵗ) for s, and the
 * factor Keras folds both into and puts on the learning rate, √(1 − β₂ᵗ)/(1 − β₁ᵗ).
 * Steps are spaced evenly on a log scale (the chart's x axis). In double precision.
 */
export function correctionFactors(beta1, beta2, T = 10000, points = 240) {
  const t = [], m = [], s = [], lr = [];
  let last = 0;
  for (let i = 0; i < points; i++) {
    const step = Math.round(T ** (i / (points - 1)));
    if (step === last) continue;
    last = step;
    const b1 = 1 - beta1 ** step, b2 = 1 - beta2 ** step;
    t.push(step);
    m.push(1 / b1);
    s.push(1 / b2);
    lr.push(Math.sqrt(b2) / b1);
  }
  return { t, m, s, lr };
}

/**
 * The first `count` steps of a race run of Adam (race.mjs run(): its grads, points and
 * slots) for coordinate `axis`, with settings { lrAdaptive, beta1, beta2 }: per step t the
 * gradient g, the optimizer's own m (slot "momentum") and s (slot "velocity"), the corrected
 * m̂ and ŝ, the step the coordinate actually took, the step Keras's folded formula gives from
 * the read slots, and the step the uncorrected averages would give, lr·m/(√s + ε).
 */
export function adamSteps(adamRun, settings, count = 8, axis = 1) {
  const rows = [];
  const lr = settings.lrAdaptive, { beta1, beta2 } = settings, epsilon = ADAM.epsilon;
  for (let k = 0; k < Math.min(count, adamRun.slots.length); k++) {
    const t = k + 1;
    const m = adamRun.slots[k].momentum[axis], s = adamRun.slots[k].velocity[axis];
    const c1 = 1 - beta1 ** t, c2 = 1 - beta2 ** t;
    const alpha = lr * Math.sqrt(c2) / c1;
    rows.push({ t, g: adamRun.grads[k][axis], m, s, mHat: m / c1, sHat: s / c2,
      taken: adamRun.points[k + 1][axis] - adamRun.points[k][axis],
      keras: -alpha * m / (Math.sqrt(s) + epsilon),
      uncorrected: -lr * m / (Math.sqrt(s) + epsilon) });
  }
  return rows;
}

/**
 * Adam and Nadam (settings' β₁, β₂) on one weight whose gradient is +1 for `flip` steps and
 * then −1: the update of every step (the library's optimizer.step on a 1-element array), and
 * how many steps after the flip each first moves the other way.
 */
export function turningPoint(settings, { flip = 60, steps = 100, learningRate = 0.01 } = {}) {
  const out = { t: Array.from({ length: steps }, (_, i) => i + 1), flip };
  for (const kind of ['adam', 'nadam']) {
    const opt = optimizers[kind]({ learningRate, beta1: settings.beta1, beta2: settings.beta2 });
    const w = new Float32Array(1), updates = [];
    try {
      for (let t = 1; t <= steps; t++) {
        const before = w[0];
        opt.step(w, new Float32Array([t <= flip ? 1 : -1]));
        updates.push((w[0] - before) / learningRate);
      }
    } finally {
      opt.dispose();
    }
    out[kind] = updates;
    const reversed = updates.findIndex((u, i) => i >= flip && u > 0);
    out[`${kind}Turn`] = reversed < 0 ? null : reversed + 1 - flip;
  }
  return out;
}
