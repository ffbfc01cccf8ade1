/* kernels_impl.h — private prototypes of every kernel variant behind st_kernels.
 *
 * `st_<op>__scalar` (files *_scalar.c) is the plain reference; `st_<op>__wasmsimd`
 * (files *_wasmsimd.c) has the identical signature and exists only under __wasm_simd128__.
 * Semantics of each op are documented once, in kernels.h. Only kernels_*.c, select.c and
 * the kernel tests include this header. */
#ifndef ST_KERNELS_IMPL_H
#define ST_KERNELS_IMPL_H

#include "kernels.h"

#define ST_GEMM_ARGS                                                                     \
  int M, int N, int K, const float *A, int lda, const float *B, int ldb, float *C, int ldc, \
      int accumulate
#define ST_ACT_FWD_ARGS int act, float alpha, const float *x, float *y, int rows, int cols
#define ST_ACT_BWD_ARGS \
  int act, float alpha, const float *x, const float *y, const float *dy, float *dx, int rows, int cols
#define ST_UPDATE_ARGS \
  float *w, const float *g, float *s0, float *s1, float *s2, size_t n, const st_update_args *a

#define ST_BN_TRAIN_ARGS                                                                     \
  const float *x, float *y, float *mean, float *var, float *inv_std, const float *gamma, \
      const float *beta, int rows, int cols, float epsilon
#define ST_BN_INFER_ARGS                                                                     \
  const float *x, float *y, const float *mean, const float *var, const float *gamma,     \
      const float *beta, int rows, int cols, float epsilon
#define ST_BN_BACKWARD_ARGS                                                                  \
  const float *x, const float *dy, float *dx, float *dgamma, float *dbeta, const float *mean, \
      const float *inv_std, const float *gamma, int rows, int cols, float *scratch
/* Columns per strip in the batch-norm passes that need a per-column constant nobody stores
 * (inference's 1/sqrt(var + eps), the backward's gamma*inv_std/N): it is computed for one
 * strip into a stack array of this many floats (1 KiB), then the strip's rows are swept. */
#define ST_BN_STRIP 256

/* Declares the recurrent cells' kernels (kernels.h) of one variant. */
#define ST_DECLARE_CELLS(variant)                                                                                  \
  void st_simple_rnn_forward__##variant(const st_cell_acts *a, float *h, int rows, int U);                         \
  void st_simple_rnn_backward__##variant(const st_cell_acts *a, const float *h, const float *dh, float *dz, int rows, \
                                         int U);                                                                   \
  void st_lstm_forward__##variant(const st_cell_acts *a, float *z, const float *c_prev, float *c, float *ac, float *h, \
                                  int rows, int U);                                                                \
  void st_lstm_backward__##variant(const st_cell_acts *a, float *z, const float *c_prev, const float *ac,            \
                                   const float *dh, float *dc, int rows, int U);                                   \
  void st_gru_forward__##variant(const st_cell_acts *a, float *p, const float *q, const float *h_prev, float *h,     \
                                 int rows, int U);                                                                 \
  void st_gru_backward__##variant(const st_cell_acts *a, float *p, float *q, const float *h_prev, const float *dh,   \
                                  float *dh_prev, int rows, int U);                                                \
  void st_gru_gates__##variant(const st_cell_acts *a, float *p, const float *h_prev, float *rh, int rows, int U);   \
  void st_gru_state__##variant(const st_cell_acts *a, float *p, const float *h_prev, float *h, int rows, int U);    \
  void st_gru_backward_state__##variant(const st_cell_acts *a, float *p, const float *h_prev, const float *dh,      \
                                        float *dh_prev, int rows, int U);                                          \
  void st_gru_backward_gates__##variant(const st_cell_acts *a, float *p, const float *h_prev, const float *drh,     \
                                        float *dh_prev, int rows, int U);

/* The recurrent entries of a kernel table's initialiser. */
#define ST_CELL_TABLE(variant)                                                                              \
  .simple_rnn_forward = st_simple_rnn_forward__##variant, .simple_rnn_backward = st_simple_rnn_backward__##variant, \
  .lstm_forward = st_lstm_forward__##variant, .lstm_backward = st_lstm_backward__##variant,                   \
  .gru_forward = st_gru_forward__##variant, .gru_backward = st_gru_backward__##variant,                       \
  .gru_gates = st_gru_gates__##variant, .gru_state = st_gru_state__##variant,                                 \
  .gru_backward_state = st_gru_backward_state__##variant, .gru_backward_gates = st_gru_backward_gates__##variant

