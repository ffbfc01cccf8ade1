/* recurrent_wasmsimd.c — wasm SIMD128 versions of the recurrent cells, same semantics and
 * signatures as recurrent_scalar.c (math in kernels.h). Four units per vector along each
 * row; a row's last 1..3 units use partial loads and stores (wasmsimd_util.h), so nothing is
 * read or written past a row. The vector e^x, sigmoid and tanh are activation_wasmsimd.c's,
 * shared through wasmsimd_math.h as inline functions, so a cell is one pass over its gates. Every kernel is
 * instantiated once for Keras's default pair (φ = tanh, σ = sigmoid) with the activations as
 * constants, and once generic (a switch per vector) for the other element-wise activations. */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_math.h"

ST_ALWAYS_INLINE v128_t act_vec(int act, float alpha, v128_t x) {
  switch (act) {
    case ST_ACT_SIGMOID: return sigmoid_vec(x);
    case ST_ACT_TANH: return tanh_vec(x);
    case ST_ACT_RELU: return wasm_f32x4_pmax(wasm_f32x4_splat(0.0f), x);
    case ST_ACT_LEAKY_RELU: return select_pos(x, wasm_f32x4_mul(wasm_f32x4_splat(alpha), x));
    case ST_ACT_ELU: return select_pos(x, wasm_f32x4_mul(wasm_f32x4_splat(alpha), expm1_neg(x)));
    case ST_ACT_SELU:
      return wasm_f32x4_mul(wasm_f32x4_splat(ST_SELU_SCALE),
                            select_pos(x, wasm_f32x4_mul(wasm_f32x4_splat(ST_SELU_ALPHA), expm1_neg(x))));
    default: return x;
  }
}

ST_ALWAYS_INLINE v128_t if_pos(v128_t y, v128_t pos, v128_t neg) {
  return wasm_v128_bitselect(pos, neg, wasm_f32x4_gt(y, wasm_f32x4_splat(0.0f)));
}

/* act'(x) from y = act(x) */
ST_ALWAYS_INLINE v128_t grad_vec(int act, float alpha, v128_t y) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  switch (act) {
    case ST_ACT_SIGMOID: return wasm_f32x4_mul(y, wasm_f32x4_sub(one, y));
    case ST_ACT_TANH: return wasm_f32x4_sub(one, wasm_f32x4_mul(y, y));
    case ST_ACT_RELU: return if_pos(y, one, wasm_f32x4_splat(0.0f));
    case ST_ACT_LEAKY_RELU: return if_pos(y, one, wasm_f32x4_splat(alpha));
    case ST_ACT_ELU: return if_pos(y, one, wasm_f32x4_add(y, wasm_f32x4_splat(alpha)));
    case ST_ACT_SELU:
      return if_pos(y, wasm_f32x4_splat(ST_SELU_SCALE), wasm_f32x4_add(y, wasm_f32x4_splat(ST_SELU_SCALE * ST_SELU_ALPHA)));
    default: return one;
  }
}

#define LD(p) st__load_n((p), n)
#define ST(p, v) st__store_n((p), (v), n)
#define ACT(x) act_vec(act, alpha, (x))
#define RACT(x) act_vec(ract, ralpha, (x))
#define DACT(y) grad_vec(act, alpha, (y))
#define DRACT(y) grad_vec(ract, ralpha, (y))
#define ONE wasm_f32x4_splat(1.0f)
#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul
#define ACTS int act, float alpha, int ract, float ralpha
#define ACTS_ARGS act, alpha, ract, ralpha

/* Each cell: a body over n (1..4) units at offset j of one row, then a loop over rows and
 * vectors instantiated for (tanh, sigmoid) and generically. */
