/* model.c — building a model: adding layers (any kind, through its ops table's configure;
 * the table of kinds is generated from vocab.def), carving the parameter block into named
 * weights and gradients, initialising them from the model's PRNG, and the workspace. */
#include "model.h"

#include "memory.h"
#include <string.h>

#include <math.h>

#include "error.h"

#define ST_MAX_LAYERS 256
#define ST_MAX_UNITS (1 << 20) /* input features */

ST_API st_model *st_model_create(uint32_t seed, int input_features) {
  if (input_features <= 0 || input_features > ST_MAX_UNITS) {
    st_fail(ST_E_ARGUMENT, "input features must be in [1, %d], got %d", ST_MAX_UNITS, input_features);
    return NULL;
  }
  st_model *m = st_calloc(1, sizeof *m);
  if (!m) {
    st_fail(ST_E_NOMEM, "out of memory creating a model");
    return NULL;
  }
  st_rng_seed(&m->rng, seed, 0x5eedu);
  m->seed = seed;
  m->input_features = input_features;
  m->terminate_on_nan = 1;
  return m;
}

ST_API void st_model_free(st_model *m) {
  if (!m) return;
  st_mfree(m->layers);
  st_mfree(m->weights);
  st_mfree(m->parameter_block);
  st_mfree(m->layer_state);
  st_mfree(m->trainable_values);
  st_mfree(m->trainable_gradients);
  st_mfree(m->trainable_sizes);
  st_mfree(m->workspace);
  st_mfree(m->order);
  st_mfree(m->weight_batch);
  st_metrics_free(m);
  st_diagnostics_free(m);
  st_mfree(m);
}

static int layer_input_width(const st_model *m) {
  return m->layer_count ? m->layers[m->layer_count - 1].out : m->input_features;
}

/* Every layer kind's ops, indexed by its ST_LAYER_* code (generated from vocab.def). */
#define ST_LAYER_OPS_ENTRY(P, SUFFIX, code, name) [P##SUFFIX] = &st_layer_ops_##SUFFIX,
static const st_layer_ops *const layer_ops[ST_LAYER_COUNT] = {ST_VOCAB_LAYER(ST_LAYER_OPS_ENTRY, ST_LAYER_)};
#undef ST_LAYER_OPS_ENTRY

ST_API int st_model_add_layer(st_model *m, int kind, const double *params, int count) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  if (kind < 0 || kind >= ST_LAYER_COUNT)
    return st_fail(ST_E_ARGUMENT, "layer kind must be in [0, %d), got %d", ST_LAYER_COUNT, kind);
  const char *name = st_vocab_lookup(ST_FAMILY_LAYER, kind);
  if (m->built) return st_fail(ST_E_STATE, "cannot add a %s layer after the model is built", name);
  if (m->layer_count >= ST_MAX_LAYERS)
    return st_fail(ST_E_ARGUMENT, "cannot add a %s layer: a model holds at most %d layers", name, ST_MAX_LAYERS);
  if (count < 0 || (count > 0 && !params))
    return st_fail(ST_E_ARGUMENT, "%s: %d parameter(s) given %s", name, count, count < 0 ? "(a negative count)" : "as NULL");
  st_layer l = {0};
  l.ops = layer_ops[kind];
  l.in = layer_input_width(m);
  const st_layer_context ctx = {.in = l.in, .seed = m->seed, .index = m->layer_count};
  int status = l.ops->configure(&l, &ctx, params, count);
  if (status != ST_OK) return status;
  st_layer *grown = st_realloc(m->layers, (size_t)(m->layer_count + 1) * sizeof *grown);
  if (!grown) return st_fail(ST_E_NOMEM, "out of memory adding a %s layer", name);
  m->layers = grown;
  m->layers[m->layer_count++] = l;
  return ST_OK;
}

static const char *kind_name(const st_layer *l) { return st_vocab_lookup(ST_FAMILY_LAYER, l->ops->kind); }

