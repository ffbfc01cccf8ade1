/* rng.h — the one seeded PRNG of the core: PCG32 (O'Neill 2014, pcg-random.org, the
 * "pcg32_random_r" XSH-RR generator). Initialisation, shuffling and (later) dropout all
 * draw from a model's generator, so a seed fixes every random choice. */
#ifndef ST_RNG_H
#define ST_RNG_H

#include <stdint.h>

typedef struct st_rng {
  uint64_t state;
  uint64_t inc;
} st_rng;

void st_rng_seed(st_rng *rng, uint64_t seed, uint64_t stream);
uint32_t st_rng_next(st_rng *rng);
/* Uniform in [0, 1) with 24 random bits (exactly representable in float). */
double st_rng_uniform(st_rng *rng);
/* Uniform integer in [0, bound), bound > 0, without modulo bias (Lemire's rejection). */
uint32_t st_rng_below(st_rng *rng, uint32_t bound);
/* Standard normal (Box-Muller, one value per call). */
double st_rng_normal(st_rng *rng);

#endif
