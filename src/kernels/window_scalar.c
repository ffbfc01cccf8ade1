/* window_scalar.c — the scalar reference of the 2-D window kernels (kernels.h): im2col and
 * its adjoint col2im (Conv2D by GEMM), max and average pooling with their backwards.
 * Images are channels last, x [n, h, w, c]; the window of output pixel (i, j) starts at
 * row i*sh - pad_top, column j*sw - pad_left (st_window). Every loop walks output pixels in
 * row-major order, then the window row-major, then channels, as the SIMD versions do, so
 * both tables add the same numbers in the same order. */
#include <string.h>

#include "kernels_impl.h"
#include "window_loops.h"

void st_im2col__scalar(const st_window *g, const float *x, float *col, int n) {
  const size_t row_len = (size_t)g->kw * g->c, image = (size_t)g->h * g->w * g->c;
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
        for (int ki = 0; ki < g->kh; ki++, col += row_len) {
          if (ki < ki0 || ki >= ki1) {
            for (size_t t = 0; t < row_len; t++) col[t] = 0.0f;
            continue;
          }
          const float *src = xb + ((size_t)(r0 + ki) * g->w + (size_t)(c0 + kj0)) * g->c;
          const size_t left = (size_t)kj0 * g->c, run = (size_t)(kj1 - kj0) * g->c;
          for (size_t t = 0; t < left; t++) col[t] = 0.0f;
          for (size_t t = 0; t < run; t++) col[left + t] = src[t];
          for (size_t t = left + run; t < row_len; t++) col[t] = 0.0f;
        }
      }
    }
  }
}

void st_col2im__scalar(const st_window *g, const float *col, float *dx, int n) {
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
        for (int ki = ki0; ki < ki1; ki++) {
          float *dst = db + ((size_t)(r0 + ki) * g->w + (size_t)(c0 + kj0)) * g->c;
          const float *src = col + (size_t)ki * row_len + (size_t)kj0 * g->c;
          const size_t run = (size_t)(kj1 - kj0) * g->c;
          for (size_t t = 0; t < run; t++) dst[t] += src[t];
        }
        col += (size_t)g->kh * row_len;
      }
    }
  }
}

void st_max_pool__scalar(const st_window *g, const float *x, float *y, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  FOR_EACH_WINDOW(g, n, {
    for (size_t ch = 0; ch < C; ch++) {
      float m = x[in_ + ch];
      for (int a = 0; a < rows_; a++)
        for (int e = 0; e < cols_; e++) {
          const float v = x[in_ + a * stride + e * C + ch];
          if (v > m) m = v;
        }
      y[out_ + ch] = m;
    }
  })
}

void st_max_pool_backward__scalar(const st_window *g, const float *x, const float *y, const float *dy, float *dx, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  memset(dx, 0, (size_t)n * g->h * stride * sizeof(float));
  FOR_EACH_WINDOW(g, n, {
    for (size_t ch = 0; ch < C; ch++) {
      const float m = y[out_ + ch];
      int done = 0;
      for (int a = 0; a < rows_ && !done; a++)
        for (int e = 0; e < cols_ && !done; e++) {
          const size_t at = in_ + a * stride + e * C + ch;
          if (x[at] == m) dx[at] += dy[out_ + ch], done = 1;
        }
    }
  })
}

void st_avg_pool__scalar(const st_window *g, const float *x, float *y, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  FOR_EACH_WINDOW(g, n, {
    const float inv = 1.0f / (float)(rows_ * cols_);
    for (size_t ch = 0; ch < C; ch++) {
      float s = 0.0f;
      for (int a = 0; a < rows_; a++)
        for (int e = 0; e < cols_; e++) s += x[in_ + a * stride + e * C + ch];
      y[out_ + ch] = s * inv;
    }
  })
}

void st_avg_pool_backward__scalar(const st_window *g, const float *dy, float *dx, int n) {
  const size_t stride = (size_t)g->w * g->c, C = (size_t)g->c;
  memset(dx, 0, (size_t)n * g->h * stride * sizeof(float));
  FOR_EACH_WINDOW(g, n, {
    const float inv = 1.0f / (float)(rows_ * cols_);
    for (size_t ch = 0; ch < C; ch++) {
      const float d = dy[out_ + ch] * inv;
      for (int a = 0; a < rows_; a++)
        for (int e = 0; e < cols_; e++) dx[in_ + a * stride + e * C + ch] += d;
    }
  })
}
