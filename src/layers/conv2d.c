/* conv2d.c — Keras Conv2D, channels last (keras/src/layers/convolutional/base_conv.py):
 *   y[b, i, j, f] = act(Σ_{ki, kj, c} x[b, i*sh - pt + ki, j*sw - pl + kj, c] · K[ki, kj, c, f] + bias[f])
 * K [kh, kw, cin, filters] ("kernel"), bias [filters]; out of the image reads 0 (window.c has
 * the 'valid'/'same' sizes). Parameters: input height, width, channels, filters, kernel_size
 * (2), strides (2), padding (0 'valid', 1 'same'), use_bias, kernel_initializer,
 * bias_initializer, activation, alpha.
 *
 * By im2col + the GEMM kernels: col [P, kh·kw·cin] holds each output pixel's window (P = oh·ow
 * pixels per image), so for a chunk of images
 *   forward   y = col · K                 (gemm_nn, M = chunk·P, N = filters, K = kh·kw·cin)
 *   backward  dKᵀ += dzᵀ · col            (gemm_tn, M = filters, summed over chunks, then
 *                                           transposed into dK)
 *             dcol = dz · Kᵀ, dx = col2im(dcol)   (gemm_nn on a transposed copy of K, then the
 *                                                   adjoint of im2col)
 * with dz = dy ⊙ act'(z) in place on dy and db = Σ dz over every pixel. The column buffer is
 * the layer's scratch: `chunk` images at a time (as many as fit in CHUNK_FLOATS, at least
 * one), sized when the workspace is reserved, so a step allocates nothing. When the whole
 * batch fits in one chunk, backward reuses the forward's columns. With padding 'same' the
 * chunk's images are first copied into a zero-bordered buffer (st_window_pad) and im2col
 * runs 'valid' over it: every window row is then one whole copy, where clipped rows cost
 * three runs each (LeNet's first layer, 27% of its windows on the border: im2col 0.55 →
 * 0.2 ms at batch 32). Kᵀ [filters, kh·kw·cin] is copied into the scratch once per backward:
 * dz · Kᵀ has only `filters` (6, 16, …) terms per sum, where gemm_nt's dot-product tile runs
 * at about half the rate of gemm_nn's splat tile (LeNet's second conv: 1.10 ms against
 * 0.6 ms at batch 32). dK as dKᵀ = dzᵀ · col puts the few filters on gemm_tn's rows and the
 * long patch on its vector columns: LeNet's first layer 0.39 → 0.30 ms, the second 0.47 →
 * 0.43 ms, against dK = colᵀ · dz.
 * im2col + GEMM against a direct SIMD kernel (four filters per vector, splat × kernel row),
 * forward at batch 32, measured in one run: LeNet's first conv 1.6-2.0 ms against 7.3-9.1 ms,
 * the second 1.3 ms against 4.4 ms; the GEMM's register tiles reuse each loaded value where
 * the direct loop reloads the kernel for every output pixel. Glorot/He/LeCun fans are
 * Keras's over the receptive field: fan_in = kh·kw·cin, fan_out = kh·kw·filters. z is kept
 * (after the columns) for gelu, silu and mish, as in dense.c. */
#include <stddef.h>
#include <string.h>

#include "../error.h"
#include "../initializers.h"
#include "layer.h"

enum { KERNEL = 0, BIAS = 1 };
enum { MAX_FILTERS = 1 << 16 };
/* Floats of the im2col buffer and bordered images (4 MiB): LeNet's convolutions at batch 32 fit in one chunk. */
#define CHUNK_FLOATS ((int64_t)1 << 20)
/* One image's columns, one sample's output, the kernel: each at most this many floats. */
#define MAX_FLOATS ((int64_t)1 << 28)

static int64_t pixels(const st_layer *l) { return (int64_t)l->window.oh * l->window.ow; }
static int64_t patch(const st_layer *l) { return (int64_t)l->window.kh * l->window.kw * l->window.c; }
/* The zero-bordered geometry in *g; whether it differs from the image (the window pads). */
static int padded(const st_layer *l, st_window *g) {
  st_window_padded(&l->window, g);
  return g->h != l->window.h || g->w != l->window.w;
}

