// engine.mjs — the training logic shared by the playground and chapters 2 and 3: a
// network described by a plain `spec` becomes a simdtrain model in a Worker
// (workerSequential: training never runs on the page's thread), and training reports
// one record per optimizer step (batch loss and the per-layer gradient statistics).
//
// spec = { seed, hidden: [units…], activation, initializer, weightScale, biasValue,
//          batchNorm, inputBatchNorm, bnMomentum, optimizer: { name, …hyperparameters },
//          clip: { kind: 'none' | 'clipValue' | 'clipNorm' | 'globalClipNorm', value },
//          regularizer: { kind: 'none' | 'l1' | 'l2', rate } }  (on every Dense kernel)
// The output is one linear unit trained with binaryCrossentropy({ fromLogits: true }), so
// that saturated outputs still pass a gradient; predictions go through a sigmoid here.
import { layers, losses, optimizers, regularizers } from '../../lib/simdtrain/index.mjs';
import { workerSequential } from '../../lib/simdtrain/worker.mjs';

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu'];
export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal'];
export const CLIPS = ['none', 'clipValue', 'clipNorm', 'globalClipNorm'];
export const REGULARIZERS = ['none', 'l1', 'l2'];

/**
 * The optimizer choices of the site: the library optimizer each one builds, settings it
 * always has (Momentum and Nesterov are SGD with momentum), and the hyperparameters the
 * playground shows for it besides the learning rate. Their defaults are the library's
 * (optimizerDefaults), i.e. Keras's.
 */
export const OPTIMIZER_CHOICES = {
  sgd: { kind: 'sgd', shows: [] },
  momentum: { kind: 'sgd', shows: ['momentum'] },
  nesterov: { kind: 'sgd', shows: ['momentum'], fixed: { nesterov: true } },
  adagrad: { kind: 'adagrad', shows: ['initialAccumulatorValue', 'epsilon'] },
  rmsprop: { kind: 'rmsprop', shows: ['rho', 'momentum', 'epsilon'] },
  adam: { kind: 'adam', shows: ['beta1', 'beta2', 'epsilon'] },
  nadam: { kind: 'nadam', shows: ['beta1', 'beta2', 'epsilon'] },
  adamw: { kind: 'adamw', shows: ['beta1', 'beta2', 'weightDecay'] },
  adamax: { kind: 'adamax', shows: ['beta1', 'beta2', 'epsilon'] },
  adadelta: { kind: 'adadelta', shows: ['rho', 'epsilon'] },
};
export const OPTIMIZERS = Object.keys(OPTIMIZER_CHOICES);

/** The library's default settings of optimizer `kind` ({ learningRate, beta1, … }), read from its getConfig(). */
export function optimizerDefaults(kind) {
  const optimizer = optimizers[kind]();
  try {
    const config = optimizer.getConfig();
    return { ...(config.config ?? config) }; // { className, config } or the flat form
  } finally {
    optimizer.dispose?.();
  }
}

/** The simdtrain optimizer for spec.optimizer ({ name: a choice, learningRate, …shown }) and spec.clip. */
export function makeOptimizer(spec) {
  const { name, ...params } = spec.optimizer;
  const choice = OPTIMIZER_CHOICES[name];
  const config = { learningRate: params.learningRate, ...choice.fixed };
  for (const key of choice.shows) if (params[key] !== undefined) config[key] = params[key];
  const clip = spec.clip ?? { kind: 'none' };
  if (clip.kind !== 'none' && clip.value > 0) config[clip.kind] = clip.value;
  return optimizers[choice.kind](config);
}

// 'large' is no Keras initializer: glorotNormal, rescaled after the build (adjustWeights)
// so that every hidden kernel has standard deviation 1 — the "just use N(0, 1)" mistake.
const kernelInitializer = (spec) => (spec.initializer === 'large' ? 'glorotNormal' : spec.initializer);

// Keras's kernel_regularizer on every Dense layer (as TensorFlow Playground penalises every weight).
function kernelRegularizer(spec) {
  const { kind = 'none', rate = 0 } = spec.regularizer ?? {};
  return kind !== 'none' && rate > 0 ? { kernelRegularizer: regularizers[kind](rate) } : {};
}

