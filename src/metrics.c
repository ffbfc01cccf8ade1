/* metrics.c — Keras 3 metrics (keras/src/metrics/accuracy_metrics.py, regression_metrics.py,
 * confusion_metrics.py, metrics_utils.py, reduction_metrics.py), reduced in C per batch, and
 * the model's list of them (st_model_add_metric ...).
 *
 * Mean metrics (MeanMetricWrapper over a per-sample value v_i; Mean.update_state):
 *   total += sum_i w_i v_i, count += sum_i w_i (w_i = 1 unweighted); result total / count
 *   binary_accuracy(threshold)   v_i = mean_j [y_ij == (p_ij > threshold)]
 *   categorical_accuracy         v_i = [argmax y_i == argmax p_i]   (first maximum wins)
 *   sparse_categorical_accuracy  v_i = [label_i == argmax p_i]
 *   top_k_categorical_accuracy(k)  v_i = in_top_k(argmax y_i, p_i, k), TF's in_top_k: the
 *                                target is in the top k when fewer than k classes score
 *                                strictly higher (ties at the boundary count as in) and its
 *                                score is finite
 *   mean_squared_error           v_i = mean_j (p_ij - y_ij)^2
 *   mean_absolute_error          v_i = mean_j |p_ij - y_ij|
 * Confusion metrics flatten rows and columns; y is positive when nonzero; the sample weight
 * of a row applies to each of its entries (update_confusion_matrix_variables):
 *   precision(threshold)  tp += w [y && p > t], fp += w [!y && p > t]; tp / (tp + fp)
 *   recall(threshold)     tp += w [y && p > t], fn += w [y && !(p > t)]; tp / (tp + fn)
 *   auc(num_thresholds N) ROC, summation 'interpolation': thresholds -eps, 1/(N-1), ...,
 *     (N-2)/(N-1), 1+eps; p clipped to [0, 1] goes to bucket max(ceil(p (N-1)) - 1, 0)
 *     (float32, as Keras's _update_confusion_matrix_variables_optimized); the state holds
 *     per-bucket weighted positives and negatives, tp[t] / fp[t] are their sums over
 *     buckets >= t, fn = positives - tp, tn = negatives - fp;
 *     auc = sum_t (fpr[t] - fpr[t+1]) (tpr[t] + tpr[t+1]) / 2.
 * Division by zero gives 0 (Keras's divide_no_nan). Sums are kept in double. */
#include "metrics.h"

#include <math.h>
#include <string.h>

#include "error.h"
#include "memory.h"
#include "model.h"

#define ST_AUC_MAX_THRESHOLDS 100000

static double divide_no_nan(double a, double b) { return b == 0.0 ? 0.0 : a / b; }

static int whole(double v, double lo, double hi) { return v >= lo && v <= hi && v == floor(v); }

int st_metric_configure(st_metric *out, int kind, int weighted, const double *params, int count, int sparse_labels) {
  const char *name = st_vocab_lookup(ST_FAMILY_METRIC, kind);
  if (!name) return st_fail(ST_E_ARGUMENT, "metric kind must be in [0, %d), got %d", ST_METRIC_COUNT, kind);
  if (weighted != 0 && weighted != 1) return st_fail(ST_E_ARGUMENT, "%s: weighted must be 0 or 1, got %d", name, weighted);
  int want = kind == ST_METRIC_BINARY_ACCURACY || kind == ST_METRIC_TOP_K_CATEGORICAL_ACCURACY ||
             kind == ST_METRIC_PRECISION || kind == ST_METRIC_RECALL || kind == ST_METRIC_AUC;
  if (count != want || (count > 0 && !params))
    return st_fail(ST_E_ARGUMENT, "%s takes %d parameter%s, got %d", name, want, want == 1 ? "" : "s", count);
  double p = want ? params[0] : 0.0;
  switch (kind) {
    case ST_METRIC_BINARY_ACCURACY:
      if (!(p > 0.0 && p < 1.0)) return st_fail(ST_E_ARGUMENT, "%s: threshold must be in (0, 1), got %g", name, p);
      break;
    case ST_METRIC_PRECISION:
    case ST_METRIC_RECALL:
      if (!(p >= 0.0 && p <= 1.0)) return st_fail(ST_E_ARGUMENT, "%s: thresholds must be in [0, 1], got %g", name, p);
      break;
    case ST_METRIC_TOP_K_CATEGORICAL_ACCURACY:
      if (!whole(p, 1, 2147483647.0)) return st_fail(ST_E_ARGUMENT, "%s: k must be a whole number >= 1, got %g", name, p);
      break;
    case ST_METRIC_AUC:
      if (!whole(p, 2, ST_AUC_MAX_THRESHOLDS))
        return st_fail(ST_E_ARGUMENT, "%s: num_thresholds must be a whole number in [2, %d], got %g", name, ST_AUC_MAX_THRESHOLDS, p);
      break;
    default: break;
  }
  int wants_sparse = kind == ST_METRIC_SPARSE_CATEGORICAL_ACCURACY;
  if (wants_sparse != (sparse_labels != 0))
    return st_fail(ST_E_ARGUMENT, "%s needs %s labels, and the compiled loss takes %s", name,
                   wants_sparse ? "class-id" : "one-row-per-sample", sparse_labels ? "class ids" : "rows of the output width");
  memset(out, 0, sizeof *out);
  out->kind = kind;
  out->weighted = weighted;
  out->param = p;
  out->state_size = kind == ST_METRIC_AUC ? 2 * (int)p : 2;
  return ST_OK;
}

