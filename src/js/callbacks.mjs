// callbacks.mjs — training callbacks with Keras's hooks (keras/src/callbacks/callback.py) in
// camelCase: onTrainBegin/End, onEpochBegin/End, onBatchBegin/End. fit({ callbacks }) takes
// Callback objects or any object with some of the hooks. The built-ins follow Keras 3's
// EarlyStopping, ReduceLROnPlateau, LearningRateScheduler and TerminateOnNaN
// (keras/src/callbacks/*.py), options from registry/callbacks.mjs.
import { CALLBACKS } from './registry/callbacks.mjs';
import { readOptions } from './registry/options.mjs';
import { Schedule } from './schedules.mjs';
import { describe, fail } from './validate.mjs';

export const HOOKS = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'];

/** Base class: every hook does nothing; fit sets `model` before onTrainBegin. */
export class Callback {
  setModel(model) { this.model = model; }
  onTrainBegin() {}
  onTrainEnd() {}
  onEpochBegin() {}
  onEpochEnd() {}
  onBatchBegin() {}
  onBatchEnd() {}
}

/** Whether a callback object really implements a hook (not the base class's no-op). */
export const implementsHook = (cb, hook) => typeof cb[hook] === 'function' && cb[hook] !== Callback.prototype[hook];

const say = (message) => console.log(message); // the verbose: 1 messages, as Keras's io_utils.print_msg

// 'auto': a quantity is maximised when its name (without val_) says accuracy, else minimised.
function direction(mode, monitor) {
  if (mode !== 'auto') return mode;
  return /acc/.test(monitor.replace(/^val_/, '')) ? 'max' : 'min';
}

function numericLearningRate(where, model) {
  const lr = model.optimizer?.learningRate;
  if (lr instanceof Schedule) {
    throw new Error(`${where}: this optimizer was created with a ${lr.schedule} schedule; its learning rate cannot be changed by a callback, got a ${lr.schedule} schedule`);
  }
  if (typeof lr !== 'number') throw new Error(`${where}: the model must be compiled with an optimizer, got ${describe(lr)}`);
  return lr;
}

class EarlyStopping extends Callback {
  constructor(o) {
    super();
    Object.assign(this, o);
    this.minDelta = Math.abs(o.minDelta);
    this.stoppedEpoch = 0;
  }

  onTrainBegin() {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestWeights = null;
    this.bestEpoch = 0;
    this.better = direction(this.mode, this.monitor) === 'max' ? (a, b) => a - this.minDelta > b : (a, b) => a + this.minDelta < b;
    this.best = direction(this.mode, this.monitor) === 'max' ? -Infinity : Infinity;
  }

