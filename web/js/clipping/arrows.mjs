// arrows.mjs — chapter 4's picture of one gradient clipped two ways: the gradient (dashed,
// cut at the edge when it is longer than the drawing), the clipvalue box and its arrow, the
// clipnorm circle and its arrow.
import { svgElement } from '../lib/dom.mjs';
import { PALETTE } from '../lib/line.mjs';

export const COLORS = { original: '#5b6475', value: PALETTE[1], norm: PALETTE[0] };
const fmt = (v) => String(+v.toPrecision(5));

function arrow(from, to, color, { dashed = false, width = 3.5 } = {}) {
  const g = svgElement('g');
  const [x1, y1] = from, [x2, y2] = to;
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len < 0.5) return g;
  const ux = (x2 - x1) / len, uy = (y2 - y1) / len, head = Math.min(14, len * 0.5);
  const bx = x2 - ux * head, by = y2 - uy * head;
  g.append(svgElement('line', { x1, y1, x2: bx, y2: by, stroke: color, 'stroke-width': width, 'stroke-linecap': 'round',
    ...(dashed ? { 'stroke-dasharray': '7 5' } : {}) }));
  g.append(svgElement('path', { d: `M${x2},${y2}L${bx - uy * head * 0.45},${by + ux * head * 0.45}L${bx + uy * head * 0.45},${by - ux * head * 0.45}Z`, fill: color }));
  return g;
}

/**
 * Draw gradient g, its two clipped versions and the clipping box (clipvalue) and circle
 * (clipnorm) of threshold c into `svg` (viewBox 0 0 360 360). labels: { box, circle,
 * offChart(norm) } in the page's language.
 */
export function drawArrows(svg, { g, c, byValue, byNorm }, labels) {
  const size = 360, mid = size / 2;
  const gMax = Math.max(Math.abs(g[0]), Math.abs(g[1]));
  const extent = gMax > 1.6 * c ? 1.6 * c : 1.15 * Math.max(c, gMax); // data units from centre to edge
  const s = (mid - 14) / extent;
  const P = ([x, y]) => [mid + x * s, mid - y * s];
  svg.replaceChildren();
  svg.append(svgElement('rect', { x: 0, y: 0, width: size, height: size, fill: 'white' }));
  svg.append(svgElement('line', { x1: 0, y1: mid, x2: size, y2: mid, stroke: '#dde1e8' }),
    svgElement('line', { x1: mid, y1: 0, x2: mid, y2: size, stroke: '#dde1e8' }));
  svg.append(svgElement('rect', { x: mid - c * s, y: mid - c * s, width: 2 * c * s, height: 2 * c * s,
    fill: 'rgba(213,94,0,0.06)', stroke: COLORS.value, 'stroke-dasharray': '3 3', 'stroke-width': 1.2 }));
  svg.append(svgElement('circle', { cx: mid, cy: mid, r: c * s, fill: 'rgba(0,114,178,0.06)', stroke: COLORS.norm,
    'stroke-dasharray': '3 3', 'stroke-width': 1.2 }));
  const label = (text, x, y, color, anchor = 'start') => {
    const e = svgElement('text', { x, y, fill: color, 'font-size': 13, 'text-anchor': anchor, 'paint-order': 'stroke', stroke: 'white', 'stroke-width': 4 });
    e.textContent = text;
    return e;
  };
  svg.append(label(labels.box, mid - c * s + 4, mid - c * s - 6, COLORS.value));
  svg.append(label(labels.circle, mid - c * s * 0.71 - 4, mid + c * s * 0.71 + 18, COLORS.norm, 'end'));
  const norm = Math.hypot(...g);
  if (norm > 0) {
    // The gradient itself, cut at the edge of the drawing when it is longer.
    const reach = Math.min(1, (extent * 0.97) / gMax);
    const tip = [g[0] * reach, g[1] * reach];
    svg.append(arrow(P([0, 0]), P(tip), COLORS.original, { dashed: true, width: 2.5 }));
    const [tx, ty] = P(tip);
    const text = reach < 1 ? labels.offChart(fmt(norm)) : `g = [${g.map(fmt).join(', ')}]`;
    svg.append(label(text, Math.min(size - 6, Math.max(6, tx)), ty + (ty < mid ? 22 : -10), COLORS.original, tx > mid ? 'end' : 'start'));
  }
  svg.append(arrow(P([0, 0]), P(byValue), COLORS.value));
  svg.append(arrow(P([0, 0]), P(byNorm), COLORS.norm));
  svg.append(svgElement('circle', { cx: mid, cy: mid, r: 3, fill: '#1d2330' }));
}
