// esbuild, default (iife) format: a classic script, where import.meta is empty, so init()
// must be told where the wasm files and the worker bundle are. Relative URLs are resolved
// against the page. No top-level await in a classic script.
import * as simdtrain from 'simdtrain';
import { train } from '../train.js';

train(simdtrain, {
  wasmUrl: (file) => `wasm/${file}`,
  workerUrl: 'workers/simdtrain.js',
});
