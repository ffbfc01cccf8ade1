/* adagrad.c — Keras 3 Adagrad (keras/src/optimizers/adagrad.py): Keras defaults (JS sets them) learning_rate
 * 0.001, initial_accumulator_value 0.1, epsilon 1e-7.
 *   acc += g^2;  w -= lr*g / sqrt(acc + epsilon)        (epsilon inside the sqrt)
 * The accumulator only grows, so the step shrinks like 1/sqrt(t): why AdaGrad slows down. */
#include "optimizer.h"

static int adagrad_slots(const st_optimizer *o) { (void)o; return 1; }
static double adagrad_slot_initial(const st_optimizer *o, int slot) {
  (void)slot;
  return o->hyper[ST_HP_INITIAL_ACCUMULATOR];
}
static void adagrad_prepare(st_optimizer *o, st_update_args *a) { (void)o; (void)a; }

const st_optimizer_kind_ops st_optimizer_ops_ADAGRAD = {
  .kernel = ST_KUPD_ADAGRAD,
  .required = ST_HP_BIT(ST_HP_INITIAL_ACCUMULATOR) | ST_HP_BIT(ST_HP_EPSILON),
  .slot_count = adagrad_slots, .slot_initial = adagrad_slot_initial, .prepare = adagrad_prepare,
};
