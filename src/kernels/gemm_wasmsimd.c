/* gemm_wasmsimd.c — wasm SIMD128 GEMMs (nn, tn, nt) with register-tiled micro-kernels.
 *
 * nn and tn share one "splat" micro-kernel (XNNPACK f32-gemm-4x8-wasmsimd-splat): a tile of
 * MR×8 C values lives in 2·MR v128 accumulators; per k one row of B[k, j:j+8] is loaded as two
 * vectors and every A element is broadcast (v128.load32_splat) and multiplied in. nn and tn
 * differ only in the strides used to address A(i,k). nt uses a dot-product tile: MR rows of A
 * and 4 rows of B are read along k four at a time into MR×4 accumulators, which a transpose-
 * reduce turns into MR vectors of 4 consecutive C values at the end.
 * No FMA (relaxed SIMD is rejected by Node 20): every step is f32x4.mul then f32x4.add.
 * Full 8-column panels of B are first copied to a contiguous stack buffer (K in blocks of
 * PACK_KC), so power-of-two leading dimensions do not thrash L1; tn also copies blocks of A
 * (PACK_MC rows) into row tiles, since its A(i,k) for one tile lie a whole row apart.
 * Edges: partial column groups use load32/64_zero + lane loads/stores, never reading or writing
 * outside the matrices; row remainders call the same kernel with a smaller MR constant.
 * Tiles measured in Node 20 (V8, x86-64, 16 xmm registers): 4×8 splat and 2×4 dot were best;
 * 5×8/6×8, 3×4/4×4 dot tiles and unrolling k were equal or slower (V8 spills accumulators). */
#include "kernels_impl.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#include "wasmsimd_util.h"

enum { SPLAT_MR = 4, DOT_MR = 2 };
/* Panels of B are packed for M >= PACK_MIN_M rows (below that the copy costs more than the
 * misses it saves), PACK_KC rows of K at a time (an 8 KiB stack buffer). */
enum { PACK_MIN_M = 16, PACK_KC = 256, PACK_MC = 64 };

/* Write an accumulator to C (n lanes), adding the old C values when accumulating. */
ST_ALWAYS_INLINE void store_c(float *c, v128_t v, int n, int accumulate) {
  if (accumulate) v = wasm_f32x4_add(v, st__load_n(c, n));
  st__store_n(c, v, n);
}

/* ---- splat micro-kernel (nn, tn) ----
 * C[0:mr, 0:4·nv] (+)= Σ_k A(i,k)·B[k, :] with A(i,k) = a[i·a_rs + k·a_ks].
 * mr (1..SPLAT_MR), nv (1..2 vectors) and nlast (lanes used in the last vector, 1..4) are
 * compile-time constants at every call site, so each combination becomes its own loop. */
ST_ALWAYS_INLINE void splat_tile(int mr, int nv, int nlast, int K, const float *a, size_t a_rs,
                                 size_t a_ks, const float *b, size_t ldb, float *c, size_t ldc,
                                 int accumulate) {
  v128_t acc[SPLAT_MR][2];
  for (int i = 0; i < mr; i++) acc[i][0] = acc[i][1] = wasm_f32x4_splat(0.0f);
  for (int k = 0; k < K; k++) {
    v128_t vb[2];
    vb[0] = st__load_n(b, nv == 1 ? nlast : 4);
    vb[1] = nv == 2 ? st__load_n(b + 4, nlast) : vb[0];
    for (int i = 0; i < mr; i++) {
      const v128_t va = wasm_v128_load32_splat(a + i * a_rs);
      for (int v = 0; v < nv; v++) acc[i][v] = wasm_f32x4_add(acc[i][v], wasm_f32x4_mul(va, vb[v]));
    }
    a += a_ks;
    b += ldb;
  }
  for (int i = 0; i < mr; i++) {
    float *ci = c + i * ldc;
    for (int v = 0; v < nv; v++) store_c(ci + 4 * v, acc[i][v], v == nv - 1 ? nlast : 4, accumulate);
  }
}

/* One column panel (nv vectors, nlast lanes in the last) over all M rows. Row i's tile starts
 * at A + i·a_ts: a_ts = a_rs for A in place, the packed tile length / SPLAT_MR for packed A. */
