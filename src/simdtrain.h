/* simdtrain.h — public C API of the simdtrain training core.
 *
 * A model is a stack of layers over row-major float32 data [rows, features]. It is built
 * once (st_model_build carves weights and gradients out of one allocation), compiled with
 * a loss and an optimizer, then trained in C: batching, shuffling, forward, loss, backward
 * and the optimizer update all happen inside st_model_fit_run, so a JS caller crosses into
 * wasm once per chunk of batches. Semantics and defaults follow Keras 3 (see README).
 *
 * Every function that can fail returns an st_status; on failure st_error_message() says
 * what was wrong. No function aborts on bad arguments: the JS layer validates first and
 * the C layer checks again. */
#ifndef SIMDTRAIN_H
#define SIMDTRAIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define ST_API EMSCRIPTEN_KEEPALIVE
#else
#define ST_API
#endif

#define ST_VERSION "0.1.0"

typedef enum st_status {
  ST_OK = 0,
  ST_E_ARGUMENT = 1,  /* an argument is out of range or inconsistent */
  ST_E_STATE = 2,     /* call in the wrong order (e.g. fit before compile) */
  ST_E_NOMEM = 3,     /* allocation failed */
  ST_E_NONFINITE = 4  /* a loss, gradient or weight became NaN or infinite */
} st_status;

typedef enum st_activation {
  ST_ACT_LINEAR = 0, ST_ACT_SIGMOID = 1, ST_ACT_TANH = 2, ST_ACT_RELU = 3,
  ST_ACT_LEAKY_RELU = 4, ST_ACT_ELU = 5, ST_ACT_SELU = 6, ST_ACT_SOFTMAX = 7,
  ST_ACT_COUNT
} st_activation;

typedef enum st_initializer {
  ST_INIT_GLOROT_UNIFORM = 0, ST_INIT_GLOROT_NORMAL = 1, ST_INIT_HE_NORMAL = 2,
  ST_INIT_HE_UNIFORM = 3, ST_INIT_LECUN_NORMAL = 4, ST_INIT_ZEROS = 5, ST_INIT_ONES = 6,
  ST_INIT_COUNT
} st_initializer;

typedef enum st_loss_kind {
  ST_LOSS_MEAN_SQUARED_ERROR = 0, ST_LOSS_BINARY_CROSSENTROPY = 1,
  ST_LOSS_CATEGORICAL_CROSSENTROPY = 2, ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY = 3,
  ST_LOSS_COUNT
} st_loss_kind;

typedef enum st_optimizer_kind {
  ST_OPT_SGD = 0, ST_OPT_ADAGRAD = 1, ST_OPT_RMSPROP = 2, ST_OPT_ADAM = 3, ST_OPT_NADAM = 4,
  ST_OPT_ADAMW = 5, ST_OPT_ADAMAX = 6, ST_OPT_ADADELTA = 7,
  ST_OPT_COUNT
} st_optimizer_kind;

/* Hyperparameters settable with st_optimizer_set (Keras names in comments). Each kind
 * starts from its Keras defaults; 0 means "off" for the clip options and weight decay. */
typedef enum st_hyperparameter {
  ST_HP_LEARNING_RATE = 0,        /* learning_rate (replaces any schedule) */
  ST_HP_MOMENTUM = 1,             /* momentum (sgd, rmsprop), in [0, 1] */
  ST_HP_NESTEROV = 2,             /* nesterov (sgd), 0 or 1 */
  ST_HP_BETA1 = 3,                /* beta_1, in [0, 1) */
  ST_HP_BETA2 = 4,                /* beta_2, in [0, 1) */
  ST_HP_EPSILON = 5,              /* epsilon, >= 0 */
  ST_HP_RHO = 6,                  /* rho (rmsprop, adadelta), in [0, 1) */
  ST_HP_CENTERED = 7,             /* centered (rmsprop), 0 or 1 */
  ST_HP_AMSGRAD = 8,              /* amsgrad (adam, adamw), 0 or 1 */
  ST_HP_INITIAL_ACCUMULATOR = 9,  /* initial_accumulator_value (adagrad), >= 0 */
  ST_HP_WEIGHT_DECAY = 10,        /* weight_decay, >= 0 */
  ST_HP_CLIP_VALUE = 11,          /* clipvalue, >= 0 */
  ST_HP_CLIP_NORM = 12,           /* clipnorm (per array), >= 0 */
  ST_HP_GLOBAL_CLIP_NORM = 13,    /* global_clipnorm (over all arrays), >= 0 */
  ST_HP_COUNT
} st_hyperparameter;

typedef struct st_model st_model;
typedef struct st_optimizer st_optimizer;

/* ---- library ---- */
ST_API const char *st_version(void);
ST_API int st_simd_enabled(void);          /* 1 if the SIMD kernels are active */
ST_API const char *st_error_message(void); /* message of the last failure */

/* ---- optimizer ---- */
ST_API st_optimizer *st_optimizer_create(int kind);
ST_API void st_optimizer_free(st_optimizer *opt);
ST_API int st_optimizer_set(st_optimizer *opt, int hyperparameter, double value);
ST_API double st_optimizer_get(const st_optimizer *opt, int hyperparameter);
ST_API double st_optimizer_iterations(const st_optimizer *opt);
/* Learning-rate schedule (ST_SCHEDULE_* in optim/schedule.h): parameters a..d, flag, and
 * for piecewise-constant `count` values with count - 1 boundaries. */
