// activations.mjs — the activation functions (keras/src/activations/activations.py), by
// their JS name, with the Keras name (the C vocabulary's name, src/vocab.def) and, for the
// parametrised ones, Keras's default alpha, which the C kernels receive. An alias (aliasOf)
// is a second JS name for the same Keras function, as Keras exports silu also as swish.
export const ACTIVATIONS = Object.freeze({
  linear: { keras: 'linear' },
  sigmoid: { keras: 'sigmoid' },
  tanh: { keras: 'tanh' },
  relu: { keras: 'relu' },
  leakyRelu: { keras: 'leaky_relu', alpha: 0.2 }, // keras.activations.leaky_relu negative_slope
  elu: { keras: 'elu', alpha: 1.0 },
  selu: { keras: 'selu' },
  softmax: { keras: 'softmax' },
  gelu: { keras: 'gelu' }, // Keras's default approximate=False: the exact erf form
  silu: { keras: 'silu' },
  swish: { keras: 'silu', aliasOf: 'silu' }, // keras.activations.swish is silu
  softplus: { keras: 'softplus' },
  softsign: { keras: 'softsign' },
  hardSigmoid: { keras: 'hard_sigmoid' }, // Keras 3: relu6(x + 3) / 6 (Keras 2 and TF.js: 0.2x + 0.5)
  relu6: { keras: 'relu6' },
  mish: { keras: 'mish' },
  exponential: { keras: 'exponential' },
});

export const activationNames = () => Object.keys(ACTIVATIONS);
