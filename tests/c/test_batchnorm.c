/* test_batchnorm.c — tests of the batch-normalization kernels (bn_forward_train,
 * bn_forward_infer, bn_backward; plain C, exit 0 on success).
 *
 * Always (native, wasm scalar, wasm SIMD), on the scalar table:
 *   - against a float64 reference (two-pass mean, biased variance, normalise; the closed-form
 *     backward of docs/keras-semantics.md §3), relative 1e-5 of the magnitude of the terms, at
 *     rows 1, 2, 3, 5, 64, 256 and several cols (up to 300, past one ST_BN_STRIP), with and
 *     without gamma/beta, with a column offset (two-pass matters) and with a variance below
 *     epsilon;
 *   - finite differences of loss = Σ w ⊙ y (so dy = w) for dx, dgamma and dbeta: central
 *     differences of a float64 forward (h 1e-6, tolerance 1e-4) and of the float32 kernel
 *     itself (h 1e-2, tolerance 1e-2);
 *   - a batch of one row: y = beta (0 without beta), var 0, finite inv_std, dx = 0, no NaN;
 *   - inference with the training statistics gives the training output bit for bit, and
 *     inference with arbitrary statistics matches the float64 formula;
 *   - dx aliasing dy, and dgamma/dbeta/dx NULL, give the same bits as separate buffers;
 *     bn_backward gets a scratch of exactly 2*cols floats, pre-filled with NaN.
 * Under __wasm_simd128__: the SIMD kernels against the scalar ones BIT FOR BIT (they run the
 * same per-column sums in the same row order) at cols 1..19, 255, 256, 257, 515 and rows 1, 2,
 * 3, 5, 64, with gamma/beta present or NULL, dx aliasing dy, and dgamma/dbeta/dx NULL.
 * Every buffer is allocated at its exact size, so ASan catches any access past it. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels.h"


static float *copy_f(const float *src, size_t n) {
  float *p = alloc_f(n);
  memcpy(p, src, n * sizeof(float));
  return p;
}

static const float EPS = 1e-3f; /* Keras's BatchNormalization default */

/* ---- one case: inputs and every output of the three kernels ---- */
typedef struct {
  int rows, cols;
  float *x, *dy, *gamma, *beta;                 /* gamma/beta may be NULL */
  float *y, *mean, *var, *inv_std, *dx, *dgamma, *dbeta;
} bn_case;

/* x = offset + spread·U(-1, 1) per element; gamma in [-1.5, 1.5], beta in [-1, 1]. */
static void case_init(bn_case *c, int rows, int cols, int with_gamma, int with_beta, float offset, float spread) {
  const size_t n = (size_t)rows * cols, nc = (size_t)cols;
  c->rows = rows;
  c->cols = cols;
  c->x = alloc_f(n);
  c->dy = alloc_f(n);
  fill(c->x, n, offset - spread, offset + spread);
  fill(c->dy, n, -1.0f, 1.0f);
  c->gamma = with_gamma ? alloc_f(nc) : NULL;
  c->beta = with_beta ? alloc_f(nc) : NULL;
  if (c->gamma) fill(c->gamma, nc, -1.5f, 1.5f);
  if (c->beta) fill(c->beta, nc, -1.0f, 1.0f);
  c->y = alloc_f(n);
  c->dx = alloc_f(n);
  c->mean = alloc_f(nc);
  c->var = alloc_f(nc);
  c->inv_std = alloc_f(nc);
  c->dgamma = alloc_f(nc);
  c->dbeta = alloc_f(nc);
}
static void case_free(bn_case *c) {
  free(c->x); free(c->dy); free(c->gamma); free(c->beta); free(c->y); free(c->dx);
  free(c->mean); free(c->var); free(c->inv_std); free(c->dgamma); free(c->dbeta);
}
/* t->bn_backward with its scratch of exactly 2*cols floats, pre-filled with NaN (the kernel
 * must not read it before writing it; ASan catches any access past it). */
