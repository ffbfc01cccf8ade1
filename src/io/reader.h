/* reader.h — a bounds-checked little-endian reader over a byte buffer. Every read first
 * checks that the bytes are there; a short buffer becomes an st_fail(ST_E_ARGUMENT) naming
 * what was being read, its offset and how many bytes were left. No allocation. */
#ifndef ST_IO_READER_H
#define ST_IO_READER_H

#include <stddef.h>
#include <stdint.h>

typedef struct st_reader {
  const uint8_t *data;
  size_t size, pos;
} st_reader;

void st_reader_init(st_reader *r, const uint8_t *data, size_t size);
size_t st_reader_left(const st_reader *r);
/* ST_OK if n more bytes are present, else a "truncated" failure naming `what`. */
int st_reader_need(const st_reader *r, size_t n, const char *what);
int st_reader_u32(st_reader *r, uint32_t *out, const char *what);
int st_reader_u64(st_reader *r, uint64_t *out, const char *what);
int st_reader_f64(st_reader *r, double *out, const char *what);
/* Skip n bytes (checked); *at receives their start when not NULL. */
int st_reader_bytes(st_reader *r, size_t n, const uint8_t **at, const char *what);

/* Unchecked decoders for bytes already known to be present. */
uint32_t st_le32(const uint8_t *p);
uint64_t st_le64(const uint8_t *p);
float st_le_f32(const uint8_t *p);

/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as in zlib and PNG). */
uint32_t st_crc32(const uint8_t *p, size_t n);

#endif
