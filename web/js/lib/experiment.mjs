// experiment.mjs — the site's one experiment controller, and the pieces it is made of:
//   generations()   a cancel token source: next() gives a token whose `live` turns false as
//                   soon as a newer one is made (a reset, a new run), so late results of an
//                   old run are dropped instead of drawn;
//   statusLine()    the status line: a string key plus values, re-translated when the
//                   language changes;
//   throttledFrame() a redraw scheduler: at most one animation frame per interval;
//   experiment()    play / pause / step / reset over a page's `advance` (one chunk of
//                   training: an epoch, a few frames), with the Play button's label and
//                   pressed state, the status line and relabelling on language change;
// (task.mjs: a one-shot run behind a button, for the chapters' "Train both" sections.)
// Where the chapter trains in a Worker (options.remote() gives the library's remote model),
// Pause stops the fit in flight at the next batch (the library's pause()), Play resumes it
// (resume()), and, with stepBatches, Step runs exactly one batch (step()).
import { fill } from './dom.mjs';

/** A cancel token source. */
export function generations() {
  let current = 0;
  return {
    next() {
      const mine = ++current;
      return { get live() { return mine === current; } };
    },
    cancel() { current++; },
  };
}

/** statusLine(element, page) → { set(key, values?), clear(), key } — shows page.t(key) filled with values. */
export function statusLine(element, page) {
  let key = null, values = {};
  const show = () => {
    if (element) element.textContent = key === null ? '' : fill(page.t(key), typeof values === 'function' ? values() : values);
  };
  page.onLanguageChange(show);
  return {
    set(k, v = {}) { key = k; values = v; show(); },
    clear() { key = null; show(); },
    get key() { return key; },
  };
}

/**
 * A redraw scheduler: request() runs fn in an animation frame, at most once every
 * `interval` ms however often it is requested, so live charts cost the page's thread a
 * bounded amount of work while a worker streams results.
 */
