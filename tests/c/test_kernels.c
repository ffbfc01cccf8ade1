/* test_kernels.c — kernel tests for src/kernels (plain C, exit 0 on success).
 *
 * Always (native, wasm scalar, wasm SIMD): the scalar GEMMs against a float64 triple loop and
 * the scalar SGD step (update[ST_KUPD_SGD], no clipping or decay) against a float64
 * transcription of keras/src/optimizers/sgd.py.
 * Under __wasm_simd128__: every st_kernels_wasmsimd entry against st_kernels_scalar at the sizes
 * that break loop tails (GEMM M, N = 1..4·8+3 with several K, padded leading dims and
 * accumulate 0/1; element-wise n = 1..35 over rows 1..5; in-place activations). Tolerance
 * (|ref|+1)·2e-6, GEMMs relative to |C0| + Σ|a||b|. Inputs come from a fixed-seed PRNG.
 * A failure prints the kernel, the sizes, the index and the values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"

static int g_failures;

#define MAX_REPORTS 20
static void fail(const char *fmt_ctx, const char *what, size_t idx, double got, double want,
                 double tol) {
  if (g_failures++ < MAX_REPORTS)
    fprintf(stderr, "FAIL %s [%s] index %zu: got %.9g, expected %.9g (tol %.3g)\n", fmt_ctx, what,
            idx, got, want, tol);
}

/* ---- deterministic inputs (xorshift32) ---- */
static unsigned g_rng = 0x9e3779b9u;
static float frand(float lo, float hi) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return lo + (hi - lo) * (float)(g_rng >> 8) * (1.0f / 16777216.0f);
}
static void fill(float *p, size_t n, float lo, float hi) {
  for (size_t i = 0; i < n; i++) p[i] = frand(lo, hi);
}
static float *alloc_f(size_t n) {
  float *p = malloc((n ? n : 1) * sizeof(float));
  if (!p) {
    fprintf(stderr, "FAIL out of memory (%zu floats)\n", n);
    exit(2);
  }
  return p;
}

typedef void (*gemm_fn)(int, int, int, const float *, int, const float *, int, float *, int, int);
enum { NN, TN, NT };
static const char *const FORM_NAME[] = {"gemm_nn", "gemm_tn", "gemm_nt"};

/* Element (i,k) of op(A) and (k,j) of op(B) for each form. */
static float a_at(int form, const float *A, int lda, int i, int k) {
  return form == TN ? A[(size_t)k * lda + i] : A[(size_t)i * lda + k];
}
static float b_at(int form, const float *B, int ldb, int k, int j) {
  return form == NT ? B[(size_t)j * ldb + k] : B[(size_t)k * ldb + j];
}

/* Storage shapes: A is [M,K] (nn, nt) or [K,M] (tn); B is [K,N] (nn, tn) or [N,K] (nt).
 * Each matrix sits at the END of a reusable buffer, so ASan catches any read past its last
 * row (the last row has no padding); allocating per case made the sanitised wasm run slow. */
enum { BUF = 1 << 17 };
static float *g_abuf, *g_bbuf, *g_cbuf, *g_c0buf, *g_c1buf;
static double *g_want;

typedef struct {
  int form, M, N, K, lda, ldb, ldc;
  float *A, *B, *C0;
} gemm_case;

static float *tail_of(float *buf, size_t n) {
  if (n > BUF) {
    fprintf(stderr, "FAIL test buffer too small (%zu floats)\n", n);
    exit(2);
  }
  return buf + (BUF - n);
}
static size_t c_size(const gemm_case *g) { return (size_t)(g->M - 1) * g->ldc + g->N; }

