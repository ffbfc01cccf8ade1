// helpers/build.mjs — picks the wasm build the JS suite runs against: SIMDTRAIN_SIMD=0
// selects the scalar build, anything else the SIMD build (scripts/test.mjs runs both).
import { init } from '../../../src/js/index.mjs';

export const wantSimd = process.env.SIMDTRAIN_SIMD !== '0';

export async function initBuild() {
  return init({ simd: wantSimd });
}