#define ST_CELL_LOOP(name, rows, U, ...)                                              \
  ST_ALWAYS_INLINE void name##_rows(ACTS, int rows_, int U_, ST_CELL_PARAMS_##name) { \
    for (int r = 0; r < rows_; r++) {                                                 \
      int j = 0;                                                                      \
      for (; j + 4 <= U_; j += 4) name##_body(ACTS_ARGS, r, j, 4, U_, __VA_ARGS__);   \
      if (j < U_) name##_body(ACTS_ARGS, r, j, U_ - j, U_, __VA_ARGS__);              \
    }                                                                                 \
  }

#define ST_CELL_DISPATCH(name, rows, U, ...)                                                   \
  if (a->act == ST_ACT_TANH && a->ract == ST_ACT_SIGMOID)                                      \
    name##_rows(ST_ACT_TANH, 0.0f, ST_ACT_SIGMOID, 0.0f, rows, U, __VA_ARGS__);                \
  else                                                                                         \
    name##_rows(a->act, a->alpha, a->ract, a->ralpha, rows, U, __VA_ARGS__);

/* ---- SimpleRNN ---- */
ST_ALWAYS_INLINE void srnn_fwd_body(ACTS, int r, int j, int n, int U, float *h) {
  (void)ract, (void)ralpha;
  float *p = h + (size_t)r * U + j;
  ST(p, ACT(LD(p)));
}
#define ST_CELL_PARAMS_srnn_fwd float *h
ST_CELL_LOOP(srnn_fwd, rows, U, h)

void st_simple_rnn_forward__wasmsimd(const st_cell_acts *a, float *h, int rows, int U) {
  ST_CELL_DISPATCH(srnn_fwd, rows, U, h)
}

ST_ALWAYS_INLINE void srnn_bwd_body(ACTS, int r, int j, int n, int U, const float *h, const float *dh, float *dz) {
  (void)ract, (void)ralpha;
  const size_t o = (size_t)r * U + j;
  ST(dz + o, MUL(LD(dh + o), DACT(LD(h + o))));
}
#define ST_CELL_PARAMS_srnn_bwd const float *h, const float *dh, float *dz
ST_CELL_LOOP(srnn_bwd, rows, U, h, dh, dz)

void st_simple_rnn_backward__wasmsimd(const st_cell_acts *a, const float *h, const float *dh, float *dz, int rows, int U) {
  ST_CELL_DISPATCH(srnn_bwd, rows, U, h, dh, dz)
}

/* ---- LSTM ---- */
ST_ALWAYS_INLINE void lstm_fwd_body(ACTS, int r, int j, int n, int U, float *z, const float *c_prev, float *c, float *ac,
                                    float *h) {
  float *zr = z + (size_t)r * 4 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t i = RACT(LD(zr)), f = RACT(LD(zr + U)), g = ACT(LD(zr + 2 * U)), og = RACT(LD(zr + 3 * U));
  const v128_t cc = ADD(MUL(f, LD(c_prev + o)), MUL(i, g));
  const v128_t act_c = ACT(cc);
  ST(zr, i), ST(zr + U, f), ST(zr + 2 * U, g), ST(zr + 3 * U, og);
  ST(c + o, cc);
  ST(ac + o, act_c);
  ST(h + o, MUL(og, act_c));
}
#define ST_CELL_PARAMS_lstm_fwd float *z, const float *c_prev, float *c, float *ac, float *h
ST_CELL_LOOP(lstm_fwd, rows, U, z, c_prev, c, ac, h)

void st_lstm_forward__wasmsimd(const st_cell_acts *a, float *z, const float *c_prev, float *c, float *ac, float *h,
                               int rows, int U) {
  ST_CELL_DISPATCH(lstm_fwd, rows, U, z, c_prev, c, ac, h)
}

