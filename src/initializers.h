/* initializers.h — Keras 3 weight initializers (keras/src/initializers/random_initializers.py,
 * constant_initializers.py), drawn from the model's seeded PCG32. */
#ifndef ST_INITIALIZERS_H
#define ST_INITIALIZERS_H

#include "rng.h"

/* Fill values[0 .. fan_in*fan_out) (a [fan_in, fan_out] kernel, or a vector with
 * fan_in = fan_out = length, as Keras's compute_fans does for rank 1). */
void st_initialize(int initializer, float *values, int fan_in, int fan_out, int count,
                   st_rng *rng);

#endif
