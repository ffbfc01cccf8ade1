/* kernels.h — the compute kernels of the training core, as one table of function pointers.
 *
 * Every kernel exists twice with the same signature: a plain scalar reference
 * (`st_<op>__scalar`, files *_scalar.c) and a wasm SIMD version (`st_<op>__wasmsimd`,
 * files *_wasmsimd.c, compiled only under __wasm_simd128__). The choice between them is made
 * in one place, select.c; the rest of the core calls through `st_kernels_active()`.
 * Tests compare the two tables element by element (tests/c/test_kernels.c).
 *
 * Conventions: matrices are row-major with an explicit leading dimension (elements per
 * row); sizes are ints > 0 unless stated; kernels never allocate and never fail. `accumulate`
 * = 0 overwrites C, = 1 adds into C. Buffers may not alias unless a comment says so. */
#ifndef ST_KERNELS_H
#define ST_KERNELS_H

#include <stddef.h>

/* Activation codes: ST_ACT_* of the vocabulary (vocab.def). */
#include "../vocab.h"

/* SELU constants (Klambauer et al. 2017; keras/src/activations/activations.py). */
#define ST_SELU_ALPHA 1.67326324235437728481f
#define ST_SELU_SCALE 1.05070098735548049342f

/* 1 if act_backward needs the forward input x of `act` (its derivative is not a function of
 * the output y): gelu, silu and mish. A layer keeps x for these only. */
static inline int st_act_backward_needs_input(int act) {
  return act == ST_ACT_GELU || act == ST_ACT_SILU || act == ST_ACT_MISH;
}

/* Fused optimizer updates (one pass over w, g and the slots), one kernel per update rule;
 * AdamW shares Adam's. Every kernel first forms the effective gradient and applies decoupled
 * weight decay, in Keras's order (base_optimizer.py: clip, then decay, then the update):
 *   g' = clamp(g * grad_scale, -clip_value, clip_value)   (NaN stays NaN)
 *   w  = w - (w * weight_decay) * lr                        (skipped when weight_decay == 0)
 * then the rule below, in this operation order (Keras's, float32):
 *   SGD       momentum == 0: w = w - g'*lr
 *             else m = m*momentum - g'*lr; w = w + (nesterov ? m*momentum - g'*lr : m)   [s0 = m]
 *   ADAGRAD   a = a + g'*g'; w = w - (lr*g') / sqrt(a + epsilon)                          [s0 = a]
 *   RMSPROP   v = rho*v + one_minus_rho*(g'*g')
 *             centered: mg = rho*mg + one_minus_rho*g'; d = (v - mg*mg) + epsilon  else d = v + epsilon
 *             inc = (lr*g') / sqrt(d); momentum > 0: mom = momentum*mom + inc; w = w - mom  else w = w - inc
 *                                                                     [s0 = v, s1 = mom, s2 = mg]
 *   ADAM      m = m + (g' - m)*one_minus_beta1; v = v + (g'*g' - v)*one_minus_beta2
 *             amsgrad: vh = max(vh, v), v_used = vh   else v_used = v
 *             w = w - (m*c1) / (sqrt(v_used) + epsilon)          (c1 = alpha)  [s0 = m, s1 = v, s2 = vh]
 *   NADAM     m, v as Adam; m_hat = c1*m + c2*g'; v_hat = v / c3
 *             w = w - (m_hat*lr) / (sqrt(v_hat) + epsilon)                      [s0 = m, s1 = v]
 *   ADAMAX    m = m + (g' - m)*one_minus_beta1; u = max(beta2*u, |g'|)
 *             w = w - (lr*m) / (c1 * (u + epsilon))                             [s0 = m, s1 = u]
 *   ADADELTA  eg = rho*eg + (one_minus_rho*g')*g'
 *             dx = -(sqrt(edx + epsilon) * g') / sqrt(eg + epsilon)   (old edx)
 *             edx = rho*edx + (one_minus_rho*dx)*dx; w = w + lr*dx              [s0 = eg, s1 = edx]
 * max (ADAM amsgrad, ADAMAX) is keras ops.maximum: NaN if either operand is NaN (so a NaN
 * gradient leaves vh / u NaN for good, as in Keras), else the larger, +0 over -0 (wasm
 * f32x4.max, not pmax).
 * Scalars are computed once per step by src/optim/<kind>.c. */
