/* model_file.c — parsing and decoding of simdtrain model files (model_file.h,
 * docs/model-format.md). Structure first (every tag, length and count against the bytes
 * present and the limits), then the CRC-32, then the values, once, into the handle (the
 * one allocation); the readers then only check the caller's counts against it and decode. */
#include "model_file.h"

#include <math.h>
#include <string.h>

#include "../error.h"
#include "../memory.h"
#include "reader.h"

static const uint8_t MAGIC[8] = {'S', 'I', 'M', 'D', 'T', 'R', 'N', 0};

/* Where each section is in the caller's bytes, and what its header says. */
typedef struct layout {
  uint32_t version;
  size_t config_offset;
  uint32_t config_length;
  uint32_t rng_count;
  const uint8_t *rngs;
  int has_optimizer;
  uint32_t opt_kind, slot_count, array_count;
  double iterations, u_product;
  const uint8_t *opt_sizes, *opt_floats;
  uint64_t opt_float_count;
  uint32_t weight_count;
  const uint8_t *weight_sizes, *weight_floats;
  uint64_t weight_float_count;
} layout;

/* A tag as text when printable, else as hex, for messages. */
static const char *tag_text(const uint8_t *tag, char buffer[16]) {
  int printable = 1;
  for (int i = 0; i < 4; i++) printable &= tag[i] >= 0x20 && tag[i] < 0x7f && tag[i] != '"' && tag[i] != '\\';
  if (printable) {
    buffer[0] = '"';
    memcpy(buffer + 1, tag, 4);
    buffer[5] = '"';
    buffer[6] = 0;
  } else {
    static const char hex[] = "0123456789abcdef";
    memcpy(buffer, "0x", 2);
    for (int i = 0; i < 4; i++) buffer[2 + 2 * i] = hex[tag[i] >> 4], buffer[3 + 2 * i] = hex[tag[i] & 15];
    buffer[10] = 0;
  }
  return buffer;
}

/* Read one section header; the tag must be `want` (or `alternative` when not NULL). */
static int section(st_reader *r, const char *want, const char *alternative, const uint8_t **tag, st_reader *payload) {
  const uint8_t *t;
  uint32_t length;
  size_t at = r->pos;
  int status = st_reader_bytes(r, 4, &t, "a section tag");
  if (status == ST_OK) status = st_reader_u32(r, &length, "a section length");
  if (status != ST_OK) return status;
  char text[16];
  if (memcmp(t, want, 4) != 0 && !(alternative && memcmp(t, alternative, 4) == 0)) {
    if (alternative)
      return st_fail(ST_E_ARGUMENT, "expected section \"%s\" or \"%s\" at offset %zu, found tag %s", want, alternative,
                     at, tag_text(t, text));
    return st_fail(ST_E_ARGUMENT, "expected section \"%s\" at offset %zu, found tag %s", want, at, tag_text(t, text));
  }
  /* The checksum's 4 bytes must still follow the section. */
  if ((uint64_t)length + 4u > st_reader_left(r))
    return st_fail(ST_E_ARGUMENT, "truncated: section %s declares %u bytes at offset %zu, only %zu left before the checksum",
                   tag_text(t, text), length, r->pos, st_reader_left(r) >= 4 ? st_reader_left(r) - 4 : 0);
  const uint8_t *start;
  st_reader_bytes(r, length, &start, "a section");
  st_reader_init(payload, start, length);
  *tag = t;
  return ST_OK;
}

/* count u32 element counts, each in [1, INT32_MAX]; *total receives their sum. */
static int read_sizes(st_reader *r, uint32_t count, const char *what, const uint8_t **at, uint64_t *total) {
  size_t bytes;
  if (st_mul_size(count, 4u, &bytes) != ST_OK) return st_fail(ST_E_ARGUMENT, "%s: %u sizes cannot be addressed", what, count);
  int status = st_reader_bytes(r, bytes, at, what);
  if (status != ST_OK) return status;
  *total = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t n = st_le32(*at + 4u * i);
    if (n == 0 || n > INT32_MAX) return st_fail(ST_E_ARGUMENT, "%s[%u] is %u; it must be in [1, %d]", what, i, n, INT32_MAX);
    *total += n;
  }
  return ST_OK;
}

