// before_redesign.test.mjs — behaviour held across the one-vocabulary redesign (issue 9):
//   1. ten seeded training runs (helpers/seeded_runs.mjs) give weights bit-identical to the
//      digests recorded before the redesign, in the build under test;
//   2. a model file written before the redesign (tests/fixtures/model_v1.simdtrain) still
//      loads, and continues training to the same losses and predictions it did then (SIMD
//      build, where it was recorded).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadModel } from '../../src/js/index.mjs';
import { initBuild, wantSimd } from './helpers/build.mjs';
import { seededRunDigests } from './helpers/seeded_runs.mjs';

const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url);
const before = JSON.parse(readFileSync(fixture('seeded_runs_before_redesign.json'), 'utf8'));

await initBuild();

test('seeded fits give the weights they gave before the redesign, bit for bit', async () => {
  assert.deepEqual(await seededRunDigests(), wantSimd ? before.simd : before.scalar);
});

test('a model file written before the redesign loads and trains on as it did', { skip: !wantSimd && 'recorded in the SIMD build' }, async () => {
  const expected = JSON.parse(readFileSync(fixture('model_v1.expected.json'), 'utf8'));
  const model = loadModel(new Uint8Array(readFileSync(fixture('model_v1.simdtrain'))));
  const n = 64;
  const x = new Float32Array(n * 3).map((_, i) => Math.sin(i * 1.7));
  const y = new Float32Array(n).map((_, i) => (Math.cos(i * 0.9) > 0 ? 1 : 0));
  const history = await model.fit(x, y, { verbose: 0, epochs: 2, batchSize: 16 });
  assert.deepEqual(history.history.loss, expected.lossAfterTwoMoreEpochs);
  assert.deepEqual(Array.from(model.predict(expected.probe)), expected.predictions);
  model.dispose();
});
