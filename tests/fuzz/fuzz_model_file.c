/* fuzz_model_file.c — libFuzzer target for the model file parser (src/io/model_file.c).
 * Every input goes through st_model_file_parse; inputs it accepts are then decoded with
 * the sizes the file itself declares (weights, random generators, optimizer state) into
 * exactly sized heap buffers, so ASan sees any read or write past what was validated.
 * Each input runs twice: as given, and with its last 4 bytes replaced by the right CRC-32,
 * so mutations get past the checksum and reach the value checks behind it.
 * Build and run: node scripts/fuzz.mjs (clang -g -O1 -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/model_file.h"
#include "io/reader.h"

static void exercise(uint8_t *bytes, size_t size) {
  int32_t n = (int32_t)size;
  int32_t info[ST_FILE_INFO_COUNT];
  if (st_model_file_parse(bytes, n, info) != ST_OK) {
    /* A failure must leave a message. */
    if (st_error_message()[0] == 0) abort();
    return;
  }
  if (info[ST_FILE_CONFIG_OFFSET] + info[ST_FILE_CONFIG_LENGTH] > n) abort();

  /* Weights: sizes from the file, one exact buffer per array. */
  int count = info[ST_FILE_WEIGHT_COUNT];
  int32_t *sizes = malloc(sizeof *sizes * (size_t)(count + 1));
  float **dest = calloc((size_t)count + 1, sizeof *dest);
  if (st_model_file_sizes(bytes, n, 0, sizes, count) != ST_OK) abort();
  int64_t total = 0;
  for (int i = 0; i < count; i++) {
    total += sizes[i];
    dest[i] = malloc(sizeof(float) * (size_t)sizes[i]);
  }
  if (total != info[ST_FILE_WEIGHT_FLOATS]) abort();
  if (st_model_file_read_weights(bytes, n, count, sizes, dest) != ST_OK) abort();
  /* A wrong count or size must be refused. */
  if (count > 0) {
    sizes[0]++;
    if (st_model_file_read_weights(bytes, n, count, sizes, NULL) == ST_OK) abort();
    sizes[0]--;
  }
  if (st_model_file_read_weights(bytes, n, count + 1, sizes, NULL) == ST_OK) abort();
  for (int i = 0; i < count; i++) free(dest[i]);
  free(dest);
  free(sizes);

  /* Random generator states. */
  int rngs = info[ST_FILE_RNG_COUNT];
  uint32_t *states = malloc(sizeof *states * 4u * (size_t)rngs);
  if (st_model_file_read_rngs(bytes, n, rngs, states) != ST_OK) abort();
  if (st_model_file_read_rngs(bytes, n, rngs + 1, states) == ST_OK) abort();
  free(states);

  /* Optimizer state. */
  if (info[ST_FILE_HAS_OPTIMIZER]) {
    int arrays = info[ST_FILE_OPT_ARRAY_COUNT];
    int32_t *opt_sizes = malloc(sizeof *opt_sizes * (size_t)(arrays + 1));
    if (st_model_file_sizes(bytes, n, 1, opt_sizes, arrays) != ST_OK) abort();
    float *slots = malloc(sizeof(float) * ((size_t)info[ST_FILE_OPT_FLOATS] + 1));
    double scalars[2];
    if (st_model_file_read_optimizer(bytes, n, info[ST_FILE_OPT_KIND], info[ST_FILE_OPT_SLOT_COUNT], arrays, opt_sizes,
                                     scalars, slots) != ST_OK)
      abort();
    if (st_model_file_read_optimizer(bytes, n, info[ST_FILE_OPT_KIND] + 1, info[ST_FILE_OPT_SLOT_COUNT], arrays,
                                     opt_sizes, scalars, slots) == ST_OK)
      abort();
    free(slots);
    free(opt_sizes);
  } else if (st_model_file_sizes(bytes, n, 1, NULL, 0) == ST_OK) {
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > INT32_MAX) return 0;
  /* A private copy with no slack, so over-reads hit the redzone. */
  uint8_t *bytes = malloc(size ? size : 1);
  if (!bytes) return 0;
  if (size) memcpy(bytes, data, size);
  exercise(bytes, size);
  if (size >= 4) {
    if (size) memcpy(bytes, data, size);
    uint32_t crc = st_crc32(bytes, size - 4);
    for (int i = 0; i < 4; i++) bytes[size - 4 + (size_t)i] = (uint8_t)(crc >> (8 * i));
    exercise(bytes, size);
  }
  free(bytes);
  return 0;
}
