// start_page.test.mjs — the start page loads without console errors, trains XOR in
// Chromium with the SIMD build to 100% accuracy, and is screenshotted to test-output/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { outputDir, startBrowser } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('start page trains XOR in the browser', async () => {
  const { page, errors } = await browser.open('index.html');
  await page.waitForFunction(() => window.__ready === true);
  assert.match(await page.textContent('#status'), /WebAssembly SIMD build/);
  await page.click('#train');
  await page.waitForFunction(() => window.__xorResult !== undefined, null, { timeout: 30000 });
  const result = await page.evaluate(() => window.__xorResult);
  assert.equal(result.accuracy, 1, JSON.stringify(result));
  await page.screenshot({ path: fileURLToPath(new URL('start_page.png', outputDir)), fullPage: true });
  assert.deepEqual(errors, []);
});
