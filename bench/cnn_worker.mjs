// cnn_worker.mjs — one simdtrain build (workerData.simd) in its own worker_thread (a realm
// holds one build): the LeNet-5 steps/s of bench/cnn_peers.mjs and the 256³ A·B rate of the
// same build, measured in the same run. Posts { simd, steps, matmul }.
import { parentPort, workerData } from 'node:worker_threads';
import * as simdtrain from '../src/js/index.mjs';
import { simdtrainRate } from './cnn_peers.mjs';
import { matmul } from './peers/simdtrain.mjs';

const info = await simdtrain.init({ simd: workerData.simd });
if (info.simd !== workerData.simd) throw new Error(`simdtrain init({ simd: ${workerData.simd} }) loaded simd: ${info.simd}`);
parentPort.postMessage({ simd: info.simd, steps: await simdtrainRate(simdtrain), matmul: (await matmul(info.simd))['A·B'] });
