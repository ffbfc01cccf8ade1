// index.d.ts — types of the public simdtrain API (see README.md for the semantics).

export interface InitOptions {
  /** false forces the scalar build; default: SIMD when supported. */
  simd?: boolean;
  /** Where the .wasm files are, when a bundler moved them (the package exports them as
   *  simdtrain/wasm/*): a URL, or a function of the file name ('simdtrain_simd.wasm',
   *  'simdtrain_scalar.wasm') giving one. Worker models load their wasm from here too. */
  wasmUrl?: string | URL | ((file: string) => string | URL);
  /** Where simdtrain/worker (worker_host.mjs) is, for workerSequential(). */
  workerUrl?: string | URL;
}
export interface InitInfo { simd: boolean; version: string }
/** Load the wasm core once per JS realm (idempotent). */
export function init(options?: InitOptions): Promise<InitInfo>;
export function simdSupported(): boolean;
export const version: string;

export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'elu' | 'selu' | 'softmax'
  | 'gelu' | 'silu' | 'swish' | 'softplus' | 'softsign' | 'hardSigmoid' | 'relu6' | 'mish' | 'exponential';
export type InitializerName = 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'lecunNormal' | 'lecunUniform'
  | 'orthogonal' | 'zeros' | 'ones';

/** Errors the C core reports, by its status (every message names the call and the argument). */
export class SimdtrainError extends Error {}
export class InvalidArgumentError extends SimdtrainError {}
export class InvalidStateError extends SimdtrainError {}
export class OutOfMemoryError extends SimdtrainError {}
/** fit's NaN sentinel: names the epoch, batch, layer and weight array of the first non-finite value. */
export class NonFiniteError extends SimdtrainError {}
/** A wasm trap: the core refuses every later call with this message. */
export class InternalError extends SimdtrainError {}

/** Keras L1, L2, L1L2: penalty l1·Σ|x| + l2·Σx² added to the loss. */
export type RegularizerClassName = 'L1' | 'L2' | 'L1L2';
/** The serialized form, as Keras writes it: { className: 'L2', config: { l2: 0.01 } }. */
export interface RegularizerConfig { className: RegularizerClassName; config: { l1?: number; l2?: number } }
export class Regularizer {
  readonly className: RegularizerClassName;
  getConfig(): RegularizerConfig;
  /** l1·Σ|x| + l2·Σx² of the values. */
  penalty(values: ArrayLike<number>): number;
}
/** A regularizer option: a Regularizer, its config, or a name (Keras's string identifiers: 0.01 each). */
export type RegularizerLike = Regularizer | RegularizerConfig | 'l1' | 'l2' | 'l1l2' | 'l1_l2';
export const regularizers: {
  /** Keras L1(l1=0.01). */
  l1(options?: number | { l1?: number }): Regularizer;
  /** Keras L2(l2=0.01). */
  l2(options?: number | { l2?: number }): Regularizer;
  /** Keras L1L2(l1=0.0, l2=0.0). */
  l1l2(options?: number | { l1?: number; l2?: number }, l2?: number): Regularizer;
};
/** Options every layer takes: Keras's activity_regularizer (penalty on the layer's output per
 *  batch, not divided by its size, as Keras 3) and trainable (false: frozen). */
