/* recurrent.c — Keras 3 SimpleRNN, LSTM and GRU (keras/src/layers/rnn/simple_rnn.py,
 * lstm.py, gru.py) with backpropagation through time. A sample is T steps of F features
 * ([rows, T·F] row-major, as every N-D sample in the core); the output is the last state
 * [rows, U] or, with return_sequences, every state [rows, T·U] in processing order (Keras:
 * with go_backwards the sequence is returned reversed). Initial state zeros.
 *
 * Weights, Keras's layout and getWeights order, g = 1 (SimpleRNN), 4 (LSTM: i, f, c, o),
 * 3 (GRU: z, r, h): kernel W [F, g·U], recurrent kernel R [U, g·U], bias [g·U] — GRU with
 * reset_after: [2, 3U], the input bias then the recurrent bias.
 *
 * Parameters, in order (the JS registry's params): units, timesteps, features, activation,
 * alpha, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
 * return_sequences, go_backwards; LSTM and GRU then recurrent_activation, recurrent_alpha,
 * and unit_forget_bias (LSTM) or reset_after (GRU).
 *
 * Layout of the workspace (scratch), time-major so each step is one contiguous [n, ·] block
 * (n = the batch's rows) and the products over all steps are single GEMMs:
 *   xt [T, n, F]      the input in processing order (go_backwards reverses it here)
 *   z  [T, n, g·U]    x·W + b, then the cell's activated gates, then in backward their
 *                     pre-activation gradients dz
 *   h  [T+1, n, U]    states, h[0] = 0
 *   LSTM: c [T+1, n, U] cells (c[0] = 0), ac [T, n, U] = φ(c)
 *   GRU reset_after: q [T, n, 3U] = h_prev·R + b_rec, then its gradient
 *   GRU reset before: rh [T, n, U] = r⊙h_prev
 *   dh, dh2 [n, U] (∂L/∂h_t and the next one), dc or drh [n, U], norms [T]
 *   rt [g·U, U]       Rᵀ, copied once per backward: each step's ∂L/∂h_{t-1} = dz·Rᵀ is then a
 *                     gemm_nn (splat tile) instead of gemm_nt, whose dot-product tile reduces
 *                     only over g·U terms per output (bench/rnn_parts.c: LSTM(64), batch 32,
 *                     this product was the largest part of the step, SIMD and scalar)
 * The forward is one GEMM for the input projection of every step, then per step one
 * recurrent GEMM (the kernel table's, SIMD where built) and one fused cell kernel
 * (kernels.h); the backward per step is the cell's backward kernel and one GEMM for
 * ∂L/∂h_{t-1}, then W's, R's and the bias's gradients and ∂L/∂x are one GEMM (or column sum)
 * each over all steps. Nothing is allocated per step or per batch.
 *
 * Diagnostics: backward keeps ‖∂L/∂h_t‖ (the Frobenius norm over the batch of the total
 * gradient reaching each state, t in processing order), which step_stats copies to the
 * layer's state (T floats): the BPTT curve gradientStats() reports. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../error.h"
#include "../initializers.h"
#include "../memory.h"
#include "layer.h"

enum { KERNEL = 0, RECURRENT = 1, BIAS = 2 };
enum { MAX_WIDTH = 1 << 20, MAX_OUT = 1 << 30 };

static int gates(const st_layer *l) {
  return l->ops->kind == ST_LAYER_LSTM ? 4 : l->ops->kind == ST_LAYER_GRU ? 3 : 1;
}
static int is_lstm(const st_layer *l) { return l->ops->kind == ST_LAYER_LSTM; }
static int is_gru_after(const st_layer *l) { return l->ops->kind == ST_LAYER_GRU && l->reset_after; }
static int is_gru_before(const st_layer *l) { return l->ops->kind == ST_LAYER_GRU && !l->reset_after; }

/* An element-wise activation the cell kernels implement. */
static int cell_activation(const st_layer *l, const double *params, int i, const char *argument, int *out) {
  int status = st_param_activation(l, params, i, argument, out);
  if (status == ST_OK && *out != ST_ACT_LINEAR && *out != ST_ACT_SIGMOID && *out != ST_ACT_TANH && *out != ST_ACT_RELU &&
      *out != ST_ACT_LEAKY_RELU && *out != ST_ACT_ELU && *out != ST_ACT_SELU)
    return st_fail(ST_E_ARGUMENT, "%s: %s must be one of linear, sigmoid, tanh, relu, leaky_relu, elu, selu, got %s",
                   st_vocab_lookup(ST_FAMILY_LAYER, l->ops->kind), argument, st_vocab_lookup(ST_FAMILY_ACTIVATION, *out));
  return status;
}

