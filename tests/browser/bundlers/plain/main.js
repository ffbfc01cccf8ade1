// No bundler: the browser loads the package's ES modules as they are, and the package finds
// its wasm files and worker next to its own modules (import.meta.url); init() needs no options.
import * as simdtrain from '../node_modules/simdtrain/src/js/index.mjs';
import { train } from '../train.js';

await train(simdtrain);
