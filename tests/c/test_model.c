/* test_model.c — the model lifecycle through the public C API: XOR trains to zero error
 * with SGD through fit; a seed fixes every weight (same seed → identical bytes, other
 * seed → different); initializers have Keras's scale; bad arguments return an error
 * status with a message instead of aborting, and leave the model usable; every layer
 * kind's parameter list is checked by st_model_add_layer, naming the class and argument. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "simdtrain.h"

static const float xor_x[] = {0, 0, 0, 1, 1, 0, 1, 1};
static const float xor_y[] = {0, 1, 1, 0};

static st_model *xor_model_flatten(uint32_t seed, st_optimizer *opt, int flatten) {
  st_model *m = st_model_create(seed, 2);
  ADD_LAYER(m, ST_LAYER_DENSE, 8, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_TANH, 0);
  if (flatten) CHECK(st_model_add_layer(m, ST_LAYER_FLATTEN, NULL, 0) == ST_OK, "%s", st_error_message());
  ADD_LAYER(m, ST_LAYER_DENSE, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_SIGMOID, 0);
  st_model_build(m);
  st_model_compile(m, ST_LOSS_BINARY_CROSSENTROPY, 0, 1.0f, opt);
  return m;
}

static st_model *xor_model(uint32_t seed, st_optimizer *opt) { return xor_model_flatten(seed, opt, 0); }

static float train_xor(st_model *m, int epochs) {
  double logs[3 * 4], out[2];
  const double threshold = 0.5;
  CHECK(st_model_add_metric(m, ST_METRIC_BINARY_ACCURACY, 0, &threshold, 1) == ST_OK, "%s", st_error_message());
  CHECK(st_model_fit_begin(m, xor_x, xor_y, 4, 2) == ST_OK, "%s", st_error_message());
  for (int e = 0; e < epochs; e++) {
    st_model_fit_epoch_begin(m, 1);
    st_model_fit_run(m, 0, st_model_fit_batches(m), logs);
  }
  st_model_evaluate(m, xor_x, xor_y, NULL, 4, 4, out);
  CHECK(out[1] == 1.0, "XOR accuracy %g after %d epochs (loss %g)", out[1], epochs, out[0]);
  CHECK(logs[2 * 3 - 1] == 1.0, "fit's last batch log: epoch accuracy %g", logs[5]);
  st_model_clear_metrics(m);
  return (float)out[0];
}

static void test_xor_and_determinism(void) {
  st_optimizer *a = st_optimizer_create(ST_OPT_SGD), *b = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(a, ST_HP_LEARNING_RATE, 0.5);
  st_optimizer_set(b, ST_HP_LEARNING_RATE, 0.5);
  st_optimizer_set(a, ST_HP_MOMENTUM, 0.9);
  st_optimizer_set(b, ST_HP_MOMENTUM, 0.9);
  st_optimizer_set(a, ST_HP_NESTEROV, 0);
  st_optimizer_set(b, ST_HP_NESTEROV, 0);
  st_model *m1 = xor_model(42, a), *m2 = xor_model(42, b);
  float loss = train_xor(m1, 300);
  CHECK(loss < 0.05f, "XOR loss %g, expected < 0.05", loss);
  train_xor(m2, 300);
  CHECK(st_optimizer_iterations(a) == 600.0, "iterations %g, expected 600", st_optimizer_iterations(a));
  for (int w = 0; w < st_model_weight_count(m1); w++) {
    size_t n = (size_t)st_model_weight_rows(m1, w) * st_model_weight_cols(m1, w);
    CHECK(memcmp(st_model_weight_values(m1, w), st_model_weight_values(m2, w), n * sizeof(float)) == 0,
          "same seed gave different weights in array %d", w);
  }
  st_model *m3 = xor_model(43, a);
  CHECK(memcmp(st_model_weight_values(m1, 0), st_model_weight_values(m3, 0), 16 * sizeof(float)) != 0,
        "seeds 42 and 43 gave the same initial kernel");
  st_model_free(m1);
  st_model_free(m2);
  st_model_free(m3);
  st_optimizer_free(a);
  st_optimizer_free(b);
}

/* Sample statistics of large initialisations against Keras's formulas. */
static void test_initializer_scale(void) {
  const int in = 400, out = 600;
  struct { int init; double want_std; } cases[] = {
    {ST_INIT_GLOROT_UNIFORM, sqrt(2.0 / (in + out))}, /* U(-l, l): std = l / sqrt(3) */
    {ST_INIT_GLOROT_NORMAL, sqrt(2.0 / (in + out))},
    {ST_INIT_HE_NORMAL, sqrt(2.0 / in)},
    {ST_INIT_HE_UNIFORM, sqrt(2.0 / in)},
    {ST_INIT_LECUN_NORMAL, sqrt(1.0 / in)},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    st_model *m = st_model_create(1, in);
    ADD_LAYER(m, ST_LAYER_DENSE, out, 1, cases[c].init, ST_INIT_ONES, ST_ACT_LINEAR, 0);
    st_model_build(m);
    const float *k = st_model_weight_values(m, 0);
    double sum = 0, sq = 0, max = 0;
    for (int i = 0; i < in * out; i++) sum += k[i], sq += (double)k[i] * k[i], max = fmax(max, fabs(k[i]));
    double mean = sum / (in * out), std = sqrt(sq / (in * out) - mean * mean);
    CHECK(fabs(mean) < 0.01 * cases[c].want_std * 10, "initializer %d mean %g", cases[c].init, mean);
    CHECK(close_enough(std, cases[c].want_std, 0.01, 0), "initializer %d std %g, want %g", cases[c].init, std,
          cases[c].want_std);
    CHECK(max <= 2.0 * cases[c].want_std / 0.87962566103423978 + 1e-6 || cases[c].init == ST_INIT_GLOROT_UNIFORM ||
              cases[c].init == ST_INIT_HE_UNIFORM,
          "truncated normal initializer %d produced |w| = %g beyond 2 stddev", cases[c].init, max);
    CHECK(st_model_weight_values(m, 1)[0] == 1.0f, "ones bias initializer");
    st_model_free(m);
  }
}