/* Undo carve_parameters (a failed build leaves the model as before it). */
static void unbuild(st_model *m) {
  st_mfree(m->weights);
  st_mfree(m->parameter_block);
  st_mfree(m->layer_state);
  st_mfree(m->trainable_values);
  st_mfree(m->trainable_gradients);
  st_mfree(m->trainable_sizes);
  m->weights = NULL;
  m->parameter_block = NULL;
  m->layer_state = NULL;
  m->trainable_values = NULL;
  m->trainable_gradients = NULL;
  m->trainable_sizes = NULL;
  m->weight_count = m->trainable_count = 0;
}

/* Floats of weight array w of layer l (its gradient as many again if trainable), checked
 * against the 2 GiB limit; the message names the layer and the numbers. */
static int weight_floats(const st_model *m, int layer, int w, size_t *floats, int *trainable) {
  const st_layer *l = &m->layers[layer];
  int rows, cols;
  l->ops->weight_shape(l, w, &rows, &cols, trainable);
  size_t n, bytes;
  if (st_mul_size((size_t)rows, (size_t)cols, &n) != ST_OK || st_mul_size(n, sizeof(float) * (*trainable ? 2u : 1u), &bytes) != ST_OK ||
      bytes > ST_MAX_BYTES)
    return st_fail(ST_E_NOMEM, "layer %d (%s): %d x %d weights = %.1e bytes exceeds the 2 GiB limit", layer, kind_name(l), rows,
                   cols, (double)rows * (double)cols * 4.0 * (*trainable ? 2.0 : 1.0));
  *floats = n;
  return ST_OK;
}

/* The arrays the optimizer trains, in weight order: each trainable weight of a layer not
 * frozen (Keras: a layer's trainable_weights are empty while layer.trainable is False). */
static void list_trainable(st_model *m) {
  m->trainable_count = 0;
  for (int w = 0; w < m->weight_count; w++) {
    const st_weight *weight = &m->weights[w];
    if (!weight->trainable || m->layers[weight->layer].frozen) continue;
    m->trainable_values[m->trainable_count] = weight->values;
    m->trainable_gradients[m->trainable_count] = weight->gradient;
    m->trainable_sizes[m->trainable_count++] = (int32_t)((size_t)weight->rows * weight->cols);
  }
}

/* Lay out every weight, then every gradient, in one block; fill the weight list. */
static int carve_parameters(st_model *m) {
  size_t value_floats = 0, gradient_floats = 0, total_floats = 0, block_bytes = sizeof(float);
  int count = 0, trainable = 0;
  for (int i = 0; i < m->layer_count; i++) {
    const st_layer *l = &m->layers[i];
    for (int w = 0; w < l->ops->weight_count(l); w++) {
      size_t n;
      int is_trainable;
      int status = weight_floats(m, i, w, &n, &is_trainable);
      if (status != ST_OK) return status;
      const double need = ((double)value_floats + (double)gradient_floats + (double)n * (1 + is_trainable) + 1.0) * 4.0;
      if (st_add_size(value_floats, n, &value_floats) != ST_OK ||
          (is_trainable && st_add_size(gradient_floats, n, &gradient_floats) != ST_OK) ||
          st_add_size(value_floats, gradient_floats, &total_floats) != ST_OK || st_add_size(total_floats, 1, &total_floats) != ST_OK ||
          st_mul_size(total_floats, sizeof(float), &block_bytes) != ST_OK || block_bytes > ST_MAX_BYTES)
        return st_fail(ST_E_NOMEM, "layer %d (%s): the model's weights and gradients up to it need %.1e bytes, over the 2 GiB limit",
                       i, kind_name(l), need);
      trainable += is_trainable;
      count++;
    }
  }
  m->weights = st_calloc(count ? (size_t)count : 1, sizeof *m->weights);
  m->parameter_block = st_malloc(block_bytes);
  m->trainable_values = st_calloc(trainable ? (size_t)trainable : 1, sizeof *m->trainable_values);
  m->trainable_gradients = st_calloc(trainable ? (size_t)trainable : 1, sizeof *m->trainable_gradients);
  m->trainable_sizes = st_calloc(trainable ? (size_t)trainable : 1, sizeof *m->trainable_sizes);
  if (!m->weights || !m->parameter_block || !m->trainable_values || !m->trainable_gradients ||
      !m->trainable_sizes) {
    unbuild(m);
    return st_fail(ST_E_NOMEM, "out of memory for %zu parameters (%zu bytes with their gradients)", value_floats, block_bytes);
  }

  float *values = m->parameter_block, *gradients = m->parameter_block + value_floats;
  memset(gradients, 0, gradient_floats * sizeof(float));
  for (int i = 0; i < m->layer_count; i++) {
    st_layer *l = &m->layers[i];
    for (int w = 0; w < l->ops->weight_count(l); w++) {
      st_weight *weight = &m->weights[m->weight_count++];
      l->ops->weight_shape(l, w, &weight->rows, &weight->cols, &weight->trainable);
      size_t n = (size_t)weight->rows * weight->cols;
      weight->layer = i;
      weight->values = l->weights[w] = values;
      values += n;
      if (weight->trainable) {
        weight->gradient = l->gradients[w] = gradients;
        gradients += n;
      }
    }
  }
  list_trainable(m);
  return ST_OK;
}

