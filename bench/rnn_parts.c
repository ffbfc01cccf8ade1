/* rnn_parts.c — measurement only (not part of npm run bench): where one LSTM(64) training step
 * of bench/rnn.mjs (batch 32, T 50, F 8) spends its time, kernel by kernel, through both
 * kernel tables, in the order recurrent.c calls them. ∂L/∂h_{t-1} = dz·Rᵀ is timed both ways: gemm_nt
 * against R (before) and gemm_nn against a transposed copy of R (what recurrent.c does now). Build and run from the repository root:
 *   emcc -O3 -msimd128 -Isrc -Isrc/kernels bench/rnn_parts.c src/kernels/[a-z]*.c -o /tmp/rnn_parts.js \
 *        -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 && node /tmp/rnn_parts.js */
#include <stdio.h>
#include <stdlib.h>
#include <emscripten.h>
#include "kernels.h"
extern const st_kernels st_kernels_wasmsimd, st_kernels_scalar;
enum { N = 32, T = 50, F = 8, U = 64, G = 4 * U };
static float *buf(size_t n) { float *p = malloc(n * 4); for (size_t i = 0; i < n; i++) p[i] = (float)((i * 7919) % 1000) * 0.001f - 0.5f; return p; }
/* ms per call of stmt, repeated for ~200 ms */
#define TIME(total, label, calls, stmt) do { double t0 = emscripten_get_now(); int reps = 0; \
  while (emscripten_get_now() - t0 < 200) { stmt; reps++; } double ms = (emscripten_get_now() - t0) / reps; \
  total += ms * (calls); printf("  %-44s %8.4f ms x %2d = %7.3f ms\n", label, ms, calls, ms * (calls)); } while (0)
static void run(const st_kernels *k) {
  const st_cell_acts a = {.act = ST_ACT_TANH, .ract = ST_ACT_SIGMOID};
  float *xt = buf(T * N * F), *W = buf(F * G), *R = buf(U * G), *b = buf(G), *z = buf(T * N * G), *h = buf((T + 1) * N * U);
  float *c = buf((T + 1) * N * U), *ac = buf(T * N * U), *dh = buf(N * U), *dc = buf(N * U), *dW = buf(F * G), *dR = buf(U * G);
  float *zt = buf(N * G), *zs = buf(N * G);
  double total = 0;
  printf("%s\n", k->name);
  TIME(total, "input projection gemm_nn 1600x256x8", 1, k->gemm_nn(T * N, G, F, xt, F, W, G, z, G, 0));
  TIME(total, "bias_add 1600x256", 1, k->bias_add(z, b, T * N, G));
  TIME(total, "recurrent gemm_nn 32x256x64", T - 1, k->gemm_nn(N, G, U, h, U, R, G, zt, G, 1));
  TIME(total, "lstm_forward 32x64", T, (zs[0] = zt[0], k->lstm_forward(&a, zt, c, c + N * U, ac, h + N * U, N, U)));
  TIME(total, "sum_squares 32x64", T, k->sum_squares(dh, N * U));
  TIME(total, "lstm_backward 32x64", T, k->lstm_backward(&a, zt, c, ac, dh, dc, N, U));
  double unused = 0;
  TIME(unused, "(before: dh gemm_nt 32x64x256 against R)", T - 1, k->gemm_nt(N, U, G, zt, G, R, G, dh, U, 0));
  TIME(total, "dh gemm_nn 32x64x256 against R^T", T - 1, k->gemm_nn(N, U, G, zt, G, R, U, dh, U, 0));
  TIME(total, "dW gemm_tn 8x256x1600", 1, k->gemm_tn(F, G, T * N, xt, F, z, G, dW, G, 0));
  TIME(total, "dR gemm_tn 64x256x1600", 1, k->gemm_tn(U, G, T * N, h, U, z, G, dR, G, 0));
  TIME(total, "bias_grad 1600x256", 1, k->bias_grad(b, z, T * N, G, 0));
  printf("  %-44s %38.3f ms\n", "sum (LSTM layer, no copies, no Adam)", total);
}
int main(void) {
  run(&st_kernels_wasmsimd);
  run(&st_kernels_scalar);
  return 0;
}
