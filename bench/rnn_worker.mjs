// rnn_worker.mjs — one simdtrain build (workerData.simd) in its own worker_thread (a realm
// holds one build): steps/s of each recurrent workload of bench/rnn_peers.mjs and the 256³ A·B
// rate of the same build, measured in the same run. Posts { simd, steps: { cell: r }, matmul }.
import { parentPort, workerData } from 'node:worker_threads';
import * as simdtrain from '../src/js/index.mjs';
import { matmul } from './peers/simdtrain.mjs';
import { CELLS, simdtrainRate } from './rnn_peers.mjs';

const info = await simdtrain.init({ simd: workerData.simd });
if (info.simd !== workerData.simd) throw new Error(`simdtrain init({ simd: ${workerData.simd} }) loaded simd: ${info.simd}`);
const steps = {};
for (const cell of Object.keys(CELLS)) steps[cell] = await simdtrainRate(simdtrain, cell);
parentPort.postMessage({ simd: info.simd, steps, matmul: (await matmul(info.simd))['A·B'] });
