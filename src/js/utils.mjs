// utils.mjs — small data helpers Keras users reach for: utils.toCategorical (keras.utils.
// to_categorical: class ids → one-hot rows) and utils.argMax (the class of each row of
// predictions, as np.argmax(p, axis=-1); ties go to the first, as NumPy's).
import { describe, fail } from './validate.mjs';

const MAX_CLASSES = 1 << 20;

/** Class ids (number[] or an integer typed array) → one-hot rows, a flat Float32Array of n × numClasses. */
function toCategorical(labels, numClasses) {
  const where = 'utils.toCategorical';
  const ok = Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView));
  if (!ok || labels.length === 0) fail(where, 'labels', 'a non-empty number[] or typed array of class ids', labels);
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0 || v >= MAX_CLASSES) fail(where, `labels[${i}]`, `an integer class id in [0, ${MAX_CLASSES - 1}]`, v);
    if (v > max) max = v;
  }
  const classes = numClasses === undefined ? max + 1 : numClasses;
  if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) {
    fail(where, 'numClasses', `an integer in [1, ${MAX_CLASSES}]`, numClasses);
  }
  if (max >= classes) throw new Error(`${where}: labels must be < numClasses (${classes}), got ${max}`);
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return out;
}

/** Row-major values (a flat Float32Array of n × classes, or number[][]) → the index of each row's maximum. */
function argMax(values, classes) {
  const where = 'utils.argMax';
  let flat;
  if (Array.isArray(values) && values.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) {
    classes ??= values[0]?.length;
    if (values.some((row) => row.length !== classes)) fail(where, 'values', `rows of ${classes} numbers each`, values);
    flat = Float32Array.from(values.flat());
  } else if (values instanceof Float32Array || values instanceof Float64Array) {
    flat = values;
  } else {
    fail(where, 'values', 'a Float32Array of n × classes (model.predict) or number[][]', values);
  }
  if (!Number.isInteger(classes) || classes < 1 || flat.length % classes !== 0 || flat.length === 0) {
    throw new Error(`${where}: classes must be an integer >= 1 dividing the ${flat.length} values, got ${describe(classes)}`);
  }
  const out = new Int32Array(flat.length / classes);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (flat[r * classes + c] > flat[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

export const utils = Object.freeze({ toCategorical, argMax });
