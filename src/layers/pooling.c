/* pooling.c — Keras MaxPooling2D, AveragePooling2D and GlobalAveragePooling2D, channels last
 * (keras/src/layers/pooling/base_pooling.py, base_global_pooling.py). The three kinds share
 * their geometry (window.c) and the window kernels, so they share this file:
 *   max:     y = max over the window's in-image positions; backward sends dy to the first
 *            maximum in the window (TensorFlow's and torch's argmax), recomputed from x and y;
 *   average: y = mean over the window's in-image positions (TensorFlow's 'same' does not count
 *            the padding); backward spreads dy / count over them;
 *   global:  the average over the whole image, [h, w, c] -> [c] (keepdims False).
 * Parameters: input height, width, channels, then for the first two pool_size (2), strides
 * (2), padding (0 'valid', 1 'same'); none more for the global kind. No weights, no scratch. */
#include <stddef.h>

#include "layer.h"

static int pooling_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  int status = st_param_count(l, count, 8);
  if (status == ST_OK) status = st_param_image(l, ctx, params, 0, &l->window);
  if (status == ST_OK) status = st_param_window(l, params, 3, "pool_size", &l->window);
  /* oh, ow <= h, w and c are those of the input, so out <= in. */
  if (status == ST_OK) l->out = l->window.oh * l->window.ow * l->window.c;
  return status;
}

static int global_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  int status = st_param_count(l, count, 3);
  if (status == ST_OK) status = st_param_image(l, ctx, params, 0, &l->window);
  if (status != ST_OK) return status;
  st_window *g = &l->window;
  g->kh = g->h, g->kw = g->w, g->sh = g->sw = 1, g->pad_top = g->pad_left = 0, g->oh = g->ow = 1;
  l->out = g->c;
  return ST_OK;
}

static int no_weights(const st_layer *l) { (void)l; return 0; }

static void no_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  (void)l; (void)i;
  *rows = *cols = 0;
  *trainable = 0;
}

static int no_initialize(st_layer *l, st_rng *rng) { (void)l; (void)rng; return ST_OK; }
static size_t no_scratch(const st_layer *l, int rows) { (void)l; (void)rows; return 0; }
static size_t no_state(const st_layer *l) { (void)l; return 0; }

static void pooling_step_stats(st_layer *l, int rows, float *out) {
  if (out) st_output_stats(l->y, rows, l->out, ST_ACT_LINEAR, out);
}

static void max_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)training;
  k->max_pool(&l->window, x, l->y, rows);
}

static void max_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  if (dx) k->max_pool_backward(&l->window, x, l->y, dy, dx, rows);
}

static void average_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)training;
  k->avg_pool(&l->window, x, l->y, rows);
}

static void average_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  (void)x;
  if (dx) k->avg_pool_backward(&l->window, dy, dx, rows);
}

#define POOLING_OPS(SUFFIX, configure_fn, forward_fn, backward_fn) \
  const st_layer_ops st_layer_ops_##SUFFIX = {                     \
    .kind = ST_LAYER_##SUFFIX,                                     \
    .configure = configure_fn,                                     \
    .weight_count = no_weights,                                    \
    .weight_shape = no_weight_shape,                               \
    .initialize = no_initialize,                                   \
    .scratch_floats = no_scratch,                                  \
    .state_floats = no_state,                                      \
    .step_stats = pooling_step_stats,                              \
    .forward = forward_fn,                                         \
    .backward = backward_fn,                                       \
  };

POOLING_OPS(MAX_POOLING2D, pooling_configure, max_forward, max_backward)
POOLING_OPS(AVERAGE_POOLING2D, pooling_configure, average_forward, average_backward)
POOLING_OPS(GLOBAL_AVERAGE_POOLING2D, global_configure, average_forward, average_backward)