export interface CommonLayerOptions { name?: string; activityRegularizer?: RegularizerLike; trainable?: boolean }
export interface DenseOptions extends CommonLayerOptions {
  units: number; inputShape?: number[]; activation?: ActivationName; useBias?: boolean;
  kernelInitializer?: InitializerName; biasInitializer?: InitializerName;
  kernelRegularizer?: RegularizerLike; biasRegularizer?: RegularizerLike;
}
export interface ActivationOptions extends CommonLayerOptions { activation: ActivationName; inputShape?: [number] }
export interface BatchNormalizationOptions extends CommonLayerOptions {
  momentum?: number; epsilon?: number; center?: boolean; scale?: boolean;
  gammaInitializer?: InitializerName; betaInitializer?: InitializerName;
  movingMeanInitializer?: InitializerName; movingVarianceInitializer?: InitializerName;
  gammaRegularizer?: RegularizerLike; betaRegularizer?: RegularizerLike;
  inputShape?: number[];
}
export interface DropoutOptions extends CommonLayerOptions { rate: number; seed?: number; inputShape?: [number] }
export interface FlattenOptions extends CommonLayerOptions { inputShape?: [number] }
/** An integer, or [height, width] (Keras: an int or a tuple of 2). */
export type Size2D = number | [number, number];
/** Keras Conv2D, channels last: kernel [kh, kw, channels, filters], bias [filters]. */
export interface Conv2DOptions extends CommonLayerOptions {
  filters: number; kernelSize: Size2D; strides?: Size2D; padding?: 'valid' | 'same';
  activation?: ActivationName; useBias?: boolean; kernelInitializer?: InitializerName; biasInitializer?: InitializerName;
  kernelRegularizer?: RegularizerLike; biasRegularizer?: RegularizerLike;
  /** [height, width, channels] */
  inputShape?: [number, number, number];
}
/** Keras MaxPooling2D / AveragePooling2D: poolSize 2, strides = poolSize, padding 'valid'. */
export interface Pooling2DOptions extends CommonLayerOptions {
  poolSize?: Size2D; strides?: Size2D; padding?: 'valid' | 'same'; inputShape?: [number, number, number];
}
export interface GlobalAveragePooling2DOptions extends CommonLayerOptions { inputShape?: [number, number, number] }
export type LayerClassName = 'Dense' | 'Activation' | 'BatchNormalization' | 'Dropout' | 'Flatten' | 'Conv2D' | 'MaxPooling2D'
  | 'AveragePooling2D' | 'GlobalAveragePooling2D' | 'SimpleRNN' | 'LSTM' | 'GRU';
/** Activations of a recurrent cell (its fused kernels are element-wise). */
export type CellActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'elu' | 'selu';
/** Keras 3 SimpleRNN/LSTM/GRU: input [timesteps, features]; output [units], or [timesteps, units] with returnSequences. */
export interface RecurrentOptions {
  units: number; inputShape?: [number, number]; activation?: CellActivationName; useBias?: boolean;
  kernelInitializer?: InitializerName; recurrentInitializer?: InitializerName; biasInitializer?: InitializerName;
  returnSequences?: boolean; goBackwards?: boolean; name?: string;
}
export interface LSTMOptions extends RecurrentOptions { recurrentActivation?: CellActivationName; unitForgetBias?: boolean }
export interface GRUOptions extends RecurrentOptions { recurrentActivation?: CellActivationName; resetAfter?: boolean }
/** The serialized form of a layer (Keras get_config): sequential() accepts it in place of a Layer. */
export interface LayerConfig { className: LayerClassName; config: Record<string, unknown> }
/** A layer description with every option filled in (also readable as properties: layer.units). */
export class Layer {
  readonly className: LayerClassName;
  getConfig(): LayerConfig;
  readonly [option: string]: unknown;
}
export const layers: {
  dense(options: DenseOptions): Layer;
  activation(options: ActivationOptions): Layer;
  batchNormalization(options?: BatchNormalizationOptions): Layer;
  dropout(options: DropoutOptions): Layer;
  flatten(options?: FlattenOptions): Layer;
  conv2d(options: Conv2DOptions): Layer;
  maxPooling2d(options?: Pooling2DOptions): Layer;
  averagePooling2d(options?: Pooling2DOptions): Layer;
  globalAveragePooling2d(options?: GlobalAveragePooling2DOptions): Layer;
  simpleRNN(options: RecurrentOptions): Layer;
  lstm(options: LSTMOptions): Layer;
  gru(options: GRUOptions): Layer;
};

export type LossName = 'meanSquaredError' | 'mse' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy'
  | 'meanAbsoluteError' | 'mae' | 'huber' | 'logCosh' | 'klDivergence' | 'kld' | 'hinge';
/** fromLogits: the crossentropies (and meanSquaredError, which ignores it); delta: huber (> 0, default 1). */
export interface LossOptions { fromLogits?: boolean; delta?: number }
export interface Loss {
  readonly name: string; readonly fromLogits: boolean; readonly delta?: number;
  /** { name, ...the loss's options }: { name, fromLogits }, { name, delta } (huber) or { name }. */
  getConfig(): { name: string } & LossOptions;
}
export const losses: Record<LossName, (options?: LossOptions) => Loss>;

