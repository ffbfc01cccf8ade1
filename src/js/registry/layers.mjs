// layers.mjs — the layer kinds (keras/src/layers/), by Keras class name: the factory name
// (layers.dense), the base of generated layer names (dense, dense_1, ...), the options with
// Keras's defaults, the weights in Keras's getWeights order (names and shapes from the input
// shape), the output shape, and how C builds the layer (src/layers/<kind>.c via the bridge).
import { ACTIVATIONS, activationNames } from './activations.mjs';
import { INITIALIZERS, initializerNames } from './initializers.mjs';

// kerasValue: the Keras spelling of a name option's value.
const activation = (fallback) => ({ keras: 'activation', kind: 'name', names: activationNames,
  kerasValue: (v) => ACTIVATIONS[v].keras,
  ...(fallback === undefined ? { required: true } : { default: fallback }) });
const initializer = (keras, fallback) => ({ keras, kind: 'name', names: initializerNames, default: fallback,
  kerasValue: (v) => INITIALIZERS[v].keras });
const width = (shape) => shape[shape.length - 1];
// A weight's regularizer (registry/regularizers.mjs): `weight` names the array it penalises.
const regularizer = (keras, weight) => ({ keras, kind: 'regularizer', optional: true, weight });
// Conv2D and pooling: a pair of positive integers (Keras takes an int or a tuple of 2).
const pair = (keras, extra) => ({ keras, kind: 'pair', min: 1, max: 1 << 16, ...extra });
const padding = { keras: 'padding', kind: 'name', names: () => ['valid', 'same'], default: 'valid', kerasValue: (v) => v };
const IMAGE = 'an image of shape [height, width, channels] per sample';

/** Output height and width of a window (Keras's compute_conv_output_shape; 'same' is
 *  TensorFlow's, out = ceil(in / stride)). Throws, naming `sizeKey`, when 'valid' leaves
 *  nothing: a window larger than the input. */
export function windowOutput(where, sizeKey, size, strides, pad, input) {
  return [0, 1].map((a) => {
    if (pad === 'same') return Math.ceil(input[a] / strides[a]);
    if (size[a] > input[a]) {
      throw new Error(`${where}: ${sizeKey} [${size.join(', ')}] is larger than the input's ${a === 0 ? 'height' : 'width'} ${input[a]} `
        + `(input shape [${input.join(', ')}], padding 'valid'), which leaves an empty output; use padding 'same' or a smaller ${sizeKey}`);
    }
    return Math.floor((input[a] - size[a]) / strides[a]) + 1;
  });
}
const convOutput = (c, input) => [...windowOutput('Conv2D', 'kernelSize', c.kernelSize, c.strides, c.padding, input), c.filters];
const poolStrides = (c) => c.strides ?? c.poolSize;
const poolOutput = (c, input) => [...windowOutput('pooling', 'poolSize', c.poolSize, poolStrides(c), c.padding, input), input[2]];
const poolParams = (c, codes, input) => [...input, ...c.poolSize, ...poolStrides(c), c.padding === 'same' ? 1 : 0];
const poolOptions = { poolSize: pair('pool_size', { default: [2, 2] }), strides: pair('strides', { optional: true }), padding };
const leading = (shape) => shape.slice(0, -1).reduce((a, n) => a * n, 1);

// The activations a recurrent cell's fused kernels implement (src/kernels/recurrent_*.c).
const CELL_ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu'];
const cellActivation = (keras, fallback) => ({ ...activation(fallback), keras, names: () => CELL_ACTIVATIONS });

