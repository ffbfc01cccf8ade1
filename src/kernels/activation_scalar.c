/* activation_scalar.c — reference activations (Keras 3, keras/src/activations/activations.py
 * and keras/src/backend/{numpy,tensorflow,torch,jax}/nn.py) over x, y of shape [rows, cols] (row stride cols); x may alias
 * y, dy may alias dx (x may not alias dx).
 * Forward:  sigmoid 1/(1+e^-x) in the overflow-free form; tanh; relu max(x,0);
 *           leaky x>0 ? x : αx; elu x>0 ? x : α(e^x-1); selu λ(x>0 ? x : α_s(e^x-1));
 *           softmax per row, e^(x-max)/Σ (max subtracted so exp cannot overflow);
 *           gelu (Keras default approximate=False, the exact form) x·Φ(x) = ½x(1 + erf(x/√2)),
 *             computed as ½x·erfc(-x/√2) in double (erfc has no cancellation for x < 0, where
 *             1 + erf loses every digit; double also keeps x/√2 from rounding, which erfc's
 *             e^(-t²) would amplify 2t² times);
 *           silu (Keras alias swish) x·σ(x); softplus log(1+e^x) = max(x,0) + log1p(e^-|x|);
 *           softsign x/(1+|x|); hard_sigmoid relu6(x+3)/6; relu6 min(max(x,0),6);
 *           mish x·tanh(softplus(x)); exponential e^x.
 * Backward from the forward output y: sigmoid y(1-y); tanh 1-y²; relu/leaky/elu/selu by the
 * sign of y (y>0 ⇔ x>0 for α>0), elu' = y+α and selu' = y+λα_s on the negative side;
 * softmax dx = y·(dy - Σ dy·y) per row (the row Jacobian diag(y) - y yᵀ applied to dy);
 * softplus' = σ(x) = 1 - e^-y = -expm1(-y); softsign' = 1/(1+|x|)² = (1-|y|)²;
 * hard_sigmoid' = 1/6 where 0 < y < 1; relu6' = 1 where 0 < y < 6; exponential' = y.
 * Backward from the forward input x (not invertible from y):
 *   gelu' = Φ(x) + x·φ(x), φ(x) = e^(-x²/2)/√(2π) (double, as the forward);
 *   silu' = σ(x)(1 + x·σ(-x)) (σ(-x) formed directly, not as 1 - σ(x));
 *   mish' = tanh(sp) + x·σ(x)·sech²(sp), sp = softplus(x); with e = e^-|x| and
 *     x ≥ 0: N = 1+2e, D = N + 2e², tanh(sp) = N/D, x·σ·sech² = 4x·e²(1+e)/D²
 *     x < 0: N = e(2+e), D = N + 2,  tanh(sp) = N/D, x·σ·sech² = 4x·e(1+e)/D²
 *   (tanh(log(1+e^x)) and sech² written out in e, so nothing cancels for large |x|).
 * Gradients at the kinks (relu6 at 0 and 6, hard_sigmoid at ±3) are 0, as TF's and torch's. */
#include <math.h>

#include "kernels_impl.h"

/* 1/(1+e^-x) via e = e^-|x| ≤ 1, so nothing overflows for large |x|. */
static float sigmoidf(float x) {
  const float e = expf(-fabsf(x));
  const float r = 1.0f / (1.0f + e);
  return x >= 0.0f ? r : e * r;
}

/* log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|). */
static float softplusf(float x) { return (x > 0.0f ? x : 0.0f) + log1pf(expf(-fabsf(x))); }

static float gelu(float x) { return (float)(0.5 * x * erfc(-(double)x * 0.70710678118654752440)); }

static float act_scalar(int act, float alpha, float x) {
  switch (act) {
    case ST_ACT_GELU: return gelu(x);
    case ST_ACT_SILU: return x * sigmoidf(x);
    case ST_ACT_SOFTPLUS: return softplusf(x);
    case ST_ACT_SOFTSIGN: return x / (1.0f + fabsf(x));
    case ST_ACT_HARD_SIGMOID: return fminf(fmaxf(x + 3.0f, 0.0f), 6.0f) / 6.0f;
    case ST_ACT_RELU6: return fminf(fmaxf(x, 0.0f), 6.0f);
    case ST_ACT_MISH: return x * tanhf(softplusf(x));
    case ST_ACT_EXPONENTIAL: return expf(x);
    case ST_ACT_SIGMOID: return sigmoidf(x);
    case ST_ACT_TANH: return tanhf(x);
    case ST_ACT_RELU: return x > 0.0f ? x : 0.0f;
    case ST_ACT_LEAKY_RELU: return x > 0.0f ? x : alpha * x;
    case ST_ACT_ELU: return x > 0.0f ? x : alpha * expm1f(x);
    case ST_ACT_SELU: return ST_SELU_SCALE * (x > 0.0f ? x : ST_SELU_ALPHA * expm1f(x));
    default: return x;
  }
}

