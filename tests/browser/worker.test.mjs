// worker.test.mjs — worker mode in Chromium: web/test/worker.html builds a remote model in
// a module Worker (new Worker(new URL('./worker_host.mjs', import.meta.url), { type:
// 'module' })), trains XOR on 1024 samples to 100% while the main thread stays responsive
// (no PerformanceObserver 'longtask' entry of 100 ms or more during training), and steps a
// paused fit one batch at a time. It trains for as many rounds as it takes a main-thread
// timer to tick 30 times during fits, so nothing depends on the machine's speed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('a remote model trains XOR in a module worker; the main thread has no long tasks', async () => {
  const { page, errors } = await browser.open('test/worker.html');
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.worker, true);
  assert.equal(r.simd, true);
  assert.equal(r.accuracy, 1, JSON.stringify(r));
  assert.equal(r.epochs, 150);
  assert.ok(r.predictions[0] < 0.5 && r.predictions[1] > 0.5 && r.predictions[2] > 0.5 && r.predictions[3] < 0.5);
  assert.equal(r.longTaskSupported, true);
  for (const t of r.longTasks) assert.ok(t.duration < 100, `long task of ${t.duration} ms during training`);
  // The page trains until a 10 ms timer has ticked minTicks times during fits; no assertion
  // here depends on how long training took.
  assert.ok(r.ticks >= r.minTicks, `the main-thread timer ticked ${r.ticks} times in ${r.rounds} rounds of training`);
  assert.ok(r.events >= 1 && r.events < 1000, `${r.events} progress events (throttled)`);
  assert.deepEqual(r.steps, [1, 2]);
  assert.equal(r.seenAfterSteps, 2);
  assert.equal(r.batchesAfterResume, 64);
  assert.deepEqual(errors, []);
});
