// commonjs.test.mjs — what the README promises CommonJS users and the oldest Node it claims:
// simdtrain is ES modules only; package.json `engines` names the oldest Node (18.0.0), on
// which the packed package is tested here (that Node comes from npm's `node` package,
// installed once into the ignored folder build-node18/). A CommonJS file (an `npm init -y`
// project, no "type": "module") loads it with `await import('simdtrain')` on every claimed
// version; `require('simdtrain')` works where Node can require ES modules (20.19+, 22.12+)
// and elsewhere fails with Node's ERR_REQUIRE_ESM; the ESM quick start pasted into such a
// .js file is a SyntaxError (newer Node runs it as ESM only where package.json has no "type").
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  await model.fit(x, y, { verbose: 0, epochs: 300, batchSize: 4 });
  const remote = await workerSequential({ seed: 1, layers: [
    layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }) ] }, { simd: ${simd} });
  await remote.compile({ optimizer: optimizers.sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await remote.fit(x, y, { verbose: 0, epochs: 300, batchSize: 4 });
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
  writeFileSync(join(dir, 'pasted.js'), `
    import { init, sequential, layers, optimizers, workerSequential } from 'simdtrain';
    ${TRAIN}`);
  writeFileSync(join(dir, 'required.js'), `
    const { init, sequential, layers, optimizers, workerSequential } = require('simdtrain');
    (async () => { ${TRAIN} })();`);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

// The result is the last line (fit may print its progress first: Keras's verbose 'auto').
const lastLine = (text) => text.trim().split('\n').at(-1);

function trains(nodeBinary, file) {
  const r = JSON.parse(lastLine(execFileSync(nodeBinary, [file], { cwd: dir, encoding: 'utf8' })));
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

test('the ESM quick start pasted into a CommonJS .js file: a SyntaxError; run as ESM only without a "type" (Node 20.19+/22.7+)', () => {
  for (const binary of [node18, process.execPath]) {
    const r = spawnSync(binary, ['pasted.js'], { cwd: dir, encoding: 'utf8' }); // "type": "commonjs" (npm init -y)
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Cannot use import statement outside a module/);
  }
  // A package.json with no "type" at all: newer Node detects the import syntax.
  const typeless = join(dir, 'typeless');
  mkdirSync(typeless);
  writeFileSync(join(typeless, 'package.json'), JSON.stringify({ name: 'typeless', version: '1.0.0' }));
  copyFileSync(join(dir, 'pasted.js'), join(typeless, 'pasted.js'));
  const old = spawnSync(node18, ['pasted.js'], { cwd: typeless, encoding: 'utf8' });
  assert.match(old.stderr, /Cannot use import statement outside a module/);
  const [major, minor] = process.versions.node.split('.').map(Number);
  if ((major === 20 && minor >= 19) || (major === 22 && minor >= 7) || major >= 23) {
    const now = spawnSync(process.execPath, ['pasted.js'], { cwd: typeless, encoding: 'utf8' });
    assert.equal(now.status, 0, now.stderr);
    assert.deepEqual(JSON.parse(lastLine(now.stdout)), { simd, accuracy: 1, workerAccuracy: 1 });
    assert.match(now.stderr, /MODULE_TYPELESS_PACKAGE_JSON/);
  }
});
