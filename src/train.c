/* train.c — one training step and its parts (forward, loss, backward, update), and the
 * whole-array entry points built on them: predict, evaluate, compute_gradients,
 * train_batch. Keras semantics: a training step computes the loss and the metric on the
 * training-mode predictions, then applies the optimizer (keras/src/trainers/trainer.py). */
#include <math.h>
#include <string.h>

#include "error.h"
#include "loss.h"
#include "metrics.h"
#include "model.h"

ST_API int st_model_compile(st_model *m, int loss, int from_logits, float delta, st_optimizer *opt) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  if (!m->built) return st_fail(ST_E_STATE, "model must be built before compile");
  if (loss < 0 || loss >= ST_LOSS_COUNT) return st_fail(ST_E_ARGUMENT, "loss must be in [0, %d), got %d", ST_LOSS_COUNT, loss);
  if (loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY && st_model_outputs(m) < 2)
    return st_fail(ST_E_ARGUMENT, "sparseCategoricalCrossentropy needs at least 2 outputs, got %d", st_model_outputs(m));
  if (loss == ST_LOSS_HUBER && !(delta > 0.0f && isfinite(delta)))
    return st_fail(ST_E_ARGUMENT, "huber: delta must be a finite number > 0, got %g", (double)delta);
  if (!opt) return st_fail(ST_E_ARGUMENT, "optimizer is NULL");
  int status = st_optimizer_check(opt);
  if (status != ST_OK) return status;
  m->loss = loss;
  m->from_logits = from_logits != 0;
  m->loss_delta = delta;
  m->optimizer = opt;
  m->compiled = 1;
  st_metrics_free(m); /* a metric reads labels laid out for the loss: add them after compile */
  return ST_OK;
}

const float *st_model_forward(st_model *m, const float *x, int rows, int training) {
  const st_kernels *k = st_kernels_active();
  const float *input = x;
  for (int i = 0; i < m->layer_count; i++) {
    st_layer *l = &m->layers[i];
    l->ops->forward(l, k, input, rows, training);
    input = l->y;
  }
  return input;
}

/* Keras reduce_weighted_values (keras/src/losses/loss.py), reduction sum_over_batch_size:
 * the per-sample losses L_i times w_i, summed, over the number of samples. The gradient is
 * the unweighted batch gradient with row i times w_i, so weights of 1 change no bit of it. */
double st_model_loss(const st_model *m, const float *pred, const float *y, int rows, const float *weights, float *grad) {
  int outputs = st_model_outputs(m), label_cols = st_loss_target_cols(m->loss, outputs);
  double loss = st_loss_compute(m->loss, m->from_logits, m->loss_delta, pred, y, rows, outputs, grad);
  if (!weights) return loss;
  double sum = 0.0;
  for (int r = 0; r < rows; r++) {
    const float *p = pred + (size_t)r * outputs;
    sum += weights[r] * st_loss_compute(m->loss, m->from_logits, m->loss_delta, p, y + (size_t)r * label_cols, 1, outputs, NULL);
    if (grad)
      for (int j = 0; j < outputs; j++) grad[(size_t)r * outputs + j] *= weights[r];
  }
  return sum / rows;
}

double st_model_loss_backward(st_model *m, const float *x, const float *y, int rows, const float *weights) {
  const st_kernels *k = st_kernels_active();
  const float *pred = m->layers[m->layer_count - 1].y;
  float *dy = m->delta[0], *dx = m->delta[1];
  double loss = st_model_loss(m, pred, y, rows, weights, dy);
  for (int i = m->layer_count - 1; i >= 0; i--) {
    st_layer *l = &m->layers[i];
    const float *input = i ? m->layers[i - 1].y : x;
    /* dy is the gradient of layer i's output: its activity penalty joins it here. */
    if (l->activity_l1 != 0.0f || l->activity_l2 != 0.0f) loss += st_regularization_activity(m, i, rows, dy);
    l->ops->backward(l, k, input, dy, i ? dx : NULL, rows);
    float *t = dy;
    dy = dx;
    dx = t;
  }
  const double penalty = st_regularization_weights(m, 1);
  if (penalty != 0.0) loss += penalty; /* no regularizer: the loss keeps every bit (even a -0) */
  st_diagnostics_after_backward(m, rows);
  return loss;
}

int st_model_apply_gradients(st_model *m) {
  if (m->trainable_count == 0) return ST_OK;
  int status = st_optimizer_step_measured(m->optimizer, m->trainable_count, m->trainable_values,
                                          m->trainable_gradients, m->trainable_sizes,
                                          st_diagnostics_update_sums(m));
  if (status == ST_OK) st_diagnostics_after_update(m);
  return status;
}

/* The model is ready and x (rows x input features) and the per-row output or labels
 * (rows x out_cols, 0 for none) are addressable. */
