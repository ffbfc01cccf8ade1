/* test_vocab.c — the generated vocabulary (vocab.def): family count and names, every code of
 * every family named, no duplicate names or codes within a family, out-of-range lookups NULL,
 * and the codes model files and tests depend on unchanged. */
#include <string.h>

#include "check.h"
#include "simdtrain.h"

static int family_index(const char *name) {
  for (int f = 0; f < st_vocab_family_count(); f++)
    if (strcmp(st_vocab_family_name(f), name) == 0) return f;
  return -1;
}

int main(void) {
  static const char *const expected[] = {"layer", "activation", "initializer", "loss", "optimizer",
                                         "hyperparameter", "schedule", "schedule_parameter", "status", "nonfinite", "metric"};
  const int families = st_vocab_family_count();
  CHECK(families == 11, "%d families", families);
  for (int f = 0; f < families && f < 11; f++)
    CHECK(strcmp(st_vocab_family_name(f), expected[f]) == 0, "family %d is %s, want %s", f, st_vocab_family_name(f), expected[f]);
  CHECK(st_vocab_family_name(-1) == NULL && st_vocab_family_name(families) == NULL, "family name out of range");
  CHECK(st_vocab_size(-1) == 0 && st_vocab_size(families) == 0, "size out of range");

  for (int f = 0; f < families; f++) {
    const int n = st_vocab_size(f);
    CHECK(n > 0, "family %s is empty", st_vocab_family_name(f));
    for (int c = 0; c < n; c++) {
      const char *name = st_vocab_name(f, c);
      CHECK(name && name[0], "%s code %d has no name", st_vocab_family_name(f), c);
      for (int d = 0; name && d < c; d++)
        CHECK(st_vocab_name(f, d) && strcmp(st_vocab_name(f, d), name) != 0, "%s: codes %d and %d both named %s",
              st_vocab_family_name(f), d, c, name);
    }
    CHECK(st_vocab_name(f, -1) == NULL && st_vocab_name(f, n) == NULL, "%s: out-of-range code named", st_vocab_family_name(f));
  }

  const int act = family_index("activation"), init = family_index("initializer"), opt = family_index("optimizer");
  const int hp = family_index("hyperparameter"), sched = family_index("schedule"), status = family_index("status");
  CHECK(ST_ACT_COUNT == 16 && ST_ACT_SOFTMAX == 7 && ST_ACT_EXPONENTIAL == 15 && strcmp(st_vocab_name(act, ST_ACT_LEAKY_RELU), "leaky_relu") == 0 &&
            strcmp(st_vocab_name(act, ST_ACT_HARD_SIGMOID), "hard_sigmoid") == 0, "activations");
  CHECK(ST_INIT_COUNT == 9 && ST_INIT_ONES == 6 && ST_INIT_LECUN_UNIFORM == 7 && ST_INIT_ORTHOGONAL == 8, "initializer codes");
  CHECK(strcmp(st_vocab_name(init, ST_INIT_ORTHOGONAL), "orthogonal") == 0, "orthogonal name");
  CHECK(ST_OPT_ADAMW == 5 && ST_OPT_ADADELTA == 7 && strcmp(st_vocab_name(opt, ST_OPT_ADAMW), "adamw") == 0, "optimizer codes");
  CHECK(ST_HP_GLOBAL_CLIP_NORM == 13 && strcmp(st_vocab_name(hp, ST_HP_BETA1), "beta_1") == 0, "hyperparameters");
  CHECK(ST_SCHEDULE_COSINE_DECAY == 5 && strcmp(st_vocab_name(sched, 0), "constant") == 0, "schedules");
  CHECK(ST_E_NONFINITE == 4 && strcmp(st_vocab_name(status, ST_OK), "ok") == 0, "status codes");
  CHECK(ST_NONFINITE_WEIGHT == 3 && ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY == 3 && ST_LOSS_HINGE == 8, "nonfinite and loss codes");
  CHECK(ST_LAYER_FLATTEN == 4 && strcmp(st_vocab_name(family_index("layer"), ST_LAYER_BATCH_NORMALIZATION), "BatchNormalization") == 0,
        "layer kinds");
  return check_report("test_vocab");
}
