/* test_metrics.c — the metrics of metrics.c against the golden values of Keras 3's own tests
 * (keras-team/keras, keras/src/metrics/accuracy_metrics_test.py, regression_metrics_test.py,
 * confusion_metrics_test.py; each case names its test), including the ones with
 * non-default parameters (threshold, k, num_thresholds) that the JS API reaches only through
 * a metric config; stateful accumulation over several updates; parameter checks; and the
 * model's metric list (compile clears it, a label layout that does not match the loss is
 * refused). Keras tests with per-entry sample weights on a [rows, cols] batch are written
 * as rows × 1 batches with one weight per row: the confusion metrics flatten anyway. */
#include "check.h"
#include "metrics.h"
#include "simdtrain.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* One metric over one or more batches of the same data; returns result(). */
static double run(int kind, int has_param, double param, const float *pred, const float *y, const float *w, int rows,
                  int cols, int updates, int sparse) {
  st_metric mt;
  double state[2 * 200];
  int status = st_metric_configure(&mt, kind, w != NULL, has_param ? &param : NULL, has_param, sparse);
  CHECK(status == ST_OK, "configure %d: %s", kind, st_error_message());
  if (status != ST_OK) return NAN;
  CHECK(mt.state_size <= N(state), "state of %d doubles", mt.state_size);
  memset(state, 0, sizeof state);
  mt.state = state;
  for (int u = 0; u < updates; u++) st_metric_update(&mt, pred, y, w, rows, cols);
  return st_metric_result(&mt);
}

#define EXPECT(name, got, want, tol) CHECK(fabs((got) - (want)) <= (tol), "%s: got %.9g, want %.9g", name, (double)(got), (double)(want))