ST_API int st_optimizer_set_schedule(st_optimizer *opt, int kind, double initial, double a,
                                     double b, double c, double d, int flag, int count,
                                     const double *boundaries, const double *values);
/* The learning rate the next step will use (the schedule evaluated at iterations). */
ST_API double st_optimizer_current_learning_rate(const st_optimizer *opt);
/* Gradient norms seen by the last step: before and after clipping (global L2 norm). */
ST_API double st_optimizer_last_norm(const st_optimizer *opt, int after_clipping);
/* One step over `count` arrays: params[i] (sizes[i] floats) updated in place from grads[i].
 * The first call fixes the arrays' sizes (slots are kept per array across calls). */
ST_API int st_optimizer_step(st_optimizer *opt, int count, float *const *params,
                             const float *const *grads, const int32_t *sizes);

/* ---- model construction ---- */
ST_API st_model *st_model_create(uint32_t seed, int input_features);
ST_API void st_model_free(st_model *m);
ST_API int st_model_add_dense(st_model *m, int units, int use_bias, int kernel_initializer,
                              int bias_initializer, int activation, float alpha);
ST_API int st_model_add_activation(st_model *m, int activation, float alpha);
/* Keras BatchNormalization; initializers for gamma, beta, moving mean, moving variance. */
ST_API int st_model_add_batchnorm(st_model *m, float momentum, float epsilon, int center, int scale,
                                  int gamma_initializer, int beta_initializer,
                                  int moving_mean_initializer, int moving_variance_initializer);
/* Keras Dropout; has_seed = 0 derives the layer's stream from the model's seed. */
ST_API int st_model_add_dropout(st_model *m, float rate, uint32_t seed, int has_seed);
ST_API int st_model_build(st_model *m); /* allocate and initialise the weights */

/* ---- weights, in Keras order ---- */
ST_API int st_model_weight_count(const st_model *m);
ST_API float *st_model_weight_values(st_model *m, int index);
ST_API float *st_model_weight_gradient(st_model *m, int index); /* NULL if not trainable */
ST_API int st_model_weight_rows(const st_model *m, int index);  /* 1 for vectors */
ST_API int st_model_weight_cols(const st_model *m, int index);
ST_API int st_model_weight_layer(const st_model *m, int index);
ST_API int st_model_output_features(const st_model *m);

/* ---- training ---- */
/* from_logits: 0/1. The model does not own the optimizer; it must outlive the model's use. */
ST_API int st_model_compile(st_model *m, int loss, int from_logits, st_optimizer *opt);
/* Inference or training-mode forward of `rows` samples; out holds rows × outputs. */
ST_API int st_model_predict(st_model *m, const float *x, int rows, float *out, int training);
/* out[0] = mean loss, out[1] = accuracy, in inference mode. */
ST_API int st_model_evaluate(st_model *m, const float *x, const float *y, int rows,
                             int batch_size, float *out);
/* Training-mode forward + backward over all rows as one batch; gradients are left in
 * st_model_weight_gradient; *loss receives the batch loss. No update. */
ST_API int st_model_compute_gradients(st_model *m, const float *x, const float *y, int rows,
                                      float *loss);
/* compute_gradients + one optimizer step. */
ST_API int st_model_train_batch(st_model *m, const float *x, const float *y, int rows,
                                float *loss);

/* fit: bind the training data (owned by the caller, kept until the next fit_begin or
 * model free), then per epoch: fit_epoch_begin (shuffle with the model's PRNG) and
 * fit_run over consecutive batches. logs receives, per batch run, 3 floats:
 * mean loss, number of correct predictions, rows in the batch. */
ST_API int st_model_fit_begin(st_model *m, const float *x, const float *y, int rows,
                              int batch_size);
ST_API int st_model_fit_batches(const st_model *m); /* batches per epoch */
ST_API int st_model_fit_epoch_begin(st_model *m, int shuffle);
ST_API int st_model_fit_run(st_model *m, int first_batch, int count, float *logs);

/* ---- diagnostics ---- */
/* Turn per-step statistics on or off (off by default; they cost a pass over the
 * activations and weights). st_model_stats points to layers × 4 floats, then weights × 3
 * floats, from the last training step (layout in model.h). */
ST_API int st_model_set_diagnostics(st_model *m, int on);
ST_API const float *st_model_stats(const st_model *m);
/* Batch statistics of a batch-normalization layer's last training forward: 0 mean, 1 variance. */
ST_API const float *st_model_batchnorm_batch_stats(const st_model *m, int layer, int which);
/* fit's NaN sentinel (on by default): st_model_fit_run stops with ST_E_NONFINITE at the
 * first non-finite loss, gradient or weight; st_model_nonfinite(m, what) says where:
 * what 0 → kind (1 loss, 2 gradient, 3 weight), 1 → weight index (-1 for the loss),
 * 2 → batch index within the epoch. */
ST_API int st_model_set_terminate_on_nan(st_model *m, int on);
ST_API int st_model_nonfinite(const st_model *m, int what);

/* ---- memory helpers for the JS side ---- */
ST_API void *st_alloc(int32_t bytes);
ST_API void st_free(void *p);
/* Bytes of the core's own allocations currently in use (models, optimizers, buffers). */
ST_API double st_heap_bytes_in_use(void);

#endif