static void test_bad_arguments(void) {
  CHECK(st_model_create(1, 0) == NULL, "input features 0 accepted");
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  CHECK(st_optimizer_set(opt, ST_HP_LEARNING_RATE, -1) == ST_E_ARGUMENT, "negative learning rate accepted");
  CHECK(strstr(st_error_message(), "learning_rate") != NULL, "message: %s", st_error_message());
  CHECK(st_optimizer_set(opt, ST_HP_MOMENTUM, 1.5) == ST_E_ARGUMENT, "momentum 1.5 accepted");
  CHECK(st_optimizer_set(opt, ST_HP_LEARNING_RATE, NAN) == ST_E_ARGUMENT, "NaN learning rate accepted");
  CHECK(st_optimizer_create(99) == NULL, "optimizer kind 99 accepted");

  st_model *m = st_model_create(1, 2);
  float x[4] = {0}, y[2] = {0}, loss;
  CHECK(st_model_build(m) == ST_E_STATE, "empty model built");
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 0, 1, 0, 0, 0, 0) == ST_E_ARGUMENT, "units 0 accepted");
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 3, 1, 0, 0, 42, 0) == ST_E_ARGUMENT, "activation 42 accepted");
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 3, 1, 17, 0, 0, 0) == ST_E_ARGUMENT, "initializer 17 accepted");
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 1, 1, 0, 0, ST_ACT_SIGMOID, 0) == ST_OK, "%s", st_error_message());
  CHECK(st_model_compile(m, ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, opt) == ST_E_STATE, "compile before build accepted");
  CHECK(st_model_build(m) == ST_OK, "%s", st_error_message());
  CHECK(ADD_LAYER(m, ST_LAYER_DENSE, 3, 1, 0, 0, 0, 0) == ST_E_STATE, "layer added after build");
  CHECK(st_model_train_batch(m, x, y, 2, &loss) == ST_E_STATE, "train before compile accepted");
  CHECK(st_model_fit_begin(m, x, y, 2, 1) == ST_E_STATE, "fit before compile accepted");
  CHECK(st_model_compile(m, 9, 0, 1.0f, opt) == ST_E_ARGUMENT, "loss 9 accepted");
  CHECK(st_model_compile(m, ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, 0, 1.0f, opt) == ST_E_ARGUMENT,
        "sparse categorical crossentropy with one output accepted");
  /* C holds no defaults: compile names the first unset hyperparameter. */
  CHECK(st_model_compile(m, ST_LOSS_BINARY_CROSSENTROPY, 0, 1.0f, opt) == ST_E_STATE &&
            strcmp(st_error_message(), "sgd: learning_rate is not set") == 0, "message: %s", st_error_message());
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.1);
  CHECK(st_model_compile(m, ST_LOSS_BINARY_CROSSENTROPY, 0, 1.0f, opt) == ST_E_STATE &&
            strcmp(st_error_message(), "sgd: momentum is not set") == 0, "message: %s", st_error_message());
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  CHECK(st_model_compile(m, ST_LOSS_BINARY_CROSSENTROPY, 0, 1.0f, opt) == ST_OK, "%s", st_error_message());
  double logs[6];
  CHECK(st_model_fit_run(m, 0, 1, logs) == ST_E_STATE, "fit_run before fit_begin accepted");
  CHECK(st_model_predict(m, x, 0, y, 0) == ST_E_ARGUMENT, "0 rows accepted");
  CHECK(st_model_evaluate(m, x, y, NULL, 2, 0, logs) == ST_E_ARGUMENT, "batch size 0 accepted");
  CHECK(st_model_fit_begin(m, x, y, 2, 1) == ST_OK, "%s", st_error_message());
  CHECK(st_model_fit_run(m, 1, 2, logs) == ST_E_ARGUMENT, "batches past the end accepted");
  CHECK(st_model_train_batch(m, x, y, 2, &loss) == ST_OK, "model unusable after errors: %s", st_error_message());
  CHECK(st_model_weight_values(m, 5) == NULL, "weight index 5 accepted");
  st_model_free(m);
  st_optimizer_free(opt);
}

