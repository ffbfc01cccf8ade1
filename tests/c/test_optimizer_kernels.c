/* test_optimizer_kernels.c — tests of the fused optimizer update kernels (update[ST_KUPD_*]),
 * sum_squares and update_norms (plain C, exit 0 on success).
 *
 * Always (native, wasm scalar, wasm SIMD):
 *   - every scalar update kernel, for every combination of the options its rule reads
 *     (momentum 0/0.9, nesterov, centered, amsgrad, weight_decay 0/0.1, grad_scale 1/0.5,
 *     clip_value inf/0.3), against a float64 transcription of the rule as kernels.h and
 *     docs/keras-semantics.md §2 state it, over 5 steps with fresh gradients (the reference keeps
 *     its own float64 state and Keras's hyperparameters as float64, so the float32 rounding
 *     of lr, rho, beta... is part of the error; tolerance 1e-6·(|want| + max|want| of the
 *     array): terms cancel (m·momentum - g·lr crosses 0), so errors scale with the operands);
 *   - NaN gradients: the weight at a NaN gradient becomes NaN (also through clipping), and so
 *     do Adamax's u = max(beta2*u, |g|) and Adam-amsgrad's vhat = max(vhat, v) (keras
 *     ops.maximum propagates NaN; a `x < y ? y : x` max would drop it), every other element
 *     is bit-identical to the run without the NaN;
 *   - the scalar sum_squares against a float64 sum (relative 1e-12), and update_norms of each
 *     table against float64 sums at n = 1..9, 19, 64, 255..257, 1000, 1027 (relative
 *     1e-12 for the scalar reference, 1e-5 for SIMD, which sums blocks in float: kernels.h).
 * Under __wasm_simd128__: every SIMD update kernel against the scalar one BIT FOR BIT (both
 * use the same operation order and only exactly rounded operations) at n = 1..19, 64, 1000,
 * 1027, every option combination, 3 steps, once with finite gradients and once with NaN, ±inf
 * and huge (overflowing g·g) entries — a NaN must come out as NaN at the same places; and the
 * SIMD sum_squares against the scalar one (relative 1e-12) at the same sizes.
 * Arrays sit at the END of their buffers (ASan catches reads or writes past the last element,
 * and they are not 16-byte aligned); unused slot pointers are NULL. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels.h"



/* ---- buffers: each array is placed at the end of its own allocation ---- */
enum { BUF = 1040 };
enum { W, G, S0, S1, S2, NARR };
static float *g_buf[2][NARR]; /* [variant][array]: variant 0 = scalar, 1 = SIMD */

static float *tail_of(float *buf, size_t n) {
  if (n > BUF) {
    fprintf(stderr, "FAIL test buffer too small (%zu floats)\n", n);
    exit(2);
  }
  return buf + (BUF - n);
}


/* ---- option combinations ---- */
enum { O_MOMENTUM = 1, O_NESTEROV = 2, O_CENTERED = 4, O_AMSGRAD = 8, O_DECAY = 16, O_HALF = 32, O_CLIP = 64,
       O_ALL = 127 };
static const char *const KERNEL_NAME[ST_KUPD_COUNT] = {"sgd", "adagrad", "rmsprop", "adam", "nadam", "adamax",
                                                       "adadelta"};
/* Options each rule reads (the common ones: weight decay, grad scale, clip value). */
static int relevant_options(int kernel) {
  const int common = O_DECAY | O_HALF | O_CLIP;
  switch (kernel) {
    case ST_KUPD_SGD: return common | O_MOMENTUM | O_NESTEROV;
    case ST_KUPD_RMSPROP: return common | O_MOMENTUM | O_CENTERED;
    case ST_KUPD_ADAM: return common | O_AMSGRAD;
    default: return common;
  }
}

/* Which of s0, s1, s2 the rule uses with these options (kernels.h). */
static int slot_used(int kernel, int opts, int slot) {
  switch (kernel) {
    case ST_KUPD_SGD: return slot == 0 && (opts & O_MOMENTUM);
    case ST_KUPD_ADAGRAD: return slot == 0;
    case ST_KUPD_RMSPROP: return slot == 0 || (slot == 1 && (opts & O_MOMENTUM)) || (slot == 2 && (opts & O_CENTERED));
    case ST_KUPD_ADAM: return slot < 2 || (opts & O_AMSGRAD);
    default: return slot < 2;
  }
}

