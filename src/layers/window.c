/* window.c — the image geometry Conv2D and the pooling layers read from their parameters:
 * the input [height, width, channels] and a window with strides and padding, with Keras's
 * output sizes (keras/src/ops/operation_utils.py compute_conv_output_shape):
 *   'valid': out = floor((in - k) / s) + 1, refused when k > in (nothing to slide over);
 *   'same':  out = ceil(in / s), TensorFlow's padding: total = max((out - 1)*s + k - in, 0),
 *            top/left = floor(total / 2), the odd pixel at the bottom/right.
 * Every product is formed in 64 bits and bounded before it becomes an int. The padded
 * geometry (st_window_padded) is the same window over the image with its zero border made
 * explicit, so 'same' becomes 'valid' over a copy (Conv2D's im2col then never clips a row). */
#include <string.h>

#include "../error.h"
#include "layer.h"

enum { MAX_SIDE = 1 << 20, MAX_WINDOW = 1 << 16, MAX_STRIDE = 1 << 16 };

static const char *class_name(const st_layer *layer) { return st_vocab_lookup(ST_FAMILY_LAYER, layer->ops->kind); }

int st_param_image(const st_layer *l, const st_layer_context *ctx, const double *params, int i, st_window *g) {
  int64_t h, w, c;
  int status = st_param_int(l, params, i, "input height", 1, MAX_SIDE, &h);
  if (status == ST_OK) status = st_param_int(l, params, i + 1, "input width", 1, MAX_SIDE, &w);
  if (status == ST_OK) status = st_param_int(l, params, i + 2, "input channels", 1, MAX_SIDE, &c);
  if (status != ST_OK) return status;
  /* Each factor is below 2^21, so the product fits in 63 bits. */
  if (h * w * c != (int64_t)ctx->in)
    return st_fail(ST_E_ARGUMENT, "%s: input shape [%lld, %lld, %lld] has %lld values, but the layer's input has %d", class_name(l),
                   (long long)h, (long long)w, (long long)c, (long long)(h * w * c), ctx->in);
  g->h = (int)h, g->w = (int)w, g->c = (int)c;
  return ST_OK;
}

/* One axis: output size and leading padding, or a refusal naming the argument. */
static int axis(const st_layer *l, const char *size_argument, const char *side, int in, int k, int s, int same, int *out,
                int *pad) {
  if (same) {
    *out = (int)(((int64_t)in + s - 1) / s);
    const int64_t total = (int64_t)(*out - 1) * s + k - in;
    *pad = total > 0 ? (int)(total / 2) : 0;
    return ST_OK;
  }
  if (k > in)
    return st_fail(ST_E_ARGUMENT, "%s: %s %d is larger than the input %s %d with padding 'valid' (use padding 'same' or a smaller window)",
                   class_name(l), size_argument, k, side, in);
  *out = (in - k) / s + 1;
  *pad = 0;
  return ST_OK;
}

int st_param_window(const st_layer *l, const double *params, int i, const char *size_argument, st_window *g) {
  int64_t kh, kw, sh, sw;
  int same;
  int status = st_param_int(l, params, i, size_argument, 1, MAX_WINDOW, &kh);
  if (status == ST_OK) status = st_param_int(l, params, i + 1, size_argument, 1, MAX_WINDOW, &kw);
  if (status == ST_OK) status = st_param_int(l, params, i + 2, "strides", 1, MAX_STRIDE, &sh);
  if (status == ST_OK) status = st_param_int(l, params, i + 3, "strides", 1, MAX_STRIDE, &sw);
  if (status == ST_OK) status = st_param_flag(l, params, i + 4, "padding", &same);
  if (status != ST_OK) return status;
  g->kh = (int)kh, g->kw = (int)kw, g->sh = (int)sh, g->sw = (int)sw;
  status = axis(l, size_argument, "height", g->h, g->kh, g->sh, same, &g->oh, &g->pad_top);
  if (status == ST_OK) status = axis(l, size_argument, "width", g->w, g->kw, g->sw, same, &g->ow, &g->pad_left);
  return status;
}

void st_window_padded(const st_window *g, st_window *padded) {
  const int bottom = (g->oh - 1) * g->sh + g->kh - g->h - g->pad_top, right = (g->ow - 1) * g->sw + g->kw - g->w - g->pad_left;
  *padded = *g;
  padded->h = g->pad_top + g->h + (bottom > 0 ? bottom : 0);
  padded->w = g->pad_left + g->w + (right > 0 ? right : 0);
  padded->pad_top = padded->pad_left = 0;
}

void st_window_pad(const st_window *g, const st_window *padded, const float *x, float *out, int n) {
  const size_t row = (size_t)g->w * g->c, padded_row = (size_t)padded->w * padded->c;
  const size_t image = (size_t)g->h * row, padded_image = (size_t)padded->h * padded_row;
  memset(out, 0, (size_t)n * padded_image * sizeof(float));
  for (int b = 0; b < n; b++)
    for (int r = 0; r < g->h; r++)
      memcpy(out + (size_t)b * padded_image + (size_t)(r + g->pad_top) * padded_row + (size_t)g->pad_left * g->c,
             x + (size_t)b * image + (size_t)r * row, row * sizeof(float));
}
