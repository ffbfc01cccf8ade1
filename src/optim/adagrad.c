/* adagrad.c — Keras 3 Adagrad (keras/src/optimizers/adagrad.py): defaults learning_rate
 * 0.001, initial_accumulator_value 0.1, epsilon 1e-7.
 *   acc += g^2;  w -= lr*g / sqrt(acc + epsilon)        (epsilon inside the sqrt)
 * The accumulator only grows, so the step shrinks like 1/sqrt(t): why AdaGrad slows down. */
#include "optimizer.h"

static void adagrad_defaults(double *h) {
  h[ST_HP_LEARNING_RATE] = 0.001;
  h[ST_HP_INITIAL_ACCUMULATOR] = 0.1;
  h[ST_HP_EPSILON] = 1e-7;
}
static int adagrad_slots(const st_optimizer *o) { (void)o; return 1; }
static double adagrad_slot_initial(const st_optimizer *o, int slot) {
  (void)slot;
  return o->hyper[ST_HP_INITIAL_ACCUMULATOR];
}
static void adagrad_prepare(st_optimizer *o, st_update_args *a) { (void)o; (void)a; }

const st_optimizer_kind_ops st_adagrad_ops = {
  .name = "adagrad", .kernel = ST_KUPD_ADAGRAD, .defaults = adagrad_defaults,
  .slot_count = adagrad_slots, .slot_initial = adagrad_slot_initial, .prepare = adagrad_prepare,
};
