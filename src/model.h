/* model.h — the model's internal layout: layers, the weight list in Keras order, and the
 * two memory blocks (parameters + gradients; activations for a batch capacity). */
#ifndef ST_MODEL_H
#define ST_MODEL_H

#include "layers/layer.h"
#include "optim/optimizer.h"
#include "rng.h"
#include "simdtrain.h"

typedef struct st_weight {
  int layer, rows, cols, trainable;
  float *values;
  float *gradient; /* NULL if not trainable */
} st_weight;

struct st_model {
  st_rng rng;
  int input_features;
  int layer_count;
  st_layer *layers;
  int built;

  /* parameters: one block holding every weight, then every gradient */
  int weight_count;
  st_weight *weights;
  float *parameter_block;

  /* trainable arrays as the optimizer sees them */
  int trainable_count;
  float **trainable_values;
  const float **trainable_gradients;
  int32_t *trainable_sizes;

  /* compile */
  int compiled, loss, from_logits;
  st_optimizer *optimizer;

  /* workspace: one block sized for `capacity` rows */
  int capacity, max_width;
  float *workspace;
  float *x_batch, *y_batch, *delta[2];

  /* fit data, owned by the caller */
  const float *fit_x, *fit_y;
  int fit_rows, fit_batch_size;
  int32_t *order;
};

/* Make the workspace hold at least `rows` rows (one reallocation when it grows). */
int st_model_reserve(st_model *m, int rows);
int st_model_outputs(const st_model *m);
/* Forward over rows samples; returns the output activations [rows, outputs]. */
const float *st_model_forward(st_model *m, const float *x, int rows, int training);
/* Loss and its gradient for the last forward; then backward into the weight gradients. */
double st_model_loss_backward(st_model *m, const float *x, const float *y, int rows, double *correct);
/* One optimizer step over the trainable arrays with the current gradients. */
int st_model_apply_gradients(st_model *m);

#endif