enum {
  ST_KUPD_SGD = 0, ST_KUPD_ADAGRAD, ST_KUPD_RMSPROP, ST_KUPD_ADAM, ST_KUPD_NADAM,
  ST_KUPD_ADAMAX, ST_KUPD_ADADELTA, ST_KUPD_COUNT
};

typedef struct st_update_args {
  float lr, grad_scale, clip_value, weight_decay;
  float momentum, beta1, beta2, one_minus_beta1, one_minus_beta2, rho, one_minus_rho, epsilon;
  float c1, c2, c3; /* per-step constants of the rule, see above */
  int nesterov, amsgrad, centered;
} st_update_args;

/* Unused slot pointers are NULL. w and g must not alias. */
typedef void (*st_update_kernel)(float *w, const float *g, float *s0, float *s1, float *s2, size_t n,
                                 const st_update_args *args);

/* Geometry of a 2-D window over channels-last images x [n, h, w, c] (Conv2D, pooling):
 * output pixel (i, j) reads input rows i*sh - pad_top + [0, kh) and columns
 * j*sw - pad_left + [0, kw); positions outside the image are padding. */
typedef struct st_window {
  int h, w, c;            /* input height, width, channels */
  int kh, kw, sh, sw;     /* window and strides */
  int pad_top, pad_left;  /* TensorFlow 'same' puts the odd pixel at the bottom/right */
  int oh, ow;             /* output height, width */
} st_window;

/* The two activations of a recurrent cell (Keras activation / recurrent_activation), each an
 * element-wise ST_ACT_* code among linear, sigmoid, tanh, relu, leaky_relu, elu, selu, with
 * its alpha (leaky-ReLU slope, ELU alpha). */
typedef struct st_cell_acts {
  int act, ract;
  float alpha, ralpha;
} st_cell_acts;

