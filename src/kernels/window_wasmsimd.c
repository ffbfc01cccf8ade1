/* window_wasmsimd.c — wasm SIMD128 versions of the 2-D window kernels of window_scalar.c.
 * im2col/col2im move contiguous runs (kw*c floats of one window row; c floats when the row
 * is clipped) four floats per vector; pooling works on four channels per vector, the last
 * 1..3 through an overlapping whole vector where each output is written once, else through
 * partial loads/stores (wasmsimd_util.h). Loop orders are the scalar ones, so the sums,
 * maxima and their bits are identical. Max uses f32x4.pmax (m < v ? v : m), the
 * scalar `if (v > m) m = v` exactly (NaN and ±0 included). */
#include <string.h>

#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"
#include "window_loops.h"

ST_ALWAYS_INLINE void zero_run(float *p, size_t n) {
  size_t t = 0;
  for (; t + 4 <= n; t += 4) wasm_v128_store(p + t, wasm_f32x4_splat(0.0f));
  for (; t < n; t++) p[t] = 0.0f;
}

ST_ALWAYS_INLINE void copy_run(float *dst, const float *src, size_t n) {
  size_t t = 0;
  for (; t + 8 <= n; t += 8) {
    wasm_v128_store(dst + t, wasm_v128_load(src + t));
    wasm_v128_store(dst + t + 4, wasm_v128_load(src + t + 4));
  }
  for (; t + 4 <= n; t += 4) wasm_v128_store(dst + t, wasm_v128_load(src + t));
  if (t < n) st__store_n(dst + t, st__load_n(src + t, (int)(n - t)), (int)(n - t));
}

ST_ALWAYS_INLINE void add_run(float *dst, const float *src, size_t n) {
  size_t t = 0;
  for (; t + 4 <= n; t += 4) wasm_v128_store(dst + t, wasm_f32x4_add(wasm_v128_load(dst + t), wasm_v128_load(src + t)));
  if (t < n) {
    const int r = (int)(n - t);
    st__store_n(dst + t, wasm_f32x4_add(st__load_n(dst + t, r), st__load_n(src + t, r)), r);
  }
}

/* A window lying inside the image: kh rows of row_len floats, `stride` apart in x, one after
 * another in col. Every row but the last is copied as whole vectors, the last one spilling up
 * to 3 floats into the next row, which then overwrites them (the loop tails of short rows,
 * e.g. 5 floats for a 5×5×1 kernel, cost more than the copy). The spill stays inside the
 * window when rows hold at least 2 floats, and the spilled reads (at most 3 floats past a row)
 * stay inside the next window row when rows lie at least 3 floats apart in x. */
ST_ALWAYS_INLINE void copy_rows(float *col, const float *src, size_t row_len, size_t stride, int kh, size_t vectors) {
  for (int ki = 0; ki + 1 < kh; ki++, col += row_len, src += stride)
    for (size_t v = 0; v < vectors; v++) wasm_v128_store(col + 4 * v, wasm_v128_load(src + 4 * v));
  copy_run(col, src, row_len);
}

/* Lanes 0..take-1 of a, then lanes 0..3-take of b. */
ST_ALWAYS_INLINE v128_t join(v128_t a, v128_t b, int take) {
  switch (take) {
    case 1: return wasm_i32x4_shuffle(a, b, 0, 4, 5, 6);
    case 2: return wasm_i32x4_shuffle(a, b, 0, 1, 4, 5);
    case 3: return wasm_i32x4_shuffle(a, b, 0, 1, 2, 4);
    default: return a;
  }
}

/* A whole window of k rows of k floats (a k×k single-channel kernel) packed into col as
 * whole vectors, each joined from the two window rows it spans (reads and stores exact, none past the window): ceil(k²/4) stores
 * instead of two per row. Only worth it with k a constant, so the joins fold away (LeNet's
 * 5×5×1 window: 7 stores instead of 10, im2col 0.23 → 0.17 ms at batch 32). */
