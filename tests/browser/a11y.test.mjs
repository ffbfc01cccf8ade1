// a11y.test.mjs — axe-core (from npm, evaluated in the page, which the strict CSP allows for
// DevTools-evaluated code) on every page of the site at desktop (1280 px) and phone (390 px)
// width, once the page has built its content: no serious or critical violation. axe's
// experimental rules run too (label-content-name-mismatch is one: a control's visible text
// must be part of its accessible name). Then the page is switched to 中文 and checked again:
// every translatable element shows a translation (not its key), and switching back restores
// the page's English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { startBrowser } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['index', 'optimizers', 'vanishing', 'batchnorm', 'clipping', 'playground', 'digits', 'rnn'];
const WIDTHS = { desktop: 1280, phone: 390 };

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const results = await page.evaluate(() => {
    const rules = Object.fromEntries(window.axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]));
    return window.axe.run(document, { resultTypes: ['violations'], rules });
  });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const name of PAGES) {
  test(`${name}: no serious or critical axe violation at desktop and phone width`, async () => {
    const { page, errors } = await browser.open(`${name}.html`);
    await page.waitForFunction(() => window.__ready === true || window.__chapter?.ready === true
      || window.__playground?.ready === true, null, { timeout: 30000 });
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; }); // check the Keras code too
    for (const [label, width] of Object.entries(WIDTHS)) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300); // charts follow their container's new width
      assert.deepEqual(await seriousViolations(page), [], `${name} at ${label} width (${width} px)`);
    }
    const english = await page.evaluate(() => [...document.querySelectorAll('[data-i18n]')].map((e) => e.textContent));
    await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
    await page.click('header.site button.language');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    const untranslated = await page.evaluate(() => [...document.querySelectorAll('[data-i18n]')]
      .filter((e) => e.textContent === e.dataset.i18n || e.textContent.trim() === '').map((e) => e.dataset.i18n));
    assert.deepEqual(untranslated, [], `${name}: elements without 中文`);
    assert.deepEqual(await seriousViolations(page), [], `${name} in 中文`);
    await page.click('header.site button.language');
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[data-i18n]')].map((e) => e.textContent)), english);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
