/* layer.h — the layer contract of the core. A layer maps [rows, in] to [rows, out]; its
 * weights live in the model's parameter block and its activations in the model's
 * workspace, both carved by model.c. Each kind is one file, src/layers/<kind>.c, defining
 * the st_layer_ops named st_layer_ops_<SUFFIX> after its ST_VOCAB_LAYER line (vocab.def):
 * configure reads and checks the layer's parameters, forward caches what its backward
 * needs, backward writes the weight gradients (overwriting) and, when dx is not NULL, the
 * input gradient. The declarations below and model.c's table of kinds are generated from
 * ST_VOCAB_LAYER, so a new kind needs no other C edit. */
#ifndef ST_LAYER_H
#define ST_LAYER_H

#include "../kernels/kernels.h"
#include "../rng.h"
#include "../vocab.h"

typedef struct st_layer st_layer;

/* What configure may need from the model: the width of the layer's input, the model's seed
 * and the layer's position in the model (0 for the first layer). */
typedef struct st_layer_context {
  int in;
  uint32_t seed;
  int index;
} st_layer_context;

typedef struct st_layer_ops {
  int kind; /* ST_LAYER_* (vocab.def); its Keras name is st_vocab_lookup(ST_FAMILY_LAYER, kind) */
  /* Read `count` parameters (the kind's documented order; the JS registry's `params`), check
   * each, and set layer->out and the kind's options; layer->ops and layer->in are already
   * set. ST_OK, or ST_E_ARGUMENT with a message naming the kind and the Keras argument. */
  int (*configure)(st_layer *layer, const st_layer_context *ctx, const double *params, int count);
  /* Number of weight arrays the layer holds, and the shape of array i: rows × cols
   * (vectors have rows = 1), and whether the optimizer trains it. */
  int (*weight_count)(const st_layer *layer);
  void (*weight_shape)(const st_layer *layer, int i, int *rows, int *cols, int *trainable);
  /* Fill the weights from the model's generator; ST_OK or a failure status (with message). */
  int (*initialize)(st_layer *layer, st_rng *rng);
  /* Floats of workspace beyond the output for a batch of `rows` (statistics, masks). */
  size_t (*scratch_floats)(const st_layer *layer, int rows);
  /* Floats of storage that outlives a batch (carved at build, NaN until first written). */
  size_t (*state_floats)(const st_layer *layer);
  /* After each training step's backward: keep in state what later batches' use of the
   * workspace must not change, and when out is not NULL fill the layer's ST_LAYER_STATS
   * diagnostics (most layers: st_output_stats of their output). */
  void (*step_stats)(st_layer *layer, int rows, float *out);
  void (*forward)(st_layer *layer, const st_kernels *k, const float *x, int rows, int training);
  /* dy is [rows, out] and may be overwritten; dx is [rows, in] or NULL. */
  void (*backward)(st_layer *layer, const st_kernels *k, const float *x, float *dy, float *dx,
                   int rows);
} st_layer_ops;

struct st_layer {
  const st_layer_ops *ops;
  int in, out;
  /* options (each kind reads its own) */
  int activation;                           /* dense, activation */
  float alpha;                              /* leaky-ReLU slope or ELU alpha */
  int use_bias, kernel_initializer, bias_initializer; /* dense */
  float momentum, epsilon;                  /* batch normalization */
  int center, scale, initializers[4];       /* batch normalization: gamma, beta, moving mean, moving variance */
  float rate;                               /* dropout */
  st_window window;                         /* conv2d, pooling (window.c) */
  int filters, chunk;                       /* conv2d: output channels, images per im2col chunk */
  int features;                             /* the last axis: batch normalization (statistics per feature),
                                               recurrent (input width F per step) */
  int steps;                                /* dense: rows per sample (the leading axes' product); recurrent: timesteps */
  int units;                                /* recurrent: state width U */
  int recurrent_activation, recurrent_initializer; /* recurrent (LSTM, GRU: gates) */
  float recurrent_alpha;                    /* alpha of the recurrent activation */
  int return_sequences, go_backwards, unit_forget_bias, reset_after; /* recurrent */
  st_rng rng;                               /* dropout's own stream */
  /* weights and their gradients (into the parameter block), in the kind's order */
  float *weights[4];
  float *gradients[4];
  /* workspace (into the activation block), sized for the model's batch capacity */
  float *y;       /* output, [capacity, out] */
  float *scratch; /* scratch_floats(capacity) floats */
  /* storage that outlives a batch (state_floats floats) */
  float *state;
  /* set by the model, not by configure (st_model_set_trainable, regularizers.c): frozen is 1
   * while the layer's trainable is false (its weights leave the optimizer's list; a kind whose
   * forward depends on it reads it: BatchNormalization runs in inference mode, as Keras 3);
   * activity_l1/_l2: the L1L2 penalty on the layer's output (0, 0: none) */
  int frozen;
  float activity_l1, activity_l2;
};

