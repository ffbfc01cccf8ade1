/* test_kernels.c — layer kernel tests for src/kernels (the update kernels, SGD included, are
 * tested once, in test_optimizer_kernels.c; batch normalization in test_batchnorm.c).
 *
 * Always (native, wasm scalar, wasm SIMD): the scalar GEMMs against a float64 triple loop and
 * every table's activations at extreme inputs.
 * Under __wasm_simd128__: one loop over KERNEL_TESTS, a tester per st_kernels entry, holds
 * st_kernels_wasmsimd to st_kernels_scalar at the sizes that break loop tails (GEMM M, N =
 * 1..4·8+3 with several K, padded leading dims and accumulate 0/1; element-wise rows 1..5 x
 * cols 1..35; in-place activations), plus GEMMs across the packing blocks. Tolerance
 * (|ref|+1)·2e-6, GEMMs relative to |C0| + Σ|a||b|. Inputs come from a fixed-seed PRNG.
 * A failure prints the kernel, the sizes, the index and the values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels.h"
#include "simdtrain.h"



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

/* ---- one tester per entry of the kernel table (XNNPACK's tester pattern) ----
 * Each runs the scalar reference and the SIMD variant on one [rows, cols] case and compares;
 * main loops over KERNEL_TESTS x every size up to the entry's maximum, so the sizes that
 * break the 4-lane and unrolled tails are covered for every kernel alike. */
typedef void (*kernel_tester)(const st_kernels *ref, const st_kernels *simd, int rows, int cols);

/* GEMM form `form` with M = rows, N = cols over several K, padded leading dimensions and
 * accumulate 0/1. */
static void gemm_tester(int form, const st_kernels *ref, const st_kernels *simd, int M, int N) {
  static const int Ks[] = {1, 2, 3, 4, 5, 7, 8, 9, 17, 33};
  char ctx[160];
  for (size_t kk = 0; kk < sizeof Ks / sizeof Ks[0]; kk++) {
    const int K = Ks[kk], acc = (M + N + (int)kk) & 1, pad = (M * 7 + N * 3 + K) % 4;
    gemm_case g;
    gemm_case_init(&g, form, M, N, K, pad);
    snprintf(ctx, sizeof ctx, "%s %s vs %s M=%d N=%d K=%d lda=%d ldb=%d ldc=%d acc=%d", simd->name, FORM_NAME[form],
             ref->name, M, N, K, g.lda, g.ldb, g.ldc, acc);
    const float *Cs = gemm_run(&g, table_gemm(ref, form), acc, g_c1buf, ctx);
    const float *Cv = gemm_run(&g, table_gemm(simd, form), acc, g_cbuf, ctx);
    for (size_t i = 0; i < c_size(&g); i++) g_want[i] = Cs[i];
    gemm_compare(&g, Cv, g_want, acc, 2e-6, ctx);
  }
}
static void test_gemm_nn(const st_kernels *r, const st_kernels *v, int rows, int cols) { gemm_tester(NN, r, v, rows, cols); }
static void test_gemm_tn(const st_kernels *r, const st_kernels *v, int rows, int cols) { gemm_tester(TN, r, v, rows, cols); }
static void test_gemm_nt(const st_kernels *r, const st_kernels *v, int rows, int cols) { gemm_tester(NT, r, v, rows, cols); }

static void test_bias_add(const st_kernels *ref, const st_kernels *simd, int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  float *ys = alloc_f(n), *yv = alloc_f(n), *b = alloc_f((size_t)cols);
  char ctx[128];
  fill(ys, n, -1, 1);
  fill(b, (size_t)cols, -1, 1);
  memcpy(yv, ys, n * sizeof(float));
  ref->bias_add(ys, b, rows, cols);
  simd->bias_add(yv, b, rows, cols);
  snprintf(ctx, sizeof ctx, "%s bias_add rows=%d cols=%d", simd->name, rows, cols);
  compare_arrays(ctx, "y", yv, ys, n, 2e-6);
  free(ys); free(yv); free(b);
}