static void backward(const st_kernels *t, const float *x, const float *dy, float *dx, float *dgamma, float *dbeta,
                     const float *mean, const float *inv_std, const float *gamma, int rows, int cols) {
  const size_t ns = 2 * (size_t)cols;
  float *scratch = alloc_f(ns);
  for (size_t i = 0; i < ns; i++) scratch[i] = NAN;
  t->bn_backward(x, dy, dx, dgamma, dbeta, mean, inv_std, gamma, rows, cols, scratch);
  free(scratch);
}
static void case_run(const st_kernels *t, bn_case *c) {
  t->bn_forward_train(c->x, c->y, c->mean, c->var, c->inv_std, c->gamma, c->beta, c->rows, c->cols, EPS);
  backward(t, c->x, c->dy, c->dx, c->dgamma, c->dbeta, c->mean, c->inv_std, c->gamma, c->rows, c->cols);
}

/* ---- float64 reference ---- */
typedef struct {
  double *y, *mean, *var, *inv_std, *dx, *dgamma, *dbeta;
  double *y_mag, *dx_mag, *dgamma_mag, *dbeta_mag; /* magnitudes of the terms, for tolerances */
} bn_ref;

static double *alloc_d(size_t n) {
  double *p = calloc(n ? n : 1, sizeof(double));
  if (!p) {
    fprintf(stderr, "FAIL out of memory (%zu doubles)\n", n);
    exit(2);
  }
  return p;
}

/* Forward in float64 of x (promoted) with gamma/beta given as doubles (NULL = 1 / 0). */
static void forward64(const double *x, double *y, double *mean, double *var, double *inv_std, const double *gamma,
                      const double *beta, int rows, int cols, double eps) {
  for (int c = 0; c < cols; c++) {
    double sum = 0.0, sq = 0.0;
    for (int r = 0; r < rows; r++) sum += x[(size_t)r * cols + c];
    const double mu = sum / rows;
    for (int r = 0; r < rows; r++) {
      const double d = x[(size_t)r * cols + c] - mu;
      sq += d * d;
    }
    mean[c] = mu;
    var[c] = sq / rows; /* biased */
    inv_std[c] = 1.0 / sqrt(var[c] + eps);
    for (int r = 0; r < rows; r++) {
      const size_t i = (size_t)r * cols + c;
      y[i] = (gamma ? gamma[c] : 1.0) * ((x[i] - mu) * inv_std[c]) + (beta ? beta[c] : 0.0);
    }
  }
}

/* Scale of the float error of xhat = (x - mean)·inv_std: relative to |xhat| itself, plus
 * the rounding of x - mean, which is relative to |x| + |mean| (large when the column's
 * spread is small next to its offset), times inv_std. */
static double xhat_magnitude(double xhat, double x, double mean, double inv_std) {
  return fabs(xhat) + (fabs(x) + fabs(mean)) * inv_std;
}

