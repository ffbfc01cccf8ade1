// metrics.mjs — the metrics compile() takes (keras/src/metrics/*.py), by their JS name: the
// Keras log key (Keras names a compiled metric by the string it was given: 'mse' logs 'mse',
// 'binary_accuracy' logs 'binary_accuracy'), the C vocabulary's name (src/vocab.def) and
// the C parameters with Keras's defaults (C holds none), which labels the metric reads
// ('dense': rows of the model's width; 'sparse': class ids) and whether Keras maximises it.
// 'accuracy' and 'acc' are resolved from the loss as Keras's compile_utils.get_metric does:
// binary accuracy for one output, sparse categorical accuracy for class-id labels,
// categorical accuracy otherwise.
export const METRICS = Object.freeze({
  binaryAccuracy: { kerasClass: 'BinaryAccuracy', key: 'binary_accuracy', c: 'binary_accuracy', params: [0.5], labels: 'dense', direction: 'up' },
  categoricalAccuracy: { kerasClass: 'CategoricalAccuracy', key: 'categorical_accuracy', c: 'categorical_accuracy', params: [], labels: 'dense', direction: 'up' },
  sparseCategoricalAccuracy: { kerasClass: 'SparseCategoricalAccuracy', key: 'sparse_categorical_accuracy', c: 'sparse_categorical_accuracy', params: [],
    labels: 'sparse', direction: 'up' },
  topKCategoricalAccuracy: { kerasClass: 'TopKCategoricalAccuracy', key: 'top_k_categorical_accuracy', c: 'top_k_categorical_accuracy', params: [5],
    labels: 'dense', direction: 'up' },
  meanSquaredError: { kerasClass: 'MeanSquaredError', key: 'mean_squared_error', c: 'mean_squared_error', params: [], labels: 'dense', direction: 'down',
    aliases: { mse: 'mse' } },
  meanAbsoluteError: { kerasClass: 'MeanAbsoluteError', key: 'mean_absolute_error', c: 'mean_absolute_error', params: [], labels: 'dense', direction: 'down',
    aliases: { mae: 'mae' } },
  precision: { kerasClass: 'Precision', key: 'precision', c: 'precision', params: [0.5], labels: 'dense', direction: 'up' },
  recall: { kerasClass: 'Recall', key: 'recall', c: 'recall', params: [0.5], labels: 'dense', direction: 'up' },
  auc: { kerasClass: 'AUC', key: 'auc', c: 'auc', params: [200], labels: 'dense', direction: 'up' },
});

/** Names resolved from the loss (compile_utils.get_metric), each logged under its own name. */
export const ACCURACY_NAMES = Object.freeze(['accuracy', 'acc']);

/** Every name compile() accepts in metrics / weightedMetrics. */
export const metricNames = () => [...ACCURACY_NAMES,
  ...Object.entries(METRICS).flatMap(([name, m]) => [name, ...Object.keys(m.aliases ?? {})])];

/**
 * A metric name → { name (the registry's), key (Keras's log key) }, or undefined. 'accuracy'
 * and 'acc' need { outputs, sparse } of the compiled model and loss.
 */
export function resolveMetric(given, { outputs, sparse }) {
  if (typeof given !== 'string') return undefined;
  if (ACCURACY_NAMES.includes(given)) {
    const name = outputs === 1 && !sparse ? 'binaryAccuracy' : sparse ? 'sparseCategoricalAccuracy' : 'categoricalAccuracy';
    return { name, key: given };
  }
  if (Object.hasOwn(METRICS, given)) return { name: given, key: METRICS[given].key };
  for (const [name, m] of Object.entries(METRICS)) if (m.aliases && Object.hasOwn(m.aliases, given)) return { name, key: m.aliases[given] };
  return undefined;
}
