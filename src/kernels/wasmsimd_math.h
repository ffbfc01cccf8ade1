/* wasmsimd_math.h — the vector transcendentals the *_wasmsimd.c kernels share: e^x - 1 and
 * e^x for x ≤ 0, sigmoid, tanh, and "x > 0 ? x : neg". Method and accuracy are described in
 * activation_wasmsimd.c (Cody-Waite reduction, degree-5 polynomial, ~1-2 ulp from libm). */
#ifndef ST_WASMSIMD_MATH_H
#define ST_WASMSIMD_MATH_H
#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"

/* ---- vector e^x - 1 and e^x for x ≤ 0 ---- */

/* Returns 2^n and r with x = n·ln2 + r, for x clamped to [-88, 0]. */
ST_ALWAYS_INLINE v128_t exp_reduce(v128_t x, v128_t *r) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(-88.0f)), wasm_f32x4_splat(0.0f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t t = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693145751953125f)));
  *r = wasm_f32x4_sub(t, wasm_f32x4_mul(n, wasm_f32x4_splat(1.428606765330187045e-6f)));
  /* n ∈ [-127, 0]: biased exponent n+127 ∈ [0, 127]; exponent 0 gives 2^n = 0 (x < -87.3). */
  return wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
}

/* e^r - 1 = r + r²·(1/2 + r/6 + r²/24 + r³/120 + r⁴/720 + r⁵/5040) on |r| ≤ ln2/2. */
ST_ALWAYS_INLINE v128_t expm1_poly(v128_t r) {
  v128_t p = wasm_f32x4_splat(1.0f / 5040.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 720.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  return wasm_f32x4_add(r, wasm_f32x4_mul(wasm_f32x4_mul(r, r), p));
}

/* e^x - 1 for x ≤ 0 (→ -1 below -88). */
ST_ALWAYS_INLINE v128_t expm1_neg(v128_t x) {
  v128_t r;
  const v128_t s = exp_reduce(x, &r);
  return wasm_f32x4_add(wasm_f32x4_mul(s, expm1_poly(r)), wasm_f32x4_sub(s, wasm_f32x4_splat(1.0f)));
}

/* e^x for x ≤ 0 (→ 0 below -88). */
ST_ALWAYS_INLINE v128_t exp_neg(v128_t x) {
  v128_t r;
  const v128_t s = exp_reduce(x, &r);
  return wasm_f32x4_add(wasm_f32x4_mul(s, expm1_poly(r)), s);
}

/* sigmoid: e = e^-|x| ≤ 1; x ≥ 0 ? 1/(1+e) : e/(1+e). */
ST_ALWAYS_INLINE v128_t sigmoid_vec(v128_t x) {
  const v128_t e = exp_neg(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  const v128_t r = wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_add(wasm_f32x4_splat(1.0f), e));
  return wasm_v128_bitselect(r, wasm_f32x4_mul(e, r), wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f)));
}

/* tanh: m = e^(-2|x|) - 1 ∈ (-1, 0]; tanh|x| = -m/(2+m), sign copied from x. */
ST_ALWAYS_INLINE v128_t tanh_vec(v128_t x) {
  const v128_t ax = wasm_f32x4_abs(x);
  const v128_t m = expm1_neg(wasm_f32x4_mul(ax, wasm_f32x4_splat(-2.0f)));
  const v128_t t = wasm_f32x4_div(wasm_f32x4_neg(m), wasm_f32x4_add(wasm_f32x4_splat(2.0f), m));
  return wasm_v128_or(t, wasm_v128_andnot(x, ax)); /* x & ~|x| is the sign bit of x */
}

/* x > 0 ? x : neg */
ST_ALWAYS_INLINE v128_t select_pos(v128_t x, v128_t neg) {
  return wasm_v128_bitselect(x, neg, wasm_f32x4_gt(x, wasm_f32x4_splat(0.0f)));
}

#endif
#endif
