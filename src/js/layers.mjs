// layers.mjs — layer factories (Keras spelling in camelCase). Each returns a plain,
// frozen description that sequential() builds; options are checked here, at once.
import { checkBoolean, checkInteger, checkName, checkOptions, fail } from './validate.mjs';

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
