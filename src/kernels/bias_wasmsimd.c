/* bias_wasmsimd.c — wasm SIMD128 versions of the bias kernels in bias_scalar.c:
 *   bias_add:  y[r,c] += b[c];   bias_grad: db[c] (+)= Σ_r dy[r,c]   (y, dy are [rows, cols]).
 * Four columns per vector; the last 1..3 columns use partial loads/stores (wasmsimd_util.h),
 * or, for up to 64 columns, bias_add runs flat over a repeated bias (below).
 * bias_grad keeps a strip of 8 column sums in registers while walking down the rows. */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"

/* Rows of cols floats that are not whole vectors (a Conv2D's 6 filters) are added as one
 * flat run against the bias repeated over lcm(cols, 4) floats: whole vectors instead of a
 * partial store per row (LeNet's first layer at batch 32: 0.06 → 0.03 ms). */
enum { PATTERN_MAX = 256 };

static void bias_add_flat(float *y, const float *b, int rows, int cols) {
  float pattern[PATTERN_MAX];
  int period = cols;
  while (period % 4) period += cols;
  for (int i = 0; i < period; i++) pattern[i] = b[i % cols];
  const size_t total = (size_t)rows * (size_t)cols;
  size_t i = 0;
  for (; i + (size_t)period <= total; i += (size_t)period)
    for (int v = 0; v < period; v += 4)
      wasm_v128_store(y + i + v, wasm_f32x4_add(wasm_v128_load(y + i + v), wasm_v128_load(pattern + v)));
  for (int v = 0; i + (size_t)v < total; v += 4) {
    const int n = total - i - (size_t)v < 4 ? (int)(total - i - (size_t)v) : 4;
    st__store_n(y + i + v, wasm_f32x4_add(st__load_n(y + i + v, n), st__load_n(pattern + v, n)), n);
  }
}

void st_bias_add__wasmsimd(float *y, const float *b, int rows, int cols) {
  if (cols % 4 && 4 * cols <= PATTERN_MAX) {
    bias_add_flat(y, b, rows, cols);
    return;
  }
  for (int r = 0; r < rows; r++) {
    float *yr = y + (size_t)r * cols;
    int c = 0;
    for (; c + 4 <= cols; c += 4)
      wasm_v128_store(yr + c, wasm_f32x4_add(wasm_v128_load(yr + c), wasm_v128_load(b + c)));
    if (c < cols) {
      const int n = cols - c;
      st__store_n(yr + c, wasm_f32x4_add(st__load_n(yr + c, n), st__load_n(b + c, n)), n);
    }
  }
}

/* db[0:4·nv] (+)= column sums of dy[:, 0:4·nv]; nlast lanes used in the last vector. */
ST_ALWAYS_INLINE void bias_grad_strip(int nv, int nlast, float *db, const float *dy, int rows,
                                      int cols, int accumulate) {
  v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
  for (int r = 0; r < rows; r++) {
    const float *dyr = dy + (size_t)r * cols;
    s0 = wasm_f32x4_add(s0, st__load_n(dyr, nv == 1 ? nlast : 4));
    if (nv == 2) s1 = wasm_f32x4_add(s1, st__load_n(dyr + 4, nlast));
  }
  if (accumulate) {
    s0 = wasm_f32x4_add(st__load_n(db, nv == 1 ? nlast : 4), s0);
    if (nv == 2) s1 = wasm_f32x4_add(st__load_n(db + 4, nlast), s1);
  }
  st__store_n(db, s0, nv == 1 ? nlast : 4);
  if (nv == 2) st__store_n(db + 4, s1, nlast);
}

void st_bias_grad__wasmsimd(float *db, const float *dy, int rows, int cols, int accumulate) {
  int c = 0;
  for (; c + 8 <= cols; c += 8) bias_grad_strip(2, 4, db + c, dy + c, rows, cols, accumulate);
  switch (cols - c) {
    case 1: bias_grad_strip(1, 1, db + c, dy + c, rows, cols, accumulate); break;
    case 2: bias_grad_strip(1, 2, db + c, dy + c, rows, cols, accumulate); break;
    case 3: bias_grad_strip(1, 3, db + c, dy + c, rows, cols, accumulate); break;
    case 4: bias_grad_strip(1, 4, db + c, dy + c, rows, cols, accumulate); break;
    case 5: bias_grad_strip(2, 1, db + c, dy + c, rows, cols, accumulate); break;
    case 6: bias_grad_strip(2, 2, db + c, dy + c, rows, cols, accumulate); break;
    case 7: bias_grad_strip(2, 3, db + c, dy + c, rows, cols, accumulate); break;
    default: break;
  }
}

#endif /* __wasm_simd128__ */
