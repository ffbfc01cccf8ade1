// optimizers.mjs — the Keras 3 optimizers (keras/src/optimizers/*.py): for each kind its
// Keras class, the hyperparameters it takes with Keras's defaults, and the table of every
// hyperparameter (Keras argument name — also the C vocabulary's name, src/vocab.def — and
// valid range). The options common to all kinds (clipping, weight decay) are off unless given.
const positive = { min: 0, minExclusive: true };
const unit = { min: 0, max: 1 };
const unitOpen = { min: 0, max: 1, maxExclusive: true };
const nonNegative = { min: 0 };

export const HYPERPARAMETERS = Object.freeze({
  learningRate: { keras: 'learning_rate', kind: 'number', ...positive },
  momentum: { keras: 'momentum', kind: 'number', ...unit },
  nesterov: { keras: 'nesterov', kind: 'boolean' },
  beta1: { keras: 'beta_1', kind: 'number', ...unitOpen },
  beta2: { keras: 'beta_2', kind: 'number', ...unitOpen },
  epsilon: { keras: 'epsilon', kind: 'number', ...nonNegative },
  rho: { keras: 'rho', kind: 'number', ...unitOpen },
  centered: { keras: 'centered', kind: 'boolean' },
  amsgrad: { keras: 'amsgrad', kind: 'boolean' },
  initialAccumulatorValue: { keras: 'initial_accumulator_value', kind: 'number', ...nonNegative },
  weightDecay: { keras: 'weight_decay', kind: 'number', ...nonNegative },
  clipValue: { keras: 'clipvalue', kind: 'number', ...nonNegative },
  clipNorm: { keras: 'clipnorm', kind: 'number', ...nonNegative },
  globalClipNorm: { keras: 'global_clipnorm', kind: 'number', ...nonNegative },
});

/** Accepted by every kind, in Keras's signature order; absent (off) unless given (Keras: None). */
export const COMMON_HYPERPARAMETERS = Object.freeze(['weightDecay', 'clipNorm', 'clipValue', 'globalClipNorm']);
export const CLIP_HYPERPARAMETERS = Object.freeze(['clipValue', 'clipNorm', 'globalClipNorm']);

// slots: Keras's names of the per-weight state, in the order C stores them (src/optim/<kind>.c);
// a step keeps the first k of them, k depending on the options (SGD without momentum: none).
export const OPTIMIZERS = Object.freeze({
  sgd: { kerasClass: 'SGD', defaults: { learningRate: 0.01, momentum: 0, nesterov: false }, slots: ['momentum'] },
  adagrad: { kerasClass: 'Adagrad', defaults: { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 },
    slots: ['accumulator'] },
  rmsprop: { kerasClass: 'RMSprop', defaults: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
    slots: ['velocity', 'momentum', 'average_gradient'] },
  adam: { kerasClass: 'Adam', defaults: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false },
    slots: ['momentum', 'velocity', 'velocity_hat'] },
  nadam: { kerasClass: 'Nadam', defaults: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    slots: ['momentum', 'velocity'] },
  adamw: { kerasClass: 'AdamW',
    defaults: { learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false },
    slots: ['momentum', 'velocity', 'velocity_hat'] },
  adamax: { kerasClass: 'Adamax', defaults: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, slots: ['m', 'u'] },
  adadelta: { kerasClass: 'Adadelta', defaults: { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 },
    slots: ['accumulated_grad', 'accumulated_delta_var'] },
});

export const optimizerNames = () => Object.keys(OPTIMIZERS);

/** The option table of a kind: its own hyperparameters with their defaults, then the common ones. */
export function optionTable(kind) {
  const { defaults } = OPTIMIZERS[kind];
  const table = {};
  for (const key of [...Object.keys(defaults), ...COMMON_HYPERPARAMETERS]) {
    table[key] = key in defaults ? { ...HYPERPARAMETERS[key], default: defaults[key] } : { ...HYPERPARAMETERS[key], optional: true };
  }
  return table;
}

/** Keras allows at most one of clipvalue, clipnorm, global_clipnorm (base_optimizer.py). */
export function checkOneClip(where, config) {
  const set = CLIP_HYPERPARAMETERS.filter((k) => config[k] !== undefined && config[k] > 0);
  if (set.length > 1) {
    throw new Error(`${where}: only one of clipValue, clipNorm, globalClipNorm may be set, got ${set.join(' and ')}`);
  }
}
