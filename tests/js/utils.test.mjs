// utils.test.mjs — utils.toCategorical against keras.utils.to_categorical's documented
// examples (keras/src/utils/numerical_utils.py: [0, 1, 2, 3] with 4 classes is the identity;
// num_classes defaults to max + 1) and utils.argMax against np.argmax's rules (first maximum).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utils } from '../../src/js/index.mjs';

test('toCategorical: one-hot rows, numClasses from the largest id by default', () => {
  assert.deepEqual(Array.from(utils.toCategorical([0, 1, 2, 3], 4)), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(utils.toCategorical(Int32Array.of(2, 0))), [0, 0, 1, 1, 0, 0]);
  assert.throws(() => utils.toCategorical([0, 3], 3), /^Error: utils\.toCategorical: labels must be < numClasses \(3\), got 3/);
  assert.throws(() => utils.toCategorical([0, 1.5]), /labels\[1\] must be an integer class id/);
  assert.throws(() => utils.toCategorical([]), /labels must be a non-empty/);
  assert.throws(() => utils.toCategorical([1], 2 ** 32 + 1), /numClasses must be an integer in \[1, 1048576\]/);
});

test('argMax: the first maximum of each row, from flat predictions or rows', () => {
  assert.deepEqual(Array.from(utils.argMax(Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.5, 0), 3)), [1, 0]);
  assert.deepEqual(Array.from(utils.argMax([[1, 3, 3], [-1, -2, -0.5]])), [1, 2]);
  assert.throws(() => utils.argMax(Float32Array.of(1, 2, 3), 2), /classes must be an integer >= 1 dividing the 3 values, got 2/);
  assert.throws(() => utils.argMax('abc', 2), /values must be a Float32Array/);
});
