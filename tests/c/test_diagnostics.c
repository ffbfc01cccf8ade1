/* test_diagnostics.c — st_output_stats (diagnostics.c) on small outputs whose statistics are
 * worked out by hand:
 *   - saturation counts every (unit, sample) activation whose slope, from the output, is below
 *     1% of the activation's peak slope: sigmoid y(1 - y) < 0.0025, tanh 1 - y² < 0.01 —
 *     including values just either side of the threshold; a unit saturated on some samples only
 *     still counts on those (the former per-unit, all-samples count would give 1/3 below);
 *   - a ReLU unit is dead when it outputs 0 on every sample of the batch;
 *   - each fraction is NaN for the activations it does not apply to; mean and (biased)
 *     standard deviation of the whole output. */
#include "check.h"
#include "model.h"

static void stats(const float *y, int rows, int cols, int activation, float out[ST_LAYER_STATS]) {
  for (int i = 0; i < ST_LAYER_STATS; i++) out[i] = -1.0f;
  st_output_stats(y, rows, cols, activation, out);
}

int main(void) {
  float out[ST_LAYER_STATS];

  /* sigmoid, 2 samples × 3 units. Slopes y(1 - y):
   *   0.5 → 0.25 (no), 0.999 → 0.000999 (yes), 0.001 → 0.000999 (yes),
   *   0.9975 → 0.00249 (yes, just below 0.0025), 0.0026 → 0.00259 (no, just above), 0.0024 → 0.00239 (yes)
   * so 4 of 6 activations; only unit 3 is saturated on both samples. */
  const float sig[] = {0.5f, 0.999f, 0.001f, 0.9975f, 0.0026f, 0.0024f};
  stats(sig, 2, 3, ST_ACT_SIGMOID, out);
  CHECK(close_enough(out[3], 4.0 / 6.0, 1e-6, 0), "sigmoid saturated fraction %.9g, expected 4/6", out[3]);
  CHECK(isnan(out[2]), "sigmoid has no dead fraction, got %g", out[2]);

  /* tanh, 2 × 2. Slopes 1 - y²: 0 → 1 (no), 0.996 → 0.00798 (yes), -0.999 → 0.0020 (yes),
   * 0.994 → 0.01196 (no, just above 0.01): 2 of 4. */
  const float th[] = {0.0f, 0.996f, -0.999f, 0.994f};
  stats(th, 2, 2, ST_ACT_TANH, out);
  CHECK(close_enough(out[3], 0.5, 1e-6, 0), "tanh saturated fraction %.9g, expected 0.5", out[3]);

  /* ReLU, 3 × 3: unit 0 is 0 on every sample (dead), unit 1 is positive once, unit 2 twice. */
  const float relu[] = {0, 1, 0, 0, 0, 0, 0, 2, 3};
  stats(relu, 3, 3, ST_ACT_RELU, out);
  CHECK(close_enough(out[2], 1.0 / 3.0, 1e-6, 0), "relu dead fraction %.9g, expected 1/3", out[2]);
  CHECK(isnan(out[3]), "relu has no saturated fraction, got %g", out[3]);
  /* mean 6/9; E[y²] = 14/9, so std = sqrt(14/9 - 36/81) = sqrt(90)/9. */
  CHECK(close_enough(out[0], 6.0 / 9.0, 1e-6, 0), "mean %.9g", out[0]);
  CHECK(close_enough(out[1], sqrt(90.0) / 9.0, 1e-6, 0), "std %.9g", out[1]);

  /* A linear output has neither fraction. */
  stats(relu, 3, 3, ST_ACT_LINEAR, out);
  CHECK(isnan(out[2]) && isnan(out[3]), "linear: %g %g", out[2], out[3]);
  return check_report("test_diagnostics");
}
