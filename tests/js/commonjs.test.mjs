// commonjs.test.mjs — what the README promises CommonJS users and the oldest Node it claims:
// simdtrain is ES modules only; package.json `engines` names the oldest Node (18.0.0), on
// which the packed package is tested here (that Node comes from npm's `node` package,
// installed once into the ignored folder build-node18/). A CommonJS file (an `npm init -y`
// project, no "type": "module") loads it with `await import('simdtrain')` on every claimed
// version; `require('simdtrain')` works where Node can require ES modules (20.19+, 22.12+)
// and elsewhere fails with Node's ERR_REQUIRE_ESM, as the README says.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const simd = process.env.SIMDTRAIN_SIMD !== '0';
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
const oldestVersion = () => {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines);
  assert.ok(m, `package.json engines.node is ${engines}: expected ">=X[.Y.Z]"`);
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}`;
};

/** The oldest Node that engines claims, installed from npm's `node` package into build-node18/ once. */
function oldestNode() {
  const version = oldestVersion();
  const dir = join(root, `build-node${version.split('.')[0]}`);
  const binary = join(dir, 'node_modules/.bin/node');
  const have = () => existsSync(binary) && execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() === `v${version}`;
  if (!have()) {
    npm(['install', '--prefix', dir, `node@${version}`], root);
    assert.ok(have(), `npm's node@${version} did not install a working ${binary}`);
  }
  return binary;
}

// The README's quick start, as a CommonJS file reaches it.
const TRAIN = `
  const x = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [[0], [1], [1], [0]];
  const info = await init({ simd: ${simd} });
  const model = sequential({ seed: 1, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }) ] });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { epochs: 300, batchSize: 4 });
  const remote = await workerSequential({ seed: 1, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }) ] }, { simd: ${simd} });
  await remote.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await remote.fit(x, y, { epochs: 300, batchSize: 4 });
  const worker = await remote.evaluate(x, y);
  await remote.dispose();
  console.log(JSON.stringify({ simd: info.simd, accuracy: model.evaluate(x, y).accuracy, workerAccuracy: worker.accuracy }));`;

let dir, node18;
before(() => {
  node18 = oldestNode();
  dir = mkdtempSync(join(tmpdir(), 'simdtrain-cjs-'));
  const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', dir], root).trim().split('\n').at(-1);
  npm(['init', '-y'], dir); // a CommonJS project: no "type": "module"
  npm(['install', '--offline', join(dir, tarball)], dir);
  writeFileSync(join(dir, 'index.js'), `
    async function main() {
      const { init, sequential, layers, optimizers, workerSequential } = await import('simdtrain');
      ${TRAIN}
    }
    main();`);
  writeFileSync(join(dir, 'quickstart.mjs'), `
    import { init, sequential, layers, optimizers, workerSequential } from 'simdtrain';
    ${TRAIN}`);
  writeFileSync(join(dir, 'required.js'), `
    const { init, sequential, layers, optimizers, workerSequential } = require('simdtrain');
    (async () => { ${TRAIN} })();`);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function trains(nodeBinary, file) {
  const r = JSON.parse(execFileSync(nodeBinary, [file], { cwd: dir, encoding: 'utf8' }));
  assert.deepEqual(r, { simd, accuracy: 1, workerAccuracy: 1 });
}

test(`engines.node is ${engines}, and the packed package trains in and off the main thread on that oldest Node`, () => {
  assert.equal(execFileSync(node18, ['--version'], { encoding: 'utf8' }).trim(), `v${oldestVersion()}`);
  trains(node18, 'quickstart.mjs');
});

test('CommonJS: `await import(\'simdtrain\')` in an npm init -y project works on the oldest Node and this one', () => {
  assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type, 'commonjs');
  trains(node18, 'index.js');
  trains(process.execPath, 'index.js');
});

test('CommonJS: require(\'simdtrain\') works where Node requires ES modules, else ERR_REQUIRE_ESM', () => {
  assert.equal(spawnSync(node18, ['-p', 'Boolean(process.features.require_module)'], { encoding: 'utf8' }).stdout.trim(), 'false');
  const old = spawnSync(node18, ['required.js'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(old.status, 0);
  assert.match(old.stderr, /ERR_REQUIRE_ESM/);
  if (process.features.require_module) {
    trains(process.execPath, 'required.js');
  }
});
