/* test_conv.c — Conv2D, the pooling layers and BatchNormalization over channels.
 *
 * 1. The window kernels of every table against float64 loops written from the definitions
 *    (im2col exactly; col2im as im2col's adjoint, <im2col(x), c> = <x, col2im(c)>; max and
 *    average pooling and their backwards), over shapes that break every loop tail: channels
 *    1..9, images 1..7 × 1..8, windows 1..4 × 1, 3, 5, strides 1..3, 'valid' and 'same', and
 *    pools of 2 and 3 with strides equal to the pool (tiling the image or not), and
 *    single-channel 5×5 and 7×7 windows. Under
 *    __wasm_simd128__ the SIMD table is held to the scalar one bit for bit.
 * 2. A Conv2D layer's forward against the convolution written out in float64.
 * 3. Finite differences of whole models through st_model_compute_gradients: conv → conv (so
 *    the second conv's input gradient is checked through the first's kernel gradient),
 *    'valid'/'same', strides 1 and 2, rectangular kernels, with and without bias, relu/tanh/
 *    gelu, then max, average or global average pooling and BatchNormalization per channel.
 * 4. A batch that spans two im2col chunks has the mean of its rows' single-chunk gradients.
 * 5. configure refuses a window larger than the input ('valid'), zero strides, an input
 *    shape that does not match the input width and pooling with an empty output. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels.h"
#include "loss.h"
#include "model.h"
#include "simdtrain.h"

/* ---- geometry as window.c computes it ---- */
static st_window make_window(int h, int w, int c, int kh, int kw, int sh, int sw, int same) {
  st_window g = {.h = h, .w = w, .c = c, .kh = kh, .kw = kw, .sh = sh, .sw = sw};
  if (same) {
    g.oh = (h + sh - 1) / sh, g.ow = (w + sw - 1) / sw;
    int th = (g.oh - 1) * sh + kh - h, tw = (g.ow - 1) * sw + kw - w;
    g.pad_top = th > 0 ? th / 2 : 0, g.pad_left = tw > 0 ? tw / 2 : 0;
  } else {
    g.oh = (h - kh) / sh + 1, g.ow = (w - kw) / sw + 1;
  }
  return g;
}

/* x[b, r, s, ch] or 0 outside the image (padding). */
static double at(const st_window *g, const float *x, int b, int r, int s, int ch) {
  if (r < 0 || r >= g->h || s < 0 || s >= g->w) return 0.0;
  return x[(((size_t)b * g->h + r) * g->w + s) * g->c + ch];
}
static int inside(const st_window *g, int r, int s) { return r >= 0 && r < g->h && s >= 0 && s < g->w; }

