// optimizers.test.mjs — chapter 1 (web/optimizers.html): loads without console errors; on
// the narrow valley and on Rosenbrock, Adam (run by the library's own optimizer) ends nearer
// the minimum than it started; playing the animation causes no main-thread long task over
// 100 ms; screenshots at desktop and phone width go to test-output/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { longTasksDuring, outputDir, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const ready = (page) => page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 30000 });

test('optimizers chapter: Adam approaches the minimum, no long tasks, screenshots', async () => {
  const { page, errors } = await browser.open('optimizers.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await ready(page);

  for (const surface of ['valley', 'rosenbrock']) {
    const runs = await page.evaluate((s) => window.__chapter.runAll(undefined, s), surface);
    const adam = runs.adam;
    assert.equal(adam.diverged, false, `${surface}: ${JSON.stringify(adam)}`);
    assert.ok(adam.distanceEnd < adam.distanceStart / 4, `${surface}: Adam ${JSON.stringify(adam)}`);
  }
  // The paths are drawn (on the canvas over the contours): every optimizer's full run.
  const drawn = (await page.getAttribute('#paths', 'data-drawn')).split(' ').map((e) => Number(e.split(':')[1]));
  assert.equal(drawn.length, 7);
  assert.ok(drawn.every((n) => n > 10), String(drawn));

  // Keyboard: the start marker moves with the arrow keys.
  const before = await page.getAttribute('#plot .start', 'aria-label');
  await page.focus('#plot .start');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.getAttribute('#plot .start', 'aria-label'), before);

  // Play the Rosenbrock race and watch the main thread.
  await page.check('input[name=surface][value=rosenbrock]');
  const longTasks = await longTasksDuring(page, async () => {
    await page.click('#play');
    await page.waitForFunction(() => !window.__chapter.playing, null, { timeout: 30000 });
    // A slider change recomputes all seven runs synchronously: that must stay short too.
    await page.focus('#lr-adaptive');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(200);
  });
  assert.deepEqual(longTasks, []);

  await page.check('input[name=surface][value=valley]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: fileURLToPath(new URL('optimizers.png', outputDir)), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: fileURLToPath(new URL('optimizers_phone.png', outputDir)), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 390px phone`);
  assert.deepEqual(errors, []);
});

// Adam's bias correction, read from a real run (getSlots()) and checked against a float64
// recomputation from the gradients fed; the accumulator charts (AdaGrad's and RMSprop's
// slots) likewise; Nadam reverses sooner than Adam when the gradient turns round; the β
// sliders reach the optimizers.
test('optimizers chapter: Adam bias correction, slots, Nadam look-ahead', async () => {
  const { page, errors } = await browser.open('optimizers.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await ready(page);
  const near = (a, b, rel, what) => assert.ok(Math.abs(a - b) <= rel * Math.max(1e-12, Math.abs(b)), `${what}: ${a} vs ${b}`);

  for (const beta1 of [0.9, 0.5]) {
    if (beta1 !== 0.9) {
      await page.$eval('#beta1', (e, v) => { e.value = String(v); e.dispatchEvent(new Event('input', { bubbles: true })); }, beta1);
    }
    const { factors, rows, turn, settings } = await page.evaluate(() => window.__chapter.moments);
    assert.equal(settings.beta1, beta1);
    assert.equal(settings.beta2, 0.999);
    assert.equal(factors.t[0], 1);
    assert.ok(Math.abs(factors.m[0] - 1 / (1 - beta1)) < 1e-6, `1/(1-β1) at t=1: ${factors.m[0]}`);
    assert.ok(Math.abs(factors.s[0] - 1 / (1 - 0.999)) < 1e-6, `1/(1-β2) at t=1: ${factors.s[0]}`);
    assert.ok(Math.abs(factors.m.at(-1) - 1) < 1e-6 && Math.abs(factors.s.at(-1) - 1) < 1e-4, 'the correction fades out');
    // The slots of the real run against Keras's recurrences in double precision.
    let m = 0, v = 0;
    assert.ok(rows.length >= 6, `rows: ${rows.length}`);
    for (const r of rows) {
      m = beta1 * m + (1 - beta1) * r.g;
      v = 0.999 * v + 0.001 * r.g * r.g;
      near(r.m, m, 1e-5, `m at t=${r.t}`);
      near(r.s, v, 1e-5, `s at t=${r.t}`);
      near(r.mHat, m / (1 - beta1 ** r.t), 1e-5, `m̂ at t=${r.t}`);
      near(r.taken, r.keras, 1e-4, `step taken vs Keras's folded formula at t=${r.t}`);
    }
    // Without the correction the first step would be (1-β1)/√(1-β2) times as long.
    near(rows[0].uncorrected / rows[0].taken, (1 - beta1) / Math.sqrt(0.001), 1e-3, 'uncorrected / corrected at t=1');
    assert.ok(turn.nadamTurn < turn.adamTurn, `Nadam turns after ${turn.nadamTurn} steps, Adam after ${turn.adamTurn}`);
  }

  // AdaGrad's and RMSprop's accumulators as charted are the optimizers' slots: recompute them.
  const acc = await page.evaluate(() => window.__chapter.accumulators());
  let a = 0.1, r = 0;
  acc.grads.adagrad.forEach((g, k) => { a += g[1] ** 2; near(acc.adaAcc[k], a, 1e-5, `AdaGrad accumulator at step ${k + 1}`); });
  acc.grads.rmsprop.forEach((g, k) => { r = acc.settings.rho * r + (1 - acc.settings.rho) * g[1] ** 2; near(acc.rmsAcc[k], r, 1e-4, `RMSprop velocity at step ${k + 1}`); });
  assert.deepEqual(errors, []);
});
