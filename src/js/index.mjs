// index.mjs — the public entry point of simdtrain (see README.md for the API).
import { activation, batchNormalization, dense, dropout } from './layers.mjs';

export { init, VERSION as version } from './runtime.mjs';
export { simdSupported } from './core.mjs';
export { sequential, Sequential } from './model.mjs';
export { optimizers, Optimizer } from './optimizers.mjs';
export { losses } from './losses.mjs';

export const layers = Object.freeze({ dense, activation, batchNormalization, dropout });

/** Model files are not available in this version: loadModel always throws. */
export function loadModel() {
  throw new Error('loadModel: model files are not implemented in simdtrain 0.1.0; keep weights with getWeights()/setWeights()');
}
