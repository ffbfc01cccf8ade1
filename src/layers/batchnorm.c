/* batchnorm.c — Keras 3 BatchNormalization over the features of [rows, features]
 * (keras/src/layers/normalization/batch_normalization.py; docs/keras-semantics.md §3).
 * Weights in Keras order: gamma (if scale), beta (if center), moving_mean, moving_variance
 * (the last two not trainable). Training forward normalises with the batch mean and biased
 * variance and updates the moving statistics in the same call:
 *   moving = moving*momentum + batch*(1 - momentum)
 * Inference normalises with the moving statistics. A batch of one has variance 0, so it
 * normalises to beta, as in Keras: no NaN. Scratch (5*features floats): batch mean, variance,
 * 1/sqrt(var + eps), then the backward kernel's 2*features of workspace. State (2*features
 * floats, outliving the workspace): the batch mean and variance of the last training step.
 * Parameters: momentum, epsilon (float32), center, scale (0/1), then the initializer codes
 * of gamma, beta, moving_mean, moving_variance, then (optional) the size of the last axis:
 * an N-D sample [..., features] (an image [H, W, C]: features = C) is normalised per feature
 * over the batch and every other axis, as Keras's axis=-1, by running the kernels on
 * [rows * in/features, features]. Without it features = the whole input width. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "../error.h"
#include "../initializers.h"
#include "layer.h"

static int batchnorm_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  static const char *const initializers[4] = {"gamma_initializer", "beta_initializer", "moving_mean_initializer",
                                              "moving_variance_initializer"};
  l->out = ctx->in;
  l->features = ctx->in;
  int status = count == 9 ? ST_OK : st_param_count(l, count, 8);
  if (status != ST_OK) return status;
  if (count == 9) {
    int64_t features;
    status = st_param_int(l, params, 8, "features (the last axis)", 1, ctx->in, &features);
    if (status != ST_OK) return status;
    if (ctx->in % features != 0)
      return st_fail(ST_E_ARGUMENT, "BatchNormalization: the last axis (%lld features) must divide the input width %d",
                     (long long)features, ctx->in);
    l->features = (int)features;
  }
  const float momentum = (float)params[0], epsilon = (float)params[1];
  if (!(momentum >= 0.0f && momentum < 1.0f))
    return st_fail(ST_E_ARGUMENT, "BatchNormalization: momentum must be in [0, 1), got %g", momentum);
  if (!(epsilon > 0.0f) || epsilon == INFINITY)
    return st_fail(ST_E_ARGUMENT, "BatchNormalization: epsilon must be a finite number > 0, got %g", epsilon);
  l->momentum = momentum;
  l->epsilon = epsilon;
  status = st_param_flag(l, params, 2, "center", &l->center);
  if (status == ST_OK) status = st_param_flag(l, params, 3, "scale", &l->scale);
  for (int i = 0; i < 4 && status == ST_OK; i++)
    status = st_param_initializer(l, params, 4 + i, initializers[i], 1, &l->initializers[i]);
  return status;
}

static int gamma_index(const st_layer *l) { return l->scale ? 0 : -1; }
static int beta_index(const st_layer *l) { return l->center ? l->scale : -1; }
static int moving_index(const st_layer *l) { return l->scale + l->center; }

static int batchnorm_weight_count(const st_layer *l) { return l->scale + l->center + 2; }

static void batchnorm_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  *rows = 1;
  *cols = l->features;
  *trainable = i < moving_index(l);
}

/* Which of gamma, beta, moving mean, moving variance array i is (index into initializers). */
static int role(const st_layer *l, int i) {
  if (i == gamma_index(l)) return 0;
  if (i == beta_index(l)) return 1;
  return 2 + (i - moving_index(l));
}

static int batchnorm_initialize(st_layer *l, st_rng *rng) {
  for (int i = 0; i < batchnorm_weight_count(l); i++) {
    int status = st_initialize(l->initializers[role(l, i)], l->weights[i], l->features, l->features, l->features, rng);
    if (status != ST_OK) return status;
  }
  return ST_OK;
}