/* The layers' state block (NaN until a layer writes it). */
static int carve_state(st_model *m) {
  size_t floats = 1, bytes;
  for (int i = 0; i < m->layer_count; i++)
    if (st_add_size(floats, m->layers[i].ops->state_floats(&m->layers[i]), &floats) != ST_OK)
      return st_fail(ST_E_NOMEM, "layer %d (%s): its state cannot be addressed", i, kind_name(&m->layers[i]));
  if (st_mul_size(floats, sizeof(float), &bytes) != ST_OK || !(m->layer_state = st_malloc(bytes)))
    return st_fail(ST_E_NOMEM, "out of memory for %zu floats of layer state", floats);
  float *p = m->layer_state;
  for (size_t i = 0; i < floats; i++) p[i] = NAN;
  for (int i = 0; i < m->layer_count; i++) {
    m->layers[i].state = p;
    p += m->layers[i].ops->state_floats(&m->layers[i]);
  }
  return ST_OK;
}

ST_API int st_model_build(st_model *m) {
  if (!m) return st_fail(ST_E_ARGUMENT, "model is NULL");
  if (m->built) return st_fail(ST_E_STATE, "model is already built");
  if (m->layer_count == 0) return st_fail(ST_E_STATE, "a model needs at least one layer");
  int status = carve_parameters(m);
  if (status == ST_OK) status = carve_state(m);
  if (status != ST_OK) {
    unbuild(m);
    return status;
  }
  for (int i = 0; i < m->layer_count && status == ST_OK; i++) status = m->layers[i].ops->initialize(&m->layers[i], &m->rng);
  if (status != ST_OK) {
    unbuild(m);
    return status;
  }
  m->max_width = m->input_features;
  for (int i = 0; i < m->layer_count; i++)
    if (m->layers[i].out > m->max_width) m->max_width = m->layers[i].out;
  m->built = 1;
  return ST_OK;
}

int st_model_outputs(const st_model *m) { return m->layers[m->layer_count - 1].out; }

int st_model_check_rows(int rows, int cols, const char *what) {
  size_t floats, bytes;
  if (rows <= 0) return st_fail(ST_E_ARGUMENT, "%s needs at least one row, got %d", what, rows);
  if (st_mul_size((size_t)rows, (size_t)cols, &floats) != ST_OK || st_mul_size(floats, sizeof(float), &bytes) != ST_OK ||
      bytes > ST_MAX_BYTES)
    return st_fail(ST_E_ARGUMENT, "%s: %d rows x %d values = %.1e bytes exceeds the 2 GiB limit", what, rows, cols,
                   (double)rows * (double)cols * 4.0);
  return ST_OK;
}

/* The workspace for `rows` rows, in floats: the batch copies of x and y and two gradient
 * buffers (per_row each row), then every layer's output and scratch. Fails naming the
 * layer at which the total passes the 2 GiB limit. */
