// helpers/close.mjs — assertClose: every element of `actual` within rtol·max(|a|, |e|) + atol of
// the float64 reference `expected`; the message names where, and the index, value and
// tolerance of each miss (the first 12). Used by the reference tests.
import assert from 'node:assert/strict';

export function assertClose(actual, expected, where, { rtol, atol }) {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : expected;
  assert.equal(a.length, e.length, `${where}: length ${a.length}, expected ${e.length}`);
  const misses = [];
  for (let i = 0; i < e.length; i++) {
    const tol = rtol * Math.max(Math.abs(a[i]), Math.abs(e[i])) + atol;
    const diff = Math.abs(a[i] - e[i]);
    if (!(diff <= tol)) misses.push(`${where} index ${i}: got ${a[i]}, expected ${e[i]} (|diff| ${diff.toExponential(2)} > tol ${tol.toExponential(2)})`);
  }
  assert.ok(misses.length === 0, `${misses.length} of ${e.length} values differ:\n  ${misses.slice(0, 12).join('\n  ')}`);
}
