// losses.mjs — loss factories and name resolution (Keras 3 names in camelCase; 'mse' is
// an alias of meanSquaredError, as in Keras).
import { checkBoolean, checkName, checkOptions, describe } from './validate.mjs';

export const LOSS_CODES = {
  meanSquaredError: 0, binaryCrossentropy: 1, categoricalCrossentropy: 2, sparseCategoricalCrossentropy: 3,
};
const ALIASES = { mse: 'meanSquaredError' };
const NAMES = [...Object.keys(LOSS_CODES), ...Object.keys(ALIASES)];

function make(name) {
  return (options) => {
    const o = checkOptions(`losses.${name}`, options, ['fromLogits']);
    return Object.freeze({ name, fromLogits: checkBoolean(`losses.${name}`, 'fromLogits', o.fromLogits ?? false) });
  };
}

export const losses = Object.freeze({
  meanSquaredError: make('meanSquaredError'),
  mse: make('meanSquaredError'),
  binaryCrossentropy: make('binaryCrossentropy'),
  categoricalCrossentropy: make('categoricalCrossentropy'),
  sparseCategoricalCrossentropy: make('sparseCategoricalCrossentropy'),
});

/** A loss name or a losses.<name>() object → { name, fromLogits, code }. */
export function resolveLoss(where, loss) {
  if (typeof loss === 'string') {
    const name = ALIASES[checkName(where, 'loss', loss, NAMES)] ?? loss;
    return { name, fromLogits: false, code: LOSS_CODES[name] };
  }
  if (loss && typeof loss === 'object' && LOSS_CODES[loss.name] !== undefined && typeof loss.fromLogits === 'boolean') {
    return { name: loss.name, fromLogits: loss.fromLogits, code: LOSS_CODES[loss.name] };
  }
  throw new Error(`${where}: loss must be one of ${NAMES.map((n) => `'${n}'`).join(', ')} or a losses.<name>() object, got ${describe(loss)}`);
}