int st_metric_state_size(const st_metric *mt) { return mt->state_size; }

static int argmax(const float *v, int n) {
  int best = 0;
  for (int j = 1; j < n; j++)
    if (v[j] > v[best]) best = j;
  return best;
}

/* The per-sample value of a mean metric for row r. */
static double sample_value(const st_metric *mt, const float *p, const float *y, int cols) {
  double v = 0.0;
  switch (mt->kind) {
    case ST_METRIC_BINARY_ACCURACY: {
      float threshold = (float)mt->param;
      for (int j = 0; j < cols; j++) v += y[j] == (p[j] > threshold ? 1.0f : 0.0f);
      return v / cols;
    }
    case ST_METRIC_CATEGORICAL_ACCURACY: return argmax(y, cols) == argmax(p, cols);
    case ST_METRIC_SPARSE_CATEGORICAL_ACCURACY: return (double)y[0] == (double)argmax(p, cols);
    case ST_METRIC_TOP_K_CATEGORICAL_ACCURACY: {
      int target = argmax(y, cols);
      if (!isfinite(p[target])) return 0.0;
      int higher = 0;
      for (int j = 0; j < cols; j++) higher += p[j] > p[target];
      return higher < mt->param;
    }
    case ST_METRIC_MEAN_SQUARED_ERROR:
      for (int j = 0; j < cols; j++) v += ((double)p[j] - y[j]) * ((double)p[j] - y[j]);
      return v / cols;
    case ST_METRIC_MEAN_ABSOLUTE_ERROR:
      for (int j = 0; j < cols; j++) v += fabs((double)p[j] - y[j]);
      return v / cols;
    default: return NAN;
  }
}

static int auc_bucket(float p, int n) {
  if (!(p >= 0.0f)) p = 0.0f; /* clip below, and NaN to the lowest bucket */
  if (p > 1.0f) p = 1.0f;
  float b = ceilf(p * (float)(n - 1)) - 1.0f;
  return b < 0.0f ? 0 : (int)b;
}

void st_metric_update(st_metric *mt, const float *pred, const float *target, const float *weights, int rows, int cols) {
  double *s = mt->state;
  const float *w = mt->weighted ? weights : NULL;
  int label_cols = mt->kind == ST_METRIC_SPARSE_CATEGORICAL_ACCURACY ? 1 : cols;
  for (int r = 0; r < rows; r++) {
    const float *p = pred + (size_t)r * cols, *y = target + (size_t)r * label_cols;
    double wr = w ? w[r] : 1.0;
    switch (mt->kind) {
      case ST_METRIC_PRECISION:
      case ST_METRIC_RECALL: {
        float threshold = (float)mt->param;
        for (int j = 0; j < cols; j++) {
          int positive = p[j] > threshold, label = y[j] != 0.0f;
          if (label && positive) s[0] += wr;
          else if (mt->kind == ST_METRIC_PRECISION ? positive : label) s[1] += wr;
        }
        break;
      }
      case ST_METRIC_AUC: {
        int n = (int)mt->param;
        for (int j = 0; j < cols; j++) s[(y[j] != 0.0f ? 0 : n) + auc_bucket(p[j], n)] += wr;
        break;
      }
      default:
        s[0] += wr * sample_value(mt, p, y, cols);
        s[1] += wr;
        break;
    }
  }
}