static void reference(const bn_case *c, bn_ref *r) {
  const int rows = c->rows, cols = c->cols;
  const size_t n = (size_t)rows * cols, nc = (size_t)cols;
  r->y = alloc_d(n); r->dx = alloc_d(n); r->y_mag = alloc_d(n); r->dx_mag = alloc_d(n);
  r->mean = alloc_d(nc); r->var = alloc_d(nc); r->inv_std = alloc_d(nc);
  r->dgamma = alloc_d(nc); r->dbeta = alloc_d(nc); r->dgamma_mag = alloc_d(nc); r->dbeta_mag = alloc_d(nc);
  double *x = alloc_d(n), *gamma = c->gamma ? alloc_d(nc) : NULL, *beta = c->beta ? alloc_d(nc) : NULL;
  for (size_t i = 0; i < n; i++) x[i] = c->x[i];
  for (size_t j = 0; j < nc; j++) {
    if (gamma) gamma[j] = c->gamma[j];
    if (beta) beta[j] = c->beta[j];
  }
  forward64(x, r->y, r->mean, r->var, r->inv_std, gamma, beta, rows, cols, EPS);
  for (int col = 0; col < cols; col++) {
    /* dbeta = Σ dy; dgamma = Σ dy·xhat; dx = gamma·inv/N·(N·dy - dbeta - xhat·dgamma) */
    double sdy = 0.0, sdyx = 0.0, mdy = 0.0, mdyx = 0.0;
    for (int row = 0; row < rows; row++) {
      const size_t i = (size_t)row * cols + col;
      const double xhat = (x[i] - r->mean[col]) * r->inv_std[col], dy = c->dy[i];
      sdy += dy;
      sdyx += dy * xhat;
      mdy += fabs(dy);
      mdyx += fabs(dy) * xhat_magnitude(xhat, x[i], r->mean[col], r->inv_std[col]);
    }
    r->dbeta[col] = sdy;
    r->dgamma[col] = sdyx;
    r->dbeta_mag[col] = mdy;
    r->dgamma_mag[col] = mdyx;
    const double g = gamma ? gamma[col] : 1.0, k = g * r->inv_std[col] / rows;
    for (int row = 0; row < rows; row++) {
      const size_t i = (size_t)row * cols + col;
      const double xhat = (x[i] - r->mean[col]) * r->inv_std[col], dy = c->dy[i];
      r->dx[i] = k * (rows * dy - sdy - xhat * sdyx);
      const double xmag = xhat_magnitude(xhat, x[i], r->mean[col], r->inv_std[col]);
      r->dx_mag[i] = fabs(k) * (rows * fabs(dy) + mdy + xmag * mdyx);
      r->y_mag[i] = fabs(g) * xmag + (beta ? fabs(beta[col]) : 0.0);
    }
  }
  free(x); free(gamma); free(beta);
}
static void ref_free(bn_ref *r) {
  free(r->y); free(r->dx); free(r->y_mag); free(r->dx_mag); free(r->mean); free(r->var); free(r->inv_std);
  free(r->dgamma); free(r->dbeta); free(r->dgamma_mag); free(r->dbeta_mag);
}

static void check_close(const char *ctx, const char *what, const float *got, const double *want, const double *mag,
                        double mag_const, size_t n, double rtol) {
  for (size_t i = 0; i < n; i++) {
    const double tol = rtol * ((mag ? mag[i] : fabs(want[i])) + mag_const) + 1e-30;
    if (!(fabs((double)got[i] - want[i]) <= tol)) fail(ctx, what, i, got[i], want[i], tol);
  }
}

static void test_scalar_vs_f64(void) {
  static const int ROWS[] = {1, 2, 3, 5, 64, 256};
  static const int COLS[] = {1, 3, 4, 7, 19, 33, 300}; /* 300: two ST_BN_STRIP strips */
  static const float OFFSETS[][2] = {{0.0f, 1.0f}, {3.0f, 1.0f}, {0.5f, 0.01f}}; /* offset, spread */
  char ctx[160];
  for (size_t ri = 0; ri < sizeof ROWS / sizeof ROWS[0]; ri++)
    for (size_t ci = 0; ci < sizeof COLS / sizeof COLS[0]; ci++)
      for (int affine = 0; affine < 4; affine++)
        for (size_t oi = 0; oi < sizeof OFFSETS / sizeof OFFSETS[0]; oi++) {
          const int rows = ROWS[ri], cols = COLS[ci];
          bn_case c;
          case_init(&c, rows, cols, affine & 1, affine & 2, OFFSETS[oi][0], OFFSETS[oi][1]);
          case_run(&st_kernels_scalar, &c);
          bn_ref r;
          reference(&c, &r);
          const size_t n = (size_t)rows * cols, nc = (size_t)cols;
          snprintf(ctx, sizeof ctx, "scalar bn vs float64 rows=%d cols=%d gamma=%d beta=%d x=%g±%g", rows, cols,
                   affine & 1, !!(affine & 2), OFFSETS[oi][0], OFFSETS[oi][1]);
          /* mean: float sum of rows terms; var: relative; both against the column's |x| scale */
          double *mean_mag = alloc_d(nc), *var_mag = alloc_d(nc);
          for (int col = 0; col < cols; col++) {
            for (int row = 0; row < rows; row++) mean_mag[col] += fabs(c.x[(size_t)row * cols + col]) / rows;
            /* float's mean error δ ≈ ulp(|x|) shifts var by δ², and the deviations by δ */
            var_mag[col] = r.var[col] + 2.0 * sqrt(r.var[col]) * mean_mag[col] * 1e-2;
          }
          check_close(ctx, "mean", c.mean, r.mean, mean_mag, 0, nc, 1e-5);
          check_close(ctx, "var", c.var, r.var, var_mag, 1e-30, nc, 1e-5);
          check_close(ctx, "inv_std", c.inv_std, r.inv_std, NULL, 0, nc, 1e-5);
          check_close(ctx, "y", c.y, r.y, r.y_mag, 0, n, 1e-5);
          check_close(ctx, "dbeta", c.dbeta, r.dbeta, r.dbeta_mag, 0, nc, 1e-5);
          check_close(ctx, "dgamma", c.dgamma, r.dgamma, r.dgamma_mag, 0, nc, 1e-5);
          check_close(ctx, "dx", c.dx, r.dx, r.dx_mag, 0, n, 1e-5);
          free(mean_mag);
          free(var_mag);
          ref_free(&r);
          case_free(&c);
        }
}

