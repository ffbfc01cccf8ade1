/* batchnorm_wasmsimd.c — wasm SIMD128 batch-normalization kernels, vectorised across
 * features: each v128 holds four adjacent columns of a row-major [rows, cols] batch, so the
 * per-column sums run down the rows in the same order as batchnorm_scalar.c and the results
 * are bit-identical. The last 1..3 columns use partial loads and stores (wasmsimd_util.h). */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"

static v128_t load_or(const float *p, int nl, float fallback) {
  return p ? st__load_n(p, nl) : wasm_f32x4_splat(fallback);
}

ST_ALWAYS_INLINE void train_columns(int nl, const float *x, float *y, float *mean, float *var, float *inv_std,
                                    const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  const v128_t n = wasm_f32x4_splat((float)rows);
  v128_t sum = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; r++) sum = wasm_f32x4_add(sum, st__load_n(x + (size_t)r * cols, nl));
  const v128_t mu = wasm_f32x4_div(sum, n);
  v128_t sq = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; r++) {
    v128_t d = wasm_f32x4_sub(st__load_n(x + (size_t)r * cols, nl), mu);
    sq = wasm_f32x4_add(sq, wasm_f32x4_mul(d, d));
  }
  const v128_t v = wasm_f32x4_div(sq, n);
  const v128_t inv = wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_sqrt(wasm_f32x4_add(v, wasm_f32x4_splat(epsilon))));
  st__store_n(mean, mu, nl);
  st__store_n(var, v, nl);
  st__store_n(inv_std, inv, nl);
  const v128_t g = load_or(gamma, nl, 1.0f), b = load_or(beta, nl, 0.0f);
  for (int r = 0; r < rows; r++) {
    v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(st__load_n(x + (size_t)r * cols, nl), mu), inv);
    st__store_n(y + (size_t)r * cols, wasm_f32x4_add(wasm_f32x4_mul(g, xhat), b), nl);
  }
}

void st_bn_forward_train__wasmsimd(const float *x, float *y, float *mean, float *var, float *inv_std,
                                   const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  int c = 0;
  for (; c + 4 <= cols; c += 4)
    train_columns(4, x + c, y + c, mean + c, var + c, inv_std + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL,
                  rows, cols, epsilon);
  int nl = cols - c;
  if (nl == 1) train_columns(1, x + c, y + c, mean + c, var + c, inv_std + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
  if (nl == 2) train_columns(2, x + c, y + c, mean + c, var + c, inv_std + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
  if (nl == 3) train_columns(3, x + c, y + c, mean + c, var + c, inv_std + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
}

ST_ALWAYS_INLINE void infer_columns(int nl, const float *x, float *y, const float *mean, const float *var,
                                    const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  const v128_t mu = st__load_n(mean, nl);
  const v128_t inv = wasm_f32x4_div(wasm_f32x4_splat(1.0f),
                                    wasm_f32x4_sqrt(wasm_f32x4_add(st__load_n(var, nl), wasm_f32x4_splat(epsilon))));
  const v128_t g = load_or(gamma, nl, 1.0f), b = load_or(beta, nl, 0.0f);
  for (int r = 0; r < rows; r++) {
    v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(st__load_n(x + (size_t)r * cols, nl), mu), inv);
    st__store_n(y + (size_t)r * cols, wasm_f32x4_add(wasm_f32x4_mul(g, xhat), b), nl);
  }
}

void st_bn_forward_infer__wasmsimd(const float *x, float *y, const float *mean, const float *var,
                                   const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  int c = 0;
  for (; c + 4 <= cols; c += 4)
    infer_columns(4, x + c, y + c, mean + c, var + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
  int nl = cols - c;
  if (nl == 1) infer_columns(1, x + c, y + c, mean + c, var + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
  if (nl == 2) infer_columns(2, x + c, y + c, mean + c, var + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
  if (nl == 3) infer_columns(3, x + c, y + c, mean + c, var + c, gamma ? gamma + c : NULL, beta ? beta + c : NULL, rows, cols, epsilon);
}

ST_ALWAYS_INLINE void backward_columns(int nl, const float *x, const float *dy, float *dx, float *dgamma,
                                       float *dbeta, const float *mean, const float *inv_std, const float *gamma,
                                       int rows, int cols) {
  const v128_t mu = st__load_n(mean, nl), inv = st__load_n(inv_std, nl);
  v128_t sum_dy = wasm_f32x4_splat(0.0f), sum_dy_xhat = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; r++) {
    v128_t d = st__load_n(dy + (size_t)r * cols, nl);
    v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(st__load_n(x + (size_t)r * cols, nl), mu), inv);
    sum_dy = wasm_f32x4_add(sum_dy, d);
    sum_dy_xhat = wasm_f32x4_add(sum_dy_xhat, wasm_f32x4_mul(d, xhat));
  }
  if (dbeta) st__store_n(dbeta, sum_dy, nl);
  if (dgamma) st__store_n(dgamma, sum_dy_xhat, nl);
  if (!dx) return;
  const v128_t n = wasm_f32x4_splat((float)rows);
  const v128_t k = wasm_f32x4_div(wasm_f32x4_mul(load_or(gamma, nl, 1.0f), inv), n);
  for (int r = 0; r < rows; r++) {
    v128_t d = st__load_n(dy + (size_t)r * cols, nl);
    v128_t xhat = wasm_f32x4_mul(wasm_f32x4_sub(st__load_n(x + (size_t)r * cols, nl), mu), inv);
    v128_t inner = wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_mul(n, d), sum_dy), wasm_f32x4_mul(xhat, sum_dy_xhat));
    st__store_n(dx + (size_t)r * cols, wasm_f32x4_mul(k, inner), nl);
  }
}

void st_bn_backward__wasmsimd(const float *x, const float *dy, float *dx, float *dgamma, float *dbeta,
                              const float *mean, const float *inv_std, const float *gamma, int rows, int cols) {
#define COLUMNS(nl, c)                                                                                     \
  backward_columns(nl, x + c, dy + c, dx ? dx + c : NULL, dgamma ? dgamma + c : NULL, dbeta ? dbeta + c : NULL, \
                   mean + c, inv_std + c, gamma ? gamma + c : NULL, rows, cols)
  int c = 0;
  for (; c + 4 <= cols; c += 4) COLUMNS(4, c);
  switch (cols - c) {
    case 1: COLUMNS(1, c); break;
    case 2: COLUMNS(2, c); break;
    case 3: COLUMNS(3, c); break;
    default: break;
  }
#undef COLUMNS
}

#endif /* __wasm_simd128__ */