/* Declares st_update_<rule>__<variant> for every optimizer rule. */
#define ST_DECLARE_UPDATES(variant)                 \
  void st_update_sgd__##variant(ST_UPDATE_ARGS);      \
  void st_update_adagrad__##variant(ST_UPDATE_ARGS);  \
  void st_update_rmsprop__##variant(ST_UPDATE_ARGS);  \
  void st_update_adam__##variant(ST_UPDATE_ARGS);     \
  void st_update_nadam__##variant(ST_UPDATE_ARGS);    \
  void st_update_adamax__##variant(ST_UPDATE_ARGS);   \
  void st_update_adadelta__##variant(ST_UPDATE_ARGS); \
  double st_sum_squares__##variant(const float *x, size_t n); \
  void st_update_norms__##variant(const float *w, const float *old, const float *g, size_t n, double *out);

/* The update[] initialiser of a kernel table, in ST_KUPD_* order. */
#define ST_UPDATE_TABLE(variant)                                                     \
  {                                                                                  \
    [ST_KUPD_SGD] = st_update_sgd__##variant, [ST_KUPD_ADAGRAD] = st_update_adagrad__##variant, \
    [ST_KUPD_RMSPROP] = st_update_rmsprop__##variant, [ST_KUPD_ADAM] = st_update_adam__##variant, \
    [ST_KUPD_NADAM] = st_update_nadam__##variant, [ST_KUPD_ADAMAX] = st_update_adamax__##variant, \
    [ST_KUPD_ADADELTA] = st_update_adadelta__##variant,                               \
  }

/* Declares the 2-D window kernels (kernels.h) of one variant. */
#define ST_DECLARE_WINDOW(variant)                                                                 \
  void st_im2col__##variant(const st_window *g, const float *x, float *col, int n);                \
  void st_col2im__##variant(const st_window *g, const float *col, float *dx, int n);               \
  void st_max_pool__##variant(const st_window *g, const float *x, float *y, int n);                \
  void st_max_pool_backward__##variant(const st_window *g, const float *x, const float *y, const float *dy, \
                                       float *dx, int n);                                          \
  void st_avg_pool__##variant(const st_window *g, const float *x, float *y, int n);                \
  void st_avg_pool_backward__##variant(const st_window *g, const float *dy, float *dx, int n);
#define ST_WINDOW_TABLE(variant)                                                                   \
  .im2col = st_im2col__##variant, .col2im = st_col2im__##variant, .max_pool = st_max_pool__##variant, \
  .max_pool_backward = st_max_pool_backward__##variant, .avg_pool = st_avg_pool__##variant,         \
  .avg_pool_backward = st_avg_pool_backward__##variant

ST_DECLARE_WINDOW(scalar)
void st_gemm_nn__scalar(ST_GEMM_ARGS);
void st_gemm_tn__scalar(ST_GEMM_ARGS);
void st_gemm_nt__scalar(ST_GEMM_ARGS);
void st_bias_add__scalar(float *y, const float *b, int rows, int cols);
void st_bias_grad__scalar(float *db, const float *dy, int rows, int cols, int accumulate);
void st_act_forward__scalar(ST_ACT_FWD_ARGS);
void st_act_backward__scalar(ST_ACT_BWD_ARGS);
ST_DECLARE_UPDATES(scalar)
ST_DECLARE_CELLS(scalar)
void st_bn_forward_train__scalar(ST_BN_TRAIN_ARGS);
void st_bn_forward_infer__scalar(ST_BN_INFER_ARGS);
void st_bn_backward__scalar(ST_BN_BACKWARD_ARGS);

#ifdef __wasm_simd128__
ST_DECLARE_WINDOW(wasmsimd)
void st_gemm_nn__wasmsimd(ST_GEMM_ARGS);
void st_gemm_tn__wasmsimd(ST_GEMM_ARGS);
void st_gemm_nt__wasmsimd(ST_GEMM_ARGS);
void st_bias_add__wasmsimd(float *y, const float *b, int rows, int cols);
void st_bias_grad__wasmsimd(float *db, const float *dy, int rows, int cols, int accumulate);
void st_act_forward__wasmsimd(ST_ACT_FWD_ARGS);
void st_act_backward__wasmsimd(ST_ACT_BWD_ARGS);
ST_DECLARE_UPDATES(wasmsimd)
ST_DECLARE_CELLS(wasmsimd)
void st_bn_forward_train__wasmsimd(ST_BN_TRAIN_ARGS);
void st_bn_forward_infer__wasmsimd(ST_BN_INFER_ARGS);
void st_bn_backward__wasmsimd(ST_BN_BACKWARD_ARGS);
#endif

#endif
