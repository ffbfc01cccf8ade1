/* sgd.c — Keras 3 SGD (keras/src/optimizers/sgd.py): defaults learning_rate 0.01,
 * momentum 0, nesterov false. The velocity holds lr-scaled steps (Sutskever form):
 *   m = momentum*m - lr*g;  w += nesterov ? momentum*m - lr*g : m
 * so changing the learning rate mid-run keeps the old steps in the velocity, as Keras does. */
#include "optimizer.h"

static void sgd_defaults(double *h) { h[ST_HP_LEARNING_RATE] = 0.01; }
static int sgd_slots(const st_optimizer *o) { return o->hyper[ST_HP_MOMENTUM] != 0.0 ? 1 : 0; }
static double sgd_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }
static void sgd_prepare(st_optimizer *o, st_update_args *a) { (void)o; (void)a; }

const st_optimizer_kind_ops st_sgd_ops = {
  .name = "sgd", .kernel = ST_KUPD_SGD, .defaults = sgd_defaults, .slot_count = sgd_slots,
  .slot_initial = sgd_slot_initial, .prepare = sgd_prepare,
};
