// esbuild, ESM output: the wasm files are copied next to the bundle and simdtrain/worker is
// bundled as a second entry point; init() is told where both are.
import * as simdtrain from 'simdtrain';
import { train } from '../train.js';

await train(simdtrain, {
  wasmUrl: (file) => new URL(`./wasm/${file}`, import.meta.url),
  workerUrl: new URL('./worker.js', import.meta.url),
});