/** The layer list for spec: [input BN], (Dense [+ BN]) per hidden layer, Dense(1). */
export function makeLayers(spec) {
  const list = [];
  const first = { inputShape: [2] };
  const penalty = kernelRegularizer(spec);
  if (spec.inputBatchNorm) list.push(layers.batchNormalization({ ...first, momentum: spec.bnMomentum ?? 0.99 }));
  spec.hidden.forEach((units, i) => {
    list.push(layers.dense({ units, activation: spec.activation, kernelInitializer: kernelInitializer(spec), ...penalty,
      ...(list.length === 0 && i === 0 ? first : {}) }));
    if (spec.batchNorm) list.push(layers.batchNormalization({ momentum: spec.bnMomentum ?? 0.99 }));
  });
  list.push(layers.dense({ units: 1, activation: 'linear', ...penalty, ...(list.length === 0 ? first : {}) }));
  return list;
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** Mean binary cross-entropy of logits against 0/1 labels (what fromLogits computes). */
export function logitLoss(logits, y) {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const z = logits[i];
    sum += Math.max(z, 0) - z * y[i] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return sum / y.length;
}

/**
 * One network in a Worker. Methods return Promises. train() runs `epochs` epochs and
 * calls onStep({ step, loss, layers }) after each batch, where layers lists the Dense
 * (and BatchNormalization) layers of gradientStats(): { name, className, gradientNorm,
 * deadFraction, saturatedFraction, batchMean, batchVariance, movingMean, movingVariance }.
 */
export class Network {
  static async create(spec) {
    const model = await workerSequential({ seed: spec.seed >>> 0, layers: makeLayers(spec) });
    const net = new Network(spec, model);
    await model.compile({ optimizer: makeOptimizer(spec), loss: losses.binaryCrossentropy({ fromLogits: true }),
      metrics: ['accuracy'] });
    await net.#adjustWeights();
    return net;
  }

  constructor(spec, model) {
    this.spec = spec;
    this.model = model; // the RemoteSequential: pause()/step()/resume() control a running fit
    this.step = 0;
  }

  // "large" weights: scale the hidden kernels; negative biases: set them (no initializer
  // gives a negative constant, so both go through setWeights after the build).
  async #adjustWeights() {
    const scale = this.spec.weightScale ?? 1, bias = this.spec.biasValue ?? 0, large = this.spec.initializer === 'large';
    if (scale === 1 && bias === 0 && !large) return;
    const weights = await this.model.getWeights();
    const hidden = weights.filter((w) => /^dense(_\d+)?\//.test(w.name));
    const last = hidden[hidden.length - 1].name.split('/')[0];
    for (const w of hidden) {
      if (w.name.startsWith(`${last}/`)) continue;
      if (w.name.endsWith('/kernel')) {
        const factor = scale * (large ? Math.sqrt((w.shape[0] + w.shape[1]) / 2) : 1);
        w.values = w.values.map((v) => v * factor);
      }
      if (w.name.endsWith('/bias') && bias !== 0) w.values.fill(bias);
    }
    await this.model.setWeights(weights.map((w) => w.values));
  }

  /** Train `epochs` epochs over (x, y); resolves with the last batch loss. */
  async train(x, y, { epochs = 1, batchSize = 32, onStep } = {}) {
    let lastLoss = NaN;
    const copy = (v) => (v ? Array.from(v) : undefined);
    await this.model.fit(x, y, {
      epochs, batchSize, shuffle: true, diagnostics: true, terminateOnNaN: false,
      onBatchEnd: (batch, logs) => {
        // logs.loss is Keras's running mean over the epoch; logs.batchLoss is this batch's own.
        const loss = logs.batchLoss;
        lastLoss = loss;
        this.step++;
        if (!onStep) return;
        const stats = (logs.diagnostics ?? []).filter((l) => l.className !== 'Activation' && l.className !== 'Dropout')
          .map((l) => ({ name: l.name, className: l.className, gradientNorm: l.weights[0]?.gradientNorm ?? null,
            deadFraction: l.deadFraction, saturatedFraction: l.saturatedFraction,
            batchMean: copy(l.batchMean), batchVariance: copy(l.batchVariance),
            movingMean: copy(l.movingMean), movingVariance: copy(l.movingVariance) }));
        onStep({ step: this.step, loss, accuracy: logs.accuracy, layers: stats });
      },
    });
    return lastLoss;
  }

  /** Probabilities of class 1 for flat [n, 2] points (inference mode). */
  async probabilities(points) {
    const logits = await this.model.predict(points);
    return logits.map(sigmoid);
  }

  /** √(Σ w²) over every Dense kernel (biases and BN weights left out): what L2 penalises. */
  async kernelNorm() {
    let sum = 0;
    for (const w of await this.model.getWeights()) {
      if (w.name.endsWith('/kernel')) for (const v of w.values) sum += v * v;
    }
    return Math.sqrt(sum);
  }

  /** Loss of the network on (x, y), inference mode. */
  async loss(x, y) {
    const logits = await this.model.predict(x);
    return logitLoss(logits, y);
  }

  dispose() { return this.model.dispose(); }
}
