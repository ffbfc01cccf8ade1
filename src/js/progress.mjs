// progress.mjs — fit's verbose output, as Keras's ProgbarLogger (keras/src/callbacks/
// progbar_logger.py): verbose 1 draws a progress bar per epoch (batches done, ETA, loss and
// metrics), redrawn in place in a terminal; verbose 2 prints one line per epoch; 'auto' (the
// default) is 1 in a Node terminal, 2 in Node when the output is not a terminal (a file, a
// pipe, a CI log) and 0 — silent — in browsers and workers, unless asked.
import { Callback } from './callbacks.mjs';
import { fail } from './validate.mjs';

const isNode = typeof process === 'object' && process.versions?.node != null;
const REDRAW_MILLISECONDS = 50;
const BAR_WIDTH = 30;

/** fit's verbose option → 0, 1 or 2. */
export function resolveVerbose(where, verbose, { inWorker = false } = {}) {
  if (verbose === undefined || verbose === 'auto') {
    if (!isNode || inWorker) return 0;
    return process.stdout?.isTTY ? 1 : 2;
  }
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) fail(where, 'verbose', "'auto', 0, 1 or 2", verbose);
  return verbose;
}

const number = (v) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(3));
const metrics = (logs) => Object.entries(logs).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k}: ${number(v)}`).join(' - ');
const duration = (ms) => (ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms)}ms`);

export class ProgressLogger extends Callback {
  #mode; #epochs; #batches; #write; #tty; #started = 0; #drawn = 0;

  constructor(mode, epochs, batches) {
    super();
    this.#mode = mode;
    this.#epochs = epochs;
    this.#batches = batches;
    this.#tty = isNode && process.stdout?.isTTY === true;
    this.#write = isNode ? (text) => process.stdout.write(text) : (text) => console.log(text.trimEnd());
  }

  /** Progress bars need every batch's logs; one line per epoch does not. */
  get wantsBatches() { return this.#mode === 1 && this.#tty; }

  onEpochBegin(epoch) {
    this.#started = performance.now();
    this.#drawn = 0;
    if (this.#mode === 1 || this.#mode === 2) this.#write(`Epoch ${epoch + 1}/${this.#epochs}\n`);
  }

  onBatchEnd(batch, logs) {
    if (!this.wantsBatches) return;
    const now = performance.now();
    if (now - this.#drawn < REDRAW_MILLISECONDS && batch + 1 < this.#batches) return;
    this.#drawn = now;
    const done = batch + 1;
    const eta = ((now - this.#started) / done) * (this.#batches - done);
    const filled = Math.round((BAR_WIDTH * done) / this.#batches);
    const bar = `${'━'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}`;
    const { batchLoss, ...shown } = logs;
    this.#write(`\r${String(done).padStart(String(this.#batches).length)}/${this.#batches} ${bar} ETA ${duration(eta)} - ${metrics(shown)}\x1b[K`);
  }

  onEpochEnd(epoch, logs) {
    const ms = performance.now() - this.#started;
    const line = `${this.#batches}/${this.#batches} - ${duration(ms)} - ${duration(ms / this.#batches)}/step - ${metrics(logs)}`;
    this.#write(this.wantsBatches ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}
