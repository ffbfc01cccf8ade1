// heatmap.mjs — the decision-boundary picture: a canvas showing the network's probability
// of class 1 over the plane (a grid of predictions, coloured with d3-scale-chromatic's
// RdBu, faded toward white so the points stand out), the 0.5 contour, and the data points
// on top (training points filled, test points hollow).
import { rgb } from '../../vendor/d3-color/d3-color.mjs';
import { contours } from '../../vendor/d3-contour/d3-contour.mjs';
import { scaleLinear } from '../../vendor/d3-scale/d3-scale.mjs';
import { interpolateRdBu } from '../../vendor/d3-scale-chromatic/d3-scale-chromatic.mjs';
import { DOMAIN } from './datasets.mjs';

export const CLASS_COLORS = ['#c0392b', '#1f5fa8'];

// 256-entry lookup table: probability → faded RdBu colour (0 red, 1 blue).
const LUT = (() => {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolateRdBu(0.08 + 0.84 * (i / 255)));
    const fade = 0.5;
    table[3 * i] = c.r + (255 - c.r) * fade;
    table[3 * i + 1] = c.g + (255 - c.g) * fade;
    table[3 * i + 2] = c.b + (255 - c.b) * fade;
  }
  return table;
})();

/**
 * heatmap(canvas, { size }) → { draw(probabilities | null, train, test, showTest) }.
 * probabilities: size × size values, row 0 at the top (datasets.grid(size) order).
 */
export function heatmap(canvas, { size = 48, pixels = 360 } = {}) {
  canvas.width = pixels;
  canvas.height = pixels;
  const g = canvas.getContext('2d');
  const cells = document.createElement('canvas');
  cells.width = size;
  cells.height = size;
  const cg = cells.getContext('2d');
  const image = cg.createImageData(size, size);
  const sx = scaleLinear().domain(DOMAIN).range([0, pixels]);
  const sy = scaleLinear().domain(DOMAIN).range([pixels, 0]);

  function points(data, filled) {
    if (!data) return;
    for (let i = 0; i < data.n; i++) {
      const px = sx(data.x[2 * i]), py = sy(data.x[2 * i + 1]);
      g.beginPath();
      g.arc(px, py, filled ? 3.6 : 3.4, 0, 2 * Math.PI);
      if (filled) {
        g.fillStyle = CLASS_COLORS[data.y[i] > 0.5 ? 1 : 0];
        g.fill();
        g.strokeStyle = 'white';
        g.lineWidth = 1;
        g.stroke();
      } else {
        g.strokeStyle = CLASS_COLORS[data.y[i] > 0.5 ? 1 : 0];
        g.lineWidth = 1.8;
        g.stroke();
      }
    }
  }

  return {
    draw(probabilities, train, test, showTest = true) {
      g.fillStyle = '#f4f5f7';
      g.fillRect(0, 0, pixels, pixels);
      if (probabilities) {
        for (let i = 0; i < size * size; i++) {
          const p = probabilities[i];
          const k = Number.isFinite(p) ? Math.round(Math.min(1, Math.max(0, p)) * 255) : 128;
          image.data[4 * i] = LUT[3 * k];
          image.data[4 * i + 1] = LUT[3 * k + 1];
          image.data[4 * i + 2] = LUT[3 * k + 2];
          image.data[4 * i + 3] = Number.isFinite(p) ? 255 : 60;
        }
        cg.putImageData(image, 0, 0);
        g.imageSmoothingEnabled = true;
        g.drawImage(cells, 0, 0, pixels, pixels);
        // The decision boundary: the 0.5 contour of the predictions (d3-contour).
        g.strokeStyle = 'rgba(29, 35, 48, 0.7)';
        g.lineWidth = 1.5;
        g.beginPath();
        const cell = pixels / size;
        const values = Array.from(probabilities, (p) => (Number.isFinite(p) ? p : 0.5));
        for (const polygon of contours().size([size, size]).thresholds([0.5])(values)[0].coordinates) {
          for (const ring of polygon) {
            ring.forEach(([cx, cy], i) => {
              // skip the frame of the grid: only the boundary inside the picture is drawn
              const px = cx * cell, py = cy * cell;
              const onEdge = cx <= 0.5 || cy <= 0.5 || cx >= size - 0.5 || cy >= size - 0.5;
              if (i === 0 || onEdge) g.moveTo(px, py); else g.lineTo(px, py);
            });
          }
        }
        g.stroke();
      }
      points(train, true);
      if (showTest) points(test, false);
    },
  };
}

/**
 * Per-layer bars (dead or saturated fraction): `container` gets one row per layer with a
 * <meter>-like bar and the percentage as text. rows: [{ label, value (0…1 or null) }].
 */
export function layerBars(container, rows, { color = '#c0392b', empty = '—' } = {}) {
  // Rows are built once per layer count and then only updated (cheap during training).
  if (container.childElementCount !== rows.length || !container.firstElementChild?.classList.contains('bar-row')) {
    container.replaceChildren(...rows.map(() => {
      const row = document.createElement('div');
      row.className = 'bar-row';
      const track = document.createElement('span');
      track.className = 'bar-track';
      const fill = document.createElement('span');
      fill.className = 'bar-fill';
      track.append(fill);
      row.append(Object.assign(document.createElement('span'), { className: 'bar-label' }), track,
        Object.assign(document.createElement('span'), { className: 'bar-value' }));
      return row;
    }));
  }
  rows.forEach(({ label, value }, i) => {
    const [name, track, text] = container.children[i].children;
    if (name.textContent !== label) name.textContent = label;
    const fill = track.firstElementChild;
    fill.style.width = value == null ? '0' : `${(value * 100).toFixed(1)}%`;
    fill.style.background = color;
    const shown = value == null ? empty : `${Math.round(value * 100)}%`;
    if (text.textContent !== shown) text.textContent = shown;
  });
}