/* Inference: with the training statistics it must reproduce the training output exactly;
 * with arbitrary statistics it must match gamma·(x - mean)/sqrt(var + eps) + beta. */
static void test_infer(const st_kernels *t) {
  char ctx[160];
  for (int rows = 1; rows <= 9; rows += 4)
    for (int cols = 1; cols <= 11; cols += 2)
      for (int affine = 0; affine < 4; affine++) {
        bn_case c;
        case_init(&c, rows, cols, affine & 1, affine & 2, 0.3f, 1.0f);
        const size_t n = (size_t)rows * cols, nc = (size_t)cols;
        t->bn_forward_train(c.x, c.y, c.mean, c.var, c.inv_std, c.gamma, c.beta, rows, cols, EPS);
        float *y = alloc_f(n);
        t->bn_forward_infer(c.x, y, c.mean, c.var, c.gamma, c.beta, rows, cols, EPS);
        snprintf(ctx, sizeof ctx, "%s bn_forward_infer with training stats rows=%d cols=%d gamma=%d beta=%d", t->name,
                 rows, cols, affine & 1, !!(affine & 2));
        compare_bits(ctx, "y", y, c.y, n);

        fill(c.mean, nc, -1.0f, 1.0f); /* moving statistics */
        fill(c.var, nc, 0.0f, 2.0f);
        t->bn_forward_infer(c.x, y, c.mean, c.var, c.gamma, c.beta, rows, cols, EPS);
        snprintf(ctx, sizeof ctx, "%s bn_forward_infer vs float64 rows=%d cols=%d gamma=%d beta=%d", t->name, rows,
                 cols, affine & 1, !!(affine & 2));
        for (int r = 0; r < rows; r++)
          for (int col = 0; col < cols; col++) {
            const size_t i = (size_t)r * cols + col;
            const double g = c.gamma ? c.gamma[col] : 1.0, b = c.beta ? c.beta[col] : 0.0;
            const double inv = 1.0 / sqrt((double)c.var[col] + EPS);
            const double want = g * ((c.x[i] - (double)c.mean[col]) * inv) + b;
            const double tol = 1e-5 * (fabs(g) * (fabs(c.x[i]) + fabs(c.mean[col])) * inv + fabs(b));
            if (!(fabs(y[i] - want) <= tol)) fail(ctx, "y", i, y[i], want, tol);
          }
        free(y);
        case_free(&c);
      }
}

