// core.mjs — loads the simdtrain wasm module (SIMD or scalar build) and wraps its memory.
//
// The modules are standalone reactor wasm files (no Emscripten JS glue): this loader
// picks one by feature detection, instantiates it in Node (file read) or a browser or
// worker (fetch, streaming when served as application/wasm), and hands out fresh typed
// views on demand, since memory growth detaches the old ArrayBuffer.

// (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): validates only with SIMD.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export const simdSupported = () => WebAssembly.validate(SIMD_PROBE);

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;

async function instantiate(url, imports) {
  if (isNode && url.protocol === 'file:') {
    const fsPromises = 'node:fs/promises'; // non-literal: bundlers leave it alone
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsPromises);
    return WebAssembly.instantiate(await readFile(url), imports);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`simdtrain: fetching ${url} failed: HTTP ${response.status}`);
  const type = response.headers.get('Content-Type') || '';
  if (typeof WebAssembly.instantiateStreaming === 'function' && type.startsWith('application/wasm')) {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

/** Instantiate one build; returns the exports plus memory helpers. */
export async function createCore({ simd = simdSupported(), url } = {}) {
  // Literal new URL(...) forms: bundlers detect these and emit the files as assets.
  url ??= simd ? new URL('./wasm/simdtrain_simd.wasm', import.meta.url)
    : new URL('./wasm/simdtrain_scalar.wasm', import.meta.url);
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  const { instance } = await instantiate(url, imports);
  const ex = instance.exports;
  ex._initialize?.();
  const decoder = new TextDecoder();
  return {
    exports: ex,
    simd: ex.st_simd_enabled() === 1,
    f32: (ptr, n) => new Float32Array(ex.memory.buffer, ptr, n),
    i32: (ptr, n) => new Int32Array(ex.memory.buffer, ptr, n),
    string(ptr) {
      const bytes = new Uint8Array(ex.memory.buffer, ptr);
      return decoder.decode(bytes.subarray(0, bytes.indexOf(0)));
    },
    /** Bytes currently handed out by the C allocator's heap (for leak tests). */
    memoryBytes: () => ex.memory.buffer.byteLength,
  };
}
