/* test_loss_gradcheck.c — every loss (with and without fromLogits; huber with two deltas)
 * against central finite differences of its own value, and the loss values themselves against
 * float64 formulas written here from keras/src/backend/numpy/nn.py and
 * keras/src/losses/losses.py for a few hand-made predictions. */
#include <stdlib.h>

#include "check.h"
#include "loss.h"
#include "rng.h"
#include "simdtrain.h"

enum { ROWS = 3, COLS = 4 };

#define loss_name(loss) st_vocab_name(ST_FAMILY_LOSS, loss)

static int probabilities(int loss, int from_logits) {
  return !from_logits && (loss == ST_LOSS_BINARY_CROSSENTROPY || loss == ST_LOSS_CATEGORICAL_CROSSENTROPY ||
                          loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY || loss == ST_LOSS_KL_DIVERGENCE);
}

static void make_case(int loss, int from_logits, st_rng *rng, float *pred, float *target) {
  for (int i = 0; i < ROWS * COLS; i++) {
    double u = st_rng_uniform(rng);
    pred[i] = probabilities(loss, from_logits) ? (float)(0.05 + 0.9 * u) : (float)(4.0 * u - 2.0);
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
      else if (loss == ST_LOSS_KL_DIVERGENCE) *t = c == 0 ? 0.0f : (float)st_rng_uniform(rng); /* 0: clipped to eps */
      else if (loss == ST_LOSS_HINGE) /* 0/1 labels (converted to -1/1) with fromLogits 0, -1/1 with 1 */
        *t = from_logits ? (float)(2 * (int)st_rng_below(rng, 2) - 1) : (float)st_rng_below(rng, 2);
      else *t = (float)(2.0 * st_rng_uniform(rng) - 1.0);
    }
  }
  /* Keep finite differences off the kinks: mae at p = y, hinge at y'p = 1. */
  for (int i = 0; i < ROWS * COLS; i++) {
    if (loss == ST_LOSS_MEAN_ABSOLUTE_ERROR && fabsf(pred[i] - target[i]) < 0.01f) pred[i] = target[i] + 0.5f;
    if (loss == ST_LOSS_HINGE) {
      const float t = from_logits ? target[i] : 2.0f * target[i] - 1.0f;
      if (fabsf(1.0f - t * pred[i]) < 0.01f) pred[i] += 0.5f;
    }
  }
}

static void gradcheck(int loss, int from_logits, float delta, st_rng *rng) {
  float pred[ROWS * COLS], target[ROWS * COLS], grad[ROWS * COLS];
  make_case(loss, from_logits, rng, pred, target);
  st_loss_compute(loss, from_logits, delta, pred, target, ROWS, COLS, grad);
  const float h = 1e-3f;
  for (int i = 0; i < ROWS * COLS; i++) {
    float keep = pred[i];
    pred[i] = keep + h;
    double up = st_loss_compute(loss, from_logits, delta, pred, target, ROWS, COLS, NULL);
    pred[i] = keep - h;
    double down = st_loss_compute(loss, from_logits, delta, pred, target, ROWS, COLS, NULL);
    pred[i] = keep;
    double numeric = (up - down) / ((double)(keep + h) - (double)(keep - h));
    CHECK(close_enough(grad[i], numeric, 2e-3, 2e-5), "%s fromLogits=%d delta=%g: d/dpred[%d] analytic %.7g, finite difference %.7g",
          loss_name(loss), from_logits, (double)delta, i, grad[i], numeric);
  }
}

