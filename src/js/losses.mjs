// losses.mjs — loss factories (losses.binaryCrossentropy({ fromLogits }), losses.huber({ delta }))
// and name resolution, made from the loss registry (registry/losses.mjs), which holds each
// loss's options; 'mse', 'mae' and 'kld' are aliases, as in Keras.
import { canonicalLoss, LOSSES, lossNames } from './registry/losses.mjs';
import { own, readOptions } from './registry/options.mjs';
import { describe } from './validate.mjs';

export class Loss {
  #name; #options;

  /** @internal use losses.<name>() */
  constructor(name, options) {
    this.#name = name;
    this.#options = Object.freeze({ ...options });
    Object.freeze(this);
  }

  get name() { return this.#name; }
  get fromLogits() { return this.#options.fromLogits === true; }
  /** Huber's delta (undefined for the other losses). */
  get delta() { return this.#options.delta; }
  /** The C vocabulary's name (src/vocab.def). */
  get keras() { return LOSSES[this.#name].keras; }
  /** Whether labels are class ids (one per row) rather than rows of the model's width. */
  get sparse() { return LOSSES[this.#name].sparse === true; }
  get minOutputs() { return LOSSES[this.#name].minOutputs ?? 1; }
  /** { name, ...the loss's options }: { name, fromLogits } for the crossentropies and mse,
   *  { name, delta } for huber, { name } for the others. */
  getConfig() { return { name: this.#name, ...this.#options }; }
}

const make = (alias, options) => {
  const name = canonicalLoss(alias);
  return new Loss(name, readOptions(`losses.${alias}`, LOSSES[name].options, options));
};

export const losses = Object.freeze(Object.fromEntries(lossNames().map((alias) => [alias, (options) => make(alias, options)])));

/** A loss name, a losses.<name>() object or its getConfig() → a Loss. */
export function resolveLoss(where, loss) {
  if (loss instanceof Loss) return loss;
  const name = canonicalLoss(typeof loss === 'string' ? loss : own(loss, 'name'));
  if (name !== undefined && typeof loss === 'string') return make(name, undefined);
  if (name !== undefined) { // a getConfig(): its options checked as given, unknown keys refused
    const options = Object.fromEntries(Object.keys(loss).filter((k) => k !== 'name').map((k) => [k, loss[k]]));
    return make(name, options);
  }
  throw new Error(`${where}: loss must be one of ${lossNames().map((n) => `'${n}'`).join(', ')} or a losses.<name>() object, got ${describe(loss)}`);
}
