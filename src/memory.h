/* memory.h — the core's allocator: malloc/calloc/realloc/free with a count of the bytes
 * in use, so tests (C and JS) can check that creating and freeing models leaks nothing. */
#ifndef ST_MEMORY_H
#define ST_MEMORY_H

#include <stddef.h>

void *st_malloc(size_t bytes);
void *st_calloc(size_t count, size_t size);
void *st_realloc(void *p, size_t bytes);
void st_mfree(void *p);

#endif