/* Arguments of step t (1-based): the float struct the kernels get, and the same
 * hyperparameters and per-step constants in float64 (Keras's Python floats, what src/optim
 * rounds to float) for the reference. */
typedef struct {
  st_update_args a;
  double lr, grad_scale, clip, weight_decay, momentum, beta1, beta2, rho, epsilon, c1, c2, c3;
} step_args;

static step_args make_args(int kernel, int opts, int t) {
  step_args s;
  memset(&s, 0, sizeof s);
  s.lr = kernel == ST_KUPD_ADADELTA ? 1.0 : kernel == ST_KUPD_SGD ? 0.05 : 0.01;
  s.grad_scale = (opts & O_HALF) ? 0.5 : 1.0;
  s.clip = (opts & O_CLIP) ? 0.3 : INFINITY;
  s.weight_decay = (opts & O_DECAY) ? 0.1 : 0.0;
  s.momentum = (opts & O_MOMENTUM) ? 0.9 : 0.0;
  s.beta1 = 0.9;
  s.beta2 = 0.999;
  s.rho = kernel == ST_KUPD_ADADELTA ? 0.95 : 0.9;
  s.epsilon = 1e-7;
  switch (kernel) {
    case ST_KUPD_ADAM: /* alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t) */
      s.c1 = s.lr * sqrt(1.0 - pow(s.beta2, t)) / (1.0 - pow(s.beta1, t));
      break;
    case ST_KUPD_NADAM: { /* u_t = beta_1 (1 - 0.5·0.96^t), u_product = Π u_i */
      double u_product = 1.0;
      for (int i = 1; i <= t; i++) u_product *= s.beta1 * (1.0 - 0.5 * pow(0.96, i));
      const double u_t = s.beta1 * (1.0 - 0.5 * pow(0.96, t)), u_t1 = s.beta1 * (1.0 - 0.5 * pow(0.96, t + 1));
      s.c1 = u_t1 / (1.0 - u_product * u_t1);
      s.c2 = (1.0 - u_t) / (1.0 - u_product);
      s.c3 = 1.0 - pow(s.beta2, t);
      break;
    }
    case ST_KUPD_ADAMAX: s.c1 = 1.0 - pow(s.beta1, t); break;
    default: break;
  }
  st_update_args *a = &s.a;
  a->lr = (float)s.lr;
  a->grad_scale = (float)s.grad_scale;
  a->clip_value = (float)s.clip;
  a->weight_decay = (float)s.weight_decay;
  a->momentum = (float)s.momentum;
  a->nesterov = (opts & O_NESTEROV) != 0;
  a->centered = (opts & O_CENTERED) != 0;
  a->amsgrad = (opts & O_AMSGRAD) != 0;
  a->beta1 = (float)s.beta1;
  a->beta2 = (float)s.beta2;
  a->one_minus_beta1 = (float)(1.0 - s.beta1);
  a->one_minus_beta2 = (float)(1.0 - s.beta2);
  a->rho = (float)s.rho;
  a->one_minus_rho = (float)(1.0 - s.rho);
  a->epsilon = (float)s.epsilon;
  a->c1 = (float)s.c1;
  a->c2 = (float)s.c2;
  a->c3 = (float)s.c3;
  return s;
}

static void describe(char *ctx, size_t size, const char *prefix, int kernel, int opts, size_t n, int step,
                     const char *extra) {
  snprintf(ctx, size, "%s update[%s] momentum=%d nesterov=%d centered=%d amsgrad=%d wd=%s scale=%s clip=%s n=%zu step=%d%s",
           prefix, KERNEL_NAME[kernel], !!(opts & O_MOMENTUM), !!(opts & O_NESTEROV), !!(opts & O_CENTERED),
           !!(opts & O_AMSGRAD), (opts & O_DECAY) ? "0.1" : "0", (opts & O_HALF) ? "0.5" : "1",
           (opts & O_CLIP) ? "0.3" : "inf", n, step, extra);
}

/* Initial state valid for every rule: accumulators and second moments >= 0, and for
 * centered RMSprop v > mg² (v - mg² stays positive: it is a decaying variance). */
