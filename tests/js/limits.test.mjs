// limits.test.mjs — issue 10 finding 2 from the API: sizes past the 2 GiB limit of the C core
// (wasm's size_t is 32 bits; src/memory.h) are refused with an Error naming the layer and
// the numbers, before anything traps, and the realm keeps working afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layers, optimizers, sequential } from '../../src/js/index.mjs';
import { initBuild } from './helpers/build.mjs';

await initBuild();

test('a model whose weights pass 2 GiB is refused, and later models and optimizers still work', () => {
  assert.throws(() => sequential({ layers: [layers.dense({ units: 1e6, inputShape: [1e5] })] }), (error) => {
    assert.ok(!(error instanceof TypeError) && error.name !== 'InternalError', `${error.name}: ${error.message}`);
    assert.match(error.message, /^sequential: .*(2 GiB|limit)/i);
    return true;
  });
  assert.throws(() => sequential({ layers: [layers.dense({ units: 65536, inputShape: [65536] })] }),
    (error) => error.name === 'OutOfMemoryError' && /^sequential: layer 0 \(Dense\): 65536 x 65536 weights .* exceeds the 2 GiB limit$/.test(error.message));
  const small = sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  assert.equal(small.predict([[1]]).length, 1);
  const opt = optimizers.adam();
  const w = new Float32Array([1]);
  opt.step(w, new Float32Array([1]));
  assert.ok(w[0] < 1);
  small.dispose();
});

test('a batch whose workspace passes the limit is refused; the model still predicts smaller batches', () => {
  const model = sequential({ layers: [layers.dense({ units: 2 ** 20, inputShape: [1] }), layers.dense({ units: 1 })] });
  const rows = 600;
  assert.throws(() => model.predict(new Float32Array(rows)), (error) => {
    assert.ok(error.name !== 'InternalError' && !(error instanceof TypeError), `${error.name}: ${error.message}`);
    assert.match(error.message, /^predict: /);
    return true;
  });
  assert.equal(model.predict(new Float32Array(4)).length, 4);
  model.dispose();
});