export interface Schedule {
  readonly schedule: string;
  /** The learning rate at raw step `step`, computed by the C core (call init() first). */
  at(step: number): number;
  getConfig(): { schedule: string } & Record<string, unknown>;
}
export interface CommonOptimizerOptions {
  learningRate?: number | Schedule; clipValue?: number; clipNorm?: number; globalClipNorm?: number; weightDecay?: number;
}
export class Optimizer {
  readonly name: string;
  /** A number, or the schedule given at construction; set a number between steps. */
  learningRate: number | Schedule;
  readonly currentLearningRate: number;
  readonly iterations: number;
  /** Global gradient norm at the last step before/after clipping (NaN without norm clipping). */
  readonly lastGradientNorm: { before: number; after: number };
  /** { name, ...hyperparameters } (a schedule as its getConfig()); compile() accepts it too. */
  getConfig(): { name: string } & Record<string, unknown>;
  /** Per-weight state, Keras slot names (Adam: momentum, velocity[, velocity_hat]); [] before the first step. */
  getSlots(): Array<{ size: number; slots: Record<string, Float32Array> }>;
  /** One update of params in place from grads of the same shapes. */
  step(params: Float32Array | Float32Array[], grads: Float32Array | Float32Array[]): void;
  dispose(): void;
  [hyperparameter: string]: unknown;
}
export const optimizers: {
  sgd(options?: CommonOptimizerOptions & { momentum?: number; nesterov?: boolean }): Optimizer;
  adagrad(options?: CommonOptimizerOptions & { initialAccumulatorValue?: number; epsilon?: number }): Optimizer;
  rmsprop(options?: CommonOptimizerOptions & { rho?: number; momentum?: number; epsilon?: number; centered?: boolean }): Optimizer;
  adam(options?: CommonOptimizerOptions & { beta1?: number; beta2?: number; epsilon?: number; amsgrad?: boolean }): Optimizer;
  nadam(options?: CommonOptimizerOptions & { beta1?: number; beta2?: number; epsilon?: number }): Optimizer;
  adamw(options?: CommonOptimizerOptions & { beta1?: number; beta2?: number; epsilon?: number; amsgrad?: boolean }): Optimizer;
  adamax(options?: CommonOptimizerOptions & { beta1?: number; beta2?: number; epsilon?: number }): Optimizer;
  adadelta(options?: CommonOptimizerOptions & { rho?: number; epsilon?: number }): Optimizer;
  schedules: {
    exponentialDecay(o: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule;
    inverseTimeDecay(o: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule;
    piecewiseConstantDecay(o: { boundaries: number[]; values: number[] }): Schedule;
    polynomialDecay(o: { initialLearningRate: number; decaySteps: number; endLearningRate?: number; power?: number; cycle?: boolean }): Schedule;
    cosineDecay(o: { initialLearningRate: number; decaySteps: number; alpha?: number; warmupTarget?: number; warmupSteps?: number }): Schedule;
  };
};

/** Samples: rows of numbers, nested arrays of the input shape ([T, F], [H, W, C]), or a flat
 *  row-major Float32Array of n × product(shape). */
export type NestedArray = number[] | NestedArray[];
export type Matrix = number[][] | NestedArray[] | Float32Array;
export type Labels = Matrix | number[] | Int32Array;
/** compile's metrics (Keras 3): 'accuracy'/'acc' resolve from the loss (binary, categorical or
 *  sparse categorical accuracy); each is logged under Keras's key: the name given for
 *  'accuracy', 'acc', 'mse', 'mae', 'precision', 'recall', 'auc', else Keras's snake_case name
 *  (binaryAccuracy → binary_accuracy, topKCategoricalAccuracy → top_k_categorical_accuracy, k 5;
 *  auc: ROC, 200 thresholds, interpolation); a repeated name gets _1, _2. */
export type MetricName = 'accuracy' | 'acc' | 'binaryAccuracy' | 'categoricalAccuracy' | 'sparseCategoricalAccuracy'
  | 'topKCategoricalAccuracy' | 'meanSquaredError' | 'mse' | 'meanAbsoluteError' | 'mae' | 'precision' | 'recall' | 'auc';
/** A metric with options, as Keras's metric objects: binaryAccuracy { threshold = 0.5, in
 *  (0, 1) } (BinaryAccuracy(threshold)), topKCategoricalAccuracy { k = 5, whole >= 1 },
 *  precision / recall { thresholds = 0.5, in [0, 1] } (one threshold), auc { numThresholds =
 *  200, whole in [2, 100000] }; logged under the same key as the name alone. */
export type MetricConfig =
  | { name: 'binaryAccuracy'; threshold?: number }
  | { name: 'topKCategoricalAccuracy'; k?: number }
  | { name: 'precision' | 'recall'; thresholds?: number }
  | { name: 'auc'; numThresholds?: number }
  | { name: Exclude<MetricName, 'binaryAccuracy' | 'topKCategoricalAccuracy' | 'precision' | 'recall' | 'auc'> };
/** One weight per sample (Keras sample_weight): finite, >= 0. */
export type SampleWeight = number[] | Float32Array | Float64Array;
export interface Logs {
  loss: number; accuracy?: number; val_loss?: number; val_accuracy?: number;
  /** Every compiled metric by its Keras key, and val_<key> after validation. */
  [metric: string]: unknown;
  /** In onBatchEnd: this batch's own loss (loss is Keras's running mean over the epoch). */
  batchLoss?: number;
  /** With fit({ diagnostics: true }): gradientStats() of the batch, and the optimizer's
   *  global gradient norm before and after clipping (NaN without norm clipping). */
  diagnostics?: LayerStats[]; gradientNorm?: { before: number; after: number };
}
export interface FitOptions {
  epochs?: number; batchSize?: number; shuffle?: boolean; validationSplit?: number;
  validationData?: [Matrix, Labels] | [Matrix, Labels, SampleWeight];
  /** Keras sample_weight: the loss is sum(w·l) / samples; compile's metrics stay unweighted. */
  sampleWeight?: SampleWeight;
  /** Keras class_weight { [classIndex]: weight }: each training sample weighs its class's
   *  weight (class = label id, argmax of a one-hot row, or a single label rounded); missing
   *  classes weigh 1. Not with sampleWeight. */
  classWeight?: Record<number, number>;
  /** Keras initial_epoch: the index of the first epoch run (epochs counts up to `epochs`). */
  initialEpoch?: number;
  /** Batch size of the validation pass (default batchSize). */
  validationBatchSize?: number;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
  /** Compute gradientStats() for every batch and put them in the logs. */
  diagnostics?: boolean;
  /** Stop at the first non-finite loss, gradient or weight (default true). */
  terminateOnNaN?: boolean;
  /** Batches per call into wasm (Keras steps_per_execution); 'auto' sizes calls to a few ms. */
  stepsPerExecution?: number | 'auto';
  /** Keras callbacks (run in Keras's order, before History and the progress output). */
  callbacks?: Array<Callback | CallbackLike>;
  /** 'auto' (default): a progress bar in a Node terminal, one line per epoch when stdout is
   *  not a terminal, silent in browsers and workers; 0 silent; 1 bar; 2 a line per epoch. */
  verbose?: 'auto' | 0 | 1 | 2;
}
export interface History { epoch: number[]; history: Record<string, number[]> }
export interface Weight { name: string; shape: number[]; trainable: boolean; values: Float32Array }
export interface WeightStats { name: string; trainable: boolean; gradientNorm: number | null; weightNorm: number; updateRatio: number | null }
export interface LayerStats {
  name: string; className: string; activationMean: number; activationStd: number;
  deadFraction: number | null; saturatedFraction: number | null; weights: WeightStats[];
  batchMean?: Float32Array | null; batchVariance?: Float32Array | null; movingMean?: Float32Array; movingVariance?: Float32Array;
  /** Recurrent layers: ‖∂L/∂h_t‖ for each time step of the last backward (processing order), the BPTT curve. */
  stepGradientNorms?: Float32Array | null;
  /** Recurrent layers: the largest singular value of the recurrent kernel (power iteration). */
  recurrentSpectralNorm?: number;
}
export interface CompileOptions {
  optimizer: Optimizer | string | ({ name: string } & Record<string, unknown>);
  loss: LossName | Loss | ({ name: LossName } & LossOptions);
  metrics?: Array<MetricName | MetricConfig>;
  /** Keras weighted_metrics: metrics that take fit/evaluate's sampleWeight (or classWeight);
   *  logged after `metrics`, a name already taken becoming weighted_<name>. */
  weightedMetrics?: Array<MetricName | MetricConfig>;
}

/** An entry of model.layers: the layer's options as properties, its shapes (per sample),
 *  its weights, and trainable — setting it false freezes the layer (its weights leave the
 *  optimizer; BatchNormalization runs in inference mode); fit and trainOnBatch then refuse
 *  until compile() is called again, as Keras documents. */
export interface ModelLayer {
  readonly className: LayerClassName;
  readonly name: string;
  readonly inputShape: number[];
  readonly outputShape: number[];
  trainable: boolean;
  getConfig(): LayerConfig;
  getWeights(): Array<{ name: string; shape: number[]; trainable: boolean; values: Float32Array }>;
  setWeights(list: Array<Float32Array | { values: Float32Array }>): void;
  readonly [option: string]: unknown;
}

export class Sequential {
  readonly layers: ModelLayer[];
  /** The shape of one input sample, as given to the first layer's inputShape. */
  readonly inputShape: number[];
  /** [null, ...the output shape of one sample] (null: the batch), as tfjs-layers. */
  readonly outputShape: Array<number | null>;
  readonly seed: number;
  readonly optimizer: Optimizer | undefined;
  /** The last compile(), or null: { optimizer, loss: { name, fromLogits }, metrics }. */
  readonly compileConfig: { optimizer: Optimizer; loss: { name: string } & LossOptions; metrics: Array<MetricName | MetricConfig>;
    weightedMetrics: Array<MetricName | MetricConfig> } | null;
  /** Keras get_config(): sequential() takes it back. */
  getConfig(): { seed: number; layers: LayerConfig[] };
  /** Set to true in a callback to end fit after the current chunk of batches. */
  stopTraining: boolean;
  compile(options: CompileOptions): void;
  fit(x: Matrix, y: Labels, options?: FitOptions): Promise<History>;
  predict(x: Matrix, options?: { training?: boolean }): Float32Array;
  /** { loss, [metric key]: value } for every compiled metric, in inference mode. */
  evaluate(x: Matrix, y: Labels, options?: { batchSize?: number; sampleWeight?: SampleWeight }): Logs;
  /** Keras test_on_batch: evaluate (x, y) as one batch; returns the logs. */
  testOnBatch(x: Matrix, y: Labels, options?: { sampleWeight?: SampleWeight }): Logs;
  /** Keras predict_on_batch: inference-mode outputs of x as one batch. */
  predictOnBatch(x: Matrix): Float32Array;
  trainOnBatch(x: Matrix, y: Labels): number;
  computeGradients(x: Matrix, y: Labels): { loss: number; grads: Float32Array[] };
  getWeights(): Weight[];
  setWeights(weights: Array<Float32Array | { values: Float32Array }>): void;
  gradientStats(): LayerStats[] | null;
  /** Prints the table (layers, output shapes, parameters) through printFn (default
   *  console.log; null: no printing) and returns it. */
  summary(options?: { printFn?: ((line: string) => void) | null }): string;
  save(options?: { includeOptimizer?: boolean }): Uint8Array;
  dispose(): void;
}
export function sequential(options: { seed?: number; layers: Array<Layer | LayerConfig>; name?: string }): Sequential;
/** A model from model.save() bytes (docs/model-format.md); compiled, with optimizer state, when the file holds them. */
export function loadModel(bytes: Uint8Array | ArrayBuffer): Sequential;

/** keras.utils.to_categorical and np.argmax(p, axis=-1), on the API's flat row-major arrays. */
export const utils: {
  toCategorical(labels: ArrayLike<number>, numClasses?: number): Float32Array;
  argMax(values: Float32Array | number[][], classes?: number): Int32Array;
};

export interface CallbackLogs extends Logs { learning_rate?: number; [key: string]: unknown }
/** Keras's callback hooks, camelCase; fit({ callbacks }) takes these or any object with some of them. */
export class Callback {
  model?: Sequential;
  setModel(model: Sequential): void;
  onTrainBegin(logs?: CallbackLogs): void | Promise<void>;
  onTrainEnd(logs?: CallbackLogs): void | Promise<void>;
  onEpochBegin(epoch: number, logs?: CallbackLogs): void | Promise<void>;
  onEpochEnd(epoch: number, logs?: CallbackLogs): void | Promise<void>;
  onBatchBegin(batch: number, logs?: CallbackLogs): void | Promise<void>;
  onBatchEnd(batch: number, logs?: CallbackLogs): void | Promise<void>;
}
export type CallbackLike = Partial<Pick<Callback, 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>>;
type Monitor = { monitor?: string; mode?: 'auto' | 'min' | 'max'; verbose?: 0 | 1 };
export const callbacks: {
  Callback: typeof Callback;
  earlyStopping(o?: Monitor & { minDelta?: number; patience?: number; baseline?: number; restoreBestWeights?: boolean; startFromEpoch?: number }): Callback;
  reduceLROnPlateau(o?: Monitor & { factor?: number; patience?: number; minDelta?: number; cooldown?: number; minLr?: number }): Callback;
  learningRateScheduler(o: ((epoch: number, lr: number) => number) | { schedule: (epoch: number, lr: number) => number; verbose?: 0 | 1 }): Callback;
  terminateOnNaN(): Callback;
};

export * from './worker.js';
export * from './keras_export.js';