typedef struct st_kernels {
  const char *name; /* "scalar" or "wasmsimd" */

  /* C[M,N] (+)= A[M,K] · B[K,N]            — Dense forward x·W */
  void (*gemm_nn)(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                  float *C, int ldc, int accumulate);
  /* C[M,N] (+)= Aᵀ · B, A stored [K,M]     — Dense kernel gradient xᵀ·dy */
  void (*gemm_tn)(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                  float *C, int ldc, int accumulate);
  /* C[M,N] (+)= A · Bᵀ, B stored [N,K]     — Dense input gradient dy·Wᵀ */
  void (*gemm_nt)(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                  float *C, int ldc, int accumulate);

  /* y[r,c] += b[c] over rows × cols (row stride = cols); in place. */
  void (*bias_add)(float *y, const float *b, int rows, int cols);
  /* db[c] (+)= Σ_r dy[r,c] */
  void (*bias_grad)(float *db, const float *dy, int rows, int cols, int accumulate);

  /* y = act(x) over rows × cols; x and y may alias. alpha: leaky-ReLU negative slope or ELU
   * alpha (ignored otherwise). Softmax is per row (max-subtracted). Formulas: Keras 3
   * (keras/src/activations/activations.py), written out in activation_scalar.c. */
  void (*act_forward)(int act, float alpha, const float *x, float *y, int rows, int cols);
  /* dx = dy · act'(x). Most activations' derivatives are computed from the forward OUTPUT y
   * (softmax uses the row Jacobian); gelu, silu and mish are not invertible, so theirs come
   * from the forward INPUT x (st_act_backward_needs_input). x is read only for those and may
   * be NULL otherwise; x may not alias dx. dy and dx may alias. */
  void (*act_backward)(int act, float alpha, const float *x, const float *y, const float *dy,
                       float *dx, int rows, int cols);

  /* Batch normalization over x [rows, cols], per column (feature), Keras 3 semantics
   * (keras/src/layers/normalization/batch_normalization.py). gamma NULL means scale = 1,
   * beta NULL means offset = 0.
   * Training forward: two-pass mean and biased variance per column; inv_std = 1/sqrt(var + eps);
   *   y = gamma*((x - mean)*inv_std) + beta; writes mean[cols], var[cols], inv_std[cols].
   * Inference forward: the same affine map with the given (moving) mean and variance.
   * All three kernels sweep x row by row (never down a column: a cols*4-byte stride that is
   * a multiple of 4 KiB thrashes L1), summing each column in row order into per-column
   * accumulators, so the scalar and SIMD tables give the same bits. */
  void (*bn_forward_train)(const float *x, float *y, float *mean, float *var, float *inv_std,
                           const float *gamma, const float *beta, int rows, int cols, float epsilon);
  void (*bn_forward_infer)(const float *x, float *y, const float *mean, const float *var,
                           const float *gamma, const float *beta, int rows, int cols, float epsilon);
  /* Training-mode backward, xhat = (x - mean)*inv_std:
   *   dbeta = Σ dy;  dgamma = Σ dy*xhat;  dx = gamma*inv_std/N * (N*dy - dbeta - xhat*dgamma)
   * dgamma/dbeta may be NULL (not computed); dx may be NULL; dx may alias dy.
   * scratch: 2*cols floats of caller workspace (the per-column Σdy and Σdy*xhat, needed even
   * when dgamma/dbeta are NULL); overwritten, aliases no other argument. */
  void (*bn_backward)(const float *x, const float *dy, float *dx, float *dgamma, float *dbeta,
                      const float *mean, const float *inv_std, const float *gamma, int rows, int cols,
                      float *scratch);

  /* ---- 2-D windows (g: st_window above; n images; every size > 0) ----
   * im2col: col [n*oh*ow, kh*kw*c] = the window of each output pixel, row-major over
   *   (ki, kj, channel) as the Conv2D kernel [kh, kw, c, filters] is; padding reads 0.
   * col2im: dx [n, h, w, c] = Σ over windows of col (the adjoint of im2col); overwrites dx,
   *   adding in output-pixel then window order (both tables: the same sums, the same bits).
   * max_pool: y [n, oh, ow, c] = max over the window's positions inside the image.
   * max_pool_backward: dx = 0, then per window and channel dy goes to the FIRST position (in
   *   row-major window order) whose x equals the window's y (TF's and torch's argmax).
   * avg_pool: y = mean over the window's positions inside the image (padding not counted,
   *   as TensorFlow's 'same'); avg_pool_backward: dx = 0, then each such position += dy/count. */
  void (*im2col)(const st_window *g, const float *x, float *col, int n);
  void (*col2im)(const st_window *g, const float *col, float *dx, int n);
  void (*max_pool)(const st_window *g, const float *x, float *y, int n);
  void (*max_pool_backward)(const st_window *g, const float *x, const float *y, const float *dy, float *dx, int n);
  void (*avg_pool)(const st_window *g, const float *x, float *y, int n);
  void (*avg_pool_backward)(const st_window *g, const float *dy, float *dx, int n);

  /* ---- recurrent cells: one time step over rows samples of U units, fused (one pass each);
   * every buffer a contiguous [rows, width] block; σ = a->ract, φ = a->act; derivatives are
   * taken from the stored outputs (σ' from σ, φ' from φ). Formulas: Keras 3
   * keras/src/layers/rnn/{simple_rnn,lstm,gru}.py. In-place arguments are marked (io).
   * simple_rnn_forward   h = φ(h) (io: h holds x·W + b + h_prev·R)
   * simple_rnn_backward  dz = dh ⊙ φ'(h)                       (dz may alias dh)
   * lstm_forward   z [rows, 4U] (io): pre-activations i, f, g, o → σ(i), σ(f), φ(g), σ(o);
   *                c = f⊙c_prev + i⊙g; ac = φ(c); h = o⊙ac
   * lstm_backward  z (io): the gates → their pre-activation gradients; dc (io): ∂L/∂c_t from
   *                later steps → ∂L/∂c_{t-1}; with dc_t = dc + dh⊙o⊙φ'(ac):
   *                di = dc_t⊙g⊙σ'(i), df = dc_t⊙c_prev⊙σ'(f), dg = dc_t⊙i⊙φ'(g),
   *                do = dh⊙ac⊙σ'(o), dc ← dc_t⊙f
   * gru_forward (reset_after) p [rows, 3U] (io): x·W + b_in → z, r, hh; q = h_prev·R + b_rec:
   *                z = σ(p_z + q_z), r = σ(p_r + q_r), hh = φ(p_h + r⊙q_h),
   *                h = z⊙h_prev + (1 - z)⊙hh
   * gru_backward (reset_after) p (io) → dp = (dz, dr, dh̃) and q (io) → dq = (dz, dr, dh̃⊙r),
   *                dz = dh⊙(h_prev - hh)⊙σ'(z), dh̃ = dh⊙(1 - z)⊙φ'(hh), dr = dh̃⊙q_h⊙σ'(r);
   *                dh_prev = dh⊙z (the caller adds dq·Rᵀ)
   * reset_after = false, the product R_h applied to r⊙h_prev, so each direction is two passes
   * around a GEMM:
   * gru_gates      p (io) with h_prev·R[:, :2U] added: z, r = σ(·); rh = r⊙h_prev
   * gru_state      p_h (io) with rh·R_h added: hh = φ(·); h = z⊙h_prev + (1 - z)⊙hh
   * gru_backward_state  p (io): z → dz, hh → dh̃ (as above); dh_prev = dh⊙z
   * gru_backward_gates  r → dr = drh⊙h_prev⊙σ'(r) with drh = dh̃·R_hᵀ; dh_prev += drh⊙r */
  void (*simple_rnn_forward)(const st_cell_acts *a, float *h, int rows, int U);
  void (*simple_rnn_backward)(const st_cell_acts *a, const float *h, const float *dh, float *dz, int rows, int U);
  void (*lstm_forward)(const st_cell_acts *a, float *z, const float *c_prev, float *c, float *ac, float *h, int rows, int U);
  void (*lstm_backward)(const st_cell_acts *a, float *z, const float *c_prev, const float *ac, const float *dh, float *dc,
                        int rows, int U);
  void (*gru_forward)(const st_cell_acts *a, float *p, const float *q, const float *h_prev, float *h, int rows, int U);
  void (*gru_backward)(const st_cell_acts *a, float *p, float *q, const float *h_prev, const float *dh, float *dh_prev,
                       int rows, int U);
  void (*gru_gates)(const st_cell_acts *a, float *p, const float *h_prev, float *rh, int rows, int U);
  void (*gru_state)(const st_cell_acts *a, float *p, const float *h_prev, float *h, int rows, int U);
  void (*gru_backward_state)(const st_cell_acts *a, float *p, const float *h_prev, const float *dh, float *dh_prev,
                             int rows, int U);
  void (*gru_backward_gates)(const st_cell_acts *a, float *p, const float *h_prev, const float *drh, float *dh_prev,
                             int rows, int U);

  /* The fused optimizer updates described above, indexed by ST_KUPD_*. */
  st_update_kernel update[ST_KUPD_COUNT];
  /* Σ x[i]², accumulated in double (the norms of gradient clipping). */
  double (*sum_squares)(const float *x, size_t n);
  /* One pass over weights after an update (w), before it (old) and the gradient g, n floats
   * each: out[0] = Σ w², out[1] = Σ old², out[2] = Σ (w − old)² (difference in float),
   * out[3] = Σ g². The scalar reference sums in double; the SIMD version sums blocks of 256
   * in float, then the blocks in double (relative error < 1e-5). The diagnostics' weight
   * norm, update-to-weight ratio and gradient norm. */
  void (*update_norms)(const float *w, const float *old, const float *g, size_t n, double *out);
} st_kernels;

extern const st_kernels st_kernels_scalar;
#ifdef __wasm_simd128__
extern const st_kernels st_kernels_wasmsimd;
#endif

/* The table the core uses: SIMD when compiled with -msimd128, scalar otherwise. */
const st_kernels *st_kernels_active(void);

#endif