/* ---- 1. window kernels ---- */
static void check_window_kernels(const st_kernels *k, const st_window *g, int n, const char *ctx) {
  const size_t image = (size_t)g->h * g->w * g->c, pixels = (size_t)g->oh * g->ow, patch = (size_t)g->kh * g->kw * g->c;
  const size_t nx = n * image, ny = n * pixels * g->c, ncol = n * pixels * patch;
  float *x = alloc_f(nx), *col = alloc_f(ncol), *c2 = alloc_f(ncol), *dx = alloc_f(nx), *y = alloc_f(ny), *dy = alloc_f(ny);
  fill(x, nx, -1, 1);
  fill(c2, ncol, -1, 1);
  fill(dy, ny, -1, 1);

  /* im2col: exact copies, zeros in the padding */
  k->im2col(g, x, col, n);
  size_t t = 0;
  for (int b = 0; b < n; b++)
    for (int i = 0; i < g->oh; i++)
      for (int j = 0; j < g->ow; j++)
        for (int ki = 0; ki < g->kh; ki++)
          for (int kj = 0; kj < g->kw; kj++)
            for (int ch = 0; ch < g->c; ch++, t++) {
              double want = at(g, x, b, i * g->sh - g->pad_top + ki, j * g->sw - g->pad_left + kj, ch);
              if (col[t] != (float)want) fail(ctx, "im2col", t, col[t], want, 0);
            }
  /* col2im is the adjoint: <im2col(x), c2> = <x, col2im(c2)> */
  k->col2im(g, c2, dx, n);
  double lhs = 0, rhs = 0, scale = 0;
  for (size_t i = 0; i < ncol; i++) lhs += (double)col[i] * c2[i], scale += fabs((double)col[i] * c2[i]);
  for (size_t i = 0; i < nx; i++) rhs += (double)x[i] * dx[i];
  if (!close_enough(rhs, lhs, 0, 1e-5 * (scale + 1))) fail(ctx, "col2im adjoint", 0, rhs, lhs, 1e-5 * (scale + 1));

  /* max pooling and its backward (first maximum in window order) */
  k->max_pool(g, x, y, n);
  float *dx_want = alloc_f(nx);
  memset(dx_want, 0, nx * sizeof(float));
  for (int b = 0; b < n; b++)
    for (int i = 0; i < g->oh; i++)
      for (int j = 0; j < g->ow; j++)
        for (int ch = 0; ch < g->c; ch++) {
          double m = -INFINITY;
          size_t arg = 0;
          double sum = 0;
          int count = 0;
          for (int ki = 0; ki < g->kh; ki++)
            for (int kj = 0; kj < g->kw; kj++) {
              int r = i * g->sh - g->pad_top + ki, s = j * g->sw - g->pad_left + kj;
              if (!inside(g, r, s)) continue;
              double v = at(g, x, b, r, s, ch);
              sum += v, count++;
              if (v > m) m = v, arg = (((size_t)b * g->h + r) * g->w + s) * g->c + ch;
            }
          const size_t o = (((size_t)b * g->oh + i) * g->ow + j) * g->c + ch;
          if (y[o] != (float)m) fail(ctx, "max_pool", o, y[o], m, 0);
          dx_want[arg] += dy[o];
          (void)sum;
        }
  k->max_pool_backward(g, x, y, dy, dx, n);
  for (size_t i = 0; i < nx; i++)
    if (!close_enough(dx[i], dx_want[i], 1e-6, 1e-6)) fail(ctx, "max_pool_backward", i, dx[i], dx_want[i], 1e-6);

  /* average pooling (padding not counted) and its backward */
  k->avg_pool(g, x, y, n);
  memset(dx_want, 0, nx * sizeof(float));
  for (int b = 0; b < n; b++)
    for (int i = 0; i < g->oh; i++)
      for (int j = 0; j < g->ow; j++)
        for (int ch = 0; ch < g->c; ch++) {
          double sum = 0;
          int count = 0;
          for (int pass = 0; pass < 2; pass++)
            for (int ki = 0; ki < g->kh; ki++)
              for (int kj = 0; kj < g->kw; kj++) {
                int r = i * g->sh - g->pad_top + ki, s = j * g->sw - g->pad_left + kj;
                if (!inside(g, r, s)) continue;
                const size_t o = (((size_t)b * g->oh + i) * g->ow + j) * g->c + ch;
                if (pass == 0) sum += at(g, x, b, r, s, ch), count++;
                else dx_want[(((size_t)b * g->h + r) * g->w + s) * g->c + ch] += (float)(dy[o] / count);
              }
          const size_t o = (((size_t)b * g->oh + i) * g->ow + j) * g->c + ch;
          if (!close_enough(y[o], sum / count, 1e-6, 1e-6)) fail(ctx, "avg_pool", o, y[o], sum / count, 1e-6);
        }
  k->avg_pool_backward(g, dy, dx, n);
  for (size_t i = 0; i < nx; i++)
    if (!close_enough(dx[i], dx_want[i], 1e-5, 1e-6)) fail(ctx, "avg_pool_backward", i, dx[i], dx_want[i], 1e-6);
  free(x), free(col), free(c2), free(dx), free(y), free(dy), free(dx_want);
}

