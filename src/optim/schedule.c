/* schedule.c — the Keras 3 learning-rate schedules (formulas as in learning_rate_schedule.py),
 * evaluated in C so fit changes the learning rate between batches without leaving wasm and
 * the JS side never recomputes them:
 *   constant           initial_learning_rate
 *   exponential_decay  lr0 * rate^(step / steps)          (floor of the ratio if staircase)
 *   inverse_time_decay lr0 / (1 + rate * step / steps)     (floor of the ratio if staircase)
 *   piecewise_constant_decay  values[0] for step <= b[0], values[i] for b[i-1] < step <= b[i],
 *                      values[-1] after
 *   polynomial_decay   (lr0 - end) * (1 - step / steps)^power + end, step capped at steps,
 *                      or with cycle the steps stretched to the next multiple above step
 *   cosine_decay       lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * step / steps)) + alpha), capped;
 *                      with a warmup_target, a linear ramp from lr0 to the target over
 *                      warmup_steps first, then the cosine decay from the target.
 * Keras evaluates in float32; this evaluates in double (differences ~1e-7 relative).
 * C holds no defaults: every parameter a kind uses must be set (warmup is optional). */
#include "schedule.h"

#include <math.h>
#include <string.h>

#include "../error.h"
#include "../memory.h"
#include "simdtrain.h"

#define ST_PI 3.14159265358979323846

static const char *kind_name(int kind) { return st_vocab_lookup(ST_FAMILY_SCHEDULE, kind); }
static const char *parameter_name(int p) { return st_vocab_lookup(ST_FAMILY_SCHEDULE_PARAMETER, p); }

void st_schedule_init(st_schedule *s, int kind) {
  memset(s, 0, sizeof *s);
  s->kind = kind;
  for (int p = 0; p < ST_SP_COUNT; p++) s->parameter[p] = NAN;
}

/* Parameters each kind needs, in the order their absence is reported. */
static int required(int kind, int *list) {
  int n = 0;
  if (kind != ST_SCHEDULE_PIECEWISE_CONSTANT) list[n++] = ST_SP_INITIAL_LEARNING_RATE;
  switch (kind) {
    case ST_SCHEDULE_EXPONENTIAL_DECAY:
    case ST_SCHEDULE_INVERSE_TIME_DECAY:
      list[n++] = ST_SP_DECAY_STEPS, list[n++] = ST_SP_DECAY_RATE, list[n++] = ST_SP_STAIRCASE;
      break;
    case ST_SCHEDULE_POLYNOMIAL_DECAY:
      list[n++] = ST_SP_DECAY_STEPS, list[n++] = ST_SP_END_LEARNING_RATE, list[n++] = ST_SP_POWER, list[n++] = ST_SP_CYCLE;
      break;
    case ST_SCHEDULE_COSINE_DECAY: list[n++] = ST_SP_DECAY_STEPS, list[n++] = ST_SP_ALPHA; break;
    default: break;
  }
  return n;
}

int st_schedule_check(const st_schedule *s) {
  int list[ST_SP_COUNT];
  const int n = required(s->kind, list);
  for (int i = 0; i < n; i++)
    if (isnan(s->parameter[list[i]]))
      return st_fail(ST_E_STATE, "%s: %s is not set", kind_name(s->kind), parameter_name(list[i]));
  if (s->kind == ST_SCHEDULE_PIECEWISE_CONSTANT && s->count == 0)
    return st_fail(ST_E_STATE, "%s: boundaries and values are not set", kind_name(s->kind));
  if (s->kind == ST_SCHEDULE_COSINE_DECAY && !isnan(s->parameter[ST_SP_WARMUP_TARGET]) && isnan(s->parameter[ST_SP_WARMUP_STEPS]))
    return st_fail(ST_E_STATE, "%s: warmup_target is set but warmup_steps is not", kind_name(s->kind));
  return ST_OK;
}

static double cosine(double step, double steps, double from, double alpha) {
  double decayed = (1.0 - alpha) * 0.5 * (1.0 + cos(ST_PI * (step / steps))) + alpha;
  return from * decayed;
}

