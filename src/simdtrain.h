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

/* Every enum of the vocabulary (st_status, ST_ACT_*, ST_INIT_*, ST_LOSS_*, ST_OPT_*, ST_HP_*,
 * ST_SCHEDULE_*, ST_SP_*, ST_NONFINITE_*, ST_LAYER_*) is generated from vocab.def. */
#include "vocab.h"

typedef struct st_model st_model;
typedef struct st_optimizer st_optimizer;
typedef struct st_schedule st_schedule;

/* ---- library ---- */
/* The vocabulary (vocab.def), so the JS side reads every family's names at init: family f in
 * [0, count) has st_vocab_size(f) entries, entry `code` named st_vocab_name(f, code) (NULL
 * when out of range). */
ST_API int st_vocab_family_count(void);
ST_API const char *st_vocab_family_name(int family);
ST_API int st_vocab_size(int family);
ST_API const char *st_vocab_name(int family, int code);
ST_API int st_simd_enabled(void);          /* 1 if the SIMD kernels are active */
ST_API const char *st_error_message(void); /* message of the last failure */

/* ---- optimizer ---- */
ST_API st_optimizer *st_optimizer_create(int kind);
ST_API void st_optimizer_free(st_optimizer *opt);
/* hyperparameter: ST_HP_*. Each starts unset; clip options and weight decay may stay unset
 * (off), every other one the kind uses must be set before compile or a step. */
ST_API int st_optimizer_set(st_optimizer *opt, int hyperparameter, double value);
ST_API double st_optimizer_iterations(const st_optimizer *opt);
/* Training state for model files (optimizer_state.c): Nadam's running product, the arrays
 * the slots were built for (0 before the first step), slots per array, slot floats in all. */
ST_API double st_optimizer_state_iterations(const st_optimizer *opt);
ST_API double st_optimizer_state_u_product(const st_optimizer *opt);
ST_API int st_optimizer_state_arrays(const st_optimizer *opt);
ST_API int st_optimizer_state_slot_count(const st_optimizer *opt);
ST_API double st_optimizer_state_floats(const st_optimizer *opt);
/* The learning rate the next step will use (the schedule evaluated at iterations). */
ST_API double st_optimizer_current_learning_rate(const st_optimizer *opt);
/* Use a copy of schedule s (all its parameters set) as the learning rate; a plain rate set
 * with st_optimizer_set(ST_HP_LEARNING_RATE) is the 'constant' schedule. */
ST_API int st_optimizer_use_schedule(st_optimizer *opt, const st_schedule *s);
/* The optimizer's learning rate at step `step` (NaN if step < 0). */
ST_API double st_optimizer_schedule_value(const st_optimizer *opt, double step);

/* ---- learning-rate schedules (Keras 3 keras.optimizers.schedules) ---- */
/* kind: ST_SCHEDULE_*; every parameter starts unset and C supplies no default. */
ST_API st_schedule *st_schedule_create(int kind);
ST_API void st_schedule_free(st_schedule *s);
/* parameter: ST_SP_* ('schedule_parameter' family); staircase and cycle are 0 or 1. */
ST_API int st_schedule_set(st_schedule *s, int parameter, double value);
/* piecewise_constant_decay: `count` values, count - 1 boundaries (Keras's lists). */
ST_API int st_schedule_set_pieces(st_schedule *s, int count, const double *boundaries, const double *values);
/* The schedule's value at step `step`; NaN when a parameter it needs is unset (the message
 * says which) or step < 0. */
ST_API double st_schedule_value(const st_schedule *s, double step);
/* Gradient norms seen by the last step, before and after clipping (global L2 norm; NaN when
 * the step needed no norm: no clipnorm/global_clipnorm). */
ST_API double st_optimizer_norm_before_clip(const st_optimizer *opt);
ST_API double st_optimizer_norm_after_clip(const st_optimizer *opt);
/* One step over `count` arrays (refused with ST_E_STATE while the learning rate or a
 * hyperparameter the kind needs is unset: C holds no defaults): params[i] (sizes[i] floats) updated in place from grads[i].
 * The first call fixes the arrays' sizes (slots are kept per array across calls). */
ST_API int st_optimizer_step(st_optimizer *opt, int count, float *const *params,
                             const float *const *grads, const int32_t *sizes);