export function throttledFrame(fn, interval = 125) {
  let scheduled = false, last = -Infinity;
  const run = () => {
    scheduled = false;
    last = performance.now();
    fn();
  };
  return function request() {
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, last + interval - performance.now());
    setTimeout(() => requestAnimationFrame(run), wait);
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * experiment(options) → controller. options:
 *   page                  from setupPage (t, onLanguageChange)
 *   status                the status element; keys 'building', 'ready', 'playing', 'paused',
 *                         'done', 'failed' ({message}) come from the page's strings
 *   values()              the values the status strings are filled with ({ epoch, step, … })
 *   play, step, reset     the buttons (any may be missing)
 *   build(token)          make the network (after a reset); may be absent
 *   dispose()             drop the current network (at once, when a reset starts)
 *   advance(token, playing) one chunk; resolves false when the run is over
 *   rewind()              for a run that can be replayed: start again if it is at its end
 *                         (Play and Step call it; true if it rewound)
 *   remote()              the library's remote model of the current run, or null
 *   stepBatches           Step runs one batch (remote) instead of one chunk
 *   breather              ms between chunks while playing (the page's thread gets a
 *                         turn), or a function returning a promise (e.g. nextFrame)
 *   draw, drawInterval    the redraw function and its throttle (request with draw())
 *   relabel()             called after a language change
 * controller: { play(), pause(), toggle(), step(), reset(), chunks(n), idle(), draw(),
 *   status, playing, finished, token }.
 */
export function experiment(options) {
  const { page, values = () => ({}), build = async () => {}, dispose = () => {}, advance, remote = () => null,
    stepBatches = false, breather = 12, draw = () => {}, drawInterval = 125, relabel = () => {}, rewind = null } = options;
  const status = statusLine(options.status, page);
  const tokens = generations();
  let token = tokens.next();
  let playing = false, finished = false, ready = false, looping = false, remotePaused = false;
  let queue = Promise.resolve(), inFlight = null;
  const requestDraw = throttledFrame(draw, drawInterval);
  const setStatus = (key, extra) => status.set(key, () => ({ ...values(), ...extra }));

  function showPlay() {
    const button = options.play;
    if (!button) return;
    button.textContent = page.t(playing ? 'pause' : 'play');
    button.setAttribute('aria-pressed', String(playing));
    button.disabled = finished && !rewind;
  }

  function rewound() {
    if (rewind?.()) finished = false;
  }

  function fail(t, error) {
    if (!t.live) return;
    playing = false;
    showPlay();
    setStatus('failed', { message: error?.message ?? String(error) });
  }

  // Run fn after everything queued before it: chunks never overlap.
  function enqueue(fn) {
    const run = queue.then(fn);
    queue = run.catch(() => {});
    return run;
  }

  /** One chunk; resolves true if there is more to do. */
  function chunk() {
    const t = token;
    const run = enqueue(async () => {
      if (!t.live || finished || !ready) return false;
      const more = await advance(t, playing);
      if (!t.live) return false;
      if (more === false) {
        finished = true;
        playing = false;
        showPlay();
        if (status.key === 'playing' || status.key === 'paused') setStatus('done');
      }
      requestDraw();
      return more !== false;
    });
    inFlight = run;
    const clear = () => { if (inFlight === run) inFlight = null; };
    run.then(clear, clear);
    return run;
  }

  async function resumeRemote() {
    if (!remotePaused) return;
    remotePaused = false;
    await remote()?.resume();
  }

  async function loop() {
    if (looping) return;
    looping = true;
    const t = token;
    try {
      while (playing && t.live && !finished) {
        if (!(await chunk())) break;
        await (typeof breather === 'function' ? breather() : sleep(breather));
      }
    } catch (error) {
      fail(t, error);
    } finally {
      looping = false;
    }
  }

  function play() {
    rewound();
    if (finished || !ready) return;
    playing = true;
    showPlay();
    setStatus('playing');
    resumeRemote().then(loop, (error) => fail(token, error));
  }

  function pause() {
    const wasPlaying = playing;
    playing = false;
    showPlay();
    const model = remote();
    if (model && inFlight && !remotePaused) {
      remotePaused = true; // the fit in flight halts at the next batch boundary
      model.pause().catch(() => {});
    }
    if (wasPlaying && !finished) setStatus('paused');
  }

  /** Until the remote model has a fit running (it was started just before). */
  async function fitting(model, run) {
    for (let i = 0; i < 200 && inFlight === run; i++) {
      if ((await model.state()).fitting) return true;
      await sleep(5);
    }
    return false;
  }

  async function step() {
    const t = token;
    rewound();
    if (finished || !ready) return;
    pause();
    try {
      const model = remote();
      if (stepBatches && model) {
        if (!inFlight) {
          await model.pause(); // the next fit starts paused, before its first batch
          remotePaused = true;
          chunk().catch((error) => fail(t, error));
        }
        if (await fitting(model, inFlight)) await model.step();
      } else {
        await resumeRemote();
        await (inFlight ?? chunk());
      }
      if (t.live && !finished) setStatus('paused');
      requestDraw();
    } catch (error) {
      fail(t, error);
    }
  }

  function reset() {
    token = tokens.next();
    const t = token;
    playing = finished = ready = remotePaused = false;
    showPlay();
    dispose();
    setStatus('building');
    requestDraw();
    return enqueue(async () => {
      if (!t.live) return;
      await build(t);
      if (!t.live) return;
      ready = true;
      setStatus('ready');
      requestDraw();
    }).catch((error) => fail(t, error));
  }

  /** Pause, then run n whole chunks (a paused fit in flight finishes first); for the tests. */
  async function chunks(n) {
    pause();
    await resumeRemote();
    if (inFlight) await inFlight;
    for (let i = 0; i < n && !finished; i++) await chunk();
    if (token.live && status.key === 'paused') setStatus('paused'); // with the new values
  }

  options.play?.addEventListener('click', () => (playing ? pause() : play()));
  options.step?.addEventListener('click', () => step());
  options.reset?.addEventListener('click', () => reset());
  page.onLanguageChange(() => {
    showPlay();
    relabel();
    requestDraw();
  });
  showPlay();

  return {
    play, pause, step, reset, chunks, status, setStatus,
    toggle: () => (playing ? pause() : play()),
    /** Resolves when everything queued so far has run. */
    idle: () => enqueue(() => {}),
    draw: requestDraw,
    get playing() { return playing; },
    get finished() { return finished; },
    get token() { return token; },
  };
}