static void gemm_case_init(gemm_case *g, int form, int M, int N, int K, int pad) {
  g->form = form; g->M = M; g->N = N; g->K = K;
  const int a_cols = form == TN ? M : K, b_cols = form == NT ? K : N;
  const int a_rows = form == TN ? K : M, b_rows = form == NT ? N : K;
  g->lda = a_cols + pad;
  g->ldb = b_cols + (pad * 2) % 7;
  g->ldc = N + (pad * 3) % 5;
  const size_t na = (size_t)(a_rows - 1) * g->lda + a_cols, nb = (size_t)(b_rows - 1) * g->ldb + b_cols;
  g->A = tail_of(g_abuf, na);
  g->B = tail_of(g_bbuf, nb);
  g->C0 = tail_of(g_c0buf, c_size(g));
  fill(g->A, na, -1.0f, 1.0f);
  fill(g->B, nb, -1.0f, 1.0f);
  fill(g->C0, c_size(g), -1.0f, 1.0f);
}

/* Runs fn on a copy of C0 in buf; C's padding must come back untouched. */
static float *gemm_run(const gemm_case *g, gemm_fn fn, int accumulate, float *buf, const char *ctx) {
  const size_t n = c_size(g);
  float *C = tail_of(buf, n);
  memcpy(C, g->C0, n * sizeof(float));
  fn(g->M, g->N, g->K, g->A, g->lda, g->B, g->ldb, C, g->ldc, accumulate);
  for (int i = 0; i + 1 < g->M; i++)
    for (int j = g->N; j < g->ldc; j++) {
      const size_t idx = (size_t)i * g->ldc + j;
      if (C[idx] != g->C0[idx]) fail(ctx, "padding of C written", idx, C[idx], g->C0[idx], 0);
    }
  return C;
}

/* Compare C with want (float64 or float32 reference) against |C0| + Σ|a||b|. */
static void gemm_compare(const gemm_case *g, const float *C, const double *want, int accumulate,
                         double rtol, const char *ctx) {
  for (int i = 0; i < g->M; i++)
    for (int j = 0; j < g->N; j++) {
      const size_t idx = (size_t)i * g->ldc + j;
      double mag = accumulate ? fabs(g->C0[idx]) : 0.0;
      for (int k = 0; k < g->K; k++)
        mag += fabs((double)a_at(g->form, g->A, g->lda, i, k) * b_at(g->form, g->B, g->ldb, k, j));
      const double tol = (mag + 1e-6) * rtol;
      if (!(fabs(C[idx] - want[idx]) <= tol)) fail(ctx, "C", idx, C[idx], want[idx], tol);
    }
}

static void gemm_reference64(const gemm_case *g, int accumulate, double *want) {
  for (int i = 0; i < g->M; i++)
    for (int j = 0; j < g->N; j++) {
      const size_t idx = (size_t)i * g->ldc + j;
      double s = accumulate ? g->C0[idx] : 0.0;
      for (int k = 0; k < g->K; k++)
        s += (double)a_at(g->form, g->A, g->lda, i, k) * b_at(g->form, g->B, g->ldb, k, j);
      want[idx] = s;
    }
}

static gemm_fn table_gemm(const st_kernels *t, int form) {
  return form == NN ? t->gemm_nn : form == TN ? t->gemm_tn : t->gemm_nt;
}

/* ---- scalar GEMMs vs float64 ---- */
static void test_gemm_scalar_vs_f64(void) {
  static const int Ks[] = {1, 2, 3, 4, 5, 7, 8, 9, 17, 33};
  static const int shapes[][3] = {{10, 8, 2}, {64, 128, 784}, {784, 128, 64}, {64, 784, 128},
                                  {64, 10, 64}, {64, 64, 10}};
  char ctx[160];
  for (int form = NN; form <= NT; form++) {
    for (int M = 1; M <= 13; M += 3)
      for (int N = 1; N <= 13; N += 2)
        for (size_t kk = 0; kk < sizeof Ks / sizeof Ks[0]; kk++)
          for (int acc = 0; acc <= 1; acc++) {
            gemm_case g;
            gemm_case_init(&g, form, M, N, Ks[kk], (M + N + Ks[kk]) % 3 * 2);
            snprintf(ctx, sizeof ctx, "scalar %s vs float64 M=%d N=%d K=%d lda=%d ldb=%d ldc=%d acc=%d",
                     FORM_NAME[form], M, N, g.K, g.lda, g.ldb, g.ldc, acc);
            float *C = gemm_run(&g, table_gemm(&st_kernels_scalar, form), acc, g_cbuf, ctx);
            gemm_reference64(&g, acc, g_want);
            gemm_compare(&g, C, g_want, acc, 2e-6 * (1 + g.K / 8), ctx);
          }
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
      gemm_case g;
      gemm_case_init(&g, form, shapes[s][0], shapes[s][1], shapes[s][2], 1);
      snprintf(ctx, sizeof ctx, "scalar %s vs float64 M=%d N=%d K=%d", FORM_NAME[form], g.M, g.N, g.K);
      float *C = gemm_run(&g, table_gemm(&st_kernels_scalar, form), 1, g_cbuf, ctx);
      gemm_reference64(&g, 1, g_want);
      gemm_compare(&g, C, g_want, 1, 1e-6 * (1 + g.K / 8), ctx);
    }
  }
}

