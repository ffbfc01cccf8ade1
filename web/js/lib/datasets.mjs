// datasets.mjs — the site's 2-D binary classification datasets (after TensorFlow
// Playground's): circle, xor, gaussians and spiral, with Gaussian noise, generated from a
// seed (the same seed gives the same points everywhere) and split into train and test.
// Points lie in about [-1, 1]²; labels are 0 or 1. Arrays are flat Float32Arrays, the
// form simdtrain takes without copying row by row: x is [n, 2] row-major, y is [n, 1].

import { mulberry32 } from './random.mjs';

export const DATASETS = ['circle', 'xor', 'gaussians', 'spiral'];

/** The plotting window every dataset fits in. */
export const DOMAIN = [-1.2, 1.2];

function normal(random) {
  const u = Math.max(random(), 1e-12), v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const uniform = (random, lo, hi) => lo + (hi - lo) * random();

// Each generator returns [x1, x2, label] triples; `noise` (0 … 0.5) widens them.
const GENERATORS = {
  circle(n, noise, random) {
    const out = [];
    for (let i = 0; i < n; i++) {
      const inner = i % 2 === 0;
      const r = inner ? uniform(random, 0, 0.45) : uniform(random, 0.65, 0.95);
      const angle = uniform(random, 0, 2 * Math.PI);
      const x = r * Math.cos(angle) + noise * 0.5 * normal(random);
      const y = r * Math.sin(angle) + noise * 0.5 * normal(random);
      out.push([x, y, inner ? 1 : 0]);
    }
    return out;
  },
  xor(n, noise, random) {
    const out = [];
    for (let i = 0; i < n; i++) {
      let x = uniform(random, -0.95, 0.95), y = uniform(random, -0.95, 0.95);
      x += x > 0 ? 0.04 : -0.04; // keep a small gap along the axes
      y += y > 0 ? 0.04 : -0.04;
      const label = x * y > 0 ? 1 : 0;
      out.push([x + noise * 0.5 * normal(random), y + noise * 0.5 * normal(random), label]);
    }
    return out;
  },
  gaussians(n, noise, random) {
    const out = [];
    const spread = 0.18 + noise * 0.6;
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const c = label ? 0.45 : -0.45;
      out.push([c + spread * normal(random), c + spread * normal(random), label]);
    }
    return out;
  },
  spiral(n, noise, random) {
    const out = [];
    const half = Math.ceil(n / 2);
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const k = Math.floor(i / 2);
      const r = (k / half) * 0.95 + 0.04;
      const t = 1.75 * (k / half) * 2 * Math.PI + (label ? Math.PI : 0);
      out.push([r * Math.sin(t) + noise * 0.35 * normal(random), r * Math.cos(t) + noise * 0.35 * normal(random), label]);
    }
    return out;
  },
};

function pack(rows) {
  const x = new Float32Array(rows.length * 2), y = new Float32Array(rows.length);
  rows.forEach(([a, b, label], i) => { x[2 * i] = a; x[2 * i + 1] = b; y[i] = label; });
  return { x, y, n: rows.length };
}

/**
 * makeDataset({ name, n, noise, seed, trainRatio }) →
 * { name, train: { x, y, n }, test: { x, y, n } }. The samples are shuffled with the seed
 * before the split, so both parts cover the whole pattern.
 */
export function makeDataset({ name = 'circle', n = 400, noise = 0.1, seed = 1, trainRatio = 0.5 } = {}) {
  const generate = GENERATORS[name];
  if (!generate) throw new Error(`makeDataset: name must be one of ${DATASETS.join(', ')}, got ${JSON.stringify(name)}`);
  // (seed 0 would start mulberry32 from 0; the golden-ratio constant stands in for it)
  const random = mulberry32(((seed * 7919 + DATASETS.indexOf(name) + 1) >>> 0) || 0x9e3779b9);
  const rows = generate(n, Math.max(0, noise), random);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const cut = Math.min(n - 1, Math.max(1, Math.round(n * trainRatio)));
  return { name, train: pack(rows.slice(0, cut)), test: pack(rows.slice(cut)) };
}

/** A copy of flat [n, 2] data with feature `column` multiplied by `factor` (badly scaled input). */
export function scaleFeature(x, column, factor) {
  const out = Float32Array.from(x);
  for (let i = column; i < out.length; i += 2) out[i] *= factor;
  return out;
}

/** The centres of a size × size grid over DOMAIN, flat [size², 2], row by row from the top. */
export function grid(size, domain = DOMAIN) {
  const [lo, hi] = domain;
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      out[2 * i] = lo + ((c + 0.5) / size) * (hi - lo);
      out[2 * i + 1] = hi - ((r + 0.5) / size) * (hi - lo);
    }
  }
  return out;
}
