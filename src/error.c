/* error.c — last-error message storage (single-threaded: one wasm instance per thread). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static char st_last_error[256] = "";

int st_fail(int status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(st_last_error, sizeof st_last_error, format, args);
  va_end(args);
  return status;
}

ST_API const char *st_error_message(void) { return st_last_error; }
