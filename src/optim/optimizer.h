/* optimizer.h — optimizer state shared by every kind, and the per-kind contract.
 *
 * Keras 3 pipeline (keras/src/optimizers/base_optimizer.py, apply()): build slots on the
 * first step, then per step: update each array with t = iterations + 1, then
 * iterations += 1. Each kind (sgd.c, ...) is one file filling an st_optimizer_kind_ops:
 * how many slot floats it keeps per parameter, and its fused update over one array. */
#ifndef ST_OPTIMIZER_H
#define ST_OPTIMIZER_H

#include <stdint.h>

#include "../kernels/kernels.h"
#include "simdtrain.h"

typedef struct st_optimizer_kind_ops {
  const char *name;
  /* Slot floats per parameter for the current hyperparameters (e.g. 1 for momentum). */
  int (*slots_per_parameter)(const st_optimizer *opt);
  /* One fused update of n parameters; slots points to slots_per_parameter × n floats laid
   * out as consecutive arrays of n. */
  void (*update)(const st_optimizer *opt, const st_kernels *k, float *w, const float *g,
                 float *slots, size_t n, double learning_rate);
} st_optimizer_kind_ops;

struct st_optimizer {
  const st_optimizer_kind_ops *ops;
  double hyper[ST_HP_COUNT];
  int64_t iterations;
  /* slots, built on the first step for a fixed list of array sizes */
  int built, array_count, slots_per_parameter;
  int32_t *sizes;
  float *slots;
};

extern const st_optimizer_kind_ops st_sgd_ops;

#endif