/* st_model_add_layer(m, kind, params, count) with `params` expected to be refused with a
 * message containing `want`. */
static void refused(st_model *m, int kind, const double *params, int count, const char *want) {
  int status = st_model_add_layer(m, kind, params, count);
  CHECK(status == ST_E_ARGUMENT && strstr(st_error_message(), want) != NULL, "kind %d: status %d, message \"%s\", want \"%s\"",
        kind, status, st_error_message(), want);
}

/* Every kind's parameter list: the count, each value's range and type, the message naming
 * the Keras class and argument; refusals add nothing, and the model then builds. */
static void test_add_layer_parameters(void) {
  st_model *m = st_model_create(9, 3);
  const double dense[6] = {4, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_RELU, 0};
  refused(m, -1, dense, 6, "layer kind must be in [0, ");
  refused(m, ST_LAYER_COUNT, dense, 6, "layer kind");
  refused(m, ST_LAYER_DENSE, dense, 5, "Dense takes 6 parameter(s), got 5");
  refused(m, ST_LAYER_DENSE, NULL, 6, "Dense: 6 parameter(s) given as NULL");
  refused(m, ST_LAYER_FLATTEN, dense, 1, "Flatten takes 0 parameter(s), got 1");
  refused(m, ST_LAYER_ACTIVATION, dense, -1, "Activation: -1 parameter(s)");
  struct { int at; double value; const char *want; } dense_bad[] = {
    {0, 0, "Dense: units must be an integer in [1, 1048576], got 0"},
    {0, 2.5, "Dense: units must be an integer in [1, 1048576], got 2.5"},
    {0, NAN, "Dense: units"},
    {0, 1e300, "Dense: units"},
    {1, 2, "Dense: use_bias must be 0 or 1, got 2"},
    {2, ST_INIT_COUNT, "Dense: kernel_initializer must be an initializer code in [0, 9), got 9"},
    {3, ST_INIT_ORTHOGONAL, "Dense: bias_initializer: orthogonal needs a weight of rank >= 2"},
    {4, -1, "Dense: activation must be an activation code in [0, 16), got -1"},
    {4, 0.5, "Dense: activation"},
    {5, INFINITY, "Dense: alpha must be a finite float32 number, got inf"},
    {5, 1e39, "Dense: alpha"}, /* finite as a double, infinite as float32 */
  };
  for (size_t i = 0; i < sizeof dense_bad / sizeof dense_bad[0]; i++) {
    double p[6];
    memcpy(p, dense, sizeof p);
    p[dense_bad[i].at] = dense_bad[i].value;
    refused(m, ST_LAYER_DENSE, p, 6, dense_bad[i].want);
  }
  refused(m, ST_LAYER_ACTIVATION, (const double[]){ST_ACT_COUNT, 0}, 2, "Activation: activation must be an activation code");
  refused(m, ST_LAYER_ACTIVATION, (const double[]){ST_ACT_ELU, NAN}, 2, "Activation: alpha");
  const double bn[8] = {0.99, 1e-3, 1, 1, ST_INIT_ONES, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_INIT_ONES};
  struct { int at; double value; const char *want; } bn_bad[] = {
    {0, 1, "BatchNormalization: momentum must be in [0, 1), got 1"},
    {0, 0.99999999, "BatchNormalization: momentum must be in [0, 1), got 1"}, /* 1 as float32 */
    {0, -0.1, "BatchNormalization: momentum"},
    {1, 0, "BatchNormalization: epsilon must be a finite number > 0, got 0"},
    {1, 1e-50, "BatchNormalization: epsilon must be a finite number > 0, got 0"}, /* 0 as float32 */
    {1, INFINITY, "BatchNormalization: epsilon"},
    {2, -1, "BatchNormalization: center must be 0 or 1, got -1"},
    {3, 0.5, "BatchNormalization: scale must be 0 or 1, got 0.5"},
    {4, ST_INIT_ORTHOGONAL, "BatchNormalization: gamma_initializer: orthogonal needs a weight of rank >= 2"},
    {5, 99, "BatchNormalization: beta_initializer must be an initializer code"},
    {6, -1, "BatchNormalization: moving_mean_initializer"},
    {7, ST_INIT_ORTHOGONAL, "BatchNormalization: moving_variance_initializer"},
  };
  for (size_t i = 0; i < sizeof bn_bad / sizeof bn_bad[0]; i++) {
    double p[8];
    memcpy(p, bn, sizeof p);
    p[bn_bad[i].at] = bn_bad[i].value;
    refused(m, ST_LAYER_BATCH_NORMALIZATION, p, 8, bn_bad[i].want);
  }
  refused(m, ST_LAYER_DROPOUT, (const double[]){1, 0, 0}, 3, "Dropout: rate must be in [0, 1), got 1");
  refused(m, ST_LAYER_DROPOUT, (const double[]){NAN, 0, 0}, 3, "Dropout: rate");
  refused(m, ST_LAYER_DROPOUT, (const double[]){0.5, 2, 0}, 3, "Dropout: has_seed must be 0 or 1, got 2");
  refused(m, ST_LAYER_DROPOUT, (const double[]){0.5, 1, 4294967296.0}, 3,
          "Dropout: seed must be an integer in [0, 4294967295], got 4294967296");
  refused(m, ST_LAYER_DROPOUT, (const double[]){0.5, 1, -1}, 3, "Dropout: seed");

  CHECK(st_model_add_layer(m, ST_LAYER_DENSE, dense, 6) == ST_OK, "%s", st_error_message());
  CHECK(ADD_LAYER(m, ST_LAYER_BATCH_NORMALIZATION, 0.99, 1e-3, 1, 0, ST_INIT_ONES, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_INIT_ONES) == ST_OK,
        "%s", st_error_message());
  CHECK(ADD_LAYER(m, ST_LAYER_DROPOUT, 0.25, 1, 4294967295.0) == ST_OK, "%s", st_error_message());
  CHECK(ADD_LAYER(m, ST_LAYER_ACTIVATION, ST_ACT_LEAKY_RELU, 0.2) == ST_OK, "%s", st_error_message());
  CHECK(st_model_add_layer(m, ST_LAYER_FLATTEN, NULL, 0) == ST_OK, "%s", st_error_message());
  CHECK(st_model_build(m) == ST_OK, "%s", st_error_message());
  /* dense kernel [3, 4] and bias [4]; batch normalization (scale off): beta, moving mean, moving variance */
  CHECK(st_model_weight_count(m) == 5, "%d weight arrays, want 5", st_model_weight_count(m));
  CHECK(st_model_weight_rows(m, 0) == 3 && st_model_weight_cols(m, 0) == 4 && st_model_weight_cols(m, 4) == 4,
        "weight shapes");
  float out[4];
  const float x[3] = {1, -2, 3};
  CHECK(st_model_predict(m, x, 1, out, 1) == ST_OK, "%s", st_error_message());
  CHECK(st_model_add_layer(m, ST_LAYER_DENSE, dense, 6) == ST_E_STATE && strstr(st_error_message(), "Dense layer after"),
        "layer added after build: %s", st_error_message());
  CHECK(st_model_add_layer(NULL, ST_LAYER_DENSE, dense, 6) == ST_E_ARGUMENT, "NULL model accepted");
  st_model_free(m);
}

