// helpers.mjs — shared set-up of the browser suite: Debian's Chromium driven by
// playwright-core (launch flags from docs/toolchain.md §7), the site served by
// scripts/serve.mjs on 127.0.0.1 — so every page runs under the site's strict
// Content-Security-Policy, which open() checks the page was served with — and console
// errors collected per page (a CSP violation is one: "Refused to …").
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CSP } from '../../scripts/site_files.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const outputDir = new URL('../../test-output/', import.meta.url);

export async function startBrowser() {
  const { server, url } = await serve();
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'simdtrain-chromium-')),
    { executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  mkdirSync(outputDir, { recursive: true });
  return {
    url,
    async open(path) {
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      const response = await page.goto(new URL(path, url).href);
      if (response.headers()['content-security-policy'] !== CSP) throw new Error(`${path} was served without the site's CSP`);
      return { page, errors };
    },
    async close() {
      await context.close();
      server.close();
    },
  };
}

/**
 * Main-thread tasks longer than `limit` ms (PerformanceObserver 'longtask') while
 * `work(attempt)` drives the page. On a loaded machine the OS can deschedule the renderer for
 * 100 ms whatever the page does, so up to `attempts` attempts are made and the first clean one
 * wins: a long task the page itself causes shows up in every attempt. Returns the long tasks
 * of the last attempt (empty: none).
 */
export async function longTasksDuring(page, work, { attempts = 3, limit = 100 } = {}) {
  let found = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    await page.evaluate(() => {
      window.__longTaskObserver?.disconnect();
      const tasks = window.__longTasks = [];
      const since = performance.now();
      const keep = (entries) => { for (const e of entries) if (e.startTime >= since) tasks.push(e.duration); };
      window.__longTaskObserver = new PerformanceObserver((list) => keep(list.getEntries()));
      window.__longTaskObserver.observe({ type: 'longtask', buffered: true });
      window.__takeLongTasks = () => keep(window.__longTaskObserver.takeRecords());
    });
    await work(attempt);
    // Entries reach the callback some time after their task ends; takeRecords has them now.
    found = await page.evaluate((ms) => {
      window.__takeLongTasks();
      return window.__longTasks.filter((d) => d > ms);
    }, limit);
    if (found.length === 0) break;
  }
  return found;
}
