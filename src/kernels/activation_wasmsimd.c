/* activation_wasmsimd.c — wasm SIMD128 activations, same semantics as activation_scalar.c
 * (Keras 3 keras/src/activations/activations.py; see that file for the formulas).
 *
 * Transcendentals use a vectorised e^x - 1 rather than libm per lane: extracting lanes, four
 * expf calls and re-packing would cost more than the whole vector polynomial. Method (Cody &
 * Waite range reduction, as in Cephes expf / XNNPACK f32-velu): x = n·ln2 + r with n = round(x/ln2),
 * |r| ≤ ln2/2, ln2 split into a 16-bit head (n·ln2_hi exact) and a tail; e^r - 1 = r + r²·P(r)
 * with P the degree-5 Taylor polynomial (truncation < 2e-8 relative); 2^n built in the exponent
 * bits; e^x - 1 = 2^n·(e^r - 1) + (2^n - 1). Every use needs only x ≤ 0 (sigmoid e^-|x|,
 * tanh e^-2|x|, elu/selu negative side, softmax e^(x-max)), so x is clamped to [-88, 0]: below
 * -88 e^x is flushed to 0 (libm gives a denormal < 1.2e-38). Measured error vs libm ~1-2 ulp.
 * NaN inputs are not propagated by the transcendental activations (clamping uses pmin/pmax).
 *
 * The activations added with issue 11 need a little more (formulas in activation_scalar.c):
 * - e^x over the whole float range (exponential): the same reduction with x clamped to
 *   [-88, 88.75] and 2^n applied as two factors 2^(n>>1)·2^(n-(n>>1)), so n up to 128 does not
 *   overflow the exponent field and the result overflows to +inf only where e^x does.
 * - log1p(u) for u ∈ [0, 1] (softplus = max(x,0) + log1p(e^-|x|)): u ≤ √2-1 is used as is,
 *   larger u as ln2 + log1p((u-1)/2) (exact), so f ∈ [-0.293, 0.415]; s = f/(2+f), |s| ≤ 0.172,
 *   log1p(f) = 2s(1 + s²/3 + s⁴/5 + s⁶/7 + s⁸/9) (the atanh series; truncation < 3e-9).
 *   Measured against libm: < 2.1e-7 relative.
 * - Φ(x) for gelu, as ½erfc(-x/√2): with a = |x|/√2, t = 1/(1 + a/2),
 *   erfc(a) = t·e^(-a² + P(t)), P the degree-9 polynomial of Numerical Recipes' erfcc
 *   (Press et al., 2nd ed. §6.2; relative error < 1.2e-7 for every a ≥ 0), and Φ = ½erfc(a)
 *   for x < 0, 1 - ½erfc(a) for x ≥ 0. a² = x²/2 is never rounded into the exponent: x is split
 *   into 12-bit head h and tail l (h² exact), e^(-x²/2 + P) is taken with the argument as the
 *   pair (-h²/2, P - h·l - l²/2), so the deep tail keeps its relative accuracy (< 4e-7 measured
 *   in float32 emulation for x down to -13, where Φ underflows). φ(x) = e^(-x²/2)/√(2π) for
 *   gelu's backward uses the same split. */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_math.h"

/* e^x for any x: +inf above ~88.72, 0 below -88 (denormals flushed as in exp_neg). */
ST_ALWAYS_INLINE v128_t exp_any(v128_t x) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(-88.0f)), wasm_f32x4_splat(88.75f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693145751953125f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(1.428606765330187045e-6f)));
  const v128_t ni = wasm_i32x4_trunc_sat_f32x4(n);          /* [-127, 128] */
  const v128_t n1 = wasm_i32x4_shr(ni, 1), n2 = wasm_i32x4_sub(ni, n1); /* each in [-64, 64] */
  const v128_t s1 = wasm_i32x4_shl(wasm_i32x4_add(n1, wasm_i32x4_splat(127)), 23);
  const v128_t s2 = wasm_i32x4_shl(wasm_i32x4_add(n2, wasm_i32x4_splat(127)), 23);
  const v128_t er = wasm_f32x4_add(expm1_poly(r), wasm_f32x4_splat(1.0f));
  const v128_t y = wasm_f32x4_mul(wasm_f32x4_mul(er, s1), s2);
  return wasm_v128_andnot(y, wasm_f32x4_lt(x, wasm_f32x4_splat(-87.5f))); /* below: 0, as exp_neg */
}

