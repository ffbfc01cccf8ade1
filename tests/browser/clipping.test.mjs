// clipping.test.mjs — chapter 4 (web/clipping.html): loads without console errors; the
// library clips [100, 1] by value to [1, 1] and by norm to [0.99995, 0.0099995]; the
// unclipped run reaches NaN and the clipped one does not; training causes no main-thread
// long task over 100 ms; screenshots at desktop and phone width go to test-output/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { longTasksDuring, outputDir, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('clipping chapter: value vs norm, NaN without clipping, none with it, screenshots', async () => {
  const { page, errors } = await browser.open('clipping.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 30000 });

  const { byValue, byNorm } = await page.evaluate(() => window.__chapter.clip([100, 1], 1));
  assert.deepEqual(byValue, [1, 1]);
  assert.ok(Math.abs(byNorm[0] - 0.99995) < 1e-6 && Math.abs(byNorm[1] - 0.0099995) < 1e-7, String(byNorm));
  assert.equal(await page.textContent('#v-value'), '[1, 1]');
  assert.equal(await page.textContent('#v-norm'), '[0.99995, 0.0099995]');
  // [1, 1] is 44.4° away from [100, 1] (the text says so too, not 45°).
  assert.equal(await page.textContent('#a-value'), '44.4°');
  assert.match(await page.textContent('[data-i18n=arrowsText]'), /44\.4°/);

  // Let Playwright compile its click helpers before measuring, so only the page is timed.
  await page.hover('#run');
  const longTasks = await longTasksDuring(page, async () => {
    await page.click('#run'); // clears both results and disables itself until both runs end
    await page.waitForFunction(() => !document.getElementById('run').disabled && document.querySelector('#loss-clip').textContent !== '—',
      null, { timeout: 60000 });
  });
  assert.equal((await page.textContent('#loss-plain')).trim(), 'NaN');
  assert.match(await page.textContent('#loss-clip'), /^\d/);
  assert.deepEqual(longTasks, []);

  const plain = await page.evaluate(() => window.__chapter.runUnclipped());
  assert.equal(plain.sawNaN, true, JSON.stringify(plain));
  const clipped = await page.evaluate(() => window.__chapter.runClipped());
  assert.equal(clipped.sawNaN, false, JSON.stringify(clipped));
  assert.ok(Number.isFinite(clipped.finalLoss) && clipped.finalLoss < 0.2, JSON.stringify(clipped));
  // The learning rate is not too large everywhere: clipping changed a minority of the steps.
  assert.ok(clipped.clipped > 0 && clipped.clipped < clipped.steps / 2, JSON.stringify(clipped));

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: fileURLToPath(new URL('clipping.png', outputDir)), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: fileURLToPath(new URL('clipping_phone.png', outputDir)), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 390px phone`);
  assert.deepEqual(errors, []);
});