/* ---- scalar SGD vs a float64 transcription of keras/src/optimizers/sgd.py ---- */

/* Plain SGD through the fused update kernel: no clipping, no weight decay. */
static void sgd_step(const st_kernels *t, float *w, const float *g, float *m, size_t n, float lr,
                     float momentum, int nesterov) {
  st_update_args a;
  memset(&a, 0, sizeof a);
  a.lr = lr;
  a.grad_scale = 1.0f;
  a.clip_value = INFINITY;
  a.momentum = momentum;
  a.nesterov = nesterov;
  t->update[ST_KUPD_SGD](w, g, m, NULL, NULL, n, &a);
}
static void test_sgd_scalar_vs_keras(void) {
  static const float moms[] = {0.0f, 0.9f, 0.5f};
  char ctx[128];
  for (size_t mi = 0; mi < 3; mi++)
    for (int nesterov = 0; nesterov <= 1; nesterov++) {
      const size_t n = 37;
      const float lr = 0.01f, momentum = moms[mi];
      float w[37], m[37];
      double w64[37], m64[37];
      fill(w, n, -1, 1);
      fill(m, n, -0.1f, 0.1f);
      for (size_t i = 0; i < n; i++) w64[i] = w[i], m64[i] = m[i];
      for (int step = 0; step < 5; step++) {
        float g[37];
        fill(g, n, -2, 2);
        sgd_step(&st_kernels_scalar, w, g, momentum == 0.0f ? NULL : m, n, lr, momentum, nesterov);
        for (size_t i = 0; i < n; i++) {
          if (momentum == 0.0f) {
            w64[i] = w64[i] - (double)g[i] * lr;  /* self.assign_sub(variable, gradient * lr) */
          } else {
            m64[i] = m64[i] * momentum - (double)g[i] * lr;  /* m = m*momentum - g*lr */
            w64[i] += nesterov ? m64[i] * momentum - (double)g[i] * lr : m64[i];
          }
        }
        snprintf(ctx, sizeof ctx, "scalar update[SGD] vs keras float64 n=%zu momentum=%g nesterov=%d step=%d",
                 n, momentum, nesterov, step);
        for (size_t i = 0; i < n; i++) {
          const double tol = (fabs(w64[i]) + 1) * 2e-6;
          if (!(fabs(w[i] - w64[i]) <= tol)) fail(ctx, "w", i, w[i], w64[i], tol);
          if (momentum != 0.0f && !(fabs(m[i] - m64[i]) <= tol)) fail(ctx, "m", i, m[i], m64[i], tol);
        }
      }
    }
}

