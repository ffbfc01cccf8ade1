// callbacks.mjs — the built-in training callbacks (keras/src/callbacks/*.py): for each its
// Keras class and its options (Keras argument name, kind, range, default).
const monitor = { keras: 'monitor', kind: 'string', default: 'val_loss' };
const mode = { keras: 'mode', kind: 'name', names: () => ['auto', 'min', 'max'], default: 'auto' };
const verbose = { keras: 'verbose', kind: 'integer', min: 0, max: 1, default: 0 };

export const CALLBACKS = Object.freeze({
  earlyStopping: { kerasClass: 'EarlyStopping', options: {
    monitor,
    minDelta: { keras: 'min_delta', kind: 'number', default: 0 },
    patience: { keras: 'patience', kind: 'integer', min: 0, default: 0 },
    verbose,
    mode,
    baseline: { keras: 'baseline', kind: 'number', min: -Infinity, optional: true },
    restoreBestWeights: { keras: 'restore_best_weights', kind: 'boolean', default: false },
    startFromEpoch: { keras: 'start_from_epoch', kind: 'integer', min: 0, default: 0 },
  } },
  reduceLROnPlateau: { kerasClass: 'ReduceLROnPlateau', options: {
    monitor,
    factor: { keras: 'factor', kind: 'number', min: 0, max: 1, maxExclusive: true, default: 0.1 },
    patience: { keras: 'patience', kind: 'integer', min: 0, default: 10 },
    verbose,
    mode,
    minDelta: { keras: 'min_delta', kind: 'number', min: 0, default: 1e-4 },
    cooldown: { keras: 'cooldown', kind: 'integer', min: 0, default: 0 },
    minLr: { keras: 'min_lr', kind: 'number', min: 0, default: 0 },
  } },
  learningRateScheduler: { kerasClass: 'LearningRateScheduler', options: {
    schedule: { keras: 'schedule', kind: 'function', required: true },
    verbose,
  } },
  terminateOnNaN: { kerasClass: 'TerminateOnNaN', options: {} },
});
