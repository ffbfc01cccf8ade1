// helpers.mjs — shared set-up of the browser suite: Debian's Chromium driven by
// playwright-core (launch flags from shared/toolchain.md §7), the site served by
// scripts/serve.mjs on 127.0.0.1, console errors collected per page.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

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
      await page.goto(new URL(path, url).href);
      return { page, errors };
    },
    async close() {
      await context.close();
      server.close();
    },
  };
}
