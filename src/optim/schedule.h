/* schedule.h — Keras 3 learning-rate schedules, evaluated in C at the raw iteration count
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), so that fit can change the
 * learning rate between batches without leaving wasm. */
#ifndef ST_SCHEDULE_H
#define ST_SCHEDULE_H

#include <stdint.h>

enum {
  ST_SCHEDULE_CONSTANT = 0,
  ST_SCHEDULE_EXPONENTIAL_DECAY = 1, /* a: decay_steps  b: decay_rate  flag: staircase */
  ST_SCHEDULE_INVERSE_TIME_DECAY = 2, /* a: decay_steps  b: decay_rate  flag: staircase */
  ST_SCHEDULE_PIECEWISE_CONSTANT = 3, /* boundaries[count - 1], values[count] */
  ST_SCHEDULE_POLYNOMIAL_DECAY = 4,  /* a: decay_steps  b: end_learning_rate  c: power  flag: cycle */
  ST_SCHEDULE_COSINE_DECAY = 5,      /* a: decay_steps  b: alpha  c: warmup_target  d: warmup_steps  flag: warmup */
  ST_SCHEDULE_COUNT
};

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