static void init_state(float *const *arr, size_t n) {
  fill(arr[W], n, -1.0f, 1.0f);
  fill(arr[S0], n, 0.1f, 0.6f);
  fill(arr[S1], n, 0.0f, 0.4f);
  fill(arr[S2], n, -0.25f, 0.25f);
}
/* Slot initial values per rule: s0 is m (signed) for Adam-likes, s2 is mg for RMSprop. */
static void init_slots_for(int kernel, float *const *arr, size_t n) {
  init_state(arr, n);
  if (kernel == ST_KUPD_ADAM || kernel == ST_KUPD_NADAM || kernel == ST_KUPD_ADAMAX || kernel == ST_KUPD_SGD)
    fill(arr[S0], n, -0.2f, 0.2f);               /* m / velocity */
  if (kernel == ST_KUPD_ADAM) fill(arr[S2], n, 0.0f, 0.5f); /* vhat */
  if (kernel == ST_KUPD_RMSPROP) fill(arr[S1], n, -0.01f, 0.01f); /* mom */
}

static void run_kernel(const st_kernels *t, int kernel, int opts, float *const *arr, const float *g, size_t n,
                       const st_update_args *a) {
  t->update[kernel](arr[W], g, slot_used(kernel, opts, 0) ? arr[S0] : NULL, slot_used(kernel, opts, 1) ? arr[S1] : NULL,
                    slot_used(kernel, opts, 2) ? arr[S2] : NULL, n, a);
}

/* ---- float64 transcription of the rules (kernels.h; keras/src/optimizers/<kind>.py) ---- */
static void ref_step(int kernel, const step_args *s, const float *g, double *w, double *s0, double *s1,
                     double *s2, size_t n) {
  const st_update_args *a = &s->a; /* only for the flags */
  const double lr = s->lr, clip = s->clip, wd = s->weight_decay, eps = s->epsilon;
  const double momentum = s->momentum, beta1 = s->beta1, beta2 = s->beta2, rho = s->rho;
  for (size_t i = 0; i < n; i++) {
    /* base_optimizer: clip by value, then decoupled weight decay, then the rule */
    double gi = (double)g[i] * s->grad_scale;
    if (gi > clip) gi = clip;
    if (gi < -clip) gi = -clip;
    if (wd != 0.0) w[i] = w[i] - w[i] * wd * lr;
    switch (kernel) {
      case ST_KUPD_SGD:
        if (momentum == 0.0) {
          w[i] -= gi * lr;
        } else {
          s0[i] = momentum * s0[i] - lr * gi;
          w[i] += a->nesterov ? momentum * s0[i] - lr * gi : s0[i];
        }
        break;
      case ST_KUPD_ADAGRAD:
        s0[i] += gi * gi;
        w[i] -= lr * gi / sqrt(s0[i] + eps);
        break;
      case ST_KUPD_RMSPROP: {
        s0[i] = rho * s0[i] + (1.0 - rho) * gi * gi;
        double denominator = s0[i] + eps;
        if (a->centered) {
          s2[i] = rho * s2[i] + (1.0 - rho) * gi;
          denominator = s0[i] - s2[i] * s2[i] + eps;
        }
        const double increment = lr * gi / sqrt(denominator);
        if (momentum > 0.0) {
          s1[i] = momentum * s1[i] + increment;
          w[i] -= s1[i];
        } else {
          w[i] -= increment;
        }
        break;
      }
      case ST_KUPD_ADAM: {
        s0[i] += (gi - s0[i]) * (1.0 - beta1);
        s1[i] += (gi * gi - s1[i]) * (1.0 - beta2);
        double v = s1[i];
        if (a->amsgrad) v = s2[i] = fmax(s2[i], s1[i]);
        w[i] -= s->c1 * s0[i] / (sqrt(v) + eps);
        break;
      }
      case ST_KUPD_NADAM: {
        s0[i] += (gi - s0[i]) * (1.0 - beta1);
        s1[i] += (gi * gi - s1[i]) * (1.0 - beta2);
        const double m_hat = s->c1 * s0[i] + s->c2 * gi, v_hat = s1[i] / s->c3;
        w[i] -= lr * m_hat / (sqrt(v_hat) + eps);
        break;
      }
      case ST_KUPD_ADAMAX:
        s0[i] += (gi - s0[i]) * (1.0 - beta1);
        s1[i] = fmax(beta2 * s1[i], fabs(gi));
        w[i] -= lr * s0[i] / (s->c1 * (s1[i] + eps));
        break;
      case ST_KUPD_ADADELTA: {
        s0[i] = rho * s0[i] + (1.0 - rho) * gi * gi;
        const double dx = -sqrt(s1[i] + eps) * gi / sqrt(s0[i] + eps);
        s1[i] = rho * s1[i] + (1.0 - rho) * dx * dx;
        w[i] += lr * dx;
        break;
      }
      default: break;
    }
  }
}