static void test_bias_grad(const st_kernels *ref, const st_kernels *simd, int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  float *dy = alloc_f(n), *dbs = alloc_f((size_t)cols), *dbv = alloc_f((size_t)cols);
  char ctx[128];
  fill(dy, n, -1, 1);
  for (int acc = 0; acc <= 1; acc++) {
    fill(dbs, (size_t)cols, -1, 1);
    memcpy(dbv, dbs, (size_t)cols * sizeof(float));
    ref->bias_grad(dbs, dy, rows, cols, acc);
    simd->bias_grad(dbv, dy, rows, cols, acc);
    snprintf(ctx, sizeof ctx, "%s bias_grad rows=%d cols=%d acc=%d", simd->name, rows, cols, acc);
    compare_arrays(ctx, "db", dbv, dbs, (size_t)cols, 2e-6);
  }
  free(dy); free(dbs); free(dbv);
}

/* Inputs in [-range, range] plus a few large entries. */
static void act_inputs(float *x, size_t n, float range) {
  fill(x, n, -range, range);
  if (n > 5) x[n / 2] = -90.0f, x[n / 3] = 60.0f;
}
static float act_range(int rows, int cols) {
  static const float ranges[] = {0.1f, 6.0f, 30.0f};
  return ranges[(size_t)(rows + cols) % 3];
}
static float act_alpha(int act) { return act == ST_ACT_ELU ? 1.3f : 0.2f; }

/* Every activation, out of place and in place (x == y). */
static void test_act_forward(const st_kernels *ref, const st_kernels *simd, int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  float *x = alloc_f(n), *ys = alloc_f(n), *yv = alloc_f(n);
  char ctx[160];
  for (int act = 0; act < ST_ACT_COUNT; act++) {
    act_inputs(x, n, act_range(rows, cols));
    snprintf(ctx, sizeof ctx, "%s act_forward %s rows=%d cols=%d range=%g", simd->name,
             st_vocab_name(ST_FAMILY_ACTIVATION, act), rows, cols, act_range(rows, cols));
    ref->act_forward(act, act_alpha(act), x, ys, rows, cols);
    simd->act_forward(act, act_alpha(act), x, yv, rows, cols);
    compare_arrays(ctx, "y", yv, ys, n, 2e-6);
    memcpy(yv, x, n * sizeof(float));
    simd->act_forward(act, act_alpha(act), yv, yv, rows, cols);
    compare_arrays(ctx, "y (in place)", yv, ys, n, 2e-6);
  }
  free(x); free(ys); free(yv);
}

/* Every activation's backward from its input x and output y, out of place and in place (dy == dx). */
static void test_act_backward(const st_kernels *ref, const st_kernels *simd, int rows, int cols) {
  const size_t n = (size_t)rows * cols;
  float *x = alloc_f(n), *y = alloc_f(n), *dy = alloc_f(n), *dxs = alloc_f(n), *dxv = alloc_f(n);
  char ctx[160];
  for (int act = 0; act < ST_ACT_COUNT; act++) {
    act_inputs(x, n, act_range(rows, cols));
    fill(dy, n, -1, 1);
    ref->act_forward(act, act_alpha(act), x, y, rows, cols);
    snprintf(ctx, sizeof ctx, "%s act_backward %s rows=%d cols=%d", simd->name, st_vocab_name(ST_FAMILY_ACTIVATION, act),
             rows, cols);
    ref->act_backward(act, act_alpha(act), x, y, dy, dxs, rows, cols);
    simd->act_backward(act, act_alpha(act), x, y, dy, dxv, rows, cols);
    compare_arrays(ctx, "dx", dxv, dxs, n, 2e-6);
    memcpy(dxv, dy, n * sizeof(float));
    simd->act_backward(act, act_alpha(act), x, y, dxv, dxv, rows, cols);
    compare_arrays(ctx, "dx (in place)", dxv, dxs, n, 2e-6);
  }
  free(x); free(y); free(dy); free(dxs); free(dxv);
}

