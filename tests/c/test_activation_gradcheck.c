/* test_activation_gradcheck.c — finite-difference check of act_backward (plain C, exit 0 on
 * success). For every activation and every kernel table in the build (scalar always, wasmsimd
 * under __wasm_simd128__): loss L(x) = Σ w·act(x) with fixed random w; the analytic gradient is
 * act_backward(x, y = act(x), dy = w); the numeric one is the central difference
 * (L(x + h e_i) - L(x - h e_i)) / (2h) with h = 1e-3 and L accumulated in float64.
 * Inputs avoid |x| < 0.05 so no difference straddles the kink of relu/leaky/elu/selu at 0, and
 * stay 0.05 away from relu6's kink at 6 and hard_sigmoid's at ±3.
 * Pass: |analytic - numeric| ≤ 1e-2·max(|analytic| + |numeric|, 1e-2). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kernels.h"
#include "simdtrain.h"

enum { ROWS = 3, COLS = 7, N = ROWS * COLS };

static double loss(const st_kernels *t, int act, float alpha, const float *x, const float *w) {
  float y[N];
  t->act_forward(act, alpha, x, y, ROWS, COLS);
  double s = 0.0;
  for (int i = 0; i < N; i++) s += (double)w[i] * y[i];
  return s;
}

static void check(const st_kernels *t, int act, float range) {
  const float alpha = act == ST_ACT_ELU ? 1.0f : 0.3f, h = 1e-3f;
  float x[N], w[N], y[N], dx[N];
  for (int i = 0; i < N; i++) {
    float v = frand(-range, range);
    if (fabsf(v) < 0.05f) v = v < 0.0f ? -0.5f : 0.5f;
    if (fabsf(fabsf(v) - 3.0f) < 0.05f) v = v < 0.0f ? -2.5f : 2.5f;
    if (fabsf(v - 6.0f) < 0.05f) v = 5.5f;
    x[i] = v;
    w[i] = frand(-1.0f, 1.0f);
  }
  t->act_forward(act, alpha, x, y, ROWS, COLS);
  t->act_backward(act, alpha, x, y, w, dx, ROWS, COLS);
  char ctx[96];
  snprintf(ctx, sizeof ctx, "%s act_backward %s rows=%d cols=%d range=%g", t->name, st_vocab_name(ST_FAMILY_ACTIVATION, act),
           ROWS, COLS, range);
  for (int i = 0; i < N; i++) {
    float xp[N], xm[N];
    memcpy(xp, x, sizeof x);
    memcpy(xm, x, sizeof x);
    xp[i] = x[i] + h;
    xm[i] = x[i] - h;
    const double num = (loss(t, act, alpha, xp, w) - loss(t, act, alpha, xm, w)) / ((double)xp[i] - xm[i]);
    const double tol = 1e-2 * fmax(fabs(dx[i]) + fabs(num), 1e-2);
    if (!(fabs(dx[i] - num) <= tol)) fail(ctx, "dx vs central difference", (size_t)i, dx[i], num, tol);
  }
}

int main(void) {
  const st_kernels *tables[2] = {&st_kernels_scalar, NULL};
#ifdef __wasm_simd128__
  tables[1] = &st_kernels_wasmsimd;
#endif
  check_seed(12345u);
  for (int ti = 0; ti < 2 && tables[ti]; ti++)
    for (int act = 0; act < ST_ACT_COUNT; act++) {
      check(tables[ti], act, 3.0f);
      check(tables[ti], act, 8.0f); /* relu6's upper kink, the tails of gelu, silu, mish, softplus */
    }
  return check_report("test_activation_gradcheck");
}