ST_ALWAYS_INLINE void pack_square(float *col, const float *src, size_t stride, int k) {
  for (int f = 0; f < k * k; f += 4) {
    const int r = f / k, off = f % k, n = k * k - f < 4 ? k * k - f : 4, take = k - off < n ? k - off : n;
    v128_t v = st__load_n(src + r * stride + off, take);
    if (take < n) v = join(v, st__load_n(src + (r + 1) * stride, n - take), take);
    st__store_n(col + f, v, n);
  }
}

/* Rows of up to 8 floats get a loop of their own with a constant vector count (LeNet's
 * 5×5×1 window: 0.34 → 0.21 ms at batch 32 against the variable-count loop); windows of
 * 3, 5 or 7 rows of as many floats (3×3, 5×5, 7×7 kernels over grayscale images) are packed. */
static void copy_window(float *col, const float *src, size_t row_len, size_t stride, int kh) {
  if ((size_t)kh == row_len) {
    switch (kh) {
      case 3: pack_square(col, src, stride, 3); return;
      case 5: pack_square(col, src, stride, 5); return;
      case 7: pack_square(col, src, stride, 7); return;
      default: break;
    }
  }
  switch ((row_len + 3) / 4) {
    case 1: copy_rows(col, src, row_len, stride, kh, 1); break;
    case 2: copy_rows(col, src, row_len, stride, kh, 2); break;
    default: copy_rows(col, src, row_len, stride, kh, (row_len + 3) / 4); break;
  }
}

void st_im2col__wasmsimd(const st_window *g, const float *x, float *col, int n) {
  const size_t row_len = (size_t)g->kw * g->c, stride = (size_t)g->w * g->c, image = (size_t)g->h * stride;
  const int spill_ok = row_len >= 2 && stride >= 3;
  for (int b = 0; b < n; b++) {
    const float *xb = x + (size_t)b * image;
    for (int i = 0; i < g->oh; i++) {
      const int r0 = i * g->sh - g->pad_top;
      int ki0, ki1;
      clip(r0, g->kh, g->h, &ki0, &ki1);
      for (int j = 0; j < g->ow; j++) {
        const int c0 = j * g->sw - g->pad_left;
        int kj0, kj1;
        clip(c0, g->kw, g->w, &kj0, &kj1);
        const size_t left = (size_t)kj0 * g->c, run = (size_t)(kj1 - kj0) * g->c;
        if (ki0 == 0 && ki1 == g->kh && run == row_len && spill_ok) { /* the window lies inside the image */
          copy_window(col, xb + ((size_t)r0 * g->w + (size_t)c0) * g->c, row_len, stride, g->kh);
          col += (size_t)g->kh * row_len;
          continue;
        }
        for (int ki = 0; ki < g->kh; ki++, col += row_len) {
          if (ki < ki0 || ki >= ki1) {
            zero_run(col, row_len);
            continue;
          }
          const float *src = xb + ((size_t)(r0 + ki) * g->w + (size_t)(c0 + kj0)) * g->c;
          if (left) zero_run(col, left);
          copy_run(col + left, src, run);
          if (left + run < row_len) zero_run(col + left + run, row_len - left - run);
        }
      }
    }
  }
}

void st_col2im__wasmsimd(const st_window *g, const float *col, float *dx, int n) {
  const size_t row_len = (size_t)g->kw * g->c, image = (size_t)g->h * g->w * g->c;
  memset(dx, 0, (size_t)n * image * sizeof(float));
  for (int b = 0; b < n; b++) {
    float *db = dx + (size_t)b * image;
    for (int i = 0; i < g->oh; i++) {
      const int r0 = i * g->sh - g->pad_top;
      int ki0, ki1;
      clip(r0, g->kh, g->h, &ki0, &ki1);
      for (int j = 0; j < g->ow; j++) {
        const int c0 = j * g->sw - g->pad_left;
        int kj0, kj1;
        clip(c0, g->kw, g->w, &kj0, &kj1);
        for (int ki = ki0; ki < ki1; ki++)
          add_run(db + ((size_t)(r0 + ki) * g->w + (size_t)(c0 + kj0)) * g->c, col + (size_t)ki * row_len + (size_t)kj0 * g->c,
                  (size_t)(kj1 - kj0) * g->c);
        col += (size_t)g->kh * row_len;
      }
    }
  }
}