static int recurrent_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  const int gated = l->ops->kind != ST_LAYER_SIMPLE_RNN;
  const char *name = st_vocab_lookup(ST_FAMILY_LAYER, l->ops->kind);
  int64_t units, steps, features;
  int status = st_param_count(l, count, gated ? 14 : 11);
  if (status == ST_OK) status = st_param_int(l, params, 0, "units", 1, MAX_WIDTH, &units);
  if (status == ST_OK) status = st_param_int(l, params, 1, "timesteps", 1, MAX_WIDTH, &steps);
  if (status == ST_OK) status = st_param_int(l, params, 2, "features", 1, MAX_WIDTH, &features);
  if (status == ST_OK) status = cell_activation(l, params, 3, "activation", &l->activation);
  if (status == ST_OK) status = st_param_float(l, params, 4, "alpha", &l->alpha);
  if (status == ST_OK) status = st_param_flag(l, params, 5, "use_bias", &l->use_bias);
  if (status == ST_OK) status = st_param_initializer(l, params, 6, "kernel_initializer", 0, &l->kernel_initializer);
  if (status == ST_OK) status = st_param_initializer(l, params, 7, "recurrent_initializer", 0, &l->recurrent_initializer);
  if (status == ST_OK) status = st_param_initializer(l, params, 8, "bias_initializer", 1, &l->bias_initializer);
  if (status == ST_OK) status = st_param_flag(l, params, 9, "return_sequences", &l->return_sequences);
  if (status == ST_OK) status = st_param_flag(l, params, 10, "go_backwards", &l->go_backwards);
  l->recurrent_activation = ST_ACT_SIGMOID;
  l->recurrent_alpha = 0.0f;
  l->unit_forget_bias = l->reset_after = 0;
  if (gated) {
    if (status == ST_OK) status = cell_activation(l, params, 11, "recurrent_activation", &l->recurrent_activation);
    if (status == ST_OK) status = st_param_float(l, params, 12, "recurrent_alpha", &l->recurrent_alpha);
    if (status == ST_OK)
      status = st_param_flag(l, params, 13, is_lstm(l) ? "unit_forget_bias" : "reset_after",
                             is_lstm(l) ? &l->unit_forget_bias : &l->reset_after);
  }
  if (status != ST_OK) return status;
  if (steps * features != ctx->in)
    return st_fail(ST_E_ARGUMENT, "%s: input of timesteps x features = %lld x %lld values per sample expected, got %d", name,
                   (long long)steps, (long long)features, ctx->in);
  if (steps * units * gates(l) > MAX_OUT)
    return st_fail(ST_E_ARGUMENT, "%s: timesteps x units x %d = %lld x %lld x %d exceeds %d", name, gates(l), (long long)steps,
                   (long long)units, gates(l), MAX_OUT);
  l->units = (int)units;
  l->steps = (int)steps;
  l->features = (int)features;
  l->out = l->return_sequences ? (int)(steps * units) : (int)units;
  return ST_OK;
}

static int recurrent_weight_count(const st_layer *l) { return l->use_bias ? 3 : 2; }

static void recurrent_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  const int gu = gates(l) * l->units;
  *rows = i == KERNEL ? l->features : i == RECURRENT ? l->units : is_gru_after(l) ? 2 : 1;
  *cols = gu;
  *trainable = 1;
}

static int recurrent_initialize(st_layer *l, st_rng *rng) {
  const int U = l->units, gu = gates(l) * U;
  int status = st_initialize(l->kernel_initializer, l->weights[KERNEL], l->features, gu, l->features * gu, rng);
  if (status == ST_OK) status = st_initialize(l->recurrent_initializer, l->weights[RECURRENT], U, gu, U * gu, rng);
  if (status == ST_OK && l->use_bias) {
    const int n = is_gru_after(l) ? 2 * gu : gu;
    status = st_initialize(l->bias_initializer, l->weights[BIAS], n, n, n, rng);
    if (status == ST_OK && l->unit_forget_bias)
      for (int j = 0; j < U; j++) l->weights[BIAS][U + j] = 1.0f; /* Keras: init(U), ones(U), init(2U) */
  }
  return status;
}

