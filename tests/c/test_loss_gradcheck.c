/* test_loss_gradcheck.c — every loss (with and without fromLogits) against central finite
 * differences of its own value, and the loss values themselves against float64 formulas
 * written here from keras/src/backend/numpy/nn.py for a few hand-made predictions. */
#include <stdlib.h>

#include "check.h"
#include "loss.h"
#include "rng.h"
#include "simdtrain.h"

enum { ROWS = 3, COLS = 4 };

static const char *loss_names[] = {"mse", "binaryCrossentropy", "categoricalCrossentropy",
                                   "sparseCategoricalCrossentropy"};

static void make_case(int loss, int from_logits, st_rng *rng, float *pred, float *target) {
  for (int i = 0; i < ROWS * COLS; i++) {
    double u = st_rng_uniform(rng);
    pred[i] = from_logits || loss == ST_LOSS_MEAN_SQUARED_ERROR ? (float)(4.0 * u - 2.0)
                                                               : (float)(0.05 + 0.9 * u);
  }
  for (int r = 0; r < ROWS; r++) {
    int label = (int)st_rng_below(rng, COLS);
    if (loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY) {
      target[r] = (float)label;
      continue;
    }
    for (int c = 0; c < COLS; c++) {
      float *t = &target[r * COLS + c];
      if (loss == ST_LOSS_CATEGORICAL_CROSSENTROPY) *t = c == label ? 1.0f : 0.0f;
      else if (loss == ST_LOSS_BINARY_CROSSENTROPY) *t = (float)st_rng_below(rng, 2);
      else *t = (float)(2.0 * st_rng_uniform(rng) - 1.0);
    }
  }
}

static void gradcheck(int loss, int from_logits, st_rng *rng) {
  float pred[ROWS * COLS], target[ROWS * COLS], grad[ROWS * COLS];
  make_case(loss, from_logits, rng, pred, target);
  st_loss_compute(loss, from_logits, pred, target, ROWS, COLS, grad);
  const float h = 1e-3f;
  for (int i = 0; i < ROWS * COLS; i++) {
    float keep = pred[i];
    pred[i] = keep + h;
    double up = st_loss_compute(loss, from_logits, pred, target, ROWS, COLS, NULL);
    pred[i] = keep - h;
    double down = st_loss_compute(loss, from_logits, pred, target, ROWS, COLS, NULL);
    pred[i] = keep;
    double numeric = (up - down) / ((double)(keep + h) - (double)(keep - h));
    CHECK(close_enough(grad[i], numeric, 2e-3, 2e-5), "%s fromLogits=%d: d/dpred[%d] analytic %.7g, finite difference %.7g",
          loss_names[loss], from_logits, i, grad[i], numeric);
  }
}

/* Hand-made predictions, expected values written out from the Keras formulas. */
static void keras_values(void) {
  const float y_true[] = {1, 0, 0, 0, 1, 0};
  const float y_pred[] = {0.9f, 0.05f, 0.05f, 0.5f, 0.89f, 0.6f};
  /* categorical: rows normalised by their sums (1.0 and 1.99), then -log of the true class. */
  double want = (-log(0.9) - log(0.89 / 1.99)) / 2.0;
  double got = st_loss_compute(ST_LOSS_CATEGORICAL_CROSSENTROPY, 0, y_pred, y_true, 2, 3, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "categorical crossentropy: got %.9g want %.9g", got, want);

  const float labels[] = {0, 1};
  got = st_loss_compute(ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, 0, y_pred, labels, 2, 3, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "sparse categorical crossentropy: got %.9g want %.9g", got, want);

  /* binary: clip to [1e-7, 1 - 1e-7]; a prediction of exactly 0 for a true 1 costs -log(1e-7). */
  const float b_true[] = {1, 0, 1, 0};
  const float b_pred[] = {0.0f, 0.2f, 0.7f, 1.0f};
  /* the clip bounds as float32 holds them: 1e-7f and 1 - 1e-7f = 0.99999988 */
  double lo = (double)1e-7f, hi = (double)(1.0f - 1e-7f);
  want = (-log(lo) - log(1 - 0.2) - log(0.7) - log(1.0 - hi)) / 4.0;
  got = st_loss_compute(ST_LOSS_BINARY_CROSSENTROPY, 0, b_pred, b_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-5, 0), "binary crossentropy: got %.9g want %.9g", got, want);

  /* binary from logits: log(1 + exp(-x)) for y = 1, log(1 + exp(x)) for y = 0. */
  const float logits[] = {2.0f, -1.0f, 0.0f, 30.0f};
  want = (log1p(exp(-2.0)) + log1p(exp(-1.0)) + log(2.0) + log1p(exp(30.0))) / 4.0;
  got = st_loss_compute(ST_LOSS_BINARY_CROSSENTROPY, 1, logits, b_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "binary crossentropy from logits: got %.9g want %.9g", got, want);

  /* mean squared error: mean over all elements. */
  const float m_true[] = {1, 9, 2, -5};
  const float m_pred[] = {4, 8, 12, 8};
  want = (9.0 + 1.0 + 100.0 + 169.0) / 4.0;
  got = st_loss_compute(ST_LOSS_MEAN_SQUARED_ERROR, 0, m_pred, m_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-7, 0), "mse: got %.9g want %.9g", got, want);
}

int main(void) {
  st_rng rng;
  st_rng_seed(&rng, 7, 1);
  for (int loss = 0; loss < ST_LOSS_COUNT; loss++)
    for (int from_logits = 0; from_logits <= 1; from_logits++)
      for (int trial = 0; trial < 5; trial++) gradcheck(loss, from_logits, &rng);
  keras_values();
  return check_report("test_loss_gradcheck");
}