/* One row: mean = x, var = 0, xhat = 0, so y = beta, dx = 0, dgamma = 0, dbeta = dy. */
static void test_batch_of_one(const st_kernels *t) {
  char ctx[128];
  for (int cols = 1; cols <= 9; cols++)
    for (int affine = 0; affine < 4; affine++) {
      bn_case c;
      case_init(&c, 1, cols, affine & 1, affine & 2, 0.0f, 5.0f);
      case_run(t, &c);
      snprintf(ctx, sizeof ctx, "%s bn batch of 1 cols=%d gamma=%d beta=%d", t->name, cols, affine & 1, !!(affine & 2));
      for (int j = 0; j < cols; j++) {
        const size_t i = (size_t)j;
        const float b = c.beta ? c.beta[j] : 0.0f;
        if (!(c.y[j] == b)) fail(ctx, "y == beta", i, c.y[j], b, 0);
        if (!(c.mean[j] == c.x[j])) fail(ctx, "mean == x", i, c.mean[j], c.x[j], 0);
        if (!(c.var[j] == 0.0f)) fail(ctx, "var == 0", i, c.var[j], 0, 0);
        if (!isfinite(c.inv_std[j])) fail(ctx, "inv_std finite", i, c.inv_std[j], 1.0 / sqrt(EPS), 0);
        if (!(c.dx[j] == 0.0f)) fail(ctx, "dx == 0", i, c.dx[j], 0, 0);
        if (!(c.dgamma[j] == 0.0f)) fail(ctx, "dgamma == 0", i, c.dgamma[j], 0, 0);
        if (!(c.dbeta[j] == c.dy[j])) fail(ctx, "dbeta == dy", i, c.dbeta[j], c.dy[j], 0);
      }
      case_free(&c);
    }
}

/* ---- finite differences of loss = Σ w ⊙ y; bn_backward with dy = w gives its gradient ---- */

/* Which input is perturbed: x, gamma or beta. */
enum { PX, PGAMMA, PBETA };
static const char *const PNAME[] = {"dx", "dgamma", "dbeta"};

static double loss64(const bn_case *c, const double *x, const double *gamma, const double *beta) {
  const size_t n = (size_t)c->rows * c->cols, nc = (size_t)c->cols;
  double *y = alloc_d(n), *mean = alloc_d(nc), *var = alloc_d(nc), *inv = alloc_d(nc);
  forward64(x, y, mean, var, inv, gamma, beta, c->rows, c->cols, EPS);
  double loss = 0.0;
  for (size_t i = 0; i < n; i++) loss += (double)c->dy[i] * y[i];
  free(y); free(mean); free(var); free(inv);
  return loss;
}

/* The float32 scalar kernel's own forward, loss summed in double. */
static double loss32(const bn_case *c, const float *x, const float *gamma, const float *beta) {
  const size_t n = (size_t)c->rows * c->cols, nc = (size_t)c->cols;
  float *y = alloc_f(n), *mean = alloc_f(nc), *var = alloc_f(nc), *inv = alloc_f(nc);
  st_kernels_scalar.bn_forward_train(x, y, mean, var, inv, gamma, beta, c->rows, c->cols, EPS);
  double loss = 0.0;
  for (size_t i = 0; i < n; i++) loss += (double)c->dy[i] * y[i];
  free(y); free(mean); free(var); free(inv);
  return loss;
}

static void check_fd(const char *ctx, const char *what, const float *got, const double *fd, size_t n, double rtol) {
  double scale = 0.0;
  for (size_t i = 0; i < n; i++) scale = fmax(scale, fabs(fd[i]));
  for (size_t i = 0; i < n; i++) {
    const double tol = rtol * (fabs(fd[i]) + scale) + 1e-9;
    if (!(fabs(got[i] - fd[i]) <= tol)) fail(ctx, what, i, got[i], fd[i], tol);
  }
}

