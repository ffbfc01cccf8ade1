/* schedule.h — Keras 3 learning-rate schedules, evaluated in C at the raw iteration count
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), so that fit can change the
 * learning rate between batches without leaving wasm. */
#ifndef ST_SCHEDULE_H
#define ST_SCHEDULE_H

#include <stdint.h>

#include "../vocab.h"

/* Kinds: ST_SCHEDULE_* (vocab.def). Parameters of the old positional form:
 *   exponential_decay, inverse_time_decay   a: decay_steps  b: decay_rate  flag: staircase
 *   piecewise_constant_decay                boundaries[count - 1], values[count]
 *   polynomial_decay   a: decay_steps  b: end_learning_rate  c: power  flag: cycle
 *   cosine_decay       a: decay_steps  b: alpha  c: warmup_target  d: warmup_steps  flag: warmup */

#define ST_SCHEDULE_MAX_PIECES 64

typedef struct st_schedule {
  int kind, flag, count;
  double initial, a, b, c, d;
  double boundaries[ST_SCHEDULE_MAX_PIECES - 1];
  double values[ST_SCHEDULE_MAX_PIECES];
} st_schedule;

/* The learning rate at raw step `step` (0 for the first update). */
double st_schedule_at(const st_schedule *s, int64_t step);

#endif
