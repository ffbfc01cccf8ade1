/* test_model_file.c — the model file handle (src/io/model_file.h) on files written here
 * byte by byte (docs/model-format.md): open parses once and the getters report the header;
 * the readers decode weights, generator states and optimizer state, refuse counts, sizes
 * and kinds the file does not hold, and with a NULL destination only check; a flipped
 * byte, a truncation or a bad value makes open fail with a message; close frees the
 * handle. */
#include "check.h"
#include "io/model_file.h"
#include "io/reader.h"
#include "simdtrain.h"

/* ---- a little-endian writer into a fixed buffer ---- */
typedef struct writer {
  uint8_t bytes[512];
  size_t size;
} writer;

static void put32(writer *w, uint32_t v) {
  for (int i = 0; i < 4; i++) w->bytes[w->size++] = (uint8_t)(v >> (8 * i));
}
static void put64(writer *w, uint64_t v) {
  put32(w, (uint32_t)v);
  put32(w, (uint32_t)(v >> 32));
}
static void put_f32(writer *w, float v) { put32(w, bits(v)); }
static void put_f64(writer *w, double v) {
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  put64(w, u);
}
static void put_bytes(writer *w, const void *p, size_t n) {
  memcpy(w->bytes + w->size, p, n);
  w->size += n;
}
/* A section header; returns where its length goes, patched by end_section. */
static size_t begin_section(writer *w, const char *tag) {
  put_bytes(w, tag, 4);
  put32(w, 0);
  return w->size;
}
static void end_section(writer *w, size_t start) {
  const uint32_t length = (uint32_t)(w->size - start);
  for (int i = 0; i < 4; i++) w->bytes[start - 4 + (size_t)i] = (uint8_t)(length >> (8 * i));
}

static const char CONFIG[] = "{\"format\":\"simdtrain.Sequential\"}";
static const float WEIGHTS[] = {1.5f, -2.0f, 0.25f, 3.0f, -0.5f}; /* arrays of 3 and 2 */
static const float SLOTS[] = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f}; /* 2 slots */

/* A file with two generator states, Adam state (2 slots over arrays of 3 and 2) when
 * with_optimizer, and two weight arrays. */
static size_t write_file(writer *w, int with_optimizer) {
  w->size = 0;
  put_bytes(w, "SIMDTRN", 8);
  put32(w, 1);
  size_t s = begin_section(w, "CONF");
  put_bytes(w, CONFIG, sizeof CONFIG - 1);
  end_section(w, s);
  s = begin_section(w, "RNGS");
  put32(w, 2);
  put64(w, 0x0123456789abcdefull);
  put64(w, 0x55ull);
  put64(w, 42u);
  put64(w, 0xda3e39cb94b95bdbull);
  end_section(w, s);
  if (with_optimizer) {
    s = begin_section(w, "OPTS");
    put32(w, ST_OPT_ADAM);
    put32(w, 2);
    put32(w, 2);
    put32(w, 0);
    put_f64(w, 7.0);
    put_f64(w, 1.0);
    put32(w, 3);
    put32(w, 2);
    for (size_t i = 0; i < 10; i++) put_f32(w, SLOTS[i]);
    end_section(w, s);
  }
  s = begin_section(w, "WGHT");
  put32(w, 2);
  put32(w, 3);
  put32(w, 2);
  for (size_t i = 0; i < 5; i++) put_f32(w, WEIGHTS[i]);
  end_section(w, s);
  put32(w, st_crc32(w->bytes, w->size));
  return w->size;
}

/* The CRC after a change, so the change reaches the checks behind the checksum. */
static void reseal(writer *w) {
  const uint32_t crc = st_crc32(w->bytes, w->size - 4);
  for (int i = 0; i < 4; i++) w->bytes[w->size - 4 + (size_t)i] = (uint8_t)(crc >> (8 * i));
}

