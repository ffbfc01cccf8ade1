/* norms_wasmsimd.c — wasm SIMD128 update_norms (kernels.h): four floats of w and old per
 * step, their difference taken in f32 as in the reference, each promoted to two f64x2
 * halves and squared into double accumulators (six in all); the tail runs the scalar loop.
 * The sums are grouped differently from the reference, so they agree to rounding, not bits. */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

static inline v128_t square_halves(v128_t acc, v128_t v, int high) {
  v128_t h = high ? wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)) : wasm_f64x2_promote_low_f32x4(v);
  return wasm_f64x2_add(acc, wasm_f64x2_mul(h, h));
}

void st_update_norms__wasmsimd(const float *w, const float *old, size_t n, double *out) {
  v128_t sw0 = wasm_f64x2_splat(0.0), sw1 = sw0, so0 = sw0, so1 = sw0, sd0 = sw0, sd1 = sw0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t vw = wasm_v128_load(w + i), vo = wasm_v128_load(old + i), vd = wasm_f32x4_sub(vw, vo);
    sw0 = square_halves(sw0, vw, 0), sw1 = square_halves(sw1, vw, 1);
    so0 = square_halves(so0, vo, 0), so1 = square_halves(so1, vo, 1);
    sd0 = square_halves(sd0, vd, 0), sd1 = square_halves(sd1, vd, 1);
  }
  double tail[3];
  st_update_norms__scalar(w + i, old + i, n - i, tail);
  v128_t sw = wasm_f64x2_add(sw0, sw1), so = wasm_f64x2_add(so0, so1), sd = wasm_f64x2_add(sd0, sd1);
  out[0] = wasm_f64x2_extract_lane(sw, 0) + wasm_f64x2_extract_lane(sw, 1) + tail[0];
  out[1] = wasm_f64x2_extract_lane(so, 0) + wasm_f64x2_extract_lane(so, 1) + tail[1];
  out[2] = wasm_f64x2_extract_lane(sd, 0) + wasm_f64x2_extract_lane(sd, 1) + tail[2];
}

#endif /* __wasm_simd128__ */
