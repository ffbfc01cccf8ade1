/* recurrent_scalar.c — reference kernels of the recurrent cells (Keras 3: keras/src/layers/
 * rnn/simple_rnn.py, lstm.py, gru.py), one time step over `rows` samples of U units; the
 * math of each is in kernels.h. Every buffer is one contiguous [rows, width] block (the
 * layers keep their per-step arrays time-major so that holds). The element-wise activations
 * are those of activation_scalar.c, written again here as inline functions so each cell is
 * one pass: linear, sigmoid, tanh, relu, leaky_relu, elu, selu (the layers refuse others).
 * Derivatives are taken from the activation's output, as act_backward does. */
#include <math.h>

#include "kernels_impl.h"

/* ---- element-wise activations, as in activation_scalar.c ---- */
static inline float sigmoid1(float x) {
  const float e = expf(-fabsf(x));
  const float r = 1.0f / (1.0f + e);
  return x >= 0.0f ? r : e * r;
}

static inline float act1(int act, float alpha, float x) {
  switch (act) {
    case ST_ACT_SIGMOID: return sigmoid1(x);
    case ST_ACT_TANH: return tanhf(x);
    case ST_ACT_RELU: return x > 0.0f ? x : 0.0f;
    case ST_ACT_LEAKY_RELU: return x > 0.0f ? x : alpha * x;
    case ST_ACT_ELU: return x > 0.0f ? x : alpha * expm1f(x);
    case ST_ACT_SELU: return ST_SELU_SCALE * (x > 0.0f ? x : ST_SELU_ALPHA * expm1f(x));
    default: return x;
  }
}

/* act'(x) from y = act(x). */
static inline float grad1(int act, float alpha, float y) {
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

#define ACT(x) act1(a->act, a->alpha, (x))
#define RACT(x) act1(a->ract, a->ralpha, (x))
#define DACT(y) grad1(a->act, a->alpha, (y))
#define DRACT(y) grad1(a->ract, a->ralpha, (y))

/* ---- SimpleRNN ---- */
void st_simple_rnn_forward__scalar(const st_cell_acts *a, float *h, int rows, int U) {
  const size_t n = (size_t)rows * U;
  for (size_t i = 0; i < n; i++) h[i] = ACT(h[i]);
}

void st_simple_rnn_backward__scalar(const st_cell_acts *a, const float *h, const float *dh, float *dz, int rows, int U) {
  const size_t n = (size_t)rows * U;
  for (size_t i = 0; i < n; i++) dz[i] = dh[i] * DACT(h[i]);
}

/* ---- LSTM: z [rows, 4U] = i, f, g, o pre-activations ---- */
void st_lstm_forward__scalar(const st_cell_acts *a, float *z, const float *c_prev, float *c, float *ac, float *h,
                             int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *zr = z + (size_t)r * 4 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float i = RACT(zr[j]), f = RACT(zr[U + j]), g = ACT(zr[2 * U + j]), og = RACT(zr[3 * U + j]);
      const float cc = f * c_prev[o + j] + i * g;
      const float act_c = ACT(cc);
      zr[j] = i, zr[U + j] = f, zr[2 * U + j] = g, zr[3 * U + j] = og;
      c[o + j] = cc;
      ac[o + j] = act_c;
      h[o + j] = og * act_c;
    }
  }
}

void st_lstm_backward__scalar(const st_cell_acts *a, float *z, const float *c_prev, const float *ac, const float *dh,
                              float *dc, int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *zr = z + (size_t)r * 4 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float i = zr[j], f = zr[U + j], g = zr[2 * U + j], og = zr[3 * U + j];
      const float act_c = ac[o + j], d = dh[o + j];
      /* forward: c = f*c_prev + i*g; h = o*act(c) */
      const float dct = dc[o + j] + d * og * DACT(act_c);
      zr[j] = dct * g * DRACT(i);
      zr[U + j] = dct * c_prev[o + j] * DRACT(f);
      zr[2 * U + j] = dct * i * DACT(g);
      zr[3 * U + j] = d * act_c * DRACT(og);
      dc[o + j] = dct * f;
    }
  }
}