/* Dropout's stream: without a seed of its own it comes from the model's seed and the layer's
 * index, with one from that seed, so two models agree exactly when those agree. */
static void dropout_mask(uint32_t model_seed, int has_seed, double seed, int leading, float *out) {
  st_model *m = st_model_create(model_seed, 16);
  for (int i = 0; i < leading; i++) st_model_add_layer(m, ST_LAYER_FLATTEN, NULL, 0);
  CHECK(ADD_LAYER(m, ST_LAYER_DROPOUT, 0.5, has_seed, seed) == ST_OK, "%s", st_error_message());
  st_model_build(m);
  float x[16];
  for (int i = 0; i < 16; i++) x[i] = 1.0f;
  CHECK(st_model_predict(m, x, 1, out, 1) == ST_OK, "%s", st_error_message());
  st_model_free(m);
}

static void test_dropout_streams(void) {
  float a[16], b[16], c[16], d[16], e[16];
  dropout_mask(5, 0, 0, 0, a);
  dropout_mask(5, 0, 77, 0, b); /* the seed parameter is unused without has_seed */
  dropout_mask(5, 0, 0, 1, c);  /* another index: another stream */
  dropout_mask(6, 1, 5, 0, d);  /* own seed 5 in a model seeded 6: not the model-seeded stream */
  dropout_mask(9, 1, 5, 0, e);  /* the model's seed does not matter with a seed of its own */
  CHECK(memcmp(a, b, sizeof a) == 0, "seed parameter used without has_seed");
  CHECK(memcmp(a, c, sizeof a) != 0, "layers 0 and 1 drew the same mask");
  CHECK(memcmp(a, d, sizeof a) != 0, "own seed drew the model-seeded mask");
  CHECK(memcmp(d, e, sizeof d) == 0, "own seed depends on the model's seed");
}

