/* nadam.c — Keras 3 Nadam (keras/src/optimizers/nadam.py): Keras defaults (JS sets them) learning_rate 0.001,
 * beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots m, v; one u_product shared by all arrays,
 * advanced once per step before any array is updated:
 *   u_t = beta_1 * (1 - 0.5 * 0.96^t);  u_t1 = beta_1 * (1 - 0.5 * 0.96^(t+1))
 *   u_product *= u_t;  u_product_t1 = u_product * u_t1
 *   m += (g - m)*(1 - beta_1);  v += (g^2 - v)*(1 - beta_2)
 *   m_hat = u_t1*m / (1 - u_product_t1) + (1 - u_t)*g / (1 - u_product)
 *   v_hat = v / (1 - beta_2^t);  w -= (m_hat*lr) / (sqrt(v_hat) + epsilon)
 * Kernel constants: c1 = u_t1 / (1 - u_product_t1), c2 = (1 - u_t) / (1 - u_product),
 * c3 = 1 - beta_2^t. */
#include <math.h>

#include "optimizer.h"

static int nadam_slots(const st_optimizer *o) { (void)o; return 2; }
static double nadam_slot_initial(const st_optimizer *o, int slot) { (void)o; (void)slot; return 0.0; }

static void nadam_prepare(st_optimizer *o, st_update_args *a) {
  double beta1 = o->hyper[ST_HP_BETA1], t = (double)(o->iterations + 1);
  double u_t = beta1 * (1.0 - 0.5 * pow(0.96, t));
  double u_t1 = beta1 * (1.0 - 0.5 * pow(0.96, t + 1.0));
  if (o->iterations == 0) o->u_product = 1.0;
  o->u_product *= u_t;
  double u_product_t1 = o->u_product * u_t1;
  a->c1 = (float)(u_t1 / (1.0 - u_product_t1));
  a->c2 = (float)((1.0 - u_t) / (1.0 - o->u_product));
  a->c3 = (float)(1.0 - pow(o->hyper[ST_HP_BETA2], t));
}

const st_optimizer_kind_ops st_optimizer_ops_NADAM = {
  .kernel = ST_KUPD_NADAM,
  .required = ST_HP_BIT(ST_HP_BETA1) | ST_HP_BIT(ST_HP_BETA2) | ST_HP_BIT(ST_HP_EPSILON), .slot_count = nadam_slots,
  .slot_initial = nadam_slot_initial, .prepare = nadam_prepare,
};
