/* rng.c — PCG32 XSH-RR (O'Neill, "PCG: A Family of Simple Fast Space-Efficient
 * Statistically Good Algorithms for Random Number Generation", 2014). */
#include "rng.h"

#include <math.h>

void st_rng_seed(st_rng *rng, uint64_t seed, uint64_t stream) {
  rng->state = 0u;
  rng->inc = (stream << 1u) | 1u;
  st_rng_next(rng);
  rng->state += seed;
  st_rng_next(rng);
}

uint32_t st_rng_next(st_rng *rng) {
  uint64_t old = rng->state;
  rng->state = old * 6364136223846793005ULL + rng->inc;
  uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
  uint32_t rot = (uint32_t)(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

double st_rng_uniform(st_rng *rng) { return (double)(st_rng_next(rng) >> 8) * (1.0 / 16777216.0); }

uint32_t st_rng_below(st_rng *rng, uint32_t bound) {
  uint32_t threshold = (uint32_t)(-bound) % bound;
  for (;;) {
    uint32_t r = st_rng_next(rng);
    if (r >= threshold) return r % bound;
  }
}

double st_rng_normal(st_rng *rng) {
  /* 1 - u is in (0, 1], so the log is finite. */
  double u1 = 1.0 - st_rng_uniform(rng);
  double u2 = st_rng_uniform(rng);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
