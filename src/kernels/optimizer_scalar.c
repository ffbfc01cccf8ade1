/* optimizer_scalar.c — scalar reference of the fused optimizer updates (rules and operation
 * order documented in kernels.h; formulas from keras/src/optimizers/<kind>.py). Each loop
 * reads w, g and the slots once and writes them once. */
#include <math.h>

#include "kernels_impl.h"

/* clamp(g * grad_scale, -clip, clip), written so that NaN stays NaN (as in the SIMD version). */
static inline float effective_gradient(float g, const st_update_args *a) {
  float x = g * a->grad_scale;
  x = a->clip_value < x ? a->clip_value : x;
  return x < -a->clip_value ? -a->clip_value : x;
}

/* Keras base_optimizer._apply_weight_decay: w - w * wd * lr. */
static inline float decayed(float w, const st_update_args *a) {
  return a->weight_decay != 0.0f ? w - (w * a->weight_decay) * a->lr : w;
}

static inline float max_of(float x, float y) { return x < y ? y : x; }

void st_update_sgd__scalar(ST_UPDATE_ARGS) {
  (void)s1, (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gl = effective_gradient(g[i], a) * a->lr, wi = decayed(w[i], a);
    if (a->momentum == 0.0f) {
      w[i] = wi - gl;
    } else {
      float m = s0[i] * a->momentum - gl;
      s0[i] = m;
      w[i] = wi + (a->nesterov ? m * a->momentum - gl : m);
    }
  }
}

void st_update_adagrad__scalar(ST_UPDATE_ARGS) {
  (void)s1, (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = effective_gradient(g[i], a), wi = decayed(w[i], a);
    float acc = s0[i] + gi * gi;
    s0[i] = acc;
    w[i] = wi - (a->lr * gi) / sqrtf(acc + a->epsilon);
  }
}

void st_update_rmsprop__scalar(ST_UPDATE_ARGS) {
  for (size_t i = 0; i < n; i++) {
    float gi = effective_gradient(g[i], a), wi = decayed(w[i], a);
    float v = a->rho * s0[i] + a->one_minus_rho * (gi * gi);
    s0[i] = v;
    float denominator;
    if (a->centered) {
      float mg = a->rho * s2[i] + a->one_minus_rho * gi;
      s2[i] = mg;
      denominator = (v - mg * mg) + a->epsilon;
    } else {
      denominator = v + a->epsilon;
    }
    float increment = (a->lr * gi) / sqrtf(denominator);
    if (a->momentum > 0.0f) {
      float mom = a->momentum * s1[i] + increment;
      s1[i] = mom;
      w[i] = wi - mom;
    } else {
      w[i] = wi - increment;
    }
  }
}

void st_update_adam__scalar(ST_UPDATE_ARGS) {
  for (size_t i = 0; i < n; i++) {
    float gi = effective_gradient(g[i], a), wi = decayed(w[i], a);
    float m = s0[i] + (gi - s0[i]) * a->one_minus_beta1;
    float v = s1[i] + (gi * gi - s1[i]) * a->one_minus_beta2;
    s0[i] = m;
    s1[i] = v;
    if (a->amsgrad) {
      v = max_of(s2[i], v);
      s2[i] = v;
    }
    w[i] = wi - (m * a->c1) / (sqrtf(v) + a->epsilon);
  }
}

void st_update_nadam__scalar(ST_UPDATE_ARGS) {
  (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = effective_gradient(g[i], a), wi = decayed(w[i], a);
    float m = s0[i] + (gi - s0[i]) * a->one_minus_beta1;
    float v = s1[i] + (gi * gi - s1[i]) * a->one_minus_beta2;
    s0[i] = m;
    s1[i] = v;
    float m_hat = a->c1 * m + a->c2 * gi;
    float v_hat = v / a->c3;
    w[i] = wi - (m_hat * a->lr) / (sqrtf(v_hat) + a->epsilon);
  }
}

void st_update_adamax__scalar(ST_UPDATE_ARGS) {
  (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = effective_gradient(g[i], a), wi = decayed(w[i], a);
    float m = s0[i] + (gi - s0[i]) * a->one_minus_beta1;
    float u = max_of(a->beta2 * s1[i], fabsf(gi));
    s0[i] = m;
    s1[i] = u;
    w[i] = wi - (a->lr * m) / (a->c1 * (u + a->epsilon));
  }
}

void st_update_adadelta__scalar(ST_UPDATE_ARGS) {
  (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = effective_gradient(g[i], a), wi = decayed(w[i], a);
    float eg = a->rho * s0[i] + a->one_minus_rho * gi * gi;
    float dx = -(sqrtf(s1[i] + a->epsilon) * gi) / sqrtf(eg + a->epsilon);
    s0[i] = eg;
    s1[i] = a->rho * s1[i] + a->one_minus_rho * dx * dx;
    w[i] = wi + a->lr * dx;
  }
}

double st_sum_squares__scalar(const float *x, size_t n) {
  double sum = 0.0;
  for (size_t i = 0; i < n; i++) sum += (double)x[i] * x[i];
  return sum;
}
