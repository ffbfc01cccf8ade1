/* regularizers.c — Keras 3 weight and activity regularization, generic over weight arrays
 * and layer outputs, so that no layer kind's file knows of it (docs/keras-semantics.md §7).
 *
 * Keras (keras/src/regularizers/regularizers.py) L1L2(l1, l2)(x) = l1 * Σ|x| + l2 * Σx²; L1
 * and L2 are the same with one factor 0. A weight's penalty counts while the weight is
 * trainable (Layer._get_regularization_losses walks trainable_weights, so a frozen layer's
 * kernel penalty is gone); an activity regularizer's penalty is taken of the layer's output
 * on each call (Layer.__call__: add_loss(activity_regularizer(output)), NOT divided by the
 * batch size in Keras 3, whatever the class docstring says). The trainer adds every such
 * loss to the compiled loss (Trainer.compute_loss, for training and evaluation alike), after
 * sample weighting, which never touches them.
 *
 * Gradients: d/dx (l1 |x| + l2 x²) = l1 sign(x) + 2 l2 x, with sign(0) = 0 (TensorFlow's and
 * PyTorch's gradient of |x| at 0). Sums are taken in double. A model with no regularizer
 * runs none of this: its numbers are bit for bit those of a model built before it existed. */
#include <math.h>

#include "error.h"
#include "model.h"

static double penalty(const float *x, size_t n, float l1, float l2) {
  double s1 = 0.0, s2 = 0.0;
  if (l1 != 0.0f)
    for (size_t i = 0; i < n; i++) s1 += fabs((double)x[i]);
  if (l2 != 0.0f)
    for (size_t i = 0; i < n; i++) s2 += (double)x[i] * x[i];
  return (double)l1 * s1 + (double)l2 * s2;
}

static void add_gradient(const float *x, float *g, size_t n, float l1, float l2) {
  const float two_l2 = 2.0f * l2;
  for (size_t i = 0; i < n; i++) {
    const float sign = x[i] > 0.0f ? 1.0f : x[i] < 0.0f ? -1.0f : 0.0f;
    g[i] += l1 * sign + two_l2 * x[i];
  }
}

/* Whether weight w is regularized and currently trained. */
static int weight_penalized(const st_model *m, const st_weight *w) {
  return (w->l1 != 0.0f || w->l2 != 0.0f) && w->trainable && !m->layers[w->layer].frozen;
}

double st_regularization_weights(st_model *m, int gradients) {
  double total = 0.0;
  for (int i = 0; i < m->weight_count; i++) {
    st_weight *w = &m->weights[i];
    if (!weight_penalized(m, w)) continue;
    const size_t n = (size_t)w->rows * w->cols;
    total += penalty(w->values, n, w->l1, w->l2);
    if (gradients) add_gradient(w->values, w->gradient, n, w->l1, w->l2);
  }
  return total;
}

double st_regularization_activity(const st_model *m, int layer, int rows, float *dy) {
  const st_layer *l = &m->layers[layer];
  if (l->activity_l1 == 0.0f && l->activity_l2 == 0.0f) return 0.0;
  const size_t n = (size_t)rows * l->out;
  if (dy) add_gradient(l->y, dy, n, l->activity_l1, l->activity_l2);
  return penalty(l->y, n, l->activity_l1, l->activity_l2);
}

double st_regularization_outputs(const st_model *m, int rows) {
  double total = 0.0;
  for (int i = 0; i < m->layer_count; i++) total += st_regularization_activity(m, i, rows, NULL);
  return total;
}

/* A regularization factor: finite and >= 0 (Keras validate_float_arg). */
static int check_factor(const char *what, int index, const char *name, float value) {
  if (!(value >= 0.0f) || isinf(value))
    return st_fail(ST_E_ARGUMENT, "%s %d: %s must be a finite number >= 0, got %g", what, index, name, (double)value);
  return ST_OK;
}

ST_API int st_model_set_regularizer(st_model *m, int weight, float l1, float l2) {
  if (!m || !m->built) return st_fail(ST_E_STATE, "regularizers need a built model");
  if (weight < 0 || weight >= m->weight_count)
    return st_fail(ST_E_ARGUMENT, "weight index must be in [0, %d), got %d", m->weight_count, weight);
  int status = check_factor("weight", weight, "l1", l1);
  if (status == ST_OK) status = check_factor("weight", weight, "l2", l2);
  if (status != ST_OK) return status;
  if (!m->weights[weight].trainable && (l1 != 0.0f || l2 != 0.0f))
    return st_fail(ST_E_ARGUMENT, "weight %d is not trainable: a regularizer would never apply to it", weight);
  m->weights[weight].l1 = l1;
  m->weights[weight].l2 = l2;
  return ST_OK;
}

ST_API int st_model_set_activity_regularizer(st_model *m, int layer, float l1, float l2) {
  if (!m || !m->built) return st_fail(ST_E_STATE, "regularizers need a built model");
  if (layer < 0 || layer >= m->layer_count)
    return st_fail(ST_E_ARGUMENT, "layer index must be in [0, %d), got %d", m->layer_count, layer);
  int status = check_factor("layer", layer, "l1", l1);
  if (status == ST_OK) status = check_factor("layer", layer, "l2", l2);
  if (status != ST_OK) return status;
  m->layers[layer].activity_l1 = l1;
  m->layers[layer].activity_l2 = l2;
  return ST_OK;
}
