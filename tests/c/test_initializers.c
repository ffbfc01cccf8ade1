/* test_initializers.c — the two initializers added with the vocabulary: lecun_uniform stays
 * within sqrt(3 / fan_in) with variance 1 / fan_in; orthogonal (Keras 3 OrthogonalInitializer)
 * gives orthonormal columns (QᵀQ = I) for square and tall kernels and orthonormal rows
 * (QQᵀ = I) for wide ones, repeats for a seed, and is refused for a vector weight. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "initializers.h"
#include "simdtrain.h"

static void test_lecun_uniform(void) {
  enum { FAN_IN = 50, FAN_OUT = 40, N = FAN_IN * FAN_OUT };
  static float w[N];
  st_rng rng;
  st_rng_seed(&rng, 7, 1);
  CHECK(st_initialize(ST_INIT_LECUN_UNIFORM, w, FAN_IN, FAN_OUT, N, &rng) == ST_OK, "lecun_uniform failed");
  const double limit = sqrt(3.0 / FAN_IN);
  double sum = 0, sq = 0;
  for (int i = 0; i < N; i++) {
    CHECK(fabs(w[i]) <= limit, "w[%d] = %g outside ±%g", i, w[i], limit);
    sum += w[i], sq += (double)w[i] * w[i];
  }
  const double mean = sum / N, var = sq / N - mean * mean;
  CHECK(fabs(mean) < 0.01, "mean %g", mean);
  CHECK(close_enough(var, 1.0 / FAN_IN, 0.08, 0), "variance %g, want %g", var, 1.0 / FAN_IN);
}

/* Max |(AᵀA or AAᵀ) - I| of a [rows, cols] matrix over its shorter side. */
static double orthonormality_error(const float *a, int rows, int cols) {
  const int wide = rows < cols, k = wide ? rows : cols, len = wide ? cols : rows;
  double worst = 0;
  for (int p = 0; p < k; p++)
    for (int q = 0; q < k; q++) {
      double dot = 0;
      for (int i = 0; i < len; i++)
        dot += wide ? (double)a[p * cols + i] * a[q * cols + i] : (double)a[i * cols + p] * a[i * cols + q];
      worst = fmax(worst, fabs(dot - (p == q)));
    }
  return worst;
}

static void test_orthogonal(int rows, int cols) {
  float *a = malloc(sizeof(float) * (size_t)rows * cols), *b = malloc(sizeof(float) * (size_t)rows * cols);
  st_rng rng;
  st_rng_seed(&rng, 42, 3);
  CHECK(st_initialize(ST_INIT_ORTHOGONAL, a, rows, cols, rows * cols, &rng) == ST_OK, "orthogonal %dx%d failed", rows, cols);
  const double err = orthonormality_error(a, rows, cols);
  CHECK(err < 1e-5, "orthogonal %dx%d: max |QᵀQ - I| = %g", rows, cols, err);
  st_rng_seed(&rng, 42, 3);
  st_initialize(ST_INIT_ORTHOGONAL, b, rows, cols, rows * cols, &rng);
  int same = 1;
  for (int i = 0; i < rows * cols; i++) same &= a[i] == b[i];
  CHECK(same, "orthogonal %dx%d differs between two runs with one seed", rows, cols);
  free(a);
  free(b);
}

static void test_orthogonal_refused_for_vectors(void) {
  st_model *m = st_model_create(1, 4);
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 3, 1, ST_INIT_ORTHOGONAL, ST_INIT_ORTHOGONAL, ST_ACT_LINEAR, 0) == ST_E_ARGUMENT,
        "orthogonal bias accepted");
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 3, 1, ST_INIT_ORTHOGONAL, ST_INIT_ZEROS, ST_ACT_LINEAR, 0) == ST_OK, "orthogonal kernel: %s",
        st_error_message());
  CHECK(st_model_build(m) == ST_OK, "build: %s", st_error_message());
  CHECK(orthonormality_error(st_model_weight_values(m, 0), 4, 3) < 1e-5, "dense kernel not orthonormal");
  st_model_free(m);
}

int main(void) {
  test_lecun_uniform();
  test_orthogonal(16, 16);
  test_orthogonal(37, 5);
  test_orthogonal(5, 37);
  test_orthogonal(1, 9);
  test_orthogonal(64, 63);
  test_orthogonal_refused_for_vectors();
  return check_report("test_initializers");
}
