// task.mjs — a one-shot run behind a button ("Train both"): the button is disabled (and
// relabelled) while it runs, a newer run or cancel() makes the older one's token die, and a
// failure shows in its status line.
import { generations, statusLine } from './experiment.mjs';

/**
 * task({ page, button, status, busyKey, run }) → { start(...args), cancel(), status }: a
 * one-shot run (e.g. "Train both") behind a button. start() cancels any earlier run (its
 * token dies), disables the button (labelled busyKey meanwhile) and calls run(token,
 * ...args); a failure shows 'failed' ({message}) in the status line and rejects.
 */
export function task({ page, button, status: element, busyKey = null, run }) {
  const tokens = generations();
  const status = statusLine(element, page);
  let busy = false;
  const label = () => {
    if (busyKey) button.textContent = page.t(busy ? busyKey : button.dataset.i18n);
  };
  page.onLanguageChange(label);
  return {
    status,
    async start(...args) {
      const t = tokens.next();
      busy = true;
      button.disabled = true;
      label();
      try {
        return await run(t, ...args);
      } catch (error) {
        if (t.live) status.set('failed', { message: error?.message ?? String(error) });
        throw error;
      } finally {
        if (t.live) {
          busy = false;
          button.disabled = false;
          label();
        }
      }
    },
    cancel() {
      tokens.cancel();
      busy = false;
      button.disabled = false;
      label();
      status.clear();
    },
  };
}
