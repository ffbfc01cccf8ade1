/* reader.c — bounds-checked little-endian reads and CRC-32 (see reader.h). */
#include "reader.h"

#include <string.h>

#include "../error.h"

void st_reader_init(st_reader *r, const uint8_t *data, size_t size) {
  r->data = data;
  r->size = data ? size : 0;
  r->pos = 0;
}

size_t st_reader_left(const st_reader *r) { return r->size - r->pos; }

int st_reader_need(const st_reader *r, size_t n, const char *what) {
  if (n > st_reader_left(r))
    return st_fail(ST_E_ARGUMENT, "truncated: %s needs %zu bytes at offset %zu, only %zu left", what, n, r->pos,
                   st_reader_left(r));
  return ST_OK;
}

uint32_t st_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t st_le64(const uint8_t *p) { return (uint64_t)st_le32(p) | (uint64_t)st_le32(p + 4) << 32; }

float st_le_f32(const uint8_t *p) {
  uint32_t bits = st_le32(p);
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

int st_reader_u32(st_reader *r, uint32_t *out, const char *what) {
  int status = st_reader_need(r, 4, what);
  if (status != ST_OK) return status;
  *out = st_le32(r->data + r->pos);
  r->pos += 4;
  return ST_OK;
}

int st_reader_u64(st_reader *r, uint64_t *out, const char *what) {
  int status = st_reader_need(r, 8, what);
  if (status != ST_OK) return status;
  *out = st_le64(r->data + r->pos);
  r->pos += 8;
  return ST_OK;
}

int st_reader_f64(st_reader *r, double *out, const char *what) {
  uint64_t bits;
  int status = st_reader_u64(r, &bits, what);
  if (status != ST_OK) return status;
  memcpy(out, &bits, sizeof *out);
  return ST_OK;
}

int st_reader_bytes(st_reader *r, size_t n, const uint8_t **at, const char *what) {
  int status = st_reader_need(r, n, what);
  if (status != ST_OK) return status;
  if (at) *at = r->data + r->pos;
  r->pos += n;
  return ST_OK;
}

uint32_t st_crc32(const uint8_t *p, size_t n) {
  static uint32_t table[256];
  static int ready = 0;
  if (!ready) {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++) c = c & 1u ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = 1;
  }
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}
