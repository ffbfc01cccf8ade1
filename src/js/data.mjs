// data.mjs — turns the user's x and y (number[][] or flat row-major Float32Array; sparse
// labels as number[] or Int32Array) into flat Float32Arrays, checking shapes and values.
import { describe, fail } from './validate.mjs';

/** x → { data: Float32Array, rows } with `cols` features per row, all finite. */
export function toMatrix(where, name, value, cols) {
  let data;
  if (value instanceof Float32Array) {
    if (value.length === 0 || value.length % cols !== 0) {
      fail(where, name, `a non-empty Float32Array whose length is a multiple of ${cols} (features)`, value);
    }
    data = value;
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