static double auc_result(const st_metric *mt) {
  int n = (int)mt->param;
  const double *pos = mt->state, *neg = mt->state + n;
  double positives = 0.0, negatives = 0.0;
  for (int b = 0; b < n; b++) {
    positives += pos[b];
    negatives += neg[b];
  }
  /* Walk thresholds from the top: tp/fp at threshold t are the sums over buckets >= t. */
  double tp = pos[n - 1], fp = neg[n - 1], auc = 0.0;
  double tpr_next = divide_no_nan(tp, positives), fpr_next = divide_no_nan(fp, negatives);
  for (int t = n - 2; t >= 0; t--) {
    tp += pos[t];
    fp += neg[t];
    double tpr = divide_no_nan(tp, tp + (positives - tp)), fpr = divide_no_nan(fp, fp + (negatives - fp));
    auc += (fpr - fpr_next) * (tpr + tpr_next) / 2.0;
    tpr_next = tpr;
    fpr_next = fpr;
  }
  return auc;
}

double st_metric_result(const st_metric *mt) {
  const double *s = mt->state;
  switch (mt->kind) {
    case ST_METRIC_PRECISION:
    case ST_METRIC_RECALL: return divide_no_nan(s[0], s[0] + s[1]);
    case ST_METRIC_AUC: return auc_result(mt);
    default: return divide_no_nan(s[0], s[1]);
  }
}

/* ---- the model's metrics ---- */

void st_metrics_update(st_model *m, const float *pred, const float *y, int rows, const float *weights) {
  int outputs = st_model_outputs(m);
  for (int i = 0; i < m->metric_count; i++) st_metric_update(&m->metrics[i], pred, y, weights, rows, outputs);
}

void st_metrics_reset(st_model *m) {
  for (int i = 0; i < m->metric_count; i++)
    memset(m->metrics[i].state, 0, (size_t)m->metrics[i].state_size * sizeof(double));
}

void st_metrics_free(st_model *m) {
  for (int i = 0; i < m->metric_count; i++) st_mfree(m->metrics[i].state);
  st_mfree(m->metrics);
  m->metrics = NULL;
  m->metric_count = 0;
}

ST_API int st_metric_check(int kind, int weighted, const double *params, int count, int sparse_labels) {
  st_metric mt;
  return st_metric_configure(&mt, kind, weighted, params, count, sparse_labels);
}

ST_API int st_model_add_metric(st_model *m, int kind, int weighted, const double *params, int count) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  if (!m->compiled) return st_fail(ST_E_STATE, "metrics are added after compile (the loss fixes the labels' layout)");
  st_metric mt;
  int status = st_metric_configure(&mt, kind, weighted, params, count, m->loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY);
  if (status != ST_OK) return status;
  mt.state = st_calloc((size_t)mt.state_size, sizeof(double));
  if (!mt.state) return st_fail(ST_E_NOMEM, "out of memory for a metric's %d accumulators", mt.state_size);
  st_metric *list = st_realloc(m->metrics, (size_t)(m->metric_count + 1) * sizeof *list);
  if (!list) {
    st_mfree(mt.state);
    return st_fail(ST_E_NOMEM, "out of memory for %d metrics", m->metric_count + 1);
  }
  list[m->metric_count++] = mt;
  m->metrics = list;
  return ST_OK;
}

ST_API int st_model_clear_metrics(st_model *m) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  st_metrics_free(m);
  return ST_OK;
}

ST_API int st_model_metric_count(const st_model *m) { return m ? m->metric_count : 0; }

ST_API int st_model_reset_metrics(st_model *m) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  st_metrics_reset(m);
  return ST_OK;
}

ST_API double st_model_metric_result(const st_model *m, int index) {
  if (!m || index < 0 || index >= m->metric_count) return NAN;
  return st_metric_result(&m->metrics[index]);
}
