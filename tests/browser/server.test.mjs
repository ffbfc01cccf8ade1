// server.test.mjs — the dev server (scripts/serve.mjs), without a browser: a malformed URL
// gets 400 and the server keeps serving; every response (page, module, wasm, 404, 400)
// carries nosniff and the strict CSP; vendor modules are served with their bare imports
// made relative, and pages with the shared head and no inline script or import map.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { CSP } from '../../scripts/site_files.mjs';

let server, base;
before(async () => { ({ server, url: base } = await serve()); });
after(() => server?.close());

// A raw GET: the path is sent as written (fetch() would normalise or reject it).
function get(path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function assertSecure(res, what) {
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  const csp = res.headers['content-security-policy'];
  assert.equal(csp, CSP, what);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, what);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/, what);
}

test('malformed URLs get 400 and the server keeps serving', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/js/%zz.mjs', '/lib/simdtrain/%C0', '/%00']) {
    const res = await get(path);
    assert.equal(res.status, 400, path);
    assertSecure(res, path);
  }
  const page = await get('/index.html');
  assert.equal(page.status, 200);
});

test('every response sends nosniff and the strict CSP', async () => {
  for (const [path, status] of [['/', 200], ['/playground.html', 200], ['/lib/simdtrain/index.mjs', 200],
    ['/lib/simdtrain/wasm/simdtrain_simd.wasm', 200], ['/vendor/uplot/uPlot.esm.js', 200], ['/style.css', 200],
    ['/nothing-here.html', 404], ['/../package.json', 404]]) {
    const res = await get(path);
    assert.equal(res.status, status, path);
    assertSecure(res, path);
  }
});

test('pages have the shared head and no inline script; vendor imports are relative', async () => {
  for (const name of ['index', 'optimizers', 'vanishing', 'batchnorm', 'clipping', 'playground']) {
    const { body } = await get(`/${name}.html`);
    assert.match(body, /<meta charset="utf-8">/, name);
    assert.match(body, /<link rel="stylesheet" href="style.css">/, name);
    assert.doesNotMatch(body, /importmap|site-head/, name);
    const scripts = [...body.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 1, name);
    for (const [tag, content] of scripts) {
      assert.match(tag, /\bsrc="/, `${name}: every script has a src`);
      assert.equal(content.trim(), '', `${name}: no inline script`);
    }
  }
  const scale = await get('/vendor/d3-scale/d3-scale.mjs');
  assert.match(scale.body, /from ['"]\.\.\/d3-array\/d3-array\.mjs['"]/);
  assert.doesNotMatch(scale.body, /from\s*['"]d3-/);
});
