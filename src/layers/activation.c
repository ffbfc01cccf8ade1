/* activation.c — Keras Activation layer: y = act(x), no weights; dx = dy ⊙ act'(x),
 * computed from the output y, or from the input x for the activations that need it
 * (st_act_backward_needs_input). Parameters: activation (code), alpha (float32). */
#include <stddef.h>

#include "layer.h"

static int activation_configure(st_layer *l, const st_layer_context *ctx, const double *params, int count) {
  l->out = ctx->in;
  int status = st_param_count(l, count, 2);
  if (status == ST_OK) status = st_param_activation(l, params, 0, "activation", &l->activation);
  if (status == ST_OK) status = st_param_float(l, params, 1, "alpha", &l->alpha);
  return status;
}

static int activation_weight_count(const st_layer *l) { (void)l; return 0; }

static void activation_weight_shape(const st_layer *l, int i, int *rows, int *cols, int *trainable) {
  (void)l; (void)i;
  *rows = *cols = 0;
  *trainable = 0;
}

static int activation_initialize(st_layer *l, st_rng *rng) { (void)l; (void)rng; return ST_OK; }

static size_t activation_scratch_floats(const st_layer *l, int rows) { (void)l; (void)rows; return 0; }

static void activation_forward(st_layer *l, const st_kernels *k, const float *x, int rows, int training) {
  (void)training;
  k->act_forward(l->activation, l->alpha, x, l->y, rows, l->out);
}

static void activation_backward(st_layer *l, const st_kernels *k, const float *x, float *dy, float *dx,
                                int rows) {
  if (dx) k->act_backward(l->activation, l->alpha, x, l->y, dy, dx, rows, l->out);
}

static size_t activation_state_floats(const st_layer *l) { (void)l; return 0; }

static void activation_step_stats(st_layer *l, int rows, float *out) {
  if (out) st_output_stats(l->y, rows, l->out, l->activation, out);
}

const st_layer_ops st_layer_ops_ACTIVATION = {
  .kind = ST_LAYER_ACTIVATION,
  .configure = activation_configure,
  .weight_count = activation_weight_count,
  .weight_shape = activation_weight_shape,
  .initialize = activation_initialize,
  .scratch_floats = activation_scratch_floats,
  .state_floats = activation_state_floats,
  .step_stats = activation_step_stats,
  .forward = activation_forward,
  .backward = activation_backward,
};
