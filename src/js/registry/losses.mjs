// losses.mjs — the losses (keras/src/losses/losses.py), by their JS name: the Keras class,
// the C vocabulary's name (src/vocab.def), aliases as Keras has them ('mse'), and what the
// labels look like (sparse: one class id per row, else one row of the model's width).
export const LOSSES = Object.freeze({
  meanSquaredError: { kerasClass: 'MeanSquaredError', keras: 'mean_squared_error', aliases: ['mse'] },
  binaryCrossentropy: { kerasClass: 'BinaryCrossentropy', keras: 'binary_crossentropy' },
  categoricalCrossentropy: { kerasClass: 'CategoricalCrossentropy', keras: 'categorical_crossentropy' },
  sparseCategoricalCrossentropy: { kerasClass: 'SparseCategoricalCrossentropy', keras: 'sparse_categorical_crossentropy',
    sparse: true, minOutputs: 2 },
});

/** Every accepted loss name: the JS names and their aliases. */
export const lossNames = () => Object.entries(LOSSES).flatMap(([name, l]) => [name, ...(l.aliases ?? [])]);

/** A name or alias → the loss's JS name, or undefined. */
export function canonicalLoss(name) {
  if (typeof name !== 'string') return undefined;
  if (Object.hasOwn(LOSSES, name)) return name;
  return Object.keys(LOSSES).find((k) => LOSSES[k].aliases?.includes(name));
}
