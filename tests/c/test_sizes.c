/* test_sizes.c — checked size arithmetic (memory.h) and the 2 GiB limit (issue 10, finding
 * 2): st_mul_size/st_add_size refuse what does not fit in size_t; models whose weights or
 * batch workspace pass 2^31 bytes are refused with a message naming the layer and the
 * numbers, and stay usable; counts that cannot be addressed are refused before any memory
 * is touched. Nothing here allocates more than a few MiB. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "memory.h"
#include "simdtrain.h"

static void test_helpers(void) {
  size_t out = 7;
  CHECK(st_mul_size(SIZE_MAX / 2 + 1, 2, &out) == ST_E_NOMEM && out == 7, "SIZE_MAX/2+1 x 2 accepted");
  CHECK(st_mul_size(SIZE_MAX, 1, &out) == ST_OK && out == SIZE_MAX, "SIZE_MAX x 1");
  CHECK(st_mul_size(0, SIZE_MAX, &out) == ST_OK && out == 0, "0 x SIZE_MAX");
  CHECK(st_add_size(SIZE_MAX, 1, &out) == ST_E_NOMEM, "SIZE_MAX + 1 accepted");
  CHECK(st_add_size(SIZE_MAX - 1, 1, &out) == ST_OK && out == SIZE_MAX, "SIZE_MAX - 1 + 1");
  CHECK(st_mul_size((size_t)65536, (size_t)65535, &out) == ST_OK, "65536 x 65535");
  CHECK(st_malloc(ST_MAX_BYTES) == NULL, "2^31 bytes allocated");
  CHECK(st_malloc(ST_MAX_BYTES + 1) == NULL, "2^31 + 1 bytes allocated");
  CHECK(st_calloc(SIZE_MAX / 2, 4) == NULL, "overflowing calloc allocated");
  CHECK(st_alloc(-1) == NULL && strstr(st_error_message(), "bytes must be in"), "st_alloc(-1): %s", st_error_message());
}

/* A one-Dense model of in x units that must refuse to build, naming layer `layer`. */
static void check_refused(int in, int units, const char *want) {
  st_model *m = st_model_create(1, in);
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, units, 1, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0) == ST_OK, "%s", st_error_message());
  const double before = st_heap_bytes_in_use();
  CHECK(st_model_build(m) == ST_E_NOMEM, "Dense %d x %d built", in, units);
  CHECK(strstr(st_error_message(), want) != NULL, "Dense %d x %d: message '%s' lacks '%s'", in, units, st_error_message(), want);
  CHECK(st_heap_bytes_in_use() == before, "a refused build kept %g bytes", st_heap_bytes_in_use() - before);
  /* Still usable: it can be freed, and a fresh small model builds after it. */
  st_model_free(m);
}

