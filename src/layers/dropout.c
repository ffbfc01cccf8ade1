/* dropout.c — Keras 3 Dropout (keras/src/layers/regularization/dropout.py, backend
 * random.dropout): in training each value is kept with probability 1 - rate and scaled,
 *   y = keep ? x / (1 - rate) : 0,   dx = keep ? dy / (1 - rate) : 0;
 * at inference y = x. The keep mask (1/0 per value) is drawn from the layer's own PCG32
 * stream, seeded from the layer's seed or the model's, so runs repeat exactly.
 * Parameters: rate (float32), has_seed (0/1), seed (an integer in [0, 2^32 - 1], always
 * checked, used only when has_seed is 1; otherwise the model's seed seeds the stream). */
#include <stddef.h>

#include "../error.h"
#include "layer.h"

static int dropout_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  l->out = ctx->in;
  int has_seed;
  int64_t seed;
  int status = st_param_count(l, count, 3);
  if (status != ST_OK) return status;
  const float rate = (float)params[0];
  if (!(rate >= 0.0f && rate < 1.0f)) return st_fail(ST_E_ARGUMENT, "Dropout: rate must be in [0, 1), got %g", rate);
  l->rate = rate;
  status = st_param_flag(l, params, 1, "has_seed", &has_seed);
  if (status == ST_OK) status = st_param_int(l, params, 2, "seed", 0, UINT32_MAX, &seed);
  if (status != ST_OK) return status;
  /* Stream 0xd0 + 2*index (+1 with a seed of its own): distinct per layer and per source. */
  st_rng_seed(&l->rng, has_seed ? (uint32_t)seed : ctx->seed, 0xd0u + (uint64_t)ctx->index * 2u + (has_seed ? 1u : 0u));
  return ST_OK;
}

static int dropout_weight_count(const st_layer *l) { (void)l; return 0; }

static void dropout_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  (void)l; (void)i;
  *rows = *cols = 0;
  *trainable = 0;
}

static int dropout_initialize(st_layer *l, st_rng *rng) { (void)l; (void)rng; return ST_OK; }

static size_t dropout_scratch_floats(const st_layer *l, int rows) { return (size_t)rows * (size_t)l->out; }

static void dropout_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)k;
  size_t n = (size_t)rows * (size_t)l->out;
  float keep = 1.0f - l->rate;
  for (size_t i = 0; i < n; i++) {
    if (!training || l->rate == 0.0f) {
      l->y[i] = x[i];
      continue;
    }
    int kept = st_rng_uniform(&l->rng) < (double)keep;
    l->scratch[i] = (float)kept;
    l->y[i] = kept ? x[i] / keep : 0.0f;
  }
}

static void dropout_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  (void)k; (void)x;
  if (!dx) return;
  size_t n = (size_t)rows * (size_t)l->out;
  float keep = 1.0f - l->rate;
  for (size_t i = 0; i < n; i++) dx[i] = l->rate == 0.0f ? dy[i] : (l->scratch[i] != 0.0f ? dy[i] / keep : 0.0f);
}

static size_t dropout_state_floats(const st_layer *l) { (void)l; return 0; }

static void dropout_step_stats(st_layer *l, int rows, float *out) {
  if (out) st_output_stats(l->y, rows, l->out, ST_ACT_LINEAR, out);
}

const st_layer_ops st_layer_ops_DROPOUT = {
  .kind = ST_LAYER_DROPOUT,
  .configure = dropout_configure,
  .weight_count = dropout_weight_count,
  .weight_shape = dropout_weight_shape,
  .initialize = dropout_initialize,
  .scratch_floats = dropout_scratch_floats,
  .state_floats = dropout_state_floats,
  .step_stats = dropout_step_stats,
  .forward = dropout_forward,
  .backward = dropout_backward,
};