/* e^(hi + lo) for hi ≤ 0 given exactly and |lo| small (a few units), → 0 when hi + lo < -87:
 * the reduction subtracts n·ln2 from hi before lo is added, so hi's size costs no accuracy. */
ST_ALWAYS_INLINE v128_t exp_neg_pair(v128_t hi, v128_t lo) {
  const v128_t sum = wasm_f32x4_add(hi, lo);
  const v128_t underflow = wasm_f32x4_lt(sum, wasm_f32x4_splat(-87.0f));
  hi = wasm_f32x4_pmax(hi, wasm_f32x4_splat(-100.0f));
  const v128_t c = wasm_f32x4_pmin(wasm_f32x4_pmax(sum, wasm_f32x4_splat(-88.0f)), wasm_f32x4_splat(0.0f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(c, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t r = wasm_f32x4_sub(hi, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693145751953125f)));
  r = wasm_f32x4_add(r, lo);
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(1.428606765330187045e-6f)));
  r = wasm_f32x4_pmin(wasm_f32x4_pmax(r, wasm_f32x4_splat(-1.0f)), wasm_f32x4_splat(1.0f)); /* only when underflowing */
  const v128_t s = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  const v128_t y = wasm_f32x4_add(wasm_f32x4_mul(s, expm1_poly(r)), s);
  return wasm_v128_andnot(y, underflow);
}

/* x split as h + l with h holding the top 12 significant bits (h·h is exact in float). */
ST_ALWAYS_INLINE v128_t split_head(v128_t x) { return wasm_v128_and(x, wasm_i32x4_splat((int32_t)0xFFFFF000u)); }

/* log1p(u) for u ∈ [0, 1]. */
ST_ALWAYS_INLINE v128_t log1p_unit(v128_t u) {
  const v128_t big = wasm_f32x4_gt(u, wasm_f32x4_splat(0.41421356f));
  const v128_t f = wasm_v128_bitselect(wasm_f32x4_mul(wasm_f32x4_sub(u, wasm_f32x4_splat(1.0f)), wasm_f32x4_splat(0.5f)), u, big);
  const v128_t sv = wasm_f32x4_div(f, wasm_f32x4_add(wasm_f32x4_splat(2.0f), f));
  const v128_t z = wasm_f32x4_mul(sv, sv);
  v128_t p = wasm_f32x4_splat(1.0f / 9.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(1.0f / 7.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(1.0f / 5.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(1.0f / 3.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(1.0f));
  const v128_t r = wasm_f32x4_mul(wasm_f32x4_add(sv, sv), p);
  return wasm_f32x4_add(wasm_v128_and(wasm_f32x4_splat(0.693147180559945309f), big), r);
}

/* Φ(x) = ½erfc(-x/√2), and (when phi is not NULL) e^(-x²/2) into *phi. */
ST_ALWAYS_INLINE v128_t normal_cdf(v128_t x, v128_t *phi) {
  const v128_t ax = wasm_f32x4_abs(x);
  const v128_t a = wasm_f32x4_mul(ax, wasm_f32x4_splat(0.70710678118654752440f));
  const v128_t t = wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(a, wasm_f32x4_splat(0.5f))));
  static const float P[10] = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
                              0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};
  v128_t p = wasm_f32x4_splat(P[9]);
  for (int i = 8; i >= 0; i--) p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(P[i]));
  const v128_t h = split_head(ax), l = wasm_f32x4_sub(ax, h);
  const v128_t hi = wasm_f32x4_mul(wasm_f32x4_mul(h, h), wasm_f32x4_splat(-0.5f)); /* -h²/2, exact */
  const v128_t lo2 = wasm_f32x4_neg(wasm_f32x4_add(wasm_f32x4_mul(h, l), wasm_f32x4_mul(wasm_f32x4_mul(l, l), wasm_f32x4_splat(0.5f))));
  if (phi) *phi = exp_neg_pair(hi, lo2);
  const v128_t half_erfc = wasm_f32x4_mul(wasm_f32x4_mul(t, exp_neg_pair(hi, wasm_f32x4_add(lo2, p))), wasm_f32x4_splat(0.5f));
  return wasm_v128_bitselect(wasm_f32x4_sub(wasm_f32x4_splat(1.0f), half_erfc), half_erfc,
                             wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f)));
}