static void compare_ref(const char *ctx, const char *what, const float *got, const double *want, size_t n) {
  double scale = 0.0;
  for (size_t i = 0; i < n; i++) scale = fmax(scale, fabs(want[i]));
  for (size_t i = 0; i < n; i++) {
    const double tol = 1e-6 * (fabs(want[i]) + scale);
    if (!(fabs((double)got[i] - want[i]) <= tol)) fail(ctx, what, i, got[i], want[i], tol);
  }
}

static const char *const ARR_NAME[NARR] = {"w", "g", "s0", "s1", "s2"};

static void test_scalar_vs_f64(void) {
  enum { N = 37, STEPS = 5 };
  char ctx[256];
  double ref[NARR][N];
  float gs[N];
  for (int kernel = 0; kernel < ST_KUPD_COUNT; kernel++)
    for (int opts = 0; opts <= O_ALL; opts++) {
      if (opts & ~relevant_options(kernel)) continue;
      float *arr[NARR];
      for (int k = 0; k < NARR; k++) arr[k] = tail_of(g_buf[0][k], N);
      init_slots_for(kernel, arr, N);
      for (int k = 0; k < NARR; k++)
        for (size_t i = 0; i < N; i++) ref[k][i] = arr[k][i];
      for (int step = 1; step <= STEPS; step++) {
        const step_args s = make_args(kernel, opts, step);
        fill(gs, N, -1.0f, 1.0f);
        run_kernel(&st_kernels_scalar, kernel, opts, arr, gs, N, &s.a);
        ref_step(kernel, &s, gs, ref[W], ref[S0], ref[S1], ref[S2], N);
        describe(ctx, sizeof ctx, "scalar vs float64", kernel, opts, (size_t)N, step, "");
        compare_ref(ctx, "w", arr[W], ref[W], N);
        for (int slot = 0; slot < 3; slot++)
          if (slot_used(kernel, opts, slot)) compare_ref(ctx, ARR_NAME[S0 + slot], arr[S0 + slot], ref[S0 + slot], N);
      }
    }
}

/* A NaN gradient gives a NaN weight (Keras propagates it; fit's NaN sentinel relies on it),
 * clipped or not, and leaves every other element exactly as without it. The max slots go NaN
 * too: Keras's Adamax does u.assign(ops.maximum(beta_2*u, ops.abs(gradient))) and Adam with
 * amsgrad v_hat.assign(ops.maximum(v_hat, v)) (keras/src/optimizers/adamax.py, adam.py), and
 * keras ops.maximum propagates NaN (tf.maximum, jnp.maximum, torch.maximum all do). */
