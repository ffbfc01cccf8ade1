/* sgd.c — Keras 3 SGD (keras/src/optimizers/sgd.py): Keras defaults (JS sets them) learning_rate 0.01,
 * momentum 0, nesterov false. The velocity holds lr-scaled steps (Sutskever form):
 *   m = momentum*m - lr*g;  w += nesterov ? momentum*m - lr*g : m
 * so changing the learning rate mid-run keeps the old steps in the velocity, as Keras does. */
#include "optimizer.h"

static int sgd_slots(const st_optimizer *o) { return o->hyper[ST_HP_MOMENTUM] != 0.0 ? 1 : 0; }
static double sgd_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }
static void sgd_prepare(st_optimizer *o, st_update_args *a) { (void)o; (void)a; }

const st_optimizer_kind_ops st_optimizer_ops_SGD = {
  .kernel = ST_KUPD_SGD,
  .required = ST_HP_BIT(ST_HP_MOMENTUM) | ST_HP_BIT(ST_HP_NESTEROV), .slot_count = sgd_slots,
  .slot_initial = sgd_slot_initial, .prepare = sgd_prepare,
};
