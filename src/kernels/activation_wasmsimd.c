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
 * NaN inputs are not propagated by the transcendental activations (clamping uses pmin/pmax). */
#include "kernels_impl.h"

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

/* ---- element-wise forward ---- */

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
    default: return one;
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
    case ST_ACT_SOFTMAX:
      for (int r = 0; r < rows; r++) softmax_row(x + (size_t)r * cols, y + (size_t)r * cols, cols);
      break;
    default: forward_loop(ST_ACT_LINEAR, alpha, x, y, n); break;
  }
}

void st_act_backward__wasmsimd(int act, float alpha, const float *y, const float *dy, float *dx,
                               int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  switch (act) {
    case ST_ACT_SIGMOID: backward_loop(ST_ACT_SIGMOID, alpha, y, dy, dx, n); break;
    case ST_ACT_TANH: backward_loop(ST_ACT_TANH, alpha, y, dy, dx, n); break;
    case ST_ACT_RELU: backward_loop(ST_ACT_RELU, alpha, y, dy, dx, n); break;
    case ST_ACT_LEAKY_RELU: backward_loop(ST_ACT_LEAKY_RELU, alpha, y, dy, dx, n); break;
    case ST_ACT_ELU: backward_loop(ST_ACT_ELU, alpha, y, dy, dx, n); break;
    case ST_ACT_SELU: backward_loop(ST_ACT_SELU, alpha, y, dy, dx, n); break;
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