static void test_gradcheck(void) {
  static const int SHAPES[][2] = {{2, 1}, {2, 3}, {3, 2}, {5, 3}, {8, 5}, {16, 6}};
  char ctx[160];
  for (size_t s = 0; s < sizeof SHAPES / sizeof SHAPES[0]; s++)
    for (int affine = 0; affine < 4; affine++) {
      const int rows = SHAPES[s][0], cols = SHAPES[s][1];
      const size_t n = (size_t)rows * cols, nc = (size_t)cols;
      bn_case c;
      case_init(&c, rows, cols, affine & 1, affine & 2, 0.2f, 1.0f);
      case_run(&st_kernels_scalar, &c);
      /* float64 forward, h = 1e-6 */
      double *x = alloc_d(n), *gamma = c.gamma ? alloc_d(nc) : NULL, *beta = c.beta ? alloc_d(nc) : NULL;
      for (size_t i = 0; i < n; i++) x[i] = c.x[i];
      for (size_t j = 0; j < nc; j++) {
        if (gamma) gamma[j] = c.gamma[j];
        if (beta) beta[j] = c.beta[j];
      }
      for (int p = PX; p <= PBETA; p++) {
        double *v = p == PX ? x : p == PGAMMA ? gamma : beta;
        if (!v) continue;
        const size_t m = p == PX ? n : nc;
        double *fd = alloc_d(m);
        for (size_t i = 0; i < m; i++) {
          const double h = 1e-6, keep = v[i];
          v[i] = keep + h;
          const double up = loss64(&c, x, gamma, beta);
          v[i] = keep - h;
          const double down = loss64(&c, x, gamma, beta);
          v[i] = keep;
          fd[i] = (up - down) / (2 * h);
        }
        snprintf(ctx, sizeof ctx, "scalar bn_backward vs float64 finite differences rows=%d cols=%d gamma=%d beta=%d",
                 rows, cols, affine & 1, !!(affine & 2));
        check_fd(ctx, PNAME[p], p == PX ? c.dx : p == PGAMMA ? c.dgamma : c.dbeta, fd, m, 1e-4);
        free(fd);
      }
      /* the float32 kernel itself, h = 1e-2 */
      for (int p = PX; p <= PBETA; p++) {
        float *v = p == PX ? c.x : p == PGAMMA ? c.gamma : c.beta;
        if (!v) continue;
        const size_t m = p == PX ? n : nc;
        double *fd = alloc_d(m);
        for (size_t i = 0; i < m; i++) {
          const float h = 1e-2f, keep = v[i];
          v[i] = keep + h;
          const double up = loss32(&c, c.x, c.gamma, c.beta);
          const double h_up = (double)v[i] - keep;
          v[i] = keep - h;
          const double down = loss32(&c, c.x, c.gamma, c.beta);
          const double h_down = keep - (double)v[i];
          v[i] = keep;
          fd[i] = (up - down) / (h_up + h_down);
        }
        snprintf(ctx, sizeof ctx, "scalar bn_backward vs float32 finite differences rows=%d cols=%d gamma=%d beta=%d",
                 rows, cols, affine & 1, !!(affine & 2));
        check_fd(ctx, PNAME[p], p == PX ? c.dx : p == PGAMMA ? c.dgamma : c.dbeta, fd, m, 1e-2);
        free(fd);
      }
      free(x); free(gamma); free(beta);
      case_free(&c);
    }
}

/* dx aliasing dy, and NULL dgamma/dbeta/dx, against the plain call on t itself (bits). */
static void check_backward_variants(const st_kernels *t, const bn_case *c, const char *ctx) {
  const size_t n = (size_t)c->rows * c->cols, nc = (size_t)c->cols;
  float *alias = copy_f(c->dy, n), *dx = alloc_f(n), *dgamma = alloc_f(nc), *dbeta = alloc_f(nc);
  backward(t, c->x, alias, alias, dgamma, dbeta, c->mean, c->inv_std, c->gamma, c->rows, c->cols);
  compare_bits(ctx, "dx (aliasing dy)", alias, c->dx, n);
  compare_bits(ctx, "dgamma (dx aliasing dy)", dgamma, c->dgamma, nc);
  compare_bits(ctx, "dbeta (dx aliasing dy)", dbeta, c->dbeta, nc);
  backward(t, c->x, c->dy, dx, NULL, NULL, c->mean, c->inv_std, c->gamma, c->rows, c->cols);
  compare_bits(ctx, "dx (dgamma, dbeta NULL)", dx, c->dx, n);
  backward(t, c->x, c->dy, dx, NULL, dbeta, c->mean, c->inv_std, c->gamma, c->rows, c->cols);
  compare_bits(ctx, "dbeta (dgamma NULL)", dbeta, c->dbeta, nc);
  backward(t, c->x, c->dy, NULL, dgamma, NULL, c->mean, c->inv_std, c->gamma, c->rows, c->cols);
  compare_bits(ctx, "dgamma (dx, dbeta NULL)", dgamma, c->dgamma, nc);
  free(alias); free(dx); free(dgamma); free(dbeta);
}