static int parse_rngs(st_reader *p, layout *f) {
  int status = st_reader_u32(p, &f->rng_count, "the RNGS count");
  if (status != ST_OK) return status;
  if (f->rng_count < 1 || f->rng_count > ST_MODEL_FILE_MAX_RNGS)
    return st_fail(ST_E_ARGUMENT, "RNGS count is %u; it must be in [1, %d]", f->rng_count, ST_MODEL_FILE_MAX_RNGS);
  size_t bytes;
  if (st_mul_size(f->rng_count, 16u, &bytes) != ST_OK || st_reader_left(p) != bytes)
    return st_fail(ST_E_ARGUMENT, "RNGS section holds %zu bytes of states; %u states need %u", st_reader_left(p),
                   f->rng_count, f->rng_count * 16u);
  f->rngs = p->data + p->pos;
  return ST_OK;
}

static int parse_optimizer(st_reader *p, layout *f) {
  uint32_t reserved;
  int status = st_reader_u32(p, &f->opt_kind, "the optimizer kind");
  if (status == ST_OK) status = st_reader_u32(p, &f->slot_count, "the optimizer slot count");
  if (status == ST_OK) status = st_reader_u32(p, &f->array_count, "the optimizer array count");
  if (status == ST_OK) status = st_reader_u32(p, &reserved, "the optimizer reserved field");
  if (status == ST_OK) status = st_reader_f64(p, &f->iterations, "the optimizer iterations");
  if (status == ST_OK) status = st_reader_f64(p, &f->u_product, "the optimizer u_product");
  if (status != ST_OK) return status;
  if (f->opt_kind >= ST_OPT_COUNT)
    return st_fail(ST_E_ARGUMENT, "optimizer kind is %u; it must be in [0, %d)", f->opt_kind, ST_OPT_COUNT);
  if (f->slot_count > ST_MODEL_FILE_MAX_SLOTS)
    return st_fail(ST_E_ARGUMENT, "optimizer slot count is %u; it must be in [0, %d]", f->slot_count, ST_MODEL_FILE_MAX_SLOTS);
  if (f->array_count > ST_MODEL_FILE_MAX_ARRAYS)
    return st_fail(ST_E_ARGUMENT, "optimizer array count is %u; it must be in [0, %d]", f->array_count, ST_MODEL_FILE_MAX_ARRAYS);
  if (f->array_count == 0 && f->slot_count != 0)
    return st_fail(ST_E_ARGUMENT, "optimizer slot count is %u with no arrays; it must be 0", f->slot_count);
  if (reserved != 0) return st_fail(ST_E_ARGUMENT, "optimizer reserved field is %u; it must be 0", reserved);
  uint64_t total;
  status = read_sizes(p, f->array_count, "optimizer sizes", &f->opt_sizes, &total);
  if (status != ST_OK) return status;
  f->opt_float_count = total * f->slot_count;
  if ((uint64_t)st_reader_left(p) != f->opt_float_count * 4u)
    return st_fail(ST_E_ARGUMENT, "optimizer section holds %zu bytes of slots; %u slot(s) of %llu values need %llu",
                   st_reader_left(p), f->slot_count, (unsigned long long)total,
                   (unsigned long long)(f->opt_float_count * 4u));
  f->opt_floats = p->data + p->pos;
  return ST_OK;
}