static int conv2d_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  int64_t filters;
  int status = st_param_count(l, count, 14);
  if (status == ST_OK) status = st_param_image(l, ctx, params, 0, &l->window);
  if (status == ST_OK) status = st_param_int(l, params, 3, "filters", 1, MAX_FILTERS, &filters);
  if (status == ST_OK) status = st_param_window(l, params, 4, "kernel_size", &l->window);
  if (status == ST_OK) status = st_param_flag(l, params, 9, "use_bias", &l->use_bias);
  if (status == ST_OK) status = st_param_initializer(l, params, 10, "kernel_initializer", 0, &l->kernel_initializer);
  if (status == ST_OK) status = st_param_initializer(l, params, 11, "bias_initializer", 1, &l->bias_initializer);
  if (status == ST_OK) status = st_param_activation(l, params, 12, "activation", &l->activation);
  if (status == ST_OK) status = st_param_float(l, params, 13, "alpha", &l->alpha);
  if (status != ST_OK) return status;
  /* Every factor below is < 2^21 (window.c, MAX_FILTERS; a padded side is below side + window),
   * so each product fits in 63 bits. */
  st_window g;
  const int64_t out = pixels(l) * filters, cols = pixels(l) * patch(l), kernel = patch(l) * filters,
                fan_out = (int64_t)l->window.kh * l->window.kw * filters,
                bordered = padded(l, &g) ? (int64_t)g.h * g.w * g.c : 0;
  if (out > MAX_FLOATS || cols > MAX_FLOATS || kernel > MAX_FLOATS || fan_out > MAX_FLOATS || bordered > MAX_FLOATS)
    return st_fail(ST_E_ARGUMENT,
                   "Conv2D: %lld filters of %dx%dx%d over a %dx%d output need %lld output values per sample, %lld column "
                   "values and %lld zero-bordered input values per image and a kernel of %lld values; each must be at most %lld",
                   (long long)filters, l->window.kh, l->window.kw, l->window.c, l->window.oh, l->window.ow, (long long)out,
                   (long long)cols, (long long)bordered, (long long)kernel, (long long)MAX_FLOATS);
  l->filters = (int)filters;
  l->out = (int)out;
  l->chunk = cols + bordered >= CHUNK_FLOATS ? 1 : (int)(CHUNK_FLOATS / (cols + bordered));
  return ST_OK;
}

static int conv2d_weight_count(const st_layer *l) { return l->use_bias ? 2 : 1; }

static void conv2d_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  *rows = i == KERNEL ? (int)patch(l) : 1;
  *cols = l->filters;
  *trainable = 1;
}

static int conv2d_initialize(st_layer *l, st_rng *rng) {
  const int fan_in = (int)patch(l), count = fan_in * l->filters;
  /* Keras's orthogonal flattens the kernel to [kh·kw·cin, filters]; the rest use the fans. */
  const int fan_out = l->kernel_initializer == ST_INIT_ORTHOGONAL ? l->filters : l->window.kh * l->window.kw * l->filters;
  int status = st_initialize(l->kernel_initializer, l->weights[KERNEL], fan_in, fan_out, count, rng);
  if (status == ST_OK && l->use_bias)
    status = st_initialize(l->bias_initializer, l->weights[BIAS], l->filters, l->filters, l->filters, rng);
  return status;
}

/* The scratch holds, whatever the batch: the columns of `chunk` images and, with padding
 * 'same', their zero-bordered copies (together at most CHUNK_FLOATS floats, or one image's),
 * Kᵀ and dKᵀ; so z, after them, sits at a fixed offset. */
static size_t column_floats(const st_layer *l) { return (size_t)l->chunk * (size_t)(pixels(l) * patch(l)); }
static size_t padded_floats(const st_layer *l) {
  st_window g;
  return padded(l, &g) ? (size_t)l->chunk * (size_t)g.h * (size_t)g.w * (size_t)g.c : 0;
}
static size_t fixed_floats(const st_layer *l) {
  return column_floats(l) + padded_floats(l) + 2 * (size_t)(patch(l) * l->filters);
}

