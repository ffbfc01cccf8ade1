/* library.c — library-level entry points: version, which kernels are active, and the
 * allocation helpers the JS layer uses to place data in wasm memory. */
#include "memory.h"
#include <string.h>

#include "kernels/kernels.h"
#include "simdtrain.h"

ST_API const char *st_version(void) { return ST_VERSION; }

ST_API int st_simd_enabled(void) { return strcmp(st_kernels_active()->name, "wasmsimd") == 0; }

ST_API void *st_alloc(int32_t bytes) { return bytes > 0 ? st_malloc((size_t)bytes) : NULL; }

ST_API void st_free(void *p) { st_mfree(p); }

/* Raw matrix products for benchmarks and tests: form 0 = A·B (A [M,K], B [K,N]),
 * 1 = Aᵀ·B (A stored [K,M]), 2 = A·Bᵀ (B stored [N,K]); C [M,N] is overwritten. */
ST_API int st_matmul(int form, int M, int N, int K, const float *A, const float *B, float *C) {
  const st_kernels *k = st_kernels_active();
  if (M <= 0 || N <= 0 || K <= 0 || !A || !B || !C) return ST_E_ARGUMENT;
  switch (form) {
    case 0: k->gemm_nn(M, N, K, A, K, B, N, C, N, 0); return ST_OK;
    case 1: k->gemm_tn(M, N, K, A, M, B, N, C, N, 0); return ST_OK;
    case 2: k->gemm_nt(M, N, K, A, K, B, K, C, N, 0); return ST_OK;
    default: return ST_E_ARGUMENT;
  }
}