static void test_backward_variants_scalar(void) {
  char ctx[128];
  for (int rows = 1; rows <= 7; rows += 3)
    for (int cols = 1; cols <= 6; cols++)
      for (int affine = 0; affine < 4; affine++) {
        bn_case c;
        case_init(&c, rows, cols, affine & 1, affine & 2, 0.0f, 1.0f);
        case_run(&st_kernels_scalar, &c);
        snprintf(ctx, sizeof ctx, "scalar bn_backward variants rows=%d cols=%d gamma=%d", rows, cols, affine & 1);
        check_backward_variants(&st_kernels_scalar, &c, ctx);
        case_free(&c);
      }
}

#ifdef __wasm_simd128__
/* ---- SIMD vs scalar, bit for bit ---- */
static void test_simd(void) {
  static const int ROWS[] = {1, 2, 3, 5, 64};
  static const int WIDE[] = {255, 256, 257, 515}; /* around and across ST_BN_STRIP strips */
  const int ncols = 4 * 4 + 3 + (int)(sizeof WIDE / sizeof WIDE[0]);
  char ctx[160];
  for (size_t ri = 0; ri < sizeof ROWS / sizeof ROWS[0]; ri++)
    for (int ci = 0; ci < ncols; ci++)
      for (int affine = 0; affine < 4; affine++) {
        const int rows = ROWS[ri], cols = ci < 4 * 4 + 3 ? ci + 1 : WIDE[ci - (4 * 4 + 3)];
        const size_t n = (size_t)rows * cols, nc = (size_t)cols;
        bn_case s, v;
        case_init(&s, rows, cols, affine & 1, affine & 2, (float)(cols % 3), 1.0f);
        v = s; /* same inputs, own outputs */
        v.y = alloc_f(n); v.dx = alloc_f(n);
        v.mean = alloc_f(nc); v.var = alloc_f(nc); v.inv_std = alloc_f(nc); v.dgamma = alloc_f(nc); v.dbeta = alloc_f(nc);
        case_run(&st_kernels_scalar, &s);
        case_run(&st_kernels_wasmsimd, &v);
        snprintf(ctx, sizeof ctx, "wasmsimd bn vs scalar (bits) rows=%d cols=%d gamma=%d beta=%d", rows, cols,
                 affine & 1, !!(affine & 2));
        compare_bits(ctx, "mean", v.mean, s.mean, nc);
        compare_bits(ctx, "var", v.var, s.var, nc);
        compare_bits(ctx, "inv_std", v.inv_std, s.inv_std, nc);
        compare_bits(ctx, "y", v.y, s.y, n);
        compare_bits(ctx, "dx", v.dx, s.dx, n);
        compare_bits(ctx, "dgamma", v.dgamma, s.dgamma, nc);
        compare_bits(ctx, "dbeta", v.dbeta, s.dbeta, nc);
        /* SIMD backward on the scalar statistics, with aliasing and NULL outputs */
        check_backward_variants(&st_kernels_wasmsimd, &s, ctx);
        /* inference with moving statistics */
        float *ys = alloc_f(n), *yv = alloc_f(n);
        fill(s.mean, nc, -1.0f, 1.0f);
        fill(s.var, nc, 0.0f, 2.0f);
        st_kernels_scalar.bn_forward_infer(s.x, ys, s.mean, s.var, s.gamma, s.beta, rows, cols, EPS);
        st_kernels_wasmsimd.bn_forward_infer(s.x, yv, s.mean, s.var, s.gamma, s.beta, rows, cols, EPS);
        compare_bits(ctx, "y (inference)", yv, ys, n);
        free(ys); free(yv);
        free(v.y); free(v.dx); free(v.mean); free(v.var); free(v.inv_std); free(v.dgamma); free(v.dbeta);
        case_free(&s);
      }
}
#endif

int main(void) {
  check_seed(0x6b43a9b5u);
  test_scalar_vs_f64();
  test_infer(&st_kernels_scalar);
  test_batch_of_one(&st_kernels_scalar);
  test_gradcheck();
  test_backward_variants_scalar();
#ifdef __wasm_simd128__
  test_infer(&st_kernels_wasmsimd);
  test_batch_of_one(&st_kernels_wasmsimd);
  test_simd();
#endif
  printf("test_batchnorm: active kernel table %s\n", st_kernels_active()->name);
  return check_report("test_batchnorm");
}
