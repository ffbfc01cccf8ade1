/* adadelta.c — Keras 3 Adadelta (keras/src/optimizers/adadelta.py): Keras defaults (JS sets them) learning_rate
 * 0.001 (the paper's form needs 1.0), rho 0.95, epsilon 1e-7. Slots Eg, Edx.
 *   Eg = rho*Eg + (1-rho)*g^2                         (the UPDATED accumulator is used)
 *   dx = -sqrt(Edx + eps) * g / sqrt(Eg + eps)        (the OLD delta accumulator)
 *   Edx = rho*Edx + (1-rho)*dx^2;  w += lr*dx */
#include "optimizer.h"

static int adadelta_slots(const st_optimizer *o) { (void)o; return 2; }
static double adadelta_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }
static void adadelta_prepare(st_optimizer *o, st_update_args *a) { (void)o; (void)a; }

const st_optimizer_kind_ops st_optimizer_ops_ADADELTA = {
  .kernel = ST_KUPD_ADADELTA,
  .required = ST_HP_BIT(ST_HP_RHO) | ST_HP_BIT(ST_HP_EPSILON),
  .slot_count = adadelta_slots, .slot_initial = adadelta_slot_initial, .prepare = adadelta_prepare,
};