// SimpleRNN, LSTM, GRU (keras/src/layers/rnn/): g gates, input [timesteps, features].
function recurrent(factory, base, g, extra) {
  return {
    factory, base,
    ranks: [2],
    inputText: 'a sequence [timesteps, features] per sample',
    options: {
      units: { keras: 'units', kind: 'integer', min: 1, max: 1 << 20, required: true },
      activation: cellActivation('activation', 'tanh'),
      ...(g > 1 ? { recurrentActivation: cellActivation('recurrent_activation', 'sigmoid') } : {}),
      useBias: { keras: 'use_bias', kind: 'boolean', default: true },
      kernelInitializer: initializer('kernel_initializer', 'glorotUniform'),
      recurrentInitializer: initializer('recurrent_initializer', 'orthogonal'),
      biasInitializer: initializer('bias_initializer', 'zeros'),
      ...extra,
      returnSequences: { keras: 'return_sequences', kind: 'boolean', default: false },
      goBackwards: { keras: 'go_backwards', kind: 'boolean', default: false },
    },
    required: 'an object with at least { units }',
    outputShape: (c, input) => (c.returnSequences ? [input[0], c.units] : [c.units]),
    weights: (c, input) => [
      { name: 'kernel', shape: [width(input), g * c.units], trainable: true },
      { name: 'recurrentKernel', shape: [c.units, g * c.units], trainable: true },
      ...(c.useBias ? [{ name: 'bias', shape: c.resetAfter ? [2, g * c.units] : [g * c.units], trainable: true }] : []),
    ],
    // units, timesteps, features, activation, alpha, use_bias, kernel/recurrent/bias initializers,
    // return_sequences, go_backwards; gated: recurrent_activation, its alpha, unit_forget_bias | reset_after
    params: (c, codes, input) => [c.units, input[0], input[1], codes.activation(c.activation), codes.alpha(c.activation),
      c.useBias ? 1 : 0, codes.initializer(c.kernelInitializer), codes.initializer(c.recurrentInitializer),
      codes.initializer(c.biasInitializer), c.returnSequences ? 1 : 0, c.goBackwards ? 1 : 0,
      ...(g > 1 ? [codes.activation(c.recurrentActivation), codes.alpha(c.recurrentActivation),
        (g === 4 ? c.unitForgetBias : c.resetAfter) ? 1 : 0] : [])],
  };
}

// MaxPooling2D and AveragePooling2D differ only in their C kind.
const pooling = (factory, base) => ({
  factory, base,
  ranks: [3], inputText: IMAGE,
  options: poolOptions,
  check: (where, c, input) => windowOutput(where, 'poolSize', c.poolSize, poolStrides(c), c.padding, input),
  outputShape: poolOutput,
  weights: () => [],
  params: poolParams,
});