/* ---- model construction ---- */
ST_API st_model *st_model_create(uint32_t seed, int input_features);
ST_API void st_model_free(st_model *m);
/* Append a layer of kind ST_LAYER_* (vocab.def) configured by `count` parameters, in the
 * kind's order (codes are vocab.def's; flags are 0 or 1; float32 values are rounded from
 * the doubles given):
 *   Dense               units, use_bias, kernel_initializer, bias_initializer, activation, alpha
 *   Activation          activation, alpha
 *   BatchNormalization  momentum, epsilon, center, scale, gamma_initializer, beta_initializer,
 *                       moving_mean_initializer, moving_variance_initializer
 *   Dropout             rate, has_seed, seed (0 .. 2^32 - 1; without one the layer's stream
 *                       comes from the model's seed and its index)
 *   Flatten             (none; params may be NULL)
 * Each is checked; a refusal names the layer class and the Keras argument. */
ST_API int st_model_add_layer(st_model *m, int kind, const double *params, int count);
ST_API int st_model_build(st_model *m); /* allocate and initialise the weights */

/* ---- weights, in Keras order ---- */
ST_API int st_model_weight_count(const st_model *m);
ST_API float *st_model_weight_values(st_model *m, int index);
ST_API float *st_model_weight_gradient(st_model *m, int index); /* NULL if not trainable */
ST_API int st_model_weight_rows(const st_model *m, int index);  /* 1 for vectors */
ST_API int st_model_weight_cols(const st_model *m, int index);

/* ---- training ---- */
/* from_logits: 0/1 (the crossentropies'); delta: huber's (finite, > 0), ignored by the other
 * losses. The model does not own the optimizer; it must outlive the model's use.
 * Compile removes the model's metrics (they read labels laid out for the loss). */
ST_API int st_model_compile(st_model *m, int loss, int from_logits, float delta, st_optimizer *opt);

/* ---- trainable layers and regularizers (model.c, regularizers.c) ----
 * set_trainable: a layer whose trainable is 0 is frozen: its weights leave the arrays the
 * optimizer trains (at once: an optimizer with state for the old list must not step this
 * model again) and a BatchNormalization layer runs in inference mode even when training
 * (Keras 3). layer_trainable: 1, 0, or -1 for no such layer. trainable_count: the arrays the
 * optimizer trains now.
 * set_regularizer: weight array `weight` (getWeights order; trainable) is penalised by
 * l1 * sum|w| + l2 * sum w^2 in the loss while its layer is trainable (Keras L1L2);
 * set_activity_regularizer: layer `layer`'s output by the same over the batch (not divided
 * by the batch size, as Keras 3). Factors finite and >= 0; 0 and 0 remove it. */
ST_API int st_model_set_trainable(st_model *m, int layer, int trainable);
ST_API int st_model_layer_trainable(const st_model *m, int layer);
ST_API int st_model_trainable_count(const st_model *m);
ST_API int st_model_set_regularizer(st_model *m, int weight, float l1, float l2);
ST_API int st_model_set_activity_regularizer(st_model *m, int layer, float l1, float l2);

/* ---- metrics (metrics.c; Keras 3 keras/src/metrics) ---- */
/* Append a metric of kind ST_METRIC_* (vocab.def) after compile, configured by `count`
 * parameters: binary_accuracy threshold; top_k_categorical_accuracy k; precision, recall
 * threshold; auc num_thresholds; none for the others (C holds no defaults). weighted = 1
 * makes sample weights apply to it (Keras's weighted_metrics), 0 leaves it unweighted
 * (Keras's metrics). Metrics whose labels do not match the loss's layout are refused. */
ST_API int st_model_add_metric(st_model *m, int kind, int weighted, const double *params, int count);
/* What st_model_add_metric would say of these arguments, with nothing added: ST_OK or the
 * refusal (sparse_labels: the loss takes class ids), so compile can check every metric first. */
