// state.mjs — the playground's whole state as a flat object of strings and numbers, its
// URL-hash form (#ds=spiral&noise=0.2&…, shareable: loading the hash restores every
// control), and the network spec (lib/engine.mjs) it describes. Pure functions, no DOM.
import { DATASETS } from '../lib/datasets.mjs';
import { ACTIVATIONS, CLIPS, INITIALIZERS, OPTIMIZERS, OPTIMIZER_CHOICES, REGULARIZERS, optimizerDefaults } from '../lib/engine.mjs';

export const HYPERPARAMETERS = ['momentum', 'beta1', 'beta2', 'epsilon', 'rho', 'initialAccumulatorValue', 'weightDecay'];

// One value per hyperparameter, shared by the optimizers that take it: Keras's defaults, read
// from the library (rho: RMSprop's), except momentum, 0.9 for the Momentum and Nesterov
// choices (Keras's SGD default is 0, which would make them plain SGD).
const adam = optimizerDefaults('adam');
export const DEFAULTS = Object.freeze({
  dataset: 'circle', noise: 0.1, trainRatio: 0.5, seed: 1,
  layers: 2, units: 8, activation: 'tanh', initializer: 'glorotUniform', batchNorm: false,
  optimizer: 'adam', learningRate: 0.03, batchSize: 10, clip: 'none', clipValue: 1,
  regularization: 'none', regularizationRate: 0.001,
  momentum: 0.9, beta1: adam.beta1, beta2: adam.beta2, epsilon: adam.epsilon, rho: optimizerDefaults('rmsprop').rho,
  initialAccumulatorValue: optimizerDefaults('adagrad').initialAccumulatorValue,
  weightDecay: optimizerDefaults('adamw').weightDecay,
});

// Short keys keep the link readable.
const KEYS = { dataset: 'ds', noise: 'noise', trainRatio: 'train', seed: 'seed', layers: 'layers', units: 'units',
  activation: 'act', initializer: 'init', batchNorm: 'bn', optimizer: 'opt', learningRate: 'lr', batchSize: 'batch',
  clip: 'clip', clipValue: 'clipv', regularization: 'reg', regularizationRate: 'regr', momentum: 'mom', beta1: 'b1',
  beta2: 'b2', epsilon: 'eps', rho: 'rho', initialAccumulatorValue: 'acc', weightDecay: 'wd' };

const CHOICES = { dataset: DATASETS, activation: ACTIVATIONS, initializer: INITIALIZERS, optimizer: OPTIMIZERS, clip: CLIPS,
  regularization: REGULARIZERS };
const RANGES = { noise: [0, 0.5], trainRatio: [0.1, 0.9], seed: [0, 4294967295], layers: [0, 8], units: [1, 32],
  learningRate: [1e-5, 10], batchSize: [1, 400], clipValue: [1e-4, 1e4], regularizationRate: [1e-6, 10],
  momentum: [0, 0.999], beta1: [0, 0.999], beta2: [0, 0.9999], epsilon: [0, 1], rho: [0, 0.999], initialAccumulatorValue: [0, 10], weightDecay: [0, 1] };
const INTEGERS = new Set(['seed', 'layers', 'units', 'batchSize']);

/** The hyperparameters the chosen optimizer takes (besides learning rate). */
export function hyperparametersOf(optimizer) {
  return OPTIMIZER_CHOICES[optimizer].shows;
}

/** Check and complete a state: unknown values fall back to the defaults. */
export function normalize(partial) {
  const state = { ...DEFAULTS };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (!(key in DEFAULTS)) continue;
    if (CHOICES[key]) {
      if (CHOICES[key].includes(value)) state[key] = value;
    } else if (key === 'batchNorm') {
      state[key] = value === true || value === '1' || value === 'true';
    } else {
      let v = Number(value);
      if (!Number.isFinite(v)) continue;
      if (INTEGERS.has(key)) v = Math.round(v);
      const [lo, hi] = RANGES[key];
      state[key] = Math.min(hi, Math.max(lo, v));
    }
  }
  return state;
}

/** state → "ds=circle&noise=0.1&…" (only the optimizer's own hyperparameters; reg and regr only when
 *  a regularizer is on, so the links made before it existed stay what they were). */
export function toHash(state) {
  const params = new URLSearchParams();
  const shown = new Set(hyperparametersOf(state.optimizer));
  for (const [key, short] of Object.entries(KEYS)) {
    if (HYPERPARAMETERS.includes(key) && !shown.has(key)) continue;
    if (key === 'clipValue' && state.clip === 'none') continue;
    if ((key === 'regularization' || key === 'regularizationRate') && state.regularization === 'none') continue;
    const v = state[key];
    params.set(short, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return params.toString();
}

/** "#ds=circle&…" (with or without '#') → a complete state. */
export function fromHash(hash) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const partial = {};
  for (const [key, short] of Object.entries(KEYS)) if (params.has(short)) partial[key] = params.get(short);
  return normalize(partial);
}

/** The engine spec of a state. */
export function specOf(state) {
  const optimizer = { name: state.optimizer, learningRate: state.learningRate };
  for (const key of hyperparametersOf(state.optimizer)) optimizer[key] = state[key];
  return {
    seed: state.seed, hidden: Array.from({ length: state.layers }, () => state.units),
    activation: state.activation, initializer: state.initializer, batchNorm: state.batchNorm, optimizer,
    clip: { kind: state.clip, value: state.clipValue },
    regularizer: { kind: state.regularization, rate: state.regularizationRate },
  };
}