  onEpochEnd(epoch, logs) {
    const current = logs?.[this.monitor];
    if (typeof current !== 'number') {
      console.warn(`earlyStopping: monitor ${this.monitor} is not in the logs; available: ${Object.keys(logs ?? {}).join(', ')}`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = this.model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.better(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.model.getWeights();
      // Restart the wait only when both the baseline and the previous best are beaten.
      if (this.baseline === undefined || this.better(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  onTrainEnd() {
    if (this.stoppedEpoch > 0 && this.verbose > 0) say(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      // Weights recorded after a non-finite epoch (terminateOnNaN stopped it) are no better
      // than the model's own, and setWeights refuses them: keep the model's.
      if (Array.isArray(this.bestWeights) && this.bestWeights.some((w) => w?.values && !w.values.every(Number.isFinite))) {
        console.warn(`earlyStopping: the best epoch's weights (epoch ${this.bestEpoch + 1}) are not finite; not restoring them`);
        return;
      }
      if (this.verbose > 0) say(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model.setWeights(this.bestWeights);
    }
  }
}

/* Keras lets ReduceLROnPlateau take the rate to 0 (factor 0, or a product that underflows, with
 * min_lr 0); the optimizers here take rates > 0 and C keeps them as float32, so a reduction
 * stops at the smallest positive float32, where updates vanish all the same. */
const SMALLEST_RATE = 2 ** -149;

class ReduceLROnPlateau extends Callback {
  constructor(o) {
    super();
    Object.assign(this, o);
    this.onTrainBegin();
  }

  onTrainBegin() {
    // An optimizer with a schedule is refused before any batch trains, not after the first epoch.
    if (this.model) numericLearningRate('reduceLROnPlateau', this.model);
    const max = this.mode === 'max' || (this.mode === 'auto' && this.monitor.includes('acc'));
    this.better = max ? (a, b) => a > b + this.minDelta : (a, b) => a < b - this.minDelta;
    this.best = max ? -Infinity : Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  onEpochEnd(epoch, logs) {
    const lr = numericLearningRate('reduceLROnPlateau', this.model);
    if (logs) logs.learning_rate = lr;
    const current = logs?.[this.monitor];
    if (typeof current !== 'number') {
      console.warn(`reduceLROnPlateau: monitor ${this.monitor} is not in the logs; available: ${Object.keys(logs ?? {}).join(', ')}`);
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.better(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      this.wait += 1;
      if (this.wait >= this.patience && lr > Math.fround(this.minLr)) {
        const next = Math.max(lr * this.factor, this.minLr, SMALLEST_RATE);
        this.model.optimizer.learningRate = next;
        if (this.verbose > 0) say(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${next}.`);
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }
}

class LearningRateScheduler extends Callback {
  constructor(o) {
    super();
    Object.assign(this, o);
  }

  onEpochBegin(epoch) {
    const where = 'learningRateScheduler';
    const lr = this.schedule(epoch, numericLearningRate(where, this.model));
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
      fail(where, `schedule(${epoch}, lr)`, 'a finite number > 0 (the learning rate for this epoch)', lr);
    }
    this.model.optimizer.learningRate = lr;
    if (this.verbose > 0) say(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  onEpochEnd(epoch, logs) {
    if (logs) logs.learning_rate = numericLearningRate('learningRateScheduler', this.model);
  }
}

class TerminateOnNaN extends Callback {
  onBatchEnd(batch, logs) {
    const loss = logs?.batchLoss ?? logs?.loss;
    if (typeof loss === 'number' && !Number.isFinite(loss)) {
      say(`Batch ${batch}: Invalid loss, terminating training`);
      this.model.stopTraining = true;
    }
  }
}

const CLASSES = { earlyStopping: EarlyStopping, reduceLROnPlateau: ReduceLROnPlateau,
  learningRateScheduler: LearningRateScheduler, terminateOnNaN: TerminateOnNaN };

export { TerminateOnNaN };

/** callbacks.earlyStopping({ ... }), ...: the built-ins, options checked as Keras's. */
export const callbacks = Object.freeze({
  Callback,
  ...Object.fromEntries(Object.entries(CALLBACKS).map(([name, entry]) => [name, (options) => {
    const o = readOptions(`callbacks.${name}`, entry.options, name === 'learningRateScheduler' && typeof options === 'function'
      ? { schedule: options } : options);
    return new CLASSES[name]({ ...o });
  }])),
});

/** fit's callbacks option: an array of objects, each with at least one hook. */
export function readCallbacks(where, list) {
  if (list === undefined) return [];
  if (!Array.isArray(list)) fail(where, 'callbacks', 'an array of callbacks (callbacks.earlyStopping(), or objects with onEpochEnd, ...)', list);
  const copy = [...list]; // a hole becomes undefined and is refused below (forEach would skip it)
  copy.forEach((cb, i) => {
    if (cb === null || typeof cb !== 'object' || !HOOKS.some((h) => typeof cb[h] === 'function')) {
      fail(where, `callbacks[${i}]`, `an object with at least one of ${HOOKS.join(', ')}`, cb);
    }
  });
  return copy;
}
