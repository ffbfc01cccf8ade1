/* batchnorm_wasmsimd.c — wasm SIMD128 batch-normalization kernels, vectorised across
 * features: each v128 holds four adjacent columns of a row of a row-major [rows, cols] batch.
 * Like batchnorm_scalar.c, every pass sweeps the batch row by row and adds each row into
 * per-column accumulators, so the per-column sums run down the rows in the same order as the
 * scalar reference and the results are bit-identical (no column walks: a 4 KiB row stride
 * thrashes L1). Inference and the backward's dx pass work on strips of ST_BN_STRIP columns
 * whose per-column constant sits in a stack array (kernels_impl.h). The last 1..3 columns
 * use partial loads and stores (wasmsimd_util.h). */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"

#define LOAD(p) st__load_n((p), nl)
#define STORE(p, v) st__store_n((p), (v), nl)

/* Runs step(nl, c) over the columns [begin, end): full vectors, then the 1..3 tail columns,
 * with nl a compile-time constant in every branch. */
#define FOR_COLUMNS(begin, end, step)        \
  do {                                       \
    int c_ = (begin);                        \
    const int end_ = (end);                  \
    for (; c_ + 4 <= end_; c_ += 4) step(4, c_); \
    switch (end_ - c_) {                     \
      case 1: step(1, c_); break;            \
      case 2: step(2, c_); break;            \
      case 3: step(3, c_); break;            \
      default: break;                        \
    }                                        \
  } while (0)

ST_ALWAYS_INLINE v128_t load_or(int nl, const float *p, float fallback) {
  return p ? LOAD(p) : wasm_f32x4_splat(fallback);
}

ST_ALWAYS_INLINE void zero_vec(int nl, float *p) { STORE(p, wasm_f32x4_splat(0.0f)); }

/* acc += x */
ST_ALWAYS_INLINE void sum_vec(int nl, float *acc, const float *x) { STORE(acc, wasm_f32x4_add(LOAD(acc), LOAD(x))); }

/* sq += (x - mu)² */
ST_ALWAYS_INLINE void sq_vec(int nl, float *sq, const float *x, const float *mu) {
  v128_t d = wasm_f32x4_sub(LOAD(x), LOAD(mu));
  STORE(sq, wasm_f32x4_add(LOAD(sq), wasm_f32x4_mul(d, d)));
}

/* mean = sum / n (in place); var = 0 */
ST_ALWAYS_INLINE void mean_vec(int nl, float *mean, float *var, v128_t n) {
  STORE(mean, wasm_f32x4_div(LOAD(mean), n));
  STORE(var, wasm_f32x4_splat(0.0f));
}

/* var = sq / n (in place); inv_std = 1/sqrt(var + eps) */
ST_ALWAYS_INLINE void var_vec(int nl, float *var, float *inv_std, v128_t n, v128_t eps) {
  v128_t v = wasm_f32x4_div(LOAD(var), n);
  STORE(var, v);
  STORE(inv_std, wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_sqrt(wasm_f32x4_add(v, eps))));
}

/* y = gamma*((x - mean)*inv) + beta */
ST_ALWAYS_INLINE void affine_vec(int nl, const float *x, float *y, const float *mean, const float *inv,
                                 const float *gamma, const float *beta) {
  v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(LOAD(x), LOAD(mean)), LOAD(inv));
  STORE(y, wasm_f32x4_add(wasm_f32x4_mul(load_or(nl, gamma, 1.0f), xhat), load_or(nl, beta, 0.0f)));
}

#define AT(p, c) ((p) ? (p) + (c) : NULL)

void st_bn_forward_train__wasmsimd(const float *x, float *y, float *mean, float *var, float *inv_std,
                                   const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  const v128_t n = wasm_f32x4_splat((float)rows), eps = wasm_f32x4_splat(epsilon);
#define ZERO_STEP(nl, c) zero_vec(nl, mean + c)
  FOR_COLUMNS(0, cols, ZERO_STEP);
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
#define SUM_STEP(nl, c) sum_vec(nl, mean + c, xr + c)
    FOR_COLUMNS(0, cols, SUM_STEP);
  }
#define MEAN_STEP(nl, c) mean_vec(nl, mean + c, var + c, n)
  FOR_COLUMNS(0, cols, MEAN_STEP);
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
#define SQ_STEP(nl, c) sq_vec(nl, var + c, xr + c, mean + c)
    FOR_COLUMNS(0, cols, SQ_STEP);
  }
#define VAR_STEP(nl, c) var_vec(nl, var + c, inv_std + c, n, eps)
  FOR_COLUMNS(0, cols, VAR_STEP);
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
    float *yr = y + (size_t)r * cols;
#define Y_STEP(nl, c) affine_vec(nl, xr + c, yr + c, mean + c, inv_std + c, AT(gamma, c), AT(beta, c))
    FOR_COLUMNS(0, cols, Y_STEP);
  }
#undef ZERO_STEP
#undef SUM_STEP
#undef MEAN_STEP
#undef SQ_STEP
#undef VAR_STEP
#undef Y_STEP
}

