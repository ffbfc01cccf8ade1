/* layer.h — the layer contract of the core. A layer maps [rows, in] to [rows, out]; its
 * weights live in the model's parameter block and its activations in the model's
 * workspace, both carved by model.c. Each kind (dense.c, activation.c, ...) fills an
 * st_layer_ops table: forward caches what its backward needs, backward writes the weight
 * gradients (overwriting) and, when dx is not NULL, the input gradient. */
#ifndef ST_LAYER_H
#define ST_LAYER_H

#include "../kernels/kernels.h"
#include "../rng.h"
#include "../vocab.h"

typedef struct st_layer st_layer;

typedef struct st_layer_ops {
  int kind; /* ST_LAYER_* (vocab.def); its Keras name is st_vocab_lookup(ST_FAMILY_LAYER, kind) */
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
  st_rng rng;                               /* dropout's own stream */
  /* weights and their gradients (into the parameter block), in the kind's order */
  float *weights[4];
  float *gradients[4];
  /* workspace (into the activation block), sized for the model's batch capacity */
  float *y;       /* output, [capacity, out] */
  float *scratch; /* scratch_floats(capacity) floats */
  /* storage that outlives a batch (state_floats floats) */
  float *state;
};

/* Diagnostics of a layer output y [rows, cols] ending in `activation` (diagnostics.c):
 * mean, standard deviation, dead-ReLU fraction and saturated sigmoid/tanh fraction (NaN
 * where the activation has no such units). */
void st_output_stats(const float *y, int rows, int cols, int activation, float *out);

extern const st_layer_ops st_dense_ops;
extern const st_layer_ops st_activation_ops;
extern const st_layer_ops st_batchnorm_ops;
extern const st_layer_ops st_dropout_ops;
extern const st_layer_ops st_flatten_ops;

#endif
