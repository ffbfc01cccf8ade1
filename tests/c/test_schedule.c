/* test_schedule.c — learning-rate schedules as C objects (optim/schedule.c): each Keras 3
 * schedule's value against its formula from learning_rate_schedule.py; an optimizer using a
 * schedule gives the schedule's rates (and keeps its own copy); unset parameters and hyperparameters are named ("adam: beta_1 is not set");
 * a plain learning rate is the constant schedule. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "simdtrain.h"

static st_schedule *make(int kind, const int *parameters, const double *values, int n) {
  st_schedule *s = st_schedule_create(kind);
  for (int i = 0; i < n; i++) CHECK(st_schedule_set(s, parameters[i], values[i]) == ST_OK, "%s", st_error_message());
  return s;
}

static void test_formulas(void) {
  const int exp_p[] = {ST_SP_INITIAL_LEARNING_RATE, ST_SP_DECAY_STEPS, ST_SP_DECAY_RATE, ST_SP_STAIRCASE};
  const double exp_v[] = {0.1, 10, 0.5, 0};
  st_schedule *s = make(ST_SCHEDULE_EXPONENTIAL_DECAY, exp_p, exp_v, 4);
  CHECK(st_schedule_value(s, 15) == 0.1 * pow(0.5, 1.5), "exponential_decay at 15: %g", st_schedule_value(s, 15));
  st_schedule_set(s, ST_SP_STAIRCASE, 1);
  CHECK(st_schedule_value(s, 15) == 0.05, "staircase at 15: %g", st_schedule_value(s, 15));
  st_schedule_free(s);

  s = make(ST_SCHEDULE_INVERSE_TIME_DECAY, exp_p, exp_v, 4);
  CHECK(st_schedule_value(s, 20) == 0.1 / (1.0 + 0.5 * 2.0), "inverse_time_decay at 20: %g", st_schedule_value(s, 20));
  st_schedule_free(s);

  const int poly_p[] = {ST_SP_INITIAL_LEARNING_RATE, ST_SP_DECAY_STEPS, ST_SP_END_LEARNING_RATE, ST_SP_POWER, ST_SP_CYCLE};
  const double poly_v[] = {0.1, 10, 0.01, 2, 0};
  s = make(ST_SCHEDULE_POLYNOMIAL_DECAY, poly_p, poly_v, 5);
  CHECK(st_schedule_value(s, 5) == (0.1 - 0.01) * pow(0.5, 2) + 0.01, "polynomial_decay at 5");
  CHECK(st_schedule_value(s, 50) == 0.01, "polynomial_decay past the end: %g", st_schedule_value(s, 50));
  st_schedule_free(s);

  const int cos_p[] = {ST_SP_INITIAL_LEARNING_RATE, ST_SP_DECAY_STEPS, ST_SP_ALPHA};
  const double cos_v[] = {0.1, 100, 0.0};
  s = make(ST_SCHEDULE_COSINE_DECAY, cos_p, cos_v, 3);
  CHECK(close_enough(st_schedule_value(s, 50), 0.05, 1e-12, 0), "cosine_decay half way: %g", st_schedule_value(s, 50));
  st_schedule_set(s, ST_SP_WARMUP_TARGET, 1.0);
  CHECK(isnan(st_schedule_value(s, 0)) && strstr(st_error_message(), "warmup_steps"), "warmup_steps unset: %s", st_error_message());
  st_schedule_set(s, ST_SP_WARMUP_STEPS, 10);
  CHECK(close_enough(st_schedule_value(s, 5), 0.55, 1e-12, 0), "warmup half way: %g", st_schedule_value(s, 5));
  st_schedule_free(s);

  const double boundaries[] = {10, 20}, values[] = {1, 0.5, 0.1};
  s = st_schedule_create(ST_SCHEDULE_PIECEWISE_CONSTANT);
  CHECK(isnan(st_schedule_value(s, 0)), "piecewise without pieces has a value");
  CHECK(st_schedule_set_pieces(s, 3, boundaries, values) == ST_OK, "%s", st_error_message());
  CHECK(st_schedule_value(s, 10) == 1 && st_schedule_value(s, 11) == 0.5 && st_schedule_value(s, 21) == 0.1, "piecewise");
  st_schedule_free(s);
}

static void test_unset_and_bad(void) {
  st_schedule *s = st_schedule_create(ST_SCHEDULE_EXPONENTIAL_DECAY);
  st_schedule_set(s, ST_SP_INITIAL_LEARNING_RATE, 0.1);
  st_schedule_set(s, ST_SP_DECAY_STEPS, 10);
  CHECK(isnan(st_schedule_value(s, 1)) && strcmp(st_error_message(), "exponential_decay: decay_rate is not set") == 0,
        "message: %s", st_error_message());
  CHECK(st_schedule_set(s, ST_SP_DECAY_STEPS, 0) == ST_E_ARGUMENT, "decay_steps 0 accepted");
  CHECK(st_schedule_set(s, ST_SP_STAIRCASE, 2) == ST_E_ARGUMENT, "staircase 2 accepted");
  CHECK(st_schedule_set(s, ST_SP_COUNT, 1) == ST_E_ARGUMENT, "parameter out of range accepted");
  CHECK(st_schedule_set(s, ST_SP_DECAY_RATE, INFINITY) == ST_E_ARGUMENT, "infinite decay_rate accepted");
  st_optimizer *opt = st_optimizer_create(ST_OPT_ADAM);
  CHECK(st_optimizer_use_schedule(opt, s) == ST_E_STATE, "incomplete schedule used");
  st_schedule_free(s);
  CHECK(st_schedule_create(ST_SCHEDULE_COUNT) == NULL, "schedule kind out of range accepted");

  float w[3] = {1, 2, 3}, g[3] = {0.1f, 0.2f, 0.3f};
  float *params[1] = {w};
  const float *grads[1] = {g};
  const int32_t sizes[1] = {3};
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.01);
  CHECK(st_optimizer_step(opt, 1, params, grads, sizes) == ST_E_STATE && strcmp(st_error_message(), "adam: beta_1 is not set") == 0,
        "message: %s", st_error_message());
  CHECK(w[0] == 1 && st_optimizer_iterations(opt) == 0, "a refused step changed the weights");
  st_optimizer_set(opt, ST_HP_BETA1, 0.9);
  st_optimizer_set(opt, ST_HP_BETA2, 0.999);
  st_optimizer_set(opt, ST_HP_EPSILON, 1e-7);
  st_optimizer_set(opt, ST_HP_AMSGRAD, 0);
  CHECK(st_optimizer_step(opt, 1, params, grads, sizes) == ST_OK, "clip options and weight decay are optional: %s", st_error_message());
  st_optimizer_free(opt);
}

/* An optimizer using a schedule gives its rates, from its own copy. */
static void test_optimizer_copy(void) {
  st_optimizer *b = st_optimizer_create(ST_OPT_SGD);
  const int p[] = {ST_SP_INITIAL_LEARNING_RATE, ST_SP_DECAY_STEPS, ST_SP_ALPHA, ST_SP_WARMUP_TARGET, ST_SP_WARMUP_STEPS};
  const double v[] = {0.1, 100, 0.1, 0.5, 10};
  st_schedule *s = make(ST_SCHEDULE_COSINE_DECAY, p, v, 5);
  CHECK(st_optimizer_use_schedule(b, s) == ST_OK, "%s", st_error_message());
  double want[19];
  for (int step = 0; step < 130; step += 7) want[step / 7] = st_schedule_value(s, step);
  st_schedule_set(s, ST_SP_ALPHA, 0.9);
  st_schedule_free(s); /* the optimizer holds a copy */
  for (int step = 0; step < 130; step += 7)
    CHECK(st_optimizer_schedule_value(b, step) == want[step / 7], "step %d: %g vs %g", step,
          st_optimizer_schedule_value(b, step), want[step / 7]);
  CHECK(st_optimizer_current_learning_rate(b) == 0.1, "rate at step 0: %g", st_optimizer_current_learning_rate(b));
  st_optimizer_set(b, ST_HP_LEARNING_RATE, 0.25);
  CHECK(st_optimizer_current_learning_rate(b) == 0.25 && st_optimizer_schedule_value(b, 1000) == 0.25,
        "a plain learning rate is the constant schedule");
  st_optimizer_free(b);
}

int main(void) {
  test_formulas();
  test_unset_and_bad();
  test_optimizer_copy();
  return check_report("test_schedule");
}
