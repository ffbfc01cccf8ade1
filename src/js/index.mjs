// index.mjs — the public entry point of simdtrain (see README.md for the API).
export {
  init, VERSION as version, SimdtrainError, InvalidArgumentError, InvalidStateError, OutOfMemoryError, NonFiniteError,
  InternalError,
} from './bridge.mjs';
export { simdSupported } from './core.mjs';
export { Layer, layers } from './layers.mjs';
export { sequential, Sequential } from './model.mjs';
export { optimizers, Optimizer } from './optimizers.mjs';
export { losses } from './losses.mjs';
export { regularizers, Regularizer } from './regularizers.mjs';
export { loadModel } from './load_model.mjs';
export { workerSequential, RemoteSequential } from './worker.mjs';
export { toKerasCode } from './keras_export.mjs';
export { Callback, callbacks } from './callbacks.mjs';
export { utils } from './utils.mjs';
