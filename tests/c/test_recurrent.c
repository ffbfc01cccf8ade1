/* test_recurrent.c — SimpleRNN, LSTM and GRU in C:
 *  - the cell kernels: the SIMD table against the scalar reference at every U from 1 to 13
 *    (breaking the 4-lane tails) and several row counts, for the default activations and
 *    the other element-wise ones (wasm SIMD builds);
 *  - finite differences: every weight gradient of a model [cell, Dense] under MSE, for each
 *    cell, return_sequences (then Dense per step), go_backwards, no bias, relu activation,
 *    GRU reset_after both ways, a stack of two cells, and the input gradient through a
 *    leading Dense on [T, F];
 *  - the exact claim of chapter 5: a linear SimpleRNN with recurrent kernel ρ·Q (Q
 *    orthogonal), the loss on the last step, has ‖∂L/∂h_t‖ = ρ^(T−1−t)·‖∂L/∂h_{T−1}‖;
 *  - refusals: a parameter list that does not match the input width. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernels_impl.h"
#include "loss.h"
#include "model.h"
#include "simdtrain.h"

enum { ROWS = 3, T = 4, F = 3, U = 5 };

typedef struct cell_case {
  const char *name;
  int kind, act, ract, use_bias, return_sequences, go_backwards, extra; /* extra: unit_forget_bias / reset_after */
  int stacked, dense_first;
} cell_case;

static void add_cell(st_model *m, const cell_case *c, int steps, int features, int units, int return_sequences) {
  if (c->kind == ST_LAYER_SIMPLE_RNN)
    ADD_LAYER(m, ST_LAYER_SIMPLE_RNN, units, steps, features, c->act, 0.2, c->use_bias, ST_INIT_GLOROT_UNIFORM,
              ST_INIT_ORTHOGONAL, ST_INIT_GLOROT_UNIFORM, return_sequences, c->go_backwards);
  else
    ADD_LAYER(m, c->kind, units, steps, features, c->act, 0.2, c->use_bias, ST_INIT_GLOROT_UNIFORM, ST_INIT_ORTHOGONAL,
              ST_INIT_GLOROT_UNIFORM, return_sequences, c->go_backwards, c->ract, 0.2, c->extra);
}

/* The model of a case: [Dense on [T, F]], cell, [cell], Dense (per step with return_sequences). */
static st_model *make_model(const cell_case *c, int *outputs) {
  st_model *m = st_model_create(7u, T * F);
  if (c->dense_first) ADD_LAYER(m, ST_LAYER_DENSE, F, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_TANH, 0, T);
  if (c->stacked) add_cell(m, c, T, F, U, 1);
  add_cell(m, c, T, c->stacked ? U : F, U, c->return_sequences);
  const int steps = c->return_sequences ? T : 1;
  ADD_LAYER(m, ST_LAYER_DENSE, 2, 1, ST_INIT_GLOROT_UNIFORM, ST_INIT_GLOROT_UNIFORM, ST_ACT_LINEAR, 0, steps);
  CHECK(st_model_build(m) == ST_OK, "%s build: %s", c->name, st_error_message());
  *outputs = 2 * steps;
  return m;
}

static double loss_of(st_model *m, const float *x, const float *y, int outputs) {
  float pred[ROWS * 2 * T];
  st_model_predict(m, x, ROWS, pred, 1);
  return st_loss_compute(ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, pred, y, ROWS, outputs, NULL);
}