/* Diagnostics of a layer output y [rows, cols] ending in `activation` (diagnostics.c):
 * mean, standard deviation, dead-ReLU fraction and saturated sigmoid/tanh fraction (NaN
 * where the activation has no such units). */
void st_output_stats(const float *y, int rows, int cols, int activation, float *out);

/* ---- parameter readers for configure (params.c) ----
 * Each reads params[i], checks it and stores it in *out; on failure it returns ST_E_ARGUMENT
 * with a message "<KerasClass>: <argument> must ..., got ..." (the class of layer->ops). */
/* ST_OK if count is the kind's `expected` number of parameters. */
int st_param_count(const st_layer *layer, int count, int expected);
/* An integer in [lo, hi]. */
int st_param_int(const st_layer *layer, const double *params, int i, const char *argument, int64_t lo, int64_t hi,
                 int64_t *out);
/* 0 or 1. */
int st_param_flag(const st_layer *layer, const double *params, int i, const char *argument, int *out);
/* An ST_ACT_* code. */
int st_param_activation(const st_layer *layer, const double *params, int i, const char *argument, int *out);
/* An ST_INIT_* code; vector: the initializer fills a rank-1 weight (orthogonal refuses those). */
int st_param_initializer(const st_layer *layer, const double *params, int i, const char *argument, int vector,
                         int *out);
/* A finite number, rounded to float32 as the core stores it (round to nearest even: what a
 * float argument crossing from JS into wasm undergoes). */
int st_param_float(const st_layer *layer, const double *params, int i, const char *argument, float *out);

/* ---- image geometry (window.c) ----
 * The input height, width, channels at params[i..i+2]: each >= 1, their product the layer's
 * input width. */
int st_param_image(const st_layer *layer, const st_layer_context *ctx, const double *params, int i, st_window *g);
/* The window (params[i], params[i+1]: `size_argument`, e.g. "kernel_size"), strides
 * (params[i+2..i+3]) and padding (params[i+4]: 0 'valid', 1 'same', TensorFlow's) over the
 * image in *g; fills the padding and the output size, refusing a window larger than the
 * (padded) input. */
int st_param_window(const st_layer *layer, const double *params, int i, const char *size_argument, st_window *g);
/* The geometry of g's image with its padding made explicit zeros: top/left as g's, the
 * bottom/right the last window needs, pad_top = pad_left = 0, the same output size. */
void st_window_padded(const st_window *g, st_window *padded);
/* Copies n images x of geometry g into `out` laid out as `padded`, zeros in the border. */
void st_window_pad(const st_window *g, const st_window *padded, const float *x, float *out, int n);

/* One ops table per kind, st_layer_ops_<SUFFIX>, defined in src/layers/<kind>.c. */
#define ST_LAYER_OPS_DECLARE(P, SUFFIX, code, name) extern const st_layer_ops st_layer_ops_##SUFFIX;
ST_VOCAB_LAYER(ST_LAYER_OPS_DECLARE, ST_LAYER_)
#undef ST_LAYER_OPS_DECLARE

#endif
