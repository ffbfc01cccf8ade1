/* select.c — the one place that chooses the kernel table: wasm SIMD128 when the build has
 * -msimd128 (__wasm_simd128__), the scalar reference otherwise. */
#include "kernels_impl.h"

const st_kernels *st_kernels_active(void) {
#ifdef __wasm_simd128__
  return &st_kernels_wasmsimd;
#else
  return &st_kernels_scalar;
#endif
}