static int check_ready(const st_model *m, int need_compile, const void *x, int rows, int out_cols) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  if (!m->built) return st_fail(ST_E_STATE, "model is not built");
  if (need_compile && !m->compiled) return st_fail(ST_E_STATE, "model must be compiled first");
  if (!x || rows <= 0) return st_fail(ST_E_ARGUMENT, "need at least one row of data, got %d", rows);
  int status = st_model_check_rows(rows, m->input_features, "x");
  return status == ST_OK && out_cols ? st_model_check_rows(rows, out_cols, "y") : status;
}

#define ST_INFERENCE_CHUNK 1024

ST_API int st_model_predict(st_model *m, const float *x, int rows, float *out, int training) {
  int status = check_ready(m, 0, x, rows, m && m->built ? st_model_outputs(m) : 0);
  if (status != ST_OK) return status;
  if (!out) return st_fail(ST_E_ARGUMENT, "output buffer is NULL");
  /* Training mode treats all rows as one batch (batch statistics over all of them);
   * inference goes in chunks, which cannot change the result. */
  int chunk = training ? rows : (rows < ST_INFERENCE_CHUNK ? rows : ST_INFERENCE_CHUNK);
  if ((status = st_model_reserve(m, chunk)) != ST_OK) return status;
  int outputs = st_model_outputs(m);
  for (int start = 0; start < rows; start += chunk) {
    int n = rows - start < chunk ? rows - start : chunk;
    const float *pred = st_model_forward(m, x + (size_t)start * m->input_features, n, training);
    memcpy(out + (size_t)start * outputs, pred, (size_t)n * outputs * sizeof(float));
  }
  return ST_OK;
}

ST_API int st_model_evaluate(st_model *m, const float *x, const float *y, const float *sample_weight,
                             int rows, int batch_size, double *out) {
  int status = check_ready(m, 1, x, rows, m && m->compiled ? st_loss_target_cols(m->loss, st_model_outputs(m)) : 0);
  if (status != ST_OK) return status;
  if (!y || !out) return st_fail(ST_E_ARGUMENT, "labels and output buffer must not be NULL");
  if (batch_size <= 0) return st_fail(ST_E_ARGUMENT, "batch_size must be > 0, got %d", batch_size);
  int chunk = rows < batch_size ? rows : batch_size;
  if ((status = st_model_reserve(m, chunk)) != ST_OK) return status;
  int outputs = st_model_outputs(m), label_cols = st_loss_target_cols(m->loss, outputs);
  double loss_sum = 0.0;
  int penalties = 0;
  for (int i = 0; i < m->layer_count; i++) penalties |= m->layers[i].activity_l1 != 0.0f || m->layers[i].activity_l2 != 0.0f;
  for (int i = 0; i < m->weight_count; i++) penalties |= m->weights[i].l1 != 0.0f || m->weights[i].l2 != 0.0f;
  const double weight_penalty = penalties ? st_regularization_weights(m, 0) : 0.0;
  st_metrics_reset(m);
  for (int start = 0; start < rows; start += chunk) {
    int n = rows - start < chunk ? rows - start : chunk;
    const float *yb = y + (size_t)start * label_cols;
    const float *wb = sample_weight ? sample_weight + start : NULL;
    const float *pred = st_model_forward(m, x + (size_t)start * m->input_features, n, 0);
    /* Keras's test step: the compiled loss plus every layer loss (regularizers), per batch. */
    double loss = st_model_loss(m, pred, yb, n, wb, NULL);
    if (penalties) loss += weight_penalty + st_regularization_outputs(m, n);
    loss_sum += loss * n;
    st_metrics_update(m, pred, yb, n, wb);
  }
  /* Keras's loss tracker: the batch losses weighted by batch size (float32, as before). */
  out[0] = (float)(loss_sum / rows);
  for (int i = 0; i < m->metric_count; i++) out[1 + i] = st_metric_result(&m->metrics[i]);
  return ST_OK;
}

static int gradients(st_model *m, const float *x, const float *y, int rows, float *loss) {
  int status = check_ready(m, 1, x, rows, m && m->compiled ? st_loss_target_cols(m->loss, st_model_outputs(m)) : 0);
  if (status != ST_OK) return status;
  if (!y || !loss) return st_fail(ST_E_ARGUMENT, "labels and loss pointer must not be NULL");
  if ((status = st_model_reserve(m, rows)) != ST_OK) return status;
  st_model_forward(m, x, rows, 1);
  *loss = (float)st_model_loss_backward(m, x, y, rows, NULL);
  return ST_OK;
}

ST_API int st_model_compute_gradients(st_model *m, const float *x, const float *y, int rows, float *loss) {
  int status = gradients(m, x, y, rows, loss);
  if (status == ST_OK) st_diagnostics_norms(m);
  return status;
}

ST_API int st_model_train_batch(st_model *m, const float *x, const float *y, int rows, float *loss) {
  int status = gradients(m, x, y, rows, loss);
  return status != ST_OK ? status : st_model_apply_gradients(m);
}