#ifdef __wasm_simd128__
extern const st_kernels st_kernels_wasmsimd;
/* Every window kernel of the SIMD table equals the scalar one bit for bit. */
static void check_simd_equal(const st_window *g, int n, const char *ctx) {
  const st_kernels *s = &st_kernels_scalar, *v = &st_kernels_wasmsimd;
  const size_t image = (size_t)g->h * g->w * g->c, pixels = (size_t)g->oh * g->ow, patch = (size_t)g->kh * g->kw * g->c;
  const size_t nx = n * image, ny = n * pixels * g->c, ncol = n * pixels * patch;
  float *x = alloc_f(nx), *col = alloc_f(ncol), *col2 = alloc_f(ncol), *a = alloc_f(nx), *b = alloc_f(nx);
  float *y = alloc_f(ny), *y2 = alloc_f(ny), *dy = alloc_f(ny);
  fill(x, nx, -1, 1);
  fill(dy, ny, -1, 1);
  /* ties: quantise some images so max pooling sees equal values */
  for (size_t i = 0; i < nx; i += 3) x[i] = roundf(x[i] * 2) / 2;
  s->im2col(g, x, col, n), v->im2col(g, x, col2, n);
  compare_bits(ctx, "im2col simd", col2, col, ncol);
  fill(col, ncol, -1, 1);
  s->col2im(g, col, a, n), v->col2im(g, col, b, n);
  compare_bits(ctx, "col2im simd", b, a, nx);
  s->max_pool(g, x, y, n), v->max_pool(g, x, y2, n);
  compare_bits(ctx, "max_pool simd", y2, y, ny);
  /* The backwards overwrite dx: stale values in it must not survive (two different ones). */
  for (size_t i = 0; i < nx; i++) a[i] = 3.0f, b[i] = -5.0f;
  s->max_pool_backward(g, x, y, dy, a, n), v->max_pool_backward(g, x, y, dy, b, n);
  compare_bits(ctx, "max_pool_backward simd", b, a, nx);
  s->avg_pool(g, x, y, n), v->avg_pool(g, x, y2, n);
  compare_bits(ctx, "avg_pool simd", y2, y, ny);
  for (size_t i = 0; i < nx; i++) a[i] = 3.0f, b[i] = -5.0f;
  s->avg_pool_backward(g, dy, a, n), v->avg_pool_backward(g, dy, b, n);
  compare_bits(ctx, "avg_pool_backward simd", b, a, nx);
  free(x), free(col), free(col2), free(a), free(b), free(y), free(y2), free(dy);
}
#endif

/* One window case through both tables (and SIMD = scalar bit for bit). */
static void check_window_case(const st_window *g, int same) {
  char ctx[160];
  snprintf(ctx, sizeof ctx, "image %dx%dx%d window %dx%d strides %dx%d %s", g->h, g->w, g->c, g->kh, g->kw, g->sh, g->sw,
           same ? "same" : "valid");
  check_window_kernels(&st_kernels_scalar, g, 2, ctx);
#ifdef __wasm_simd128__
  check_window_kernels(&st_kernels_wasmsimd, g, 2, ctx);
  check_simd_equal(g, 2, ctx);
#endif
}

static void test_window_kernels(void) {
  int cases = 0;
  for (int c = 1; c <= 9; c += (c < 5 ? 1 : 4))
    for (int h = 1; h <= 7; h += 2)
      for (int w = 1; w <= 8; w++)
        for (int kh = 1; kh <= 4; kh++)
          for (int kw = 1; kw <= 5; kw += 2)
            for (int s = 1; s <= 3; s++)
              for (int same = 0; same <= 1; same++) {
                if (!same && (kh > h || kw > w)) continue;
                st_window g = make_window(h, w, c, kh, kw, s, s == 3 ? 1 : s, same);
                check_window_case(&g, same);
                cases++;
              }
  /* Pooling's default, strides = pool size: windows that tile the image exactly (h, w
   * multiples of the pool) or leave a last row/column uncovered ('valid') or padded ('same'). */
  for (int c = 1; c <= 9; c++)
    for (int h = 1; h <= 7; h++)
      for (int w = 1; w <= 7; w++)
        for (int k = 2; k <= 3; k++)
          for (int same = 0; same <= 1; same++) {
            if (!same && (k > h || k > w)) continue;
            st_window g = make_window(h, w, c, k, k, k, k, same);
            check_window_case(&g, same);
            cases++;
          }
  /* Single-channel 5×5 and 7×7 kernels (im2col packs whole k×k windows), edges included. */
  for (int k = 5; k <= 7; k += 2)
    for (int h = k - 2; h <= k + 2; h++)
      for (int w = k - 1; w <= k + 3; w++)
        for (int s = 1; s <= 2; s++)
          for (int same = 0; same <= 1; same++) {
            if (!same && (k > h || k > w)) continue;
            st_window g = make_window(h, w, 1, k, k, s, s, same);
            check_window_case(&g, same);
            cases++;
          }
  CHECK(cases > 500, "only %d window cases", cases);
}