double st_schedule_at(const st_schedule *s, double step) {
  const double *q = s->parameter;
  const double initial = q[ST_SP_INITIAL_LEARNING_RATE], steps = q[ST_SP_DECAY_STEPS];
  double p;
  switch (s->kind) {
    case ST_SCHEDULE_EXPONENTIAL_DECAY:
      p = step / steps;
      return initial * pow(q[ST_SP_DECAY_RATE], q[ST_SP_STAIRCASE] != 0 ? floor(p) : p);
    case ST_SCHEDULE_INVERSE_TIME_DECAY:
      p = step / steps;
      return initial / (1.0 + q[ST_SP_DECAY_RATE] * (q[ST_SP_STAIRCASE] != 0 ? floor(p) : p));
    case ST_SCHEDULE_PIECEWISE_CONSTANT:
      for (int i = 0; i < s->count - 1; i++)
        if (step <= s->boundaries[i]) return s->values[i];
      return s->values[s->count - 1];
    case ST_SCHEDULE_POLYNOMIAL_DECAY: {
      double span = steps;
      if (q[ST_SP_CYCLE] != 0) span *= step == 0.0 ? 1.0 : ceil(step / steps);
      else step = fmin(step, span);
      const double end = q[ST_SP_END_LEARNING_RATE];
      return (initial - end) * pow(1.0 - step / span, q[ST_SP_POWER]) + end;
    }
    case ST_SCHEDULE_COSINE_DECAY: {
      const double alpha = q[ST_SP_ALPHA], target = q[ST_SP_WARMUP_TARGET], warmup = q[ST_SP_WARMUP_STEPS];
      if (isnan(target)) return cosine(fmin(step, steps), steps, initial, alpha);
      step = fmin(step, steps + warmup);
      if (step < warmup) return (target - initial) * (step / warmup) + initial;
      return cosine(step - warmup, steps, target, alpha);
    }
    default: return initial;
  }
}

/* ---- exports ---- */

ST_API st_schedule *st_schedule_create(int kind) {
  if (kind < 0 || kind >= ST_SCHEDULE_COUNT) {
    st_fail(ST_E_ARGUMENT, "schedule kind must be in [0, %d), got %d", ST_SCHEDULE_COUNT, kind);
    return NULL;
  }
  st_schedule *s = st_malloc(sizeof *s);
  if (!s) {
    st_fail(ST_E_NOMEM, "out of memory creating a schedule");
    return NULL;
  }
  st_schedule_init(s, kind);
  return s;
}

ST_API void st_schedule_free(st_schedule *s) { st_mfree(s); }

static int is_flag(int p) { return p == ST_SP_STAIRCASE || p == ST_SP_CYCLE; }

ST_API int st_schedule_set(st_schedule *s, int parameter, double value) {
  if (!s) return st_fail(ST_E_ARGUMENT, "schedule is NULL");
  if (parameter < 0 || parameter >= ST_SP_COUNT)
    return st_fail(ST_E_ARGUMENT, "schedule parameter must be in [0, %d), got %d", ST_SP_COUNT, parameter);
  const char *name = parameter_name(parameter), *kind = kind_name(s->kind);
  if (!isfinite(value)) return st_fail(ST_E_ARGUMENT, "%s: %s must be finite, got %g", kind, name, value);
  if (is_flag(parameter) && value != 0 && value != 1)
    return st_fail(ST_E_ARGUMENT, "%s: %s must be 0 or 1, got %g", kind, name, value);
  if (parameter == ST_SP_DECAY_STEPS && !(value > 0))
    return st_fail(ST_E_ARGUMENT, "%s: decay_steps must be > 0, got %g", kind, value);
  if (parameter == ST_SP_WARMUP_STEPS && value < 0)
    return st_fail(ST_E_ARGUMENT, "%s: warmup_steps must be >= 0, got %g", kind, value);
  s->parameter[parameter] = value;
  return ST_OK;
}

ST_API int st_schedule_set_pieces(st_schedule *s, int count, const double *boundaries, const double *values) {
  if (!s) return st_fail(ST_E_ARGUMENT, "schedule is NULL");
  if (count < 1 || count > ST_SCHEDULE_MAX_PIECES || !values || (count > 1 && !boundaries))
    return st_fail(ST_E_ARGUMENT, "%s needs 1 to %d values and one boundary fewer, got %d values", kind_name(s->kind),
                   ST_SCHEDULE_MAX_PIECES, count);
  for (int i = 0; i < count; i++)
    if (!isfinite(values[i]) || (i < count - 1 && !isfinite(boundaries[i])))
      return st_fail(ST_E_ARGUMENT, "%s: value %d or boundary %d is not finite", kind_name(s->kind), i, i);
  s->count = count;
  memcpy(s->values, values, (size_t)count * sizeof *values);
  if (count > 1) memcpy(s->boundaries, boundaries, (size_t)(count - 1) * sizeof *boundaries);
  return ST_OK;
}

ST_API double st_schedule_value(const st_schedule *s, double step) {
  if (!s || !(step >= 0) || st_schedule_check(s) != ST_OK) return NAN;
  return st_schedule_at(s, step);
}