static size_t batchnorm_scratch_floats(const st_layer *l, int rows) { (void)rows; return 5u * (size_t)l->features; }

/* Rows of the [rows * positions, features] matrix the kernels see (positions = in/features). */
static int positions(const st_layer *l) { return l->out / l->features; }

static const float *gamma_of(const st_layer *l) { return l->scale ? l->weights[gamma_index(l)] : NULL; }
static const float *beta_of(const st_layer *l) { return l->center ? l->weights[beta_index(l)] : NULL; }

static void batchnorm_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  float *moving_mean = l->weights[moving_index(l)], *moving_var = l->weights[moving_index(l) + 1];
  float *mean = l->scratch, *var = mean + l->features, *inv_std = var + l->features;
  /* Keras 3 normalises with the batch only when training and self.trainable: a frozen layer
   * (layer.h) runs in inference mode and leaves its moving statistics alone; the statistics
   * it used stand in for the batch's (step_stats reports them). */
  if (!training || l->frozen) {
    k->bn_forward_infer(x, l->y, moving_mean, moving_var, gamma_of(l), beta_of(l), rows * positions(l), l->features, l->epsilon);
    if (training) {
      memcpy(mean, moving_mean, (size_t)l->features * sizeof(float));
      memcpy(var, moving_var, (size_t)l->features * sizeof(float));
    }
    return;
  }
  k->bn_forward_train(x, l->y, mean, var, inv_std, gamma_of(l), beta_of(l), rows * positions(l), l->features, l->epsilon);
  float keep = l->momentum, take = 1.0f - l->momentum;
  for (int c = 0; c < l->features; c++) {
    moving_mean[c] = moving_mean[c] * keep + mean[c] * take;
    moving_var[c] = moving_var[c] * keep + var[c] * take;
  }
}

static void batchnorm_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  const float *mean = l->scratch, *inv_std = l->scratch + 2 * l->features;
  float *dgamma = l->scale ? l->gradients[gamma_index(l)] : NULL;
  float *dbeta = l->center ? l->gradients[beta_index(l)] : NULL;
  float *work = l->scratch + 3 * l->features;
  if (l->frozen) {
    /* Inference mode is an affine map per feature: dx = dy * gamma / sqrt(moving_var + eps),
     * which is the inference kernel applied to dy with mean 0 and no beta. gamma and beta are
     * not trained while frozen: their gradients are 0. */
    const size_t f = (size_t)l->features;
    if (dgamma) memset(dgamma, 0, f * sizeof(float));
    if (dbeta) memset(dbeta, 0, f * sizeof(float));
    if (!dx) return;
    memset(work, 0, f * sizeof(float));
    k->bn_forward_infer(dy, dx, work, l->weights[moving_index(l) + 1], gamma_of(l), NULL, rows * positions(l), l->features, l->epsilon);
    return;
  }
  k->bn_backward(x, dy, dx, dgamma, dbeta, mean, inv_std, gamma_of(l), rows * positions(l), l->features, work);
}

/* State: the batch mean and variance of the last training step, copied out of the scratch
 * (which a later predict or evaluate overwrites) for st_model_batchnorm_batch_mean/variance. */
static size_t batchnorm_state_floats(const st_layer *l) { return 2u * (size_t)l->features; }

static void batchnorm_step_stats(st_layer *l, int rows, float *out) {
  memcpy(l->state, l->scratch, 2u * (size_t)l->features * sizeof(float));
  if (out) st_output_stats(l->y, rows, l->out, ST_ACT_LINEAR, out);
}

const st_layer_ops st_layer_ops_BATCH_NORMALIZATION = {
  .kind = ST_LAYER_BATCH_NORMALIZATION,
  .configure = batchnorm_configure,
  .weight_count = batchnorm_weight_count,
  .weight_shape = batchnorm_weight_shape,
  .initialize = batchnorm_initialize,
  .scratch_floats = batchnorm_scratch_floats,
  .state_floats = batchnorm_state_floats,
  .step_stats = batchnorm_step_stats,
  .forward = batchnorm_forward,
  .backward = batchnorm_backward,
};
