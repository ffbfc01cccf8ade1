// surfaces.mjs — the four 2-D loss surfaces of chapter 1, each with its analytic gradient,
// the plotted region, its minima, a default start point and default learning rates (one for
// the plain-gradient family SGD / Momentum / Nesterov, one for the adaptive family, whose
// learning rate is a step length in parameter units), the number of steps to run, and the same
// function and gradient in Python for the Keras snippet.

const sech2 = (z) => { const c = Math.cosh(z); return 1 / (c * c); };

export const SURFACES = {
  valley: {
    // Long narrow valley: 100× steeper across (y) than along (x).
    f: (x, y) => 0.05 * x * x + 5 * y * y,
    grad: (x, y) => [0.1 * x, 10 * y],
    x: [-10, 10], y: [-4, 4], minima: [[0, 0]], start: [-9, 3],
    lrPlain: 0.13, lrAdaptive: 0.3, momentum: 0.9, steps: 200, log: true,
    py: { f: '0.05 * x**2 + 5 * y**2', grad: '[0.1 * x, 10 * y]' },
  },
  rosenbrock: {
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    x: [-2, 2], y: [-1, 3], minima: [[1, 1]], start: [-1.5, 2.5],
    lrPlain: 0.0006, lrAdaptive: 0.1, momentum: 0.9, steps: 500, log: true,
    py: { f: '(1 - x)**2 + 100 * (y - x**2)**2', grad: '[-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)]' },
  },
  saddle: {
    // x² − y² near the origin (a saddle point), with y⁴/4 so that it has two minima at y = ±√2.
    f: (x, y) => x * x - y * y + 0.25 * y ** 4,
    grad: (x, y) => [2 * x, -2 * y + y ** 3],
    x: [-2, 2], y: [-2, 2], minima: [[0, Math.SQRT2], [0, -Math.SQRT2]], start: [-1.9, 0.002],
    lrPlain: 0.05, lrAdaptive: 0.05, momentum: 0.9, steps: 200, log: false,
    py: { f: 'x**2 - y**2 + y**4 / 4', grad: '[2 * x, -2 * y + y**3]' },
  },
  plateau: {
    // A gently tilted plateau (left), a cliff (tanh) at x = 1, and a basin at x ≈ 3.
    f: (x, y) => -Math.tanh(3 * (x - 1)) + 0.01 * (x - 3) ** 2 + 0.5 * y * y,
    grad: (x, y) => [-3 * sech2(3 * (x - 1)) + 0.02 * (x - 3), y],
    x: [-4, 5], y: [-2, 2], minima: [[3, 0]], start: [-3.5, 1.5],
    lrPlain: 0.1, lrAdaptive: 0.05, momentum: 0.9, steps: 300, log: false,
    py: { f: '-np.tanh(3 * (x - 1)) + 0.01 * (x - 3)**2 + 0.5 * y**2', grad: '[-3 / np.cosh(3 * (x - 1))**2 + 0.02 * (x - 3), y]' },
  },
};
