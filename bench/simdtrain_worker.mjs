// simdtrain_worker.mjs — measures one simdtrain build (workerData.simd) in its own
// worker_thread, since a JS realm holds one build; train.mjs starts one worker for the
// SIMD build and one for the scalar build. Posts { simd, W1, W2, matmul }.
import { parentPort, workerData } from 'node:worker_threads';
import { load, matmul, train } from './peers/simdtrain.mjs';

const { simd } = workerData;
const info = await load(simd);
if (info.simd !== simd) throw new Error(`simdtrain init({ simd: ${simd} }) loaded simd: ${info.simd}`);
parentPort.postMessage({ simd, W1: await train('W1'), W2: await train('W2'), matmul: await matmul(simd) });
