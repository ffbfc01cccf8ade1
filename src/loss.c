/* loss.c — Keras 3 losses (keras/src/losses/losses.py, keras/src/backend/numpy/nn.py) and
 * their derivatives, written out by hand (Keras gets them by autodiff; these are the same
 * derivatives, checked by finite differences in tests/c/test_loss_gradcheck.c).
 *
 *   meanSquaredError          L_i = mean_j (p - y)^2
 *   binaryCrossentropy        c = clip(p, eps, 1 - eps); L_i = -mean_j (y log c + (1 - y) log(1 - c))
 *     fromLogits              L_i = mean_j max(x, 0) - x y + log(1 + exp(-|x|))
 *   categoricalCrossentropy   q = p / sum(p); c = clip(q, eps, 1 - eps); L_i = -sum_j y log c
 *     fromLogits              L_i = -sum_j y log_softmax(x)
 *   sparse…                   as categorical with y = one_hot(label)
 *   meanAbsoluteError         L_i = mean_j |p - y|                        dL/dp = sign(p - y) (0 at p = y)
 *   huber (delta δ > 0)       e = p - y; L_i = mean_j (|e| ≤ δ ? e²/2 : δ|e| - δ²/2)
 *                                                                     dL/dp = |e| ≤ δ ? e : δ·sign(e)
 *   logCosh                   x = p - y; L_i = mean_j x + softplus(-2x) - log 2   dL/dp = tanh(x)
 *   kld (KLDivergence)        t = clip(y, eps, 1), q = clip(p, eps, 1); L_i = sum_j t log(t / q)
 *                                                  dL/dp = -t/q for eps ≤ p ≤ 1, else 0
 *   hinge                     y' = 2y - 1 when every label of the call is 0 or 1, else y' = y;
 *                             L_i = mean_j max(1 - y' p, 0)   dL/dp = -y' where 1 - y'p > 0, else 0
 * The batch loss is the mean of L_i over the rows. Clipped entries get zero gradient,
 * as the autodiff of clip does (the crossentropies' clip to [eps, 1 - eps] passes the gradient
 * strictly inside; kld's clip to [eps, 1] at the bounds too, as tf.clip_by_value's and
 * torch.clamp's gradients do, so a saturated p = 1 still learns). Hinge's 0/1 test is Keras's
 * convert_binary_labels_to_hinge over the whole y_true tensor, so per batch here as in
 * Keras's fit, and per call of st_loss_compute. Sums are accumulated in double. */
#include "loss.h"

#include <math.h>

#include "simdtrain.h"

static int in_open_range(float c) { return c > ST_LOSS_EPSILON && c < 1.0f - ST_LOSS_EPSILON; }

static float clip_probability(float p) {
  if (p < ST_LOSS_EPSILON) return ST_LOSS_EPSILON;
  if (p > 1.0f - ST_LOSS_EPSILON) return 1.0f - ST_LOSS_EPSILON;
  return p;
}

static double mse(const float *p, const float *y, int n, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double d = (double)p[i] - y[i];
    sum += d * d;
    if (grad) grad[i] = (float)(2.0 * d * scale);
  }
  return sum;
}

static double bce_probabilities(const float *p, const float *y, int n, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    float c = clip_probability(p[i]);
    sum -= y[i] * log((double)c) + (1.0 - y[i]) * log(1.0 - (double)c);
    if (grad) {
      double d = -y[i] / (double)c + (1.0 - y[i]) / (1.0 - (double)c);
      grad[i] = in_open_range(p[i]) ? (float)(d * scale) : 0.0f;
    }
  }
  return sum;
}

static double bce_logits(const float *x, const float *y, int n, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double xi = x[i];
    sum += fmax(xi, 0.0) - xi * y[i] + log1p(exp(-fabs(xi)));
    if (grad) {
      double sigmoid = xi >= 0 ? 1.0 / (1.0 + exp(-xi)) : exp(xi) / (1.0 + exp(xi));
      grad[i] = (float)((sigmoid - y[i]) * scale);
    }
  }
  return sum;
}

/* One row of categorical crossentropy on probabilities; `label` >= 0 selects a sparse
 * target (y = one_hot(label)), otherwise y is read from `y`. */
static double cce_probabilities_row(const float *p, const float *y, int label, int cols,
                                    float *grad, double scale) {
  double total = 0.0;
  for (int j = 0; j < cols; j++) total += p[j];
  double loss = 0.0, weighted = 0.0; /* weighted = sum_i g_i q_i */
  for (int j = 0; j < cols; j++) {
    double yj = label >= 0 ? (j == label) : y[j];
    float q = (float)(p[j] / total);
    float c = clip_probability(q);
    loss -= yj * log((double)c);
    if (in_open_range(q)) weighted += -yj / (double)c * q;
  }
  if (grad) {
    for (int j = 0; j < cols; j++) {
      double yj = label >= 0 ? (j == label) : y[j];
      float q = (float)(p[j] / total);
      double g = in_open_range(q) ? -yj / (double)clip_probability(q) : 0.0;
      grad[j] = (float)((g - weighted) / total * scale);
    }
  }
  return loss;
}

