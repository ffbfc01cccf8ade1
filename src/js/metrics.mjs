// metrics.mjs — compile's metrics (registry/metrics.mjs) checked against the loss and handed to
// C, their Keras log keys, and the per-sample weights of fit/evaluate (sampleWeight, or
// classWeight turned into sample weights as Keras's data adapter does).
import * as bridge from './bridge.mjs';
import { METRICS, metricNames, readMetricEntry } from './registry/metrics.mjs';
import { describe, fail } from './validate.mjs';

/**
 * One of compile's metric lists (`argument`: 'metrics' or 'weightedMetrics') → [{ name, key,
 * config, params, weighted }] in order, checked: each a known name or { name, ...options }
 * (registry/metrics.mjs readMetricEntry) whose labels match the loss's (class ids for
 * sparseCategoricalCrossentropy, rows otherwise) and whose options C accepts, all before
 * anything is compiled. key is the metric's own name; logKeys gives the logged ones.
 */
export function readMetrics(where, argument, metrics, loss, outputs) {
  if (metrics === undefined) return [];
  if (!Array.isArray(metrics)) fail(where, argument, `an array of metric names (${metricNames().join(', ')}) or { name, ...options }`, metrics);
  return Array.from(metrics, (given, i) => { // Array.from, not map: a hole is checked as undefined, not skipped
    const m = readMetricEntry(where, `${argument}[${i}]`, given, { outputs, sparse: loss.sparse });
    const wants = METRICS[m.name].labels === 'sparse', label = typeof given === 'string' ? given : m.config.name;
    if (wants !== loss.sparse) {
      throw new Error(`${where}: ${argument}[${i}] '${label}' needs ${wants ? 'class-id labels (loss sparseCategoricalCrossentropy)' : 'one label row per sample'}, but loss '${loss.name}' takes ${loss.sparse ? 'class ids' : 'rows'}; use ${loss.sparse ? "'accuracy' or 'sparseCategoricalAccuracy'" : "'accuracy' or a metric other than 'sparseCategoricalAccuracy'"}`);
    }
    const weighted = argument === 'weightedMetrics';
    bridge.metricCheck(`${where}: ${argument}[${i}]`, bridge.code('metric', METRICS[m.name].c), weighted, m.params, loss.sparse);
    return { ...m, weighted };
  });
}

/**
 * The logged keys of compile's metrics then weighted metrics, as Keras 3's
 * CompileMetrics.result names them: a metric's name; a repeated name among the metrics gets
 * _1, _2, ...; a weighted metric whose name is taken becomes weighted_<name> (then _1, ...).
 */
export function logKeys(metrics, weightedMetrics) {
  const counters = new Map();
  const unweighted = metrics.map(({ key }) => {
    const index = counters.get(key);
    counters.set(key, (index ?? 0) + 1);
    return index === undefined ? key : `${key}_${index}`;
  });
  const weighted = weightedMetrics.map(({ key }) => {
    if (!counters.has(key)) {
      counters.set(key, 1);
      return key;
    }
    const name = `weighted_${key}`, index = counters.get(name);
    counters.set(name, (index ?? 0) + 1);
    return index === undefined ? name : `${name}_${index}`;
  });
  return [...unweighted, ...weighted];
}

/** Give the compiled model's C side its metrics, in log order (after st_model_compile, which clears them). */
export function installMetrics(where, handle, metrics) {
  for (const m of metrics) bridge.modelAddMetric(where, handle, bridge.code('metric', METRICS[m.name].c), m.weighted, m.params);
}

/** sampleWeight: one finite weight >= 0 per sample (Float32Array or number[]) → Float32Array. */
export function readSampleWeight(where, name, sampleWeight, rows) {
  const ok = Array.isArray(sampleWeight) || sampleWeight instanceof Float32Array || sampleWeight instanceof Float64Array;
  if (!ok) fail(where, name, `an array or Float32Array of ${rows} weights, one per sample`, sampleWeight);
  if (sampleWeight.length !== rows) throw new Error(`${where}: ${name} must hold one weight per sample (${rows}), got ${sampleWeight.length}`);
  const w = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = sampleWeight[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new Error(`${where}: ${name}[${i}] must be a finite number >= 0, got ${describe(v)}`);
    }
    w[i] = v;
  }
  return w;
}

// numpy's round: halves go to the even neighbour.
const roundHalfEven = (v) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));

/**
 * classWeight { [class]: weight } → one weight per sample, as Keras's
 * class_weight_to_sample_weights: the class of a row is its label (class ids), the argmax of
 * a one-hot row, or the rounded value of a single-column label; classes missing from the map
 * weigh 1. Keys must be class indices (whole numbers >= 0), weights finite numbers >= 0.
 */
export function classWeightToSampleWeight(where, classWeight, ys, outputs, sparse) {
  if (classWeight === null || typeof classWeight !== 'object' || Array.isArray(classWeight)) {
    fail(where, 'classWeight', 'an object { [classIndex]: weight }', classWeight);
  }
  const map = new Map();
  for (const [key, value] of Object.entries(classWeight)) {
    if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new Error(`${where}: classWeight keys must be class indices (0, 1, ...), got ${JSON.stringify(key)}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${where}: classWeight[${key}] must be a finite number >= 0, got ${describe(value)}`);
    }
    map.set(Number(key), value);
  }
  const cols = sparse ? 1 : outputs;
  const w = new Float32Array(ys.rows);
  for (let r = 0; r < ys.rows; r++) {
    const row = ys.data.subarray(r * cols, r * cols + cols);
    let cls;
    if (cols === 1) cls = roundHalfEven(row[0]);
    else {
      cls = 0;
      for (let j = 1; j < cols; j++) if (row[j] > row[cls]) cls = j;
    }
    w[r] = map.get(cls) ?? 1;
  }
  return w;
}
