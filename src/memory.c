/* memory.c — counting allocator. Each block carries a 16-byte header holding its size
 * (16 keeps the payload aligned for v128 loads). Sizes above ST_MAX_BYTES fail as NULL. */
#include "memory.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "simdtrain.h"

#define HEADER 16u

static size_t bytes_in_use = 0;

void *st_malloc(size_t bytes) {
  if (bytes > ST_MAX_BYTES - HEADER) return NULL;
  unsigned char *block = malloc(bytes + HEADER);
  if (!block) return NULL;
  memcpy(block, &bytes, sizeof bytes);
  bytes_in_use += bytes;
  return block + HEADER;
}

void *st_calloc(size_t count, size_t size) {
  size_t bytes;
  if (st_mul_size(count, size, &bytes) != ST_OK) return NULL;
  void *p = st_malloc(bytes);
  if (p) memset(p, 0, bytes);
  return p;
}

void *st_realloc(void *p, size_t bytes) {
  if (!p) return st_malloc(bytes);
  if (bytes > ST_MAX_BYTES - HEADER) return NULL;
  unsigned char *block = (unsigned char *)p - HEADER;
  size_t old;
  memcpy(&old, block, sizeof old);
  unsigned char *grown = realloc(block, bytes + HEADER);
  if (!grown) return NULL;
  memcpy(grown, &bytes, sizeof bytes);
  bytes_in_use = bytes_in_use - old + bytes;
  return grown + HEADER;
}

void st_mfree(void *p) {
  if (!p) return;
  unsigned char *block = (unsigned char *)p - HEADER;
  size_t size;
  memcpy(&size, block, sizeof size);
  bytes_in_use -= size;
  free(block);
}

ST_API double st_heap_bytes_in_use(void) { return (double)bytes_in_use; }
