// options.mjs — reads a user's options object against an option table, the one format in
// which the registry states every option of every layer, optimizer, schedule and loss:
//   { units: { kind: 'integer', min: 1, max: 2 ** 20, required: true, keras: 'units' },
//     activation: { kind: 'name', names: () => [...], default: 'linear', keras: 'activation' } }
// kinds: integer (min, max), number (min, max, minExclusive, maxExclusive), boolean, name
// (one of names()), shape (array of positive integers), identifier (a layer name), pieces
// (an array its owner checks), string (non-empty), function, pair (an integer in [min, max]
// or an array of two: Keras's int-or-tuple kernel_size, strides, pool_size; read as [a, b]),
// regularizer (a Regularizer, its { className, config } or a name; read as { className, config }).
// An option is required, or has a default, or is optional (absent stays absent). Only own
// properties of the options object count: inherited ones (a polluted Object.prototype) do not.
import { readRegularizer } from '../regularizers.mjs';
import { checkBoolean, checkFunction, checkInteger, checkName, checkNumber, describe, fail } from '../validate.mjs';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The value of one own property, or undefined. */
export const own = (object, key) => (object != null && Object.hasOwn(object, key) ? object[key] : undefined);

/** Check one value against its option spec; returns it. */
export function checkOption(where, key, spec, value) {
  switch (spec.kind) {
    case 'integer': return checkInteger(where, key, value, spec.min ?? 0, spec.max);
    case 'number': return checkNumber(where, key, value, spec);
    case 'boolean': return checkBoolean(where, key, value);
    case 'name': return checkName(where, key, value, spec.names());
    case 'identifier':
      if (typeof value !== 'string' || !IDENTIFIER.test(value)) fail(where, key, 'an identifier string', value);
      return value;
    case 'shape':
      if (!Array.isArray(value) || value.length === 0 || value.length > (spec.maxRank ?? Infinity)) {
        fail(where, key, `an array of 1 to ${spec.maxRank ?? 'any number of'} positive integers, like [2] or [28, 28, 1]`, value);
      }
      value.forEach((n, i) => checkInteger(where, `${key}[${i}]`, n, 1, spec.max));
      return [...value];
    case 'pair': {
      const range = `an integer in [${spec.min}, ${spec.max}] or an array of two`;
      if (typeof value === 'number') return [checkInteger(where, key, value, spec.min, spec.max), value];
      if (!Array.isArray(value) || value.length !== 2) fail(where, key, range, value);
      return value.map((n, i) => checkInteger(where, `${key}[${i}]`, n, spec.min, spec.max));
    }
    case 'regularizer': return readRegularizer(where, key, value);
    case 'pieces': return value; // checked as a whole by its owner (schedules.mjs)
    case 'string':
      if (typeof value !== 'string' || value.length === 0) fail(where, key, 'a non-empty string', value);
      return value;
    case 'function': return checkFunction(where, key, value);
    default: throw new Error(`${where}: option table entry ${key} has an unknown kind ${describe(spec.kind)}`);
  }
}

/** Refuse anything but a plain options object and keys outside the table. */
export function checkKeys(where, options, keys) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) fail(where, 'options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) throw new Error(`${where}: unknown option ${JSON.stringify(key)}; expected one of ${keys.join(', ')}`);
  }
  return options;
}

/**
 * options → a full config: every option of the table, given or defaulted, checked; optional
 * options left out when not given. `undefined` counts as not given.
 */
export function readOptions(where, table, options) {
  const given = checkKeys(where, options, Object.keys(table));
  const config = Object.create(null); // no inherited keys: an absent option never reads Object.prototype
  for (const [key, spec] of Object.entries(table)) {
    let value = own(given, key);
    if (value === undefined) {
      if (spec.required) {
        config[key] = checkOption(where, key, spec, value); // fails, saying what was expected
        continue;
      }
      if (!('default' in spec)) continue;
      value = spec.default;
    }
    config[key] = checkOption(where, key, spec, value);
  }
  return config;
}
