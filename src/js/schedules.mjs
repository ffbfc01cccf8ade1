// schedules.mjs — learning-rate schedules (optimizers.schedules.exponentialDecay(), ...),
// made from the schedule registry (registry/schedules.mjs). A Schedule holds its checked
// parameters; the formulas exist once, in C (src/optim/schedule.c): at(step) and the
// optimizer both ask C. getConfig() gives { schedule, ...parameters }, the serialized form
// of model files and the worker protocol; scheduleFromConfig() reads it back.
import * as bridge from './bridge.mjs';
import { own, readOptions } from './registry/options.mjs';
import { SCHEDULES } from './registry/schedules.mjs';
import { describe, fail } from './validate.mjs';

export class Schedule {
  #name; #params;

  /** @internal use optimizers.schedules.<name>() */
  constructor(name, params) {
    this.#name = name;
    this.#params = params;
    for (const [key, value] of Object.entries(params)) Object.defineProperty(this, key, { value, enumerable: true });
    Object.freeze(this);
  }

  /** The schedule's name (exponentialDecay, ...). */
  get schedule() { return this.#name; }
  getConfig() { return { schedule: this.#name, ...structuredClone({ ...this.#params }) }; }

  /** A C schedule with these parameters; the caller frees it (bridge.scheduleFree). */
  toC(where) {
    const s = bridge.scheduleCreate(where, bridge.code('schedule', SCHEDULES[this.#name].keras));
    try {
      for (const [key, spec] of Object.entries(SCHEDULES[this.#name].params)) {
        const value = this.#params[key];
        if (spec.kind === 'pieces' || value === undefined) continue;
        bridge.scheduleSet(where, s, bridge.code('schedule_parameter', spec.keras), value);
      }
      if (this.#params.values) bridge.scheduleSetPieces(where, s, this.#params.boundaries, this.#params.values);
    } catch (error) {
      bridge.scheduleFree(s);
      throw error;
    }
    return s;
  }

  /** The learning rate at raw step `step` (0 for the first update), computed by C. */
  at(step) {
    const where = `schedules.${this.#name}.at`;
    if (typeof step !== 'number' || !(step >= 0)) fail(where, 'step', 'a number >= 0', step);
    const s = this.toC(where);
    try {
      return bridge.scheduleValue(where, s, step);
    } finally {
      bridge.scheduleFree(s);
    }
  }
}

function factory(name) {
  const where = `schedules.${name}`;
  const entry = SCHEDULES[name];
  return (options) => {
    const params = readOptions(where, entry.params, options);
    entry.check?.(where, params);
    return new Schedule(name, params);
  };
}

export const schedules = Object.freeze(Object.fromEntries(Object.keys(SCHEDULES).map((n) => [n, factory(n)])));

/** { schedule, ...parameters } → a Schedule (a Schedule is returned as it is). */
export function scheduleFromConfig(where, value, what = 'schedule') {
  if (value instanceof Schedule) return value;
  const name = own(value, 'schedule');
  if (typeof name !== 'string' || !Object.hasOwn(SCHEDULES, name)) {
    throw new Error(`${where}: ${what} must be one of ${Object.keys(SCHEDULES).join(', ')}, got ${describe(name ?? value)}`);
  }
  const { schedule, ...params } = value;
  for (const [k, v] of Object.entries(params)) if (v === null) delete params[k]; // Keras's None
  return schedules[name](params);
}

