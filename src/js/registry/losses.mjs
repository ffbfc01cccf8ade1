// losses.mjs — the losses (keras/src/losses/losses.py), by their JS name: the Keras class,
// the C vocabulary's name (src/vocab.def), aliases as Keras has them ('mse', 'mae', 'kld'),
// what the labels look like (sparse: one class id per row, else one row of the model's width),
// and the options the loss takes (read by options.mjs; each reaches C through
// st_model_compile: fromLogits as from_logits, delta as huber's delta). meanSquaredError keeps
// the fromLogits option it has always accepted (and ignores, as Keras's MSE has none).
const FROM_LOGITS = Object.freeze({ fromLogits: { keras: 'from_logits', kind: 'boolean', default: false } });
const NONE = Object.freeze({});

export const LOSSES = Object.freeze({
  meanSquaredError: { kerasClass: 'MeanSquaredError', keras: 'mean_squared_error', aliases: ['mse'], options: FROM_LOGITS },
  binaryCrossentropy: { kerasClass: 'BinaryCrossentropy', keras: 'binary_crossentropy', options: FROM_LOGITS },
  categoricalCrossentropy: { kerasClass: 'CategoricalCrossentropy', keras: 'categorical_crossentropy', options: FROM_LOGITS },
  sparseCategoricalCrossentropy: { kerasClass: 'SparseCategoricalCrossentropy', keras: 'sparse_categorical_crossentropy',
    sparse: true, minOutputs: 2, options: FROM_LOGITS },
  meanAbsoluteError: { kerasClass: 'MeanAbsoluteError', keras: 'mean_absolute_error', aliases: ['mae'], options: NONE },
  huber: { kerasClass: 'Huber', keras: 'huber', options: Object.freeze({
    delta: { keras: 'delta', kind: 'number', min: 0, minExclusive: true, default: 1.0 } }) },
  logCosh: { kerasClass: 'LogCosh', keras: 'log_cosh', options: NONE },
  klDivergence: { kerasClass: 'KLDivergence', keras: 'kl_divergence', aliases: ['kld'], options: NONE },
  hinge: { kerasClass: 'Hinge', keras: 'hinge', options: NONE },
});

/** Every accepted loss name: the JS names and their aliases. */
export const lossNames = () => Object.entries(LOSSES).flatMap(([name, l]) => [name, ...(l.aliases ?? [])]);

/** Every option key any loss takes (the keys a loss config may hold besides its name). */
export const lossOptionKeys = () => [...new Set(Object.values(LOSSES).flatMap((l) => Object.keys(l.options)))];

/** A name or alias → the loss's JS name, or undefined. */
export function canonicalLoss(name) {
  if (typeof name !== 'string') return undefined;
  if (Object.hasOwn(LOSSES, name)) return name;
  return Object.keys(LOSSES).find((k) => LOSSES[k].aliases?.includes(name));
}