/* Four channels at a time, then the last 1..3: `lanes` is 4 or the remainder (for kernels
 * that add into their output, where an overlapping vector would add twice). */
#define FOR_EACH_CHANNEL_GROUP(C, ...)                    \
  for (size_t ch = 0; ch < (C); ch += 4) {                \
    const int lanes = (C) - ch >= 4 ? 4 : (int)((C) - ch); \
    __VA_ARGS__                                           \
  }

/* For kernels that write each output once: at least 4 channels go as whole vectors, the last
 * one overlapping the one before (its shared lanes get the same values again), which beats
 * partial loads and stores (LeNet's 6-channel max pool, batch 32: 0.11 → 0.08 ms); 1..3
 * channels as one partial vector. `lanes` is a constant in each branch. */
#define FOR_EACH_CHANNEL_VECTOR(C, ...)                \
  if ((C) >= 4) {                                      \
    for (size_t ch0 = 0; ch0 < (C); ch0 += 4) {        \
      const size_t ch = ch0 + 4 > (C) ? (C) - 4 : ch0; \
      const int lanes = 4;                             \
      __VA_ARGS__                                      \
    }                                                  \
  } else {                                             \
    const size_t ch = 0;                               \
    const int lanes = (int)(C);                        \
    __VA_ARGS__                                        \
  }

/* The pooling bodies below are inlined twice: for a whole 2×2 window (Keras's default pool)
 * with constant trip counts, and for any window; the loop overhead is most of a small pool's
 * cost (LeNet's 2×2 max pool at batch 32: 0.08 → 0.04 ms). Each BODY(rows, cols) macro is
 * one kernel's window step, written over that kernel's loop variables. */
#define WITH_WINDOW_SIZE(rows, cols, BODY) \
  if ((rows) == 2 && (cols) == 2) {        \
    BODY(2, 2);                            \
  } else {                                 \
    BODY(rows, cols);                      \
  }

/* Max over a window of rows × cols positions starting at p (lanes channels). */
ST_ALWAYS_INLINE v128_t window_max(const float *p, size_t stride, size_t C, int rows, int cols, int lanes) {
  v128_t m = st__load_n(p, lanes);
  for (int a = 0; a < rows; a++)
    for (int e = 0; e < cols; e++) m = wasm_f32x4_pmax(m, st__load_n(p + a * stride + e * C, lanes));
  return m;
}

#define MAX_BODY(r, c) st__store_n(y + out_ + ch, window_max(x + in_ + ch, stride, C, r, c, lanes), lanes)
void st_max_pool__wasmsimd(const st_window *g, const float *x, float *y, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  FOR_EACH_WINDOW(g, n, {
    FOR_EACH_CHANNEL_VECTOR(C, {
      WITH_WINDOW_SIZE(rows_, cols_, MAX_BODY)
    })
  })
}
#undef MAX_BODY

/* One window of the disjoint max-pool backward: dx = 0 + d at the first position equal to m
 * (per lane), 0 elsewhere. */
ST_ALWAYS_INLINE void window_max_backward(const float *x, float *dx, v128_t m, v128_t d, size_t stride, size_t C, int rows,
                                          int cols, int lanes) {
  v128_t pending = wasm_i32x4_splat(-1);
  for (int a = 0; a < rows; a++)
    for (int e = 0; e < cols; e++) {
      const size_t at = a * stride + e * C;
      const v128_t hit = wasm_v128_and(pending, wasm_f32x4_eq(st__load_n(x + at, lanes), m));
      st__store_n(dx + at, wasm_v128_and(d, hit), lanes);
      pending = wasm_v128_andnot(pending, hit);
    }
}

/* Windows that do not overlap (strides >= pool size, as Keras's default): each position is
 * written once, 0 + dy at the first maximum and 0 elsewhere, with no read of dx and no branch. */
