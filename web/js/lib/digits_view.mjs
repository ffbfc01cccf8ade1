// digits_view.mjs — drawing for pages about images: a greyscale image as a canvas, a
// confusion matrix as a table, a drawing pad, and the pad's drawing made into an MNIST-style
// 28 × 28 input (cropped, scaled to fit 20 × 20, centred by its centre of mass).
import { element } from './dom.mjs';

/** A canvas showing `values` (rows × cols, 0 = white … 1 = black), scaled `scale` times. */
export function imageCanvas(values, rows, cols, { scale = 3, label = '' } = {}) {
  const canvas = element('canvas', { width: cols, height: rows, role: 'img', 'aria-label': label, class: 'pixelated' });
  canvas.style.width = `${cols * scale}px`;
  canvas.style.height = `${rows * scale}px`;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) {
    const v = 255 - Math.round(255 * Math.min(1, Math.max(0, values[i])));
    image.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** counts[true][predicted] as a table with a caption; the diagonal cells are marked. */
export function confusionTable(counts, { caption, trueLabel, predictedLabel }) {
  const head = element('tr', {}, [element('th', { scope: 'col' }, [`${trueLabel} \\ ${predictedLabel}`]),
    ...counts.map((_, j) => element('th', { scope: 'col' }, [String(j)]))]);
  const rows = counts.map((row, i) => element('tr', {}, [element('th', { scope: 'row' }, [String(i)]),
    ...row.map((n, j) => element('td', i === j ? { class: 'hit' } : n > 0 ? { class: 'miss' } : {}, [String(n)]))]));
  return element('table', { class: 'confusion' }, [element('caption', {}, [caption]), element('thead', {}, [head]), element('tbody', {}, rows)]);
}

/** Freehand drawing on `canvas` (pointer events: mouse, pen, touch); onChange() after each stroke. */
export function drawingPad(canvas, onChange) {
  const ctx = canvas.getContext('2d');
  let drawing = false;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  };
  const clear = () => { ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height); };
  clear();
  ctx.lineWidth = canvas.width / 12;
  ctx.lineCap = ctx.lineJoin = 'round';
  ctx.strokeStyle = '#000';
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(e));
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  const end = () => { if (drawing) { drawing = false; onChange(); } };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  return { clear };
}

/** The pad's ink as a 28 × 28 Float32Array in [0, 1] (MNIST's framing), or null if blank. */
export function padToDigit(canvas) {
  const { width, height } = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let top = height, bottom = -1, left = width, right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[4 * (y * width + x)] < 128) {
        top = Math.min(top, y); bottom = Math.max(bottom, y); left = Math.min(left, x); right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return null;
  const box = Math.max(bottom - top + 1, right - left + 1);
  const small = document.createElement('canvas');
  small.width = small.height = 28;
  const sctx = small.getContext('2d');
  sctx.fillStyle = '#fff';
  sctx.fillRect(0, 0, 28, 28);
  const w = (20 * (right - left + 1)) / box, h = (20 * (bottom - top + 1)) / box;
  sctx.drawImage(canvas, left, top, right - left + 1, bottom - top + 1, (28 - w) / 2, (28 - h) / 2, w, h);
  const pixels = sctx.getImageData(0, 0, 28, 28).data;
  const ink = new Float32Array(784);
  let mass = 0, cx = 0, cy = 0;
  for (let i = 0; i < 784; i++) {
    ink[i] = 1 - pixels[4 * i] / 255;
    mass += ink[i]; cx += ink[i] * (i % 28); cy += ink[i] * Math.floor(i / 28);
  }
  // Shift so the centre of mass sits at the image centre, as MNIST's preprocessing did.
  const dx = Math.round(13.5 - cx / mass), dy = Math.round(13.5 - cy / mass);
  const out = new Float32Array(784);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const sx = x - dx, sy = y - dy;
      if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) out[y * 28 + x] = ink[sy * 28 + sx];
    }
  }
  return out;
}
