/* model.h — the model's internal layout: layers, the weight list in Keras order, and the
 * two memory blocks (parameters + gradients; activations for a batch capacity). */
#ifndef ST_MODEL_H
#define ST_MODEL_H

#include "layers/layer.h"
#include "optim/optimizer.h"
#include "rng.h"
#include "simdtrain.h"

typedef struct st_weight {
  int layer, rows, cols, trainable; /* trainable: the kind's (a frozen layer's stay 1) */
  float *values;
  float *gradient; /* NULL if not trainable */
  float l1, l2;    /* the weight's regularizer (regularizers.c); 0, 0: none */
} st_weight;

struct st_model {
  st_rng rng;
  uint32_t seed;
  int input_features;
  int layer_count;
  st_layer *layers;
  int built;

  /* parameters: one block holding every weight, then every gradient */
  int weight_count;
  st_weight *weights;
  float *parameter_block;
  float *layer_state; /* every layer's state (layer.h state_floats), one block */

  /* trainable arrays as the optimizer sees them */
  int trainable_count;
  float **trainable_values;
  const float **trainable_gradients;
  int32_t *trainable_sizes;

  /* compile */
  int compiled, loss, from_logits;
  float loss_delta; /* huber's delta */
  st_optimizer *optimizer;

  /* workspace: one block sized for `capacity` rows */
  int capacity, max_width;
  float *workspace;
  float *x_batch, *y_batch, *delta[2];

  /* diagnostics (diagnostics.c): per-layer and per-weight statistics of the last step */
  int diagnostics;
  float *stats;     /* layer_count × ST_LAYER_STATS, then weight_count × ST_WEIGHT_STATS */
  double *update_sums; /* per trainable array, the 4 sums st_optimizer_step_measured returns */

  /* NaN sentinel of fit */
  int terminate_on_nan;
  int nonfinite_kind, nonfinite_weight, nonfinite_batch; /* ST_NONFINITE_* (vocab.def), weight index (-1: loss), batch */

  /* fit data, owned by the caller */
  const float *fit_x, *fit_y;
  int fit_rows, fit_batch_size;
  int32_t *order;
  const float *fit_weights; /* per-sample weights (caller's, NULL: none) and one batch of them */
  float *weight_batch;

  /* compiled metrics (metrics.c), their accumulators reset per epoch / evaluate */
  int metric_count;
  struct st_metric *metrics;
};

/* Statistics per layer: activation mean, std, dead-unit fraction (ReLU), saturated-unit
 * fraction (sigmoid, tanh); per weight array: gradient L2 norm, weight L2 norm, update L2
 * norm / weight L2 norm before the update. Not-applicable entries are NaN. */
enum { ST_LAYER_STATS = 4, ST_WEIGHT_STATS = 3 };

void st_diagnostics_after_backward(st_model *m, int rows);
void st_diagnostics_norms(st_model *m); /* gradient and weight norms, for a step without an update */
/* Where the optimizer puts its measurements of the update (NULL: diagnostics off). */
double *st_diagnostics_update_sums(st_model *m);
void st_diagnostics_after_update(st_model *m);
void st_diagnostics_free(st_model *m);
/* 1 if every value is finite. */
int st_all_finite(const float *x, size_t n);
/* The NaN sentinel (nonfinite.c), after the step of `batch` with loss `loss`: 1 (and the
 * place recorded) if terminate_on_nan is on and a loss, gradient or weight is not finite. */
int st_nonfinite_check(st_model *m, double loss, int batch);

/* ST_OK if `rows` rows of `cols` floats (caller data) are addressable within the 2 GiB
 * limit; else ST_E_ARGUMENT naming `what` and the numbers. */
int st_model_check_rows(int rows, int cols, const char *what);
/* Make the workspace hold at least `rows` rows (one reallocation when it grows); fails with
 * a message naming the layer when the workspace would pass the 2 GiB limit. */
int st_model_reserve(st_model *m, int rows);
int st_model_outputs(const st_model *m);
/* Forward over rows samples; returns the output activations [rows, outputs]. */
const float *st_model_forward(st_model *m, const float *x, int rows, int training);
/* Loss and its gradient for the last forward; then backward into the weight gradients.
 * weights: one per row (Keras sample_weight; NULL: none). */
double st_model_loss_backward(st_model *m, const float *x, const float *y, int rows, const float *weights);
/* The mean loss of pred against y with optional per-row weights, Keras's
 * reduce_weighted_values: sum_i w_i L_i / rows; grad (if not NULL) receives its gradient. */
double st_model_loss(const st_model *m, const float *pred, const float *y, int rows, const float *weights, float *grad);
/* Metrics (metrics.c): update every compiled metric with a batch (weights: NULL or one per
 * row, used by weighted metrics only); reset them all; free them. */
void st_metrics_update(st_model *m, const float *pred, const float *y, int rows, const float *weights);
void st_metrics_reset(st_model *m);
void st_metrics_free(st_model *m);
/* Regularization (regularizers.c). The penalty of every regularized weight of a layer not
 * frozen, its gradient added to the weight's when `gradients`; the activity penalty of
 * layer's output over rows (its gradient added to dy, the gradient of that output, if not
 * NULL); the activity penalties of every layer's output. */
double st_regularization_weights(st_model *m, int gradients);
double st_regularization_activity(const st_model *m, int layer, int rows, float *dy);
double st_regularization_outputs(const st_model *m, int rows);
/* One optimizer step over the trainable arrays with the current gradients. */
int st_model_apply_gradients(st_model *m);

#endif
