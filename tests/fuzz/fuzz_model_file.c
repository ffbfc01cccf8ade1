/* fuzz_model_file.c — libFuzzer target for the model file parser (src/io/model_file.c).
 * Every input goes through st_model_file_open; inputs it accepts are then decoded through
 * the handle with the sizes the file itself declares (weights, random generators, optimizer
 * state) into exactly sized heap buffers, so ASan sees any read or write past what was
 * validated, and wrong counts, sizes or kinds must be refused. Each input runs twice: as
 * given, and with its last 4 bytes replaced by the right CRC-32, so mutations get past the
 * checksum and reach the value checks behind it.
 * Build and run: node scripts/fuzz.mjs (clang -g -O1 -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/model_file.h"
#include "io/reader.h"

static void check_weights(const st_model_file *f) {
  const int count = st_model_file_weight_count(f);
  int32_t *sizes = malloc(sizeof *sizes * (size_t)(count + 1));
  float **dest = calloc((size_t)count + 1, sizeof *dest);
  if (!sizes || !dest) abort();
  int64_t total = 0;
  for (int i = 0; i < count; i++) {
    sizes[i] = st_model_file_weight_size(f, i);
    if (sizes[i] <= 0) abort();
    total += sizes[i];
    dest[i] = malloc(sizeof(float) * (size_t)sizes[i]);
    if (!dest[i]) abort();
  }
  if (st_model_file_weight_size(f, count) != -1 || st_model_file_weight_size(f, -1) != -1) abort();
  if (total != st_model_file_weight_floats(f)) abort();
  if (st_model_file_read_weights(f, count, sizes, NULL) != ST_OK) abort();
  if (st_model_file_read_weights(f, count, sizes, dest) != ST_OK) abort();
  /* A wrong count or size must be refused. */
  if (count > 0) {
    sizes[0]++;
    if (st_model_file_read_weights(f, count, sizes, NULL) == ST_OK) abort();
    sizes[0]--;
  }
  sizes[count] = 1;
  if (st_model_file_read_weights(f, count + 1, sizes, NULL) == ST_OK) abort();
  for (int i = 0; i < count; i++) free(dest[i]);
  free(dest);
  free(sizes);
}

static void check_optimizer(const st_model_file *f) {
  const int arrays = st_model_file_optimizer_arrays(f), kind = st_model_file_optimizer_kind(f);
  const int slot_count = st_model_file_optimizer_slot_count(f);
  double scalars[2];
  if (!st_model_file_has_optimizer(f)) {
    if (arrays != 0 || st_model_file_optimizer_floats(f) != 0) abort();
    if (st_model_file_read_optimizer(f, kind, slot_count, 0, NULL, scalars, NULL) == ST_OK) abort();
    return;
  }
  int32_t *sizes = malloc(sizeof *sizes * (size_t)(arrays + 1));
  float *slots = malloc(sizeof(float) * ((size_t)st_model_file_optimizer_floats(f) + 1));
  if (!sizes || !slots) abort();
  int64_t total = 0;
  for (int i = 0; i < arrays; i++) {
    sizes[i] = st_model_file_optimizer_size(f, i);
    if (sizes[i] <= 0) abort();
    total += sizes[i];
  }
  if (st_model_file_optimizer_size(f, arrays) != -1) abort();
  if (total * slot_count != st_model_file_optimizer_floats(f)) abort();
  if (st_model_file_read_optimizer(f, kind, slot_count, arrays, sizes, NULL, NULL) != ST_OK) abort();
  if (st_model_file_read_optimizer(f, kind, slot_count, arrays, sizes, scalars, slots) != ST_OK) abort();
  if (st_model_file_read_optimizer(f, kind + 1, slot_count, arrays, sizes, scalars, slots) == ST_OK) abort();
  if (arrays > 0 && st_model_file_read_optimizer(f, kind, slot_count + 1, arrays, sizes, NULL, NULL) == ST_OK) abort();
  free(slots);
  free(sizes);
}

static void exercise(const uint8_t *bytes, size_t size) {
  const int32_t n = (int32_t)size;
  st_model_file *f = st_model_file_open(bytes, n);
  if (!f) {
    /* A failure must leave a message. */
    if (st_error_message()[0] == 0) abort();
    return;
  }
  if ((int64_t)st_model_file_config_offset(f) + st_model_file_config_length(f) > n) abort();

  check_weights(f);

  /* Random generator states. */
  const int rngs = st_model_file_rng_count(f);
  uint32_t *states = malloc(sizeof *states * 4u * (size_t)rngs);
  if (!states) abort();
  if (st_model_file_read_rngs(f, rngs, NULL) != ST_OK) abort();
  if (st_model_file_read_rngs(f, rngs, states) != ST_OK) abort();
  if (st_model_file_read_rngs(f, rngs + 1, states) == ST_OK) abort();
  free(states);

  check_optimizer(f);
  st_model_file_close(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > INT32_MAX) return 0;
  /* A private copy with no slack, so over-reads hit the redzone. */
  uint8_t *bytes = malloc(size ? size : 1);
  if (!bytes) return 0;
  if (size) memcpy(bytes, data, size);
  exercise(bytes, size);
  if (size >= 4) {
    uint32_t crc = st_crc32(bytes, size - 4);
    for (int i = 0; i < 4; i++) bytes[size - 4 + (size_t)i] = (uint8_t)(crc >> (8 * i));
    exercise(bytes, size);
  }
  free(bytes);
  return 0;
}