ST_ALWAYS_INLINE void splat_panel(int nv, int nlast, int M, int K, const float *A, size_t a_rs,
                                  size_t a_ks, size_t a_ts, const float *b, size_t ldb, float *c,
                                  size_t ldc, int accumulate) {
  int i = 0;
  for (; i + SPLAT_MR <= M; i += SPLAT_MR)
    splat_tile(SPLAT_MR, nv, nlast, K, A + i * a_ts, a_rs, a_ks, b, ldb, c + i * ldc, ldc, accumulate);
  const float *a = A + i * a_ts;
  c += i * ldc;
  switch (M - i) {
    case 1: splat_tile(1, nv, nlast, K, a, a_rs, a_ks, b, ldb, c, ldc, accumulate); break;
    case 2: splat_tile(2, nv, nlast, K, a, a_rs, a_ks, b, ldb, c, ldc, accumulate); break;
    case 3: splat_tile(3, nv, nlast, K, a, a_rs, a_ks, b, ldb, c, ldc, accumulate); break;
    default: break;
  }
}

/* C[M,N] (+)= A(i,k)·B[K,N] over column panels of 8; a last 5..7 columns go in one pass of
 * the 8-wide tile with a partial second vector, 1..4 columns in one pass of the 4-wide one.
 * (Conv2D's 6 filters: one pass over A instead of a 4-wide and a 2-wide one, 0.38 → 0.27 ms
 * for LeNet's first layer at batch 32, M = 25088, K = 25.) */
