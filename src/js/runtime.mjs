// runtime.mjs — the one loaded core of this JS realm: init() loads it once; everything
// else reaches it through requireCore(), and wasm errors become JS Errors here.
import { createCore, simdSupported } from './core.mjs';
import { checkBoolean, checkOptions } from './validate.mjs';

export const VERSION = '0.1.0';

let core = null;
let loading = null;
let requestedSimd = null;

/** Load the wasm core (idempotent). init({ simd: false }) forces the scalar build. */
export async function init(options) {
  const o = checkOptions('init', options, ['simd']);
  const simd = o.simd === undefined ? simdSupported() : checkBoolean('init', 'simd', o.simd);
  if (simd && !simdSupported()) throw new Error('init: simd must be false here: this engine has no WebAssembly SIMD, got true');
  if (requestedSimd !== null && requestedSimd !== simd) {
    throw new Error(`init: already initialised with simd: ${requestedSimd}; a realm holds one build, got simd: ${simd}`);
  }
  requestedSimd = simd;
  loading ??= createCore({ simd }).then((c) => { core = c; return c; }, (e) => { loading = null; requestedSimd = null; throw e; });
  const c = await loading;
  return { simd: c.simd, version: VERSION };
}

export function requireCore(where) {
  if (!core) throw new Error(`${where}: the wasm core is not loaded; call await init() first`);
  return core;
}

/** Throw the core's last error message if status is not 0. */
export function checkStatus(c, where, status) {
  if (status !== 0) throw new Error(`${where}: ${c.string(c.exports.st_error_message())}`);
}

/** Copy a Float32Array into fresh wasm memory; the caller frees the pointer. */
export function upload(c, data) {
  const ptr = c.exports.st_alloc(Math.max(4, data.length * 4));
  if (!ptr) throw new Error(`simdtrain: out of wasm memory for ${data.length} floats`);
  c.f32(ptr, data.length).set(data);
  return ptr;
}

/** Run fn(ptr) with a scratch buffer of n floats in wasm memory. */
export function withScratch(c, n, fn) {
  const ptr = c.exports.st_alloc(Math.max(4, n * 4));
  if (!ptr) throw new Error(`simdtrain: out of wasm memory for ${n} floats`);
  try {
    return fn(ptr);
  } finally {
    c.exports.st_free(ptr);
  }
}
