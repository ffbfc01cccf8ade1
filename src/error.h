/* error.h — the core's one error channel: a status code plus a formatted message that
 * st_error_message() returns (the JS layer turns it into an Error). */
#ifndef ST_ERROR_H
#define ST_ERROR_H

#include "simdtrain.h"

/* Record `message` (printf format) and return `status`, so callers can write
 * `return st_fail(ST_E_ARGUMENT, "units must be > 0, got %d", units);` */
int st_fail(int status, const char *format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
