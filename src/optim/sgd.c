/* sgd.c — Keras 3 SGD (keras/src/optimizers/sgd.py): defaults learning_rate 0.01,
 * momentum 0, nesterov false. The velocity holds lr-scaled steps (Sutskever form):
 *   m = momentum*m - lr*g;  w += nesterov ? momentum*m - lr*g : m
 * so changing the learning rate mid-run keeps the old steps in the velocity, as Keras does. */
#include "optimizer.h"

static int sgd_slots(const st_optimizer *opt) { return opt->hyper[ST_HP_MOMENTUM] != 0.0 ? 1 : 0; }

static void sgd_update(const st_optimizer *opt, const st_kernels *k, float *w, const float *g,
                       float *slots, size_t n, double learning_rate) {
  k->sgd_update(w, g, slots, n, (float)learning_rate, (float)opt->hyper[ST_HP_MOMENTUM],
                opt->hyper[ST_HP_NESTEROV] != 0.0);
}

const st_optimizer_kind_ops st_sgd_ops = {
  .name = "sgd",
  .slots_per_parameter = sgd_slots,
  .update = sgd_update,
};