static void refused_open(const writer *w, size_t size, const char *want, const char *what) {
  st_model_file *f = st_model_file_open(w->bytes, (int32_t)size);
  CHECK(f == NULL && strstr(st_error_message(), want) != NULL, "%s: opened, or message \"%s\" lacks \"%s\"", what,
        st_error_message(), want);
  st_model_file_close(f);
}

static void test_read_back(void) {
  writer w;
  const double heap = st_heap_bytes_in_use();
  const size_t size = write_file(&w, 1);
  st_model_file *f = st_model_file_open(w.bytes, (int32_t)size);
  CHECK(f != NULL, "open: %s", st_error_message());
  if (!f) return;
  CHECK(st_heap_bytes_in_use() > heap, "the handle is not counted by the core's allocator");
  CHECK(st_model_file_config_offset(f) == 20 && st_model_file_config_length(f) == (int32_t)(sizeof CONFIG - 1) &&
            memcmp(w.bytes + st_model_file_config_offset(f), CONFIG, sizeof CONFIG - 1) == 0,
        "config at %d, %d bytes", st_model_file_config_offset(f), st_model_file_config_length(f));
  CHECK(st_model_file_rng_count(f) == 2, "rng count %d", st_model_file_rng_count(f));
  CHECK(st_model_file_has_optimizer(f) == 1 && st_model_file_optimizer_kind(f) == ST_OPT_ADAM &&
            st_model_file_optimizer_slot_count(f) == 2 && st_model_file_optimizer_arrays(f) == 2 &&
            st_model_file_optimizer_floats(f) == 10,
        "optimizer header");
  CHECK(st_model_file_weight_count(f) == 2 && st_model_file_weight_floats(f) == 5, "weights header");
  CHECK(st_model_file_weight_size(f, 0) == 3 && st_model_file_weight_size(f, 1) == 2 && st_model_file_weight_size(f, 2) == -1 &&
            st_model_file_weight_size(f, -1) == -1,
        "weight sizes");
  CHECK(st_model_file_optimizer_size(f, 0) == 3 && st_model_file_optimizer_size(f, 1) == 2 &&
            st_model_file_optimizer_size(f, 2) == -1,
        "optimizer sizes");

  const int32_t sizes[2] = {3, 2};
  float a[3], b[2];
  float *dest[2] = {a, b};
  CHECK(st_model_file_read_weights(f, 2, sizes, NULL) == ST_OK, "check only: %s", st_error_message());
  CHECK(st_model_file_read_weights(f, 2, sizes, dest) == ST_OK, "%s", st_error_message());
  compare_bits("weights", "array 0", a, WEIGHTS, 3);
  compare_bits("weights", "array 1", b, WEIGHTS + 3, 2);
  const int32_t wrong[2] = {2, 3};
  CHECK(st_model_file_read_weights(f, 2, wrong, NULL) == ST_E_ARGUMENT &&
            strstr(st_error_message(), "weight array 0 holds 3 values in the file, the config describes 2"),
        "message: %s", st_error_message());
  CHECK(st_model_file_read_weights(f, 1, sizes, NULL) == ST_E_ARGUMENT, "one weight array of two accepted");

  uint32_t states[8];
  CHECK(st_model_file_read_rngs(f, 2, NULL) == ST_OK && st_model_file_read_rngs(f, 2, states) == ST_OK, "%s",
        st_error_message());
  CHECK(states[0] == 0x89abcdefu && states[1] == 0x01234567u && states[2] == 0x55u && states[3] == 0 && states[4] == 42u &&
            states[7] == 0xda3e39cbu,
        "generator states %08x %08x %08x", states[0], states[1], states[2]);
  CHECK(st_model_file_read_rngs(f, 3, states) == ST_E_ARGUMENT, "three generator states of two accepted");

  double scalars[2];
  float slots[10];
  CHECK(st_model_file_read_optimizer(f, ST_OPT_ADAM, 2, 2, sizes, NULL, NULL) == ST_OK, "check only: %s", st_error_message());
  CHECK(st_model_file_read_optimizer(f, ST_OPT_ADAM, 2, 2, sizes, scalars, slots) == ST_OK, "%s", st_error_message());
  CHECK(scalars[0] == 7.0 && scalars[1] == 1.0, "scalars %g %g", scalars[0], scalars[1]);
  compare_bits("optimizer", "slots", slots, SLOTS, 10);
  CHECK(st_model_file_read_optimizer(f, ST_OPT_SGD, 2, 2, sizes, NULL, NULL) == ST_E_ARGUMENT, "kind sgd accepted");
  CHECK(st_model_file_read_optimizer(f, ST_OPT_ADAM, 3, 2, sizes, NULL, NULL) == ST_E_ARGUMENT, "3 slots accepted");
  CHECK(st_model_file_read_optimizer(f, ST_OPT_ADAM, 2, 2, wrong, NULL, NULL) == ST_E_ARGUMENT, "wrong sizes accepted");
  CHECK(st_model_file_read_optimizer(f, ST_OPT_ADAM, 2, 2, sizes, scalars, NULL) == ST_E_ARGUMENT, "NULL slots accepted");
  st_model_file_close(f);
  CHECK(st_heap_bytes_in_use() == heap, "close left %g bytes", st_heap_bytes_in_use() - heap);

  const size_t plain = write_file(&w, 0);
  f = st_model_file_open(w.bytes, (int32_t)plain);
  CHECK(f && st_model_file_has_optimizer(f) == 0 && st_model_file_optimizer_arrays(f) == 0, "file without optimizer: %s",
        st_error_message());
  CHECK(st_model_file_read_optimizer(f, ST_OPT_ADAM, 2, 2, sizes, NULL, NULL) == ST_E_STATE &&
            strstr(st_error_message(), "no optimizer state"),
        "message: %s", st_error_message());
  st_model_file_close(f);

  CHECK(st_model_file_weight_count(NULL) == 0 && st_model_file_weight_size(NULL, 0) == -1, "NULL handle getters");
  CHECK(st_model_file_read_weights(NULL, 2, sizes, NULL) == ST_E_ARGUMENT && st_model_file_read_rngs(NULL, 2, NULL) == ST_E_ARGUMENT &&
            st_model_file_read_optimizer(NULL, 0, 0, 0, NULL, NULL, NULL) == ST_E_ARGUMENT,
        "NULL handle read");
  st_model_file_close(NULL);
}