static void test_scalar_nan(void) {
  enum { N = 23 };
  char ctx[256];
  for (int kernel = 0; kernel < ST_KUPD_COUNT; kernel++)
    for (int opts = 0; opts <= O_ALL; opts++) {
      if (opts & ~relevant_options(kernel)) continue;
      float *clean[NARR], *dirty[NARR], g[N], gnan[N];
      for (int k = 0; k < NARR; k++) clean[k] = tail_of(g_buf[0][k], N), dirty[k] = tail_of(g_buf[1][k], N);
      init_slots_for(kernel, clean, N);
      for (int k = 0; k < NARR; k++) memcpy(dirty[k], clean[k], N * sizeof(float));
      fill(g, N, -1.0f, 1.0f);
      memcpy(gnan, g, sizeof g);
      gnan[3] = gnan[N - 1] = NAN;
      const step_args s = make_args(kernel, opts, 1);
      run_kernel(&st_kernels_scalar, kernel, opts, clean, g, N, &s.a);
      run_kernel(&st_kernels_scalar, kernel, opts, dirty, gnan, N, &s.a);
      describe(ctx, sizeof ctx, "scalar NaN gradient", kernel, opts, (size_t)N, 1, "");
      for (size_t i = 0; i < N; i++) {
        if (isnan(gnan[i])) {
          if (!isnan(dirty[W][i])) fail(ctx, "w at a NaN gradient is not NaN", i, dirty[W][i], NAN, 0);
          if (kernel == ST_KUPD_ADAMAX && !isnan(dirty[S1][i]))
            fail(ctx, "adamax u = ops.maximum(beta2*u, |NaN|) is not NaN", i, dirty[S1][i], NAN, 0);
          if (kernel == ST_KUPD_ADAM && (opts & O_AMSGRAD) && !isnan(dirty[S2][i]))
            fail(ctx, "amsgrad vhat = ops.maximum(vhat, NaN) is not NaN", i, dirty[S2][i], NAN, 0);
          continue;
        }
        for (int k = 0; k < NARR; k++)
          if (k != G && bits(dirty[k][i]) != bits(clean[k][i]))
            fail(ctx, ARR_NAME[k], i, dirty[k][i], clean[k][i], 0);
      }
      /* a later step with finite gradients keeps the NaN in the max slots (ops.maximum(NaN, x)) */
      const step_args s2 = make_args(kernel, opts, 2);
      run_kernel(&st_kernels_scalar, kernel, opts, dirty, g, N, &s2.a);
      describe(ctx, sizeof ctx, "scalar NaN gradient, then a finite one", kernel, opts, (size_t)N, 2, "");
      for (size_t i = 0; i < N; i++) {
        if (!isnan(gnan[i])) continue;
        if (kernel == ST_KUPD_ADAMAX && !isnan(dirty[S1][i]))
          fail(ctx, "adamax u = ops.maximum(beta2*NaN, |g|) is not NaN", i, dirty[S1][i], NAN, 0);
        if (kernel == ST_KUPD_ADAM && (opts & O_AMSGRAD) && !isnan(dirty[S2][i]))
          fail(ctx, "amsgrad vhat = ops.maximum(NaN, v) is not NaN", i, dirty[S2][i], NAN, 0);
      }
    }
}

static void test_sum_squares_scalar(void) {
  static const size_t sizes[] = {1, 2, 3, 5, 19, 64, 1000, 1027};
  char ctx[96];
  for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
    const size_t n = sizes[si];
    float *x = tail_of(g_buf[0][G], n);
    fill(x, n, -3.0f, 3.0f);
    double want = 0.0;
    for (size_t i = 0; i < n; i++) want += (double)x[i] * (double)x[i];
    const double got = st_kernels_scalar.sum_squares(x, n), tol = 1e-12 * want;
    snprintf(ctx, sizeof ctx, "scalar sum_squares n=%zu", n);
    if (!(fabs(got - want) <= tol)) fail(ctx, "sum", 0, got, want, tol);
  }
}

/* update_norms: Σw², Σold², Σ(w − old)², Σg² against float64 sums (difference taken in float). */
static void test_update_norms(const st_kernels *k, double rtol) {
  static const size_t sizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 19, 64, 255, 256, 257, 1000, 1027};
  static const char *const what[] = {"sum w^2", "sum old^2", "sum (w-old)^2", "sum g^2"};
  char ctx[96];
  for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
    const size_t n = sizes[si];
    float *w = tail_of(g_buf[0][G], n), *old = tail_of(g_buf[1][G], n), *g = tail_of(g_buf[0][S0], n);
    fill(w, n, -3.0f, 3.0f);
    fill(old, n, -3.0f, 3.0f);
    fill(g, n, -0.01f, 0.01f);
    double want[4] = {0, 0, 0, 0}, got[4];
    for (size_t i = 0; i < n; i++) {
      double d = (double)(w[i] - old[i]);
      want[0] += (double)w[i] * w[i], want[1] += (double)old[i] * old[i], want[2] += d * d;
      want[3] += (double)g[i] * g[i];
    }
    k->update_norms(w, old, g, n, got);
    snprintf(ctx, sizeof ctx, "%s update_norms n=%zu", k->name, n);
    for (int j = 0; j < 4; j++)
      if (!(fabs(got[j] - want[j]) <= rtol * want[j])) fail(ctx, what[j], 0, got[j], want[j], rtol * want[j]);
  }
}

#ifdef __wasm_simd128__
/* ---- SIMD vs scalar, bit for bit ---- */
static const size_t SIMD_SIZES[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 64, 1000, 1027};

