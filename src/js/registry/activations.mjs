// activations.mjs — the activation functions (keras/src/activations/activations.py), by
// their JS name, with the Keras name (the C vocabulary's name, src/vocab.def) and, for the
// parametrised ones, Keras's default alpha, which the C kernels receive.
export const ACTIVATIONS = Object.freeze({
  linear: { keras: 'linear' },
  sigmoid: { keras: 'sigmoid' },
  tanh: { keras: 'tanh' },
  relu: { keras: 'relu' },
  leakyRelu: { keras: 'leaky_relu', alpha: 0.2 }, // keras.activations.leaky_relu negative_slope
  elu: { keras: 'elu', alpha: 1.0 },
  selu: { keras: 'selu' },
  softmax: { keras: 'softmax' },
});

export const activationNames = () => Object.keys(ACTIVATIONS);
