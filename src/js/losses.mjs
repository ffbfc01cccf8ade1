// losses.mjs — loss factories (losses.binaryCrossentropy({ fromLogits })) and name
// resolution, made from the loss registry (registry/losses.mjs); 'mse' is an alias of
// meanSquaredError, as in Keras.
import { canonicalLoss, LOSSES, lossNames } from './registry/losses.mjs';
import { own, readOptions } from './registry/options.mjs';
import { describe } from './validate.mjs';

const OPTIONS = { fromLogits: { keras: 'from_logits', kind: 'boolean', default: false } };

export class Loss {
  #name; #fromLogits;

  /** @internal use losses.<name>() */
  constructor(name, fromLogits) {
    this.#name = name;
    this.#fromLogits = fromLogits;
    Object.freeze(this);
  }

  get name() { return this.#name; }
  get fromLogits() { return this.#fromLogits; }
  /** The C vocabulary's name (src/vocab.def). */
  get keras() { return LOSSES[this.#name].keras; }
  /** Whether labels are class ids (one per row) rather than rows of the model's width. */
  get sparse() { return LOSSES[this.#name].sparse === true; }
  get minOutputs() { return LOSSES[this.#name].minOutputs ?? 1; }
  getConfig() { return { name: this.#name, fromLogits: this.#fromLogits }; }
}

export const losses = Object.freeze(Object.fromEntries(lossNames().map((alias) => {
  const name = canonicalLoss(alias);
  return [alias, (options) => new Loss(name, readOptions(`losses.${alias}`, OPTIONS, options).fromLogits)];
})));

/** A loss name, a losses.<name>() object or its getConfig() → a Loss. */
export function resolveLoss(where, loss) {
  if (loss instanceof Loss) return loss;
  const name = canonicalLoss(typeof loss === 'string' ? loss : own(loss, 'name'));
  if (name !== undefined && typeof loss === 'string') return new Loss(name, false);
  if (name !== undefined) return losses[name]({ fromLogits: own(loss, 'fromLogits') }); // a getConfig(): checked as given
  throw new Error(`${where}: loss must be one of ${lossNames().map((n) => `'${n}'`).join(', ')} or a losses.<name>() object, got ${describe(loss)}`);
}
