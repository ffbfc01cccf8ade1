// examples.test.mjs — the shipped examples run and reach the accuracy the README promises:
// XOR ≥ 99%, two spirals ≥ 95%.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

function runExample(name) {
  const path = fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
  return execFileSync(process.execPath, [path], { encoding: 'utf8' });
}

for (const [file, label, minimum] of [['xor.mjs', 'xor', 99], ['spiral.mjs', 'spiral', 95]]) {
  test(`examples/${file} trains to at least ${minimum}% accuracy`, () => {
    const out = runExample(file);
    const match = out.match(new RegExp(`${label} accuracy: ([\\d.]+)%`));
    assert.ok(match, `no accuracy line in:\n${out}`);
    assert.ok(Number(match[1]) >= minimum, `${label} accuracy ${match[1]}%`);
  });
}
