// data.mjs — turns the user's x and y (nested arrays, n × shape, or a flat row-major
// Float32Array; sparse labels as number[] or Int32Array) into flat Float32Arrays, checking
// shapes and values. Samples of rank > 1 (sequences [T, F], images [H, W, C]) are nested
// arrays of exactly that shape, or n × product(shape) floats in a Float32Array.
import { describe, fail } from './validate.mjs';

// Copy one sample of shape `shape` (nested arrays) into data at `at`, naming the path on error.
function copySample(where, path, value, shape, data, at) {
  if (shape.length === 1) {
    if (!Array.isArray(value) && !ArrayBuffer.isView(value)) throw new Error(`${where}: ${path} must be an array of ${shape[0]} numbers, got ${describe(value)}`);
    if (value.length !== shape[0]) throw new Error(`${where}: ${path} must have ${shape[0]} values, got ${value.length}`);
    for (let i = 0; i < shape[0]; i++) {
      if (typeof value[i] !== 'number') throw new Error(`${where}: ${path}[${i}] must be a number, got ${describe(value[i])}`);
      data[at + i] = value[i];
    }
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[0]) {
    throw new Error(`${where}: ${path} must be an array of ${shape[0]} (shape [${shape}]), got ${describe(value)}`);
  }
  const inner = shape.slice(1).reduce((a, n) => a * n, 1);
  for (let i = 0; i < shape[0]; i++) copySample(where, `${path}[${i}]`, value[i], shape.slice(1), data, at + i * inner);
}

/** x → { data: Float32Array, rows } with `cols` features per row (a sample of `shape`), all finite. */
export function toMatrix(where, name, value, cols, shape = [cols]) {
  let data;
  if (value instanceof Float32Array) {
    if (value.length === 0 || value.length % cols !== 0) {
      const what = shape.length > 1 ? `n × ${shape.join(' × ')}` : `a multiple of ${cols} (features)`;
      fail(where, name, `a non-empty Float32Array whose length is ${what}`, value);
    }
    data = value;
  } else if (Array.isArray(value) && shape.length > 1) {
    if (value.length === 0) fail(where, name, `a non-empty array of samples of shape [${shape}]`, value);
    data = new Float32Array(value.length * cols);
    value.forEach((sample, r) => copySample(where, `${name}[${r}]`, sample, shape, data, r * cols));
  } else if (Array.isArray(value)) {
    if (value.length === 0) fail(where, name, `a non-empty array of rows of ${cols} numbers`, value);
    data = new Float32Array(value.length * cols);
    for (let r = 0; r < value.length; r++) {
      const row = value[r];
      if (cols === 1 && typeof row === 'number') {
        data[r] = row;
        continue;
      }
      if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
        throw new Error(`${where}: ${name}[${r}] must be an array of ${cols} numbers, got ${describe(row)}`);
      }
      if (row.length !== cols) {
        throw new Error(`${where}: ${name}[${r}] must have ${cols} values, got ${row.length}`);
      }
      for (let c = 0; c < cols; c++) {
        const v = row[c];
        if (typeof v !== 'number') {
          throw new Error(`${where}: ${name}[${r}][${c}] must be a number, got ${describe(v)}`);
        }
        data[r * cols + c] = v;
      }
    }
  } else {
    fail(where, name, `number[][] or a flat Float32Array with ${cols} values per row`, value);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const r = Math.floor(i / cols);
      throw new Error(`${where}: ${name} must be finite, got ${data[i]} at row ${r}, column ${i - r * cols}`);
    }
  }
  return { data, rows: data.length / cols };
}

/** Sparse class labels → Float32Array of integers in [0, classes). */
export function toLabels(where, name, value, classes) {
  const ok = Array.isArray(value) || value instanceof Int32Array || value instanceof Float32Array
    || value instanceof Uint8Array || value instanceof Uint16Array || value instanceof Uint32Array;
  if (!ok || value.length === 0) fail(where, name, 'a non-empty number[] or Int32Array of class indices', value);
  const data = new Float32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    let v = value[i];
    if (Array.isArray(v) && v.length === 1) v = v[0];
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new Error(`${where}: ${name}[${i}] must be an integer class index in [0, ${classes - 1}], got ${describe(v)}`);
    }
    data[i] = v;
  }
  return { data, rows: data.length };
}
