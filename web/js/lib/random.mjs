// random.mjs — mulberry32, the one small seeded generator of floats in [0, 1) that the
// site (datasets.mjs), the JS tests (tests/js) and the benchmarks (bench/workloads.mjs)
// draw from, so the same seed gives the same numbers everywhere.

/** mulberry32(seed) → () → a float in [0, 1); seed is taken as a uint32. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
