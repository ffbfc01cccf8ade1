// vanishing.test.mjs — chapter 2 loads without console errors; the vanishing preset
// (sigmoid + Glorot, 10 Dense layers) gives a first-layer gradient norm orders of
// magnitude below the last layer's; the healthy preset does not; training causes no
// main-thread long task over 100 ms; the gradient chart fills its card at 1280 px; Step
// runs one training step (one batch, the library worker's step()); screenshots at desktop
// and phone width.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { longTasksDuring, outputDir, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const shot = (name) => fileURLToPath(new URL(name, outputDir));

test('chapter 2: vanishing gradients are visible, healthy ones are not', async () => {
  const { page, errors } = await browser.open('vanishing.html');
  await page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 30000 });
  assert.equal(await page.getAttribute('[data-preset="vanishing"]', 'aria-pressed'), 'true');
  await page.hover('h1'); // Playwright's own injected script is compiled now, not while measuring
  let vanishing; // the first run's numbers: a repeated attempt trains on from there
  const longTasks = await longTasksDuring(page, async () => {
    const run = await page.evaluate(() => window.__chapter.train(10));
    vanishing ??= run;
  });
  const first = vanishing.norms[0], last = vanishing.norms[vanishing.norms.length - 1];
  assert.equal(vanishing.norms.length, 10);
  assert.ok(first < last / 1000, `first-layer gradient norm ${first} should be far below the last layer's ${last}`);
  assert.match(vanishing.ratioText, /e-/);
  assert.deepEqual(longTasks, [], 'main-thread long tasks (ms) while training');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(300);
  const [chart, card] = await page.evaluate(() => [document.querySelector('#grad-chart canvas'),
    document.getElementById('grad-chart').closest('.panel')].map((e) => e.getBoundingClientRect().width));
  assert.ok(chart > 0.85 * card && chart > 600, `gradient chart ${chart}px wide in a ${card}px card`);
  await page.screenshot({ path: shot('vanishing_desktop.png'), fullPage: true });

  await page.evaluate(() => window.__chapter.applyPreset('healthy'));
  const healthy = await page.evaluate(() => window.__chapter.train(3));
  assert.ok(healthy.norms[0] > healthy.norms[healthy.norms.length - 1] / 100, JSON.stringify(healthy.norms));
  // ReLU + He: saturation does not apply (null, the panel says there are no sigmoid/tanh
  // layers) and few units are dead.
  assert.ok(healthy.saturated.every((v) => v === null), JSON.stringify(healthy.saturated));
  assert.ok(healthy.dead.slice(0, -1).every((v) => v < 0.5), JSON.stringify(healthy.dead));
  assert.match(await page.textContent('#saturated'), /no sigmoid\/tanh layers/);

  // Saturation as the fraction of (unit, sample) activations with σ' below 1% of its peak:
  // above half on the sigmoid + N(0, 5²) preset, near 0 for sigmoid + Glorot.
  await page.evaluate(() => window.__chapter.applyPreset('saturating'));
  const saturating = await page.evaluate(() => window.__chapter.train(1));
  const hidden = (r) => r.saturated.slice(0, -1);
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  assert.ok(mean(hidden(saturating)) > 0.5, `saturating preset: ${saturating.saturated}`);
  assert.ok(hidden(saturating).slice(1).every((v) => v > 0.4), `saturating preset: ${saturating.saturated}`);
  await page.screenshot({ path: shot('vanishing_saturating.png'), fullPage: true });
  await page.evaluate(() => window.__chapter.applyPreset('vanishing'));
  const glorot = await page.evaluate(() => window.__chapter.train(1));
  assert.ok(hidden(glorot).every((v) => v < 0.05), `sigmoid + Glorot: ${glorot.saturated}`);
  await page.evaluate(() => window.__chapter.applyPreset('healthy')); // the same run again, for Step below
  await page.evaluate(() => window.__chapter.train(3));
  assert.ok(healthy.dead.slice(0, -1).every((d) => d !== null), 'ReLU layers report a dead fraction');

  // Step: exactly one more training step each press.
  const shownStep = () => page.evaluate(() => Number(/(\d+)/.exec(document.getElementById('status').textContent)?.[1]));
  for (const expected of [healthy.step + 1, healthy.step + 2]) {
    await page.click('#step');
    await page.waitForFunction((n) => document.getElementById('status').textContent.includes(String(n)), expected, { timeout: 30000 });
    assert.equal(await shownStep(), expected);
  }

  await page.click('[data-preset="dying"]');
  await page.waitForFunction(() => document.getElementById('status').textContent.match(/Done|完成/), null, { timeout: 60000 });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('vanishing_phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than a 390px phone`);
  assert.deepEqual(errors, []);
});
