/* diagnostics.c — training diagnostics computed inside the step when turned on: per layer
 * the mean and standard deviation of its output, the fraction of dead ReLU units (output 0
 * for every sample of the batch) and the fraction of saturated sigmoid/tanh activations
 * (every unit on every sample counted: derivative below 1% of the activation's largest,
 * sigmoid' < 0.0025, tanh' < 0.01); per weight array the gradient norm, the weight norm and the ratio of
 * the update's norm to the weight's norm before the update. In a training step the optimizer
 * measures the trainable arrays while it updates them (st_optimizer_step_measured: update_norms
 * on each L1-sized block, kernels.h); a step without an update (computeGradients) takes the
 * gradient and weight norms with sum_squares. Each layer fills its own statistics through
 * its ops' step_stats hook (layer.h), most with st_output_stats below. */
#include <math.h>

#include "error.h"
#include "memory.h"
#include "model.h"

/* An activation is saturated where its slope is below this fraction of the slope's peak
 * (sigmoid: 0.25 at 0; tanh: 1 at 0). */
#define SATURATION_OF_PEAK 0.01

static float *weight_stats(st_model *m, int w) {
  return m->stats + (size_t)m->layer_count * ST_LAYER_STATS + (size_t)w * ST_WEIGHT_STATS;
}

static double norm(const float *x, size_t n) { return sqrt(st_kernels_active()->sum_squares(x, n)); }

static size_t weight_size(const st_weight *w) { return (size_t)w->rows * (size_t)w->cols; }

/* Fraction of the cols units of y (rows × cols, row-major) that output 0 for every sample:
 * dead ReLUs, which pass no gradient to their weights for this batch. */
static double dead_fraction(const float *y, int rows, int cols) {
  int dead = 0;
  for (int c = 0; c < cols; c++) {
    int all = 1;
    for (int r = 0; r < rows && all; r++) all = !(y[(size_t)r * cols + c] > 0.0f);
    dead += all;
  }
  return (double)dead / cols;
}

/* Fraction of the rows × cols activations y (outputs of a sigmoid or tanh) whose derivative,
 * computed from the output (sigmoid' = y(1 - y), tanh' = 1 - y²), is below
 * SATURATION_OF_PEAK of its peak: each (unit, sample) pair counts once. */
static double saturated_fraction(const float *y, int rows, int cols, int activation) {
  const double peak = activation == ST_ACT_SIGMOID ? 0.25 : 1.0, below = SATURATION_OF_PEAK * peak;
  const size_t n = (size_t)rows * cols;
  size_t saturated = 0;
  for (size_t i = 0; i < n; i++) {
    const double v = y[i];
    const double d = activation == ST_ACT_SIGMOID ? v * (1.0 - v) : 1.0 - v * v;
    saturated += d < below;
  }
  return (double)saturated / (double)n;
}

/* Mean and standard deviation of y[0..n), in double with four independent accumulator pairs
 * (adds that do not wait on each other; the order is fixed, so the result is deterministic). */
static void moments(const float *y, size_t n, float *mean_out, float *std_out) {
  double sum[4] = {0, 0, 0, 0}, sq[4] = {0, 0, 0, 0};
  size_t j = 0;
  for (; j + 4 <= n; j += 4)
    for (int k = 0; k < 4; k++) sum[k] += y[j + k], sq[k] += (double)y[j + k] * y[j + k];
  for (; j < n; j++) sum[0] += y[j], sq[0] += (double)y[j] * y[j];
  const double mean = (sum[0] + sum[1] + sum[2] + sum[3]) / n;
  const double mean_sq = (sq[0] + sq[1] + sq[2] + sq[3]) / n;
  *mean_out = (float)mean;
  *std_out = (float)sqrt(fmax(mean_sq - mean * mean, 0.0));
}

void st_output_stats(const float *y, int rows, int cols, int activation, float *out) {
  moments(y, (size_t)rows * cols, &out[0], &out[1]);
  out[2] = activation == ST_ACT_RELU ? (float)dead_fraction(y, rows, cols) : NAN;
  out[3] = activation == ST_ACT_SIGMOID || activation == ST_ACT_TANH ? (float)saturated_fraction(y, rows, cols, activation) : NAN;
}

void st_diagnostics_after_backward(st_model *m, int rows) {
  /* Every layer's hook runs after each training step, so a layer keeps what must outlive the
   * shared workspace (BatchNormalization's batch statistics) whether diagnostics are on. */
  for (int i = 0; i < m->layer_count; i++) {
    st_layer *l = &m->layers[i];
    l->ops->step_stats(l, rows, m->diagnostics ? m->stats + (size_t)i * ST_LAYER_STATS : NULL);
  }
  if (!m->diagnostics) return;
  /* The norms follow: st_diagnostics_after_update's one pass, or st_diagnostics_norms. */
  for (int w = 0; w < m->weight_count; w++) {
    float *s = weight_stats(m, w);
    s[0] = s[1] = s[2] = NAN;
  }
}

void st_diagnostics_norms(st_model *m) {
  if (!m->diagnostics) return;
  for (int w = 0; w < m->weight_count; w++) {
    const st_weight *weight = &m->weights[w];
    float *s = weight_stats(m, w);
    s[0] = weight->gradient && !m->layers[weight->layer].frozen ? (float)norm(weight->gradient, weight_size(weight)) : NAN;
    s[1] = (float)norm(weight->values, weight_size(weight));
  }
}

double *st_diagnostics_update_sums(st_model *m) { return m->diagnostics ? m->update_sums : NULL; }