/* Flatten passes 1-D samples through: a model with one trains to the same bytes as without. */
static void test_flatten_is_identity(void) {
  st_optimizer *a = st_optimizer_create(ST_OPT_SGD), *b = st_optimizer_create(ST_OPT_SGD);
  st_optimizer *both[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    st_optimizer_set(both[i], ST_HP_LEARNING_RATE, 0.5);
    st_optimizer_set(both[i], ST_HP_MOMENTUM, 0.9);
    st_optimizer_set(both[i], ST_HP_NESTEROV, 0);
  }
  st_model *plain = xor_model_flatten(7, a, 0), *flat = xor_model_flatten(7, b, 1);
  CHECK(st_model_weight_count(plain) == st_model_weight_count(flat), "flatten added weights");
  train_xor(plain, 300);
  train_xor(flat, 300);
  for (int w = 0; w < st_model_weight_count(plain); w++) {
    size_t n = (size_t)st_model_weight_rows(plain, w) * st_model_weight_cols(plain, w);
    CHECK(memcmp(st_model_weight_values(plain, w), st_model_weight_values(flat, w), n * sizeof(float)) == 0,
          "flatten changed weight array %d", w);
  }
  st_model_free(plain);
  st_model_free(flat);
  st_optimizer_free(a);
  st_optimizer_free(b);
}

/* The NaN sentinel names where a diverging fit first went non-finite: a 'nonfinite' code,
 * the weight array (-1 for the loss) and the batch. */
