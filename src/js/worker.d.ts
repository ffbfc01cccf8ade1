// worker.d.ts — types of worker mode (worker.mjs): a Sequential model inside a Worker.
import type {
  CompileOptions, FitOptions, History, Layer, LayerConfig, LayerStats, Labels, Logs, Matrix, SampleWeight, Weight,
} from './index.js';

export interface WorkerOptions {
  /** false forces the scalar build in the worker; default: SIMD when supported there. */
  simd?: boolean;
  /** A Worker (web) / worker_threads Worker (Node) already running worker_host.mjs, or its URL. */
  worker?: unknown;
}

export interface ProgressEvent {
  type: 'batch' | 'epoch';
  epoch: number;
  /** Batch index within the epoch (type 'batch' only). */
  batch?: number;
  /** Batches run so far in this fit. */
  batches: number;
  logs: Logs;
}

export interface FitState {
  /** A fit is running (possibly paused). */
  fitting: boolean;
  /** Training waits at a batch boundary (or, with no fit running, the next fit starts paused). */
  paused: boolean;
  /** Epoch of the last batch run (0-based). */
  epoch: number;
  /** Index within its epoch of the last batch run; -1 before the first batch of an epoch. */
  batch: number;
  /** Batches run so far in this fit. */
  batches: number;
}

export interface RemoteFitOptions extends FitOptions {
  /** Called on this thread after every batch and epoch (does not hold training up). */
  onProgress?(event: ProgressEvent): void | Promise<void>;
  /** Hand x's and y's buffers to the worker instead of copying them (they are detached here). */
  transfer?: boolean;
}

export interface RemoteCompileConfig {
  optimizer: string | Record<string, unknown>;
  loss: CompileOptions['loss'];
  metrics: NonNullable<CompileOptions['metrics']>;
  weightedMetrics: NonNullable<CompileOptions['weightedMetrics']>;
}

/** A Sequential model in a Worker: the same methods, each returning a Promise. */
export class RemoteSequential {
  /** The Worker (browsers) or worker_threads Worker (Node) the model lives in. */
  readonly worker: unknown;
  readonly simd: boolean;
  readonly version: string;
  readonly layers: Array<Record<string, unknown>>;
  readonly inputShape: number[];
  readonly outputShape: Array<number | null>;
  readonly seed: number | undefined;
  /** The options of the last successful compile() (optimizer as its getConfig()). */
  readonly compileConfig: RemoteCompileConfig | null;
  /** Setting true stops a running fit. */
  stopTraining: boolean;
  compile(options: CompileOptions): Promise<void>;
  fit(x: Matrix, y: Labels, options?: RemoteFitOptions): Promise<History>;
  predict(x: Matrix, options?: { training?: boolean }): Promise<Float32Array>;
  evaluate(x: Matrix, y: Labels, options?: { batchSize?: number; sampleWeight?: SampleWeight }): Promise<Logs>;
  testOnBatch(x: Matrix, y: Labels, options?: { sampleWeight?: SampleWeight }): Promise<Logs>;
  predictOnBatch(x: Matrix): Promise<Float32Array>;
  trainOnBatch(x: Matrix, y: Labels): Promise<number>;
  computeGradients(x: Matrix, y: Labels): Promise<{ loss: number; grads: Float32Array[] }>;
  getWeights(): Promise<Weight[]>;
  setWeights(weights: Array<Float32Array | { values: Float32Array }>): Promise<void>;
  gradientStats(): Promise<LayerStats[] | null>;
  /** Prints here through printFn (default console.log; null: no printing) and resolves to the table. */
  summary(options?: { printFn?: ((line: string) => void) | null }): Promise<string>;
  save(options?: { includeOptimizer?: boolean }): Promise<Uint8Array>;
  /** Listen to training progress; returns a function removing the listener. */
  on(type: 'progress', listener: (event: ProgressEvent) => void | Promise<void>): () => void;
  off(type: 'progress', listener: (event: ProgressEvent) => void | Promise<void>): void;
  /** Pause at the next batch boundary; resolves once paused. With no fit running, the next fit starts paused. */
  pause(): Promise<FitState>;
  /** Run exactly one more batch, then pause; resolves once paused again. */
  step(): Promise<FitState>;
  resume(): Promise<FitState>;
  /** End the running fit; fit resolves with the history so far. */
  stop(): Promise<FitState>;
  state(): Promise<FitState>;
  /** Terminate the worker; pending and later calls reject. */
  /** Terminate the worker now, even during a fit: every pending and later call rejects. */
  terminate(): Promise<void>;
  dispose(): Promise<void>;
}

/** sequential(options), built inside a module Worker (browsers) or a worker_threads Worker (Node). */
export function workerSequential(
  options: { seed?: number; layers: Array<Layer | LayerConfig>; name?: string },
  workerOptions?: WorkerOptions,
): Promise<RemoteSequential>;