/* ---- element-wise forward ---- */

/* mish's pieces from e = e^-|x| (activation_scalar.c): tanh(softplus(x)) = N/D, and
 * *grad_term = x·σ(x)·sech²(softplus(x)) = 4x·k(1+e)/D² when grad_term is not NULL. */
ST_ALWAYS_INLINE v128_t mish_parts(v128_t x, v128_t *grad_term) {
  const v128_t one = wasm_f32x4_splat(1.0f), two = wasm_f32x4_splat(2.0f);
  const v128_t e = exp_neg(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  const v128_t pos = wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f));
  const v128_t ee = wasm_f32x4_mul(e, e);
  const v128_t n = wasm_v128_bitselect(wasm_f32x4_add(one, wasm_f32x4_add(e, e)), wasm_f32x4_mul(e, wasm_f32x4_add(two, e)), pos);
  const v128_t d = wasm_f32x4_add(n, wasm_v128_bitselect(wasm_f32x4_add(ee, ee), two, pos));
  if (grad_term) {
    const v128_t k = wasm_v128_bitselect(ee, e, pos);
    const v128_t num = wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat(4.0f), x), k), wasm_f32x4_add(one, e));
    *grad_term = wasm_f32x4_div(num, wasm_f32x4_mul(d, d));
  }
  return wasm_f32x4_div(n, d);
}

/* σ(x) and σ(-x) from one e = e^-|x|. */
ST_ALWAYS_INLINE v128_t sigmoid_pair(v128_t x, v128_t *sigmoid_neg) {
  const v128_t e = exp_neg(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  const v128_t r = wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_add(wasm_f32x4_splat(1.0f), e));
  const v128_t er = wasm_f32x4_mul(e, r), pos = wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f));
  *sigmoid_neg = wasm_v128_bitselect(er, r, pos);
  return wasm_v128_bitselect(r, er, pos);
}


ST_ALWAYS_INLINE v128_t act_vec(int act, v128_t valpha, v128_t x) {
  switch (act) {
    case ST_ACT_SIGMOID: return sigmoid_vec(x);
    case ST_ACT_TANH: return tanh_vec(x);
    case ST_ACT_RELU: return wasm_f32x4_pmax(wasm_f32x4_splat(0.0f), x);
    case ST_ACT_LEAKY_RELU: return select_pos(x, wasm_f32x4_mul(valpha, x));
    case ST_ACT_ELU: return select_pos(x, wasm_f32x4_mul(valpha, expm1_neg(x)));
    case ST_ACT_SELU:
      return wasm_f32x4_mul(wasm_f32x4_splat(ST_SELU_SCALE),
                            select_pos(x, wasm_f32x4_mul(wasm_f32x4_splat(ST_SELU_ALPHA), expm1_neg(x))));
    case ST_ACT_GELU: return wasm_f32x4_mul(x, normal_cdf(x, NULL));
    case ST_ACT_SILU: return wasm_f32x4_mul(x, sigmoid_vec(x));
    case ST_ACT_SOFTPLUS:
      return wasm_f32x4_add(wasm_f32x4_pmax(wasm_f32x4_splat(0.0f), x),
                            log1p_unit(exp_neg(wasm_f32x4_neg(wasm_f32x4_abs(x)))));
    case ST_ACT_SOFTSIGN: return wasm_f32x4_div(x, wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_abs(x)));
    case ST_ACT_HARD_SIGMOID: {
      const v128_t v = wasm_f32x4_add(x, wasm_f32x4_splat(3.0f));
      return wasm_f32x4_div(wasm_f32x4_pmin(wasm_f32x4_splat(6.0f), wasm_f32x4_pmax(wasm_f32x4_splat(0.0f), v)),
                            wasm_f32x4_splat(6.0f));
    }
    case ST_ACT_RELU6: return wasm_f32x4_pmin(wasm_f32x4_splat(6.0f), wasm_f32x4_pmax(wasm_f32x4_splat(0.0f), x));
    case ST_ACT_MISH: return wasm_f32x4_mul(x, mish_parts(x, NULL));
    case ST_ACT_EXPONENTIAL: return exp_any(x);
    default: return x;
  }
}

