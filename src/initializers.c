/* initializers.c — Keras 3 VarianceScaling family and constants.
 *
 *   glorotUniform  U(-l, l), l = sqrt(6 / (fan_in + fan_out))
 *   glorotNormal   truncated N(0, s), s = sqrt(2 / (fan_in + fan_out)) / 0.87962566103423978
 *   heNormal       truncated N(0, s), s = sqrt(2 / fan_in) / 0.87962566103423978
 *   heUniform      U(-l, l), l = sqrt(6 / fan_in)
 *   lecunNormal    truncated N(0, s), s = sqrt(1 / fan_in) / 0.87962566103423978
 *   lecunUniform   U(-l, l), l = sqrt(3 / fan_in)
 * The truncated normal redraws values beyond two standard deviations; 0.8796... is the
 * standard deviation of a unit normal truncated to [-2, 2], which Keras divides out.
 *   orthogonal     Keras 3 OrthogonalInitializer (random_initializers.py), gain 1: for a
 *                  [rows, cols] kernel, a = N(0, 1) of shape (max, min) of rows and cols
 *                  (drawn row-major); q, r = QR(a) (Householder, in double); q *= sign(diag r);
 *                  transposed when rows < cols. Rank-1 weights are refused (as in Keras). */
#include "initializers.h"

#include <math.h>
#include <stddef.h>

#include "error.h"
#include "memory.h"
#include "simdtrain.h"

#define TRUNCATED_NORMAL_STDDEV_CORRECTION 0.87962566103423978

static void fill_uniform(float *v, int count, double limit, st_rng *rng) {
  for (int i = 0; i < count; i++) v[i] = (float)((2.0 * st_rng_uniform(rng) - 1.0) * limit);
}

static void fill_truncated_normal(float *v, int count, double stddev, st_rng *rng) {
  for (int i = 0; i < count; i++) {
    double z;
    do z = st_rng_normal(rng); while (z < -2.0 || z > 2.0);
    v[i] = (float)(z * stddev);
  }
}

static void fill_constant(float *v, int count, float value) {
  for (int i = 0; i < count; i++) v[i] = value;
}

/* Householder QR of a [m, n] row-major (m >= n): returns the thin Q [m, n] in q with its
 * columns multiplied by sign(r_jj), so that the factorisation is the one with a positive
 * diagonal of R (what Keras's q * sign(diag(r)) makes of any QR routine's result). a is
 * overwritten with the reflectors. */
static void orthonormal_columns(double *a, double *q, double *sign, size_t m, size_t n) {
  for (size_t k = 0; k < n; k++) {
    double norm = 0.0;
    for (size_t i = k; i < m; i++) norm += a[i * n + k] * a[i * n + k];
    norm = sqrt(norm);
    const double x0 = a[k * n + k];
    const double r_kk = x0 > 0.0 ? -norm : norm; /* alpha = -sign(x0) ||x||: no cancellation */
    sign[k] = r_kk > 0.0 ? 1.0 : r_kk < 0.0 ? -1.0 : 0.0;
    a[k * n + k] = x0 - r_kk; /* v = x - alpha e1, stored in place of column k */
    double vv = 0.0;
    for (size_t i = k; i < m; i++) vv += a[i * n + k] * a[i * n + k];
    if (vv == 0.0) continue;
    for (size_t j = k + 1; j < n; j++) { /* A[k:, j] -= 2 v (v·A[k:, j]) / (v·v) */
      double dot = 0.0;
      for (size_t i = k; i < m; i++) dot += a[i * n + k] * a[i * n + j];
      const double f = 2.0 * dot / vv;
      for (size_t i = k; i < m; i++) a[i * n + j] -= f * a[i * n + k];
    }
  }
  /* Q = H_0 H_1 ... H_{n-1} I[:, :n], applied from the last reflector to the first. */
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++) q[i * n + j] = i == j ? 1.0 : 0.0;
  for (size_t k = n; k-- > 0;) {
    double vv = 0.0;
    for (size_t i = k; i < m; i++) vv += a[i * n + k] * a[i * n + k];
    if (vv == 0.0) continue;
    for (size_t j = 0; j < n; j++) {
      double dot = 0.0;
      for (size_t i = k; i < m; i++) dot += a[i * n + k] * q[i * n + j];
      const double f = 2.0 * dot / vv;
      for (size_t i = k; i < m; i++) q[i * n + j] -= f * a[i * n + k];
    }
  }
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++) q[i * n + j] *= sign[j];
}

static int fill_orthogonal(float *v, int rows, int cols, st_rng *rng) {
  const size_t m = (size_t)(rows > cols ? rows : cols), n = (size_t)(rows > cols ? cols : rows);
  size_t matrix, bytes;
  if (st_mul_size(m, n, &matrix) != ST_OK || st_mul_size(matrix, 2 * sizeof(double), &bytes) != ST_OK ||
      st_add_size(bytes, n * sizeof(double), &bytes) != ST_OK)
    return st_fail(ST_E_NOMEM, "orthogonal initializer: a %d x %d kernel is too large", rows, cols);
  double *a = st_malloc(bytes);
  if (!a) return st_fail(ST_E_NOMEM, "orthogonal initializer: out of memory for a %d x %d kernel", rows, cols);
  double *q = a + matrix, *sign = q + matrix;
  for (size_t i = 0; i < matrix; i++) a[i] = st_rng_normal(rng);
  orthonormal_columns(a, q, sign, m, n);
  for (size_t i = 0; i < (size_t)rows; i++)
    for (size_t j = 0; j < (size_t)cols; j++)
      v[i * (size_t)cols + j] = (float)(rows < cols ? q[j * n + i] : q[i * n + j]);
  st_mfree(a);
  return ST_OK;
}

int st_initializer_allows_vector(int initializer) { return initializer != ST_INIT_ORTHOGONAL; }

int st_initialize(int initializer, float *values, int fan_in, int fan_out, int count,
                  st_rng *rng) {
  double fan_avg = 0.5 * (fan_in + fan_out);
  switch (initializer) {
    case ST_INIT_GLOROT_UNIFORM: fill_uniform(values, count, sqrt(3.0 / fan_avg), rng); break;
    case ST_INIT_GLOROT_NORMAL:
      fill_truncated_normal(values, count, sqrt(1.0 / fan_avg) / TRUNCATED_NORMAL_STDDEV_CORRECTION, rng);
      break;
    case ST_INIT_HE_NORMAL:
      fill_truncated_normal(values, count, sqrt(2.0 / fan_in) / TRUNCATED_NORMAL_STDDEV_CORRECTION, rng);
      break;
    case ST_INIT_HE_UNIFORM: fill_uniform(values, count, sqrt(6.0 / fan_in), rng); break;
    case ST_INIT_LECUN_NORMAL:
      fill_truncated_normal(values, count, sqrt(1.0 / fan_in) / TRUNCATED_NORMAL_STDDEV_CORRECTION, rng);
      break;
    case ST_INIT_LECUN_UNIFORM: fill_uniform(values, count, sqrt(3.0 / fan_in), rng); break;
    case ST_INIT_ORTHOGONAL: return fill_orthogonal(values, fan_in, fan_out, rng);
    case ST_INIT_ONES: fill_constant(values, count, 1.0f); break;
    default: fill_constant(values, count, 0.0f); break;
  }
  return ST_OK;
}
