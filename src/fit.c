/* fit.c — the epoch loop's C half: bind the data (and per-sample weights) once, shuffle an
 * index order per epoch with the model's PRNG (Fisher-Yates) and reset the metrics, then
 * run consecutive batches — gather, forward, metrics, loss, backward, update — reporting
 * each batch's loss and the metrics' running epoch values. The last batch of an epoch may
 * be partial, as in Keras. */
#include "memory.h"
#include <string.h>

#include <math.h>

#include "error.h"
#include "loss.h"
#include "metrics.h"
#include "model.h"

ST_API int st_model_fit_begin(st_model *m, const float *x, const float *y, int rows, int batch_size) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  if (!m->compiled) return st_fail(ST_E_STATE, "model must be compiled before fit");
  if (!x || !y || rows <= 0) return st_fail(ST_E_ARGUMENT, "fit needs at least one row of data, got %d", rows);
  if (batch_size <= 0) return st_fail(ST_E_ARGUMENT, "batch_size must be > 0, got %d", batch_size);
  int status = st_model_check_rows(rows, m->input_features, "x");
  if (status == ST_OK) status = st_model_check_rows(rows, st_loss_target_cols(m->loss, st_model_outputs(m)), "y");
  if (status == ST_OK) status = st_model_check_rows(rows, 1, "sample indices");
  if (status != ST_OK) return status;
  int batch = batch_size < rows ? batch_size : rows;
  status = st_model_reserve(m, batch);
  if (status != ST_OK) return status;
  int32_t *order = st_realloc(m->order, (size_t)rows * sizeof *order);
  if (!order) return st_fail(ST_E_NOMEM, "out of memory for %d sample indices", rows);
  m->order = order;
  for (int i = 0; i < rows; i++) order[i] = i;
  m->fit_x = x;
  m->fit_y = y;
  m->fit_rows = rows;
  m->fit_batch_size = batch;
  m->fit_weights = NULL;
  return ST_OK;
}

ST_API int st_model_fit_sample_weights(st_model *m, const float *weights) {
  if (!m || !m->fit_rows) return st_fail(ST_E_STATE, "fit_sample_weights before fit_begin");
  if (weights) {
    float *batch = st_realloc(m->weight_batch, (size_t)m->fit_batch_size * sizeof *batch);
    if (!batch) return st_fail(ST_E_NOMEM, "out of memory for %d sample weights", m->fit_batch_size);
    m->weight_batch = batch;
  }
  m->fit_weights = weights;
  return ST_OK;
}

ST_API int st_model_fit_batches(const st_model *m) {
  return m && m->fit_rows ? (m->fit_rows + m->fit_batch_size - 1) / m->fit_batch_size : 0;
}

ST_API int st_model_fit_epoch_begin(st_model *m, int shuffle) {
  if (!m || !m->fit_rows) return st_fail(ST_E_STATE, "fit_epoch_begin before fit_begin");
  for (int i = 0; i < m->fit_rows; i++) m->order[i] = i;
  st_metrics_reset(m);
  if (shuffle) {
    for (int i = m->fit_rows - 1; i > 0; i--) {
      int j = (int)st_rng_below(&m->rng, (uint32_t)i + 1u);
      int32_t t = m->order[i];
      m->order[i] = m->order[j];
      m->order[j] = t;
    }
  }
  return ST_OK;
}

static void gather_rows(float *dst, const float *src, const int32_t *order, int n, int cols) {
  for (int r = 0; r < n; r++)
    memcpy(dst + (size_t)r * cols, src + (size_t)order[r] * cols, (size_t)cols * sizeof(float));
}

ST_API int st_model_fit_run(st_model *m, int first_batch, int count, double *logs) {
  if (!m || !m->fit_rows) return st_fail(ST_E_STATE, "fit_run before fit_begin");
  int batches = st_model_fit_batches(m);
  if (first_batch < 0 || count < 0 || first_batch > batches || count > batches - first_batch || !logs)
    return st_fail(ST_E_ARGUMENT, "batches from %d, %d of them, outside [0, %d)", first_batch, count, batches);
  int label_cols = st_loss_target_cols(m->loss, st_model_outputs(m));
  int row = 2 + m->metric_count;
  for (int b = first_batch; b < first_batch + count; b++) {
    int start = b * m->fit_batch_size;
    int n = m->fit_rows - start < m->fit_batch_size ? m->fit_rows - start : m->fit_batch_size;
    gather_rows(m->x_batch, m->fit_x, m->order + start, n, m->input_features);
    gather_rows(m->y_batch, m->fit_y, m->order + start, n, label_cols);
    const float *w = NULL;
    if (m->fit_weights) {
      for (int r = 0; r < n; r++) m->weight_batch[r] = m->fit_weights[m->order[start + r]];
      w = m->weight_batch;
    }
    /* Keras's train_step: metrics on the training-mode predictions, before the update. */
    const float *pred = st_model_forward(m, m->x_batch, n, 1);
    st_metrics_update(m, pred, m->y_batch, n, w);
    double loss = st_model_loss_backward(m, m->x_batch, m->y_batch, n, w);
    int status = st_model_apply_gradients(m);
    if (status != ST_OK) return status;
    double *log = logs + (size_t)row * (b - first_batch);
    log[0] = (float)loss;
    log[1] = n;
    for (int i = 0; i < m->metric_count; i++) log[2 + i] = st_metric_result(&m->metrics[i]);
    if (st_nonfinite_check(m, loss, b)) {
      return st_fail(ST_E_NONFINITE, "non-finite value at batch %d", b);
    }
  }
  return ST_OK;
}