static double cce_logits_row(const float *x, const float *y, int label, int cols, float *grad,
                             double scale) {
  double max = x[0];
  for (int j = 1; j < cols; j++) max = fmax(max, x[j]);
  double sum_exp = 0.0, sum_y = 0.0;
  for (int j = 0; j < cols; j++) {
    sum_exp += exp(x[j] - max);
    sum_y += label >= 0 ? (j == label) : y[j];
  }
  double log_sum_exp = log(sum_exp), loss = 0.0;
  for (int j = 0; j < cols; j++) {
    double yj = label >= 0 ? (j == label) : y[j];
    double log_prob = x[j] - max - log_sum_exp;
    loss -= yj * log_prob;
    if (grad) grad[j] = (float)((exp(log_prob) * sum_y - yj) * scale);
  }
  return loss;
}

static double sign(double v) { return v > 0.0 ? 1.0 : v < 0.0 ? -1.0 : 0.0; }

static double mae(const float *p, const float *y, int n, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double d = (double)p[i] - y[i];
    sum += fabs(d);
    if (grad) grad[i] = (float)(sign(d) * scale);
  }
  return sum;
}

static double huber(const float *p, const float *y, int n, double delta, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double e = (double)p[i] - y[i], a = fabs(e);
    int quadratic = a <= delta;
    sum += quadratic ? 0.5 * e * e : delta * a - 0.5 * delta * delta;
    if (grad) grad[i] = (float)((quadratic ? e : delta * sign(e)) * scale);
  }
  return sum;
}

/* log(cosh(x)) = x + softplus(-2x) - log 2, softplus(v) = max(v, 0) + log1p(e^-|v|). */
static double log_cosh(const float *p, const float *y, int n, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double x = (double)p[i] - y[i], v = -2.0 * x;
    sum += x + fmax(v, 0.0) + log1p(exp(-fabs(v))) - 0.69314718055994530942;
    if (grad) grad[i] = (float)(tanh(x) * scale);
  }
  return sum;
}

static float clip_unit(float v) { return v < ST_LOSS_EPSILON ? ST_LOSS_EPSILON : v > 1.0f ? 1.0f : v; }

static double kl_divergence(const float *p, const float *y, int n, float *grad, double scale) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double t = clip_unit(y[i]), q = clip_unit(p[i]);
    sum += t * log(t / q);
    if (grad) grad[i] = p[i] >= ST_LOSS_EPSILON && p[i] <= 1.0f ? (float)(-t / q * scale) : 0.0f;
  }
  return sum;
}

static double hinge(const float *p, const float *y, int n, float *grad, double scale) {
  int binary = 1;
  for (int i = 0; i < n && binary; i++) binary = y[i] == 0.0f || y[i] == 1.0f;
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double t = binary ? 2.0 * y[i] - 1.0 : y[i], margin = 1.0 - t * p[i];
    sum += fmax(margin, 0.0);
    if (grad) grad[i] = margin > 0.0 ? (float)(-t * scale) : 0.0f;
  }
  return sum;
}

double st_loss_compute(int loss, int from_logits, float delta, const float *pred, const float *target,
                       int rows, int cols, float *grad) {
  double sum = 0.0;
  int n = rows * cols;
  switch (loss) {
    case ST_LOSS_MEAN_ABSOLUTE_ERROR: return mae(pred, target, n, grad, 1.0 / n) / n;
    case ST_LOSS_HUBER: return huber(pred, target, n, delta, grad, 1.0 / n) / n;
    case ST_LOSS_LOG_COSH: return log_cosh(pred, target, n, grad, 1.0 / n) / n;
    case ST_LOSS_KL_DIVERGENCE: return kl_divergence(pred, target, n, grad, 1.0 / rows) / rows;
    case ST_LOSS_HINGE: return hinge(pred, target, n, grad, 1.0 / n) / n;
    case ST_LOSS_MEAN_SQUARED_ERROR: return mse(pred, target, n, grad, 1.0 / n) / n;
    case ST_LOSS_BINARY_CROSSENTROPY:
      sum = from_logits ? bce_logits(pred, target, n, grad, 1.0 / n)
                        : bce_probabilities(pred, target, n, grad, 1.0 / n);
      return sum / n;
    case ST_LOSS_CATEGORICAL_CROSSENTROPY:
    case ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY:
      for (int r = 0; r < rows; r++) {
        int sparse = loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY;
        const float *y = sparse ? NULL : target + (size_t)r * cols;
        int label = sparse ? (int)target[r] : -1;
        const float *p = pred + (size_t)r * cols;
        float *g = grad ? grad + (size_t)r * cols : NULL;
        sum += from_logits ? cce_logits_row(p, y, label, cols, g, 1.0 / rows)
                           : cce_probabilities_row(p, y, label, cols, g, 1.0 / rows);
      }
      return sum / rows;
    default: return NAN;
  }
}

static int argmax(const float *v, int n) {
  int best = 0;
  for (int j = 1; j < n; j++)
    if (v[j] > v[best]) best = j;
  return best;
}

double st_accuracy_sum(int loss, const float *pred, const float *target, int rows, int cols) {
  double correct = 0.0;
  for (int r = 0; r < rows; r++) {
    const float *p = pred + (size_t)r * cols;
    if (loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY) {
      correct += argmax(p, cols) == (int)target[r];
    } else if (cols == 1) {
      correct += (p[0] > 0.5f ? 1.0f : 0.0f) == target[r];
    } else {
      correct += argmax(p, cols) == argmax(target + (size_t)r * cols, cols);
    }
  }
  return correct;
}

int st_loss_target_cols(int loss, int outputs) {
  return loss == ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY ? 1 : outputs;
}
