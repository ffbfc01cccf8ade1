// Vite (build and dev server), default config: Vite sees the package's
// new URL('./wasm/….wasm', import.meta.url) and new Worker(new URL('./worker_host.mjs',
// import.meta.url)) and emits the assets and the worker itself; init() needs no options.
import * as simdtrain from 'simdtrain';
import { train } from '../train.js';

await train(simdtrain);