static void splat_gemm(int M, int N, int K, const float *A, size_t a_rs, size_t a_ks, size_t a_ts,
                       const float *B, size_t ldb, float *C, size_t ldc, int accumulate) {
  int j = 0;
  for (; j + 8 <= N; j += 8) {
    if (M < PACK_MIN_M) {
      splat_panel(2, 4, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate);
      continue;
    }
    /* Copy the panel B[k0:k0+kc, j:j+8] into a contiguous stack buffer first: with a
     * power-of-two ldb the panel's rows would otherwise share a few L1 sets and evict each
     * other while every row block of A streams past them. */
    float packed[PACK_KC * 8];
    for (int k0 = 0; k0 < K; k0 += PACK_KC) {
      int kc = K - k0 < PACK_KC ? K - k0 : PACK_KC;
      const float *b = B + (size_t)k0 * ldb + j;
      for (int k = 0; k < kc; k++) {
        wasm_v128_store(packed + 8 * k, wasm_v128_load(b + (size_t)k * ldb));
        wasm_v128_store(packed + 8 * k + 4, wasm_v128_load(b + (size_t)k * ldb + 4));
      }
      splat_panel(2, 4, M, kc, A + (size_t)k0 * a_ks, a_rs, a_ks, a_ts, packed, 8, C + j, ldc, accumulate || k0 > 0);
    }
  }
  switch (N - j) {
    case 7: splat_panel(2, 3, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    case 6: splat_panel(2, 2, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    case 5: splat_panel(2, 1, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    case 4: splat_panel(1, 4, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    case 1: splat_panel(1, 1, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    case 2: splat_panel(1, 2, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    case 3: splat_panel(1, 3, M, K, A, a_rs, a_ks, a_ts, B + j, ldb, C + j, ldc, accumulate); break;
    default: break;
  }
}

void st_gemm_nn__wasmsimd(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                          float *C, int ldc, int accumulate) {
  /* A(i,k) = A[i·lda + k] */
  splat_gemm(M, N, K, A, (size_t)lda, 1, (size_t)lda, B, (size_t)ldb, C, (size_t)ldc, accumulate);
}

/* Copy A(i0.., k0..) of a [K,M]-stored A, mc rows by kc, into tiles of SPLAT_MR rows: tile t
 * holds kc groups of SPLAT_MR floats, so the micro-kernel reads it as one contiguous stream. */
static void pack_a_tn(int mc, int kc, const float *a, size_t lda, float *packed) {
  for (int i = 0; i < mc; i += SPLAT_MR, packed += (size_t)SPLAT_MR * kc) {
    const int rows = mc - i < SPLAT_MR ? mc - i : SPLAT_MR;
    for (int k = 0; k < kc; k++) wasm_v128_store(packed + SPLAT_MR * k, st__load_n(a + k * lda + i, rows));
  }
}

void st_gemm_tn__wasmsimd(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                          float *C, int ldc, int accumulate) {
  /* A is stored [K,M]: A(i,k) = A[k·lda + i]. */
  if (M < PACK_MIN_M) {
    splat_gemm(M, N, K, A, 1, (size_t)lda, 1, B, (size_t)ldb, C, (size_t)ldc, accumulate);
    return;
  }
  /* Read in place, a row tile's K values lie lda apart: with a power-of-two lda they share a
   * few L1 sets and are evicted before the next column panel reuses them. Packed, they are a
   * contiguous stream. */
  float packed[PACK_MC * PACK_KC];
  for (int i0 = 0; i0 < M; i0 += PACK_MC) {
    const int mc = M - i0 < PACK_MC ? M - i0 : PACK_MC;
    for (int k0 = 0; k0 < K; k0 += PACK_KC) {
      const int kc = K - k0 < PACK_KC ? K - k0 : PACK_KC;
      pack_a_tn(mc, kc, A + (size_t)k0 * lda + i0, (size_t)lda, packed);
      splat_gemm(mc, N, kc, packed, 1, SPLAT_MR, kc, B + (size_t)k0 * ldb, (size_t)ldb,
                 C + (size_t)i0 * ldc, (size_t)ldc, accumulate || k0 > 0);
    }
  }
}

/* ---- dot-product micro-kernel (nt) ---- */

/* [Σ a0, Σ a1, Σ a2, Σ a3]: 4×4 transpose folded into two rounds of adds. */
ST_ALWAYS_INLINE v128_t hsum4(v128_t a0, v128_t a1, v128_t a2, v128_t a3) {
  const v128_t s01 = wasm_f32x4_add(wasm_i32x4_shuffle(a0, a1, 0, 4, 1, 5),
                                    wasm_i32x4_shuffle(a0, a1, 2, 6, 3, 7));
  const v128_t s23 = wasm_f32x4_add(wasm_i32x4_shuffle(a2, a3, 0, 4, 1, 5),
                                    wasm_i32x4_shuffle(a2, a3, 2, 6, 3, 7));
  return wasm_f32x4_add(wasm_i32x4_shuffle(s01, s23, 0, 1, 4, 5),
                        wasm_i32x4_shuffle(s01, s23, 2, 3, 6, 7));
}

/* acc[i][j] += A[i, k:k+kn]·B[j, k:k+kn] lane-wise, kn (1..4) lanes, zeros beyond. */
ST_ALWAYS_INLINE void dot_step(int mr, int nr, int kn, const float *a, size_t lda, const float *b,
                               size_t ldb, v128_t acc[DOT_MR][4]) {
  v128_t vb[4];
  for (int j = 0; j < nr; j++) vb[j] = st__load_n(b + j * ldb, kn);
  for (int i = 0; i < mr; i++) {
    const v128_t va = st__load_n(a + i * lda, kn);
    for (int j = 0; j < nr; j++) acc[i][j] = wasm_f32x4_add(acc[i][j], wasm_f32x4_mul(va, vb[j]));
  }
}

/* C[0:mr, 0:nr] (+)= A[0:mr, :]·B[0:nr, :]ᵀ; mr ≤ DOT_MR and nr ≤ 4 are constants. */
ST_ALWAYS_INLINE void dot_tile(int mr, int nr, int K, const float *a, size_t lda, const float *b,
                               size_t ldb, float *c, size_t ldc, int accumulate) {
  v128_t acc[DOT_MR][4];
  for (int i = 0; i < DOT_MR; i++)
    for (int j = 0; j < 4; j++) acc[i][j] = wasm_f32x4_splat(0.0f);
  int k = 0;
  for (; k + 4 <= K; k += 4) dot_step(mr, nr, 4, a + k, lda, b + k, ldb, acc);
  switch (K - k) {
    case 1: dot_step(mr, nr, 1, a + k, lda, b + k, ldb, acc); break;
    case 2: dot_step(mr, nr, 2, a + k, lda, b + k, ldb, acc); break;
    case 3: dot_step(mr, nr, 3, a + k, lda, b + k, ldb, acc); break;
    default: break;
  }
  for (int i = 0; i < mr; i++)
    store_c(c + i * ldc, hsum4(acc[i][0], acc[i][1], acc[i][2], acc[i][3]), nr, accumulate);
}

/* nr columns of C (4 rows of B) over all M rows. */
ST_ALWAYS_INLINE void dot_panel(int nr, int M, int K, const float *A, size_t lda, const float *b,
                                size_t ldb, float *c, size_t ldc, int accumulate) {
  int i = 0;
  for (; i + DOT_MR <= M; i += DOT_MR)
    dot_tile(DOT_MR, nr, K, A + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
  if (i < M) dot_tile(1, nr, K, A + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
}

void st_gemm_nt__wasmsimd(int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                          float *C, int ldc, int accumulate) {
  const size_t sa = (size_t)lda, sb = (size_t)ldb, sc = (size_t)ldc;
  int j = 0;
  for (; j + 4 <= N; j += 4) dot_panel(4, M, K, A, sa, B + j * sb, sb, C + j, sc, accumulate);
  switch (N - j) {
    case 1: dot_panel(1, M, K, A, sa, B + j * sb, sb, C + j, sc, accumulate); break;
    case 2: dot_panel(2, M, K, A, sa, B + j * sb, sb, C + j, sc, accumulate); break;
    case 3: dot_panel(3, M, K, A, sa, B + j * sb, sb, C + j, sc, accumulate); break;
    default: break;
  }
}

#endif /* __wasm_simd128__ */
