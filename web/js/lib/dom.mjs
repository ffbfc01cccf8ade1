// dom.mjs — the few DOM helpers every page script uses.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** 'Step {n} of {total}' + { n: 3, total: 9 } → 'Step 3 of 9' (unknown keys stay as written). */
export const fill = (text, values = {}) => text.replace(/\{(\w+)\}/g, (all, k) => (k in values ? values[k] : all));

/** An HTML element with attributes and children (nodes or strings). */
export function element(tag, attributes = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** An SVG element with attributes. */
export function svgElement(tag, attributes = {}) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

/** Resolves at the next animation frame. */
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
