// batchnorm.test.mjs — chapter 3 loads without console errors; with the same seed and
// batches, the network with BN reaches a lower training loss than the plain one at the
// same step; training runs off the main thread (no long task over 100 ms); screenshots; the
// single moving-statistics run, driven through its momentum and batch-size sliders, shows the
// rule: at momentum 0.5 the moving mean's error grows as the batch shrinks, at 0.99 a small
// batch is best and a large one leaves the moving statistics far off.
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
  let comparison, input, sweep, depth;
  const longTasks = await longTasksDuring(page, async () => {
    comparison = await page.evaluate(() => window.__chapter.runComparison(140));
    input = await page.evaluate(() => window.__chapter.runInput(20));
    await page.evaluate(() => window.__chapter.runMoving(10));
    sweep = await page.evaluate(() => window.__chapter.runSweep());
    depth = await page.evaluate(() => window.__chapter.runDepth());
  });
  // BN momentum against batch size: at momentum 0.5 the moving mean's error grows as the batch
  // shrinks; the best momentum at batch size 4 is the one closest to 1, not so at 128.
  const low = sweep.error[sweep.momenta.indexOf(0.5)];
  for (let j = 1; j < low.length; j++) assert.ok(low[j] < low[j - 1], `momentum 0.5 errors by batch size ${sweep.batches}: ${low}`);
  const best = (j) => sweep.momenta[sweep.error.map((row) => row[j]).reduce((b, v, i, a) => (v < a[b] ? i : b), 0)];
  assert.equal(best(0), 0.99, JSON.stringify(sweep.error));
  assert.notEqual(best(sweep.batches.length - 1), 0.99, JSON.stringify(sweep.error));
  assert.ok(sweep.accuracy[sweep.momenta.indexOf(0.99)].at(-1) < 0.8, 'momentum 0.99 with few steps: inference is off');
  // Gradient norms over a long run: sigmoid vanishes without BN, not with it; ReLU + He starts
  // balanced but loses it at some point without BN; with BN it stays within a factor of 10.
  const last = (id) => depth[id].ratios.at(-1), lowest = (id) => Math.min(...depth[id].ratios);
  assert.ok(last('sigmoid') < 1e-2 && last('sigmoidBn') > 0.1, `sigmoid ${last('sigmoid')}, with BN ${last('sigmoidBn')}`);
  assert.ok(depth.relu.ratios[0] > 0.1, `ReLU + He at the start: ${depth.relu.ratios[0]}`);
  assert.ok(lowest('relu') < 0.05 && lowest('reluBn') > 0.1, `ReLU lowest ${lowest('relu')}, with BN ${lowest('reluBn')}`);
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

test('chapter 3: the moving-statistics run shows the momentum rule as the batch size changes', async () => {
  const { page, errors } = await browser.open('batchnorm.html');
  await page.waitForFunction(() => window.__chapter?.ready === true, null, { timeout: 30000 });
  const run = async (momentum, batch) => {
    // Through the page's own sliders, as a reader would (index into their lists).
    const set = async (id, value) => {
      const list = { momentum: [0, 0.5, 0.9, 0.99, 0.999], 'moving-batch': [4, 8, 20, 40, 100, 200] }[id];
      await page.fill(`#${id}`, String(list.indexOf(value)));
      assert.equal(await page.textContent(`#${id}-out`), String(value));
    };
    await set('momentum', momentum);
    await set('moving-batch', batch);
    const result = await page.evaluate(() => window.__chapter.runMoving());
    assert.equal(result.momentum, momentum);
    assert.equal(result.batchSize, batch);
    assert.equal(result.steps, 20 * (200 / batch));
    assert.match(await page.textContent('#moving-status'), new RegExp(`batch size ${batch}, ${result.steps} steps`));
    return result;
  };
  const half = [await run(0.5, 4), await run(0.5, 20), await run(0.5, 100)];
  const errs = half.map((r) => r.error);
  assert.ok(errs[0] > 1.5 * errs[1] && errs[1] > 1.5 * errs[2], `momentum 0.5, batch 4 / 20 / 100: ${errs}`);
  const [small, large] = [await run(0.99, 4), await run(0.99, 100)];
  // At a small batch the momentum closer to 1 is the better one; at a large batch 0.99 has too few steps.
  assert.ok(small.error < half[0].error / 2, `batch 4: 0.99 ${small.error} vs 0.5 ${half[0].error}`);
  assert.ok(large.error > 1 && large.error > 10 * half[2].error, `batch 100: 0.99 ${large.error} vs 0.5 ${half[2].error}`);
  assert.ok(large.accuracy < 0.6, `batch 100, momentum 0.99: inference accuracy ${large.accuracy}`);
  assert.deepEqual(errors, []);
  await page.close();
});
