// hold_finalizers.mjs — imported before simdtrain by the API fuzzer: FinalizationRegistry
// callbacks are recorded and not run, so C memory that the API leaks to the garbage collector
// stays allocated and the fuzzer's heap check finds it in the sequence that leaked it
// (with the collector freeing it, a leak would show or not depending on GC timing).
export const finalized = [];
const Native = globalThis.FinalizationRegistry;
if (typeof Native === 'function') {
  globalThis.FinalizationRegistry = class HeldFinalizationRegistry extends Native {
    constructor() {
      super((held) => finalized.push(held));
    }
  };
}
