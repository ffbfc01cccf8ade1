/* initializers.h — Keras 3 weight initializers (keras/src/initializers/random_initializers.py,
 * constant_initializers.py), drawn from the model's seeded PCG32. */
#ifndef ST_INITIALIZERS_H
#define ST_INITIALIZERS_H

#include "rng.h"

/* 1 if the initializer can fill a vector (rank 1); Keras's orthogonal needs rank >= 2. */
int st_initializer_allows_vector(int initializer);

/* Fill values[0 .. fan_in*fan_out) (a [fan_in, fan_out] kernel, or a vector with
 * fan_in = fan_out = length, as Keras's compute_fans does for rank 1). Returns ST_OK, or
 * ST_E_NOMEM when the orthogonal initializer cannot get its scratch. */
int st_initialize(int initializer, float *values, int fan_in, int fan_out, int count,
                   st_rng *rng);

#endif