/* ---- workspace layout ---- */
typedef struct layout {
  size_t xt, z, h, c, ac, q, rh, dh, dh2, dc, norms, rt, total; /* offsets in floats, and the total */
} layout;

/* Offsets for n rows; 0 if a size does not fit in size_t. */
static int plan(const st_layer *l, size_t n, layout *o) {
  const size_t T = (size_t)l->steps, U = (size_t)l->units, F = (size_t)l->features, g = (size_t)gates(l);
  size_t at = 0, tn, step_u, ugu, sizes[12];
  if (st_mul_size(T, n, &tn) != ST_OK) return 0;
  if (st_mul_size(n, U, &step_u) != ST_OK || st_mul_size(U * g, U, &ugu) != ST_OK) return 0;
  size_t tnu, tnf, tngu, t1nu;
  if (st_mul_size(tn, U, &tnu) != ST_OK || st_mul_size(tn, F, &tnf) != ST_OK || st_mul_size(tnu, g, &tngu) != ST_OK ||
      st_add_size(tnu, step_u, &t1nu) != ST_OK)
    return 0;
  sizes[0] = tnf;                                   /* xt */
  sizes[1] = tngu;                                  /* z */
  sizes[2] = t1nu;                                  /* h */
  sizes[3] = is_lstm(l) ? t1nu : 0;                 /* c */
  sizes[4] = is_lstm(l) ? tnu : 0;                  /* ac */
  sizes[5] = is_gru_after(l) ? tngu : 0;            /* q */
  sizes[6] = is_gru_before(l) ? tnu : 0;            /* rh */
  sizes[7] = step_u;                                /* dh */
  sizes[8] = step_u;                                /* dh2 */
  sizes[9] = is_lstm(l) || is_gru_before(l) ? step_u : 0; /* dc or drh */
  sizes[10] = T;                                    /* norms */
  sizes[11] = ugu;                                  /* rt */
  size_t *fields[12] = {&o->xt, &o->z, &o->h, &o->c, &o->ac, &o->q, &o->rh, &o->dh, &o->dh2, &o->dc, &o->norms, &o->rt};
  for (int i = 0; i < 12; i++) {
    *fields[i] = at;
    if (st_add_size(at, sizes[i], &at) != ST_OK) return 0;
  }
  o->total = at;
  return 1;
}

/* SIZE_MAX when it does not fit: the model's workspace check then refuses, naming the layer. */
static size_t recurrent_scratch_floats(const st_layer *l, int rows) {
  layout o;
  return plan(l, (size_t)rows, &o) ? o.total : SIZE_MAX;
}

static size_t recurrent_state_floats(const st_layer *l) { return (size_t)l->steps; }

static st_cell_acts acts(const st_layer *l) {
  return (st_cell_acts){.act = l->activation, .alpha = l->alpha, .ract = l->recurrent_activation, .ralpha = l->recurrent_alpha};
}

