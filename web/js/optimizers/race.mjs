// race.mjs — chapter 1's computation, no DOM: the seven optimizers (how to build each with
// simdtrain, and the same in Keras), one run of an optimizer down a surface, and the
// AdaGrad / RMSProp accumulators of a run, read from the optimizers' own state.
import { optimizers } from '../../lib/simdtrain/index.mjs';
import { pyFloat } from '../../lib/simdtrain/keras_export.mjs';
import { optimizerDefaults } from '../lib/engine.mjs';
import { PALETTE } from '../lib/line.mjs';

/** Python spelling of a float, as Keras wants it (1 → 1.0). */
export const py = (v) => pyFloat(+v.toPrecision(6));

// The seven optimizers: how to build each with simdtrain, and the same in Keras. settings:
// { lrPlain, lrAdaptive, momentum, rho, beta1, beta2 }. `slots` names the optimizer state
// run() records after every step (Keras's slot names, read with getSlots()).
const betas = (s) => `beta_1=${py(s.beta1)}, beta_2=${py(s.beta2)}`;
export const OPTIMIZERS = [
  { id: 'sgd', name: 'SGD', family: 'plain', make: (s) => optimizers.sgd({ learningRate: s.lrPlain }),
    keras: (s) => `keras.optimizers.SGD(learning_rate=${py(s.lrPlain)})` },
  { id: 'momentum', name: 'Momentum', family: 'plain', make: (s) => optimizers.sgd({ learningRate: s.lrPlain, momentum: s.momentum }),
    keras: (s) => `keras.optimizers.SGD(learning_rate=${py(s.lrPlain)}, momentum=${py(s.momentum)})` },
  { id: 'nesterov', name: 'Nesterov', family: 'plain',
    make: (s) => optimizers.sgd({ learningRate: s.lrPlain, momentum: s.momentum, nesterov: true }),
    keras: (s) => `keras.optimizers.SGD(learning_rate=${py(s.lrPlain)}, momentum=${py(s.momentum)}, nesterov=True)` },
  { id: 'adagrad', name: 'AdaGrad', family: 'adaptive', slots: ['accumulator'], make: (s) => optimizers.adagrad({ learningRate: s.lrAdaptive }),
    keras: (s) => `keras.optimizers.Adagrad(learning_rate=${py(s.lrAdaptive)})` },
  { id: 'rmsprop', name: 'RMSProp', family: 'adaptive', slots: ['velocity'],
    make: (s) => optimizers.rmsprop({ learningRate: s.lrAdaptive, rho: s.rho }),
    keras: (s) => `keras.optimizers.RMSprop(learning_rate=${py(s.lrAdaptive)}, rho=${py(s.rho)})` },
  { id: 'adam', name: 'Adam', family: 'adaptive', slots: ['momentum', 'velocity'],
    make: (s) => optimizers.adam({ learningRate: s.lrAdaptive, beta1: s.beta1, beta2: s.beta2 }),
    keras: (s) => `keras.optimizers.Adam(learning_rate=${py(s.lrAdaptive)}, ${betas(s)})` },
  { id: 'nadam', name: 'Nadam', family: 'adaptive', make: (s) => optimizers.nadam({ learningRate: s.lrAdaptive, beta1: s.beta1, beta2: s.beta2 }),
    keras: (s) => `keras.optimizers.Nadam(learning_rate=${py(s.lrAdaptive)}, ${betas(s)})` },
];
OPTIMIZERS.forEach((o, i) => { o.color = PALETTE[i]; });
export const DASH = { nesterov: '6 3', nadam: '6 3' };

/** Distance from p to the nearest minimum of surface s. */
export const distance = (s, [x, y]) => Math.min(...s.minima.map(([a, b]) => Math.hypot(x - a, y - b)));

/**
 * Run optimizer `o` for `steps` steps on surface `s` from `start`. Returns { points, grads,
 * slots, diverged }: points[k] is the position after k steps, grads[k] the gradient fed at
 * step k, slots[k] (optimizers that name `slots`) { name: [x, y] } after step k, read from
 * the optimizer's C state (getSlots(), Keras's slot names).
 * A run stops early (diverged) when the gradient or the position stops being finite or the
 * point flies far outside the plot.
 */
export function run(o, s, start, settings, steps) {
  const opt = o.make(settings);
  const p = new Float32Array(start);
  const points = [[p[0], p[1]]], grads = [], slots = [];
  const far = 50 * Math.max(s.x[1] - s.x[0], s.y[1] - s.y[0]);
  let diverged = false;
  try {
    for (let k = 0; k < steps; k++) {
      const g = s.grad(p[0], p[1]);
      if (!Number.isFinite(g[0]) || !Number.isFinite(g[1]) || Math.abs(g[0]) > 1e30 || Math.abs(g[1]) > 1e30) { diverged = true; break; }
      opt.step(p, new Float32Array(g));
      grads.push(g);
      if (o.slots) {
        const state = opt.getSlots()[0].slots;
        slots.push(Object.fromEntries(o.slots.map((name) => [name, [state[name][0], state[name][1]]])));
      }
      points.push([p[0], p[1]]);
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.hypot(p[0], p[1]) > far) { diverged = true; break; }
    }
  } finally {
    opt.dispose();
  }
  return { points, grads, slots, diverged };
}

// The library's (Keras's) epsilons, for the effective step size lr / √(acc + ε).
const EPSILON = { adagrad: optimizerDefaults('adagrad').epsilon, rmsprop: optimizerDefaults('rmsprop').epsilon };

/**
 * AdaGrad's and RMSProp's accumulators of g_y² along `runs` on surface s (as each optimizer
 * holds them after every step: AdaGrad's `accumulator`, RMSprop's `velocity`), and the step
 * size per unit gradient lr / √(acc + ε) they give.
 */
export function accumulators(s, runs, lr) {
  const steps = [], adaAcc = [], rmsAcc = [], adaEff = [], rmsEff = [];
  const ada = runs.adagrad.slots.map((x) => x.accumulator[1]), rms = runs.rmsprop.slots.map((x) => x.velocity[1]);
  for (let k = 0; k < s.steps; k++) {
    steps.push(k + 1);
    adaAcc.push(k < ada.length ? ada[k] : null);
    adaEff.push(k < ada.length ? lr / Math.sqrt(ada[k] + EPSILON.adagrad) : null);
    rmsAcc.push(k < rms.length ? rms[k] : null);
    rmsEff.push(k < rms.length ? lr / Math.sqrt(rms[k] + EPSILON.rmsprop) : null);
  }
  return { steps, adaAcc, rmsAcc, adaEff, rmsEff };
}

/** The race in Keras 3: surface s, settings (as OPTIMIZERS), start [x, y]. */
export function kerasSnippet(s, settings, start) {
  const lines = OPTIMIZERS.map((o) => `    "${o.name}": ${o.keras(settings)},`);
  return `import numpy as np
import keras

def grad(x, y):  # f(x, y) = ${s.py.f}
    return np.array(${s.py.grad}, dtype="float32")

optimizers = {
${lines.join('\n')}
}
for name, optimizer in optimizers.items():
    w = keras.Variable([${py(start[0])}, ${py(start[1])}])
    for step in range(${s.steps}):
        x, y = w.numpy()
        optimizer.apply([grad(x, y)], [w])
    print(name, w.numpy())`;
}
