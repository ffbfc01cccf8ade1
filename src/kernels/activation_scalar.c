/* activation_scalar.c — reference activations (Keras 3, keras/src/activations/activations.py)
 * over x, y of shape [rows, cols] (row stride cols); x may alias y, dy may alias dx.
 * Forward:  sigmoid 1/(1+e^-x) in the overflow-free form; tanh; relu max(x,0);
 *           leaky x>0 ? x : αx; elu x>0 ? x : α(e^x-1); selu λ(x>0 ? x : α_s(e^x-1));
 *           softmax per row, e^(x-max)/Σ (max subtracted so exp cannot overflow).
 * Backward from the forward output y: sigmoid y(1-y); tanh 1-y²; relu/leaky/elu/selu by the
 * sign of y (y>0 ⇔ x>0 for α>0), elu' = y+α and selu' = y+λα_s on the negative side;
 * softmax dx = y·(dy - Σ dy·y) per row (the row Jacobian diag(y) - y yᵀ applied to dy). */
#include <math.h>

#include "kernels_impl.h"

/* 1/(1+e^-x) via e = e^-|x| ≤ 1, so nothing overflows for large |x|. */
static float sigmoidf(float x) {
  const float e = expf(-fabsf(x));
  const float r = 1.0f / (1.0f + e);
  return x >= 0.0f ? r : e * r;
}

static float act_scalar(int act, float alpha, float x) {
  switch (act) {
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
    case ST_ACT_SIGMOID: return y * (1.0f - y);
    case ST_ACT_TANH: return 1.0f - y * y;
    case ST_ACT_RELU: return y > 0.0f ? 1.0f : 0.0f;
    case ST_ACT_LEAKY_RELU: return y > 0.0f ? 1.0f : alpha;
    case ST_ACT_ELU: return y > 0.0f ? 1.0f : y + alpha;
    case ST_ACT_SELU: return y > 0.0f ? ST_SELU_SCALE : y + ST_SELU_SCALE * ST_SELU_ALPHA;
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

void st_act_backward__scalar(int act, float alpha, const float *y, const float *dy, float *dx,
                             int rows, int cols) {
  if (act == ST_ACT_SOFTMAX) {
    for (int r = 0; r < rows; r++) {
      const size_t o = (size_t)r * cols;
      softmax_row_backward(y + o, dy + o, dx + o, cols);
    }
    return;
  }
  const size_t n = (size_t)rows * cols;
  for (size_t i = 0; i < n; i++) dx[i] = dy[i] * act_grad_scalar(act, alpha, y[i]);
}