/* ---- forward ---- */
static void recurrent_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)training;
  layout o;
  plan(l, (size_t)rows, &o);
  const int T = l->steps, U = l->units, F = l->features, gu = gates(l) * U, tn = T * rows;
  const size_t nu = (size_t)rows * U, ngu = (size_t)rows * gu;
  const st_cell_acts a = acts(l);
  const float *W = l->weights[KERNEL], *R = l->weights[RECURRENT], *b = l->use_bias ? l->weights[BIAS] : NULL;
  float *s = l->scratch, *xt = s + o.xt, *z = s + o.z, *h = s + o.h, *c = s + o.c, *ac = s + o.ac, *q = s + o.q,
        *rh = s + o.rh;

  for (int t = 0; t < T; t++) {
    const int tau = l->go_backwards ? T - 1 - t : t;
    for (int r = 0; r < rows; r++)
      memcpy(xt + ((size_t)t * rows + r) * F, x + ((size_t)r * T + tau) * F, (size_t)F * sizeof(float));
  }
  memset(h, 0, nu * sizeof(float));
  if (is_lstm(l)) memset(c, 0, nu * sizeof(float));

  if (l->ops->kind == ST_LAYER_SIMPLE_RNN) {
    /* h[t+1] = φ(x_t·W + b + h[t]·R), the projection written straight into h[1..T] */
    k->gemm_nn(tn, U, F, xt, F, W, U, h + nu, U, 0);
    if (b) k->bias_add(h + nu, b, tn, U);
    for (int t = 0; t < T; t++) {
      float *ht = h + (size_t)(t + 1) * nu;
      if (t > 0) k->gemm_nn(rows, U, U, h + (size_t)t * nu, U, R, U, ht, U, 1);
      k->simple_rnn_forward(&a, ht, rows, U);
    }
  } else {
    k->gemm_nn(tn, gu, F, xt, F, W, gu, z, gu, 0);
    if (b) k->bias_add(z, b, tn, gu);
    for (int t = 0; t < T; t++) {
      float *zt = z + (size_t)t * ngu, *hp = h + (size_t)t * nu, *ht = hp + nu;
      if (is_lstm(l)) {
        if (t > 0) k->gemm_nn(rows, gu, U, hp, U, R, gu, zt, gu, 1);
        k->lstm_forward(&a, zt, c + (size_t)t * nu, c + (size_t)(t + 1) * nu, ac + (size_t)t * nu, ht, rows, U);
      } else if (l->reset_after) {
        float *qt = q + (size_t)t * ngu;
        if (t > 0) k->gemm_nn(rows, gu, U, hp, U, R, gu, qt, gu, 0);
        else memset(qt, 0, ngu * sizeof(float));
        if (b) k->bias_add(qt, b + gu, rows, gu);
        k->gru_forward(&a, zt, qt, hp, ht, rows, U);
      } else {
        float *rht = rh + (size_t)t * nu;
        if (t > 0) k->gemm_nn(rows, 2 * U, U, hp, U, R, gu, zt, gu, 1);
        k->gru_gates(&a, zt, hp, rht, rows, U);
        if (t > 0) k->gemm_nn(rows, U, U, rht, U, R + 2 * U, gu, zt + 2 * U, gu, 1);
        k->gru_state(&a, zt, hp, ht, rows, U);
      }
    }
  }
  if (l->return_sequences) {
    for (int t = 0; t < T; t++)
      for (int r = 0; r < rows; r++)
        memcpy(l->y + ((size_t)r * T + t) * U, h + (size_t)(t + 1) * nu + (size_t)r * U, (size_t)U * sizeof(float));
  } else {
    memcpy(l->y, h + (size_t)T * nu, nu * sizeof(float));
  }
}

