// digits.test.mjs — chapter 5 (real data: digits) in Chromium: no console errors; the MLP and
// the CNN both train in their Workers to above 90% on the 2,000 held-out digits within the
// budget (two epochs over 6,000 digits: 378 steps each); the confusion matrix, misclassified
// digits and first-layer filters are drawn; a digit drawn on the pad gets probabilities from
// both networks; no main-thread long task over 100 ms while training and predicting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { longTasksDuring, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('chapter 5: an MLP and a CNN learn MNIST; a drawn digit gets probabilities', async () => {
  const { page, errors } = await browser.open('digits.html');
  await page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 60000 });
  await page.hover('h1');
  let result;
  const longTasks = await longTasksDuring(page, async () => {
    result = await page.evaluate(() => window.__chapter.train(2, 6000));
  });
  assert.ok(result.mlp > 0.9, `MLP held-out accuracy ${result.mlp}`);
  assert.ok(result.cnn > 0.9, `CNN held-out accuracy ${result.cnn}`);
  assert.equal(result.steps, 378); // 3 chunks of 2,000 digits × 63 batches × 2 epochs
  assert.equal(await page.locator('#confusion table td').count(), 100);
  assert.ok(await page.locator('#missed canvas').count() > 0, 'misclassified digits drawn');
  assert.equal(await page.locator('#filters canvas').count(), 8);
  // Draw a "1": a vertical stroke down the middle of the pad.
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const box = await page.locator('#pad').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.07 * k));
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelectorAll('#probabilities meter').length === 20, null, { timeout: 20000 });
  const probabilities = await page.evaluate(() => window.__chapter.predictDrawing());
  for (const kind of ['mlp', 'cnn']) {
    const p = probabilities[kind];
    assert.equal(p.length, 10);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-4, `${kind} probabilities sum to 1`);
  }
  await page.click('#keras');
  assert.match(await page.locator('#keras-code').textContent(), /keras\.layers\.Conv2D\(8, kernel_size=\(5, 5\)/);
  assert.deepEqual(longTasks, [], 'main-thread long tasks (ms) while training');
  assert.deepEqual(errors, []);
});
