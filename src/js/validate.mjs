// validate.mjs — argument checking for the public API. Every failure throws an Error
// whose message names the function and argument, what was expected and what was given:
//   "dense: units must be a positive integer, got -3"

export function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `an object with keys [${Object.keys(value).join(', ')}]`;
}

export function fail(where, what, expected, got) {
  throw new Error(`${where}: ${what} must be ${expected}, got ${describe(got)}`);
}

/** Refuse anything but an options object with allowed keys; returns its own enumerable
 *  properties in a null-prototype object, so no caller can read an inherited option. */
export function checkOptions(where, options, allowed) {
  if (options === undefined) return Object.create(null);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail(where, 'options', 'an object', options);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new Error(`${where}: unknown option ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`);
    }
  }
  return Object.assign(Object.create(null), options);
}

export function checkInteger(where, name, value, min, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    fail(where, name, range, value);
  }
  return value;
}

export function checkNumber(where, name, value, { min = -Infinity, max = Infinity, minExclusive = false,
  maxExclusive = false } = {}) {
  // Compared only once known to be a number: a Symbol or an object's valueOf must not run or throw.
  const ok = typeof value === 'number' && Number.isFinite(value)
    && (minExclusive ? value > min : value >= min) && (maxExclusive ? value < max : value <= max);
  if (!ok) {
    const lo = min === -Infinity ? '' : `${minExclusive ? '>' : '>='} ${min}`;
    const hi = max === Infinity ? '' : `${maxExclusive ? '<' : '<='} ${max}`;
    fail(where, name, `a finite number${lo || hi ? ' ' : ''}${[lo, hi].filter(Boolean).join(' and ')}`, value);
  }
  return value;
}

export function checkBoolean(where, name, value) {
  if (typeof value !== 'boolean') fail(where, name, 'true or false', value);
  return value;
}

export function checkName(where, name, value, names) {
  if (typeof value !== 'string' || !names.includes(value)) {
    fail(where, name, `one of ${names.map((n) => `'${n}'`).join(', ')}`, value);
  }
  return value;
}

export function checkFunction(where, name, value) {
  if (typeof value !== 'function') fail(where, name, 'a function', value);
  return value;
}
