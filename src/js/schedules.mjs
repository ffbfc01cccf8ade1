// schedules.mjs — Keras 3 learning-rate schedules (keras/src/optimizers/schedules/
// learning_rate_schedule.py). Each is a frozen description the optimizer hands to C, where
// fit evaluates it at the raw iteration count; `at(step)` evaluates the same formula in JS
// for charts and tests.
import { checkBoolean, checkInteger, checkNumber, checkOptions, fail } from './validate.mjs';

export const SCHEDULE_CODES = { exponentialDecay: 1, inverseTimeDecay: 2, piecewiseConstantDecay: 3,
  polynomialDecay: 4, cosineDecay: 5 };
const MAX_PIECES = 64;

function make(name, params, at) {
  return Object.freeze({ schedule: name, ...params, at });
}

const positive = { min: 0, minExclusive: true };

function exponentialDecay(options) {
  const where = 'schedules.exponentialDecay';
  const o = checkOptions(where, options, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
  const p = {
    initialLearningRate: checkNumber(where, 'initialLearningRate', o.initialLearningRate, positive),
    decaySteps: checkNumber(where, 'decaySteps', o.decaySteps, positive),
    decayRate: checkNumber(where, 'decayRate', o.decayRate, { min: 0 }),
    staircase: checkBoolean(where, 'staircase', o.staircase ?? false),
  };
  return make('exponentialDecay', p, (step) => {
    const q = step / p.decaySteps;
    return p.initialLearningRate * p.decayRate ** (p.staircase ? Math.floor(q) : q);
  });
}

function inverseTimeDecay(options) {
  const where = 'schedules.inverseTimeDecay';
  const o = checkOptions(where, options, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
  const p = {
    initialLearningRate: checkNumber(where, 'initialLearningRate', o.initialLearningRate, positive),
    decaySteps: checkNumber(where, 'decaySteps', o.decaySteps, positive),
    decayRate: checkNumber(where, 'decayRate', o.decayRate, { min: 0 }),
    staircase: checkBoolean(where, 'staircase', o.staircase ?? false),
  };
  return make('inverseTimeDecay', p, (step) => {
    const q = step / p.decaySteps;
    return p.initialLearningRate / (1 + p.decayRate * (p.staircase ? Math.floor(q) : q));
  });
}

function piecewiseConstantDecay(options) {
  const where = 'schedules.piecewiseConstantDecay';
  const o = checkOptions(where, options, ['boundaries', 'values']);
  if (!Array.isArray(o.values) || o.values.length < 1 || o.values.length > MAX_PIECES) {
    fail(where, 'values', `an array of 1 to ${MAX_PIECES} learning rates`, o.values);
  }
  if (!Array.isArray(o.boundaries) || o.boundaries.length !== o.values.length - 1) {
    fail(where, 'boundaries', `an array of ${o.values.length - 1} steps (one fewer than values)`, o.boundaries);
  }
  const values = o.values.map((v, i) => checkNumber(where, `values[${i}]`, v, positive));
  const boundaries = o.boundaries.map((b, i) => checkNumber(where, `boundaries[${i}]`, b, { min: 0 }));
  boundaries.forEach((b, i) => {
    if (i > 0 && b <= boundaries[i - 1]) fail(where, `boundaries[${i}]`, `greater than boundaries[${i - 1}] (${boundaries[i - 1]})`, b);
  });
  return make('piecewiseConstantDecay', { boundaries, values }, (step) => {
    const i = boundaries.findIndex((b) => step <= b);
    return values[i < 0 ? values.length - 1 : i];
  });
}

function polynomialDecay(options) {
  const where = 'schedules.polynomialDecay';
  const o = checkOptions(where, options, ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle']);
  const p = {
    initialLearningRate: checkNumber(where, 'initialLearningRate', o.initialLearningRate, positive),
    decaySteps: checkNumber(where, 'decaySteps', o.decaySteps, positive),
    endLearningRate: checkNumber(where, 'endLearningRate', o.endLearningRate ?? 0.0001, { min: 0 }),
    power: checkNumber(where, 'power', o.power ?? 1, { min: 0 }),
    cycle: checkBoolean(where, 'cycle', o.cycle ?? false),
  };
  return make('polynomialDecay', p, (step) => {
    let steps = p.decaySteps;
    if (p.cycle) steps *= step === 0 ? 1 : Math.ceil(step / p.decaySteps);
    else step = Math.min(step, steps);
    return (p.initialLearningRate - p.endLearningRate) * (1 - step / steps) ** p.power + p.endLearningRate;
  });
}

function cosineDecay(options) {
  const where = 'schedules.cosineDecay';
  const o = checkOptions(where, options, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps']);
  const p = {
    initialLearningRate: checkNumber(where, 'initialLearningRate', o.initialLearningRate, { min: 0 }),
    decaySteps: checkNumber(where, 'decaySteps', o.decaySteps, positive),
    alpha: checkNumber(where, 'alpha', o.alpha ?? 0, { min: 0, max: 1 }),
    warmupTarget: o.warmupTarget === undefined ? null : checkNumber(where, 'warmupTarget', o.warmupTarget, positive),
    warmupSteps: checkInteger(where, 'warmupSteps', o.warmupSteps ?? 0, 0),
  };
  if (p.warmupTarget !== null && p.warmupSteps === 0) fail(where, 'warmupSteps', 'an integer >= 1 when warmupTarget is set', 0);
  const decay = (step, from) => from * ((1 - p.alpha) * 0.5 * (1 + Math.cos(Math.PI * (step / p.decaySteps))) + p.alpha);
  return make('cosineDecay', p, (step) => {
    if (p.warmupTarget === null) return decay(Math.min(step, p.decaySteps), p.initialLearningRate);
    const s = Math.min(step, p.decaySteps + p.warmupSteps);
    if (s < p.warmupSteps) return (p.warmupTarget - p.initialLearningRate) * (s / p.warmupSteps) + p.initialLearningRate;
    return decay(s - p.warmupSteps, p.warmupTarget);
  });
}

export const schedules = Object.freeze({ exponentialDecay, inverseTimeDecay, piecewiseConstantDecay, polynomialDecay, cosineDecay });

export function isSchedule(value) {
  return value !== null && typeof value === 'object' && Object.isFrozen(value) && SCHEDULE_CODES[value.schedule] !== undefined;
}

/** The arguments of st_optimizer_set_schedule for a schedule description. */
export function scheduleArguments(s) {
  const code = SCHEDULE_CODES[s.schedule];
  switch (s.schedule) {
    case 'exponentialDecay':
    case 'inverseTimeDecay':
      return { code, initial: s.initialLearningRate, a: s.decaySteps, b: s.decayRate, c: 0, d: 0, flag: s.staircase };
    case 'polynomialDecay':
      return { code, initial: s.initialLearningRate, a: s.decaySteps, b: s.endLearningRate, c: s.power, d: 0, flag: s.cycle };
    case 'cosineDecay':
      return { code, initial: s.initialLearningRate, a: s.decaySteps, b: s.alpha, c: s.warmupTarget ?? 0, d: s.warmupSteps, flag: s.warmupTarget !== null };
    default:
      return { code, initial: s.values[0], a: 0, b: 0, c: 0, d: 0, flag: false, boundaries: s.boundaries, values: s.values };
  }
}
