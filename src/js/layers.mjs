// layers.mjs — layer factories (Keras spelling in camelCase). Each returns a plain,
// frozen description that sequential() builds; options are checked here, at once.
import { checkBoolean, checkInteger, checkName, checkNumber, checkOptions, fail } from './validate.mjs';

export const ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu', 'softmax'];
export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal', 'zeros', 'ones'];

function checkInputShape(where, inputShape) {
  if (inputShape === undefined) return undefined;
  if (!Array.isArray(inputShape) || inputShape.length !== 1) {
    fail(where, 'inputShape', 'an array of one positive integer, like [2]', inputShape);
  }
  checkInteger(where, 'inputShape[0]', inputShape[0], 1, 1 << 20);
  return [inputShape[0]];
}

function checkLayerName(where, name) {
  if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
    fail(where, 'name', 'an identifier string', name);
  }
  return name;
}

/** Dense: output = activation(input · kernel + bias). */
export function dense(options) {
  const where = 'layers.dense';
  if (options === undefined) fail(where, 'options', 'an object with at least { units }', options);
  const o = checkOptions(where, options, ['units', 'inputShape', 'activation', 'useBias',
    'kernelInitializer', 'biasInitializer', 'name']);
  return Object.freeze({
    className: 'Dense',
    units: checkInteger(where, 'units', o.units, 1, 1 << 20),
    inputShape: checkInputShape(where, o.inputShape),
    activation: checkName(where, 'activation', o.activation ?? 'linear', ACTIVATIONS),
    useBias: checkBoolean(where, 'useBias', o.useBias ?? true),
    kernelInitializer: checkName(where, 'kernelInitializer', o.kernelInitializer ?? 'glorotUniform', INITIALIZERS),
    biasInitializer: checkName(where, 'biasInitializer', o.biasInitializer ?? 'zeros', INITIALIZERS),
    name: checkLayerName(where, o.name),
  });
}

/** Activation: output = activation(input). */
export function activation(options) {
  const where = 'layers.activation';
  if (options === undefined) fail(where, 'options', "an object like { activation: 'relu' }", options);
  const o = checkOptions(where, options, ['activation', 'inputShape', 'name']);
  return Object.freeze({
    className: 'Activation',
    activation: checkName(where, 'activation', o.activation, ACTIVATIONS),
    inputShape: checkInputShape(where, o.inputShape),
    name: checkLayerName(where, o.name),
  });
}

/**
 * BatchNormalization over the features (Keras 3): training normalises with the batch mean
 * and biased variance and updates moving = moving*momentum + batch*(1 - momentum);
 * inference uses the moving statistics.
 */
export function batchNormalization(options) {
  const where = 'layers.batchNormalization';
  const o = checkOptions(where, options, ['momentum', 'epsilon', 'center', 'scale', 'gammaInitializer',
    'betaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer', 'inputShape', 'name']);
  return Object.freeze({
    className: 'BatchNormalization',
    momentum: checkNumber(where, 'momentum', o.momentum ?? 0.99, { min: 0, max: 1, maxExclusive: true }),
    epsilon: checkNumber(where, 'epsilon', o.epsilon ?? 1e-3, { min: 0, minExclusive: true }),
    center: checkBoolean(where, 'center', o.center ?? true),
    scale: checkBoolean(where, 'scale', o.scale ?? true),
    gammaInitializer: checkName(where, 'gammaInitializer', o.gammaInitializer ?? 'ones', INITIALIZERS),
    betaInitializer: checkName(where, 'betaInitializer', o.betaInitializer ?? 'zeros', INITIALIZERS),
    movingMeanInitializer: checkName(where, 'movingMeanInitializer', o.movingMeanInitializer ?? 'zeros', INITIALIZERS),
    movingVarianceInitializer: checkName(where, 'movingVarianceInitializer', o.movingVarianceInitializer ?? 'ones', INITIALIZERS),
    inputShape: checkInputShape(where, o.inputShape),
    name: checkLayerName(where, o.name),
  });
}

/** Dropout (Keras 3, inverted): in training each value is kept with probability 1 - rate
 *  and scaled by 1 / (1 - rate); at inference the layer passes its input through. */
export function dropout(options) {
  const where = 'layers.dropout';
  if (options === undefined) fail(where, 'options', 'an object like { rate: 0.5 }', options);
  const o = checkOptions(where, options, ['rate', 'seed', 'inputShape', 'name']);
  return Object.freeze({
    className: 'Dropout',
    rate: checkNumber(where, 'rate', o.rate, { min: 0, max: 1, maxExclusive: true }),
    seed: o.seed === undefined ? undefined : checkInteger(where, 'seed', o.seed, 0, 0xffffffff),
    inputShape: checkInputShape(where, o.inputShape),
    name: checkLayerName(where, o.name),
  });
}

export const LAYER_CLASSES = ['Dense', 'Activation', 'BatchNormalization', 'Dropout'];
