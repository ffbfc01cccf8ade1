/* optimizer_scalar.c — scalar reference of the fused optimizer updates (rules and operation
 * order documented in kernels.h; formulas from keras/src/optimizers/<kind>.py). Each loop
 * reads w, g and the slots once and writes them once. Each kernel copies *a into a local
 * first: the loops store through float pointers that could alias *a, so reading the settings
 * through a would make the compiler reload them for every element. */
#include <math.h>

#include "kernels_impl.h"

/* clamp(g * grad_scale, -clip, clip), written so that NaN stays NaN (as in the SIMD version). */
static inline float effective_gradient(float g, float grad_scale, float clip_value) {
  float x = g * grad_scale;
  x = clip_value < x ? clip_value : x;
  return x < -clip_value ? -clip_value : x;
}

/* Keras base_optimizer._apply_weight_decay: w - w * wd * lr. */
static inline float decayed(float w, float weight_decay, float lr) {
  return weight_decay != 0.0f ? w - (w * weight_decay) * lr : w;
}

/* keras ops.maximum (and wasm f32x4.max, used by the SIMD version): NaN if either argument is
 * NaN, else the larger, +0 over -0. A plain `x < y ? y : x` would drop a NaN in y. In wasm
 * this is exactly the f32.max instruction; elsewhere (native tests) the portable form. */
static inline float max_nan(float x, float y) {
#if defined(__wasm__) && defined(__has_builtin)
#if __has_builtin(__builtin_wasm_max_f32)
#define ST_HAVE_WASM_MAX_F32 1
#endif
#endif
#ifdef ST_HAVE_WASM_MAX_F32
  return __builtin_wasm_max_f32(x, y);
#else
  if (isnan(x) || isnan(y)) return x + y;
  return x < y || (x == y && signbit(x)) ? y : x;
#endif
}

#define GRAD(i) effective_gradient(g[i], s.grad_scale, s.clip_value)
#define DECAYED(i) decayed(w[i], s.weight_decay, s.lr)

void st_update_sgd__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  (void)s1, (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gl = GRAD(i) * s.lr, wi = DECAYED(i);
    if (s.momentum == 0.0f) {
      w[i] = wi - gl;
    } else {
      float m = s0[i] * s.momentum - gl;
      s0[i] = m;
      w[i] = wi + (s.nesterov ? m * s.momentum - gl : m);
    }
  }
}

void st_update_adagrad__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  (void)s1, (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = GRAD(i), wi = DECAYED(i);
    float acc = s0[i] + gi * gi;
    s0[i] = acc;
    w[i] = wi - (s.lr * gi) / sqrtf(acc + s.epsilon);
  }
}

void st_update_rmsprop__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  for (size_t i = 0; i < n; i++) {
    float gi = GRAD(i), wi = DECAYED(i);
    float v = s.rho * s0[i] + s.one_minus_rho * (gi * gi);
    s0[i] = v;
    float denominator;
    if (s.centered) {
      float mg = s.rho * s2[i] + s.one_minus_rho * gi;
      s2[i] = mg;
      denominator = (v - mg * mg) + s.epsilon;
    } else {
      denominator = v + s.epsilon;
    }
    float increment = (s.lr * gi) / sqrtf(denominator);
    if (s.momentum > 0.0f) {
      float mom = s.momentum * s1[i] + increment;
      s1[i] = mom;
      w[i] = wi - mom;
    } else {
      w[i] = wi - increment;
    }
  }
}

void st_update_adam__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  for (size_t i = 0; i < n; i++) {
    float gi = GRAD(i), wi = DECAYED(i);
    float m = s0[i] + (gi - s0[i]) * s.one_minus_beta1;
    float v = s1[i] + (gi * gi - s1[i]) * s.one_minus_beta2;
    s0[i] = m;
    s1[i] = v;
    if (s.amsgrad) {
      v = max_nan(s2[i], v);
      s2[i] = v;
    }
    w[i] = wi - (m * s.c1) / (sqrtf(v) + s.epsilon);
  }
}

void st_update_nadam__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = GRAD(i), wi = DECAYED(i);
    float m = s0[i] + (gi - s0[i]) * s.one_minus_beta1;
    float v = s1[i] + (gi * gi - s1[i]) * s.one_minus_beta2;
    s0[i] = m;
    s1[i] = v;
    float m_hat = s.c1 * m + s.c2 * gi;
    float v_hat = v / s.c3;
    w[i] = wi - (m_hat * s.lr) / (sqrtf(v_hat) + s.epsilon);
  }
}

void st_update_adamax__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = GRAD(i), wi = DECAYED(i);
    float m = s0[i] + (gi - s0[i]) * s.one_minus_beta1;
    float u = max_nan(s.beta2 * s1[i], fabsf(gi));
    s0[i] = m;
    s1[i] = u;
    w[i] = wi - (s.lr * m) / (s.c1 * (u + s.epsilon));
  }
}

void st_update_adadelta__scalar(ST_UPDATE_ARGS) {
  const st_update_args s = *a;
  (void)s2;
  for (size_t i = 0; i < n; i++) {
    float gi = GRAD(i), wi = DECAYED(i);
    float eg = s.rho * s0[i] + s.one_minus_rho * gi * gi;
    float dx = -(sqrtf(s1[i] + s.epsilon) * gi) / sqrtf(eg + s.epsilon);
    s0[i] = eg;
    s1[i] = s.rho * s1[i] + s.one_minus_rho * dx * dx;
    w[i] = wi + s.lr * dx;
  }
}

double st_sum_squares__scalar(const float *x, size_t n) {
  double sum = 0.0;
  for (size_t i = 0; i < n; i++) sum += (double)x[i] * x[i];
  return sum;
}