static int workspace_floats(const st_model *m, int rows, size_t *out) {
  const size_t per_row = (size_t)m->input_features + (size_t)st_model_outputs(m) + 2u * (size_t)m->max_width;
  size_t floats, bytes;
  if (st_mul_size(per_row, (size_t)rows, &floats) != ST_OK || st_mul_size(floats, sizeof(float), &bytes) != ST_OK ||
      bytes > ST_MAX_BYTES)
    return st_fail(ST_E_NOMEM, "a batch of %d rows needs %.1e bytes of input, label and gradient buffers, over the 2 GiB limit",
                   rows, (double)per_row * rows * 4.0);
  for (int i = 0; i < m->layer_count; i++) {
    const st_layer *l = &m->layers[i];
    size_t output, total;
    /* The output is checked first: scratch_floats multiplies rows by widths no larger. */
    int ok = st_mul_size((size_t)l->out, (size_t)rows, &output) == ST_OK && st_add_size(floats, output, &total) == ST_OK &&
             st_mul_size(total, sizeof(float), &bytes) == ST_OK && bytes <= ST_MAX_BYTES;
    ok = ok && st_add_size(total, l->ops->scratch_floats(l, rows), &total) == ST_OK &&
         st_mul_size(total, sizeof(float), &bytes) == ST_OK && bytes <= ST_MAX_BYTES;
    if (!ok)
      return st_fail(ST_E_NOMEM, "layer %d (%s): a batch of %d rows x %d units brings the workspace to %.1e bytes, over the 2 GiB limit",
                     i, kind_name(l), rows, l->out, ((double)floats + (double)l->out * rows) * 4.0);
    floats = total;
  }
  *out = floats;
  return ST_OK;
}

int st_model_reserve(st_model *m, int rows) {
  if (rows <= m->capacity) return ST_OK;
  size_t floats;
  int status = workspace_floats(m, rows, &floats);
  if (status != ST_OK) return status;
  float *block = st_malloc(floats * sizeof(float));
  if (!block) return st_fail(ST_E_NOMEM, "out of memory for a batch of %d rows (%zu bytes)", rows, floats * sizeof(float));
  st_mfree(m->workspace);
  m->workspace = block;
  m->capacity = rows;
  float *p = block;
  m->x_batch = p, p += (size_t)rows * m->input_features;
  m->y_batch = p, p += (size_t)rows * st_model_outputs(m);
  m->delta[0] = p, p += (size_t)rows * m->max_width;
  m->delta[1] = p, p += (size_t)rows * m->max_width;
  for (int i = 0; i < m->layer_count; i++) {
    st_layer *l = &m->layers[i];
    l->y = p, p += (size_t)rows * l->out;
    l->scratch = p, p += l->ops->scratch_floats(l, rows);
  }
  return ST_OK;
}

/* ---- weight accessors ---- */
static const st_weight *weight_at(const st_model *m, int index) {
  if (!m || !m->built || index < 0 || index >= m->weight_count) return NULL;
  return &m->weights[index];
}

ST_API int st_model_weight_count(const st_model *m) { return m && m->built ? m->weight_count : 0; }
ST_API float *st_model_weight_values(st_model *m, int index) {
  const st_weight *w = weight_at(m, index);
  return w ? w->values : NULL;
}
ST_API float *st_model_weight_gradient(st_model *m, int index) {
  const st_weight *w = weight_at(m, index);
  return w ? w->gradient : NULL;
}
ST_API int st_model_weight_rows(const st_model *m, int index) {
  const st_weight *w = weight_at(m, index);
  return w ? w->rows : 0;
}
ST_API int st_model_weight_cols(const st_model *m, int index) {
  const st_weight *w = weight_at(m, index);
  return w ? w->cols : 0;
}

ST_API int st_model_set_trainable(st_model *m, int layer, int trainable) {
  if (!m || !m->built) return st_fail(ST_E_STATE, "trainable needs a built model");
  if (layer < 0 || layer >= m->layer_count)
    return st_fail(ST_E_ARGUMENT, "layer index must be in [0, %d), got %d", m->layer_count, layer);
  m->layers[layer].frozen = !trainable;
  list_trainable(m);
  return ST_OK;
}

ST_API int st_model_layer_trainable(const st_model *m, int layer) {
  return m && m->built && layer >= 0 && layer < m->layer_count ? !m->layers[layer].frozen : -1;
}

ST_API int st_model_trainable_count(const st_model *m) { return m && m->built ? m->trainable_count : 0; }
