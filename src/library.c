/* library.c — library-level entry points: which kernels are active, the allocation helpers
 * the JS layer uses to place data in wasm memory, benchmark hooks and a test-only trap. */
#include "memory.h"
#include <string.h>

#include "error.h"
#include "kernels/kernels.h"
#include "simdtrain.h"

ST_API int st_simd_enabled(void) { return strcmp(st_kernels_active()->name, "wasmsimd") == 0; }

/* Test-only: traps the wasm instance (__builtin_trap), so the JS side can check that a trap
 * poisons the module with a clear message. Never called by the library itself. */
ST_API void st_debug_trap(void) { __builtin_trap(); }

ST_API void *st_alloc(int32_t bytes) {
  if (bytes <= 0) {
    st_fail(ST_E_ARGUMENT, "st_alloc: bytes must be in [1, 2^31 - 1], got %d", (int)bytes);
    return NULL;
  }
  void *p = st_malloc((size_t)bytes);
  if (!p) st_fail(ST_E_NOMEM, "out of memory allocating %d bytes", (int)bytes);
  return p;
}

ST_API void st_free(void *p) { st_mfree(p); }

/* Raw matrix products for benchmarks and tests: form 0 = A·B (A [M,K], B [K,N]),
 * 1 = Aᵀ·B (A stored [K,M]), 2 = A·Bᵀ (B stored [N,K]); C [M,N] is overwritten. */
ST_API int st_matmul(int form, int M, int N, int K, const float *A, const float *B, float *C) {
  const st_kernels *k = st_kernels_active();
  size_t mk, kn, mn;
  if (M <= 0 || N <= 0 || K <= 0 || !A || !B || !C) return st_fail(ST_E_ARGUMENT, "st_matmul: sizes must be > 0");
  if (st_mul_size((size_t)M, (size_t)K, &mk) != ST_OK || st_mul_size((size_t)K, (size_t)N, &kn) != ST_OK ||
      st_mul_size((size_t)M, (size_t)N, &mn) != ST_OK || mk > ST_MAX_BYTES / 4 || kn > ST_MAX_BYTES / 4 || mn > ST_MAX_BYTES / 4)
    return st_fail(ST_E_ARGUMENT, "st_matmul: %d x %d x %d matrices exceed the 2 GiB limit", M, N, K);
  switch (form) {
    case 0: k->gemm_nn(M, N, K, A, K, B, N, C, N, 0); return ST_OK;
    case 1: k->gemm_tn(M, N, K, A, M, B, N, C, N, 0); return ST_OK;
    case 2: k->gemm_nt(M, N, K, A, K, B, K, C, N, 0); return ST_OK;
    default: return ST_E_ARGUMENT;
  }
}

/* Benchmark hook (bench/optimizers.mjs): `reps` batch-normalization training steps, forward
 * (bn_forward_train) then backward (bn_backward with dgamma and dbeta), on a deterministic
 * [rows, cols] batch with gamma and beta, through the active kernel table. Timed by the
 * caller (the core imports no clock). Returns ST_OK, ST_E_ARGUMENT or ST_E_NOMEM. */
ST_API int st_bench_batchnorm(int rows, int cols, int reps) {
  if (rows <= 0 || cols <= 0 || reps < 0 || (size_t)rows > ((size_t)1 << 28) / (size_t)cols) return ST_E_ARGUMENT;
  const st_kernels *k = st_kernels_active();
  const size_t n = (size_t)rows * (size_t)cols, c = (size_t)cols;
  float *big = st_malloc(4 * n * sizeof(float)), *small = st_malloc(9 * c * sizeof(float));
  if (!big || !small) {
    st_mfree(big);
    st_mfree(small);
    return ST_E_NOMEM;
  }
  float *x = big, *y = big + n, *dy = big + 2 * n, *dx = big + 3 * n;
  float *mean = small, *var = small + c, *inv_std = small + 2 * c, *gamma = small + 3 * c, *beta = small + 4 * c;
  float *dgamma = small + 5 * c, *dbeta = small + 6 * c, *work = small + 7 * c; /* work: 2*cols */
  for (size_t i = 0; i < n; i++) {
    x[i] = (float)((i * 7919u) % 1000u) * 0.002f - 1.0f;
    dy[i] = (float)((i * 104729u) % 997u) * 0.001f - 0.5f;
  }
  for (size_t j = 0; j < c; j++) gamma[j] = 1.0f + 0.01f * (float)(j % 7), beta[j] = 0.1f * (float)(j % 5);
  for (int r = 0; r < reps; r++) {
    k->bn_forward_train(x, y, mean, var, inv_std, gamma, beta, rows, cols, 1e-3f);
    k->bn_backward(x, dy, dx, dgamma, dbeta, mean, inv_std, gamma, rows, cols, work);
  }
  st_mfree(big);
  st_mfree(small);
  return ST_OK;
}
