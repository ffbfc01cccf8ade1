/* library.c — library-level entry points: version, which kernels are active, and the
 * allocation helpers the JS layer uses to place data in wasm memory. */
#include "memory.h"
#include <string.h>

#include "kernels/kernels.h"
#include "simdtrain.h"

ST_API const char *st_version(void) { return ST_VERSION; }

ST_API int st_simd_enabled(void) { return strcmp(st_kernels_active()->name, "wasmsimd") == 0; }

ST_API void *st_alloc(int32_t bytes) { return bytes > 0 ? st_malloc((size_t)bytes) : NULL; }

ST_API void st_free(void *p) { st_mfree(p); }