/* Extreme inputs every table must get right. */
static void test_activation_extremes(const st_kernels *t) {
  const float x[6] = {-100.0f, 100.0f, -50.0f, 50.0f, 0.0f, -1e-3f};
  float y[6];
  char ctx[64];
  snprintf(ctx, sizeof ctx, "%s act_forward extremes", t->name);
  t->act_forward(ST_ACT_SIGMOID, 0, x, y, 1, 6);
  if (!(y[0] >= 0.0f && y[0] < 1e-30f)) fail(ctx, "sigmoid(-100)", 0, y[0], 0, 1e-30);
  if (y[1] != 1.0f) fail(ctx, "sigmoid(100)", 1, y[1], 1, 0);
  if (y[4] != 0.5f) fail(ctx, "sigmoid(0)", 4, y[4], 0.5, 0);
  t->act_forward(ST_ACT_TANH, 0, x, y, 1, 6);
  if (y[2] != -1.0f) fail(ctx, "tanh(-50)", 2, y[2], -1, 0);
  if (y[3] != 1.0f) fail(ctx, "tanh(50)", 3, y[3], 1, 0);
  if (y[0] != -1.0f || y[1] != 1.0f) fail(ctx, "tanh(-+100)", 0, y[0], -1, 0);
  if (!(fabs(y[5] - tanh(-1e-3)) <= 1e-9)) fail(ctx, "tanh(-1e-3)", 5, y[5], tanh(-1e-3), 1e-9);
  t->act_forward(ST_ACT_ELU, 1.0f, x, y, 1, 6);
  if (y[0] != -1.0f || y[1] != 100.0f) fail(ctx, "elu(-+100)", 0, y[0], -1, 0);
  t->act_forward(ST_ACT_SOFTMAX, 0, x, y, 1, 6);
  for (int i = 0; i < 6; i++)
    if (!isfinite(y[i]) || y[i] < 0.0f) fail(ctx, "softmax finite", (size_t)i, y[i], 0, 0);
  if (!(fabs(y[1] - 1.0f) <= 1e-6)) fail(ctx, "softmax peak", 1, y[1], 1, 1e-6);
}

#ifdef __wasm_simd128__
/* ---- SIMD vs scalar ---- */
static void compare_arrays(const char *ctx, const char *what, const float *got, const float *want,
                           size_t n, double rtol) {
  for (size_t i = 0; i < n; i++) {
    const double tol = (fabs(want[i]) + 1) * rtol;
    if (!(fabs((double)got[i] - want[i]) <= tol)) fail(ctx, what, i, got[i], want[i], tol);
  }
}

static void test_gemm_simd(void) {
  static const int Ks[] = {1, 2, 3, 4, 5, 7, 8, 9, 17, 33};
  const int maxmn = 4 * 8 + 3;
  char ctx[160];
  for (int form = NN; form <= NT; form++)
    for (int M = 1; M <= maxmn; M++)
      for (int N = 1; N <= maxmn; N++)
        for (size_t kk = 0; kk < sizeof Ks / sizeof Ks[0]; kk++) {
          const int K = Ks[kk], acc = (M + N + (int)kk) & 1, pad = (M * 7 + N * 3 + K) % 4;
          gemm_case g;
          gemm_case_init(&g, form, M, N, K, pad);
          snprintf(ctx, sizeof ctx, "wasmsimd %s vs scalar M=%d N=%d K=%d lda=%d ldb=%d ldc=%d acc=%d",
                   FORM_NAME[form], M, N, K, g.lda, g.ldb, g.ldc, acc);
          const float *Cs = gemm_run(&g, table_gemm(&st_kernels_scalar, form), acc, g_c1buf, ctx);
          const float *Cv = gemm_run(&g, table_gemm(&st_kernels_wasmsimd, form), acc, g_cbuf, ctx);
          for (size_t i = 0; i < c_size(&g); i++) g_want[i] = Cs[i];
          gemm_compare(&g, Cv, g_want, acc, 2e-6, ctx);
        }
  /* Shapes across the packing blocks of gemm_wasmsimd.c (PACK_MIN_M 16, PACK_MC 64 rows,
   * PACK_KC 256 of K): one short of, at, and one past each block edge. */
  static const int blockM[] = {15, 16, 63, 64, 65, 131}, blockK[] = {255, 256, 257, 513};
  for (int form = NN; form <= NT; form++)
    for (size_t mi = 0; mi < sizeof blockM / sizeof blockM[0]; mi++)
      for (size_t ki = 0; ki < sizeof blockK / sizeof blockK[0]; ki++)
        for (int acc = 0; acc <= 1; acc++) {
          const int M = blockM[mi], N = 8 * (int)ki + 13, K = blockK[ki];
          gemm_case g;
          gemm_case_init(&g, form, M, N, K, (int)mi % 3);
          snprintf(ctx, sizeof ctx, "wasmsimd %s vs scalar (blocks) M=%d N=%d K=%d acc=%d",
                   FORM_NAME[form], M, N, K, acc);
          const float *Cs = gemm_run(&g, table_gemm(&st_kernels_scalar, form), acc, g_c1buf, ctx);
          const float *Cv = gemm_run(&g, table_gemm(&st_kernels_wasmsimd, form), acc, g_cbuf, ctx);
          for (size_t i = 0; i < c_size(&g); i++) g_want[i] = Cs[i];
          gemm_compare(&g, Cv, g_want, acc, 2e-6 * (1 + K / 64), ctx);
        }
}

