// keras_export.d.ts — types of toKerasCode (keras_export.mjs).
import type { CompileOptions, FitOptions, Layer, LayerConfig, Labels, Matrix, Optimizer, Weight } from './index.js';

export interface KerasCodeOptions {
  /** Default: what the model was compiled with. */
  loss?: CompileOptions['loss'];
  /** An optimizer, its getConfig(), or a name. Default: the model's compiled optimizer. */
  optimizer?: Optimizer | string | Record<string, unknown>;
  metrics?: Array<'accuracy' | 'acc'>;
  /** keras.utils.set_random_seed(seed); default: the model's seed. */
  seed?: number;
  /** Emit model.fit(x, y, epochs=, batch_size=, shuffle=, validation_split=). Callbacks are ignored. */
  fit?: FitOptions;
  /** Embed the training data as NumPy arrays. */
  data?: { x: Matrix; y: Labels };
  /** Emit model.set_weights(...) from model.getWeights(), so Keras starts from the same weights. */
  weights?: Array<Weight | Float32Array>;
}

/**
 * Keras 3 Python source building, compiling (and with `fit`, training) the same network.
 * model: a Sequential, a RemoteSequential, or sequential()'s options { seed, layers }.
 */
export function toKerasCode(
  model: { layers: ReadonlyArray<Layer | LayerConfig | Record<string, unknown>>; inputShape?: [number]; seed?: number },
  options?: KerasCodeOptions,
): string;
