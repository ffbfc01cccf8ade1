/* optimizer_state.c — reading and restoring an optimizer's training state for model
 * files: iterations, Nadam's u_product, and the slots (one float per parameter per slot,
 * per array in the order of st_optimizer_step's arrays; layout in optimizer.c). */
#include <math.h>

#include "../error.h"
#include "optimizer.h"

ST_API double st_optimizer_state_iterations(const st_optimizer *opt) { return opt ? (double)opt->iterations : 0.0; }

ST_API double st_optimizer_state_u_product(const st_optimizer *opt) { return opt ? opt->u_product : NAN; }

ST_API int st_optimizer_state_arrays(const st_optimizer *opt) { return opt && opt->built ? opt->array_count : 0; }

ST_API int st_optimizer_state_slot_count(const st_optimizer *opt) { return opt && opt->built ? opt->slot_count : 0; }

ST_API double st_optimizer_state_floats(const st_optimizer *opt) {
  double floats = 0;
  for (int i = 0; opt && opt->built && i < opt->array_count; i++) floats += (double)opt->sizes[i] * opt->slot_count;
  return floats;
}

/* Element count of array i (0 if not built or out of range). */
ST_API int32_t st_optimizer_state_size(const st_optimizer *opt, int i) {
  return opt && opt->built && i >= 0 && i < opt->array_count ? opt->sizes[i] : 0;
}

/* The slot floats (NULL before the first step or when the kind has no slots). */
ST_API float *st_optimizer_state_slots(st_optimizer *opt) { return opt && opt->built ? opt->slots : NULL; }

/* Give a fresh optimizer (no step taken) a saved state: build the slots for `count` arrays
 * of `sizes` (count 0: stay unbuilt) and set iterations and u_product. The caller then
 * writes the slot values through st_optimizer_state_slots. */
ST_API int st_optimizer_state_restore(st_optimizer *opt, double iterations, double u_product, int count,
                                      const int32_t *sizes) {
  if (!opt) return st_fail(ST_E_ARGUMENT, "optimizer is NULL");
  int status = st_optimizer_check(opt); /* the slot count depends on the hyperparameters */
  if (status != ST_OK) return status;
  if (opt->built || opt->iterations != 0)
    return st_fail(ST_E_STATE, "optimizer state can only be restored into an optimizer that has not stepped");
  if (!(iterations >= 0 && iterations <= 9007199254740992.0) || iterations != floor(iterations))
    return st_fail(ST_E_ARGUMENT, "iterations must be an integer in [0, 2^53], got %g", iterations);
  if (!(u_product >= 0 && u_product <= 1)) return st_fail(ST_E_ARGUMENT, "u_product must be in [0, 1], got %g", u_product);
  if (count < 0 || count > 1024 || (count && !sizes))
    return st_fail(ST_E_ARGUMENT, "optimizer state needs 0 to 1024 arrays, got %d", count);
  if (count == 0 && iterations != 0)
    return st_fail(ST_E_ARGUMENT, "an optimizer without slot arrays has taken no step; iterations must be 0, got %g", iterations);
  for (int i = 0; i < count; i++)
    if (sizes[i] <= 0) return st_fail(ST_E_ARGUMENT, "optimizer array %d must be non-empty, got %d", i, (int)sizes[i]);
  if (count) {
    status = st_optimizer_build_slots(opt, count, sizes);
    if (status != ST_OK) return status;
  }
  opt->iterations = (int64_t)iterations;
  opt->u_product = u_product;
  return ST_OK;
}