/* ---- 2. Conv2D forward against the definition ---- */
static void test_conv_forward(void) {
  const int H = 6, W = 5, C = 3, F = 5, KH = 3, KW = 2, N = 3;
  for (int same = 0; same <= 1; same++)
    for (int s = 1; s <= 2; s++) {
      st_model *m = st_model_create(7, H * W * C);
      CHECK(ADD_LAYER(m, ST_LAYER_CONV2D, H, W, C, F, KH, KW, s, s, same, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM,
                      ST_ACT_LINEAR, 0) == ST_OK, "add: %s", st_error_message());
      CHECK(st_model_build(m) == ST_OK, "build: %s", st_error_message());
      st_window g = make_window(H, W, C, KH, KW, s, s, same);
      const float *K = st_model_weight_values(m, 0), *bias = st_model_weight_values(m, 1);
      CHECK(st_model_weight_rows(m, 0) == KH * KW * C && st_model_weight_cols(m, 0) == F, "kernel shape");
      float x[N * H * W * C], y[N * 6 * 5 * F];
      fill(x, (size_t)N * H * W * C, -1, 1);
      CHECK(st_model_predict(m, x, N, y, 0) == ST_OK, "predict: %s", st_error_message());
      for (int b = 0; b < N; b++)
        for (int i = 0; i < g.oh; i++)
          for (int j = 0; j < g.ow; j++)
            for (int f = 0; f < F; f++) {
              double want = bias[f];
              for (int ki = 0; ki < KH; ki++)
                for (int kj = 0; kj < KW; kj++)
                  for (int ch = 0; ch < C; ch++)
                    want += at(&g, x, b, i * s - g.pad_top + ki, j * s - g.pad_left + kj, ch) * K[((ki * KW + kj) * C + ch) * F + f];
              const size_t o = (((size_t)b * g.oh + i) * g.ow + j) * F + f;
              CHECK(close_enough(y[o], want, 1e-5, 1e-6), "conv forward %s stride %d at %zu: %g vs %g", same ? "same" : "valid", s, o,
                    y[o], want);
            }
      st_model_free(m);
    }
}

/* ---- 3. finite differences ---- */
enum { ROWS = 3, CLASSES = 3 };

static double loss_of(st_model *m, const float *x, const float *y) {
  float pred[ROWS * CLASSES];
  st_model_predict(m, x, ROWS, pred, 1);
  return st_loss_compute(ST_LOSS_CATEGORICAL_CROSSENTROPY, 0, 1.0f, pred, y, ROWS, CLASSES, NULL);
}

/* (loss(v + h) - loss(v - h)) / (2h) for one weight value v, restored after. */
static double central_difference(st_model *m, const float *x, const float *y, float *value, float h) {
  const float keep = *value;
  *value = keep + h;
  const double up = loss_of(m, x, y);
  *value = keep - h;
  const double down = loss_of(m, x, y);
  *value = keep;
  return (up - down) / ((double)(keep + h) - (double)(keep - h));
}

/* layout: 0 conv valid s1 (tanh) → conv same s2 no bias (relu) → max pool 2 → dense
 *         1 conv same s1 (gelu) → avg pool 3 same s2 → BN per channel → conv valid s1 (linear) → dense
 *         2 conv valid s2 rectangular (elu) → BN per channel → global average pool → dense */
