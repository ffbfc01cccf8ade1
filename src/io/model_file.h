/* model_file.h — the simdtrain model file container (format: docs/model-format.md).
 *
 *   magic "SIMDTRN\0" | u32 version | sections: tag[4] u32 length payload... | u32 CRC-32
 *   sections, in this order: CONF (JSON), RNGS, OPTS (optional), WGHT
 *
 * st_model_file_parse validates the whole container without allocating: magic, version,
 * every tag, length and count against the bytes present and against fixed limits, the
 * values (finite floats, odd PCG increments, sane optimizer scalars) and the checksum.
 * The JSON config is left to the caller (JS), which derives the weight shapes from it and
 * then decodes the binary sections into buffers it owns with the st_model_file_read_*
 * functions; each re-validates the file and checks the caller's counts and sizes against
 * the file before writing anything. All integers little-endian; sizes are int32 because
 * the JS side passes them. */
#ifndef ST_IO_MODEL_FILE_H
#define ST_IO_MODEL_FILE_H

#include <stdint.h>

#include "../simdtrain.h"

#define ST_MODEL_FILE_VERSION 1
#define ST_MODEL_FILE_MAX_BYTES (1 << 30)     /* 1 GiB */
#define ST_MODEL_FILE_MAX_CONFIG (1 << 20)    /* 1 MiB of JSON */
#define ST_MODEL_FILE_MAX_RNGS 257            /* the model's + one per layer (256 layers) */
#define ST_MODEL_FILE_MAX_ARRAYS 1024         /* weight arrays (256 layers x 4) and optimizer arrays */
#define ST_MODEL_FILE_MAX_SLOTS 3

/* Fields of the info array filled by st_model_file_parse. */
enum {
  ST_FILE_VERSION = 0,
  ST_FILE_CONFIG_OFFSET = 1,
  ST_FILE_CONFIG_LENGTH = 2,
  ST_FILE_RNG_COUNT = 3,
  ST_FILE_HAS_OPTIMIZER = 4,
  ST_FILE_OPT_KIND = 5,
  ST_FILE_OPT_SLOT_COUNT = 6,
  ST_FILE_OPT_ARRAY_COUNT = 7,
  ST_FILE_OPT_FLOATS = 8,
  ST_FILE_WEIGHT_COUNT = 9,
  ST_FILE_WEIGHT_FLOATS = 10,
  ST_FILE_INFO_COUNT = 11
};

ST_API int st_model_file_parse(const uint8_t *bytes, int32_t size, int32_t *info);
/* Element counts of the weight arrays (which = 0) or the optimizer's arrays (which = 1)
 * into dest (capacity entries). */
ST_API int st_model_file_sizes(const uint8_t *bytes, int32_t size, int which, int32_t *dest, int capacity);
/* Check count and sizes against the weights section; with dest != NULL decode weight i
 * into dest[i] (sizes[i] floats). dest == NULL only checks. */
ST_API int st_model_file_read_weights(const uint8_t *bytes, int32_t size, int count, const int32_t *sizes,
                                      float *const *dest);
/* count PCG32 states into dest: 4 u32 each (state low, state high, inc low, inc high). */
ST_API int st_model_file_read_rngs(const uint8_t *bytes, int32_t size, int count, uint32_t *dest);
/* Check the optimizer section against kind, slot count and array sizes; scalars receives
 * iterations and u_product, slots every slot float in the core's layout (per array, slot
 * k's sizes[i] floats after slots 0..k-1). */
ST_API int st_model_file_read_optimizer(const uint8_t *bytes, int32_t size, int kind, int slot_count, int count,
                                        const int32_t *sizes, double *scalars, float *slots);

#endif