static int parse_weights(st_reader *p, layout *f) {
  int status = st_reader_u32(p, &f->weight_count, "the weight count");
  if (status != ST_OK) return status;
  if (f->weight_count > ST_MODEL_FILE_MAX_ARRAYS)
    return st_fail(ST_E_ARGUMENT, "weight count is %u; it must be in [0, %d]", f->weight_count, ST_MODEL_FILE_MAX_ARRAYS);
  status = read_sizes(p, f->weight_count, "weight sizes", &f->weight_sizes, &f->weight_float_count);
  if (status != ST_OK) return status;
  if ((uint64_t)st_reader_left(p) != f->weight_float_count * 4u)
    return st_fail(ST_E_ARGUMENT, "weights section holds %zu bytes of values; %u array(s) of %llu values need %llu",
                   st_reader_left(p), f->weight_count, (unsigned long long)f->weight_float_count,
                   (unsigned long long)(f->weight_float_count * 4u));
  f->weight_floats = p->data + p->pos;
  return ST_OK;
}

static int check_floats(const uint8_t *p, uint64_t n, const char *what) {
  for (uint64_t i = 0; i < n; i++) {
    float v = st_le_f32(p + 4u * i);
    if (!isfinite(v)) return st_fail(ST_E_ARGUMENT, "%s value %llu is not finite (%g)", what, (unsigned long long)i, v);
  }
  return ST_OK;
}

static int check_values(const layout *f) {
  for (uint32_t i = 0; i < f->rng_count; i++)
    if ((st_le64(f->rngs + 16u * i + 8u) & 1u) == 0)
      return st_fail(ST_E_ARGUMENT, "RNGS state %u has an even increment; PCG32 increments are odd", i);
  if (f->has_optimizer) {
    double it = f->iterations;
    if (!(it >= 0 && it <= 9007199254740992.0) || it != floor(it))
      return st_fail(ST_E_ARGUMENT, "optimizer iterations is %g; it must be an integer in [0, 2^53]", it);
    if (f->array_count == 0 && it != 0)
      return st_fail(ST_E_ARGUMENT, "optimizer iterations is %g with no slot arrays; it must be 0", it);
    if (!(f->u_product >= 0 && f->u_product <= 1))
      return st_fail(ST_E_ARGUMENT, "optimizer u_product is %g; it must be in [0, 1]", f->u_product);
    int status = check_floats(f->opt_floats, f->opt_float_count, "optimizer slot");
    if (status != ST_OK) return status;
  }
  return check_floats(f->weight_floats, f->weight_float_count, "weight");
}

static int parse(const uint8_t *bytes, int32_t size, layout *f) {
  memset(f, 0, sizeof *f);
  if (!bytes || size < 0) return st_fail(ST_E_ARGUMENT, "no bytes given (size %d)", (int)size);
  if (size > ST_MODEL_FILE_MAX_BYTES)
    return st_fail(ST_E_ARGUMENT, "%d bytes exceed the limit of %d bytes", (int)size, ST_MODEL_FILE_MAX_BYTES);
  st_reader r;
  st_reader_init(&r, bytes, (size_t)size);
  const uint8_t *magic, *tag;
  int status = st_reader_bytes(&r, sizeof MAGIC, &magic, "the magic \"SIMDTRN\\0\"");
  if (status != ST_OK) return status;
  if (memcmp(magic, MAGIC, sizeof MAGIC) != 0)
    return st_fail(ST_E_ARGUMENT, "not a simdtrain model file: it does not start with \"SIMDTRN\\0\"");
  status = st_reader_u32(&r, &f->version, "the format version");
  if (status != ST_OK) return status;
  if (f->version != ST_MODEL_FILE_VERSION)
    return st_fail(ST_E_ARGUMENT, "format version %u is not supported; this build reads version %d", f->version,
                   ST_MODEL_FILE_VERSION);

  st_reader p;
  status = section(&r, "CONF", NULL, &tag, &p);
  if (status != ST_OK) return status;
  if (p.size < 2 || p.size > ST_MODEL_FILE_MAX_CONFIG)
    return st_fail(ST_E_ARGUMENT, "CONF section is %zu bytes; it must be in [2, %d]", p.size, ST_MODEL_FILE_MAX_CONFIG);
  f->config_offset = (size_t)(p.data - bytes);
  f->config_length = (uint32_t)p.size;

  status = section(&r, "RNGS", NULL, &tag, &p);
  if (status == ST_OK) status = parse_rngs(&p, f);
  if (status != ST_OK) return status;

  status = section(&r, "OPTS", "WGHT", &tag, &p);
  if (status != ST_OK) return status;
  if (memcmp(tag, "OPTS", 4) == 0) {
    f->has_optimizer = 1;
    status = parse_optimizer(&p, f);
    if (status == ST_OK) status = section(&r, "WGHT", NULL, &tag, &p);
    if (status != ST_OK) return status;
  }
  status = parse_weights(&p, f);
  if (status != ST_OK) return status;

  if (st_reader_left(&r) != 4)
    return st_fail(ST_E_ARGUMENT, "%zu unexpected bytes after the weights section (only the 4-byte checksum may follow)",
                   st_reader_left(&r) - 4);
  uint32_t stored = st_le32(bytes + r.pos), computed = st_crc32(bytes, r.pos);
  if (stored != computed)
    return st_fail(ST_E_ARGUMENT, "checksum mismatch (stored 0x%08x, computed 0x%08x): the file is corrupted", stored,
                   computed);
  return check_values(f);
}

