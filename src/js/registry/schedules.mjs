// schedules.mjs — the Keras 3 learning-rate schedules (keras/src/optimizers/schedules/
// learning_rate_schedule.py): for each its Keras class and its parameters (Keras argument
// name — also the C vocabulary's schedule_parameter name, src/vocab.def — default and
// range). The formulas live in C only (src/optim/schedule.c); JS asks C for values.
import { checkNumber, fail } from '../validate.mjs';

const positive = { kind: 'number', min: 0, minExclusive: true };
const MAX_PIECES = 64; // ST_SCHEDULE_MAX_PIECES

const decay = {
  initialLearningRate: { keras: 'initial_learning_rate', ...positive, required: true },
  decaySteps: { keras: 'decay_steps', ...positive, required: true },
  decayRate: { keras: 'decay_rate', kind: 'number', min: 0, required: true },
  staircase: { keras: 'staircase', kind: 'boolean', default: false },
};

export const SCHEDULES = Object.freeze({
  exponentialDecay: { kerasClass: 'ExponentialDecay', keras: 'exponential_decay', params: decay },
  inverseTimeDecay: { kerasClass: 'InverseTimeDecay', keras: 'inverse_time_decay', params: decay },
  piecewiseConstantDecay: { kerasClass: 'PiecewiseConstantDecay', keras: 'piecewise_constant_decay',
    params: {
      boundaries: { keras: 'boundaries', kind: 'pieces', required: true },
      values: { keras: 'values', kind: 'pieces', required: true },
    },
    check: checkPieces },
  polynomialDecay: { kerasClass: 'PolynomialDecay', keras: 'polynomial_decay', params: {
    initialLearningRate: { keras: 'initial_learning_rate', ...positive, required: true },
    decaySteps: { keras: 'decay_steps', ...positive, required: true },
    endLearningRate: { keras: 'end_learning_rate', kind: 'number', min: 0, default: 0.0001 },
    power: { keras: 'power', kind: 'number', min: 0, default: 1 },
    cycle: { keras: 'cycle', kind: 'boolean', default: false },
  } },
  cosineDecay: { kerasClass: 'CosineDecay', keras: 'cosine_decay', params: {
    initialLearningRate: { keras: 'initial_learning_rate', kind: 'number', min: 0, required: true },
    decaySteps: { keras: 'decay_steps', ...positive, required: true },
    alpha: { keras: 'alpha', kind: 'number', min: 0, max: 1, default: 0 },
    warmupTarget: { keras: 'warmup_target', ...positive, optional: true },
    warmupSteps: { keras: 'warmup_steps', kind: 'integer', min: 0, default: 0 },
  },
  check(where, p) {
    if (p.warmupTarget !== undefined && p.warmupSteps === 0) fail(where, 'warmupSteps', 'an integer >= 1 when warmupTarget is set', 0);
  } },
});

export const scheduleNames = () => Object.keys(SCHEDULES);

// piecewiseConstantDecay: values[i] holds up to and including boundaries[i].
function checkPieces(where, p) {
  if (!Array.isArray(p.values) || p.values.length < 1 || p.values.length > MAX_PIECES) {
    fail(where, 'values', `an array of 1 to ${MAX_PIECES} learning rates`, p.values);
  }
  if (!Array.isArray(p.boundaries) || p.boundaries.length !== p.values.length - 1) {
    fail(where, 'boundaries', `an array of ${p.values.length - 1} steps (one fewer than values)`, p.boundaries);
  }
  p.values = p.values.map((v, i) => checkNumber(where, `values[${i}]`, v, positive));
  p.boundaries = p.boundaries.map((b, i) => checkNumber(where, `boundaries[${i}]`, b, { min: 0 }));
  p.boundaries.forEach((b, i) => {
    if (i > 0 && b <= p.boundaries[i - 1]) fail(where, `boundaries[${i}]`, `greater than boundaries[${i - 1}] (${p.boundaries[i - 1]})`, b);
  });
}