static void test_refused(void) {
  writer w;
  const size_t size = write_file(&w, 1);
  refused_open(&w, size - 1, "", "truncated by one byte");
  refused_open(&w, 10, "truncated", "truncated header");
  CHECK(st_model_file_open(NULL, 10) == NULL && st_model_file_open(w.bytes, -1) == NULL, "no bytes accepted");
  w.bytes[30] ^= 1; /* in the config */
  refused_open(&w, size, "checksum mismatch", "flipped config byte");
  w.bytes[30] ^= 1;
  w.bytes[0] = 'X';
  refused_open(&w, size, "not a simdtrain model file", "bad magic");
  write_file(&w, 1);
  w.bytes[8] = 2;
  reseal(&w);
  refused_open(&w, size, "format version 2", "version 2");
  /* An even PCG increment: the low byte of the first state's increment (after the tag,
   * length, count and the 8-byte state). */
  write_file(&w, 1);
  const size_t rngs = 20 + (sizeof CONFIG - 1);
  CHECK(memcmp(w.bytes + rngs, "RNGS", 4) == 0, "RNGS not at %zu", rngs);
  w.bytes[rngs + 12 + 8] = 0x54;
  reseal(&w);
  refused_open(&w, size, "even increment", "even increment");
  /* A weight that is not finite: the last float before the checksum. */
  write_file(&w, 1);
  const uint32_t nan_bits = 0x7fc00000u;
  for (int i = 0; i < 4; i++) w.bytes[size - 8 + (size_t)i] = (uint8_t)(nan_bits >> (8 * i));
  reseal(&w);
  refused_open(&w, size, "weight value 4 is not finite", "NaN weight");
}

int main(void) {
  test_read_back();
  test_refused();
  return check_report("test_model_file");
}
