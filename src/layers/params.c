/* params.c — the parameter readers every layer kind's configure uses (layer.h): each
 * checks one number of the parameter list the JS registry sends and names the layer class
 * and the Keras argument when it refuses it. Parameters cross as doubles, so integers and
 * flags are checked to be whole before they are converted. */
#include <math.h>

#include "../error.h"
#include "../initializers.h"
#include "layer.h"

static const char *class_name(const st_layer *layer) { return st_vocab_lookup(ST_FAMILY_LAYER, layer->ops->kind); }

int st_param_count(const st_layer *layer, int count, int expected) {
  if (count != expected)
    return st_fail(ST_E_ARGUMENT, "%s takes %d parameter(s), got %d", class_name(layer), expected, count);
  return ST_OK;
}

int st_param_int(const st_layer *layer, const double *params, int i, const char *argument, int64_t lo, int64_t hi,
                 int64_t *out) {
  const double v = params[i];
  /* The range test comes first: converting a double outside int64_t's range is undefined. */
  if (!(v >= (double)lo && v <= (double)hi) || v != floor(v))
    return st_fail(ST_E_ARGUMENT, "%s: %s must be an integer in [%lld, %lld], got %.17g", class_name(layer), argument,
                   (long long)lo, (long long)hi, v);
  *out = (int64_t)v;
  return ST_OK;
}

int st_param_flag(const st_layer *layer, const double *params, int i, const char *argument, int *out) {
  const double v = params[i];
  if (v != 0.0 && v != 1.0)
    return st_fail(ST_E_ARGUMENT, "%s: %s must be 0 or 1, got %.17g", class_name(layer), argument, v);
  *out = v == 1.0;
  return ST_OK;
}

int st_param_activation(const st_layer *layer, const double *params, int i, const char *argument, int *out) {
  const double v = params[i];
  if (!(v >= 0.0 && v < (double)ST_ACT_COUNT) || v != floor(v))
    return st_fail(ST_E_ARGUMENT, "%s: %s must be an activation code in [0, %d), got %.17g", class_name(layer), argument,
                   ST_ACT_COUNT, v);
  *out = (int)v;
  return ST_OK;
}

int st_param_initializer(const st_layer *layer, const double *params, int i, const char *argument, int vector,
                         int *out) {
  const double v = params[i];
  if (!(v >= 0.0 && v < (double)ST_INIT_COUNT) || v != floor(v))
    return st_fail(ST_E_ARGUMENT, "%s: %s must be an initializer code in [0, %d), got %.17g", class_name(layer),
                   argument, ST_INIT_COUNT, v);
  const int code = (int)v;
  if (vector && !st_initializer_allows_vector(code))
    return st_fail(ST_E_ARGUMENT, "%s: %s: %s needs a weight of rank >= 2; this one is a vector", class_name(layer),
                   argument, st_vocab_lookup(ST_FAMILY_INITIALIZER, code));
  *out = code;
  return ST_OK;
}

int st_param_float(const st_layer *layer, const double *params, int i, const char *argument, float *out) {
  const float v = (float)params[i];
  if (!isfinite(v))
    return st_fail(ST_E_ARGUMENT, "%s: %s must be a finite float32 number, got %.17g", class_name(layer), argument,
                   params[i]);
  *out = v;
  return ST_OK;
}
