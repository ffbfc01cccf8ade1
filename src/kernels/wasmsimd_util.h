/* wasmsimd_util.h — small inline helpers shared by the *_wasmsimd.c kernels.
 *
 * Partial vectors: load/store the first n (1..4) floats of a v128 without touching memory
 * beyond them (v128.load32_zero/load64_zero/load32_lane and store32/64_lane), so tails are
 * vectorised without the padded-buffer contract XNNPACK's out-of-bounds reads need. */
#ifndef ST_WASMSIMD_UTIL_H
#define ST_WASMSIMD_UTIL_H
#ifdef __wasm_simd128__
#include <wasm_simd128.h>

#define ST_ALWAYS_INLINE static inline __attribute__((always_inline))

/* First n floats of p, zeros in lanes n..3. */
ST_ALWAYS_INLINE v128_t st__load_n(const float *p, int n) {
  switch (n) {
    case 1: return wasm_v128_load32_zero(p);
    case 2: return wasm_v128_load64_zero(p);
    case 3: return wasm_v128_load32_lane(p + 2, wasm_v128_load64_zero(p), 2);
    default: return wasm_v128_load(p);
  }
}

/* Store lanes 0..n-1 of v to p. */
ST_ALWAYS_INLINE void st__store_n(float *p, v128_t v, int n) {
  switch (n) {
    case 1: wasm_v128_store32_lane(p, v, 0); break;
    case 2: wasm_v128_store64_lane(p, v, 0); break;
    case 3:
      wasm_v128_store64_lane(p, v, 0);
      wasm_v128_store32_lane(p + 2, v, 2);
      break;
    default: wasm_v128_store(p, v);
  }
}

#endif
#endif