/* The columns of n images x (zero-bordering them first when the window pads). */
static void columns(st_layer *l, const st_kernels *k, const float *x, float *col, int n) {
  st_window g;
  if (!padded(l, &g)) {
    k->im2col(&l->window, x, col, n);
    return;
  }
  float *images = l->scratch + column_floats(l);
  st_window_pad(&l->window, &g, x, images, n);
  k->im2col(&g, images, col, n);
}

/* The workspace is checked against 2 GiB by model.c; these products are bounded by it. */
static size_t conv2d_scratch_floats(const st_layer *l, int rows) {
  return fixed_floats(l) + (st_act_backward_needs_input(l->activation) ? (size_t)rows * (size_t)l->out : 0);
}

/* z, the pre-activation output, when the activation's backward needs it (else NULL). */
static float *z_of(st_layer *l) { return st_act_backward_needs_input(l->activation) ? l->scratch + fixed_floats(l) : NULL; }

static void conv2d_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)training;
  const int P = (int)pixels(l), C = (int)patch(l), F = l->filters;
  float *col = l->scratch, *z = z_of(l);
  float *pre = z ? z : l->y;
  for (int b = 0; b < rows; b += l->chunk) {
    const int n = rows - b < l->chunk ? rows - b : l->chunk;
    columns(l, k, x + (size_t)b * l->in, col, n);
    k->gemm_nn(n * P, F, C, col, C, l->weights[KERNEL], F, pre + (size_t)b * l->out, F, 0);
  }
  if (l->use_bias) k->bias_add(pre, l->weights[BIAS], rows * P, F);
  if (l->activation != ST_ACT_LINEAR) k->act_forward(l->activation, l->alpha, pre, l->y, rows * P, F);
  else if (z) memcpy(l->y, z, (size_t)rows * l->out * sizeof(float));
}

static void conv2d_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  const int P = (int)pixels(l), C = (int)patch(l), F = l->filters;
  float *col = l->scratch, *kt = l->scratch + column_floats(l) + padded_floats(l), *dkt = kt + (size_t)C * F;
  if (dx) { /* Kᵀ: kt[f, c] = K[c, f] */
    const float *K = l->weights[KERNEL];
    for (int c = 0; c < C; c++)
      for (int f = 0; f < F; f++) kt[(size_t)f * C + c] = K[(size_t)c * F + f];
  }
  if (l->activation != ST_ACT_LINEAR) k->act_backward(l->activation, l->alpha, z_of(l), l->y, dy, dy, rows * P, F);
  if (l->use_bias) k->bias_grad(l->gradients[BIAS], dy, rows * P, F, 0);
  /* One chunk: the forward's columns of this batch are still in the scratch. */
  const int reuse = rows <= l->chunk;
  for (int b = 0; b < rows; b += l->chunk) {
    const int n = rows - b < l->chunk ? rows - b : l->chunk;
    const float *dyb = dy + (size_t)b * l->out;
    if (!reuse) columns(l, k, x + (size_t)b * l->in, col, n);
    k->gemm_tn(F, C, n * P, dyb, F, col, C, dkt, C, b > 0);
    if (dx) {
      k->gemm_nn(n * P, C, F, dyb, F, kt, C, col, C, 0);
      k->col2im(&l->window, col, dx + (size_t)b * l->in, n);
    }
  }
  float *dK = l->gradients[KERNEL];
  for (int c = 0; c < C; c++)
    for (int f = 0; f < F; f++) dK[(size_t)c * F + f] = dkt[(size_t)f * C + c];
}

static size_t conv2d_state_floats(const st_layer *l) { (void)l; return 0; }

static void conv2d_step_stats(st_layer *l, int rows, float *out) {
  if (out) st_output_stats(l->y, rows, l->out, l->activation, out);
}

const st_layer_ops st_layer_ops_CONV2D = {
  .kind = ST_LAYER_CONV2D,
  .configure = conv2d_configure,
  .weight_count = conv2d_weight_count,
  .weight_shape = conv2d_weight_shape,
  .initialize = conv2d_initialize,
  .scratch_floats = conv2d_scratch_floats,
  .state_floats = conv2d_state_floats,
  .step_stats = conv2d_step_stats,
  .forward = conv2d_forward,
  .backward = conv2d_backward,
};
