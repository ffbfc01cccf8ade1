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

async function instantiate(url, imports, given) {
  if (isNode && url.protocol === 'file:') {
    const fsPromises = 'node:fs/promises'; // non-literal: bundlers leave it alone
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsPromises);
    let bytes;
    try {
      bytes = await readFile(url);
    } catch (error) {
      if (error?.code !== 'ENOENT') throw error;
      if (given) throw new Error(`init: wasmUrl gave ${url.pathname}, which does not exist`);
      throw new Error(`simdtrain: the wasm core ${url.pathname} is missing: this copy of simdtrain was not built. Install the published package, or run \`npm run build\` in its folder (it needs Emscripten; see its README), or pass init({ wasmUrl }) pointing at the .wasm file`);
    }
    return WebAssembly.instantiate(bytes, imports);
  }
  const response = await fetch(url);
  if (!response.ok) {
    const fix = given ? '' : '; if a bundler moved simdtrain\'s files, serve the package\'s simdtrain/wasm/* files and pass init({ wasmUrl: (file) => url }) with where they are';
    throw new Error(`simdtrain: fetching ${url} failed: HTTP ${response.status}${fix}`);
  }
  const type = response.headers.get('Content-Type') || '';
  if (typeof WebAssembly.instantiateStreaming === 'function' && type.startsWith('application/wasm')) {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

export const WASM_FILES = { simd: 'simdtrain_simd.wasm', scalar: 'simdtrain_scalar.wasm' };

/** The absolute URL init({ wasmUrl }) gives for one .wasm file, or undefined when not given.
 *  A relative URL is resolved here, against the page (or the current directory in Node), so
 *  that a worker handed the result finds the same file (not one relative to its script). */
export function givenWasmUrl(file, wasmUrl) {
  const given = typeof wasmUrl === 'function' ? wasmUrl(file) : wasmUrl;
  if (given === undefined) return undefined;
  const base = globalThis.location?.href ?? (isNode ? `file://${process.cwd()}/` : undefined);
  try {
    return new URL(given, base);
  } catch {
    throw new Error(`init: wasmUrl gave ${JSON.stringify(String(given))} for ${file}, which is not a URL`);
  }
}

// Where the build's .wasm file is: next to this module (literal new URL(...) forms, which
// bundlers detect and emit as assets), unless the caller says (init({ wasmUrl })).
function wasmLocation(simd, wasmUrl) {
  const file = simd ? WASM_FILES.simd : WASM_FILES.scalar;
  const given = givenWasmUrl(file, wasmUrl);
  if (given !== undefined) return given;
  let base;
  try {
    base = import.meta.url;
    return simd ? new URL('./wasm/simdtrain_simd.wasm', import.meta.url) : new URL('./wasm/simdtrain_scalar.wasm', import.meta.url);
  } catch {
    throw new Error(`simdtrain: cannot tell where ${file} is (import.meta.url is ${JSON.stringify(base)} in this bundle); pass init({ wasmUrl: (file) => url }) with the URL your bundler gave the .wasm assets (the package exports them as simdtrain/wasm/*)`);
  }
}

/** Instantiate one build; returns the exports plus memory helpers. */
export async function createCore({ simd = simdSupported(), wasmUrl } = {}) {
  const url = wasmLocation(simd, wasmUrl);
  const given = wasmUrl !== undefined;
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  const { instance } = await instantiate(url, imports, given);
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