/* y > 0 ? pos : neg */
ST_ALWAYS_INLINE v128_t if_pos(v128_t y, v128_t pos, v128_t neg) {
  return wasm_v128_bitselect(pos, neg, wasm_f32x4_gt(y, wasm_f32x4_splat(0.0f)));
}

/* act'(x) from y = act(x), as in activation_scalar.c. */
ST_ALWAYS_INLINE v128_t act_grad_vec(int act, v128_t valpha, v128_t y) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  switch (act) {
    case ST_ACT_SIGMOID: return wasm_f32x4_mul(y, wasm_f32x4_sub(one, y));
    case ST_ACT_TANH: return wasm_f32x4_sub(one, wasm_f32x4_mul(y, y));
    case ST_ACT_RELU: return if_pos(y, one, wasm_f32x4_splat(0.0f));
    case ST_ACT_LEAKY_RELU: return if_pos(y, one, valpha);
    case ST_ACT_ELU: return if_pos(y, one, wasm_f32x4_add(y, valpha));
    case ST_ACT_SELU:
      return if_pos(y, wasm_f32x4_splat(ST_SELU_SCALE),
                    wasm_f32x4_add(y, wasm_f32x4_splat(ST_SELU_SCALE * ST_SELU_ALPHA)));
    case ST_ACT_SOFTPLUS: return wasm_f32x4_neg(expm1_neg(wasm_f32x4_neg(y))); /* y ≥ 0 */
    case ST_ACT_SOFTSIGN: {
      const v128_t d = wasm_f32x4_sub(one, wasm_f32x4_abs(y));
      return wasm_f32x4_mul(d, d);
    }
    case ST_ACT_HARD_SIGMOID:
      return wasm_v128_and(wasm_f32x4_splat(1.0f / 6.0f),
                           wasm_v128_and(wasm_f32x4_gt(y, wasm_f32x4_splat(0.0f)), wasm_f32x4_lt(y, one)));
    case ST_ACT_RELU6:
      return wasm_v128_and(one, wasm_v128_and(wasm_f32x4_gt(y, wasm_f32x4_splat(0.0f)),
                                              wasm_f32x4_lt(y, wasm_f32x4_splat(6.0f))));
    case ST_ACT_EXPONENTIAL: return y;
    default: return one;
  }
}

/* act'(x) from the input x, for the activations of st_act_backward_needs_input. */
ST_ALWAYS_INLINE v128_t act_grad_input_vec(int act, v128_t x) {
  switch (act) {
    case ST_ACT_GELU: {
      v128_t phi;
      const v128_t cdf = normal_cdf(x, &phi);
      return wasm_f32x4_add(cdf, wasm_f32x4_mul(wasm_f32x4_mul(x, wasm_f32x4_splat(0.39894228040143267794f)), phi));
    }
    case ST_ACT_SILU: {
      v128_t s_neg;
      const v128_t s = sigmoid_pair(x, &s_neg);
      return wasm_f32x4_mul(s, wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(x, s_neg)));
    }
    case ST_ACT_MISH: {
      v128_t term;
      const v128_t g = mish_parts(x, &term);
      return wasm_f32x4_add(g, term);
    }
    default: return wasm_f32x4_splat(1.0f);
  }
}

/* y[0:n] = act(x[0:n]); act is a constant at each call site, so each loop is specialised. */
ST_ALWAYS_INLINE void forward_loop(int act, float alpha, const float *x, float *y, size_t n) {
  const v128_t valpha = wasm_f32x4_splat(alpha);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, act_vec(act, valpha, wasm_v128_load(x + i)));
  if (i < n) {
    const int t = (int)(n - i);
    st__store_n(y + i, act_vec(act, valpha, st__load_n(x + i, t)), t);
  }
}

/* dx[0:n] = dy[0:n]·act'(y[0:n]). */
ST_ALWAYS_INLINE void backward_loop(int act, float alpha, const float *y, const float *dy,
                                    float *dx, size_t n) {
  const v128_t valpha = wasm_f32x4_splat(alpha);
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(dx + i, wasm_f32x4_mul(wasm_v128_load(dy + i),
                                           act_grad_vec(act, valpha, wasm_v128_load(y + i))));
  if (i < n) {
    const int t = (int)(n - i);
    st__store_n(dx + i, wasm_f32x4_mul(st__load_n(dy + i, t),
                                       act_grad_vec(act, valpha, st__load_n(y + i, t))), t);
  }
}

