/* memory.h — the core's allocator: malloc/calloc/realloc/free with a count of the bytes
 * in use, so tests (C and JS) can check that creating and freeing models leaks nothing;
 * and the checked size arithmetic every computation that sizes or indexes memory goes
 * through (size_t is 32 bits in wasm, so a product of two layer widths can wrap). */
#ifndef ST_MEMORY_H
#define ST_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "vocab.h"

/* No single allocation, and no model's total, may exceed 2 GiB: the wasm memory's maximum
 * (pointers cross into JS as signed 32-bit integers). */
#define ST_MAX_BYTES ((size_t)1 << 31)

/* *out = a * b; ST_E_NOMEM (out untouched) when the product does not fit in size_t. */
static inline st_status st_mul_size(size_t a, size_t b, size_t *out) {
  if (b != 0 && a > SIZE_MAX / b) return ST_E_NOMEM;
  *out = a * b;
  return ST_OK;
}

/* *out = a + b; ST_E_NOMEM (out untouched) when the sum does not fit in size_t. */
static inline st_status st_add_size(size_t a, size_t b, size_t *out) {
  if (a > SIZE_MAX - b) return ST_E_NOMEM;
  *out = a + b;
  return ST_OK;
}

/* NULL when bytes exceed ST_MAX_BYTES or the system allocator fails. */
void *st_malloc(size_t bytes);
void *st_calloc(size_t count, size_t size);
void *st_realloc(void *p, size_t bytes);
void st_mfree(void *p);

#endif