static void test_bias_simd(void) {
  char ctx[128];
  for (int rows = 1; rows <= 5; rows++)
    for (int cols = 1; cols <= 35; cols++) {
      const size_t n = (size_t)rows * cols;
      float *y0 = alloc_f(n), *ys = alloc_f(n), *yv = alloc_f(n), *b = alloc_f((size_t)cols);
      float *dbs = alloc_f((size_t)cols), *dbv = alloc_f((size_t)cols);
      fill(y0, n, -1, 1);
      fill(b, (size_t)cols, -1, 1);
      memcpy(ys, y0, n * sizeof(float));
      memcpy(yv, y0, n * sizeof(float));
      st_kernels_scalar.bias_add(ys, b, rows, cols);
      st_kernels_wasmsimd.bias_add(yv, b, rows, cols);
      snprintf(ctx, sizeof ctx, "wasmsimd bias_add rows=%d cols=%d", rows, cols);
      compare_arrays(ctx, "y", yv, ys, n, 2e-6);
      for (int acc = 0; acc <= 1; acc++) {
        fill(dbs, (size_t)cols, -1, 1);
        memcpy(dbv, dbs, (size_t)cols * sizeof(float));
        st_kernels_scalar.bias_grad(dbs, y0, rows, cols, acc);
        st_kernels_wasmsimd.bias_grad(dbv, y0, rows, cols, acc);
        snprintf(ctx, sizeof ctx, "wasmsimd bias_grad rows=%d cols=%d acc=%d", rows, cols, acc);
        compare_arrays(ctx, "db", dbv, dbs, (size_t)cols, 2e-6);
      }
      free(y0); free(ys); free(yv); free(b); free(dbs); free(dbv);
    }
}

static const char *const ACT_NAME[] = {"linear", "sigmoid", "tanh", "relu",
                                       "leakyRelu", "elu", "selu", "softmax"};

/* Output of act on x in [-lo, lo] plus a few large entries; a valid y for the backward test. */
static void act_inputs(float *x, size_t n, float range) {
  fill(x, n, -range, range);
  if (n > 5) x[n / 2] = -90.0f, x[n / 3] = 60.0f;
}

