/* nonfinite.c — fit's NaN sentinel, in one place (Keras's TerminateOnNaN, made precise):
 * after each step, the first non-finite value in the order it arises — the loss, then the
 * gradients, then the updated weights — is recorded as a 'nonfinite' vocabulary code, the
 * weight array it is in and the batch, and fit stops with ST_E_NONFINITE. */
#include <math.h>

#include "error.h"
#include "model.h"

/* Name the first non-finite value of this step, in the order it arises (loss, then
 * gradients, then the updated weights). Returns 1 if one was found. */
static int find_nonfinite(st_model *m, double loss) {
  m->nonfinite_weight = -1;
  m->nonfinite_kind = ST_NONFINITE_NONE;
  if (!isfinite(loss)) {
    m->nonfinite_kind = ST_NONFINITE_LOSS;
    return 1;
  }
  int bad_weight = -1;
  for (int w = 0; w < m->weight_count && bad_weight < 0; w++)
    if (!st_all_finite(m->weights[w].values, (size_t)m->weights[w].rows * m->weights[w].cols)) bad_weight = w;
  if (bad_weight < 0) return 0;
  for (int w = 0; w < m->weight_count; w++) {
    const st_weight *weight = &m->weights[w];
    if (weight->gradient && !st_all_finite(weight->gradient, (size_t)weight->rows * weight->cols)) {
      m->nonfinite_kind = ST_NONFINITE_GRADIENT;
      m->nonfinite_weight = w;
      return 1;
    }
  }
  m->nonfinite_kind = ST_NONFINITE_WEIGHT;
  m->nonfinite_weight = bad_weight;
  return 1;
}

int st_nonfinite_check(st_model *m, double loss, int batch) {
  if (!m->terminate_on_nan || !find_nonfinite(m, loss)) return 0;
  m->nonfinite_batch = batch;
  return 1;
}

/* Eight independent accumulators of x*0: any NaN or infinity turns one into NaN. */
int st_all_finite(const float *x, size_t n) {
  float acc[8] = {0};
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; k++) acc[k] += x[i + k] * 0.0f;
  for (; i < n; i++) acc[0] += x[i] * 0.0f;
  float total = 0.0f;
  for (int k = 0; k < 8; k++) total += acc[k];
  return total == 0.0f;
}

ST_API int st_model_set_terminate_on_nan(st_model *m, int on) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  m->terminate_on_nan = on != 0;
  return ST_OK;
}

ST_API int st_model_nonfinite_kind(const st_model *m) { return m ? m->nonfinite_kind : ST_NONFINITE_NONE; }

ST_API int st_model_nonfinite_weight(const st_model *m) { return m ? m->nonfinite_weight : -1; }

ST_API int st_model_nonfinite_batch(const st_model *m) { return m ? m->nonfinite_batch : -1; }