/* dx[0:n] = dy[0:n]·act'(x[0:n]), from the forward input. */
ST_ALWAYS_INLINE void backward_input_loop(int act, const float *x, const float *dy, float *dx, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(dx + i, wasm_f32x4_mul(wasm_v128_load(dy + i), act_grad_input_vec(act, wasm_v128_load(x + i))));
  if (i < n) {
    const int t = (int)(n - i);
    st__store_n(dx + i, wasm_f32x4_mul(st__load_n(dy + i, t), act_grad_input_vec(act, st__load_n(x + i, t))), t);
  }
}

/* ---- softmax rows ---- */

ST_ALWAYS_INLINE float hmax(v128_t v) {
  v = wasm_f32x4_pmax(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_pmax(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

ST_ALWAYS_INLINE float hsum(v128_t v) {
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

/* All-ones in lanes 0..t-1. */
ST_ALWAYS_INLINE v128_t lane_mask(int t) {
  return wasm_i32x4_lt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(t));
}

static float row_max(const float *x, int cols) {
  float mx = x[0];
  int c = 0;
  if (cols >= 4) {
    v128_t vm = wasm_v128_load(x);
    for (c = 4; c + 4 <= cols; c += 4) vm = wasm_f32x4_pmax(vm, wasm_v128_load(x + c));
    mx = hmax(vm);
  }
  for (; c < cols; c++) mx = x[c] > mx ? x[c] : mx;
  return mx;
}

/* y = e^(x - max) / Σ e^(x - max); max subtracted so exp cannot overflow. x may alias y. */
static void softmax_row(const float *x, float *y, int cols) {
  const v128_t vmx = wasm_f32x4_splat(row_max(x, cols));
  v128_t vsum = wasm_f32x4_splat(0.0f);
  int c = 0;
  for (; c + 4 <= cols; c += 4) {
    const v128_t e = exp_neg(wasm_f32x4_sub(wasm_v128_load(x + c), vmx));
    wasm_v128_store(y + c, e);
    vsum = wasm_f32x4_add(vsum, e);
  }
  const int t = cols - c;
  if (t > 0) {
    const v128_t e = wasm_v128_and(exp_neg(wasm_f32x4_sub(st__load_n(x + c, t), vmx)), lane_mask(t));
    st__store_n(y + c, e, t);
    vsum = wasm_f32x4_add(vsum, e);
  }
  const v128_t vs = wasm_f32x4_splat(hsum(vsum));
  for (c = 0; c + 4 <= cols; c += 4) wasm_v128_store(y + c, wasm_f32x4_div(wasm_v128_load(y + c), vs));
  if (t > 0) st__store_n(y + c, wasm_f32x4_div(st__load_n(y + c, t), vs), t);
}

/* dx = y·(dy - Σ dy·y); the dot is complete before dx is written, so dy may alias dx. */
static void softmax_row_backward(const float *y, const float *dy, float *dx, int cols) {
  v128_t vdot = wasm_f32x4_splat(0.0f);
  int c = 0;
  for (; c + 4 <= cols; c += 4)
    vdot = wasm_f32x4_add(vdot, wasm_f32x4_mul(wasm_v128_load(dy + c), wasm_v128_load(y + c)));
  const int t = cols - c;
  if (t > 0) vdot = wasm_f32x4_add(vdot, wasm_f32x4_mul(st__load_n(dy + c, t), st__load_n(y + c, t)));
  const v128_t vd = wasm_f32x4_splat(hsum(vdot));
  for (c = 0; c + 4 <= cols; c += 4)
    wasm_v128_store(dx + c, wasm_f32x4_mul(wasm_v128_load(y + c), wasm_f32x4_sub(wasm_v128_load(dy + c), vd)));
  if (t > 0)
    st__store_n(dx + c, wasm_f32x4_mul(st__load_n(y + c, t), wasm_f32x4_sub(st__load_n(dy + c, t), vd)), t);
}

/* ---- entry points ---- */

void st_act_forward__wasmsimd(int act, float alpha, const float *x, float *y, int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  switch (act) {
    case ST_ACT_SIGMOID: forward_loop(ST_ACT_SIGMOID, alpha, x, y, n); break;
    case ST_ACT_TANH: forward_loop(ST_ACT_TANH, alpha, x, y, n); break;
    case ST_ACT_RELU: forward_loop(ST_ACT_RELU, alpha, x, y, n); break;
    case ST_ACT_LEAKY_RELU: forward_loop(ST_ACT_LEAKY_RELU, alpha, x, y, n); break;
    case ST_ACT_ELU: forward_loop(ST_ACT_ELU, alpha, x, y, n); break;
    case ST_ACT_SELU: forward_loop(ST_ACT_SELU, alpha, x, y, n); break;
    case ST_ACT_GELU: forward_loop(ST_ACT_GELU, alpha, x, y, n); break;
    case ST_ACT_SILU: forward_loop(ST_ACT_SILU, alpha, x, y, n); break;
    case ST_ACT_SOFTPLUS: forward_loop(ST_ACT_SOFTPLUS, alpha, x, y, n); break;
    case ST_ACT_SOFTSIGN: forward_loop(ST_ACT_SOFTSIGN, alpha, x, y, n); break;
    case ST_ACT_HARD_SIGMOID: forward_loop(ST_ACT_HARD_SIGMOID, alpha, x, y, n); break;
    case ST_ACT_RELU6: forward_loop(ST_ACT_RELU6, alpha, x, y, n); break;
    case ST_ACT_MISH: forward_loop(ST_ACT_MISH, alpha, x, y, n); break;
    case ST_ACT_EXPONENTIAL: forward_loop(ST_ACT_EXPONENTIAL, alpha, x, y, n); break;
    case ST_ACT_SOFTMAX:
      for (int r = 0; r < rows; r++) softmax_row(x + (size_t)r * cols, y + (size_t)r * cols, cols);
      break;
    default: forward_loop(ST_ACT_LINEAR, alpha, x, y, n); break;
  }
}

void st_act_backward__wasmsimd(int act, float alpha, const float *x, const float *y, const float *dy,
                               float *dx, int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  switch (act) {
    case ST_ACT_SIGMOID: backward_loop(ST_ACT_SIGMOID, alpha, y, dy, dx, n); break;
    case ST_ACT_TANH: backward_loop(ST_ACT_TANH, alpha, y, dy, dx, n); break;
    case ST_ACT_RELU: backward_loop(ST_ACT_RELU, alpha, y, dy, dx, n); break;
    case ST_ACT_LEAKY_RELU: backward_loop(ST_ACT_LEAKY_RELU, alpha, y, dy, dx, n); break;
    case ST_ACT_ELU: backward_loop(ST_ACT_ELU, alpha, y, dy, dx, n); break;
    case ST_ACT_SELU: backward_loop(ST_ACT_SELU, alpha, y, dy, dx, n); break;
    case ST_ACT_SOFTPLUS: backward_loop(ST_ACT_SOFTPLUS, alpha, y, dy, dx, n); break;
    case ST_ACT_SOFTSIGN: backward_loop(ST_ACT_SOFTSIGN, alpha, y, dy, dx, n); break;
    case ST_ACT_HARD_SIGMOID: backward_loop(ST_ACT_HARD_SIGMOID, alpha, y, dy, dx, n); break;
    case ST_ACT_RELU6: backward_loop(ST_ACT_RELU6, alpha, y, dy, dx, n); break;
    case ST_ACT_EXPONENTIAL: backward_loop(ST_ACT_EXPONENTIAL, alpha, y, dy, dx, n); break;
    case ST_ACT_GELU: backward_input_loop(ST_ACT_GELU, x, dy, dx, n); break;
    case ST_ACT_SILU: backward_input_loop(ST_ACT_SILU, x, dy, dx, n); break;
    case ST_ACT_MISH: backward_input_loop(ST_ACT_MISH, x, dy, dx, n); break;
    case ST_ACT_SOFTMAX:
      for (int r = 0; r < rows; r++) {
        const size_t o = (size_t)r * cols;
        softmax_row_backward(y + o, dy + o, dx + o, cols);
      }
      break;
    default: backward_loop(ST_ACT_LINEAR, alpha, y, dy, dx, n); break;
  }
}

#endif /* __wasm_simd128__ */
