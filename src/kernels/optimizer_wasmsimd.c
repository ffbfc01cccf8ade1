/* optimizer_wasmsimd.c — wasm SIMD128 fused optimizer updates: the same rules and operation
 * order as optimizer_scalar.c (kernels.h), four parameters per vector, the last 1..3 with
 * partial loads and stores (wasmsimd_util.h). Every operation used (add, sub, mul, div,
 * sqrt, abs, pmin/pmax, max) is exactly rounded, so results are bit-identical to the reference
 * (a NaN's sign and payload aside). */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"

typedef struct {
  v128_t lr, scale, clip, neg_clip, decay, momentum, beta1, beta2, omb1, omb2, rho, omr, eps, c1, c2, c3;
} vec_args;

static vec_args splat_args(const st_update_args *a) {
  vec_args v;
  v.lr = wasm_f32x4_splat(a->lr);
  v.scale = wasm_f32x4_splat(a->grad_scale);
  v.clip = wasm_f32x4_splat(a->clip_value);
  v.neg_clip = wasm_f32x4_splat(-a->clip_value);
  v.decay = wasm_f32x4_splat(a->weight_decay);
  v.momentum = wasm_f32x4_splat(a->momentum);
  v.beta1 = wasm_f32x4_splat(a->beta1);
  v.beta2 = wasm_f32x4_splat(a->beta2);
  v.omb1 = wasm_f32x4_splat(a->one_minus_beta1);
  v.omb2 = wasm_f32x4_splat(a->one_minus_beta2);
  v.rho = wasm_f32x4_splat(a->rho);
  v.omr = wasm_f32x4_splat(a->one_minus_rho);
  v.eps = wasm_f32x4_splat(a->epsilon);
  v.c1 = wasm_f32x4_splat(a->c1);
  v.c2 = wasm_f32x4_splat(a->c2);
  v.c3 = wasm_f32x4_splat(a->c3);
  return v;
}

/* pmin(x, c) = c < x ? c : x and pmax(x, -c) = x < -c ? -c : x: NaN passes through. */
ST_ALWAYS_INLINE v128_t effective_gradient(v128_t g, const vec_args *v) {
  v128_t x = wasm_f32x4_mul(g, v->scale);
  return wasm_f32x4_pmax(wasm_f32x4_pmin(x, v->clip), v->neg_clip);
}

ST_ALWAYS_INLINE v128_t decayed(v128_t w, const vec_args *v, int decay) {
  return decay ? wasm_f32x4_sub(w, wasm_f32x4_mul(wasm_f32x4_mul(w, v->decay), v->lr)) : w;
}

#define LOAD(p) st__load_n((p), nl)
#define STORE(p, x) st__store_n((p), (x), nl)

/* Each rule is written once as a vector step over nl (1..4) lanes; FOR_EACH_VECTOR runs it
 * over full vectors and then the tail, with nl a compile-time constant in every branch. */
#define FOR_EACH_VECTOR(step)                                       \
  do {                                                              \
    size_t i = 0;                                                   \
    for (; i + 4 <= n; i += 4) step(4, i);                          \
    switch (n - i) {                                                \
      case 1: step(1, i); break;                                    \
      case 2: step(2, i); break;                                    \
      case 3: step(3, i); break;                                    \
      default: break;                                               \
    }                                                               \
  } while (0)

ST_ALWAYS_INLINE void sgd_vec(int nl, float *w, const float *g, float *m, const vec_args *v, int decay,
                              int momentum, int nesterov) {
  v128_t gl = wasm_f32x4_mul(effective_gradient(LOAD(g), v), v->lr);
  v128_t wi = decayed(LOAD(w), v, decay);
  if (!momentum) {
    STORE(w, wasm_f32x4_sub(wi, gl));
    return;
  }
  v128_t mi = wasm_f32x4_sub(wasm_f32x4_mul(LOAD(m), v->momentum), gl);
  STORE(m, mi);
  STORE(w, wasm_f32x4_add(wi, nesterov ? wasm_f32x4_sub(wasm_f32x4_mul(mi, v->momentum), gl) : mi));
}

void st_update_sgd__wasmsimd(ST_UPDATE_ARGS) {
  (void)s1, (void)s2;
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f, momentum = a->momentum != 0.0f, nesterov = a->nesterov;
#define SGD_STEP(nl, i) sgd_vec(nl, w + i, g + i, momentum ? s0 + i : s0, &v, decay, momentum, nesterov)
  FOR_EACH_VECTOR(SGD_STEP);
#undef SGD_STEP
}

ST_ALWAYS_INLINE void adagrad_vec(int nl, float *w, const float *g, float *acc, const vec_args *v, int decay) {
  v128_t gi = effective_gradient(LOAD(g), v), wi = decayed(LOAD(w), v, decay);
  v128_t ai = wasm_f32x4_add(LOAD(acc), wasm_f32x4_mul(gi, gi));
  STORE(acc, ai);
  STORE(w, wasm_f32x4_sub(wi, wasm_f32x4_div(wasm_f32x4_mul(v->lr, gi), wasm_f32x4_sqrt(wasm_f32x4_add(ai, v->eps)))));
}

