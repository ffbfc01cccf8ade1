/* test_model_gradcheck.c — finite-difference check of whole-model gradients: for Dense
 * layers with every activation (inside Dense, as a separate Activation layer, and after a
 * BatchNormalization layer with random gamma and beta), under every loss, each
 * analytic gradient of st_model_compute_gradients is compared with the central difference
 * of the loss computed from a training-mode forward. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "loss.h"
#include "simdtrain.h"

enum { ROWS = 5, IN = 3, HIDDEN = 4, OUT = 3 };

#define activation_name(act) st_vocab_name(ST_FAMILY_ACTIVATION, act)
#define loss_name(loss) st_vocab_name(ST_FAMILY_LOSS, loss)

/* Labels of real values in [-1, 1] (the regression losses) rather than one-hot rows. */
static int regression(int loss) {
  return loss == ST_LOSS_MEAN_SQUARED_ERROR || loss == ST_LOSS_MEAN_ABSOLUTE_ERROR || loss == ST_LOSS_HUBER ||
         loss == ST_LOSS_LOG_COSH;
}
static int crossentropy(int loss) {
  return loss == ST_LOSS_BINARY_CROSSENTROPY || loss == ST_LOSS_CATEGORICAL_CROSSENTROPY ||
         loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY;
}

static double loss_of(st_model *m, int loss, int from_logits, const float *x, const float *y) {
  float pred[ROWS * OUT];
  st_model_predict(m, x, ROWS, pred, 1);
  return st_loss_compute(loss, from_logits, 1.0f, pred, y, ROWS, OUT, NULL);
}

static void make_labels(int loss, float *y, unsigned seed) {
  srand(seed);
  for (int r = 0; r < ROWS; r++) {
    int label = rand() % OUT;
    if (loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY) y[r] = (float)label;
    else
      for (int c = 0; c < OUT; c++)
        y[r * OUT + c] = loss == ST_LOSS_MEAN_ABSOLUTE_ERROR /* |y| > 1 > |tanh|: no finite difference crosses the kink */
                             ? (rand() % 2 ? 1.0f : -1.0f) * (1.2f + (float)(rand() % 100) / 100.0f)
                         : regression(loss) ? (float)(rand() % 100) / 50.0f - 1.0f + 0.01f
                                            : (c == label ? 1.0f : 0.0f);
  }
}

/* layout 0: Dense(act); 1: Dense + Activation(act); 2: Dense + BatchNormalization + Activation(act) */
static void gradcheck(int activation, int layout, int loss, int from_logits) {
  int separate_layer = layout > 0;
  st_model *m = st_model_create(11u + (unsigned)activation, IN);
  int output_activation = from_logits ? ST_ACT_LINEAR
                          : regression(loss) || loss == ST_LOSS_HINGE ? ST_ACT_TANH
                          : loss == ST_LOSS_BINARY_CROSSENTROPY ? ST_ACT_SIGMOID : ST_ACT_SOFTMAX;
  if (separate_layer) {
    ADD_LAYER(m, ST_LAYER_DENSE, HIDDEN, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_LINEAR, 0);
    if (layout == 2)
      ADD_LAYER(m, ST_LAYER_BATCH_NORMALIZATION, 0.9f, 1e-3f, 1, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS,
                             ST_INIT_ONES);
    ADD_LAYER(m, ST_LAYER_ACTIVATION, activation, activation == ST_ACT_ELU ? 1.0f : 0.2f);
  } else {
    ADD_LAYER(m, ST_LAYER_DENSE, HIDDEN, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, activation,
                       activation == ST_ACT_ELU ? 1.0f : 0.2f);
  }
  ADD_LAYER(m, ST_LAYER_DENSE, OUT, 1, ST_INIT_GLOROT_NORMAL, ST_INIT_GLOROT_UNIFORM, output_activation, 0);
  CHECK(st_model_build(m) == ST_OK, "build: %s", st_error_message());
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.01);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  CHECK(st_model_compile(m, loss, from_logits, 1.0f, opt) == ST_OK, "compile: %s", st_error_message());

  float x[ROWS * IN], y[ROWS * OUT], loss_value;
  srand(3u + (unsigned)activation);
  for (int i = 0; i < ROWS * IN; i++) x[i] = (float)(rand() % 2001) / 1000.0f - 1.0f;
  make_labels(loss, y, 5u + (unsigned)loss);
  CHECK(st_model_compute_gradients(m, x, y, ROWS, &loss_value) == ST_OK, "%s", st_error_message());
  CHECK(close_enough(loss_value, loss_of(m, loss, from_logits, x, y), 1e-6, 0), "loss mismatch");

  const float h = 1e-3f;
  for (int w = 0; w < st_model_weight_count(m); w++) {
    float *values = st_model_weight_values(m, w);
    const float *grad = st_model_weight_gradient(m, w);
    if (!grad) continue; /* moving statistics are not trained */
    int n = st_model_weight_rows(m, w) * st_model_weight_cols(m, w);
    for (int i = 0; i < n; i++) {
      float keep = values[i];
      values[i] = keep + h;
      double up = loss_of(m, loss, from_logits, x, y);
      values[i] = keep - h;
      double down = loss_of(m, loss, from_logits, x, y);
      values[i] = keep;
      double numeric = (up - down) / ((double)(keep + h) - (double)(keep - h));
      CHECK(close_enough(grad[i], numeric, 1e-2, 2e-4),
            "activation %s (layout %d), loss %s fromLogits %d: weight %d[%d] analytic %.6g numeric %.6g",
            activation_name(activation), layout, loss_name(loss), from_logits, w, i,
            grad[i], numeric);
    }
  }
  st_model_free(m);
  st_optimizer_free(opt);
}

int main(void) {
  for (int activation = 0; activation < ST_ACT_COUNT; activation++)
    for (int layout = 0; layout <= 2; layout++)
      for (int loss = 0; loss < ST_LOSS_COUNT; loss++)
        for (int from_logits = 0; from_logits <= crossentropy(loss); from_logits++)
          gradcheck(activation, layout, loss, from_logits);
  return check_report("test_model_gradcheck");
}