/* ---- GRU, reset_after: p [rows, 3U] = x·W + b_in (z, r, h parts); q = h_prev·R + b_rec ---- */
void st_gru_forward__scalar(const st_cell_acts *a, float *p, const float *q, const float *h_prev, float *h, int rows,
                            int U) {
  for (int r = 0; r < rows; r++) {
    float *pr = p + (size_t)r * 3 * U;
    const float *qr = q + (size_t)r * 3 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float z = RACT(pr[j] + qr[j]), rg = RACT(pr[U + j] + qr[U + j]);
      const float hh = ACT(pr[2 * U + j] + rg * qr[2 * U + j]);
      pr[j] = z, pr[U + j] = rg, pr[2 * U + j] = hh;
      h[o + j] = z * h_prev[o + j] + (1.0f - z) * hh;
    }
  }
}

void st_gru_backward__scalar(const st_cell_acts *a, float *p, float *q, const float *h_prev, const float *dh,
                             float *dh_prev, int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *pr = p + (size_t)r * 3 * U, *qr = q + (size_t)r * 3 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float z = pr[j], rg = pr[U + j], hh = pr[2 * U + j], d = dh[o + j];
      /* forward: h = z*h_prev + (1-z)*hh; hh = act(xh + r*qh) */
      const float dz = d * (h_prev[o + j] - hh) * DRACT(z);
      const float dah = d * (1.0f - z) * DACT(hh);
      const float dr = dah * qr[2 * U + j] * DRACT(rg);
      pr[j] = qr[j] = dz;
      pr[U + j] = qr[U + j] = dr;
      pr[2 * U + j] = dah;
      qr[2 * U + j] = dah * rg;
      dh_prev[o + j] = d * z;
    }
  }
}

/* ---- GRU, reset before the product: p [rows, 3U] with h_prev·R[:, :2U] already added ---- */
void st_gru_gates__scalar(const st_cell_acts *a, float *p, const float *h_prev, float *rh, int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *pr = p + (size_t)r * 3 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float rg = RACT(pr[U + j]);
      pr[j] = RACT(pr[j]);
      pr[U + j] = rg;
      rh[o + j] = rg * h_prev[o + j];
    }
  }
}

void st_gru_state__scalar(const st_cell_acts *a, float *p, const float *h_prev, float *h, int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *pr = p + (size_t)r * 3 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float z = pr[j], hh = ACT(pr[2 * U + j]);
      pr[2 * U + j] = hh;
      h[o + j] = z * h_prev[o + j] + (1.0f - z) * hh;
    }
  }
}

void st_gru_backward_state__scalar(const st_cell_acts *a, float *p, const float *h_prev, const float *dh, float *dh_prev,
                                   int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *pr = p + (size_t)r * 3 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float z = pr[j], hh = pr[2 * U + j], d = dh[o + j];
      pr[j] = d * (h_prev[o + j] - hh) * DRACT(z);
      pr[2 * U + j] = d * (1.0f - z) * DACT(hh);
      dh_prev[o + j] = d * z;
    }
  }
}

void st_gru_backward_gates__scalar(const st_cell_acts *a, float *p, const float *h_prev, const float *drh, float *dh_prev,
                                   int rows, int U) {
  for (int r = 0; r < rows; r++) {
    float *pr = p + (size_t)r * 3 * U;
    const size_t o = (size_t)r * U;
    for (int j = 0; j < U; j++) {
      const float rg = pr[U + j];
      /* forward: rh = r*h_prev */
      pr[U + j] = drh[o + j] * h_prev[o + j] * DRACT(rg);
      dh_prev[o + j] += drh[o + j] * rg;
    }
  }
}
