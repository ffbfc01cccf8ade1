// webpack 5, production mode, default config (entry ./src/index.js, output ./dist/main.js):
// webpack sees the package's new URL('./wasm/….wasm', import.meta.url) and new Worker(new
// URL('./worker_host.mjs', import.meta.url)), emits the assets and the worker chunk itself;
// init() needs no options.
import * as simdtrain from 'simdtrain';
import { train } from '../../train.js';

train(simdtrain);
