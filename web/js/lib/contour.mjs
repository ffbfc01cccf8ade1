// contour.mjs — filled contour plots of a function f(x, y) as SVG, with d3-contour and
// d3-scale(-chromatic) (served at vendor/). The plot is an <svg> with a
// viewBox, so it scales to its container; the returned x / y scales map data to viewBox
// pixels, and toData(event) turns a pointer event into data coordinates.
//
//   import { contourPlot } from '../lib/contour.mjs';
//   const plot = contourPlot(svg, { f: (x, y) => x * x + 5 * y * y, x: [-3, 3], y: [-2, 2],
//     width: 600, height: 400, levels: 18, log: true });
//   plot.overlay.append(svgElement('circle', { cx: plot.x(1), cy: plot.y(1), r: 4 }));
//   svg.addEventListener('click', (e) => console.log(plot.toData(e)));
import { contours } from '../../vendor/d3-contour/d3-contour.mjs';
import { scaleLinear, scaleSequential } from '../../vendor/d3-scale/d3-scale.mjs';
import { interpolateBlues } from '../../vendor/d3-scale-chromatic/d3-scale-chromatic.mjs';

import { svgElement } from './dom.mjs';

/**
 * Draw filled contours of f over [x0, x1] × [y0, y1] into `svg` (its content is replaced).
 * options: { f, x: [x0, x1], y: [y0, y1], width = 600, height = 400, resolution = 120 (grid
 * cells along x), levels = 16, log = false (levels spaced evenly in log(f - min + 1e-3)),
 * interpolator = d3 interpolator (default a light-to-dark blue), lines = true, raster = devicePixelRatio, 1 to 2 (the
 * contours are painted once into a bitmap at this many pixels per viewBox unit; 0 keeps
 * them as SVG paths) }.
 * Returns { svg, x, y, background, overlay, toData(event) → [x, y], inside([x, y]) }.
 * `overlay` is a <g> to put trajectories and markers in, above the contours.
 */
export function contourPlot(svg, options) {
  const { f, x: [x0, x1], y: [y0, y1], width = 600, height = 400, resolution = 120, levels = 16, log = false,
    interpolator = (t) => interpolateBlues(0.08 + 0.8 * t), lines = true,
    raster = Math.min(2, Math.max(1, Math.round(globalThis.devicePixelRatio || 1))) } = options;
  const nx = resolution, ny = Math.max(8, Math.round(resolution * height / width));
  const values = new Float64Array(nx * ny);
  let min = Infinity, max = -Infinity;
  for (let j = 0; j < ny; j++) {
    const y = y1 - (j + 0.5) / ny * (y1 - y0); // row 0 at the top
    for (let i = 0; i < nx; i++) {
      const v = f(x0 + (i + 0.5) / nx * (x1 - x0), y);
      values[j * nx + i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // Transform so the levels are spaced evenly in the chosen scale.
  const shift = min - 1e-3 * Math.max(1, max - min);
  const g = log ? (v) => Math.log(v - shift) : (v) => v;
  const gMin = g(min), gMax = g(max);
  const transformed = log ? values.map(g) : values;
  const thresholds = Array.from({ length: levels }, (_, k) => gMin + (k / levels) * (gMax - gMin));
  const color = scaleSequential(interpolator).domain([gMax, gMin]); // low values dark
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const background = svgElement('g', { class: 'contours' });
  const sx = width / nx, sy = height / ny;
  for (const c of contours().size([nx, ny]).thresholds(thresholds)(transformed)) {
    let d = '';
    for (const polygon of c.coordinates) {
      for (const ring of polygon) {
        d += ring.map(([px, py], k) => `${k ? 'L' : 'M'}${(px * sx).toFixed(1)},${(py * sy).toFixed(1)}`).join('') + 'Z';
      }
    }
    background.append(svgElement('path', { d, fill: color(c.value), stroke: lines ? 'rgba(255,255,255,0.35)' : 'none', 'stroke-width': 0.6 }));
  }
  svg.append(svgElement('rect', { x: 0, y: 0, width, height, fill: color(gMax) }), background);
  if (raster) {
    // Paint the filled contours once into a bitmap: big SVG fills are slow to repaint every
    // animation frame (software rendering), an <image> is cheap.
    const canvas = document.createElement('canvas');
    canvas.width = width * raster;
    canvas.height = height * raster;
    const ctx = canvas.getContext('2d');
    ctx.scale(raster, raster);
    ctx.fillStyle = color(gMax);
    ctx.fillRect(0, 0, width, height);
    for (const path of background.children) {
      const p = new Path2D(path.getAttribute('d'));
      ctx.fillStyle = path.getAttribute('fill');
      ctx.fill(p);
      if (lines) { ctx.strokeStyle = 'rgba(255,255,255,0.35)'; ctx.lineWidth = 0.6; ctx.stroke(p); }
    }
    background.replaceChildren(svgElement('image', { href: canvas.toDataURL('image/png'), x: 0, y: 0, width, height,
      preserveAspectRatio: 'none' }));
  }
  const overlay = svgElement('g', { class: 'overlay' });
  svg.append(overlay);
  const x = scaleLinear().domain([x0, x1]).range([0, width]);
  const y = scaleLinear().domain([y0, y1]).range([height, 0]);
  return {
    svg, x, y, background, overlay,
    /** Data coordinates of a pointer/mouse event over the svg. */
    toData(event) {
      const m = svg.getScreenCTM();
      if (!m) return [NaN, NaN];
      const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
      return [x.invert(p.x), y.invert(p.y)];
    },
    inside([px, py]) { return px >= x0 && px <= x1 && py >= y0 && py <= y1; },
  };
}