struct st_model_file {
  const uint8_t *bytes; /* the caller's, kept alive until close */
  layout parsed;
};

ST_API st_model_file *st_model_file_open(const uint8_t *bytes, int32_t size) {
  layout parsed;
  if (parse(bytes, size, &parsed) != ST_OK) return NULL;
  st_model_file *f = st_malloc(sizeof *f);
  if (!f) {
    st_fail(ST_E_NOMEM, "out of memory opening a model file");
    return NULL;
  }
  f->bytes = bytes;
  f->parsed = parsed;
  return f;
}

ST_API void st_model_file_close(st_model_file *f) { st_mfree(f); }

/* ---- getters: every count was checked against limits below INT32_MAX by parse ---- */
ST_API int32_t st_model_file_config_offset(const st_model_file *f) { return f ? (int32_t)f->parsed.config_offset : 0; }
ST_API int32_t st_model_file_config_length(const st_model_file *f) { return f ? (int32_t)f->parsed.config_length : 0; }
ST_API int32_t st_model_file_rng_count(const st_model_file *f) { return f ? (int32_t)f->parsed.rng_count : 0; }
ST_API int32_t st_model_file_has_optimizer(const st_model_file *f) { return f ? f->parsed.has_optimizer : 0; }
ST_API int32_t st_model_file_optimizer_kind(const st_model_file *f) { return f ? (int32_t)f->parsed.opt_kind : 0; }
ST_API int32_t st_model_file_optimizer_slot_count(const st_model_file *f) { return f ? (int32_t)f->parsed.slot_count : 0; }
ST_API int32_t st_model_file_optimizer_arrays(const st_model_file *f) { return f ? (int32_t)f->parsed.array_count : 0; }
ST_API int32_t st_model_file_optimizer_floats(const st_model_file *f) { return f ? (int32_t)f->parsed.opt_float_count : 0; }
ST_API int32_t st_model_file_weight_count(const st_model_file *f) { return f ? (int32_t)f->parsed.weight_count : 0; }
ST_API int32_t st_model_file_weight_floats(const st_model_file *f) { return f ? (int32_t)f->parsed.weight_float_count : 0; }

ST_API int32_t st_model_file_weight_size(const st_model_file *f, int32_t i) {
  if (!f || i < 0 || (uint32_t)i >= f->parsed.weight_count) return -1;
  return (int32_t)st_le32(f->parsed.weight_sizes + 4u * (uint32_t)i);
}

ST_API int32_t st_model_file_optimizer_size(const st_model_file *f, int32_t i) {
  if (!f || i < 0 || (uint32_t)i >= f->parsed.array_count) return -1;
  return (int32_t)st_le32(f->parsed.opt_sizes + 4u * (uint32_t)i);
}

