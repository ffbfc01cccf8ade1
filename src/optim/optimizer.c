/* optimizer.c — creation, hyperparameter checks, schedules, slot storage and the step
 * driver shared by all optimizer kinds (the per-kind math is in sgd.c, adam.c, ...).
 * C holds no defaults: every hyperparameter starts unset (NaN) and a step refuses while one
 * the kind requires is unset; clip options and weight decay are optional (unset = off). The
 * learning rate lives only in the optimizer's schedule (a plain rate is 'constant'). */
#include "optimizer.h"

#include <math.h>
#include <string.h>

#include "../error.h"
#include "../memory.h"

/* Every optimizer kind's ops, indexed by its ST_OPT_* code (generated from vocab.def). */
#define ST_OPTIMIZER_OPS_ENTRY(P, SUFFIX, code, name) [P##SUFFIX] = &st_optimizer_ops_##SUFFIX,
static const st_optimizer_kind_ops *const kind_ops[ST_OPT_COUNT] = {ST_VOCAB_OPTIMIZER(ST_OPTIMIZER_OPS_ENTRY, ST_OPT_)};
#undef ST_OPTIMIZER_OPS_ENTRY

static const char *hp_name(int hp) { return st_vocab_lookup(ST_FAMILY_HYPERPARAMETER, hp); }

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
  opt->kind = kind;
  for (int hp = 0; hp < ST_HP_COUNT; hp++) opt->hyper[hp] = NAN; /* C holds no defaults */
  st_schedule_init(&opt->schedule, ST_SCHEDULE_CONSTANT);
  opt->u_product = 1.0;
  opt->last_norm = opt->last_clipped_norm = NAN;
  return opt;
}

ST_API void st_optimizer_free(st_optimizer *opt) {
  if (!opt) return;
  st_mfree(opt->sizes);
  st_mfree(opt->slots);
  st_mfree(opt);
}

static int is_flag(int hp) { return hp == ST_HP_NESTEROV || hp == ST_HP_CENTERED || hp == ST_HP_AMSGRAD; }

static int check_hyperparameter(const st_optimizer *opt, int hp, double v) {
  if (hp < 0 || hp >= ST_HP_COUNT) return st_fail(ST_E_ARGUMENT, "unknown hyperparameter %d", hp);
  const char *name = hp_name(hp);
  if (!isfinite(v)) return st_fail(ST_E_ARGUMENT, "%s must be finite, got %g", name, v);
  if (is_flag(hp) && v != 0 && v != 1) return st_fail(ST_E_ARGUMENT, "%s must be 0 or 1, got %g", name, v);
  switch (hp) {
    case ST_HP_LEARNING_RATE:
      if (!(v > 0)) return st_fail(ST_E_ARGUMENT, "learning_rate must be > 0, got %g", v);
      break;
    case ST_HP_MOMENTUM:
      if (v < 0 || v > 1) return st_fail(ST_E_ARGUMENT, "momentum must be in [0, 1], got %g", v);
      break;
    case ST_HP_BETA1: case ST_HP_BETA2: case ST_HP_RHO:
      if (v < 0 || v >= 1) return st_fail(ST_E_ARGUMENT, "%s must be in [0, 1), got %g", name, v);
      break;
    default:
      if (v < 0) return st_fail(ST_E_ARGUMENT, "%s must be >= 0, got %g", name, v);
  }
  /* Keras: at most one of clipnorm, clipvalue, global_clipnorm. */
  if (v > 0 && (hp == ST_HP_CLIP_VALUE || hp == ST_HP_CLIP_NORM || hp == ST_HP_GLOBAL_CLIP_NORM)) {
    for (int other = ST_HP_CLIP_VALUE; other <= ST_HP_GLOBAL_CLIP_NORM; other++)
      if (other != hp && opt->hyper[other] > 0)
        return st_fail(ST_E_ARGUMENT, "only one of clipvalue, clipnorm, global_clipnorm may be set; %s is already %g",
                       hp_name(other), opt->hyper[other]);
  }
  return ST_OK;
}

ST_API int st_optimizer_set(st_optimizer *opt, int hp, double value) {
  if (!opt) return st_fail(ST_E_ARGUMENT, "optimizer is NULL");
  int status = check_hyperparameter(opt, hp, value);
  if (status != ST_OK) return status;
  if (hp == ST_HP_LEARNING_RATE) { /* the constant schedule holds it: one stored value */
    st_schedule_init(&opt->schedule, ST_SCHEDULE_CONSTANT);
    opt->schedule.parameter[ST_SP_INITIAL_LEARNING_RATE] = value;
    return ST_OK;
  }
  double old = opt->hyper[hp];
  opt->hyper[hp] = value;
  if (opt->built && opt->ops->slot_count(opt) != opt->slot_count) {
    opt->hyper[hp] = old;
    return st_fail(ST_E_STATE, "%s cannot change the optimizer's slots after its first step", hp_name(hp));
  }
  return ST_OK;
}

ST_API double st_optimizer_iterations(const st_optimizer *opt) { return opt ? (double)opt->iterations : 0.0; }