void st_update_adagrad__wasmsimd(ST_UPDATE_ARGS) {
  (void)s1, (void)s2;
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f;
#define ADAGRAD_STEP(nl, i) adagrad_vec(nl, w + i, g + i, s0 + i, &v, decay)
  FOR_EACH_VECTOR(ADAGRAD_STEP);
#undef ADAGRAD_STEP
}

ST_ALWAYS_INLINE void rmsprop_vec(int nl, float *w, const float *g, float *vel, float *mom, float *mg,
                                  const vec_args *v, int decay, int momentum, int centered) {
  v128_t gi = effective_gradient(LOAD(g), v), wi = decayed(LOAD(w), v, decay);
  v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(v->rho, LOAD(vel)), wasm_f32x4_mul(v->omr, wasm_f32x4_mul(gi, gi)));
  STORE(vel, vi);
  v128_t denominator;
  if (centered) {
    v128_t mgi = wasm_f32x4_add(wasm_f32x4_mul(v->rho, LOAD(mg)), wasm_f32x4_mul(v->omr, gi));
    STORE(mg, mgi);
    denominator = wasm_f32x4_add(wasm_f32x4_sub(vi, wasm_f32x4_mul(mgi, mgi)), v->eps);
  } else {
    denominator = wasm_f32x4_add(vi, v->eps);
  }
  v128_t increment = wasm_f32x4_div(wasm_f32x4_mul(v->lr, gi), wasm_f32x4_sqrt(denominator));
  if (momentum) {
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(v->momentum, LOAD(mom)), increment);
    STORE(mom, mi);
    STORE(w, wasm_f32x4_sub(wi, mi));
  } else {
    STORE(w, wasm_f32x4_sub(wi, increment));
  }
}

void st_update_rmsprop__wasmsimd(ST_UPDATE_ARGS) {
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f, momentum = a->momentum > 0.0f, centered = a->centered;
#define RMSPROP_STEP(nl, i) \
  rmsprop_vec(nl, w + i, g + i, s0 + i, momentum ? s1 + i : s1, centered ? s2 + i : s2, &v, decay, momentum, centered)
  FOR_EACH_VECTOR(RMSPROP_STEP);
#undef RMSPROP_STEP
}

/* m and v as in Adam and Nadam: m + (g - m)*(1 - beta_1), v + (g*g - v)*(1 - beta_2). */
ST_ALWAYS_INLINE void moments(int nl, v128_t gi, float *m, float *vel, const vec_args *v, v128_t *mi, v128_t *vi) {
  v128_t m0 = LOAD(m), v0 = LOAD(vel);
  *mi = wasm_f32x4_add(m0, wasm_f32x4_mul(wasm_f32x4_sub(gi, m0), v->omb1));
  *vi = wasm_f32x4_add(v0, wasm_f32x4_mul(wasm_f32x4_sub(wasm_f32x4_mul(gi, gi), v0), v->omb2));
  STORE(m, *mi);
  STORE(vel, *vi);
}

ST_ALWAYS_INLINE void adam_vec(int nl, float *w, const float *g, float *m, float *vel, float *vhat,
                               const vec_args *v, int decay, int amsgrad) {
  v128_t gi = effective_gradient(LOAD(g), v), wi = decayed(LOAD(w), v, decay), mi, vi;
  moments(nl, gi, m, vel, v, &mi, &vi);
  if (amsgrad) {
    vi = wasm_f32x4_max(LOAD(vhat), vi); /* keras ops.maximum: NaN propagates (pmax would drop it) */
    STORE(vhat, vi);
  }
  STORE(w, wasm_f32x4_sub(wi, wasm_f32x4_div(wasm_f32x4_mul(mi, v->c1), wasm_f32x4_add(wasm_f32x4_sqrt(vi), v->eps))));
}

void st_update_adam__wasmsimd(ST_UPDATE_ARGS) {
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f, amsgrad = a->amsgrad;
#define ADAM_STEP(nl, i) adam_vec(nl, w + i, g + i, s0 + i, s1 + i, amsgrad ? s2 + i : s2, &v, decay, amsgrad)
  FOR_EACH_VECTOR(ADAM_STEP);
#undef ADAM_STEP
}

