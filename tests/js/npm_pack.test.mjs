// npm_pack.test.mjs — the package as users get it: `npm pack`, install the tarball into a
// fresh temporary project, and train XOR there through `import ... from 'simdtrain'`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

test('npm pack → npm install → import { init, sequential, layers, optimizers } from "simdtrain" trains XOR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simdtrain-pack-'));
  try {
    const tarball = npm(['pack', '--pack-destination', dir], root).trim().split('\n').at(-1);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--offline', join(dir, tarball)], dir);
    writeFileSync(join(dir, 'xor.mjs'), `
      import { init, sequential, layers, optimizers } from 'simdtrain';
      const { simd } = await init();
      const model = sequential({ seed: 1, layers: [
        layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
        layers.dense({ units: 1, activation: 'sigmoid' }) ] });
      model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
      const x = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [[0], [1], [1], [0]];
      await model.fit(x, y, { verbose: 0, epochs: 300, batchSize: 4 });
      console.log(JSON.stringify({ simd, ...model.evaluate(x, y) }));
    `);
    const result = JSON.parse(execFileSync(process.execPath, ['xor.mjs'], { cwd: dir, encoding: 'utf8' }));
    assert.equal(result.accuracy, 1, JSON.stringify(result));
    assert.equal(typeof result.simd, 'boolean');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
