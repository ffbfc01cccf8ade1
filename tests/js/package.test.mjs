// package.test.mjs — what a user installs: the packed file list holds both wasm builds, the
// types, the worker module and every file the README links to; every README link resolves
// in the repository and in the package; a git or folder install without Emscripten stops
// with a message saying what to run (scripts/prepare.mjs) instead of shipping a package
// whose init() cannot find its wasm.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packed = () => JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'],
  { cwd: root, encoding: 'utf8' }))[0].files.map((f) => f.path);

// Relative link targets of README.md (markdown links and images), without #anchors.
function readmeLinks() {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('#'))
    .map((l) => normalize(l.split('#')[0]));
}

test('the package holds both wasm builds, the types, the worker and the docs', () => {
  const files = packed();
  for (const f of ['src/js/wasm/simdtrain_simd.wasm', 'src/js/wasm/simdtrain_scalar.wasm', 'src/js/index.d.ts',
    'src/js/worker_host.mjs', 'README.md', 'package.json', 'docs/model-format.md', 'docs/keras-semantics.md']) {
    assert.ok(files.includes(f), `${f} is not in the package`);
  }
  assert.ok(!files.some((f) => f.startsWith('tests/') || f.startsWith('web/') || f.startsWith('build')), 'tests, site or build output packed');
});

test('every link of the README resolves, in the repository and in the package', () => {
  const links = readmeLinks();
  assert.ok(links.length >= 3, `README links: ${links}`);
  const files = packed();
  for (const link of links) {
    assert.ok(existsSync(join(root, link)), `README links ${link}, which is not in the repository`);
    assert.ok(files.includes(link) || files.some((f) => f.startsWith(`${link}/`)), `README links ${link}, which is not in the package`);
  }
});

test('installing from git or a folder without Emscripten stops with what to run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simdtrain-prepare-'));
  try {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(root, 'scripts/prepare.mjs'), join(dir, 'scripts/prepare.mjs'));
    mkdirSync(join(dir, 'bin'));
    for (const tool of ['sh', 'node']) symlinkSync(tool === 'node' ? process.execPath : '/bin/sh', join(dir, 'bin', tool));
    const r = spawnSync(join(dir, 'bin/node'), [join(dir, 'scripts/prepare.mjs')], { env: { PATH: join(dir, 'bin') }, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /simdtrain: the WebAssembly core is not built in .*Emscripten is not installed/s);
    assert.match(r.stderr, /npm install simdtrain/);
    assert.match(r.stderr, /npm run build/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing wasm file gives a clear Error from init(), not ENOENT', () => {
  const script = `import { init } from '${join(root, 'src/js/index.mjs')}';
    try { await init({ wasmUrl: (file) => new URL('file:///nonexistent/' + file) }); } catch (e) { console.log(e.message); }`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.match(out, /^init: wasmUrl gave \/nonexistent\/simdtrain_(simd|scalar)\.wasm, which does not exist$/m);
});