static void test_activation_simd(void) {
  static const float ranges[] = {0.1f, 6.0f, 30.0f};
  char ctx[160];
  for (int act = ST_ACT_LINEAR; act <= ST_ACT_SOFTMAX; act++)
    for (int rows = 1; rows <= 5; rows++)
      for (int cols = 1; cols <= 35; cols++) {
        const size_t n = (size_t)rows * cols;
        const float range = ranges[(size_t)(rows + cols) % 3], alpha = act == ST_ACT_ELU ? 1.3f : 0.2f;
        float *x = alloc_f(n), *ys = alloc_f(n), *yv = alloc_f(n), *dy = alloc_f(n);
        float *dxs = alloc_f(n), *dxv = alloc_f(n);
        act_inputs(x, n, range);
        fill(dy, n, -1, 1);
        snprintf(ctx, sizeof ctx, "wasmsimd act_forward %s rows=%d cols=%d range=%g", ACT_NAME[act],
                 rows, cols, range);
        st_kernels_scalar.act_forward(act, alpha, x, ys, rows, cols);
        st_kernels_wasmsimd.act_forward(act, alpha, x, yv, rows, cols);
        compare_arrays(ctx, "y", yv, ys, n, 2e-6);
        memcpy(yv, x, n * sizeof(float)); /* in place: x == y */
        st_kernels_wasmsimd.act_forward(act, alpha, yv, yv, rows, cols);
        compare_arrays(ctx, "y (in place)", yv, ys, n, 2e-6);

        snprintf(ctx, sizeof ctx, "wasmsimd act_backward %s rows=%d cols=%d", ACT_NAME[act], rows, cols);
        st_kernels_scalar.act_backward(act, alpha, ys, dy, dxs, rows, cols);
        st_kernels_wasmsimd.act_backward(act, alpha, ys, dy, dxv, rows, cols);
        compare_arrays(ctx, "dx", dxv, dxs, n, 2e-6);
        memcpy(dxv, dy, n * sizeof(float)); /* in place: dy == dx */
        st_kernels_wasmsimd.act_backward(act, alpha, ys, dxv, dxv, rows, cols);
        compare_arrays(ctx, "dx (in place)", dxv, dxs, n, 2e-6);
        free(x); free(ys); free(yv); free(dy); free(dxs); free(dxv);
      }
}

static void test_sgd_simd(void) {
  static const float moms[] = {0.0f, 0.9f};
  char ctx[128];
  for (size_t n = 1; n <= 35; n++)
    for (size_t mi = 0; mi < 2; mi++)
      for (int nesterov = 0; nesterov <= 1; nesterov++) {
        const float momentum = moms[mi];
        float *ws = alloc_f(n), *wv = alloc_f(n), *ms = alloc_f(n), *mv = alloc_f(n), *g = alloc_f(n);
        fill(ws, n, -1, 1);
        fill(ms, n, -0.1f, 0.1f);
        fill(g, n, -2, 2);
        memcpy(wv, ws, n * sizeof(float));
        memcpy(mv, ms, n * sizeof(float));
        sgd_step(&st_kernels_scalar, ws, g, momentum == 0.0f ? NULL : ms, n, 0.05f, momentum, nesterov);
        sgd_step(&st_kernels_wasmsimd, wv, g, momentum == 0.0f ? NULL : mv, n, 0.05f, momentum, nesterov);
        snprintf(ctx, sizeof ctx, "wasmsimd update[SGD] n=%zu momentum=%g nesterov=%d", n, momentum, nesterov);
        compare_arrays(ctx, "w", wv, ws, n, 2e-6);
        compare_arrays(ctx, "m", mv, ms, n, 2e-6);
        free(ws); free(wv); free(ms); free(mv); free(g);
      }
}
#endif

int main(void) {
  g_abuf = alloc_f(BUF);
  g_bbuf = alloc_f(BUF);
  g_cbuf = alloc_f(BUF);
  g_c0buf = alloc_f(BUF);
  g_c1buf = alloc_f(BUF);
  g_want = malloc(BUF * sizeof(double));
  if (!g_want) return 2;
  test_gemm_scalar_vs_f64();
  test_sgd_scalar_vs_keras();
  test_activation_extremes(&st_kernels_scalar);
#ifdef __wasm_simd128__
  test_activation_extremes(&st_kernels_wasmsimd);
  test_gemm_simd();
  test_bias_simd();
  test_activation_simd();
  test_sgd_simd();
#endif
  free(g_abuf); free(g_bbuf); free(g_cbuf); free(g_c0buf); free(g_c1buf); free(g_want);
  if (g_failures) {
    fprintf(stderr, "test_kernels: %d failure(s) (active table: %s)\n", g_failures, st_kernels_active()->name);
    return 1;
  }
  printf("test_kernels: all passed (active table: %s)\n", st_kernels_active()->name);
  return 0;
}
