/* optimizer.c — creation, hyperparameters, slot storage and the step driver shared by all
 * optimizer kinds (the per-kind math is in sgd.c, ...). */
#include "optimizer.h"

#include <math.h>
#include "../memory.h"
#include <string.h>

#include "../error.h"

static const st_optimizer_kind_ops *const kind_ops[ST_OPT_COUNT] = {
  [ST_OPT_SGD] = &st_sgd_ops,
};

/* Keras defaults per kind (sgd.py: learning_rate=0.01, momentum=0.0, nesterov=False). */
static void set_defaults(st_optimizer *opt, int kind) {
  memset(opt->hyper, 0, sizeof opt->hyper);
  if (kind == ST_OPT_SGD) opt->hyper[ST_HP_LEARNING_RATE] = 0.01;
}

ST_API st_optimizer *st_optimizer_create(int kind) {
  if (kind < 0 || kind >= ST_OPT_COUNT) {
    st_fail(ST_E_ARGUMENT, "optimizer kind must be in [0, %d), got %d", ST_OPT_COUNT, kind);
    return NULL;
  }
  st_optimizer *opt = st_calloc(1, sizeof *opt);
  if (!opt) {
    st_fail(ST_E_NOMEM, "out of memory creating an optimizer");
    return NULL;
  }
  opt->ops = kind_ops[kind];
  set_defaults(opt, kind);
  return opt;
}

ST_API void st_optimizer_free(st_optimizer *opt) {
  if (!opt) return;
  st_mfree(opt->sizes);
  st_mfree(opt->slots);
  st_mfree(opt);
}

static int check_hyperparameter(int hp, double v) {
  if (!isfinite(v)) return st_fail(ST_E_ARGUMENT, "hyperparameter %d must be finite, got %g", hp, v);
  switch (hp) {
    case ST_HP_LEARNING_RATE:
      if (!(v > 0)) return st_fail(ST_E_ARGUMENT, "learningRate must be > 0, got %g", v);
      break;
    case ST_HP_MOMENTUM:
      if (v < 0 || v > 1) return st_fail(ST_E_ARGUMENT, "momentum must be in [0, 1], got %g", v);
      break;
    case ST_HP_NESTEROV:
      if (v != 0 && v != 1) return st_fail(ST_E_ARGUMENT, "nesterov must be 0 or 1, got %g", v);
      break;
    default: return st_fail(ST_E_ARGUMENT, "unknown hyperparameter %d", hp);
  }
  return ST_OK;
}

ST_API int st_optimizer_set(st_optimizer *opt, int hp, double value) {
  if (!opt) return st_fail(ST_E_ARGUMENT, "optimizer is NULL");
  int status = check_hyperparameter(hp, value);
  if (status != ST_OK) return status;
  /* Slots are sized at build time: a change that needs more slots after build is refused. */
  double old = opt->hyper[hp];
  opt->hyper[hp] = value;
  if (opt->built && opt->ops->slots_per_parameter(opt) > opt->slots_per_parameter) {
    opt->hyper[hp] = old;
    return st_fail(ST_E_STATE, "hyperparameter %d cannot enable new optimizer slots after the first step", hp);
  }
  return ST_OK;
}

ST_API double st_optimizer_get(const st_optimizer *opt, int hp) {
  return opt && hp >= 0 && hp < ST_HP_COUNT ? opt->hyper[hp] : NAN;
}

ST_API double st_optimizer_iterations(const st_optimizer *opt) { return opt ? (double)opt->iterations : 0.0; }

static int build_slots(st_optimizer *opt, int count, const int32_t *sizes) {
  size_t total = 0;
  for (int i = 0; i < count; i++) total += (size_t)sizes[i];
  int per = opt->ops->slots_per_parameter(opt);
  opt->sizes = st_malloc((size_t)count * sizeof *opt->sizes);
  opt->slots = per ? st_calloc(total * (size_t)per, sizeof *opt->slots) : NULL;
  if (!opt->sizes || (per && !opt->slots)) {
    st_mfree(opt->sizes);
    st_mfree(opt->slots);
    opt->sizes = NULL;
    opt->slots = NULL;
    return st_fail(ST_E_NOMEM, "out of memory for optimizer slots (%zu parameters)", total);
  }
  memcpy(opt->sizes, sizes, (size_t)count * sizeof *sizes);
  opt->array_count = count;
  opt->slots_per_parameter = per;
  opt->built = 1;
  return ST_OK;
}

static int check_arrays(const st_optimizer *opt, int count, float *const *params,
                        const float *const *grads, const int32_t *sizes) {
  if (count <= 0 || !params || !grads || !sizes)
    return st_fail(ST_E_ARGUMENT, "optimizer step needs at least one params/grads array, got %d", count);
  for (int i = 0; i < count; i++) {
    if (!params[i] || !grads[i] || sizes[i] <= 0)
      return st_fail(ST_E_ARGUMENT, "params[%d]/grads[%d] must be non-empty arrays", i, i);
  }
  if (!opt->built) return ST_OK;
  if (count != opt->array_count)
    return st_fail(ST_E_ARGUMENT, "optimizer was built for %d arrays, got %d", opt->array_count, count);
  for (int i = 0; i < count; i++) {
    if (sizes[i] != opt->sizes[i])
      return st_fail(ST_E_ARGUMENT, "optimizer was built with params[%d] of length %d, got %d", i,
                     (int)opt->sizes[i], (int)sizes[i]);
  }
  return ST_OK;
}

ST_API int st_optimizer_step(st_optimizer *opt, int count, float *const *params,
                             const float *const *grads, const int32_t *sizes) {
  if (!opt) return st_fail(ST_E_ARGUMENT, "optimizer is NULL");
  int status = check_arrays(opt, count, params, grads, sizes);
  if (status == ST_OK && !opt->built) status = build_slots(opt, count, sizes);
  if (status != ST_OK) return status;

  const st_kernels *k = st_kernels_active();
  double lr = opt->hyper[ST_HP_LEARNING_RATE];
  float *slots = opt->slots;
  for (int i = 0; i < count; i++) {
    opt->ops->update(opt, k, params[i], grads[i], slots, (size_t)sizes[i], lr);
    if (slots) slots += (size_t)sizes[i] * (size_t)opt->slots_per_parameter;
  }
  opt->iterations++;
  return ST_OK;
}
