// sliders.mjs — chapter 1's hyperparameter sliders: the two learning rates (log scale, the
// value used rounded to 2 digits), SGD's momentum, RMSprop's ρ, Adam's and Nadam's β₁ and β₂
// (β₂ from a short list: its interesting values differ in the number of nines).
import { $ } from '../lib/dom.mjs';

const BETA2 = [0.9, 0.99, 0.995, 0.999, 0.9999];

// kind: 'log' (lo, hi: powers of ten over the input's 0…100), 'linear' (the input's value),
// 'list' (the input's value indexes `values`).
const SLIDERS = {
  lrPlain: { id: 'lr-plain', kind: 'log', lo: -4, hi: 0 },
  lrAdaptive: { id: 'lr-adaptive', kind: 'log', lo: -3, hi: 0 },
  momentum: { id: 'momentum', kind: 'linear', digits: 2 },
  rho: { id: 'rho', kind: 'linear', digits: 2 },
  beta1: { id: 'beta1', kind: 'linear', digits: 2 },
  beta2: { id: 'beta2', kind: 'list', values: BETA2 },
};

function read(s) {
  const v = Number($(s.id).value);
  if (s.kind === 'log') return +(10 ** (s.lo + (s.hi - s.lo) * v / 100)).toPrecision(2);
  if (s.kind === 'list') return s.values[v];
  return v;
}

function write(s, value) {
  const input = $(s.id);
  if (s.kind === 'log') input.value = String(Math.round((Math.log10(value) - s.lo) / (s.hi - s.lo) * 100));
  else if (s.kind === 'list') input.value = String(Math.max(0, s.values.indexOf(value)));
  else input.value = String(value);
}

const shown = (s, v) => (s.digits ? v.toFixed(s.digits) : String(v));

/** Wire the sliders to settings (an object they write into); onChange() after each move. */
export function setupSliders(settings, onChange) {
  function show() {
    for (const [key, s] of Object.entries(SLIDERS)) {
      const text = shown(s, settings[key]);
      $(`${s.id}-value`).textContent = text;
      $(s.id).setAttribute('aria-valuetext', text);
    }
  }
  for (const [key, s] of Object.entries(SLIDERS)) {
    $(s.id).addEventListener('input', () => {
      settings[key] = read(s);
      show();
      onChange();
    });
  }
  return {
    /** Move every slider to `values` (and copy them into settings). */
    set(values) {
      Object.assign(settings, values);
      for (const [key, s] of Object.entries(SLIDERS)) write(s, settings[key]);
      show();
    },
  };
}