ST_API int st_metric_check(int kind, int weighted, const double *params, int count, int sparse_labels);
ST_API int st_model_clear_metrics(st_model *m);
ST_API int st_model_metric_count(const st_model *m);
/* Zero every metric's accumulators (fit_epoch_begin and evaluate do this themselves). */
ST_API int st_model_reset_metrics(st_model *m);
/* Metric `index`'s value from its accumulators (NaN when index is out of range). */
ST_API double st_model_metric_result(const st_model *m, int index);
/* Inference or training-mode forward of `rows` samples; out holds rows × outputs. */
ST_API int st_model_predict(st_model *m, const float *x, int rows, float *out, int training);
/* In inference mode, in batches of batch_size: out[0] = the loss (the batch losses weighted
 * by batch size, rounded to float32), out[1 + i] = metric i over all rows (the metrics are
 * reset first). sample_weight: NULL or one weight per row (the loss and weighted metrics). */
ST_API int st_model_evaluate(st_model *m, const float *x, const float *y, const float *sample_weight,
                             int rows, int batch_size, double *out);
/* Training-mode forward + backward over all rows as one batch; gradients are left in
 * st_model_weight_gradient; *loss receives the batch loss. No update. */
ST_API int st_model_compute_gradients(st_model *m, const float *x, const float *y, int rows,
                                      float *loss);
/* compute_gradients + one optimizer step. */
ST_API int st_model_train_batch(st_model *m, const float *x, const float *y, int rows,
                                float *loss);

/* fit: bind the training data (owned by the caller, kept until the next fit_begin or
 * model free), optionally per-sample weights (fit_sample_weights, after fit_begin; NULL
 * removes them), then per epoch: fit_epoch_begin (shuffle with the model's PRNG, reset the
 * metrics) and fit_run over consecutive batches. logs receives, per batch run,
 * 2 + st_model_metric_count(m) doubles: the batch's mean loss (rounded to float32), its
 * rows, then each metric's value over the epoch so far. */
ST_API int st_model_fit_begin(st_model *m, const float *x, const float *y, int rows,
                              int batch_size);
ST_API int st_model_fit_batches(const st_model *m); /* batches per epoch */
ST_API int st_model_fit_epoch_begin(st_model *m, int shuffle);
ST_API int st_model_fit_sample_weights(st_model *m, const float *weights);
ST_API int st_model_fit_run(st_model *m, int first_batch, int count, double *logs);

/* ---- diagnostics ---- */
/* Turn per-step statistics on or off (off by default; they cost a pass over the
 * activations and weights). st_model_stats points to layers × 4 floats, then weights × 3
 * floats, from the last training step (layout in model.h). */
ST_API int st_model_set_diagnostics(st_model *m, int on);
ST_API const float *st_model_stats(const st_model *m);
/* Batch mean and variance (features floats each) of BatchNormalization layer `layer` in
 * the last training step; NULL if that layer is not one. */
ST_API const float *st_model_batchnorm_batch_mean(const st_model *m, int layer);
ST_API const float *st_model_batchnorm_batch_variance(const st_model *m, int layer);
/* SimpleRNN, LSTM, GRU layer `layer`: ‖∂L/∂h_t‖ of the last backward for every time step
 * (timesteps floats, processing order), and the recurrent kernel's largest singular value
 * (power iteration). NULL / NaN for any other layer. */
ST_API const float *st_model_recurrent_gradient_norms(const st_model *m, int layer);
ST_API double st_model_recurrent_spectral_norm(const st_model *m, int layer);
/* fit's NaN sentinel (on by default): st_model_fit_run stops with ST_E_NONFINITE at the
 * first non-finite loss, gradient or weight; kind is a 'nonfinite' vocabulary code
 * (ST_NONFINITE_NONE = 0 when none), weight the index of the array (-1 for the loss), batch
 * the batch within its epoch. */
ST_API int st_model_set_terminate_on_nan(st_model *m, int on);
ST_API int st_model_nonfinite_kind(const st_model *m);
ST_API int st_model_nonfinite_weight(const st_model *m);
ST_API int st_model_nonfinite_batch(const st_model *m);

/* Test-only: executes a trap instruction (the JS bridge's poisoning test). */
ST_API void st_debug_trap(void);

/* ---- memory helpers for the JS side ---- */
ST_API void *st_alloc(int32_t bytes);
ST_API void st_free(void *p);
/* Bytes of the core's own allocations currently in use (models, optimizers, buffers). */
ST_API double st_heap_bytes_in_use(void);

#endif
