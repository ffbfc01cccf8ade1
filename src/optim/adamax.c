/* adamax.c — Keras 3 Adamax (keras/src/optimizers/adamax.py): Keras defaults (JS sets them) learning_rate 0.001,
 * beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots m, u.
 *   m += (g - m)*(1 - beta_1);  u = max(beta_2*u, |g|)
 *   w -= (lr*m) / ((1 - beta_1^t) * (u + epsilon))
 * Kernel constant: c1 = 1 - beta_1^t. */
#include <math.h>

#include "optimizer.h"

static int adamax_slots(const st_optimizer *o) { (void)o; return 2; }
static double adamax_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }
static void adamax_prepare(st_optimizer *o, st_update_args *a) {
  a->c1 = (float)(1.0 - pow(o->hyper[ST_HP_BETA1], (double)(o->iterations + 1)));
}

const st_optimizer_kind_ops st_optimizer_ops_ADAMAX = {
  .kernel = ST_KUPD_ADAMAX,
  .required = ST_HP_BIT(ST_HP_BETA1) | ST_HP_BIT(ST_HP_BETA2) | ST_HP_BIT(ST_HP_EPSILON),
  .slot_count = adamax_slots, .slot_initial = adamax_slot_initial, .prepare = adamax_prepare,
};
