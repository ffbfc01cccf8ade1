/* vocab.h — the C enums of the core's vocabulary, generated from vocab.def: for each family
 * a typedef'd enum of its entries (P##SUFFIX = code) ending in its COUNT, and the exports
 * that let the JS side read every family's names at init (vocab.c). */
#ifndef ST_VOCAB_H
#define ST_VOCAB_H

#include "vocab.def"

#define ST_VOCAB_ENUM_ENTRY(P, SUFFIX, code, name) P##SUFFIX = code,
#define ST_VOCAB_COUNT_ENTRY(P, SUFFIX, code, name) +1
#define ST_VOCAB_ENUM(LIST, P, type, COUNT, family) \
  typedef enum type { ST_VOCAB_##LIST(ST_VOCAB_ENUM_ENTRY, P) COUNT = 0 ST_VOCAB_##LIST(ST_VOCAB_COUNT_ENTRY, P) } type;
ST_VOCAB_FAMILIES(ST_VOCAB_ENUM)
#undef ST_VOCAB_ENUM

/* Family indices for st_vocab_size / st_vocab_name, in ST_VOCAB_FAMILIES order. */
#define ST_VOCAB_FAMILY_ENTRY(LIST, P, type, COUNT, family) ST_FAMILY_##LIST,
enum { ST_VOCAB_FAMILIES(ST_VOCAB_FAMILY_ENTRY) ST_FAMILY_COUNT };
#undef ST_VOCAB_FAMILY_ENTRY

/* Name of entry `code` of a family, or NULL when either is out of range. */
const char *st_vocab_lookup(int family, int code);

#endif
