/* optimizer.h — optimizer state shared by every kind, and the per-kind contract.
 *
 * Keras 3 pipeline (keras/src/optimizers/base_optimizer.py, apply()): build the slots on
 * the first step; then per step: learning rate = schedule(iterations); clip the gradients
 * (clipnorm per array, global_clipnorm over all, or clipvalue); decoupled weight decay
 * w -= w*wd*lr; the kind's update with t = iterations + 1; iterations += 1.
 * Clipping and decay are folded into the kind's fused kernel (kernels.h), so each array is
 * read and written once; norms for clipping are a separate SIMD reduction.
 * Each kind is one file, src/optim/<kind>.c, defining the st_optimizer_kind_ops named
 * st_optimizer_ops_<SUFFIX> after its ST_VOCAB_OPTIMIZER line (vocab.def; adam.c holds
 * Adam and AdamW, which share their rule). The declarations below and optimizer.c's table
 * of kinds are generated from ST_VOCAB_OPTIMIZER. */
#ifndef ST_OPTIMIZER_H
#define ST_OPTIMIZER_H

#include <stdint.h>

#include "../kernels/kernels.h"
#include "schedule.h"
#include "simdtrain.h"

#define ST_HP_BIT(hp) (1u << (hp))

typedef struct st_optimizer_kind_ops {
  int kernel;                                     /* ST_KUPD_*: the fused update kernel */
  unsigned required;                              /* ST_HP_BIT of each hyperparameter it needs */
  int (*slot_count)(const st_optimizer *opt);     /* slot arrays per parameter array (0..3) */
  double (*slot_initial)(const st_optimizer *opt, int slot);
  /* Fill the kind's per-step constants of args (t = iterations + 1; lr already set). */
  void (*prepare)(st_optimizer *opt, st_update_args *args);
} st_optimizer_kind_ops;

struct st_optimizer {
  const st_optimizer_kind_ops *ops;
  int kind;
  double hyper[ST_HP_COUNT];         /* NaN = not set; hyper[ST_HP_LEARNING_RATE] unused */
  st_schedule schedule;              /* the learning rate ('constant' for a plain one) */
  int64_t iterations;
  double u_product;                  /* Nadam's running product of momentum factors */
  double last_norm, last_clipped_norm;
  /* slots, built on the first step for a fixed list of array sizes */
  int built, array_count, slot_count;
  int32_t *sizes;
  float *slots;
};

#define ST_OPTIMIZER_OPS_DECLARE(P, SUFFIX, code, name) extern const st_optimizer_kind_ops st_optimizer_ops_##SUFFIX;
ST_VOCAB_OPTIMIZER(ST_OPTIMIZER_OPS_DECLARE, ST_OPT_)
#undef ST_OPTIMIZER_OPS_DECLARE

/* Allocate and initialise the slots for `count` arrays of `sizes` (first step, or a
 * restored state: optimizer_state.c). */
int st_optimizer_build_slots(st_optimizer *opt, int count, const int32_t *sizes);

/* ST_OK if the learning rate and every hyperparameter the kind requires are set; else
 * ST_E_STATE naming the first missing one ("adam: beta_1 is not set"). */
int st_optimizer_check(const st_optimizer *opt);

/* Common fields of the update arguments from the hyperparameters. */
void st_optimizer_base_args(const st_optimizer *opt, st_update_args *args);

/* st_optimizer_step that also measures each array: norms (4 doubles per array, or NULL for
 * none) gets Σ w², Σ old², Σ (w − old)² and Σ g² as kernels.h's update_norms defines them
 * (the diagnostics' weight norm, update-to-weight ratio and gradient norm). */
int st_optimizer_step_measured(st_optimizer *opt, int count, float *const *params, const float *const *grads,
                               const int32_t *sizes, double *norms);

#endif
