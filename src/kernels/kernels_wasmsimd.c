/* kernels_wasmsimd.c — the table of wasm SIMD128 kernels (see kernels.h); exists only when
 * compiled with -msimd128. */
#include "kernels_impl.h"

#ifdef __wasm_simd128__

const st_kernels st_kernels_wasmsimd = {
    .name = "wasmsimd",
    .gemm_nn = st_gemm_nn__wasmsimd,
    .gemm_tn = st_gemm_tn__wasmsimd,
    .gemm_nt = st_gemm_nt__wasmsimd,
    .bias_add = st_bias_add__wasmsimd,
    .bias_grad = st_bias_grad__wasmsimd,
    .act_forward = st_act_forward__wasmsimd,
    .act_backward = st_act_backward__wasmsimd,
    .bn_forward_train = st_bn_forward_train__wasmsimd,
    .bn_forward_infer = st_bn_forward_infer__wasmsimd,
    .bn_backward = st_bn_backward__wasmsimd,
    ST_WINDOW_TABLE(wasmsimd),
    ST_CELL_TABLE(wasmsimd),
    .update = ST_UPDATE_TABLE(wasmsimd),
    .sum_squares = st_sum_squares__wasmsimd,
    .update_norms = st_update_norms__wasmsimd,
};
#endif
