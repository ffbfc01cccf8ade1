// initializers.mjs — the weight initializers (keras/src/initializers/), by their JS name,
// with the Keras name (the C vocabulary's name, src/vocab.def). The random ones draw from
// the model's seeded PCG32 in C (src/initializers.c), so they match Keras in distribution,
// not in values.
export const INITIALIZERS = Object.freeze({
  glorotUniform: { keras: 'glorot_uniform' },
  glorotNormal: { keras: 'glorot_normal' },
  heNormal: { keras: 'he_normal' },
  heUniform: { keras: 'he_uniform' },
  lecunNormal: { keras: 'lecun_normal' },
  lecunUniform: { keras: 'lecun_uniform' },
  orthogonal: { keras: 'orthogonal' },
  zeros: { keras: 'zeros' },
  ones: { keras: 'ones' },
});

export const initializerNames = () => Object.keys(INITIALIZERS);