/* Gradients with NaN, ±inf and entries whose square overflows. */
static void fill_nonfinite(float *g, size_t n) {
  fill(g, n, -1.0f, 1.0f);
  for (size_t i = 0; i < n; i++) {
    if (i % 5 == 1) g[i] = NAN;
    else if (i % 7 == 3) g[i] = INFINITY;
    else if (i % 11 == 4) g[i] = -INFINITY;
    else if (i % 13 == 6) g[i] = 3e30f;
  }
}


static void test_update_simd(void) {
  enum { STEPS = 3 };
  char ctx[256];
  for (int kernel = 0; kernel < ST_KUPD_COUNT; kernel++)
    for (int opts = 0; opts <= O_ALL; opts++) {
      if (opts & ~relevant_options(kernel)) continue;
      for (size_t si = 0; si < sizeof SIMD_SIZES / sizeof SIMD_SIZES[0]; si++)
        for (int nonfinite = 0; nonfinite <= 1; nonfinite++) {
          const size_t n = SIMD_SIZES[si];
          float *sc[NARR], *vc[NARR];
          for (int k = 0; k < NARR; k++) sc[k] = tail_of(g_buf[0][k], n), vc[k] = tail_of(g_buf[1][k], n);
          init_slots_for(kernel, sc, n);
          for (int k = 0; k < NARR; k++)
            if (k != G) memcpy(vc[k], sc[k], n * sizeof(float));
          float *g = sc[G];
          for (int step = 1; step <= STEPS; step++) {
            const step_args s = make_args(kernel, opts, step);
            if (nonfinite) fill_nonfinite(g, n);
            else fill(g, n, -1.0f, 1.0f);
            run_kernel(&st_kernels_scalar, kernel, opts, sc, g, n, &s.a);
            run_kernel(&st_kernels_wasmsimd, kernel, opts, vc, g, n, &s.a);
            describe(ctx, sizeof ctx, "wasmsimd vs scalar (bits)", kernel, opts, n, step,
                     nonfinite ? " nonfinite gradients" : "");
            compare_bits(ctx, "w", vc[W], sc[W], n);
            for (int slot = 0; slot < 3; slot++)
              if (slot_used(kernel, opts, slot)) compare_bits(ctx, ARR_NAME[S0 + slot], vc[S0 + slot], sc[S0 + slot], n);
          }
        }
    }
}

static void test_sum_squares_simd(void) {
  char ctx[96];
  for (size_t si = 0; si < sizeof SIMD_SIZES / sizeof SIMD_SIZES[0]; si++)
    for (int big = 0; big <= 1; big++) {
      const size_t n = SIMD_SIZES[si];
      float *x = tail_of(g_buf[0][G], n);
      fill(x, n, big ? -3e18f : -1.0f, big ? 3e18f : 1.0f); /* big: squares overflow float, not double */
      const double want = st_kernels_scalar.sum_squares(x, n), got = st_kernels_wasmsimd.sum_squares(x, n);
      const double tol = 1e-12 * want;
      snprintf(ctx, sizeof ctx, "wasmsimd sum_squares vs scalar n=%zu big=%d", n, big);
      if (!(fabs(got - want) <= tol)) fail(ctx, "sum", 0, got, want, tol);
    }
  /* n = 0 */
  if (st_kernels_wasmsimd.sum_squares(g_buf[0][G], 0) != 0.0) fail("wasmsimd sum_squares n=0", "sum", 0, 1, 0, 0);
}
#endif

int main(void) {
  check_seed(0x2545f491u);
  for (int v = 0; v < 2; v++)
    for (int k = 0; k < NARR; k++) g_buf[v][k] = alloc_f(BUF);
  test_scalar_vs_f64();
  test_scalar_nan();
  test_sum_squares_scalar();
  test_update_norms(&st_kernels_scalar, 1e-12);
  if (st_kernels_scalar.sum_squares(g_buf[0][G], 0) != 0.0) fail("scalar sum_squares n=0", "sum", 0, 1, 0, 0);
#ifdef __wasm_simd128__
  test_update_simd();
  test_sum_squares_simd();
  test_update_norms(&st_kernels_wasmsimd, 1e-5); /* float blocks: kernels.h */
#endif
  for (int v = 0; v < 2; v++)
    for (int k = 0; k < NARR; k++) free(g_buf[v][k]);
  printf("test_optimizer_kernels: active kernel table %s\n", st_kernels_active()->name);
  return check_report("test_optimizer_kernels");
}