ST_ALWAYS_INLINE void nadam_vec(int nl, float *w, const float *g, float *m, float *vel, const vec_args *v, int decay) {
  v128_t gi = effective_gradient(LOAD(g), v), wi = decayed(LOAD(w), v, decay), mi, vi;
  moments(nl, gi, m, vel, v, &mi, &vi);
  v128_t m_hat = wasm_f32x4_add(wasm_f32x4_mul(v->c1, mi), wasm_f32x4_mul(v->c2, gi));
  v128_t v_hat = wasm_f32x4_div(vi, v->c3);
  STORE(w, wasm_f32x4_sub(wi, wasm_f32x4_div(wasm_f32x4_mul(m_hat, v->lr), wasm_f32x4_add(wasm_f32x4_sqrt(v_hat), v->eps))));
}

void st_update_nadam__wasmsimd(ST_UPDATE_ARGS) {
  (void)s2;
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f;
#define NADAM_STEP(nl, i) nadam_vec(nl, w + i, g + i, s0 + i, s1 + i, &v, decay)
  FOR_EACH_VECTOR(NADAM_STEP);
#undef NADAM_STEP
}

ST_ALWAYS_INLINE void adamax_vec(int nl, float *w, const float *g, float *m, float *u, const vec_args *v, int decay) {
  v128_t gi = effective_gradient(LOAD(g), v), wi = decayed(LOAD(w), v, decay);
  v128_t m0 = LOAD(m);
  v128_t mi = wasm_f32x4_add(m0, wasm_f32x4_mul(wasm_f32x4_sub(gi, m0), v->omb1));
  v128_t ui = wasm_f32x4_max(wasm_f32x4_mul(v->beta2, LOAD(u)), wasm_f32x4_abs(gi)); /* NaN propagates */
  STORE(m, mi);
  STORE(u, ui);
  STORE(w, wasm_f32x4_sub(wi, wasm_f32x4_div(wasm_f32x4_mul(v->lr, mi), wasm_f32x4_mul(v->c1, wasm_f32x4_add(ui, v->eps)))));
}

void st_update_adamax__wasmsimd(ST_UPDATE_ARGS) {
  (void)s2;
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f;
#define ADAMAX_STEP(nl, i) adamax_vec(nl, w + i, g + i, s0 + i, s1 + i, &v, decay)
  FOR_EACH_VECTOR(ADAMAX_STEP);
#undef ADAMAX_STEP
}

ST_ALWAYS_INLINE void adadelta_vec(int nl, float *w, const float *g, float *eg, float *edx, const vec_args *v, int decay) {
  v128_t gi = effective_gradient(LOAD(g), v), wi = decayed(LOAD(w), v, decay);
  v128_t egi = wasm_f32x4_add(wasm_f32x4_mul(v->rho, LOAD(eg)), wasm_f32x4_mul(wasm_f32x4_mul(v->omr, gi), gi));
  v128_t edx0 = LOAD(edx);
  v128_t dx = wasm_f32x4_div(wasm_f32x4_neg(wasm_f32x4_mul(wasm_f32x4_sqrt(wasm_f32x4_add(edx0, v->eps)), gi)),
                             wasm_f32x4_sqrt(wasm_f32x4_add(egi, v->eps)));
  STORE(eg, egi);
  STORE(edx, wasm_f32x4_add(wasm_f32x4_mul(v->rho, edx0), wasm_f32x4_mul(wasm_f32x4_mul(v->omr, dx), dx)));
  STORE(w, wasm_f32x4_add(wi, wasm_f32x4_mul(v->lr, dx)));
}

void st_update_adadelta__wasmsimd(ST_UPDATE_ARGS) {
  (void)s2;
  const vec_args v = splat_args(a);
  const int decay = a->weight_decay != 0.0f;
#define ADADELTA_STEP(nl, i) adadelta_vec(nl, w + i, g + i, s0 + i, s1 + i, &v, decay)
  FOR_EACH_VECTOR(ADADELTA_STEP);
#undef ADADELTA_STEP
}

/* Four f64x2 accumulators, so consecutive adds do not wait on each other's latency. */
double st_sum_squares__wasmsimd(const float *x, size_t n) {
  v128_t acc[4] = {wasm_f64x2_splat(0.0), wasm_f64x2_splat(0.0), wasm_f64x2_splat(0.0), wasm_f64x2_splat(0.0)};
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int h = 0; h < 2; h++) {
      const v128_t v = wasm_v128_load(x + i + 4 * h);
      const v128_t lo = wasm_f64x2_promote_low_f32x4(v);
      const v128_t hi = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
      acc[2 * h] = wasm_f64x2_add(acc[2 * h], wasm_f64x2_mul(lo, lo));
      acc[2 * h + 1] = wasm_f64x2_add(acc[2 * h + 1], wasm_f64x2_mul(hi, hi));
    }
  }
  const v128_t sum = wasm_f64x2_add(wasm_f64x2_add(acc[0], acc[1]), wasm_f64x2_add(acc[2], acc[3]));
  double total = wasm_f64x2_extract_lane(sum, 0) + wasm_f64x2_extract_lane(sum, 1);
  for (; i < n; i++) total += (double)x[i] * x[i];
  return total;
}

#endif /* __wasm_simd128__ */
