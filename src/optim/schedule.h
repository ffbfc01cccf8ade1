/* schedule.h — Keras 3 learning-rate schedules as standalone C objects
 * (keras/src/optimizers/schedules/learning_rate_schedule.py): a kind (ST_SCHEDULE_*), its
 * parameters by 'schedule_parameter' vocabulary code (NaN = not set) and, for
 * piecewise_constant_decay, its boundaries and values. An optimizer holds a copy; a plain
 * learning rate is the 'constant' schedule, so the learning rate is stored in one place. */
#ifndef ST_SCHEDULE_H
#define ST_SCHEDULE_H

#include "../vocab.h"

#define ST_SCHEDULE_MAX_PIECES 64

struct st_schedule {
  int kind;
  double parameter[ST_SP_COUNT];
  int count; /* piecewise: values[count], boundaries[count - 1]; 0 = not set */
  double boundaries[ST_SCHEDULE_MAX_PIECES - 1];
  double values[ST_SCHEDULE_MAX_PIECES];
};
typedef struct st_schedule st_schedule;

/* A schedule of `kind` with no parameter set. */
void st_schedule_init(st_schedule *s, int kind);
/* ST_OK if every parameter the kind needs is set; else ST_E_STATE with a message naming the
 * first one missing ("exponential_decay: decay_rate is not set"). */
int st_schedule_check(const st_schedule *s);
/* The learning rate at step `step` (0 for the first update). Requires st_schedule_check. */
double st_schedule_at(const st_schedule *s, double step);

#endif
