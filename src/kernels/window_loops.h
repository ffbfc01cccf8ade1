/* window_loops.h — the window walk both tables of window kernels share (window_scalar.c,
 * window_wasmsimd.c), so they visit output pixels and window positions in one order and their
 * sums and maxima agree bit for bit. Images are channels last, x [n, h, w, c]; the window of
 * output pixel (i, j) starts at row i*sh - pad_top, column j*sw - pad_left (st_window). */
#ifndef ST_WINDOW_LOOPS_H
#define ST_WINDOW_LOOPS_H

#include "kernels.h"

/* First and one-past-last window offsets [k0, k1) that fall inside [0, size) for a window
 * starting at `start` of `k` positions. */
static inline void clip(int start, int k, int size, int *k0, int *k1) {
  *k0 = start < 0 ? -start : 0;
  *k1 = start + k > size ? size - start : k;
  if (*k1 < *k0) *k1 = *k0;
}

/* Runs the body for every output pixel of n images, row-major: in_ indexes the window's first
 * in-image position, out_ the pixel's output; the window's in-image rows/cols are [ki0, ki1) ×
 * [kj0, kj1), rows_ × cols_ of them. */
#define FOR_EACH_WINDOW(g, n, ...)                                                      \
  for (int b_ = 0; b_ < (n); b_++)                                                      \
    for (int i_ = 0; i_ < (g)->oh; i_++) {                                              \
      const int r0_ = i_ * (g)->sh - (g)->pad_top;                                      \
      int ki0, ki1;                                                                     \
      clip(r0_, (g)->kh, (g)->h, &ki0, &ki1);                                           \
      for (int j_ = 0; j_ < (g)->ow; j_++) {                                            \
        const int c0_ = j_ * (g)->sw - (g)->pad_left;                                   \
        int kj0, kj1;                                                                   \
        clip(c0_, (g)->kw, (g)->w, &kj0, &kj1);                                         \
        const size_t in_ = (((size_t)b_ * (g)->h + (size_t)(r0_ + ki0)) * (g)->w + (size_t)(c0_ + kj0)) * (g)->c; \
        const size_t out_ = (((size_t)b_ * (g)->oh + (size_t)i_) * (g)->ow + (size_t)j_) * (g)->c; \
        const int rows_ = ki1 - ki0, cols_ = kj1 - kj0;                                 \
        __VA_ARGS__                                                                     \
      }                                                                                 \
    }

#endif