static void gradcheck(const cell_case *c) {
  int outputs;
  st_model *m = make_model(c, &outputs);
  /* biases random too, so every term of the backward is exercised */
  for (int w = 0; w < st_model_weight_count(m); w++) {
    float *v = st_model_weight_values(m, w);
    const int n = st_model_weight_rows(m, w) * st_model_weight_cols(m, w);
    for (int i = 0; i < n; i++) v[i] += frand(-0.3f, 0.3f);
  }
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.01);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  CHECK(st_model_compile(m, ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, opt) == ST_OK, "%s compile: %s", c->name, st_error_message());
  float x[ROWS * T * F], y[ROWS * 2 * T], loss;
  fill(x, ROWS * T * F, -1.5f, 1.5f);
  fill(y, (size_t)ROWS * outputs, -1.0f, 1.0f);
  CHECK(st_model_compute_gradients(m, x, y, ROWS, &loss) == ST_OK, "%s: %s", c->name, st_error_message());
  CHECK(close_enough(loss, loss_of(m, x, y, outputs), 1e-6, 0), "%s: loss mismatch", c->name);
  const float h = 1e-2f;
  int checked = 0;
  for (int w = 0; w < st_model_weight_count(m); w++) {
    float *values = st_model_weight_values(m, w);
    const float *grad = st_model_weight_gradient(m, w);
    const int n = st_model_weight_rows(m, w) * st_model_weight_cols(m, w);
    for (int i = 0; i < n; i++) {
      const float keep = values[i];
      values[i] = keep + h;
      const double up = loss_of(m, x, y, outputs);
      values[i] = keep - h;
      const double down = loss_of(m, x, y, outputs);
      values[i] = keep;
      const double numeric = (up - down) / ((double)(keep + h) - (double)(keep - h));
      CHECK(close_enough(grad[i], numeric, 2e-2, 3e-4), "%s: weight %d[%d] analytic %.6g numeric %.6g", c->name, w, i, grad[i],
            numeric);
      checked++;
    }
  }
  CHECK(checked > 50, "%s: %d gradients checked", c->name, checked);
  st_model_free(m);
  st_optimizer_free(opt);
}

static void test_gradients(void) {
  static const cell_case cases[] = {
      {"SimpleRNN", ST_LAYER_SIMPLE_RNN, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 0, 0, 0, 0, 0},
      {"SimpleRNN relu, sequences", ST_LAYER_SIMPLE_RNN, ST_ACT_RELU, ST_ACT_SIGMOID, 1, 1, 0, 0, 0, 0},
      {"SimpleRNN backwards, no bias", ST_LAYER_SIMPLE_RNN, ST_ACT_TANH, ST_ACT_SIGMOID, 0, 0, 1, 0, 0, 1},
      {"SimpleRNN stacked", ST_LAYER_SIMPLE_RNN, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 1, 0, 0, 1, 0},
      {"LSTM", ST_LAYER_LSTM, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 0, 0, 1, 0, 0},
      {"LSTM sequences, backwards", ST_LAYER_LSTM, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 1, 1, 0, 0, 1},
      {"LSTM no bias, relu", ST_LAYER_LSTM, ST_ACT_RELU, ST_ACT_SIGMOID, 0, 0, 0, 0, 0, 0},
      {"LSTM stacked, elu/hard", ST_LAYER_LSTM, ST_ACT_ELU, ST_ACT_TANH, 1, 0, 0, 1, 1, 0},
      {"GRU reset_after", ST_LAYER_GRU, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 0, 0, 1, 0, 0},
      {"GRU reset_before", ST_LAYER_GRU, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 0, 0, 0, 0, 0},
      {"GRU reset_after sequences backwards", ST_LAYER_GRU, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 1, 1, 1, 0, 1},
      {"GRU reset_before sequences, no bias", ST_LAYER_GRU, ST_ACT_TANH, ST_ACT_SIGMOID, 0, 1, 0, 0, 0, 0},
      {"GRU stacked, relu", ST_LAYER_GRU, ST_ACT_RELU, ST_ACT_SIGMOID, 1, 0, 1, 1, 1, 1},
      {"GRU reset_before stacked backwards", ST_LAYER_GRU, ST_ACT_TANH, ST_ACT_SIGMOID, 1, 1, 1, 0, 1, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) gradcheck(&cases[i]);
}

/* ---- ‖∂L/∂h_t‖ = ρ^(T−1−t) ‖∂L/∂h_{T−1}‖ for h_t = x_t·W + h_{t−1}·ρQ ---- */
static void test_bptt_power_law(void) {
  enum { N = 4, TT = 40, UU = 8, FF = 2 };
  const double rhos[] = {0.8, 1.0, 1.2};
  for (int k = 0; k < 3; k++) {
    st_model *m = st_model_create(3u, TT * FF);
    ADD_LAYER(m, ST_LAYER_SIMPLE_RNN, UU, TT, FF, ST_ACT_LINEAR, 0, 0, ST_INIT_GLOROT_UNIFORM, ST_INIT_ORTHOGONAL,
              ST_INIT_ZEROS, 0, 0);
    ADD_LAYER(m, ST_LAYER_DENSE, 1, 0, ST_INIT_GLOROT_UNIFORM, ST_INIT_ZEROS, ST_ACT_LINEAR, 0);
    CHECK(st_model_build(m) == ST_OK, "build: %s", st_error_message());
    float *R = st_model_weight_values(m, 1);
    for (int i = 0; i < UU * UU; i++) R[i] *= (float)rhos[k];
    st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
    st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.01);
    st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
    st_optimizer_set(opt, ST_HP_NESTEROV, 0);
    st_model_compile(m, ST_LOSS_MEAN_SQUARED_ERROR, 0, 1.0f, opt);
    float x[N * TT * FF], y[N], loss;
    fill(x, N * TT * FF, -1, 1);
    fill(y, N, -1, 1);
    CHECK(st_model_compute_gradients(m, x, y, N, &loss) == ST_OK, "%s", st_error_message());
    const float *norms = m->layers[0].state;
    for (int t = 0; t < TT; t++) {
      const double want = pow(rhos[k], TT - 1 - t), got = (double)norms[t] / norms[TT - 1];
      CHECK(close_enough(got, want, 1e-4, 0), "rho %.1f: |dL/dh_%d| / |dL/dh_%d| = %.9g, expected rho^%d = %.9g", rhos[k], t,
            TT - 1, got, TT - 1 - t, want);
    }
    st_model_free(m);
    st_optimizer_free(opt);
  }
}

