/* norms_wasmsimd.c — wasm SIMD128 update_norms (kernels.h): four floats of w, old and the
 * gradient per step, w − old taken in f32 as in the reference. The squares are summed in f32
 * vectors over blocks of NORM_BLOCK floats (each lane adds at most NORM_BLOCK / 4 terms, a
 * relative error below 2^-24 · 64 ≈ 4e-6) and each block's sum is added in double: a third
 * of the work of promoting every square to f64, for a diagnostic shown to a few digits.
 * The tail runs the scalar loop. Sums are grouped differently from the reference, so they
 * agree within that bound, not to the bit. */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

enum { NORM_BLOCK = 256 };

static inline double lane_sum(v128_t v) {
  return (double)wasm_f32x4_extract_lane(v, 0) + (double)wasm_f32x4_extract_lane(v, 1) +
         (double)wasm_f32x4_extract_lane(v, 2) + (double)wasm_f32x4_extract_lane(v, 3);
}

void st_update_norms__wasmsimd(const float *w, const float *old, const float *g, size_t n, double *out) {
  double sum_w = 0.0, sum_old = 0.0, sum_d = 0.0, sum_g = 0.0;
  size_t i = 0;
  while (i + 4 <= n) {
    const size_t end = n - i > NORM_BLOCK ? i + NORM_BLOCK : n;
    v128_t sw = wasm_f32x4_splat(0.0f), so = sw, sd = sw, sg = sw;
    for (; i + 4 <= end; i += 4) {
      const v128_t vw = wasm_v128_load(w + i), vo = wasm_v128_load(old + i), vd = wasm_f32x4_sub(vw, vo);
      const v128_t vg = wasm_v128_load(g + i);
      sw = wasm_f32x4_add(sw, wasm_f32x4_mul(vw, vw));
      so = wasm_f32x4_add(so, wasm_f32x4_mul(vo, vo));
      sd = wasm_f32x4_add(sd, wasm_f32x4_mul(vd, vd));
      sg = wasm_f32x4_add(sg, wasm_f32x4_mul(vg, vg));
    }
    sum_w += lane_sum(sw);
    sum_old += lane_sum(so);
    sum_d += lane_sum(sd);
    sum_g += lane_sum(sg);
  }
  double tail[4];
  st_update_norms__scalar(w + i, old + i, g + i, n - i, tail);
  out[0] = sum_w + tail[0];
  out[1] = sum_old + tail[1];
  out[2] = sum_d + tail[2];
  out[3] = sum_g + tail[3];
}

#endif /* __wasm_simd128__ */
