// regularizers.mjs — the weight and activity regularizers (keras/src/regularizers/
// regularizers.py), by Keras class name: the factory name (regularizers.l1), the Keras
// string identifier, the factors with Keras's defaults (L1(l1=0.01), L2(l2=0.01),
// L1L2(l1=0.0, l2=0.0); the string 'l1_l2' gives 0.01 and 0.01 in Keras, as 'l1l2' does
// here), and the (l1, l2) pair the C core applies (src/regularizers.c: l1·Σ|x| + l2·Σx²).
// The serialized form is Keras's: { className: 'L1', config: { l1: 0.01 } }.
// Finite, >= 0 (Keras validate_float_arg) and within float32, the precision C applies it in.
const factor = (keras, fallback) => ({ keras, kind: 'number', min: 0, max: 3.4028234663852886e38, default: fallback });

export const REGULARIZERS = Object.freeze({
  L1: { factory: 'l1', keras: 'l1', options: { l1: factor('l1', 0.01) }, factors: (c) => [c.l1, 0] },
  L2: { factory: 'l2', keras: 'l2', options: { l2: factor('l2', 0.01) }, factors: (c) => [0, c.l2] },
  L1L2: { factory: 'l1l2', keras: 'l1_l2', options: { l1: factor('l1', 0), l2: factor('l2', 0) }, factors: (c) => [c.l1, c.l2],
    // Keras's regularizers.get('l1_l2') builds L1L2(l1=0.01, l2=0.01) (its docstring; the class defaults are 0).
    nameDefaults: { l1: 0.01, l2: 0.01 } },
});

export const regularizerClassNames = () => Object.keys(REGULARIZERS);
/** The names a regularizer option takes as a string: 'l1', 'l2', 'l1l2' (and Keras's 'l1_l2'). */
export const regularizerNames = () => ['l1', 'l2', 'l1l2', 'l1_l2'];