static void gradcheck(int layout) {
  const int H = 7, W = 6, C = 2;
  st_model *m = st_model_create(5u + (unsigned)layout, H * W * C);
  int ok = 1;
  const double bn[] = {0.9, 1e-3, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_INIT_ONES};
  (void)bn;
  if (layout == 0) {
    ok &= ADD_LAYER(m, ST_LAYER_CONV2D, H, W, C, 3, 3, 2, 1, 1, 0, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_TANH, 0) == ST_OK;
    /* 5x5x3 */
    ok &= ADD_LAYER(m, ST_LAYER_CONV2D, 5, 5, 3, 4, 2, 3, 2, 2, 1, 0, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_RELU, 0) == ST_OK;
    /* 3x3x4 */
    ok &= ADD_LAYER(m, ST_LAYER_MAX_POOLING2D, 3, 3, 4, 2, 2, 1, 1, 0) == ST_OK; /* 2x2x4 */
  } else if (layout == 1) {
    ok &= ADD_LAYER(m, ST_LAYER_CONV2D, H, W, C, 3, 3, 3, 1, 1, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_GELU, 0) == ST_OK;
    /* 7x6x3 */
    ok &= ADD_LAYER(m, ST_LAYER_AVERAGE_POOLING2D, 7, 6, 3, 3, 3, 2, 2, 1) == ST_OK; /* 4x3x3 */
    ok &= ADD_LAYER(m, ST_LAYER_BATCH_NORMALIZATION, 0.9, 1e-3, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS,
                    ST_INIT_ONES, 3) == ST_OK;
    ok &= ADD_LAYER(m, ST_LAYER_CONV2D, 4, 3, 3, 2, 2, 2, 1, 1, 0, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_LINEAR, 0) == ST_OK;
    /* 3x2x2 */
  } else {
    ok &= ADD_LAYER(m, ST_LAYER_CONV2D, H, W, C, 4, 3, 2, 2, 2, 0, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_ELU, 1.0) == ST_OK;
    /* 3x3x4 */
    ok &= ADD_LAYER(m, ST_LAYER_BATCH_NORMALIZATION, 0.9, 1e-3, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS,
                    ST_INIT_ONES, 4) == ST_OK;
    ok &= ADD_LAYER(m, ST_LAYER_GLOBAL_AVERAGE_POOLING2D, 3, 3, 4) == ST_OK;
  }
  ok &= ADD_LAYER(m, ST_LAYER_DENSE, CLASSES, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_SOFTMAX, 0) == ST_OK;
  CHECK(ok, "layout %d: add: %s", layout, st_error_message());
  CHECK(st_model_build(m) == ST_OK, "build: %s", st_error_message());
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.01);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  CHECK(st_model_compile(m, ST_LOSS_CATEGORICAL_CROSSENTROPY, 0, 1.0f, opt) == ST_OK, "compile: %s", st_error_message());
  float x[ROWS * H * W * C], y[ROWS * CLASSES] = {0}, loss_value;
  fill(x, sizeof x / sizeof *x, -1, 1);
  for (int r = 0; r < ROWS; r++) y[r * CLASSES + (r * 2 + layout) % CLASSES] = 1;
  CHECK(st_model_compute_gradients(m, x, y, ROWS, &loss_value) == ST_OK, "%s", st_error_message());
  CHECK(close_enough(loss_value, loss_of(m, x, y), 1e-6, 0), "layout %d: loss mismatch", layout);
  int checked = 0, kinks = 0;
  for (int w = 0; w < st_model_weight_count(m); w++) {
    float *values = st_model_weight_values(m, w);
    const float *grad = st_model_weight_gradient(m, w);
    if (!grad) continue;
    const int n = st_model_weight_rows(m, w) * st_model_weight_cols(m, w);
    for (int i = 0; i < n; i++) {
      const double numeric = central_difference(m, x, y, values + i, 1e-3f);
      /* ReLU and max pooling have kinks: where a step of h crosses one, the step of h/2
       * disagrees with it and the derivative there is not a number to check. */
      if (!close_enough(central_difference(m, x, y, values + i, 5e-4f), numeric, 1e-2, 3e-4)) {
        kinks++;
        continue;
      }
      CHECK(close_enough(grad[i], numeric, 1e-2, 3e-4), "layout %d: weight %d[%d] analytic %.6g numeric %.6g", layout, w, i, grad[i],
            numeric);
      checked++;
    }
  }
  CHECK(checked > 40 && kinks * 20 <= checked, "layout %d: %d gradients checked, %d at kinks", layout, checked, kinks);
  st_model_free(m);
  st_optimizer_free(opt);
}

/* ---- 4. a batch larger than one im2col chunk ----
 * 64x64x4 images under a 5x5 'same' window need 409,600 column values and 18,496 bordered
 * values each, so a chunk holds 2 images and a batch of 3 takes two chunks, with backward
 * recomputing the columns. The batch's gradient must be the mean of the three single-image
 * gradients (the loss is a mean over rows), each computed in one chunk. */
