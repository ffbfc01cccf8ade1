// index.mjs — the public entry point of simdtrain (see README.md for the API).
import { activation, batchNormalization, dense, dropout } from './layers.mjs';

export { init, VERSION as version } from './runtime.mjs';
export { simdSupported } from './core.mjs';
export { sequential, Sequential } from './model.mjs';
export { optimizers, Optimizer } from './optimizers.mjs';
export { losses } from './losses.mjs';
export { loadModel } from './model_file.mjs';
export { workerSequential, RemoteSequential } from './worker.mjs';
export { toKerasCode } from './keras_export.mjs';

export const layers = Object.freeze({ dense, activation, batchNormalization, dropout });