static void test_accuracy(void) {
  /* BinaryAccuracyTest.test_unweighted / test_weighted / test_threshold */
  const float by[] = {1, 1, 0, 0}, bp[] = {0.98f, 1, 0, 0.6f}, bw[] = {1, 0, 0, 1};
  EXPECT("binary unweighted", run(ST_METRIC_BINARY_ACCURACY, 1, 0.5, bp, by, NULL, 4, 1, 1, 0), 0.75, 1e-12);
  EXPECT("binary weighted", run(ST_METRIC_BINARY_ACCURACY, 1, 0.5, bp, by, bw, 4, 1, 1, 0), 0.5, 1e-12);
  const float tp[] = {0.98f, 0.5f, 0.1f, 0.2f};
  EXPECT("binary threshold 0.3", run(ST_METRIC_BINARY_ACCURACY, 1, 0.3, tp, by, NULL, 4, 1, 1, 0), 1.0, 1e-12);
  EXPECT("binary threshold 0.9", run(ST_METRIC_BINARY_ACCURACY, 1, 0.9, tp, by, NULL, 4, 1, 1, 0), 0.75, 1e-12);
  /* CategoricalAccuracyTest.test_unweighted / test_weighted */
  const float cy[] = {0, 0, 1, 0, 1, 0}, cp[] = {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, cw[] = {0.7f, 0.3f};
  EXPECT("categorical unweighted", run(ST_METRIC_CATEGORICAL_ACCURACY, 0, 0, cp, cy, NULL, 2, 3, 1, 0), 0.5, 1e-12);
  EXPECT("categorical weighted", run(ST_METRIC_CATEGORICAL_ACCURACY, 0, 0, cp, cy, cw, 2, 3, 1, 0), 0.3, 1e-7);
  /* SparseCategoricalAccuracyTest.test_unweighted / test_weighted */
  const float sy[] = {2, 1}, sp[] = {0.1f, 0.6f, 0.3f, 0.05f, 0.95f, 0};
  EXPECT("sparse unweighted", run(ST_METRIC_SPARSE_CATEGORICAL_ACCURACY, 0, 0, sp, sy, NULL, 2, 3, 1, 1), 0.5, 1e-12);
  EXPECT("sparse weighted", run(ST_METRIC_SPARSE_CATEGORICAL_ACCURACY, 0, 0, sp, sy, cw, 2, 3, 1, 1), 0.3, 1e-7);
  /* TopKCategoricalAccuracyTest.test_unweighted / test_weighted (k = 1) */
  EXPECT("top-1 unweighted", run(ST_METRIC_TOP_K_CATEGORICAL_ACCURACY, 1, 1, cp, cy, NULL, 2, 3, 1, 0), 0.5, 1e-12);
  EXPECT("top-1 weighted", run(ST_METRIC_TOP_K_CATEGORICAL_ACCURACY, 1, 1, cp, cy, cw, 2, 3, 1, 0), 0.3, 1e-7);
  /* k = 2 takes the second-highest class in; ties at the boundary count as in (TF in_top_k). */
  EXPECT("top-2", run(ST_METRIC_TOP_K_CATEGORICAL_ACCURACY, 1, 2, cp, cy, NULL, 2, 3, 1, 0), 1.0, 1e-12);
  const float ty[] = {0, 0, 1}, tie[] = {0.5f, 0.2f, 0.5f};
  EXPECT("top-1 tie", run(ST_METRIC_TOP_K_CATEGORICAL_ACCURACY, 1, 1, tie, ty, NULL, 1, 3, 1, 0), 1.0, 1e-12);
}

static void test_regression(void) {
  /* MeanSquaredErrorTest / MeanAbsoluteErrorTest .test_unweighted (0.5) / test_weighted (0.54285) */
  const float y[] = {0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1};
  const float p[] = {0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1};
  const float w[] = {1.0f, 1.5f, 2.0f, 2.5f};
  EXPECT("mse unweighted", run(ST_METRIC_MEAN_SQUARED_ERROR, 0, 0, p, y, NULL, 4, 5, 1, 0), 0.5, 1e-5);
  EXPECT("mse weighted", run(ST_METRIC_MEAN_SQUARED_ERROR, 0, 0, p, y, w, 4, 5, 1, 0), 0.54285, 1e-5);
  EXPECT("mae unweighted", run(ST_METRIC_MEAN_ABSOLUTE_ERROR, 0, 0, p, y, NULL, 4, 5, 1, 0), 0.5, 1e-5);
  EXPECT("mae weighted", run(ST_METRIC_MEAN_ABSOLUTE_ERROR, 0, 0, p, y, w, 4, 5, 1, 0), 0.54285, 1e-5);
}

static void test_precision_recall(void) {
  /* PrecisionTest.test_unweighted (0.5), RecallTest.test_unweighted (0.5) */
  const float p[] = {1, 0, 1, 0}, y[] = {0, 1, 1, 0};
  EXPECT("precision unweighted", run(ST_METRIC_PRECISION, 1, 0.5, p, y, NULL, 1, 4, 1, 0), 0.5, 1e-12);
  EXPECT("recall unweighted", run(ST_METRIC_RECALL, 1, 0.5, p, y, NULL, 1, 4, 1, 0), 0.5, 1e-12);
  /* PrecisionTest.test_weighted: (3 + 4) / ((1 + 3) + (4 + 2)), weights per entry → per row */
  const float pp[] = {1, 0, 1, 0, 1, 0, 1, 0}, py[] = {0, 1, 1, 0, 1, 0, 0, 1}, pw[] = {1, 2, 3, 4, 4, 3, 2, 1};
  EXPECT("precision weighted", run(ST_METRIC_PRECISION, 1, 0.5, pp, py, pw, 8, 1, 1, 0), 7.0 / 10.0, 1e-12);
  /* RecallTest.test_weighted: (3 + 1) / ((2 + 3) + (4 + 1)) */
  const float rp[] = {1, 0, 1, 0, 0, 1, 0, 1}, ry[] = {0, 1, 1, 0, 1, 0, 0, 1};
  EXPECT("recall weighted", run(ST_METRIC_RECALL, 1, 0.5, rp, ry, pw, 8, 1, 1, 0), 4.0 / 10.0, 1e-12);
  /* test_div_by_zero: 0 */
  const float z[] = {0, 0, 0, 0};
  EXPECT("precision 0/0", run(ST_METRIC_PRECISION, 1, 0.5, z, z, NULL, 4, 1, 1, 0), 0.0, 0);
  EXPECT("recall 0/0", run(ST_METRIC_RECALL, 1, 0.5, z, z, NULL, 4, 1, 1, 0), 0.0, 0);
  /* test_unweighted_with_threshold (thresholds [0.5, 0.7]: each as its own metric) */
  const float tp[] = {1, 0, 0.6f, 0};
  EXPECT("precision t=0.5", run(ST_METRIC_PRECISION, 1, 0.5, tp, y, NULL, 4, 1, 1, 0), 0.5, 1e-12);
  EXPECT("precision t=0.7", run(ST_METRIC_PRECISION, 1, 0.7, tp, y, NULL, 4, 1, 1, 0), 0.0, 0);
  EXPECT("recall t=0.5", run(ST_METRIC_RECALL, 1, 0.5, tp, y, NULL, 4, 1, 1, 0), 0.5, 1e-12);
  EXPECT("recall t=0.7", run(ST_METRIC_RECALL, 1, 0.7, tp, y, NULL, 4, 1, 1, 0), 0.0, 0);
  /* test_multiple_updates (threshold 0.5): two updates, 6 / 14 and 6 / 14 */
  const float my[] = {0, 1, 1, 0}, mp[] = {1, 0, 0.6f, 0}, pw2[] = {4, 0, 3, 1}, rw2[] = {1, 4, 3, 2};
  EXPECT("precision 2 updates", run(ST_METRIC_PRECISION, 1, 0.5, mp, my, pw2, 4, 1, 2, 0), 6.0 / 14.0, 1e-12);
  EXPECT("recall 2 updates", run(ST_METRIC_RECALL, 1, 0.5, mp, my, rw2, 4, 1, 2, 0), 6.0 / 14.0, 1e-12);
}

static void test_auc(void) {
  /* AUCTest.setUp: num_thresholds 3, y_pred [0, 0.5, 0.3, 0.9], y_true [0, 0, 1, 1], weights [1, 2, 3, 4] */
  const float p[] = {0, 0.5f, 0.3f, 0.9f}, y[] = {0, 0, 1, 1}, w[] = {1, 2, 3, 4};
  EXPECT("auc unweighted (test_unweighted)", run(ST_METRIC_AUC, 1, 3, p, y, NULL, 4, 1, 1, 0), 0.75, 1e-3);
  EXPECT("auc weighted (test_weighted_roc_interpolation)", run(ST_METRIC_AUC, 1, 3, p, y, w, 4, 1, 1, 0), 0.7855, 1e-3);
  EXPECT("auc all correct (test_unweighted_all_correct)", run(ST_METRIC_AUC, 1, 200, y, y, NULL, 4, 1, 1, 0), 1.0, 0);
  /* MultiAUCTest (num_thresholds 5), multi_label False: y_pred [[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]] */
  const float mp[] = {0, 0.1f, 0.5f, 0.2f, 0.3f, 0.3f, 0.9f, 0.4f}, my[] = {0, 0, 0, 0, 1, 1, 1, 1};
  EXPECT("auc flat all correct (test_unweighted_all_correct_flat)", run(ST_METRIC_AUC, 1, 200, my, my, NULL, 4, 2, 1, 0), 1.0, 0);
  EXPECT("auc flat weighted (test_sample_weight_flat)", run(ST_METRIC_AUC, 1, 5, mp, my, w, 4, 2, 1, 0),
         1.0 - (0.3333 * (1.0 - 0.2857) / 2.0), 1e-3);
  /* Accumulated counts, not an average of batch AUCs: two halves give the whole's value. */
  st_metric a;
  double pv = 3;
  double sa[6] = {0}, sb[6] = {0};
  st_metric_configure(&a, ST_METRIC_AUC, 1, &pv, 1, 0);
  st_metric b = a;
  a.state = sa;
  b.state = sb;
  st_metric_update(&a, p, y, w, 4, 1);
  st_metric_update(&b, p, y, w, 2, 1);
  st_metric_update(&b, p + 2, y + 2, w + 2, 2, 1);
  EXPECT("auc in two batches", st_metric_result(&b), st_metric_result(&a), 0);
}

static void test_checks(void) {
  st_metric mt;
  double bad[] = {0, 1, 1.5, NAN};
  for (int i = 0; i < N(bad); i++)
    CHECK(st_metric_configure(&mt, ST_METRIC_BINARY_ACCURACY, 0, &bad[i], 1, 0) == ST_E_ARGUMENT &&
              strstr(st_error_message(), "binary_accuracy: threshold must be in (0, 1)"),
          "threshold %g: %s", bad[i], st_error_message());
  double k = 2.5, n = 1, t = -0.1;
  CHECK(st_metric_configure(&mt, ST_METRIC_TOP_K_CATEGORICAL_ACCURACY, 0, &k, 1, 0) == ST_E_ARGUMENT, "k 2.5 accepted");
  CHECK(st_metric_configure(&mt, ST_METRIC_AUC, 0, &n, 1, 0) == ST_E_ARGUMENT, "num_thresholds 1 accepted");
  CHECK(st_metric_configure(&mt, ST_METRIC_RECALL, 0, &t, 1, 0) == ST_E_ARGUMENT, "threshold -0.1 accepted");
  CHECK(st_metric_configure(&mt, ST_METRIC_MEAN_SQUARED_ERROR, 0, &t, 1, 0) == ST_E_ARGUMENT &&
            strcmp(st_error_message(), "mean_squared_error takes 0 parameters, got 1") == 0, "%s", st_error_message());
  CHECK(st_metric_configure(&mt, ST_METRIC_COUNT, 0, NULL, 0, 0) == ST_E_ARGUMENT, "kind out of range accepted");
  CHECK(st_metric_configure(&mt, ST_METRIC_MEAN_SQUARED_ERROR, 0, NULL, 0, 1) == ST_E_ARGUMENT, "mse on class ids accepted");
  CHECK(st_metric_configure(&mt, ST_METRIC_SPARSE_CATEGORICAL_ACCURACY, 0, NULL, 0, 0) == ST_E_ARGUMENT, "sparse metric on rows accepted");

  /* The model's list: added after compile, cleared by compile; evaluate writes loss then each result. */
  st_optimizer *opt = st_optimizer_create(ST_OPT_SGD);
  st_optimizer_set(opt, ST_HP_LEARNING_RATE, 0.1);
  st_optimizer_set(opt, ST_HP_MOMENTUM, 0);
  st_optimizer_set(opt, ST_HP_NESTEROV, 0);
  st_model *m = st_model_create(1, 3);
  CHECK(st_model_add_layer(m, ST_LAYER_FLATTEN, NULL, 0) == ST_OK, "%s", st_error_message());
  st_model_build(m);
  CHECK(st_model_add_metric(m, ST_METRIC_CATEGORICAL_ACCURACY, 0, NULL, 0) == ST_E_STATE, "metric before compile accepted");
  st_model_compile(m, ST_LOSS_CATEGORICAL_CROSSENTROPY, 0, 1.0f, opt);
  double one = 1;
  CHECK(st_model_add_metric(m, ST_METRIC_CATEGORICAL_ACCURACY, 0, NULL, 0) == ST_OK, "%s", st_error_message());
  CHECK(st_model_add_metric(m, ST_METRIC_TOP_K_CATEGORICAL_ACCURACY, 1, &one, 1) == ST_OK, "%s", st_error_message());
  CHECK(st_model_add_metric(m, ST_METRIC_SPARSE_CATEGORICAL_ACCURACY, 0, NULL, 0) == ST_E_ARGUMENT, "sparse metric accepted");
  CHECK(st_model_metric_count(m) == 2, "%d metrics", st_model_metric_count(m));
  const float cy[] = {0, 0, 1, 0, 1, 0}, cp[] = {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, cw[] = {0.7f, 0.3f};
  double out[3];
  CHECK(st_model_evaluate(m, cp, cy, cw, 2, 1, out) == ST_OK, "%s", st_error_message());
  EXPECT("evaluate categorical (unweighted metric)", out[1], 0.5, 0);
  EXPECT("evaluate top-1 (weighted metric)", out[2], 0.3, 1e-7);
  CHECK(isnan(st_model_metric_result(m, 2)), "result of metric 2 of 2");
  st_model_compile(m, ST_LOSS_SPARSE_CATEGORICAL_CROSSENTROPY, 0, 1.0f, opt);
  CHECK(st_model_metric_count(m) == 0, "compile kept %d metrics", st_model_metric_count(m));
  st_model_free(m);
  st_optimizer_free(opt);
}

int main(void) {
  test_accuracy();
  test_regression();
  test_precision_recall();
  test_auc();
  test_checks();
  return check_report("test_metrics");
}
