// batchnorm.test.mjs — chapter 3 loads without console errors; with the same seed and
// batches, the network with BN reaches a lower training loss than the plain one at the
// same step; training runs off the main thread (no long task over 100 ms); screenshots.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { longTasksDuring, outputDir, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const shot = (name) => fileURLToPath(new URL(name, outputDir));

test('chapter 3: BN trains faster than the same network without it', async () => {
  const { page, errors } = await browser.open('batchnorm.html');
  await page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 30000 });
  await page.hover('h1'); // Playwright's own injected script is compiled now, not while measuring
  let comparison, input;
  const longTasks = await longTasksDuring(page, async () => {
    comparison = await page.evaluate(() => window.__chapter.runComparison(140));
    input = await page.evaluate(() => window.__chapter.runInput(20));
    await page.evaluate(() => window.__chapter.runMoving(10));
  });
  const { plainLoss, bnLoss } = comparison;
  assert.ok(bnLoss < plainLoss, `BN loss ${bnLoss} should be below the plain loss ${plainLoss} at step 140`);
  assert.ok(input.bnLoss < input.plainLoss, `input BN ${input.bnLoss} vs none ${input.plainLoss}`);
  assert.deepEqual(longTasks, [], 'main-thread long tasks (ms) while training');
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('batchnorm_desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('batchnorm_phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than a 390px phone`);
  assert.deepEqual(errors, []);
});
