// activation_reference.test.mjs — the activations added with issue 11 (gelu, silu/swish,
// softplus, softsign, hardSigmoid, relu6, mish, exponential) against float64 values of Keras 3's
// formulas (tests/fixtures/activation_reference.json, written by gen_activation_reference.py
// with torch float64) at chosen points, large |x| included, through the public API (an
// Activation layer's predict), in the build SIMDTRAIN_SIMD selects. Tolerance: float32's,
// |got - want| <= 2e-6·|want| + 1e-37 (the SIMD kernels flush results below ~1e-38 to 0);
// where the float64 value overflows float32, +Infinity. Derivatives are checked in C
// (tests/c/test_activation_gradcheck.c, test_model_gradcheck.c).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { layers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

const ref = JSON.parse(readFileSync(new URL('../fixtures/activation_reference.json', import.meta.url), 'utf8'));
const number = (v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

function predict(activation, x) {
  const model = sequential({ layers: [layers.activation({ activation, inputShape: [x.length] })] });
  try {
    return model.predict([x]);
  } finally {
    model.dispose();
  }
}

for (const [name, values] of Object.entries(ref.y)) {
  test(`${name} matches Keras's formula in float64 at ${ref.x.length} points`, () => {
    const got = predict(name, ref.x);
    ref.x.forEach((x, i) => {
      const want = number(values[i]);
      if (!Number.isFinite(Math.fround(want))) {
        assert.equal(got[i], Math.fround(want), `${name}(${x}) overflows float32`);
        return;
      }
      const tol = 2e-6 * Math.abs(want) + 1e-37;
      assert.ok(Math.abs(got[i] - want) <= tol, `${name}(${x}) = ${got[i]}, float64 reference ${want} (tol ${tol})`);
    });
  });
}

test("swish is Keras's alias of silu: the same numbers", () => {
  assert.deepEqual(Array.from(predict('swish', ref.x)), Array.from(predict('silu', ref.x)));
});
