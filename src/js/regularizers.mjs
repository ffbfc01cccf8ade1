// regularizers.mjs — regularizers.l1(0.01), regularizers.l2({ l2: 0.01 }), regularizers.l1l2({
// l1, l2 }) (Keras 3 keras.regularizers.L1, L2, L1L2; registry/regularizers.mjs) and the
// reader of a layer's regularizer option: a Regularizer, its getConfig() ({ className,
// config }, as Keras serializes it), or a name ('l1', 'l2', 'l1l2' / 'l1_l2'). A layer's config
// holds the { className, config } form; the C core receives its (l1, l2) factors.
import { REGULARIZERS, regularizerNames } from './registry/regularizers.mjs';
import { checkKeys, own, readOptions } from './registry/options.mjs';
import { describe, fail } from './validate.mjs';

const CHECKED = Symbol('checked regularizer config');

export class Regularizer {
  #className; #config;

  /** @internal use regularizers.l1(), l2(), l1l2() */
  constructor(className, config, token) {
    if (token !== CHECKED) throw new Error(`Regularizer: use regularizers.l1(), l2() or l1l2(); the constructor is internal, got ${describe(className)}`);
    this.#className = className;
    this.#config = Object.freeze({ ...config });
    Object.freeze(this);
  }

  get className() { return this.#className; }
  /** { className, config }, as Keras's serialize_keras_object writes it. */
  getConfig() { return { className: this.#className, config: { ...this.#config } }; }
  /** The penalty of a list of numbers: l1·Σ|x| + l2·Σx² (Keras's __call__). */
  penalty(values) {
    const [l1, l2] = REGULARIZERS[this.#className].factors(this.#config);
    let s1 = 0, s2 = 0;
    for (const v of values) { s1 += Math.abs(v); s2 += v * v; }
    return l1 * s1 + l2 * s2;
  }
}

function make(className, where, options) {
  const entry = REGULARIZERS[className];
  const keys = Object.keys(entry.options);
  // Keras's positional form: regularizers.l1(0.01), regularizers.l1l2(0.01, 0.02).
  let given = options;
  if (typeof options === 'number') given = { [keys[0]]: options };
  return new Regularizer(className, readOptions(where, entry.options, given), CHECKED);
}

export const regularizers = Object.freeze(Object.fromEntries(Object.entries(REGULARIZERS).map(([className, entry]) => {
  const where = `regularizers.${entry.factory}`;
  return [entry.factory, className === 'L1L2'
    ? (options, l2) => make(className, where, typeof options === 'number' || typeof l2 === 'number' ? { l1: options ?? 0, l2: l2 ?? 0 } : options)
    : (options) => make(className, where, options)];
})));

/** A layer's regularizer option (a Regularizer, { className, config } or a name) → its
 *  { className, config } with every factor, checked; `key` names the option in errors. */
export function readRegularizer(where, key, value) {
  if (value instanceof Regularizer) return value.getConfig();
  if (typeof value === 'string') {
    const name = value === 'l1_l2' ? 'l1l2' : value;
    const className = Object.keys(REGULARIZERS).find((c) => REGULARIZERS[c].factory === name);
    if (!className) fail(where, key, `one of ${regularizerNames().map((n) => `'${n}'`).join(', ')}, regularizers.l1(...) or { className, config }`, value);
    return make(className, `${where}: ${key}`, REGULARIZERS[className].nameDefaults).getConfig();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(where, key, "a regularizer: regularizers.l1(0.01), regularizers.l2(0.01), regularizers.l1l2({ l1, l2 }), 'l1', 'l2', 'l1l2' or { className: 'L2', config: { l2 } }", value);
  }
  checkKeys(`${where}: ${key}`, value, ['className', 'config']);
  const className = own(value, 'className');
  if (typeof className !== 'string' || !Object.hasOwn(REGULARIZERS, className)) {
    fail(where, `${key}.className`, `one of ${Object.keys(REGULARIZERS).join(', ')}`, className);
  }
  const config = Object.hasOwn(value, 'config') ? value.config : {}; // null is refused, never the default
  return make(className, `${where}: ${key}.config`, config).getConfig();
}

/** The (l1, l2) factors of a regularizer config, for the C core. */
export const regularizerFactors = (c) => REGULARIZERS[c.className].factors(c.config);