void st_diagnostics_after_update(st_model *m) {
  if (!m->diagnostics) return;
  const double *sums = m->update_sums;
  for (int w = 0; w < m->weight_count; w++) {
    const st_weight *weight = &m->weights[w];
    float *s = weight_stats(m, w);
    if (!weight->trainable || m->layers[weight->layer].frozen) { /* not updated: no sums from the optimizer */
      s[1] = (float)norm(weight->values, weight_size(weight));
      continue;
    }
    s[0] = (float)sqrt(sums[3]);
    s[1] = (float)sqrt(sums[0]);
    /* An array that was all zeros has no meaningful ratio (NaN, reported as null). */
    s[2] = sums[1] > 0.0 ? (float)sqrt(sums[2] / sums[1]) : NAN;
    sums += 4;
  }
}

void st_diagnostics_free(st_model *m) {
  st_mfree(m->stats);
  st_mfree(m->update_sums);
  m->stats = NULL;
  m->update_sums = NULL;
  m->diagnostics = 0;
}

ST_API int st_model_set_diagnostics(st_model *m, int on) {
  if (!m || !m->built) return st_fail(ST_E_STATE, "diagnostics need a built model");
  if (!on) {
    st_diagnostics_free(m);
    return ST_OK;
  }
  if (m->diagnostics) return ST_OK;
  size_t stats = (size_t)m->layer_count * ST_LAYER_STATS + (size_t)m->weight_count * ST_WEIGHT_STATS;
  m->stats = st_malloc(stats * sizeof(float));
  /* per weight, not per trainable array: unfreezing a layer (st_model_set_trainable) lengthens the list */
  m->update_sums = st_malloc(((size_t)m->weight_count * 4 + 1) * sizeof(double));
  if (!m->stats || !m->update_sums) {
    st_diagnostics_free(m);
    return st_fail(ST_E_NOMEM, "out of memory for diagnostics");
  }
  for (size_t i = 0; i < stats; i++) m->stats[i] = NAN;
  m->diagnostics = 1;
  return ST_OK;
}

ST_API const float *st_model_stats(const st_model *m) { return m ? m->stats : NULL; }

/* A BatchNormalization layer's batch statistics of the last training step: its state holds
 * the batch mean, then the batch variance (batchnorm.c). */
static const float *batch_stats(const st_model *m, int layer, int which) {
  if (!m || !m->built || layer < 0 || layer >= m->layer_count) return NULL;
  const st_layer *l = &m->layers[layer];
  if (l->ops->kind != ST_LAYER_BATCH_NORMALIZATION) return NULL;
  return l->state + (size_t)which * (size_t)l->features;
}

ST_API const float *st_model_batchnorm_batch_mean(const st_model *m, int layer) {
  return batch_stats(m, layer, 0);
}

ST_API const float *st_model_batchnorm_batch_variance(const st_model *m, int layer) {
  return batch_stats(m, layer, 1);
}


/* ---- recurrent layers (layers/recurrent.c) ---- */
static const st_layer *recurrent_layer(const st_model *m, int layer) {
  if (!m || !m->built || layer < 0 || layer >= m->layer_count) return NULL;
  const st_layer *l = &m->layers[layer];
  const int kind = l->ops->kind;
  return kind == ST_LAYER_SIMPLE_RNN || kind == ST_LAYER_LSTM || kind == ST_LAYER_GRU ? l : NULL;
}

/* The BPTT curve of the last backward: ‖∂L/∂h_t‖ for t = 0 .. timesteps-1 in processing order
 * (the layer's state; NaN before the first). */
ST_API const float *st_model_recurrent_gradient_norms(const st_model *m, int layer) {
  const st_layer *l = recurrent_layer(m, layer);
  return l ? l->state : NULL;
}

/* The largest singular value of the recurrent kernel R [U, g·U], by power iteration on R·Rᵀ
 * in double (until the estimate changes by less than 1e-10 relative, at most 2000 rounds);
 * NaN if the layer is not recurrent or the U + g·U doubles cannot be allocated. */
ST_API double st_model_recurrent_spectral_norm(const st_model *m, int layer) {
  const st_layer *l = recurrent_layer(m, layer);
  if (!l) return NAN;
  int rows, cols, trainable;
  l->ops->weight_shape(l, 1, &rows, &cols, &trainable);
  const float *R = l->weights[1];
  double *v = st_malloc(((size_t)rows + (size_t)cols) * sizeof(double)), *w;
  if (!v) return NAN;
  w = v + rows;
  for (int i = 0; i < rows; i++) v[i] = 1.0 + 0.5 * sin(1.0 + 7.0 * i); /* fixed, not orthogonal to any one direction in practice */
  double sigma2 = 0.0;
  for (int round = 0; round < 2000; round++) {
    double vv = 0.0;
    for (int i = 0; i < rows; i++) vv += v[i] * v[i];
    const double inv = 1.0 / sqrt(vv);
    for (int i = 0; i < rows; i++) v[i] *= inv;
    for (int j = 0; j < cols; j++) w[j] = 0.0;
    for (int i = 0; i < rows; i++)
      for (int j = 0; j < cols; j++) w[j] += (double)R[(size_t)i * cols + j] * v[i]; /* w = Rᵀ v */
    double next = 0.0;
    for (int i = 0; i < rows; i++) {
      double s = 0.0;
      for (int j = 0; j < cols; j++) s += (double)R[(size_t)i * cols + j] * w[j]; /* v = R w */
      v[i] = s;
      next += s * s;
    }
    next = sqrt(next); /* ‖R Rᵀ v‖ with ‖v‖ = 1 → σ² */
    const int done = fabs(next - sigma2) <= 1e-10 * next;
    sigma2 = next;
    if (done || next == 0.0) break;
  }
  st_mfree(v);
  return sqrt(sigma2);
}