/* act'(x) expressed through y = act(x). */
static float act_grad_scalar(int act, float alpha, float y) {
  switch (act) {
    case ST_ACT_SOFTPLUS: return -expm1f(-y);
    case ST_ACT_SOFTSIGN: {
      const float d = 1.0f - fabsf(y);
      return d * d;
    }
    case ST_ACT_HARD_SIGMOID: return y > 0.0f && y < 1.0f ? 1.0f / 6.0f : 0.0f;
    case ST_ACT_RELU6: return y > 0.0f && y < 6.0f ? 1.0f : 0.0f;
    case ST_ACT_EXPONENTIAL: return y;
    case ST_ACT_SIGMOID: return y * (1.0f - y);
    case ST_ACT_TANH: return 1.0f - y * y;
    case ST_ACT_RELU: return y > 0.0f ? 1.0f : 0.0f;
    case ST_ACT_LEAKY_RELU: return y > 0.0f ? 1.0f : alpha;
    case ST_ACT_ELU: return y > 0.0f ? 1.0f : y + alpha;
    case ST_ACT_SELU: return y > 0.0f ? ST_SELU_SCALE : y + ST_SELU_SCALE * ST_SELU_ALPHA;
    default: return 1.0f;
  }
}

/* act'(x) from the input x, for the activations of st_act_backward_needs_input. */
static float act_grad_from_input(int act, float x) {
  const float e = expf(-fabsf(x)), r = 1.0f / (1.0f + e);
  switch (act) {
    case ST_ACT_GELU: {
      const double xd = x;
      return (float)(0.5 * erfc(-xd * 0.70710678118654752440) + xd * 0.39894228040143267794 * exp(-0.5 * xd * xd));
    }
    case ST_ACT_SILU: {
      const float s = x >= 0.0f ? r : e * r, s_neg = x >= 0.0f ? e * r : r; /* σ(x), σ(-x) */
      return s * (1.0f + x * s_neg);
    }
    case ST_ACT_MISH: {
      const float n = x >= 0.0f ? 1.0f + 2.0f * e : e * (2.0f + e);
      const float d = x >= 0.0f ? n + 2.0f * e * e : n + 2.0f;
      const float k = x >= 0.0f ? e * e : e;
      return n / d + 4.0f * x * k * (1.0f + e) / (d * d);
    }
    default: return 1.0f;
  }
}

/* ---- softmax rows: y = e^(x - max) / Σ e^(x - max) ---- */
static void softmax_row(const float *x, float *y, int cols) {
  float mx = x[0];
  for (int c = 1; c < cols; c++) mx = x[c] > mx ? x[c] : mx;
  float sum = 0.0f;
  for (int c = 0; c < cols; c++) {
    y[c] = expf(x[c] - mx);
    sum += y[c];
  }
  for (int c = 0; c < cols; c++) y[c] /= sum;
}

/* dx = y·(dy - Σ_c dy·y); the dot is taken before dx is written, so dy may alias dx. */
static void softmax_row_backward(const float *y, const float *dy, float *dx, int cols) {
  float dot = 0.0f;
  for (int c = 0; c < cols; c++) dot += dy[c] * y[c];
  for (int c = 0; c < cols; c++) dx[c] = y[c] * (dy[c] - dot);
}

void st_act_forward__scalar(int act, float alpha, const float *x, float *y, int rows, int cols) {
  if (act == ST_ACT_SOFTMAX) {
    for (int r = 0; r < rows; r++) softmax_row(x + (size_t)r * cols, y + (size_t)r * cols, cols);
    return;
  }
  const size_t n = (size_t)rows * cols;
  for (size_t i = 0; i < n; i++) y[i] = act_scalar(act, alpha, x[i]);
}

void st_act_backward__scalar(int act, float alpha, const float *x, const float *y, const float *dy,
                             float *dx, int rows, int cols) {
  if (act == ST_ACT_SOFTMAX) {
    for (int r = 0; r < rows; r++) {
      const size_t o = (size_t)r * cols;
      softmax_row_backward(y + o, dy + o, dx + o, cols);
    }
    return;
  }
  const size_t n = (size_t)rows * cols;
  if (st_act_backward_needs_input(act)) {
    for (size_t i = 0; i < n; i++) dx[i] = dy[i] * act_grad_from_input(act, x[i]);
    return;
  }
  for (size_t i = 0; i < n; i++) dx[i] = dy[i] * act_grad_scalar(act, alpha, y[i]);
}