static void test_nonfinite_named(void) {
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 1e38);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  st_model *m = st_model_create(3, 2);
  ADD_LAYER(m, ST_LAYER_DENSE, 4, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  ADD_LAYER(m, ST_LAYER_DENSE, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
  st_model_build(m);
  st_model_compile(m, ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, opt);
  CHECK(st_model_nonfinite_kind(m) == ST_NONFINITE_NONE && st_model_nonfinite_batch(m) == 0, "fresh model reports a non-finite value");
  double logs[2 * 4];
  int status = ST_OK;
  st_model_fit_begin(m, xor_x, xor_y, 4, 1);
  for (int e = 0; e < 20 && status == ST_OK; e++) {
    st_model_fit_epoch_begin(m, 0);
    status = st_model_fit_run(m, 0, st_model_fit_batches(m), logs);
  }
  CHECK(status == ST_E_NONFINITE, "lr 1e38 did not diverge: %d", status);
  const int kind = st_model_nonfinite_kind(m), weight = st_model_nonfinite_weight(m);
  CHECK(kind > ST_NONFINITE_NONE && kind < ST_NONFINITE_COUNT, "kind %d", kind);
  CHECK(kind == ST_NONFINITE_LOSS ? weight == -1 : weight >= 0 && weight < st_model_weight_count(m), "kind %d weight %d", kind, weight);
  CHECK(st_model_nonfinite_batch(m) >= 0 && st_model_nonfinite_batch(m) < 4, "batch %d", st_model_nonfinite_batch(m));
  CHECK(isnan(st_optimizer_norm_before_clip(opt)) && isnan(st_optimizer_norm_after_clip(opt)), "norms without clipping");
  CHECK(st_optimizer_state_arrays(opt) == 4 && st_optimizer_state_slot_count(opt) == 0 && st_optimizer_state_floats(opt) == 0,
        "state: %d arrays, %d slots", st_optimizer_state_arrays(opt), st_optimizer_state_slot_count(opt));
  st_model_free(m);
  st_optimizer_free(opt);
}

/* BatchNormalization's batch statistics are those of the last training step: a later predict
 * (which reuses the workspace) leaves them alone (issue 10, finding 10). */
static void test_batchnorm_stats_survive_predict(void) {
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.1);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  st_model *m = st_model_create(5, 2);
  ADD_LAYER(m, ST_LAYER_BATCH_NORMALIZATION, 0.99f, 1e-3f, 1, 1, ST_INIT_ONES, ST_INIT_ZEROS, ST_INIT_ZEROS, ST_INIT_ONES);
  ADD_LAYER(m, ST_LAYER_DENSE, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_SIGMOID, 0);
  st_model_build(m);
  st_model_compile(m, ST_LOSS_BINARY_CROSSENTROPY, 0, 1.0f, opt);
  CHECK(st_model_batchnorm_batch_mean(m, 1) == NULL && st_model_batchnorm_batch_mean(m, 9) == NULL, "not a BN layer");
  CHECK(isnan(st_model_batchnorm_batch_mean(m, 0)[0]), "batch mean before any training step");
  const float x[8] = {1, 2, 3, 4, 5, 6, 7, 8}, y[4] = {0, 1, 1, 0};
  float loss, out[4];
  CHECK(st_model_train_batch(m, x, y, 4, &loss) == ST_OK, "%s", st_error_message());
  const float *mean = st_model_batchnorm_batch_mean(m, 0), *var = st_model_batchnorm_batch_variance(m, 0);
  CHECK(mean[0] == 4.0f && mean[1] == 5.0f && var[0] == 5.0f && var[1] == 5.0f, "batch mean %g %g variance %g %g", mean[0],
        mean[1], var[0], var[1]);
  const float other[8] = {-10, 30, -20, 40, -30, 50, -40, 60};
  CHECK(st_model_predict(m, other, 4, out, 0) == ST_OK && st_model_predict(m, other, 4, out, 1) == ST_OK, "%s", st_error_message());
  CHECK(mean[0] == 4.0f && mean[1] == 5.0f && var[0] == 5.0f && var[1] == 5.0f, "after predict: mean %g %g variance %g %g",
        mean[0], mean[1], var[0], var[1]);
  st_model_free(m);
  st_optimizer_free(opt);
}

int main(void) {
  test_batchnorm_stats_survive_predict();
  test_nonfinite_named();
  test_xor_and_determinism();
  test_flatten_is_identity();
  test_initializer_scale();
  test_bad_arguments();
  test_add_layer_parameters();
  test_dropout_streams();
  return check_report("test_model");
}
