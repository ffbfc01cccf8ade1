/* batchnorm_scalar.c — scalar reference of the batch-normalization kernels (kernels.h):
 * two-pass per-column statistics (mean, then biased variance of the deviations, accumulated
 * in float in row order), the affine normalisation, and the closed-form backward
 *   dx = gamma*inv_std/N * (N*dy - Σdy - xhat*Σ(dy*xhat)),
 * derived from the forward in keras-semantics.md §3 and checked by finite differences. */
#include <math.h>
#include <stddef.h>

#include "kernels_impl.h"

void st_bn_forward_train__scalar(const float *x, float *y, float *mean, float *var, float *inv_std,
                                 const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  for (int c = 0; c < cols; c++) {
    float sum = 0.0f;
    for (int r = 0; r < rows; r++) sum += x[(size_t)r * cols + c];
    float mu = sum / (float)rows, sq = 0.0f;
    for (int r = 0; r < rows; r++) {
      float d = x[(size_t)r * cols + c] - mu;
      sq += d * d;
    }
    mean[c] = mu;
    var[c] = sq / (float)rows;
    inv_std[c] = 1.0f / sqrtf(var[c] + epsilon);
  }
  for (int r = 0; r < rows; r++) {
    for (int c = 0; c < cols; c++) {
      size_t i = (size_t)r * cols + c;
      float xhat = (x[i] - mean[c]) * inv_std[c];
      y[i] = (gamma ? gamma[c] : 1.0f) * xhat + (beta ? beta[c] : 0.0f);
    }
  }
}

void st_bn_forward_infer__scalar(const float *x, float *y, const float *mean, const float *var,
                                 const float *gamma, const float *beta, int rows, int cols, float epsilon) {
  for (int r = 0; r < rows; r++) {
    for (int c = 0; c < cols; c++) {
      size_t i = (size_t)r * cols + c;
      float xhat = (x[i] - mean[c]) * (1.0f / sqrtf(var[c] + epsilon));
      y[i] = (gamma ? gamma[c] : 1.0f) * xhat + (beta ? beta[c] : 0.0f);
    }
  }
}

void st_bn_backward__scalar(const float *x, const float *dy, float *dx, float *dgamma, float *dbeta,
                            const float *mean, const float *inv_std, const float *gamma, int rows, int cols) {
  for (int c = 0; c < cols; c++) {
    float sum_dy = 0.0f, sum_dy_xhat = 0.0f;
    for (int r = 0; r < rows; r++) {
      size_t i = (size_t)r * cols + c;
      float xhat = (x[i] - mean[c]) * inv_std[c];
      sum_dy += dy[i];
      sum_dy_xhat += dy[i] * xhat;
    }
    if (dbeta) dbeta[c] = sum_dy;
    if (dgamma) dgamma[c] = sum_dy_xhat;
    if (!dx) continue;
    float n = (float)rows, k = (gamma ? gamma[c] : 1.0f) * inv_std[c] / n;
    for (int r = 0; r < rows; r++) {
      size_t i = (size_t)r * cols + c;
      float xhat = (x[i] - mean[c]) * inv_std[c];
      dx[i] = k * (n * dy[i] - sum_dy - xhat * sum_dy_xhat);
    }
  }
}
