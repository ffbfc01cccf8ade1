/* batchnorm_scalar.c — scalar reference of the batch-normalization kernels (kernels.h):
 * two-pass per-column statistics (mean, then biased variance of the deviations, accumulated
 * in float in row order), the affine normalisation, and the closed-form backward
 *   dx = gamma*inv_std/N * (N*dy - Σdy - xhat*Σ(dy*xhat)),
 * derived from the forward in docs/keras-semantics.md §3 and checked by finite differences.
 *
 * Memory order: every pass sweeps the batch row by row (contiguous), adding each row into
 * per-column accumulators (mean, var, or the caller's scratch in the backward), so each
 * column is still summed in row order — the same order batchnorm_wasmsimd.c uses, which
 * keeps the two bit-identical. Walking a column down the rows instead (stride cols*4 bytes)
 * thrashes L1 when that stride is a multiple of 4 KiB. The passes that need a per-column
 * constant that is not stored anywhere (inference's 1/sqrt(var + eps), the backward's
 * gamma*inv_std/N) compute it for a strip of ST_BN_STRIP columns into a small stack array
 * and sweep the rows of that strip. */
#include <math.h>
#include <stddef.h>

#include "kernels_impl.h"

void st_bn_forward_train__scalar(const float *x, float *y, float *mean, float *var, float *inv_std,
                                 const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  const float n = (float)rows;
  for (int c = 0; c < cols; c++) mean[c] = 0.0f;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
    for (int c = 0; c < cols; c++) mean[c] += xr[c];
  }
  for (int c = 0; c < cols; c++) {
    mean[c] = mean[c] / n;
    var[c] = 0.0f;
  }
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
    for (int c = 0; c < cols; c++) {
      float d = xr[c] - mean[c];
      var[c] += d * d;
    }
  }
  for (int c = 0; c < cols; c++) {
    var[c] = var[c] / n;
    inv_std[c] = 1.0f / sqrtf(var[c] + epsilon);
  }
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
    float *yr = y + (size_t)r * cols;
    for (int c = 0; c < cols; c++) {
      float xhat = (xr[c] - mean[c]) * inv_std[c];
      yr[c] = (gamma ? gamma[c] : 1.0f) * xhat + (beta ? beta[c] : 0.0f);
    }
  }
}

void st_bn_forward_infer__scalar(const float *x, float *y, const float *mean, const float *var,
                                 const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  float inv[ST_BN_STRIP];
  for (int c0 = 0; c0 < cols; c0 += ST_BN_STRIP) {
    const int w = cols - c0 < ST_BN_STRIP ? cols - c0 : ST_BN_STRIP;
    for (int j = 0; j < w; j++) inv[j] = 1.0f / sqrtf(var[c0 + j] + epsilon);
    for (int r = 0; r < rows; r++) {
      const float *xr = x + (size_t)r * cols + c0;
      float *yr = y + (size_t)r * cols + c0;
      for (int j = 0; j < w; j++) {
        const int c = c0 + j;
        float xhat = (xr[j] - mean[c]) * inv[j];
        yr[j] = (gamma ? gamma[c] : 1.0f) * xhat + (beta ? beta[c] : 0.0f);
      }
    }
  }
}

void st_bn_backward__scalar(const float *x, const float *dy, float *dx, float *dgamma, float *dbeta,
                            const float *mean, const float *inv_std, const float *gamma, int rows, int cols,
                            float *scratch) {
  float *sum_dy = scratch, *sum_dy_xhat = scratch + cols;
  for (int c = 0; c < cols; c++) sum_dy[c] = sum_dy_xhat[c] = 0.0f;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols, *dyr = dy + (size_t)r * cols;
    for (int c = 0; c < cols; c++) {
      float xhat = (xr[c] - mean[c]) * inv_std[c];
      sum_dy[c] += dyr[c];
      sum_dy_xhat[c] += dyr[c] * xhat;
    }
  }
  for (int c = 0; c < cols; c++) {
    if (dbeta) dbeta[c] = sum_dy[c];
    if (dgamma) dgamma[c] = sum_dy_xhat[c];
  }
  if (!dx) return;
  const float n = (float)rows;
  float k[ST_BN_STRIP];
  for (int c0 = 0; c0 < cols; c0 += ST_BN_STRIP) {
    const int w = cols - c0 < ST_BN_STRIP ? cols - c0 : ST_BN_STRIP;
    for (int j = 0; j < w; j++) k[j] = (gamma ? gamma[c0 + j] : 1.0f) * inv_std[c0 + j] / n;
    for (int r = 0; r < rows; r++) {
      const size_t o = (size_t)r * cols + c0;
      const float *xr = x + o, *dyr = dy + o;
      float *dxr = dx + o;
      for (int j = 0; j < w; j++) {
        const int c = c0 + j;
        float xhat = (xr[j] - mean[c]) * inv_std[c];
        dxr[j] = k[j] * (n * dyr[j] - sum_dy[c] - xhat * sum_dy_xhat[c]);
      }
    }
  }
}