/* ---- refusals ---- */
static void test_refusals(void) {
  st_model *m = st_model_create(1u, 12);
  CHECK(ADD_LAYER(m, ST_LAYER_LSTM, 4, 5, 3, ST_ACT_TANH, 0, 1, 0, 8, 5, 0, 0, ST_ACT_SIGMOID, 0, 1) == ST_E_ARGUMENT,
        "5 x 3 on a 12-wide input must be refused");
  CHECK(strstr(st_error_message(), "LSTM") != NULL, "message names the class: %s", st_error_message());
  CHECK(ADD_LAYER(m, ST_LAYER_GRU, 0, 4, 3, ST_ACT_TANH, 0, 1, 0, 8, 5, 0, 0, ST_ACT_SIGMOID, 0, 1) == ST_E_ARGUMENT,
        "units 0 must be refused");
  CHECK(strstr(st_error_message(), "units") != NULL, "message names units: %s", st_error_message());
  CHECK(ADD_LAYER(m, ST_LAYER_GRU, 2, 4, 3, ST_ACT_SOFTMAX, 0, 1, 0, 8, 5, 0, 0, ST_ACT_SIGMOID, 0, 1) == ST_E_ARGUMENT,
        "softmax must be refused in a gated cell");
  CHECK(ADD_LAYER(m, ST_LAYER_SIMPLE_RNN, 2, 4, 3, ST_ACT_TANH, 0, 1, 0, 8, 5, 0, 0) == ST_OK, "%s", st_error_message());
  st_model_free(m);
}

#ifdef __wasm_simd128__
/* ---- SIMD cells against the scalar reference ---- */
static void compare(const char *ctx, const char *what, const float *got, const float *want, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const double tol = 1e-6 + 4e-6 * fabs(want[i]);
    if (!(fabs((double)got[i] - want[i]) <= tol)) fail(ctx, what, i, got[i], want[i], tol);
  }
}

