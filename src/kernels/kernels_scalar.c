/* kernels_scalar.c — the table of scalar reference kernels (see kernels.h). */
#include "kernels_impl.h"

const st_kernels st_kernels_scalar = {
    .name = "scalar",
    .gemm_nn = st_gemm_nn__scalar,
    .gemm_tn = st_gemm_tn__scalar,
    .gemm_nt = st_gemm_nt__scalar,
    .bias_add = st_bias_add__scalar,
    .bias_grad = st_bias_grad__scalar,
    .act_forward = st_act_forward__scalar,
    .act_backward = st_act_backward__scalar,
    .bn_forward_train = st_bn_forward_train__scalar,
    .bn_forward_infer = st_bn_forward_infer__scalar,
    .bn_backward = st_bn_backward__scalar,
    ST_WINDOW_TABLE(scalar),
    ST_CELL_TABLE(scalar),
    .update = ST_UPDATE_TABLE(scalar),
    .sum_squares = st_sum_squares__scalar,
    .update_norms = st_update_norms__scalar,
};
