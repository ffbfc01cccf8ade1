/* rmsprop.c — Keras 3 RMSprop (keras/src/optimizers/rmsprop.py): Keras defaults (JS sets them) learning_rate
 * 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false. Slots: v (always), mom (if
 * momentum > 0), mg (if centered).
 *   v = rho*v + (1-rho)*g^2
 *   centered: mg = rho*mg + (1-rho)*g; denom = v - mg^2 + eps   else denom = v + eps
 *   inc = lr*g / sqrt(denom);  momentum: mom = momentum*mom + inc; w -= mom   else w -= inc
 * The decaying average forgets old gradients: AdaGrad's slow-down, fixed. */
#include "optimizer.h"

/* Slot arrays in order v, mom, mg: centered keeps all three (mom unused when momentum is
 * 0), momentum alone keeps two, plain RMSprop one. */
static int rmsprop_slots(const st_optimizer *o) {
  if (o->hyper[ST_HP_CENTERED] != 0.0) return 3;
  return o->hyper[ST_HP_MOMENTUM] > 0.0 ? 2 : 1;
}
static double rmsprop_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }
static void rmsprop_prepare(st_optimizer *o, st_update_args *a) { (void)o; (void)a; }

const st_optimizer_kind_ops st_optimizer_ops_RMSPROP = {
  .kernel = ST_KUPD_RMSPROP,
  .required = ST_HP_BIT(ST_HP_RHO) | ST_HP_BIT(ST_HP_MOMENTUM) | ST_HP_BIT(ST_HP_EPSILON) | ST_HP_BIT(ST_HP_CENTERED),
  .slot_count = rmsprop_slots, .slot_initial = rmsprop_slot_initial, .prepare = rmsprop_prepare,
};
