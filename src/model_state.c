/* model_state.c — the model's random generator states for model files: the model's own
 * PCG32 stream (initialisation and fit's shuffling) and each layer's (dropout masks), so a
 * loaded model continues the exact random sequence of the saved one. */
#include "error.h"
#include "model.h"

static st_rng *rng_at(st_model *m, int layer) {
  if (!m || layer < -1 || layer >= m->layer_count) return NULL;
  return layer < 0 ? &m->rng : &m->layers[layer].rng;
}

/* layer -1: the model's generator; else that layer's. out: state low, high, inc low, high. */
ST_API int st_model_rng_get(st_model *m, int layer, uint32_t *out) {
  st_rng *rng = rng_at(m, layer);
  if (!rng || !out) return st_fail(ST_E_ARGUMENT, "random generator %d does not exist", layer);
  out[0] = (uint32_t)rng->state, out[1] = (uint32_t)(rng->state >> 32);
  out[2] = (uint32_t)rng->inc, out[3] = (uint32_t)(rng->inc >> 32);
  return ST_OK;
}

ST_API int st_model_rng_set(st_model *m, int layer, const uint32_t *in) {
  st_rng *rng = rng_at(m, layer);
  if (!rng || !in) return st_fail(ST_E_ARGUMENT, "random generator %d does not exist", layer);
  if ((in[2] & 1u) == 0) return st_fail(ST_E_ARGUMENT, "random generator %d: a PCG32 increment must be odd", layer);
  rng->state = (uint64_t)in[0] | (uint64_t)in[1] << 32;
  rng->inc = (uint64_t)in[2] | (uint64_t)in[3] << 32;
  return ST_OK;
}