/* inv = 1/sqrt(var + eps) */
ST_ALWAYS_INLINE void inv_vec(int nl, float *inv, const float *var, v128_t eps) {
  STORE(inv, wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_sqrt(wasm_f32x4_add(LOAD(var), eps))));
}

void st_bn_forward_infer__wasmsimd(const float *x, float *y, const float *mean, const float *var,
                                   const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  const v128_t eps = wasm_f32x4_splat(epsilon);
  float inv[ST_BN_STRIP];
  for (int c0 = 0; c0 < cols; c0 += ST_BN_STRIP) {
    const int end = cols - c0 < ST_BN_STRIP ? cols : c0 + ST_BN_STRIP;
#define INV_STEP(nl, c) inv_vec(nl, inv + (c - c0), var + c, eps)
    FOR_COLUMNS(c0, end, INV_STEP);
    for (int r = 0; r < rows; r++) {
      const float *xr = x + (size_t)r * cols;
      float *yr = y + (size_t)r * cols;
#define Y_STEP(nl, c) affine_vec(nl, xr + c, yr + c, mean + c, inv + (c - c0), AT(gamma, c), AT(beta, c))
      FOR_COLUMNS(c0, end, Y_STEP);
    }
  }
#undef INV_STEP
#undef Y_STEP
}

/* sum_dy += dy; sum_dy_xhat += dy*((x - mean)*inv_std) */
ST_ALWAYS_INLINE void grad_sums_vec(int nl, float *sum_dy, float *sum_dy_xhat, const float *x, const float *dy,
                                    const float *mean, const float *inv_std) {
  v128_t d = LOAD(dy);
  v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(LOAD(x), LOAD(mean)), LOAD(inv_std));
  STORE(sum_dy, wasm_f32x4_add(LOAD(sum_dy), d));
  STORE(sum_dy_xhat, wasm_f32x4_add(LOAD(sum_dy_xhat), wasm_f32x4_mul(d, xhat)));
}

/* k = gamma*inv_std/n */
ST_ALWAYS_INLINE void k_vec(int nl, float *k, const float *gamma, const float *inv_std, v128_t n) {
  STORE(k, wasm_f32x4_div(wasm_f32x4_mul(load_or(nl, gamma, 1.0f), LOAD(inv_std)), n));
}

/* dx = k*(n*dy - sum_dy - xhat*sum_dy_xhat) */
ST_ALWAYS_INLINE void dx_vec(int nl, float *dx, const float *x, const float *dy, const float *mean,
                             const float *inv_std, const float *k, const float *sum_dy, const float *sum_dy_xhat,
                             v128_t n) {
  v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(LOAD(x), LOAD(mean)), LOAD(inv_std));
  v128_t inner = wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_mul(n, LOAD(dy)), LOAD(sum_dy)),
                                wasm_f32x4_mul(xhat, LOAD(sum_dy_xhat)));
  STORE(dx, wasm_f32x4_mul(LOAD(k), inner));
}

void st_bn_backward__wasmsimd(const float *x, const float *dy, float *dx, float *dgamma, float *dbeta,
                              const float *mean, const float *inv_std, const float *gamma, int rows, int cols,
                              float *scratch) {
  float *sum_dy = scratch, *sum_dy_xhat = scratch + cols;
#define ZERO_STEP(nl, c) (zero_vec(nl, sum_dy + c), zero_vec(nl, sum_dy_xhat + c))
  FOR_COLUMNS(0, cols, ZERO_STEP);
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols, *dyr = dy + (size_t)r * cols;
#define SUMS_STEP(nl, c) grad_sums_vec(nl, sum_dy + c, sum_dy_xhat + c, xr + c, dyr + c, mean + c, inv_std + c)
    FOR_COLUMNS(0, cols, SUMS_STEP);
  }
  for (int c = 0; c < cols; c++) {
    if (dbeta) dbeta[c] = sum_dy[c];
    if (dgamma) dgamma[c] = sum_dy_xhat[c];
  }
  if (!dx) return;
  const v128_t n = wasm_f32x4_splat((float)rows);
  float k[ST_BN_STRIP];
  for (int c0 = 0; c0 < cols; c0 += ST_BN_STRIP) {
    const int end = cols - c0 < ST_BN_STRIP ? cols : c0 + ST_BN_STRIP;
#define K_STEP(nl, c) k_vec(nl, k + (c - c0), AT(gamma, c), inv_std + c, n)
    FOR_COLUMNS(c0, end, K_STEP);
    for (int r = 0; r < rows; r++) {
      const size_t o = (size_t)r * cols;
      const float *xr = x + o, *dyr = dy + o;
      float *dxr = dx + o;
#define DX_STEP(nl, c) \
  dx_vec(nl, dxr + c, xr + c, dyr + c, mean + c, inv_std + c, k + (c - c0), sum_dy + c, sum_dy_xhat + c, n)
      FOR_COLUMNS(c0, end, DX_STEP);
    }
  }
#undef ZERO_STEP
#undef SUMS_STEP
#undef K_STEP
#undef DX_STEP
}

#endif /* __wasm_simd128__ */
