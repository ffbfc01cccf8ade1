// worker_terminate.test.mjs — issue 10 finding 5 in Chromium: terminating a worker model
// during fit (remote.worker.terminate(), which fires no event on a web Worker, or
// remote.terminate()) rejects the fit, a call pending at that moment and every later call,
// each naming its call; before, they stayed pending forever. Page: web/test/worker_terminate.html.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('terminating a worker model during fit rejects the fit and every pending and later call', async () => {
  const { page, errors } = await browser.open('test/worker_terminate.html');
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.error, undefined, r.error);
  for (const how of ['worker', 'remote']) {
    const t = r[how];
    assert.equal(t.fitting, true, `${how}: the fit was running`);
    assert.match(t.fit, /^rejected: fit: the simdtrain worker was terminated/, `${how}: ${t.fit}`);
    assert.match(t.pending, /^rejected: getWeights: the simdtrain worker was terminated/, `${how}: ${t.pending}`);
    assert.match(t.later, /^rejected: predict: the simdtrain worker was terminated/, `${how}: ${t.later}`);
    assert.match(t.laterFit, /^rejected: fit: the simdtrain worker was terminated/, `${how}: ${t.laterFit}`);
  }
  assert.deepEqual(errors, []);
});