/* ---- readers ---- */
/* The caller's count and sizes must equal the file's. */
static int match_sizes(const char *what, uint32_t file_count, const uint8_t *file_sizes, int count, const int32_t *sizes) {
  if (count < 0 || (uint32_t)count != file_count)
    return st_fail(ST_E_ARGUMENT, "the file holds %u %s array(s), the config describes %d", file_count, what, count);
  if (count && !sizes) return st_fail(ST_E_ARGUMENT, "%s sizes are NULL", what);
  for (int i = 0; i < count; i++) {
    uint32_t n = st_le32(file_sizes + 4u * (uint32_t)i);
    if (sizes[i] < 0 || (uint32_t)sizes[i] != n)
      return st_fail(ST_E_ARGUMENT, "%s array %d holds %u values in the file, the config describes %d", what, i, n,
                     (int)sizes[i]);
  }
  return ST_OK;
}

static void decode(float *dest, const uint8_t *src, size_t n) {
  for (size_t i = 0; i < n; i++) dest[i] = st_le_f32(src + 4u * i);
}

ST_API int st_model_file_read_weights(const st_model_file *f, int count, const int32_t *sizes, float *const *dest) {
  if (!f) return st_fail(ST_E_ARGUMENT, "model file is NULL");
  const layout *l = &f->parsed;
  int status = match_sizes("weight", l->weight_count, l->weight_sizes, count, sizes);
  if (status != ST_OK || !dest) return status;
  for (int i = 0; i < count; i++)
    if (!dest[i]) return st_fail(ST_E_ARGUMENT, "weights destination %d is NULL", i);
  const uint8_t *p = l->weight_floats;
  for (int i = 0; i < count; i++) {
    decode(dest[i], p, (size_t)sizes[i]);
    p += 4u * (size_t)sizes[i];
  }
  return ST_OK;
}

ST_API int st_model_file_read_rngs(const st_model_file *f, int count, uint32_t *dest) {
  if (!f) return st_fail(ST_E_ARGUMENT, "model file is NULL");
  const layout *l = &f->parsed;
  if (count < 0 || (uint32_t)count != l->rng_count)
    return st_fail(ST_E_ARGUMENT, "the file holds %u random generator state(s), the config needs %d", l->rng_count, count);
  if (!dest) return ST_OK;
  for (uint32_t i = 0; i < 4u * l->rng_count; i++) dest[i] = st_le32(l->rngs + 4u * i);
  return ST_OK;
}

ST_API int st_model_file_read_optimizer(const st_model_file *f, int kind, int slot_count, int count,
                                        const int32_t *sizes, double *scalars, float *slots) {
  if (!f) return st_fail(ST_E_ARGUMENT, "model file is NULL");
  const layout *l = &f->parsed;
  if (!l->has_optimizer) return st_fail(ST_E_STATE, "the file holds no optimizer state");
  if (kind < 0 || (uint32_t)kind != l->opt_kind)
    return st_fail(ST_E_ARGUMENT, "optimizer state is of kind %u, the config names kind %d", l->opt_kind, kind);
  if (l->array_count) {
    int status = match_sizes("optimizer", l->array_count, l->opt_sizes, count, sizes);
    if (status != ST_OK) return status;
    if (slot_count < 0 || (uint32_t)slot_count != l->slot_count)
      return st_fail(ST_E_ARGUMENT, "optimizer state holds %u slot(s) per array, the configured optimizer uses %d",
                     l->slot_count, slot_count);
  }
  if (!scalars) return ST_OK;
  if (l->opt_float_count && !slots) return st_fail(ST_E_ARGUMENT, "optimizer slot destination is NULL");
  scalars[0] = l->iterations;
  scalars[1] = l->u_product;
  decode(slots, l->opt_floats, (size_t)l->opt_float_count);
  return ST_OK;
}
