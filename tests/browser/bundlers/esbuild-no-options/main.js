// esbuild without the recipe's init options: the error must say what to pass.
import * as simdtrain from 'simdtrain';
import { train } from '../train.js';

train(simdtrain);