static void test_cells_simd(void) {
  const st_kernels *s = &st_kernels_scalar, *v = &st_kernels_wasmsimd;
  static const int pairs[][2] = {{ST_ACT_TANH, ST_ACT_SIGMOID}, {ST_ACT_RELU, ST_ACT_TANH}, {ST_ACT_ELU, ST_ACT_LEAKY_RELU},
                                 {ST_ACT_SELU, ST_ACT_LINEAR}};
  enum { MAXN = 5 * 4 * 13 };
  float in[6][MAXN], a_[6][MAXN], b_[6][MAXN];
  char ctx[128];
  for (size_t p = 0; p < 4; p++)
    for (int rows = 1; rows <= 5; rows += 2)
      for (int u = 1; u <= 13; u++) {
        const st_cell_acts acts = {.act = pairs[p][0], .alpha = 0.3f, .ract = pairs[p][1], .ralpha = 0.2f};
        for (int i = 0; i < 6; i++) fill(in[i], MAXN, -3, 3);
        const size_t nu = (size_t)rows * u;
#define RESET() memcpy(a_, in, sizeof in), memcpy(b_, in, sizeof in)
#define CMP(i, count) compare(ctx, #i, b_[i], a_[i], (count))
        snprintf(ctx, sizeof ctx, "acts %d/%d rows %d U %d", pairs[p][0], pairs[p][1], rows, u);
        RESET();
        s->simple_rnn_forward(&acts, a_[0], rows, u), v->simple_rnn_forward(&acts, b_[0], rows, u), CMP(0, nu);
        s->simple_rnn_backward(&acts, a_[0], a_[1], a_[2], rows, u), v->simple_rnn_backward(&acts, a_[0], a_[1], b_[2], rows, u);
        CMP(2, nu);
        RESET();
        s->lstm_forward(&acts, a_[0], a_[1], a_[2], a_[3], a_[4], rows, u);
        v->lstm_forward(&acts, b_[0], b_[1], b_[2], b_[3], b_[4], rows, u);
        CMP(0, 4 * nu), CMP(2, nu), CMP(3, nu), CMP(4, nu);
        memcpy(b_[0], a_[0], sizeof a_[0]);
        s->lstm_backward(&acts, a_[0], a_[1], a_[3], a_[5], a_[2], rows, u);
        v->lstm_backward(&acts, b_[0], a_[1], a_[3], a_[5], b_[2], rows, u);
        CMP(0, 4 * nu), CMP(2, nu);
        RESET();
        s->gru_forward(&acts, a_[0], a_[1], a_[2], a_[3], rows, u), v->gru_forward(&acts, b_[0], a_[1], a_[2], b_[3], rows, u);
        CMP(0, 3 * nu), CMP(3, nu);
        memcpy(b_[0], a_[0], sizeof a_[0]);
        s->gru_backward(&acts, a_[0], a_[1], a_[2], a_[4], a_[5], rows, u);
        v->gru_backward(&acts, b_[0], b_[1], a_[2], a_[4], b_[5], rows, u);
        CMP(0, 3 * nu), CMP(1, 3 * nu), CMP(5, nu);
        RESET();
        s->gru_gates(&acts, a_[0], a_[1], a_[2], rows, u), v->gru_gates(&acts, b_[0], a_[1], b_[2], rows, u);
        CMP(0, 3 * nu), CMP(2, nu);
        s->gru_state(&acts, a_[0], a_[1], a_[3], rows, u), v->gru_state(&acts, b_[0], a_[1], b_[3], rows, u);
        CMP(0, 3 * nu), CMP(3, nu);
        memcpy(b_[0], a_[0], sizeof a_[0]);
        s->gru_backward_state(&acts, a_[0], a_[1], a_[4], a_[5], rows, u);
        v->gru_backward_state(&acts, b_[0], a_[1], a_[4], b_[5], rows, u);
        CMP(0, 3 * nu), CMP(5, nu);
        s->gru_backward_gates(&acts, a_[0], a_[1], a_[2], a_[5], rows, u);
        v->gru_backward_gates(&acts, b_[0], a_[1], a_[2], b_[5], rows, u);
        CMP(0, 3 * nu), CMP(5, nu);
      }
}
#endif

int main(void) {
  check_seed(0x12345u);
  test_gradients();
  test_bptt_power_law();
  test_refusals();
#ifdef __wasm_simd128__
  test_cells_simd();
#endif
  return check_report("test_recurrent");
}
