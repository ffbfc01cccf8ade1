// strings.test.mjs — each English string of the site lives once (no browser needed): the
// English of a page's own text is in its HTML (data-i18n elements, data-i18n-label
// aria-labels), its strings.mjs has English only for keys the HTML lacks, the shared
// controls' names only in lib/page.mjs; every key a page uses has English and 中文.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SHARED } from '../../web/js/lib/page.mjs';

const web = new URL('../../web/', import.meta.url);
const PAGES = ['index', 'optimizers', 'vanishing', 'batchnorm', 'clipping', 'playground', 'digits', 'rnn'];

function htmlStrings(html) {
  const text = new Map(), keys = new Set();
  for (const [, , key, inner] of html.matchAll(/<(\w+)\b[^>]*\bdata-i18n="(\w+)"[^>]*>([\s\S]*?)<\/\1>/g)) {
    keys.add(key);
    const value = inner.replace(/\s+/g, ' ').trim();
    if (value) text.set(key, [...(text.get(key) ?? []), value]);
  }
  for (const [, key, label] of html.matchAll(/data-i18n-label="(\w+)"[^>]*?\baria-label="([^"]*)"/g)) {
    keys.add(key);
    text.set(key, [...(text.get(key) ?? []), label]);
  }
  return { text, keys };
}

for (const name of PAGES) {
  test(`${name}: each English string once, every key translated`, async () => {
    const html = readFileSync(new URL(`${name}.html`, web), 'utf8');
    const { STRINGS } = await import(new URL(`js/${name}/strings.mjs`, web));
    const { text, keys } = htmlStrings(html);
    for (const [key, values] of text) {
      assert.ok(!(key in STRINGS.en), `${name}: "${key}" is in both ${name}.html and strings.mjs`);
      assert.ok(!(key in SHARED.en), `${name}: "${key}" is in both ${name}.html and lib/page.mjs`);
      assert.equal(new Set(values).size, 1, `${name}: "${key}" has different English in the HTML: ${values}`);
    }
    for (const key of Object.keys(STRINGS.en)) assert.ok(!(key in SHARED.en), `${name}: "${key}" repeats a shared string`);
    const english = new Set([...text.keys(), ...Object.keys(STRINGS.en), ...Object.keys(SHARED.en)]);
    for (const key of keys) assert.ok(english.has(key), `${name}: data-i18n "${key}" has no English`);
    for (const key of english) {
      if (key in SHARED.en || (!keys.has(key) && !(key in STRINGS.en))) continue;
      assert.ok(key in STRINGS.zh, `${name}: "${key}" has no 中文`);
    }
    for (const key of Object.keys(STRINGS.zh)) {
      assert.ok(english.has(key) || key === 'title', `${name}: 中文 "${key}" has no English`);
    }
  });
}