#define MAX_BACKWARD_BODY(r, c) window_max_backward(x + in_ + ch, dx + in_ + ch, m, d, stride, C, r, c, lanes)
static void max_pool_backward_disjoint(const st_window *g, const float *x, const float *y, const float *dy, float *dx,
                                       int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  FOR_EACH_WINDOW(g, n, {
    FOR_EACH_CHANNEL_VECTOR(C, {
      const v128_t m = st__load_n(y + out_ + ch, lanes), d = wasm_f32x4_add(zero, st__load_n(dy + out_ + ch, lanes));
      WITH_WINDOW_SIZE(rows_, cols_, MAX_BACKWARD_BODY)
    })
  })
}
#undef MAX_BACKWARD_BODY

void st_max_pool_backward__wasmsimd(const st_window *g, const float *x, const float *y, const float *dy, float *dx, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  /* Disjoint windows that tile the image exactly write every position of dx. */
  const int disjoint = g->sh >= g->kh && g->sw >= g->kw,
            tiling = disjoint && !g->pad_top && !g->pad_left && g->oh * g->sh == g->h && g->ow * g->sw == g->w &&
                     g->sh == g->kh && g->sw == g->kw;
  if (!tiling) memset(dx, 0, (size_t)n * g->h * stride * sizeof(float));
  if (disjoint) {
    max_pool_backward_disjoint(g, x, y, dy, dx, n);
    return;
  }
  FOR_EACH_WINDOW(g, n, {
    FOR_EACH_CHANNEL_GROUP(C, {
      const v128_t m = st__load_n(y + out_ + ch, lanes), d = st__load_n(dy + out_ + ch, lanes);
      v128_t pending = wasm_i32x4_splat(-1);
      for (int a = 0; a < rows_; a++)
        for (int e = 0; e < cols_; e++) {
          float *at = dx + in_ + a * stride + e * C + ch;
          const v128_t hit = wasm_v128_and(pending, wasm_f32x4_eq(st__load_n(x + in_ + a * stride + e * C + ch, lanes), m));
          if (!wasm_v128_any_true(hit)) continue;
          const v128_t old = st__load_n(at, lanes);
          st__store_n(at, wasm_v128_bitselect(wasm_f32x4_add(old, d), old, hit), lanes);
          pending = wasm_v128_andnot(pending, hit);
        }
    })
  })
}

/* Sum over a window, positions in row-major order from 0 (the scalar order). */
ST_ALWAYS_INLINE v128_t window_sum(const float *p, size_t stride, size_t C, int rows, int cols, int lanes) {
  v128_t s = wasm_f32x4_splat(0.0f);
  for (int a = 0; a < rows; a++)
    for (int e = 0; e < cols; e++) s = wasm_f32x4_add(s, st__load_n(p + a * stride + e * C, lanes));
  return s;
}

#define AVG_BODY(r, c) st__store_n(y + out_ + ch, wasm_f32x4_mul(window_sum(x + in_ + ch, stride, C, r, c, lanes), inv), lanes)
void st_avg_pool__wasmsimd(const st_window *g, const float *x, float *y, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  FOR_EACH_WINDOW(g, n, {
    const v128_t inv = wasm_f32x4_splat(1.0f / (float)(rows_ * cols_));
    FOR_EACH_CHANNEL_VECTOR(C, {
      WITH_WINDOW_SIZE(rows_, cols_, AVG_BODY)
    })
  })
}
#undef AVG_BODY

void st_avg_pool_backward__wasmsimd(const st_window *g, const float *dy, float *dx, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  memset(dx, 0, (size_t)n * g->h * stride * sizeof(float));
  FOR_EACH_WINDOW(g, n, {
    const v128_t inv = wasm_f32x4_splat(1.0f / (float)(rows_ * cols_));
    FOR_EACH_CHANNEL_GROUP(C, {
      const v128_t d = wasm_f32x4_mul(st__load_n(dy + out_ + ch, lanes), inv);
      for (int a = 0; a < rows_; a++)
        for (int e = 0; e < cols_; e++) {
          float *at = dx + in_ + a * stride + e * C + ch;
          st__store_n(at, wasm_f32x4_add(st__load_n(at, lanes), d), lanes);
        }
    })
  })
}
#endif