/* Hand-made predictions, expected values written out from the Keras formulas. */
static void keras_values(void) {
  const float y_true[] = {1, 0, 0, 0, 1, 0};
  const float y_pred[] = {0.9f, 0.05f, 0.05f, 0.5f, 0.89f, 0.6f};
  /* categorical: rows normalised by their sums (1.0 and 1.99), then -log of the true class. */
  double want = (-log(0.9) - log(0.89 / 1.99)) / 2.0;
  double got = st_loss_compute(ST_LOSS_CATEGORICAL_CROSSENTROPY, 0, 1.0f, y_pred, y_true, 2, 3, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "categorical crossentropy: got %.9g want %.9g", got, want);

  const float labels[] = {0, 1};
  got = st_loss_compute(ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, 0, 1.0f, y_pred, labels, 2, 3, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "sparse categorical crossentropy: got %.9g want %.9g", got, want);

  /* binary: clip to [1e-7, 1 - 1e-7]; a prediction of exactly 0 for a true 1 costs -log(1e-7). */
  const float b_true[] = {1, 0, 1, 0};
  const float b_pred[] = {0.0f, 0.2f, 0.7f, 1.0f};
  /* the clip bounds as float32 holds them: 1e-7f and 1 - 1e-7f = 0.99999988 */
  double lo = (double)1e-7f, hi = (double)(1.0f - 1e-7f);
  want = (-log(lo) - log(1 - 0.2) - log(0.7) - log(1.0 - hi)) / 4.0;
  got = st_loss_compute(ST_LOSS_BINARY_CROSSENTROPY, 0, 1.0f, b_pred, b_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-5, 0), "binary crossentropy: got %.9g want %.9g", got, want);

  /* binary from logits: log(1 + exp(-x)) for y = 1, log(1 + exp(x)) for y = 0. */
  const float logits[] = {2.0f, -1.0f, 0.0f, 30.0f};
  want = (log1p(exp(-2.0)) + log1p(exp(-1.0)) + log(2.0) + log1p(exp(30.0))) / 4.0;
  got = st_loss_compute(ST_LOSS_BINARY_CROSSENTROPY, 1, 1.0f, logits, b_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "binary crossentropy from logits: got %.9g want %.9g", got, want);

  /* mean squared error: mean over all elements. */
  const float m_true[] = {1, 9, 2, -5};
  const float m_pred[] = {4, 8, 12, 8};
  want = (9.0 + 1.0 + 100.0 + 169.0) / 4.0;
  got = st_loss_compute(ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, m_pred, m_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-7, 0), "mse: got %.9g want %.9g", got, want);

  /* mean absolute error: (3 + 1 + 10 + 13) / 4. */
  got = st_loss_compute(ST_LOSS_MEAN_ABSOLUTE_ERROR, 0, 1.0f, m_pred, m_true, 2, 2, NULL);
  CHECK(close_enough(got, 27.0 / 4.0, 1e-7, 0), "mae: got %.9g want %.9g", got, 27.0 / 4.0);

  /* huber: errors 0.5 (quadratic), -1.5, 3 (linear) and 0, delta 1 and 2. */
  const float h_true[] = {0, 0, 0, 1};
  const float h_pred[] = {0.5f, -1.5f, 3.0f, 1.0f};
  want = (0.125 + (1.5 - 0.5) + (3.0 - 0.5) + 0.0) / 4.0;
  got = st_loss_compute(ST_LOSS_HUBER, 0, 1.0f, h_pred, h_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-7, 0), "huber delta 1: got %.9g want %.9g", got, want);
  want = (0.125 + 1.125 + (2.0 * 3.0 - 2.0) + 0.0) / 4.0;
  got = st_loss_compute(ST_LOSS_HUBER, 0, 2.0f, h_pred, h_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-7, 0), "huber delta 2: got %.9g want %.9g", got, want);

  /* log cosh, including an error of 100 (where cosh overflows float32 but not the formula);
   * against h_true the errors are 0.5, -2, 100 and -1. */
  const float l_pred[] = {0.5f, -2.0f, 100.0f, 0.0f};
  got = st_loss_compute(ST_LOSS_LOG_COSH, 0, 1.0f, l_pred, h_true, 2, 2, NULL);
  want = (log(cosh(0.5)) + log(cosh(2.0)) + (100.0 - log(2.0)) + log(cosh(1.0))) / 4.0;
  CHECK(close_enough(got, want, 1e-7, 0), "log cosh: got %.9g want %.9g", got, want);

  /* kl divergence: y_true and y_pred clipped to [1e-7, 1]; sum over the row, mean over rows. */
  const float k_true[] = {0.5f, 0.0f, 1.0f, 0.25f};
  const float k_pred[] = {0.25f, 0.5f, 0.0f, 2.0f};
  double eps = (double)1e-7f;
  want = ((0.5 * log(0.5 / 0.25) + eps * log(eps / 0.5)) + (1.0 * log(1.0 / eps) + 0.25 * log(0.25 / 1.0))) / 2.0;
  got = st_loss_compute(ST_LOSS_KL_DIVERGENCE, 0, 1.0f, k_pred, k_true, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-6, 0), "kld: got %.9g want %.9g", got, want);

  /* hinge: 0/1 labels become -1/1; labels with a -1 are used as they are. */
  const float g01[] = {0, 1, 1, 0};
  const float gpm[] = {-1, 1, 1, 0.5f};
  const float g_pred[] = {0.3f, 0.4f, 2.0f, -0.6f};
  want = ((1 + 0.3) + (1 - 0.4) + 0.0 + (1 - 0.6)) / 4.0;
  got = st_loss_compute(ST_LOSS_HINGE, 0, 1.0f, g_pred, g01, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-7, 0), "hinge 0/1: got %.9g want %.9g", got, want);
  want = ((1 + 0.3) + (1 - 0.4) + 0.0 + (1 + 0.5 * 0.6)) / 4.0;
  got = st_loss_compute(ST_LOSS_HINGE, 0, 1.0f, g_pred, gpm, 2, 2, NULL);
  CHECK(close_enough(got, want, 1e-7, 0), "hinge -1/1: got %.9g want %.9g", got, want);
}

int main(void) {
  st_rng rng;
  st_rng_seed(&rng, 7, 1);
  for (int loss = 0; loss < ST_LOSS_COUNT; loss++)
    for (int from_logits = 0; from_logits <= 1; from_logits++)
      for (int trial = 0; trial < 5; trial++) {
        gradcheck(loss, from_logits, 1.0f, &rng);
        if (loss == ST_LOSS_HUBER) gradcheck(loss, from_logits, 0.3f, &rng);
      }
  keras_values();
  return check_report("test_loss_gradcheck");
}
