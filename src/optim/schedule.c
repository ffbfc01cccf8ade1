/* schedule.c — the five Keras 3 schedules (formulas as in learning_rate_schedule.py):
 *   exponentialDecay   lr0 * rate^(step / steps)          (floor of the ratio if staircase)
 *   inverseTimeDecay   lr0 / (1 + rate * step / steps)     (floor of the ratio if staircase)
 *   piecewiseConstant  values[0] for step <= b[0], values[i] for b[i-1] < step <= b[i], values[-1] after
 *   polynomialDecay    (lr0 - end) * (1 - step / steps)^power + end, step capped at steps,
 *                      or with cycle the steps stretched to the next multiple above step
 *   cosineDecay        lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * step / steps)) + alpha), capped;
 *                      with a warmup target, a linear ramp from lr0 to the target over
 *                      warmup_steps first, then the cosine decay from the target.
 * Keras evaluates in float32; this evaluates in double (differences ~1e-7 relative). */
#include "schedule.h"

#include <math.h>

#define ST_PI 3.14159265358979323846

static double cosine(double step, double steps, double from, double alpha) {
  double decayed = (1.0 - alpha) * 0.5 * (1.0 + cos(ST_PI * (step / steps))) + alpha;
  return from * decayed;
}

double st_schedule_at(const st_schedule *s, int64_t raw_step) {
  double step = (double)raw_step, p;
  switch (s->kind) {
    case ST_SCHEDULE_EXPONENTIAL_DECAY:
      p = step / s->a;
      return s->initial * pow(s->b, s->flag ? floor(p) : p);
    case ST_SCHEDULE_INVERSE_TIME_DECAY:
      p = step / s->a;
      return s->initial / (1.0 + s->b * (s->flag ? floor(p) : p));
    case ST_SCHEDULE_PIECEWISE_CONSTANT:
      for (int i = 0; i < s->count - 1; i++)
        if (step <= s->boundaries[i]) return s->values[i];
      return s->values[s->count - 1];
    case ST_SCHEDULE_POLYNOMIAL_DECAY: {
      double steps = s->a;
      if (s->flag) steps *= step == 0.0 ? 1.0 : ceil(step / s->a);
      else step = fmin(step, steps);
      return (s->initial - s->b) * pow(1.0 - step / steps, s->c) + s->b;
    }
    case ST_SCHEDULE_COSINE_DECAY:
      if (!s->flag) return cosine(fmin(step, s->a), s->a, s->initial, s->b);
      step = fmin(step, s->a + s->d);
      if (step < s->d) return (s->c - s->initial) * (step / s->d) + s->initial;
      return cosine(step - s->d, s->a, s->c, s->b);
    default: return s->initial;
  }
}
