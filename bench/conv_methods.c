/* conv_methods.c — measurement only (not part of npm run bench): a direct wasm SIMD conv forward (output pixels × 4 filters per
 * vector, accumulating over kh, kw, cin with splat × kernel-row loads) against im2col +
 * gemm_nn of the same table, at LeNet's two conv shapes, batch 32.
 * Build and run from the repository root:
 *   emcc -O3 -msimd128 -Isrc -Isrc/kernels bench/conv_methods.c src/kernels/*.c -o /tmp/conv_methods.js \
 *        -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 && node /tmp/conv_methods.js */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <emscripten.h>
#include <wasm_simd128.h>
#include "kernels.h"
extern const st_kernels st_kernels_wasmsimd;
static float *buf(size_t n) { float *p = malloc(n * 4); for (size_t i = 0; i < n; i++) p[i] = (float)((i * 7919) % 1000) * 0.001f - 0.5f; return p; }
static void direct(const st_window *g, int F, const float *x, const float *K, float *y, int n) {
  for (int b = 0; b < n; b++)
    for (int i = 0; i < g->oh; i++)
      for (int j = 0; j < g->ow; j++) {
        float *yo = y + (((size_t)b * g->oh + i) * g->ow + j) * F;
        for (int f = 0; f < F; f += 4) {
          v128_t acc = wasm_f32x4_splat(0);
          for (int ki = 0; ki < g->kh; ki++) {
            int r = i * g->sh - g->pad_top + ki;
            if (r < 0 || r >= g->h) continue;
            for (int kj = 0; kj < g->kw; kj++) {
              int s = j * g->sw - g->pad_left + kj;
              if (s < 0 || s >= g->w) continue;
              const float *xp = x + (((size_t)b * g->h + r) * g->w + s) * g->c;
              const float *kp = K + ((size_t)(ki * g->kw + kj) * g->c) * F + f;
              for (int c = 0; c < g->c; c++) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load32_splat(xp + c), wasm_v128_load(kp + (size_t)c * F)));
            }
          }
          if (F - f >= 4) wasm_v128_store(yo + f, acc);
          else for (int l = 0; l < F - f; l++) yo[f + l] = ((float *)&acc)[l];
        }
      }
}
#define TIME(label, stmt) do { double t0 = emscripten_get_now(); int reps = 0; while (emscripten_get_now() - t0 < 400) { stmt; reps++; } printf("%-34s %8.3f ms\n", label, (emscripten_get_now() - t0) / reps); } while (0)
int main(void) {
  const st_kernels *k = &st_kernels_wasmsimd;
  float *x = buf(1 << 21), *K = buf(1 << 16), *col = buf(1 << 21), *y = buf(1 << 21);
  st_window g1 = {28, 28, 1, 5, 5, 1, 1, 2, 2, 28, 28}, g2 = {14, 14, 6, 5, 5, 1, 1, 0, 0, 10, 10};
  TIME("conv1 im2col+gemm_nn (6 filters)", (k->im2col(&g1, x, col, 32), k->gemm_nn(25088, 6, 25, col, 25, K, 8, y, 6, 0)));
  TIME("conv1 direct (K padded to 8)", direct(&g1, 8, x, K, y, 32));
  TIME("conv2 im2col+gemm_nn (16 filters)", (k->im2col(&g2, x, col, 32), k->gemm_nn(3200, 16, 150, col, 150, K, 16, y, 16, 0)));
  TIME("conv2 direct", direct(&g2, 16, x, K, y, 32));
  return 0;
}