export const LAYERS = Object.freeze({
  Dense: {
    factory: 'dense', base: 'dense',
    ranks: 'any', // acts on the last axis, the same kernel at every position of the others (Keras)
    options: {
      units: { keras: 'units', kind: 'integer', min: 1, max: 1 << 20, required: true },
      activation: activation('linear'),
      useBias: { keras: 'use_bias', kind: 'boolean', default: true },
      kernelInitializer: initializer('kernel_initializer', 'glorotUniform'),
      biasInitializer: initializer('bias_initializer', 'zeros'),
      kernelRegularizer: regularizer('kernel_regularizer', 'kernel'),
      biasRegularizer: regularizer('bias_regularizer', 'bias'),
    },
    required: 'an object with at least { units }',
    outputShape: (c, input) => [...input.slice(0, -1), c.units],
    weights: (c, input) => [
      { name: 'kernel', shape: [width(input), c.units], trainable: true },
      ...(c.useBias ? [{ name: 'bias', shape: [c.units], trainable: true }] : []),
    ],
    params: (c, codes, input) => [c.units, c.useBias ? 1 : 0, codes.initializer(c.kernelInitializer), codes.initializer(c.biasInitializer),
      codes.activation(c.activation), codes.alpha(c.activation), leading(input)],
  },
  Activation: {
    factory: 'activation', base: 'activation',
    ranks: 'any', // elementwise
    options: { activation: activation() },
    required: "an object like { activation: 'relu' }",
    outputShape: (c, input) => input,
    weights: () => [],
    params: (c, codes) => [codes.activation(c.activation), codes.alpha(c.activation)],
  },
  BatchNormalization: {
    factory: 'batchNormalization', base: 'batch_normalization',
    ranks: 'any', // per feature of the last axis
    options: {
      momentum: { keras: 'momentum', kind: 'number', min: 0, max: 1, maxExclusive: true, default: 0.99 },
      epsilon: { keras: 'epsilon', kind: 'number', min: 0, minExclusive: true, default: 1e-3 },
      center: { keras: 'center', kind: 'boolean', default: true },
      scale: { keras: 'scale', kind: 'boolean', default: true },
      betaInitializer: initializer('beta_initializer', 'zeros'),
      gammaInitializer: initializer('gamma_initializer', 'ones'),
      movingMeanInitializer: initializer('moving_mean_initializer', 'zeros'),
      // A variance is >= 0: only the constant initializers that keep it so (a random one made
      // negative variances, and NaN at inference).
      movingVarianceInitializer: { ...initializer('moving_variance_initializer', 'ones'), names: () => ['ones', 'zeros'] },
      betaRegularizer: regularizer('beta_regularizer', 'beta'),
      gammaRegularizer: regularizer('gamma_regularizer', 'gamma'),
    },
    outputShape: (c, input) => input,
    weights: (c, input) => [
      ...(c.scale ? [{ name: 'gamma', shape: [width(input)], trainable: true }] : []),
      ...(c.center ? [{ name: 'beta', shape: [width(input)], trainable: true }] : []),
      { name: 'moving_mean', shape: [width(input)], trainable: false },
      { name: 'moving_variance', shape: [width(input)], trainable: false },
    ],
    // Statistics per feature of the last axis, over the batch and every other axis (Keras axis=-1).
    params: (c, codes, input) => [c.momentum, c.epsilon, c.center ? 1 : 0, c.scale ? 1 : 0, codes.initializer(c.gammaInitializer),
      codes.initializer(c.betaInitializer), codes.initializer(c.movingMeanInitializer), codes.initializer(c.movingVarianceInitializer),
      width(input)],
  },
  Dropout: {
    factory: 'dropout', base: 'dropout',
    options: {
      rate: { keras: 'rate', kind: 'number', min: 0, max: 1, maxExclusive: true, required: true },
      seed: { keras: 'seed', kind: 'integer', min: 0, max: 0xffffffff, optional: true },
    },
    required: 'an object like { rate: 0.5 }',
    random: true, // has its own generator state (saved in model files)
    ranks: 'any', // elementwise
    outputShape: (c, input) => input,
    weights: () => [],
    params: (c) => [c.rate, c.seed === undefined ? 0 : 1, c.seed ?? 0],
  },
  Flatten: {
    factory: 'flatten', base: 'flatten',
    ranks: 'any',
    options: {},
    outputShape: (c, input) => [input.reduce((a, n) => a * n, 1)],
    weights: () => [],
    params: () => [],
  },
  Conv2D: {
    factory: 'conv2d', base: 'conv2d',
    ranks: [3], inputText: IMAGE,
    options: {
      filters: { keras: 'filters', kind: 'integer', min: 1, max: 1 << 16, required: true },
      kernelSize: pair('kernel_size', { required: true }),
      strides: pair('strides', { default: [1, 1] }),
      padding,
      activation: activation('linear'),
      useBias: { keras: 'use_bias', kind: 'boolean', default: true },
      kernelInitializer: initializer('kernel_initializer', 'glorotUniform'),
      biasInitializer: initializer('bias_initializer', 'zeros'),
      kernelRegularizer: regularizer('kernel_regularizer', 'kernel'),
      biasRegularizer: regularizer('bias_regularizer', 'bias'),
    },
    required: 'an object with at least { filters, kernelSize }',
    check: (where, c, input) => windowOutput(where, 'kernelSize', c.kernelSize, c.strides, c.padding, input),
    outputShape: convOutput,
    weights: (c, input) => [
      { name: 'kernel', shape: [...c.kernelSize, input[2], c.filters], trainable: true },
      ...(c.useBias ? [{ name: 'bias', shape: [c.filters], trainable: true }] : []),
    ],
    params: (c, codes, input) => [...input, c.filters, ...c.kernelSize, ...c.strides, c.padding === 'same' ? 1 : 0, c.useBias ? 1 : 0,
      codes.initializer(c.kernelInitializer), codes.initializer(c.biasInitializer), codes.activation(c.activation), codes.alpha(c.activation)],
  },
  MaxPooling2D: pooling('maxPooling2d', 'max_pooling2d'),
  AveragePooling2D: pooling('averagePooling2d', 'average_pooling2d'),
  GlobalAveragePooling2D: {
    factory: 'globalAveragePooling2d', base: 'global_average_pooling2d',
    ranks: [3], inputText: IMAGE,
    options: {},
    outputShape: (c, input) => [input[2]],
    weights: () => [],
    params: (c, codes, input) => [...input],
  },
  SimpleRNN: recurrent('simpleRNN', 'simple_rnn', 1, {}),
  LSTM: recurrent('lstm', 'lstm', 4, { unitForgetBias: { keras: 'unit_forget_bias', kind: 'boolean', default: true } }),
  GRU: recurrent('gru', 'gru', 3, { resetAfter: { keras: 'reset_after', kind: 'boolean', default: true } }),
});

/** Options every layer takes besides its own (Keras: input_shape via keras.Input, name, and
 *  the base Layer's activity_regularizer and trainable). */
export const COMMON_LAYER_OPTIONS = Object.freeze({
  inputShape: { keras: 'input_shape', kind: 'shape', maxRank: 4, max: 1 << 20, optional: true },
  name: { keras: 'name', kind: 'identifier', optional: true },
  activityRegularizer: { keras: 'activity_regularizer', kind: 'regularizer', optional: true },
  trainable: { keras: 'trainable', kind: 'boolean', optional: true },
});

export const layerClassNames = () => Object.keys(LAYERS);

/** Whether a layer kind takes input of this rank (per sample). */
export const acceptsRank = (className, rank) => (LAYERS[className].ranks === 'any' ? true : (LAYERS[className].ranks ?? [1]).includes(rank));