ST_ALWAYS_INLINE void lstm_bwd_body(ACTS, int r, int j, int n, int U, float *z, const float *c_prev, const float *ac,
                                    const float *dh, float *dc) {
  float *zr = z + (size_t)r * 4 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t i = LD(zr), f = LD(zr + U), g = LD(zr + 2 * U), og = LD(zr + 3 * U);
  const v128_t act_c = LD(ac + o), d = LD(dh + o);
  const v128_t dct = ADD(LD(dc + o), MUL(MUL(d, og), DACT(act_c)));
  ST(zr, MUL(MUL(dct, g), DRACT(i)));
  ST(zr + U, MUL(MUL(dct, LD(c_prev + o)), DRACT(f)));
  ST(zr + 2 * U, MUL(MUL(dct, i), DACT(g)));
  ST(zr + 3 * U, MUL(MUL(d, act_c), DRACT(og)));
  ST(dc + o, MUL(dct, f));
}
#define ST_CELL_PARAMS_lstm_bwd float *z, const float *c_prev, const float *ac, const float *dh, float *dc
ST_CELL_LOOP(lstm_bwd, rows, U, z, c_prev, ac, dh, dc)

void st_lstm_backward__wasmsimd(const st_cell_acts *a, float *z, const float *c_prev, const float *ac, const float *dh,
                                float *dc, int rows, int U) {
  ST_CELL_DISPATCH(lstm_bwd, rows, U, z, c_prev, ac, dh, dc)
}

/* ---- GRU, reset_after ---- */
ST_ALWAYS_INLINE void gru_fwd_body(ACTS, int r, int j, int n, int U, float *p, const float *q, const float *h_prev,
                                   float *h) {
  float *pr = p + (size_t)r * 3 * U + j;
  const float *qr = q + (size_t)r * 3 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t z = RACT(ADD(LD(pr), LD(qr))), rg = RACT(ADD(LD(pr + U), LD(qr + U)));
  const v128_t hh = ACT(ADD(LD(pr + 2 * U), MUL(rg, LD(qr + 2 * U))));
  ST(pr, z), ST(pr + U, rg), ST(pr + 2 * U, hh);
  ST(h + o, ADD(MUL(z, LD(h_prev + o)), MUL(SUB(ONE, z), hh)));
}
#define ST_CELL_PARAMS_gru_fwd float *p, const float *q, const float *h_prev, float *h
ST_CELL_LOOP(gru_fwd, rows, U, p, q, h_prev, h)

void st_gru_forward__wasmsimd(const st_cell_acts *a, float *p, const float *q, const float *h_prev, float *h, int rows,
                              int U) {
  ST_CELL_DISPATCH(gru_fwd, rows, U, p, q, h_prev, h)
}

ST_ALWAYS_INLINE void gru_bwd_body(ACTS, int r, int j, int n, int U, float *p, float *q, const float *h_prev,
                                   const float *dh, float *dh_prev) {
  float *pr = p + (size_t)r * 3 * U + j, *qr = q + (size_t)r * 3 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t z = LD(pr), rg = LD(pr + U), hh = LD(pr + 2 * U), d = LD(dh + o);
  const v128_t dz = MUL(MUL(d, SUB(LD(h_prev + o), hh)), DRACT(z));
  const v128_t dah = MUL(MUL(d, SUB(ONE, z)), DACT(hh));
  const v128_t dr = MUL(MUL(dah, LD(qr + 2 * U)), DRACT(rg));
  ST(pr, dz), ST(qr, dz);
  ST(pr + U, dr), ST(qr + U, dr);
  ST(pr + 2 * U, dah);
  ST(qr + 2 * U, MUL(dah, rg));
  ST(dh_prev + o, MUL(d, z));
}
#define ST_CELL_PARAMS_gru_bwd float *p, float *q, const float *h_prev, const float *dh, float *dh_prev
ST_CELL_LOOP(gru_bwd, rows, U, p, q, h_prev, dh, dh_prev)

void st_gru_backward__wasmsimd(const st_cell_acts *a, float *p, float *q, const float *h_prev, const float *dh,
                               float *dh_prev, int rows, int U) {
  ST_CELL_DISPATCH(gru_bwd, rows, U, p, q, h_prev, dh, dh_prev)
}

