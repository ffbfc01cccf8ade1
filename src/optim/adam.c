/* adam.c — Keras 3 Adam and AdamW (keras/src/optimizers/adam.py, adamw.py): Keras defaults (JS sets them)
 * learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false; AdamW adds
 * weight_decay 0.004 (applied by the shared pipeline before the update). Slots: m, v, vhat.
 *   t = iterations + 1;  alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 *   m += (g - m)*(1 - beta_1);  v += (g^2 - v)*(1 - beta_2);  amsgrad: vhat = max(vhat, v)
 *   w -= (m*alpha) / (sqrt(v or vhat) + epsilon)     (epsilon on the uncorrected sqrt(v)) */
#include <math.h>

#include "optimizer.h"

static int adam_slots(const st_optimizer *o) { return o->hyper[ST_HP_AMSGRAD] != 0.0 ? 3 : 2; }
static double adam_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }

static void adam_prepare(st_optimizer *o, st_update_args *a) {
  double t = (double)(o->iterations + 1);
  double lr = a->lr;
  a->c1 = (float)(lr * sqrt(1.0 - pow(o->hyper[ST_HP_BETA2], t)) / (1.0 - pow(o->hyper[ST_HP_BETA1], t)));
}

const st_optimizer_kind_ops st_optimizer_ops_ADAM = {
  .kernel = ST_KUPD_ADAM,
  .required = ST_HP_BIT(ST_HP_BETA1) | ST_HP_BIT(ST_HP_BETA2) | ST_HP_BIT(ST_HP_EPSILON) | ST_HP_BIT(ST_HP_AMSGRAD), .slot_count = adam_slots,
  .slot_initial = adam_slot_initial, .prepare = adam_prepare,
};

const st_optimizer_kind_ops st_optimizer_ops_ADAMW = {
  .kernel = ST_KUPD_ADAM,
  .required = ST_HP_BIT(ST_HP_BETA1) | ST_HP_BIT(ST_HP_BETA2) | ST_HP_BIT(ST_HP_EPSILON) | ST_HP_BIT(ST_HP_AMSGRAD), .slot_count = adam_slots,
  .slot_initial = adam_slot_initial, .prepare = adam_prepare,
};