/* The layer kernels of st_kernels (the update kernels' table loop is in
 * test_optimizer_kernels.c, batch normalization's in test_batchnorm.c). */
static const struct {
  const char *name;
  kernel_tester test;
  int max_rows, max_cols;
} KERNEL_TESTS[] = {
  {"gemm_nn", test_gemm_nn, 4 * 8 + 3, 4 * 8 + 3},
  {"gemm_tn", test_gemm_tn, 4 * 8 + 3, 4 * 8 + 3},
  {"gemm_nt", test_gemm_nt, 4 * 8 + 3, 4 * 8 + 3},
  {"bias_add", test_bias_add, 5, 67}, /* past 64: the flat path's limit */
  {"bias_grad", test_bias_grad, 5, 35},
  {"act_forward", test_act_forward, 5, 35},
  {"act_backward", test_act_backward, 5, 35},
};

static void test_kernel_table(const st_kernels *ref, const st_kernels *simd) {
  for (size_t e = 0; e < sizeof KERNEL_TESTS / sizeof KERNEL_TESTS[0]; e++)
    for (int rows = 1; rows <= KERNEL_TESTS[e].max_rows; rows++)
      for (int cols = 1; cols <= KERNEL_TESTS[e].max_cols; cols++) KERNEL_TESTS[e].test(ref, simd, rows, cols);
}

/* GEMM shapes across the packing blocks of gemm_wasmsimd.c (PACK_MIN_M 16, PACK_MC 64 rows,
 * PACK_KC 256 of K): one short of, at, and one past each block edge. */
static void test_gemm_blocks(const st_kernels *ref, const st_kernels *simd) {
  static const int blockM[] = {15, 16, 63, 64, 65, 131}, blockK[] = {255, 256, 257, 513};
  char ctx[160];
  for (int form = NN; form <= NT; form++)
    for (size_t mi = 0; mi < sizeof blockM / sizeof blockM[0]; mi++)
      for (size_t ki = 0; ki < sizeof blockK / sizeof blockK[0]; ki++)
        for (int acc = 0; acc <= 1; acc++) {
          const int M = blockM[mi], N = 8 * (int)ki + 13, K = blockK[ki];
          gemm_case g;
          gemm_case_init(&g, form, M, N, K, (int)mi % 3);
          snprintf(ctx, sizeof ctx, "%s %s vs %s (blocks) M=%d N=%d K=%d acc=%d", simd->name, FORM_NAME[form], ref->name,
                   M, N, K, acc);
          const float *Cs = gemm_run(&g, table_gemm(ref, form), acc, g_c1buf, ctx);
          const float *Cv = gemm_run(&g, table_gemm(simd, form), acc, g_cbuf, ctx);
          for (size_t i = 0; i < c_size(&g); i++) g_want[i] = Cs[i];
          gemm_compare(&g, Cv, g_want, acc, 2e-6 * (1 + K / 64), ctx);
        }
}
#endif

int main(void) {
  check_seed(0x9e3779b9u);
  g_abuf = alloc_f(BUF);
  g_bbuf = alloc_f(BUF);
  g_cbuf = alloc_f(BUF);
  g_c0buf = alloc_f(BUF);
  g_c1buf = alloc_f(BUF);
  g_want = malloc(BUF * sizeof(double));
  if (!g_want) return 2;
  test_gemm_scalar_vs_f64();
  test_activation_extremes(&st_kernels_scalar);
#ifdef __wasm_simd128__
  test_activation_extremes(&st_kernels_wasmsimd);
  test_kernel_table(&st_kernels_scalar, &st_kernels_wasmsimd);
  test_gemm_blocks(&st_kernels_scalar, &st_kernels_wasmsimd);
#endif
  free(g_abuf); free(g_bbuf); free(g_cbuf); free(g_c0buf); free(g_c1buf); free(g_want);
  printf("test_kernels: active kernel table %s\n", st_kernels_active()->name);
  return check_report("test_kernels");
}
