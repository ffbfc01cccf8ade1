// bundlers.test.mjs — the README's bundler recipes, as a user follows them: the package is
// packed (`npm pack`) and installed from the tarball into a project of fixture apps
// (build-bundlers/app/, kept between runs and reinstalled when the tarball changes); each
// app in tests/browser/bundlers/<recipe>/ imports 'simdtrain', is bundled (or not), served
// by scripts/serve.mjs (application/wasm and the site's strict CSP, `script-src 'self'
// 'wasm-unsafe-eval'`) or by Vite's dev server, and opened in Debian's Chromium, where it
// trains XOR to 100% in the page and in a module Worker (train.js) with no console error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CSP } from '../../scripts/site_files.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'tests/browser/bundlers');
const cache = join(root, 'build-bundlers');
const app = join(cache, 'app');
const bin = (name) => join(root, 'node_modules/.bin', name);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// `npx webpack` with no configuration file (webpack-cli is not installed): the webpack API
// with only the mode, run in the app's folder (entry ./src/index.js, output ./dist/main.js).
const WEBPACK = `
  import { createRequire } from 'node:module';
  const webpack = createRequire(${JSON.stringify(join(root, 'package.json'))})('webpack');
  webpack({ mode: 'production' }, (error, stats) => {
    // Size hints (assets over 244 KiB) are advice, not a failure of the recipe.
    const warnings = stats?.compilation.warnings.filter((w) => !/OverSizeLimit|NoAsyncChunks/.test(w.name)) ?? [];
    if (error || stats.hasErrors() || warnings.length > 0) {
      console.error(error ?? stats.toString('errors-warnings'));
      process.exit(1);
    }
  });`;

/** Pack the package and install the tarball into build-bundlers/app (skipped when unchanged). */
function installPackage() {
  for (const f of ['simdtrain_simd.wasm', 'simdtrain_scalar.wasm']) {
    assert.ok(existsSync(join(root, 'src/js/wasm', f)), `src/js/wasm/${f} is missing: run npm run build first`);
  }
  const packDir = mkdtempSync(join(tmpdir(), 'simdtrain-bundlers-'));
  try {
    const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', packDir], root).trim().split('\n').at(-1);
    const bytes = readFileSync(join(packDir, tarball));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const marker = join(app, '.installed');
    if (existsSync(marker) && readFileSync(marker, 'utf8') === sha && existsSync(join(app, 'node_modules/simdtrain'))) return;
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    writeFileSync(join(cache, 'simdtrain.tgz'), bytes);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'simdtrain-bundler-apps', private: true, type: 'module' }));
    npm(['install', '--offline', '--no-save', join(cache, 'simdtrain.tgz')], app);
    writeFileSync(marker, sha);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

/** A fresh copy of one fixture app (and the shared train.js) in the installed project. */
function fixture(recipe) {
  const dir = join(app, recipe);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(fixtures, recipe), dir, { recursive: true });
  cpSync(join(fixtures, 'train.js'), join(app, 'train.js'));
  return dir;
}

/** Copy the package's wasm files (simdtrain/wasm/*) into dir/wasm/, as the esbuild recipes say. */
function copyWasm(dir) {
  cpSync(join(app, 'node_modules/simdtrain/src/js/wasm'), join(dir, 'wasm'), { recursive: true });
}

let context;
before(async () => {
  installPackage();
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'simdtrain-chromium-')),
    { executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
});
after(async () => { await context?.close(); });

/** Open url, wait for train.js's result, check it and that the console stayed clean. */
async function trains(url, { csp = true } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    const response = await page.goto(url);
    if (csp) assert.equal(response.headers()['content-security-policy'], CSP);
    await page.waitForFunction(() => globalThis.__result !== undefined, null, { timeout: 60000 });
    const r = await page.evaluate(() => globalThis.__result);
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.simd, true);
    assert.equal(r.accuracy, 1, JSON.stringify(r));
    assert.equal(r.workerSimd, true);
    assert.equal(r.workerAccuracy, 1, JSON.stringify(r));
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}

/** Open url, wait for train.js's result and return its error message. */
async function failure(url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => globalThis.__result !== undefined, null, { timeout: 60000 });
    return (await page.evaluate(() => globalThis.__result)).error;
  } finally {
    await page.close();
  }
}

/** Serve dir (scripts/serve.mjs: MIME types, CSP) while fn(url) runs. */
async function serving(dir, fn) {
  const { server, url } = await serve({ mounts: [['/', dir]] });
  try {
    await fn(url);
  } finally {
    server.close();
  }
}

test('esbuild --bundle --format=esm: wasm copied beside the bundle, simdtrain/worker as a second entry', async () => {
  const dir = fixture('esbuild-esm');
  run(bin('esbuild'), ['main.js', 'worker=simdtrain/worker', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning'], dir);
  copyWasm(join(dir, 'dist'));
  cpSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  await serving(join(dir, 'dist'), (url) => trains(url));
});

test('esbuild --bundle (iife, the default format): init({ wasmUrl, workerUrl }) with page-relative URLs', async () => {
  const dir = fixture('esbuild-iife');
  run(bin('esbuild'), ['main.js', 'workers/simdtrain=simdtrain/worker', '--bundle', '--outdir=dist', '--log-level=error'], dir);
  copyWasm(join(dir, 'dist'));
  cpSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  await serving(join(dir, 'dist'), (url) => trains(url));
});

test('esbuild without init options: the error says to pass init({ wasmUrl }) (esm: HTTP 404; iife: no import.meta.url)', async () => {
  const dir = fixture('esbuild-no-options');
  for (const format of ['esm', 'iife']) {
    run(bin('esbuild'), ['main.js', '--bundle', `--format=${format}`, `--outdir=dist/${format}`, '--log-level=error'], dir);
  }
  for (const page of ['esm.html', 'iife.html']) cpSync(join(dir, page), join(dir, 'dist', page));
  await serving(join(dir, 'dist'), async (url) => {
    const esm = await failure(new URL('esm.html', url).href);
    assert.match(esm, /simdtrain: fetching http:.*\/esm\/wasm\/simdtrain_simd\.wasm failed: HTTP 404; .*pass init\(\{ wasmUrl/, esm);
    const iife = await failure(new URL('iife.html', url).href);
    assert.match(iife, /cannot tell where simdtrain_simd\.wasm is .*pass init\(\{ wasmUrl/, iife);
  });
});

test('vite build, default config: the wasm files and the worker found by Vite, init() without options', async () => {
  const dir = fixture('vite');
  run(bin('vite'), ['build', '--logLevel', 'warn'], dir);
  await serving(join(dir, 'dist'), (url) => trains(url));
});

test('vite dev server, default config', async () => {
  const dir = fixture('vite');
  const { createServer } = await import('vite');
  const server = await createServer({ root: dir, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  try {
    await server.listen();
    await trains(server.resolvedUrls.local[0], { csp: false });
  } finally {
    await server.close();
  }
});

test('webpack 5, production mode, default config: assets and worker found by webpack, init() without options', async () => {
  const dir = fixture('webpack');
  run(process.execPath, ['--input-type=module', '-e', WEBPACK], dir);
  cpSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  await serving(join(dir, 'dist'), (url) => trains(url));
});

test('no bundler: <script type="module"> importing node_modules/simdtrain/src/js/index.mjs', async () => {
  fixture('plain');
  await serving(app, (url) => trains(new URL('plain/index.html', url).href));
});
