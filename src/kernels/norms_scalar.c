/* norms_scalar.c — scalar reference of update_norms (kernels.h): in one pass over the
 * weights after an update, their copy from before it and the gradient, the sums of squares
 * of the new weights, the old weights, the update (new − old, subtracted in float) and the
 * gradient, in double. The diagnostics' update-to-weight ratio is sqrt(out[2] / out[1]). */
#include "kernels_impl.h"

void st_update_norms__scalar(const float *w, const float *old, const float *g, size_t n, double *out) {
  double sw = 0.0, so = 0.0, sd = 0.0, sg = 0.0;
  for (size_t i = 0; i < n; i++) {
    double d = (double)(w[i] - old[i]);
    sw += (double)w[i] * w[i];
    so += (double)old[i] * old[i];
    sd += d * d;
    sg += (double)g[i] * g[i];
  }
  out[0] = sw;
  out[1] = so;
  out[2] = sd;
  out[3] = sg;
}