ST_API int st_optimizer_use_schedule(st_optimizer *opt, const st_schedule *s) {
  if (!opt || !s) return st_fail(ST_E_ARGUMENT, "optimizer or schedule is NULL");
  int status = st_schedule_check(s);
  if (status != ST_OK) return status;
  opt->schedule = *s;
  return ST_OK;
}

ST_API double st_optimizer_schedule_value(const st_optimizer *opt, double step) {
  return opt && step >= 0 ? st_schedule_at(&opt->schedule, step) : NAN;
}

ST_API double st_optimizer_current_learning_rate(const st_optimizer *opt) {
  return opt ? st_schedule_at(&opt->schedule, (double)opt->iterations) : NAN;
}

int st_optimizer_check(const st_optimizer *opt) {
  const char *kind = st_vocab_lookup(ST_FAMILY_OPTIMIZER, opt->kind);
  if (opt->schedule.kind == ST_SCHEDULE_CONSTANT && isnan(opt->schedule.parameter[ST_SP_INITIAL_LEARNING_RATE]))
    return st_fail(ST_E_STATE, "%s: learning_rate is not set", kind);
  int status = st_schedule_check(&opt->schedule);
  if (status != ST_OK) return status;
  for (int hp = 0; hp < ST_HP_COUNT; hp++)
    if ((opt->ops->required & ST_HP_BIT(hp)) && isnan(opt->hyper[hp]))
      return st_fail(ST_E_STATE, "%s: %s is not set", kind, hp_name(hp));
  return ST_OK;
}

ST_API double st_optimizer_norm_before_clip(const st_optimizer *opt) { return opt ? opt->last_norm : NAN; }

ST_API double st_optimizer_norm_after_clip(const st_optimizer *opt) { return opt ? opt->last_clipped_norm : NAN; }

void st_optimizer_base_args(const st_optimizer *opt, st_update_args *a) {
  double h[ST_HP_COUNT]; /* unset (NaN) is off for the optional ones, unused for the rest */
  for (int hp = 0; hp < ST_HP_COUNT; hp++) h[hp] = isnan(opt->hyper[hp]) ? 0.0 : opt->hyper[hp];
  memset(a, 0, sizeof *a);
  a->lr = (float)st_schedule_at(&opt->schedule, (double)opt->iterations);
  a->grad_scale = 1.0f;
  a->clip_value = h[ST_HP_CLIP_VALUE] > 0 ? (float)h[ST_HP_CLIP_VALUE] : INFINITY;
  a->weight_decay = (float)h[ST_HP_WEIGHT_DECAY];
  a->momentum = (float)h[ST_HP_MOMENTUM];
  a->beta1 = (float)h[ST_HP_BETA1];
  a->beta2 = (float)h[ST_HP_BETA2];
  a->one_minus_beta1 = (float)(1.0 - h[ST_HP_BETA1]);
  a->one_minus_beta2 = (float)(1.0 - h[ST_HP_BETA2]);
  a->rho = (float)h[ST_HP_RHO];
  a->one_minus_rho = (float)(1.0 - h[ST_HP_RHO]);
  a->epsilon = (float)h[ST_HP_EPSILON];
  a->nesterov = h[ST_HP_NESTEROV] != 0;
  a->amsgrad = h[ST_HP_AMSGRAD] != 0;
  a->centered = h[ST_HP_CENTERED] != 0;
}

int st_optimizer_build_slots(st_optimizer *opt, int count, const int32_t *sizes) {
  size_t total = 0, slot_bytes = 0;
  int slots = opt->ops->slot_count(opt);
  for (int i = 0; i < count; i++)
    if (st_add_size(total, (size_t)sizes[i], &total) != ST_OK) total = SIZE_MAX;
  if (st_mul_size(total, (size_t)slots * sizeof *opt->slots, &slot_bytes) != ST_OK || slot_bytes > ST_MAX_BYTES)
    return st_fail(ST_E_NOMEM, "%s: %d slot(s) for %.0f parameters need %.1e bytes, over the 2 GiB limit",
                   st_vocab_lookup(ST_FAMILY_OPTIMIZER, opt->kind), slots, (double)total, (double)total * slots * 4.0);
  opt->sizes = st_malloc((size_t)count * sizeof *opt->sizes);
  opt->slots = slots ? st_malloc(slot_bytes) : NULL;
  if (!opt->sizes || (slots && !opt->slots)) {
    st_mfree(opt->sizes);
    st_mfree(opt->slots);
    opt->sizes = NULL;
    opt->slots = NULL;
    return st_fail(ST_E_NOMEM, "out of memory for optimizer slots (%zu parameters)", total);
  }
  memcpy(opt->sizes, sizes, (size_t)count * sizeof *sizes);
  /* Per array, slot k occupies n consecutive floats after slots 0..k-1 of that array. */
  float *p = opt->slots;
  for (int i = 0; i < count; i++) {
    for (int k = 0; k < slots; k++) {
      float init = (float)opt->ops->slot_initial(opt, k);
      for (int32_t j = 0; j < sizes[i]; j++) p[j] = init;
      p += sizes[i];
    }
  }
  opt->array_count = count;
  opt->slot_count = slots;
  opt->built = 1;
  return ST_OK;
}

