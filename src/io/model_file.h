/* model_file.h — the simdtrain model file container (format: docs/model-format.md).
 *
 *   magic "SIMDTRN\0" | u32 version | sections: tag[4] u32 length payload... | u32 CRC-32
 *   sections, in this order: CONF (JSON), RNGS, OPTS (optional), WGHT
 *
 * A file is parsed and checked once into an st_model_file handle. The JSON config is left
 * to the caller (JS), which derives the weight shapes from it and then decodes the binary
 * sections into buffers it owns with the st_model_file_read_* functions; each checks the
 * caller's counts and sizes against the file before writing anything. All integers
 * little-endian; sizes are int32 because the JS side passes them. */
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

/* ---- a parsed file ----
 * st_model_file_open checks the whole container once, without allocating anything but the
 * handle: magic, version, every tag, length and count against the bytes present and the
 * limits above, the checksum, then the values (finite floats, odd PCG increments, sane
 * optimizer scalars). It returns NULL (st_error_message says why) on any failure. The
 * handle points into `bytes`: the caller keeps them alive and unchanged until
 * st_model_file_close. The getters read the parsed header (0 for a NULL handle); the
 * readers decode from the handle without parsing or checking the checksum again, after
 * checking the caller's counts and sizes against the file. */
typedef struct st_model_file st_model_file;

ST_API st_model_file *st_model_file_open(const uint8_t *bytes, int32_t size);
ST_API void st_model_file_close(st_model_file *f);
/* The JSON config: its offset in bytes and its length. */
ST_API int32_t st_model_file_config_offset(const st_model_file *f);
ST_API int32_t st_model_file_config_length(const st_model_file *f);
/* Random generator states (the model's, then one per random layer). */
ST_API int32_t st_model_file_rng_count(const st_model_file *f);
/* Optimizer section: present (0/1), kind (ST_OPT_*), slots per array, arrays, slot floats. */
ST_API int32_t st_model_file_has_optimizer(const st_model_file *f);
ST_API int32_t st_model_file_optimizer_kind(const st_model_file *f);
ST_API int32_t st_model_file_optimizer_slot_count(const st_model_file *f);
ST_API int32_t st_model_file_optimizer_arrays(const st_model_file *f);
ST_API int32_t st_model_file_optimizer_floats(const st_model_file *f);
/* Weight arrays and their floats in all. */
ST_API int32_t st_model_file_weight_count(const st_model_file *f);
ST_API int32_t st_model_file_weight_floats(const st_model_file *f);
/* Element count of weight array i / optimizer array i (-1 when i is out of range). */
ST_API int32_t st_model_file_weight_size(const st_model_file *f, int32_t i);
ST_API int32_t st_model_file_optimizer_size(const st_model_file *f, int32_t i);
/* Check count and sizes against the weights section; with dest != NULL decode weight i
 * into dest[i] (sizes[i] floats). dest == NULL only checks. */
ST_API int st_model_file_read_weights(const st_model_file *f, int count, const int32_t *sizes, float *const *dest);
/* Check count against the file; with dest != NULL decode count PCG32 states into it, 4 u32
 * each (state low, state high, inc low, inc high). dest == NULL only checks. */
ST_API int st_model_file_read_rngs(const st_model_file *f, int count, uint32_t *dest);
/* Check the optimizer section against kind, slot count and array sizes; with scalars !=
 * NULL, scalars receives iterations and u_product, slots every slot float in the core's
 * layout (per array, slot k's sizes[i] floats after slots 0..k-1). scalars == NULL only
 * checks. */
ST_API int st_model_file_read_optimizer(const st_model_file *f, int kind, int slot_count, int count,
                                        const int32_t *sizes, double *scalars, float *slots);

#endif
