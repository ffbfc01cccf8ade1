// metrics.mjs — the metrics compile() takes (keras/src/metrics/*.py), by their JS name: the
// Keras log key (Keras names a compiled metric by the string it was given: 'mse' logs 'mse',
// 'binary_accuracy' logs 'binary_accuracy', and a metric object by its class's default name),
// the C vocabulary's name (src/vocab.def), the options C takes as parameters in order with
// Keras's argument names and defaults (C holds none, and checks their ranges), which labels
// the metric reads ('dense': rows of the model's width; 'sparse': class ids) and whether
// Keras maximises it. 'accuracy' and 'acc' are resolved from the loss as Keras's
// compile_utils.get_metric does: binary accuracy for one output, sparse categorical accuracy
// for class-id labels, categorical accuracy otherwise.
import { describe } from '../validate.mjs';

const threshold = (keras) => ({ [keras]: { keras, default: 0.5 } }); // the JS and Keras names agree
export const METRICS = Object.freeze({
  binaryAccuracy: { kerasClass: 'BinaryAccuracy', key: 'binary_accuracy', c: 'binary_accuracy', options: threshold('threshold'), labels: 'dense', direction: 'up' },
  categoricalAccuracy: { kerasClass: 'CategoricalAccuracy', key: 'categorical_accuracy', c: 'categorical_accuracy', options: {}, labels: 'dense', direction: 'up' },
  sparseCategoricalAccuracy: { kerasClass: 'SparseCategoricalAccuracy', key: 'sparse_categorical_accuracy', c: 'sparse_categorical_accuracy', options: {},
    labels: 'sparse', direction: 'up' },
  topKCategoricalAccuracy: { kerasClass: 'TopKCategoricalAccuracy', key: 'top_k_categorical_accuracy', c: 'top_k_categorical_accuracy', options: { k: { keras: 'k', default: 5, integer: true } },
    labels: 'dense', direction: 'up' },
  meanSquaredError: { kerasClass: 'MeanSquaredError', key: 'mean_squared_error', c: 'mean_squared_error', options: {}, labels: 'dense', direction: 'down',
    aliases: { mse: 'mse' } },
  meanAbsoluteError: { kerasClass: 'MeanAbsoluteError', key: 'mean_absolute_error', c: 'mean_absolute_error', options: {}, labels: 'dense', direction: 'down',
    aliases: { mae: 'mae' } },
  precision: { kerasClass: 'Precision', key: 'precision', c: 'precision', options: threshold('thresholds'), labels: 'dense', direction: 'up' },
  recall: { kerasClass: 'Recall', key: 'recall', c: 'recall', options: threshold('thresholds'), labels: 'dense', direction: 'up' },
  auc: { kerasClass: 'AUC', key: 'auc', c: 'auc', options: { numThresholds: { keras: 'num_thresholds', default: 200, integer: true } }, labels: 'dense', direction: 'up' },
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

/**
 * One entry of compile's metrics — a name, or { name, ...options } (e.g. { name: 'auc',
 * numThresholds: 100 }, Keras's AUC(num_thresholds=100)) — read: { name (the registry's),
 * key (Keras's log key), config (the entry as getConfig and model files keep it), params
 * (C's, in order, defaults filled in) }. Throws naming `what` (e.g. "metrics[1]"); the
 * options' ranges are C's to check. 'accuracy' needs { outputs, sparse } of the model and loss.
 */
export function readMetricEntry(where, what, given, context) {
  const isObject = given !== null && typeof given === 'object' && !Array.isArray(given);
  const name = isObject ? (Object.hasOwn(given, 'name') ? given.name : undefined) : given;
  const m = resolveMetric(name, context);
  if (m === undefined) {
    const names = metricNames().map((n) => `'${n}'`).join(', ');
    throw new Error(`${where}: ${what}${isObject ? '.name' : ''} must be one of ${names}${isObject ? '' : ', or { name, ...options }'}, got ${describe(name)}`);
  }
  const { options } = METRICS[m.name];
  const config = isObject ? { name } : name;
  for (const key of isObject ? Object.keys(given) : []) {
    if (key === 'name') continue;
    if (!Object.hasOwn(options, key)) {
      const known = Object.keys(options);
      throw new Error(`${where}: ${what}.${key} is not an option of '${name}' (${known.length ? `it takes ${known.join(', ')}` : 'it takes none'})`);
    }
    const v = given[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${where}: ${what}.${key} must be a finite number, got ${describe(v)}`);
    config[key] = v;
  }
  const params = Object.entries(options).map(([key, o]) => (isObject && Object.hasOwn(config, key) ? config[key] : o.default));
  return { name: m.name, key: m.key, config, params };
}