static int check_arrays(const st_optimizer *opt, int count, float *const *params, const float *const *grads,
                        const int32_t *sizes) {
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

#define ST_MAX_CLIP_ARRAYS 1024

/* Clip-by-norm factors per array (Keras: g * c / max(||g||, c) per array; global: every g
 * times c * min(1/N, 1/c)), and the norms before and after, for diagnostics. */
static void clip_scales(st_optimizer *opt, const st_kernels *k, int count, const float *const *grads,
                        const int32_t *sizes, float *scales) {
  double clip_norm = opt->hyper[ST_HP_CLIP_NORM], global = opt->hyper[ST_HP_GLOBAL_CLIP_NORM];
  double total = 0.0, clipped_total = 0.0;
  if (!(clip_norm > 0) && !(global > 0)) { /* no norm needed: skip the extra read pass */
    for (int i = 0; i < count; i++) scales[i] = 1.0f;
    opt->last_norm = opt->last_clipped_norm = NAN;
    return;
  }
  for (int i = 0; i < count; i++) {
    double sq = k->sum_squares(grads[i], (size_t)sizes[i]);
    total += sq;
    scales[i] = 1.0f;
    if (clip_norm > 0) {
      double norm = sqrt(sq);
      scales[i] = (float)(clip_norm / fmax(norm, clip_norm));
      clipped_total += sq * (double)scales[i] * scales[i];
    }
  }
  opt->last_norm = sqrt(total);
  opt->last_clipped_norm = clip_norm > 0 ? sqrt(clipped_total) : opt->last_norm;
  if (global > 0) {
    double n = sqrt(total);
    float s = (float)(global * fmin(1.0 / n, 1.0 / global) + (n - n));
    for (int i = 0; i < count; i++) scales[i] = s;
    opt->last_clipped_norm = n * s;
  }
}

/* The update of one array in blocks of MEASURE_BLOCK floats: each block is copied to the stack
 * first, so update_norms compares old and new while both are still in L1 (a full copy of the
 * weights would be one more trip through the cache per step). Element-wise rules give the
 * same result in blocks as in one call. */
enum { MEASURE_BLOCK = 256 };

static void update_measured(const st_kernels *k, st_update_kernel update, float *w, const float *g,
                            float *s0, float *s1, float *s2, size_t n, const st_update_args *args,
                            double *norms) {
  float before[MEASURE_BLOCK];
  norms[0] = norms[1] = norms[2] = norms[3] = 0.0;
  for (size_t at = 0; at < n; at += MEASURE_BLOCK) {
    const size_t len = n - at < MEASURE_BLOCK ? n - at : MEASURE_BLOCK;
    memcpy(before, w + at, len * sizeof(float));
    update(w + at, g + at, s0 ? s0 + at : NULL, s1 ? s1 + at : NULL, s2 ? s2 + at : NULL, len, args);
    double sums[4];
    k->update_norms(w + at, before, g + at, len, sums);
    for (int j = 0; j < 4; j++) norms[j] += sums[j];
  }
}

int st_optimizer_step_measured(st_optimizer *opt, int count, float *const *params, const float *const *grads,
                               const int32_t *sizes, double *norms) {
  if (!opt) return st_fail(ST_E_ARGUMENT, "optimizer is NULL");
  int status = st_optimizer_check(opt);
  if (status == ST_OK) status = check_arrays(opt, count, params, grads, sizes);
  if (status == ST_OK && count > ST_MAX_CLIP_ARRAYS)
    status = st_fail(ST_E_ARGUMENT, "at most %d arrays per step, got %d", ST_MAX_CLIP_ARRAYS, count);
  if (status == ST_OK && !opt->built) status = st_optimizer_build_slots(opt, count, sizes);
  if (status != ST_OK) return status;

  const st_kernels *k = st_kernels_active();
  st_update_args args;
  st_optimizer_base_args(opt, &args);
  opt->ops->prepare(opt, &args);
  float scales[ST_MAX_CLIP_ARRAYS];
  clip_scales(opt, k, count, grads, sizes, scales);
  st_update_kernel update = k->update[opt->ops->kernel];
  float *slots = opt->slots;
  for (int i = 0; i < count; i++) {
    size_t n = (size_t)sizes[i];
    args.grad_scale = scales[i];
    float *s0 = opt->slot_count > 0 ? slots : NULL;
    float *s1 = opt->slot_count > 1 ? slots + n : NULL;
    float *s2 = opt->slot_count > 2 ? slots + 2 * n : NULL;
    if (norms) update_measured(k, update, params[i], grads[i], s0, s1, s2, n, &args, norms + 4 * i);
    else update(params[i], grads[i], s0, s1, s2, n, &args);
    if (slots) slots += n * (size_t)opt->slot_count;
  }
  opt->iterations++;
  return ST_OK;
}

ST_API int st_optimizer_step(st_optimizer *opt, int count, float *const *params, const float *const *grads,
                             const int32_t *sizes) {
  return st_optimizer_step_measured(opt, count, params, grads, sizes, NULL);
}
