/* dense.c — Keras Dense: y = activation(x·W + b), W [in, out] ("kernel"), b [out].
 * Parameters: units, use_bias (0/1), kernel_initializer, bias_initializer, activation
 * (codes), alpha (the leaky-ReLU slope or ELU alpha, float32), and optionally steps: on an
 * N-D sample [d1, ..., dk, features] Keras's Dense acts on the last axis, so a sample is
 * steps = d1·...·dk rows of in/steps features, each mapped by the same W (a sequence [T, F]
 * gives [T, units]); steps = 1 (or absent) is the plain vector case.
 *
 * The activation is applied in place on z = x·W + b when its derivative is expressible in
 * its output y (kernels.h), so z need not be kept; for gelu, silu and mish
 * (st_act_backward_needs_input) z is kept in the layer's scratch, [rows, out], and y is
 * computed from it. Backward, with dz = dy ⊙ act'(z) computed in place on dy:
 *   dW = xᵀ·dz,  db = Σ_rows dz,  dx = dz·Wᵀ. */
#include <stddef.h>

#include "../error.h"
#include "../initializers.h"
#include "layer.h"

enum { KERNEL = 0, BIAS = 1 };
enum { MAX_UNITS = 1 << 20, MAX_OUT = 1 << 30 };

/* Features per step, output units per step. */
static int width_in(const st_layer *l) { return l->in / l->steps; }
static int width_out(const st_layer *l) { return l->out / l->steps; }

static int dense_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  (void)ctx;
  int64_t units, steps = 1;
  int status = st_param_count(l, count, count == 7 ? 7 : 6);
  if (status == ST_OK) status = st_param_int(l, params, 0, "units", 1, MAX_UNITS, &units);
  if (status == ST_OK) status = st_param_flag(l, params, 1, "use_bias", &l->use_bias);
  if (status == ST_OK) status = st_param_initializer(l, params, 2, "kernel_initializer", 0, &l->kernel_initializer);
  if (status == ST_OK) status = st_param_initializer(l, params, 3, "bias_initializer", 1, &l->bias_initializer);
  if (status == ST_OK) status = st_param_activation(l, params, 4, "activation", &l->activation);
  if (status == ST_OK) status = st_param_float(l, params, 5, "alpha", &l->alpha);
  if (status == ST_OK && count == 7) status = st_param_int(l, params, 6, "steps", 1, l->in, &steps);
  if (status != ST_OK) return status;
  if (l->in % steps != 0)
    return st_fail(ST_E_ARGUMENT, "Dense: an input of %d values per sample is not %lld steps of equal width", l->in,
                   (long long)steps);
  if (units * steps > MAX_OUT)
    return st_fail(ST_E_ARGUMENT, "Dense: %lld steps x %lld units exceeds %d outputs per sample", (long long)steps,
                   (long long)units, MAX_OUT);
  l->steps = (int)steps;
  l->out = (int)(units * steps);
  return ST_OK;
}

static int dense_weight_count(const st_layer *l) { return l->use_bias ? 2 : 1; }

static void dense_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  *rows = i == KERNEL ? width_in(l) : 1;
  *cols = width_out(l);
  *trainable = 1;
}

static int dense_initialize(st_layer *l, st_rng *rng) {
  const int in = width_in(l), out = width_out(l);
  int status = st_initialize(l->kernel_initializer, l->weights[KERNEL], in, out, in * out, rng);
  if (status == ST_OK && l->use_bias) status = st_initialize(l->bias_initializer, l->weights[BIAS], out, out, out, rng);
  return status;
}

static size_t dense_scratch_floats(const st_layer *l, int rows) {
  return st_act_backward_needs_input(l->activation) ? (size_t)rows * (size_t)l->out : 0;
}

static void dense_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)training;
  const int in = width_in(l), out = width_out(l);
  rows *= l->steps; /* one row per step: fits, the workspace holds rows × out floats */
  float *z = st_act_backward_needs_input(l->activation) ? l->scratch : l->y;
  k->gemm_nn(rows, out, in, x, in, l->weights[KERNEL], out, z, out, 0);
  if (l->use_bias) k->bias_add(z, l->weights[BIAS], rows, out);
  if (l->activation != ST_ACT_LINEAR) k->act_forward(l->activation, l->alpha, z, l->y, rows, out);
}

static void dense_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx,
                           int rows) {
  const int in = width_in(l), out = width_out(l);
  rows *= l->steps;
  const float *z = st_act_backward_needs_input(l->activation) ? l->scratch : NULL;
  if (l->activation != ST_ACT_LINEAR) k->act_backward(l->activation, l->alpha, z, l->y, dy, dy, rows, out);
  k->gemm_tn(in, out, rows, x, in, dy, out, l->gradients[KERNEL], out, 0);
  if (l->use_bias) k->bias_grad(l->gradients[BIAS], dy, rows, out, 0);
  if (dx) k->gemm_nt(rows, in, out, dy, out, l->weights[KERNEL], out, dx, in, 0);
}

static size_t dense_state_floats(const st_layer *l) { (void)l; return 0; }

static void dense_step_stats(st_layer *l, int rows, float *out) {
  if (out) st_output_stats(l->y, rows, l->out, l->activation, out);
}

const st_layer_ops st_layer_ops_DENSE = {
  .kind = ST_LAYER_DENSE,
  .configure = dense_configure,
  .weight_count = dense_weight_count,
  .weight_shape = dense_weight_shape,
  .initialize = dense_initialize,
  .scratch_floats = dense_scratch_floats,
  .state_floats = dense_state_floats,
  .step_stats = dense_step_stats,
  .forward = dense_forward,
  .backward = dense_backward,
};
