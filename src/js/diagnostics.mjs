// diagnostics.mjs — what the C core measured at the last training step, per layer
// (activation mean/std, dead and saturated fractions, per-weight gradient norm, weight norm
// and update ratio; batch-normalization batch statistics; for recurrent layers ‖∂L/∂h_t‖ at
// every time step and the recurrent kernel's largest singular value; layout in src/model.h), and the
// Error of fit's NaN sentinel naming where the first non-finite value appeared.
import * as bridge from './bridge.mjs';
import { NonFiniteError } from './bridge.mjs';
import { size } from './model_core.mjs';

const LAYER_STATS = 4;  // activation mean, activation std, dead fraction, saturated fraction
const WEIGHT_STATS = 3; // gradient norm, weight norm, update ratio

const value = (v) => (Number.isNaN(v) ? null : v);
const RECURRENT = ['SimpleRNN', 'LSTM', 'GRU'];

export function gradientStats(core) {
  const where = 'gradientStats';
  const layerCount = core.layers.length;
  const stats = bridge.modelStats(where, core.handle, layerCount * LAYER_STATS + core.weights.length * WEIGHT_STATS);
  if (!stats) return null;
  return core.layers.map((layer, i) => {
    const s = stats.subarray(LAYER_STATS * i, LAYER_STATS * (i + 1));
    const entry = { name: layer.name, className: layer.className, activationMean: s[0], activationStd: s[1],
      deadFraction: value(s[2]), saturatedFraction: value(s[3]), weights: [] };
    core.weights.forEach((w, k) => {
      if (w.layer !== i) return;
      const at = layerCount * LAYER_STATS + WEIGHT_STATS * k;
      entry.weights.push({ name: w.name, trainable: core.weightTrainable(k), gradientNorm: value(stats[at]), weightNorm: stats[at + 1],
        updateRatio: value(stats[at + 2]) });
    });
    if (RECURRENT.includes(layer.className)) {
      // The BPTT curve: ‖∂L/∂h_t‖ at each step t (processing order; NaN entries: no backward yet).
      const { gradientNorms, spectralNorm } = bridge.recurrentStats(where, core.handle, i, layer.inputShape[0]);
      Object.assign(entry, { stepGradientNorms: gradientNorms, recurrentSpectralNorm: spectralNorm });
    }
    if (layer.className === 'BatchNormalization') {
      const features = layer.outputShape[layer.outputShape.length - 1];
      const batch = bridge.batchNormalizationBatchStats(where, core.handle, i, features);
      const moving = core.weights.map((w, k) => [w, k]).filter(([w]) => w.layer === i && !w.trainable) // the kind's: moving statistics
        .map(([w, k]) => core.weightView(where, k).slice(0, size(w.shape)));
      Object.assign(entry, { batchMean: batch.mean, batchVariance: batch.variance, movingMean: moving[0], movingVariance: moving[1] });
    }
    return entry;
  });
}

/** fit's NaN sentinel fired: throw an Error saying where the first non-finite value appeared. */
export function throwNonFinite(where, core, epoch) {
  const nf = bridge.nonFinite(where, core.handle);
  const weight = core.weights[nf.weight];
  const place = weight
    ? `in layer ${core.layers[weight.layer].name} (${core.layers[weight.layer].className}), array ${weight.name}`
    : 'in the loss';
  // C checks after the optimizer step, so that batch's update is in the weights: say which
  // arrays it left non-finite (they are not rolled back; README says how to keep the last finite ones).
  const bad = core.weights.filter((w, i) => !core.weightView(where, i).every(Number.isFinite)).map((w) => w.name);
  const weights = bad.length ? `non-finite weights after that batch: ${bad.join(', ')}` : 'the weights are still finite';
  throw new NonFiniteError(`${where}: non-finite ${nf.kind} at epoch ${epoch}, batch ${nf.batch}, ${place}; training stopped (terminateOnNaN: false trains on); ${weights}`);
}
