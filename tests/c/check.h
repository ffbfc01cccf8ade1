/* check.h — the one harness of the C tests: CHECK counts failures and prints what was
 * expected and what was got; fail() reports one element of an array comparison (at most
 * CHECK_MAX_REPORTS lines); a seeded xorshift32 (frand, fill) makes the inputs; alloc_f,
 * bits and compare_bits are the buffer helpers; ADD_LAYER writes a layer's parameter list
 * inline; main() returns check_report(name). */
#ifndef ST_TEST_CHECK_H
#define ST_TEST_CHECK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures = 0;

#define CHECK(cond, ...)                                                   \
  do {                                                                     \
    if (!(cond)) {                                                         \
      check_failures++;                                                    \
      fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                        \
      fprintf(stderr, "\n");                                               \
    }                                                                      \
  } while (0)

/* |got - want| <= abs_tol + rel_tol * max(|got|, |want|) */
static inline int close_enough(double got, double want, double rel_tol, double abs_tol) {
  double scale = fmax(fabs(got), fabs(want));
  return fabs(got - want) <= abs_tol + rel_tol * scale;
}

#define CHECK_MAX_REPORTS 20

/* One failed element: ctx names the case (kernel, sizes), what the array. */
static inline void fail(const char *ctx, const char *what, size_t idx, double got, double want, double tol) {
  if (check_failures++ < CHECK_MAX_REPORTS)
    fprintf(stderr, "FAIL %s [%s] index %zu: got %.9g, expected %.9g (tol %.3g)\n", ctx, what, idx, got, want, tol);
}

/* ---- deterministic inputs: xorshift32 (Marsaglia 2003), seeded per test ---- */
static unsigned check_rng = 0x9e3779b9u;
static inline void check_seed(unsigned seed) { check_rng = seed; }
static inline float frand(float lo, float hi) {
  check_rng ^= check_rng << 13;
  check_rng ^= check_rng >> 17;
  check_rng ^= check_rng << 5;
  return lo + (hi - lo) * (float)(check_rng >> 8) * (1.0f / 16777216.0f);
}
static inline void fill(float *p, size_t n, float lo, float hi) {
  for (size_t i = 0; i < n; i++) p[i] = frand(lo, hi);
}

/* ---- buffers ---- */
static inline float *alloc_f(size_t n) {
  float *p = malloc((n ? n : 1) * sizeof(float));
  if (!p) {
    fprintf(stderr, "FAIL out of memory (%zu floats)\n", n);
    exit(2);
  }
  return p;
}
static inline uint32_t bits(float x) {
  uint32_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}
/* Equal bits, or both NaN (wasm leaves a NaN's sign and payload unspecified). */
static inline void compare_bits(const char *ctx, const char *what, const float *got, const float *want, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (isnan(got[i]) && isnan(want[i])) continue;
    if (bits(got[i]) != bits(want[i])) fail(ctx, what, i, got[i], want[i], 0);
  }
}

/* st_model_add_layer(m, kind, {params...}, count) with the parameters inline (at least one;
 * Flatten, which takes none, is st_model_add_layer(m, ST_LAYER_FLATTEN, NULL, 0)). */
#define ADD_LAYER(m, kind, ...)                                 \
  st_model_add_layer((m), (kind), (const double[]){__VA_ARGS__}, \
                     (int)(sizeof((const double[]){__VA_ARGS__}) / sizeof(double)))

static inline int check_report(const char *name) {
  if (check_failures) fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
  else printf("%s: all checks passed\n", name);
  return check_failures ? 1 : 0;
}

#endif
