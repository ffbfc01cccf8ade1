// random.mjs — mulberry32, the small seeded generator of floats in [0, 1) the JS tests draw
// their inputs from (the same generator as bench/workloads.mjs and web/js/datasets.mjs).
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
