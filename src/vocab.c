/* vocab.c — the name tables of the core's vocabulary, generated from vocab.def (one array
 * per family indexed by code), and the exports through which the JS side reads them. */
#include "vocab.h"

#include <stddef.h>

#include "simdtrain.h"

#define ST_VOCAB_NAME_ENTRY(P, SUFFIX, code, name) [code] = name,
#define ST_VOCAB_NAME_TABLE(LIST, P, type, COUNT, family) \
  static const char *const names_##LIST[COUNT] = {ST_VOCAB_##LIST(ST_VOCAB_NAME_ENTRY, P)};
ST_VOCAB_FAMILIES(ST_VOCAB_NAME_TABLE)

typedef struct st_vocab_family {
  const char *name;
  int size;
  const char *const *names;
} st_vocab_family;

#define ST_VOCAB_FAMILY_ROW(LIST, P, type, COUNT, family) {family, COUNT, names_##LIST},
static const st_vocab_family families[ST_FAMILY_COUNT] = {ST_VOCAB_FAMILIES(ST_VOCAB_FAMILY_ROW)};

const char *st_vocab_lookup(int family, int code) {
  if (family < 0 || family >= ST_FAMILY_COUNT || code < 0 || code >= families[family].size) return NULL;
  return families[family].names[code];
}

ST_API int st_vocab_family_count(void) { return ST_FAMILY_COUNT; }

ST_API const char *st_vocab_family_name(int family) {
  return family >= 0 && family < ST_FAMILY_COUNT ? families[family].name : NULL;
}

ST_API int st_vocab_size(int family) { return family >= 0 && family < ST_FAMILY_COUNT ? families[family].size : 0; }

ST_API const char *st_vocab_name(int family, int code) { return st_vocab_lookup(family, code); }
