/* metrics.h — Keras 3 metrics as stateful accumulators (keras/src/metrics/): one metric's
 * kind, its parameter, whether it takes sample weights (compile's weighted_metrics), and
 * its state, the Keras metric variables (total/count, true/false positives, ...) kept in
 * double. A batch updates the state; the result is read from the state at any time, so an
 * epoch's value is Keras's (total correct / total count, TP / (TP + FP) over the epoch, AUC
 * from the accumulated confusion counts). */
#ifndef ST_METRICS_H
#define ST_METRICS_H

typedef struct st_metric {
  int kind;       /* ST_METRIC_* (vocab.def) */
  int weighted;   /* 1: sample weights apply (Keras weighted_metrics) */
  double param;   /* threshold (binary accuracy, precision, recall), k (top-k), num_thresholds (AUC) */
  int state_size; /* doubles in state */
  double *state;
} st_metric;

/* Check kind and its parameter list (count numbers: one for binary_accuracy (threshold in
 * (0, 1)), top_k_categorical_accuracy (k, a whole number >= 1), precision and recall
 * (threshold in [0, 1]), auc (num_thresholds, a whole number in [2, 100000]); none for the
 * others) and whether the metric reads sparse labels (one class id per row: only
 * sparse_categorical_accuracy does, and it needs them). Fills *out (state not allocated).
 * ST_OK, or ST_E_ARGUMENT with a message naming the metric. */
int st_metric_configure(st_metric *out, int kind, int weighted, const double *params, int count, int sparse_labels);

/* Doubles of state the configured metric keeps. */
int st_metric_state_size(const st_metric *mt);

/* Add a batch: pred [rows, cols]; target [rows, cols], or [rows] class ids when sparse;
 * weights NULL or one per row (ignored unless mt->weighted). */
void st_metric_update(st_metric *mt, const float *pred, const float *target, const float *weights, int rows, int cols);

/* The metric's value from its state (Keras's result(); divide_no_nan: 0 when nothing counted). */
double st_metric_result(const st_metric *mt);

#endif
