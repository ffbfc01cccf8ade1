/* flatten.c — Keras Flatten (keras/src/layers/reshaping/flatten.py): reshapes each sample to
 * one axis, [rows, d1, ..., dk] -> [rows, d1*...*dk], without touching the values (row-major
 * order is kept). Every sample in the core is a 1-D vector today, so forward copies x to y and
 * backward passes dy through unchanged; the layer exists so the layer list, the model file and
 * the JS registry name it, and N-D layers can put their shapes in front of it later.
 * Parameters: none. */
#include <stddef.h>
#include <string.h>

#include "layer.h"

static int flatten_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  (void)params;
  l->out = ctx->in;
  return st_param_count(l, count, 0);
}

static int flatten_weight_count(const st_layer *l) { (void)l; return 0; }

static void flatten_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  (void)l; (void)i;
  *rows = *cols = 0;
  *trainable = 0;
}

static int flatten_initialize(st_layer *l, st_rng *rng) { (void)l; (void)rng; return ST_OK; }

static size_t flatten_scratch_floats(const st_layer *l, int rows) { (void)l; (void)rows; return 0; }

static void flatten_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)k; (void)training;
  memcpy(l->y, x, (size_t)rows * (size_t)l->out * sizeof(float));
}

static void flatten_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  (void)k; (void)x;
  if (dx) memcpy(dx, dy, (size_t)rows * (size_t)l->out * sizeof(float));
}

static size_t flatten_state_floats(const st_layer *l) { (void)l; return 0; }

static void flatten_step_stats(st_layer *l, int rows, float *out) {
  if (out) st_output_stats(l->y, rows, l->out, ST_ACT_LINEAR, out);
}

const st_layer_ops st_layer_ops_FLATTEN = {
  .kind = ST_LAYER_FLATTEN,
  .configure = flatten_configure,
  .weight_count = flatten_weight_count,
  .weight_shape = flatten_weight_shape,
  .initialize = flatten_initialize,
  .scratch_floats = flatten_scratch_floats,
  .state_floats = flatten_state_floats,
  .step_stats = flatten_step_stats,
  .forward = flatten_forward,
  .backward = flatten_backward,
};