/* ---- backward through time ---- */
static void recurrent_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx, int rows) {
  (void)x; /* the forward kept the input, time-major, in xt */
  layout o;
  plan(l, (size_t)rows, &o);
  const int T = l->steps, U = l->units, F = l->features, gu = gates(l) * U, tn = T * rows;
  const size_t nu = (size_t)rows * U, ngu = (size_t)rows * gu;
  const st_cell_acts a = acts(l);
  const float *W = l->weights[KERNEL], *R = l->weights[RECURRENT];
  float *s = l->scratch, *xt = s + o.xt, *z = s + o.z, *h = s + o.h, *c = s + o.c, *ac = s + o.ac, *q = s + o.q,
        *rh = s + o.rh, *dh = s + o.dh, *dh2 = s + o.dh2, *dc = s + o.dc, *norms = s + o.norms;

  float *Rt = s + o.rt;
  for (int i = 0; i < U; i++)
    for (int j = 0; j < gu; j++) Rt[(size_t)j * U + i] = R[(size_t)i * gu + j];
  memset(dh, 0, nu * sizeof(float));
  if (is_lstm(l)) memset(dc, 0, nu * sizeof(float));
  for (int t = T - 1; t >= 0; t--) {
    /* ∂L/∂h_t: what the later steps sent back, plus the output's gradient at t */
    if (l->return_sequences) {
      for (int r = 0; r < rows; r++) {
        const float *g = dy + ((size_t)r * T + t) * U;
        float *d = dh + (size_t)r * U;
        for (int j = 0; j < U; j++) d[j] += g[j];
      }
    } else if (t == T - 1) {
      memcpy(dh, dy, nu * sizeof(float));
    }
    norms[t] = (float)sqrt(k->sum_squares(dh, nu));
    float *zt = z + (size_t)t * ngu;
    const float *hp = h + (size_t)t * nu;
    if (l->ops->kind == ST_LAYER_SIMPLE_RNN) {
      /* forward: h_t = φ(z_t), z_t = x_t·W + b + h_{t-1}·R */
      k->simple_rnn_backward(&a, hp + nu, dh, zt, rows, U);
      if (t > 0) k->gemm_nn(rows, U, U, zt, U, Rt, U, dh2, U, 0);
    } else if (is_lstm(l)) {
      k->lstm_backward(&a, zt, c + (size_t)t * nu, ac + (size_t)t * nu, dh, dc, rows, U);
      if (t > 0) k->gemm_nn(rows, U, gu, zt, gu, Rt, U, dh2, U, 0);
    } else if (l->reset_after) {
      float *qt = q + (size_t)t * ngu;
      k->gru_backward(&a, zt, qt, hp, dh, dh2, rows, U);
      k->gemm_nn(rows, U, gu, qt, gu, Rt, U, dh2, U, 1);
    } else {
      float *drh = dc;
      k->gru_backward_state(&a, zt, hp, dh, dh2, rows, U);
      k->gemm_nn(rows, U, U, zt + 2 * U, gu, Rt + (size_t)2 * U * U, U, drh, U, 0);
      k->gru_backward_gates(&a, zt, hp, drh, dh2, rows, U);
      k->gemm_nn(rows, U, 2 * U, zt, gu, Rt, U, dh2, U, 1);
    }
    float *swap = dh;
    dh = dh2;
    dh2 = swap;
  }

  /* every step at once: dW = xtᵀ·dz, dR = h_prevᵀ·dz (GRU: its recurrent gradient), db = Σ dz */
  k->gemm_tn(F, gu, tn, xt, F, z, gu, l->gradients[KERNEL], gu, 0);
  if (is_gru_after(l)) {
    k->gemm_tn(U, gu, tn, h, U, q, gu, l->gradients[RECURRENT], gu, 0);
  } else if (is_gru_before(l)) {
    k->gemm_tn(U, 2 * U, tn, h, U, z, gu, l->gradients[RECURRENT], gu, 0);
    k->gemm_tn(U, U, tn, rh, U, z + 2 * U, gu, l->gradients[RECURRENT] + 2 * U, gu, 0);
  } else {
    k->gemm_tn(U, gu, tn, h, U, z, gu, l->gradients[RECURRENT], gu, 0);
  }
  if (l->use_bias) {
    k->bias_grad(l->gradients[BIAS], z, tn, gu, 0);
    if (is_gru_after(l)) k->bias_grad(l->gradients[BIAS] + gu, q, tn, gu, 0);
  }
  if (dx) {
    k->gemm_nt(tn, F, gu, z, gu, W, gu, xt, F, 0); /* dxt, over xt (no longer needed) */
    for (int t = 0; t < T; t++) {
      const int tau = l->go_backwards ? T - 1 - t : t;
      for (int r = 0; r < rows; r++)
        memcpy(dx + ((size_t)r * T + tau) * F, xt + ((size_t)t * rows + r) * F, (size_t)F * sizeof(float));
    }
  }
}

static void recurrent_step_stats(st_layer *l, int rows, float *out) {
  layout o;
  plan(l, (size_t)rows, &o);
  memcpy(l->state, l->scratch + o.norms, (size_t)l->steps * sizeof(float));
  if (out) st_output_stats(l->y, rows, l->out, l->ops->kind == ST_LAYER_SIMPLE_RNN ? l->activation : ST_ACT_LINEAR, out);
}

#define RECURRENT_OPS(SUFFIX)                   \
  const st_layer_ops st_layer_ops_##SUFFIX = {   \
      .kind = ST_LAYER_##SUFFIX,                 \
      .configure = recurrent_configure,          \
      .weight_count = recurrent_weight_count,    \
      .weight_shape = recurrent_weight_shape,    \
      .initialize = recurrent_initialize,        \
      .scratch_floats = recurrent_scratch_floats, \
      .state_floats = recurrent_state_floats,    \
      .step_stats = recurrent_step_stats,        \
      .forward = recurrent_forward,              \
      .backward = recurrent_backward,            \
  };

RECURRENT_OPS(SIMPLE_RNN)
RECURRENT_OPS(LSTM)
RECURRENT_OPS(GRU)
