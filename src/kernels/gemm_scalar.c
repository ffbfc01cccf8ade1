/* gemm_scalar.c — reference single-precision GEMMs in the three layouts a Dense layer needs:
 *   nn: C[M,N] (+)= A[M,K]·B[K,N]       (forward  y = x·W)
 *   tn: C[M,N] (+)= Aᵀ·B, A is [K,M]    (kernel gradient dW = xᵀ·dy)
 *   nt: C[M,N] (+)= A·Bᵀ, B is [N,K]    (input gradient dx = dy·Wᵀ)
 * Plain loops, each C element summed in increasing k; loop order chosen so the innermost
 * loop walks memory contiguously. This is the reference the SIMD kernels are tested against. */
#include "kernels_impl.h"

/* Row i of C: zeroed when overwriting, so NaN/Inf already in C never leak through. */
static void clear_row(float *c, int N) {
  for (int j = 0; j < N; j++) c[j] = 0.0f;
}

/* ---- nn: C[i,j] = Σ_k A[i,k]·B[k,j]; i-k-j order, inner loop along rows of B and C ---- */
void st_gemm_nn__scalar(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                        float *C, int ldc, int accumulate) {
  for (int i = 0; i < M; i++) {
    float *c = C + (size_t)i * ldc;
    if (!accumulate) clear_row(c, N);
    for (int k = 0; k < K; k++) {
      const float a = A[(size_t)i * lda + k];
      const float *b = B + (size_t)k * ldb;
      for (int j = 0; j < N; j++) c[j] += a * b[j];
    }
  }
}

/* ---- tn: C[i,j] = Σ_k A[k,i]·B[k,j]; same order as nn with A read down a column ---- */
void st_gemm_tn__scalar(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                        float *C, int ldc, int accumulate) {
  for (int i = 0; i < M; i++) {
    float *c = C + (size_t)i * ldc;
    if (!accumulate) clear_row(c, N);
    for (int k = 0; k < K; k++) {
      const float a = A[(size_t)k * lda + i];
      const float *b = B + (size_t)k * ldb;
      for (int j = 0; j < N; j++) c[j] += a * b[j];
    }
  }
}

/* ---- nt: C[i,j] = Σ_k A[i,k]·B[j,k]; one dot product of two contiguous rows per element ---- */
void st_gemm_nt__scalar(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                        float *C, int ldc, int accumulate) {
  for (int i = 0; i < M; i++) {
    const float *a = A + (size_t)i * lda;
    float *c = C + (size_t)i * ldc;
    for (int j = 0; j < N; j++) {
      const float *b = B + (size_t)j * ldb;
      float sum = 0.0f;
      for (int k = 0; k < K; k++) sum += a[k] * b[k];
      c[j] = accumulate ? c[j] + sum : sum;
    }
  }
}
