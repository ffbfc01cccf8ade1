/* bias_scalar.c — reference bias kernels of a Dense layer (y is [rows, cols], row stride cols):
 *   bias_add:  y[r,c] += b[c]                      (forward  y = x·W + b)
 *   bias_grad: db[c] (+)= Σ_r dy[r,c]              (gradient of that sum w.r.t. b) */
#include "kernels_impl.h"

void st_bias_add__scalar(float *y, const float *b, int rows, int cols) {
  for (int r = 0; r < rows; r++) {
    float *yr = y + (size_t)r * cols;
    for (int c = 0; c < cols; c++) yr[c] += b[c];
  }
}

void st_bias_grad__scalar(float *db, const float *dy, int rows, int cols, int accumulate) {
  if (!accumulate)
    for (int c = 0; c < cols; c++) db[c] = 0.0f;
  for (int r = 0; r < rows; r++) {
    const float *dyr = dy + (size_t)r * cols;
    for (int c = 0; c < cols; c++) db[c] += dyr[c];
  }
}