/* ---- GRU, reset before the product ---- */
ST_ALWAYS_INLINE void gru_gates_body(ACTS, int r, int j, int n, int U, float *p, const float *h_prev, float *rh) {
  (void)act, (void)alpha;
  float *pr = p + (size_t)r * 3 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t rg = RACT(LD(pr + U));
  ST(pr, RACT(LD(pr)));
  ST(pr + U, rg);
  ST(rh + o, MUL(rg, LD(h_prev + o)));
}
#define ST_CELL_PARAMS_gru_gates float *p, const float *h_prev, float *rh
ST_CELL_LOOP(gru_gates, rows, U, p, h_prev, rh)

void st_gru_gates__wasmsimd(const st_cell_acts *a, float *p, const float *h_prev, float *rh, int rows, int U) {
  ST_CELL_DISPATCH(gru_gates, rows, U, p, h_prev, rh)
}

ST_ALWAYS_INLINE void gru_state_body(ACTS, int r, int j, int n, int U, float *p, const float *h_prev, float *h) {
  (void)ract, (void)ralpha;
  float *pr = p + (size_t)r * 3 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t z = LD(pr), hh = ACT(LD(pr + 2 * U));
  ST(pr + 2 * U, hh);
  ST(h + o, ADD(MUL(z, LD(h_prev + o)), MUL(SUB(ONE, z), hh)));
}
#define ST_CELL_PARAMS_gru_state float *p, const float *h_prev, float *h
ST_CELL_LOOP(gru_state, rows, U, p, h_prev, h)

void st_gru_state__wasmsimd(const st_cell_acts *a, float *p, const float *h_prev, float *h, int rows, int U) {
  ST_CELL_DISPATCH(gru_state, rows, U, p, h_prev, h)
}

ST_ALWAYS_INLINE void gru_bstate_body(ACTS, int r, int j, int n, int U, float *p, const float *h_prev, const float *dh,
                                      float *dh_prev) {
  float *pr = p + (size_t)r * 3 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t z = LD(pr), hh = LD(pr + 2 * U), d = LD(dh + o);
  ST(pr, MUL(MUL(d, SUB(LD(h_prev + o), hh)), DRACT(z)));
  ST(pr + 2 * U, MUL(MUL(d, SUB(ONE, z)), DACT(hh)));
  ST(dh_prev + o, MUL(d, z));
}
#define ST_CELL_PARAMS_gru_bstate float *p, const float *h_prev, const float *dh, float *dh_prev
ST_CELL_LOOP(gru_bstate, rows, U, p, h_prev, dh, dh_prev)

void st_gru_backward_state__wasmsimd(const st_cell_acts *a, float *p, const float *h_prev, const float *dh,
                                     float *dh_prev, int rows, int U) {
  ST_CELL_DISPATCH(gru_bstate, rows, U, p, h_prev, dh, dh_prev)
}

ST_ALWAYS_INLINE void gru_bgates_body(ACTS, int r, int j, int n, int U, float *p, const float *h_prev, const float *drh,
                                      float *dh_prev) {
  (void)act, (void)alpha;
  float *pr = p + (size_t)r * 3 * U + j;
  const size_t o = (size_t)r * U + j;
  const v128_t rg = LD(pr + U), d = LD(drh + o);
  ST(pr + U, MUL(MUL(d, LD(h_prev + o)), DRACT(rg)));
  ST(dh_prev + o, ADD(LD(dh_prev + o), MUL(d, rg)));
}
#define ST_CELL_PARAMS_gru_bgates float *p, const float *h_prev, const float *drh, float *dh_prev
ST_CELL_LOOP(gru_bgates, rows, U, p, h_prev, drh, dh_prev)

void st_gru_backward_gates__wasmsimd(const st_cell_acts *a, float *p, const float *h_prev, const float *drh,
                                     float *dh_prev, int rows, int U) {
  ST_CELL_DISPATCH(gru_bgates, rows, U, p, h_prev, drh, dh_prev)
}

#endif
