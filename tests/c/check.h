/* check.h — the few assertion helpers the C tests share: count failures, print what was
 * expected and what was got, and let main() return the failure count. */
#ifndef ST_TEST_CHECK_H
#define ST_TEST_CHECK_H

#include <math.h>
#include <stdio.h>

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

static inline int check_report(const char *name) {
  if (check_failures) fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
  else printf("%s: all checks passed\n", name);
  return check_failures ? 1 : 0;
}

#endif