static void test_chunked_batch(void) {
  enum { S = 64, CH = 4, F = 3, N = 3 };
  st_model *m = st_model_create(11, S * S * CH);
  int ok = ADD_LAYER(m, ST_LAYER_CONV2D, S, S, CH, F, 5, 5, 1, 1, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM,
                     ST_ACT_TANH, 0) == ST_OK;
  ok &= ADD_LAYER(m, ST_LAYER_CONV2D, S, S, F, 2, 3, 3, 2, 2, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_LINEAR,
                  0) == ST_OK;
  ok &= ADD_LAYER(m, ST_LAYER_GLOBAL_AVERAGE_POOLING2D, S / 2, S / 2, 2) == ST_OK;
  ok &= ADD_LAYER(m, ST_LAYER_DENSE, CLASSES, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_SOFTMAX, 0) == ST_OK;
  CHECK(ok && st_model_build(m) == ST_OK, "chunked: %s", st_error_message());
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.01);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  CHECK(st_model_compile(m, ST_LOSS_CATEGORICAL_CROSSENTROPY, 0, 1.0f, opt) == ST_OK, "compile: %s", st_error_message());
  static float x[N * S * S * CH], mean[2][5 * 5 * CH * F];
  float y[N * CLASSES] = {0}, loss;
  fill(x, sizeof x / sizeof *x, -1, 1);
  for (int r = 0; r < N; r++) y[r * CLASSES + r] = 1;
  const int counts[2] = {5 * 5 * CH * F, 3 * 3 * F * 2}; /* the two kernels: weights 0 and 2 */
  for (int r = 0; r < N; r++) {
    CHECK(st_model_compute_gradients(m, x + (size_t)r * S * S * CH, y + r * CLASSES, 1, &loss) == ST_OK, "%s", st_error_message());
    for (int k = 0; k < 2; k++)
      for (int i = 0; i < counts[k]; i++) mean[k][i] += st_model_weight_gradient(m, 2 * k)[i] / N;
  }
  CHECK(st_model_compute_gradients(m, x, y, N, &loss) == ST_OK, "%s", st_error_message());
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < counts[k]; i++) {
      const float got = st_model_weight_gradient(m, 2 * k)[i];
      CHECK(close_enough(got, mean[k][i], 1e-4, 1e-6), "chunked batch: kernel %d[%d] %.7g vs mean of rows %.7g", k, i, got,
            mean[k][i]);
    }
  st_model_free(m);
  st_optimizer_free(opt);
}

/* ---- 5. refusals ---- */
static void expect_refused(int status, const char *needle) {
  CHECK(status == ST_E_ARGUMENT, "expected a refusal mentioning '%s', got status %d", needle, status);
  CHECK(strstr(st_error_message(), needle) != NULL, "message '%s' does not mention '%s'", st_error_message(), needle);
}

static void test_refusals(void) {
  st_model *m = st_model_create(1, 4 * 4 * 1);
  expect_refused(ADD_LAYER(m, ST_LAYER_CONV2D, 4, 4, 1, 2, 5, 3, 1, 1, 0, 1, 0, 5, 0, 0), "kernel_size");
  expect_refused(ADD_LAYER(m, ST_LAYER_CONV2D, 4, 4, 1, 2, 3, 3, 0, 1, 0, 1, 0, 5, 0, 0), "strides");
  expect_refused(ADD_LAYER(m, ST_LAYER_CONV2D, 4, 4, 1, 2, 3, 3, 1.5, 1, 0, 1, 0, 5, 0, 0), "strides");
  expect_refused(ADD_LAYER(m, ST_LAYER_CONV2D, 4, 2, 1, 2, 1, 1, 1, 1, 0, 1, 0, 5, 0, 0), "input shape [4, 2, 1]");
  expect_refused(ADD_LAYER(m, ST_LAYER_CONV2D, 4, 4, 1, 0, 1, 1, 1, 1, 0, 1, 0, 5, 0, 0), "filters");
  expect_refused(ADD_LAYER(m, ST_LAYER_MAX_POOLING2D, 4, 4, 1, 5, 5, 5, 5, 0), "pool_size");
  expect_refused(ADD_LAYER(m, ST_LAYER_AVERAGE_POOLING2D, 4, 4, 1, 2, 2, 2, 2, 2), "padding");
  expect_refused(ADD_LAYER(m, ST_LAYER_BATCH_NORMALIZATION, 0.9, 1e-3, 1, 1, 0, 0, 5, 6, 3), "divide");
  /* 'same' accepts any window: out = ceil(in / stride) */
  CHECK(ADD_LAYER(m, ST_LAYER_CONV2D, 4, 4, 1, 2, 5, 5, 3, 3, 1, 1, 0, 5, 0, 0) == ST_OK, "same: %s", st_error_message());
  CHECK(st_model_build(m) == ST_OK && st_model_outputs(m) == 2 * 2 * 2, "same output: %s", st_error_message());
  st_model_free(m);
}

int main(void) {
  check_seed(0x2d2du);
  test_window_kernels();
  test_conv_forward();
  for (int layout = 0; layout < 3; layout++) gradcheck(layout);
  test_chunked_batch();
  test_refusals();
  return check_report("test_conv");
}
