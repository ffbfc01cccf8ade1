// api_fuzz.test.mjs — the stateful API fuzzer (helpers/api_fuzz.mjs) on a fixed seed and a
// fixed number of sequences (about 30 s per build on the development machine; the count is
// fixed, the time is not asserted). Every call it makes must throw only a documented Error
// naming its argument, leave the models unchanged and usable when it throws, never read a
// polluted Object.prototype, and every sequence must give back all the heap it used.
// A failure prints the seed, the sequence and its calls; replay it with
//   node tests/js/helpers/api_fuzz.mjs --seed <seed> --sequence <i> --verbose
// Run for longer with: node tests/js/helpers/api_fuzz.mjs --seconds 600 (SIMDTRAIN_SIMD=0: scalar).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatViolation, runSequences } from './helpers/api_fuzz.mjs';
import { initBuild } from './helpers/build.mjs';

const SEED = 20261130;
const SEQUENCES = 6000;

const info = await initBuild();

test(`${SEQUENCES} random call sequences (seed ${SEED}, ${info.simd ? 'SIMD' : 'scalar'} build) keep every invariant`, async () => {
  const totals = await runSequences({ seed: SEED, sequences: SEQUENCES });
  assert.equal(totals.violations.length, 0, totals.violations.map(formatViolation).join('\n\n'));
  assert.equal(totals.sequences, SEQUENCES);
  assert.ok(totals.calls > SEQUENCES * 20, `only ${totals.calls} calls were made`);
  assert.ok(totals.throws > 0 && totals.throws < totals.calls, `${totals.throws} of ${totals.calls} calls threw`);
});