static void test_weight_limit(void) {
  check_refused(100000, 1000000, "layer 0 (Dense): 100000 x 1000000 weights = 8.0e+11 bytes exceeds the 2 GiB limit");
  check_refused(65536, 65536, "layer 0 (Dense): 65536 x 65536 weights");      /* 2^32 floats */
  check_refused(65537, 65535, "layer 0 (Dense): 65537 x 65535 weights");      /* 2^32 - 1 floats */
  check_refused(65537, 65537, "layer 0 (Dense): 65537 x 65537 weights");      /* 2^32 + 2^17 + 1 */
  /* 2^31 bytes of weights and gradients, plus the block's spare float: just over. */
  check_refused(16384, 16384, "layer 0 (Dense): the model's weights and gradients up to it need 2.1e+09 bytes");
  /* Each layer under the limit, the model over it: the message names the layer that passes it. */
  st_model *m = st_model_create(1, 8192);
  ADD_LAYER(m, ST_LAYER_DENSE, 8192, 0, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0); /* 2^26 floats, 0.5 GiB with gradients */
  ADD_LAYER(m, ST_LAYER_DENSE, 8192, 0, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  ADD_LAYER(m, ST_LAYER_DENSE, 8192, 0, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  ADD_LAYER(m, ST_LAYER_DENSE, 8192, 0, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  CHECK(st_model_build(m) == ST_E_NOMEM && strstr(st_error_message(), "layer 3 (Dense)"), "4 x 0.5 GiB: %s", st_error_message());
  st_model_free(m);
}

static void test_workspace_limit(void) {
  st_model *m = st_model_create(1, 1);
  ADD_LAYER(m, ST_LAYER_DENSE, 1 << 20, 1, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_RELU, 0);
  ADD_LAYER(m, ST_LAYER_DENSE, 1, 1, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  CHECK(st_model_build(m) == ST_OK, "%s", st_error_message());
  static float x[400], out[400];
  CHECK(st_model_predict(m, x, 342, out, 0) == ST_E_NOMEM, "342 rows of 2^20 units predicted");
  CHECK(strstr(st_error_message(), "2 GiB limit") != NULL, "message: %s", st_error_message());
  CHECK(st_model_predict(m, x, 400, out, 1) == ST_E_NOMEM && strstr(st_error_message(), "rows"), "training predict: %s",
        st_error_message());
  CHECK(st_model_predict(m, x, 2, out, 0) == ST_OK, "model unusable after a refused batch: %s", st_error_message());
  CHECK(st_model_predict(m, x, INT32_MAX, out, 0) != ST_OK, "INT32_MAX rows accepted");
  st_model_free(m);
}

static void test_counts(void) {
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.1);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0.5);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  st_model *m = st_model_create(1, 1024);
  ADD_LAYER(m, ST_LAYER_DENSE, 1, 1, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  st_model_build(m);
  st_model_compile(m, ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, opt);
  float x[1024] = {0}, y[4] = {0};
  double logs[12];
  /* 2^21 rows x 1024 features = 2^33 bytes: x cannot be that large, refuse before reading it. */
  CHECK(st_model_fit_begin(m, x, y, 1 << 21, 32) == ST_E_ARGUMENT && strstr(st_error_message(), "x: 2097152 rows"),
        "fit over 2 GiB of x: %s", st_error_message());
  CHECK(st_model_evaluate(m, x, y, NULL, INT32_MAX, 32, logs) == ST_E_ARGUMENT, "evaluate INT32_MAX rows accepted");
  CHECK(st_model_fit_begin(m, x, y, 1, 1) == ST_OK, "%s", st_error_message());
  CHECK(st_model_fit_run(m, 0, INT32_MAX, logs) == ST_E_ARGUMENT, "fit_run count INT32_MAX accepted");
  CHECK(st_model_fit_run(m, INT32_MAX, 1, logs) == ST_E_ARGUMENT, "fit_run first INT32_MAX accepted");
  CHECK(st_model_fit_run(m, 0, 1, logs) == ST_OK, "%s", st_error_message());
  /* Optimizer slots over 2 GiB: 1024 arrays of 2^21 floats (never touched: refused first). */
  static int32_t sizes[1024];
  static float *params[1024];
  static const float *grads[1024];
  for (int i = 0; i < 1024; i++) sizes[i] = 1 << 21, params[i] = x, grads[i] = x;
  st_optimizer *big = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(big, ST_HP_LEARNING_RATE, 0.1);
  st_optimizer_set(big, ST_HP_MOMENTUM, 0.5);
  st_optimizer_set(big, ST_HP_NESTEROV, 0);
  CHECK(st_optimizer_step(big, 1024, params, grads, sizes) == ST_E_NOMEM && strstr(st_error_message(), "2 GiB"),
        "2^31 slot floats: %s", st_error_message());
  st_optimizer_free(big);
  st_model_free(m);
  st_optimizer_free(opt);
}

int main(void) {
  test_helpers();
  test_weight_limit();
  test_workspace_limit();
  test_counts();
  return check_report("test_sizes");
}
