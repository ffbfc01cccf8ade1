/* initializers.c — Keras 3 VarianceScaling family and constants.
 *
 *   glorotUniform  U(-l, l), l = sqrt(6 / (fan_in + fan_out))
 *   glorotNormal   truncated N(0, s), s = sqrt(2 / (fan_in + fan_out)) / 0.87962566103423978
 *   heNormal       truncated N(0, s), s = sqrt(2 / fan_in) / 0.87962566103423978
 *   heUniform      U(-l, l), l = sqrt(6 / fan_in)
 *   lecunNormal    truncated N(0, s), s = sqrt(1 / fan_in) / 0.87962566103423978
 * The truncated normal redraws values beyond two standard deviations; 0.8796... is the
 * standard deviation of a unit normal truncated to [-2, 2], which Keras divides out. */
#include "initializers.h"

#include <math.h>

#include "simdtrain.h"

#define TRUNCATED_NORMAL_STDDEV_CORRECTION 0.87962566103423978

static void fill_uniform(float *v, int count, double limit, st_rng *rng) {
  for (int i = 0; i < count; i++) v[i] = (float)((2.0 * st_rng_uniform(rng) - 1.0) * limit);
}

static void fill_truncated_normal(float *v, int count, double stddev, st_rng *rng) {
  for (int i = 0; i < count; i++) {
    double z;
    do z = st_rng_normal(rng); while (z < -2.0 || z > 2.0);
    v[i] = (float)(z * stddev);
  }
}

static void fill_constant(float *v, int count, float value) {
  for (int i = 0; i < count; i++) v[i] = value;
}

void st_initialize(int initializer, float *values, int fan_in, int fan_out, int count,
                   st_rng *rng) {
  double fan_avg = 0.5 * (fan_in + fan_out);
  switch (initializer) {
    case ST_INIT_GLOROT_UNIFORM: fill_uniform(values, count, sqrt(3.0 / fan_avg), rng); break;
    case ST_INIT_GLOROT_NORMAL:
      fill_truncated_normal(values, count, sqrt(1.0 / fan_avg) / TRUNCATED_NORMAL_STDDEV_CORRECTION, rng);
      break;
    case ST_INIT_HE_NORMAL:
      fill_truncated_normal(values, count, sqrt(2.0 / fan_in) / TRUNCATED_NORMAL_STDDEV_CORRECTION, rng);
      break;
    case ST_INIT_HE_UNIFORM: fill_uniform(values, count, sqrt(6.0 / fan_in), rng); break;
    case ST_INIT_LECUN_NORMAL:
      fill_truncated_normal(values, count, sqrt(1.0 / fan_in) / TRUNCATED_NORMAL_STDDEV_CORRECTION, rng);
      break;
    case ST_INIT_ONES: fill_constant(values, count, 1.0f); break;
    default: fill_constant(values, count, 0.0f); break;
  }
}
