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
