// vocabulary.test.mjs — the JS registry (src/js/registry/) and the C vocabulary
// (src/vocab.def, read from the module at init) agree: every name the registry hands to C
// exists in C's list and every C entry the JS API can reach has a registry entry. Also: a
// wasm trap poisons the core with a clear InternalError (forced with the test-only export
// st_debug_trap) — run in a child process, since a poisoned core refuses every later call.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cVocabulary } from '../../src/js/bridge.mjs';
import { ACTIVATIONS } from '../../src/js/registry/activations.mjs';
import { INITIALIZERS } from '../../src/js/registry/initializers.mjs';
import { LAYERS } from '../../src/js/registry/layers.mjs';
import { LOSSES } from '../../src/js/registry/losses.mjs';
import { ACCURACY_NAMES, METRICS } from '../../src/js/registry/metrics.mjs';
import { HYPERPARAMETERS, OPTIMIZERS } from '../../src/js/registry/optimizers.mjs';
import { SCHEDULES } from '../../src/js/registry/schedules.mjs';
import { initBuild, wantSimd } from './helpers/build.mjs';

await initBuild();

const sorted = (names) => [...names].sort();

test('every registry family holds exactly the names of its C vocabulary family', () => {
  const c = cVocabulary();
  assert.deepEqual(sorted(Object.keys(LAYERS)), sorted(c.layer));
  assert.deepEqual(sorted(Object.values(ACTIVATIONS).filter((a) => !a.aliasOf).map((a) => a.keras)), sorted(c.activation));
  assert.deepEqual(sorted(Object.values(INITIALIZERS).map((a) => a.keras)), sorted(c.initializer));
  assert.deepEqual(sorted(Object.values(LOSSES).map((a) => a.keras)), sorted(c.loss));
  assert.deepEqual(sorted(Object.keys(OPTIMIZERS)), sorted(c.optimizer));
  assert.deepEqual(sorted(Object.values(HYPERPARAMETERS).map((h) => h.keras)), sorted(c.hyperparameter));
  // 'constant' is the schedule of a plain learning rate: C's own, not an API schedule.
  assert.deepEqual(sorted([...Object.values(SCHEDULES).map((s) => s.keras), 'constant']), sorted(c.schedule));
  const parameters = new Set(Object.values(SCHEDULES).flatMap((s) => Object.values(s.params).filter((p) => p.kind !== 'pieces').map((p) => p.keras)));
  assert.deepEqual(sorted(parameters), sorted(c.schedule_parameter));
  assert.deepEqual(sorted(Object.values(METRICS).map((m) => m.c)), sorted(c.metric));
  for (const family of ['status', 'nonfinite']) assert.ok(c[family].length >= 2, `C family ${family}`);
});

test('a wasm trap becomes an InternalError naming the call, and the core refuses later calls', () => {
  const script = `
    import { init, layers, sequential } from './src/js/index.mjs';
    import { debugTrap } from './src/js/bridge.mjs';
    await init({ simd: ${wantSimd} });
    const out = [];
    for (const call of [() => debugTrap(), () => sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] })]) {
      try { call(); out.push('no error'); } catch (e) { out.push(e.name + ': ' + e.message); }
    }
    console.log(JSON.stringify(out));`;
  const [trap, later] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script],
    { cwd: new URL('../..', import.meta.url), encoding: 'utf8' }));
  assert.match(trap, /^InternalError: debugTrap: internal error in st_debug_trap \(.+\); the wasm core refuses further calls$/);
  assert.match(later, /^InternalError: sequential: the wasm core stopped after an internal error \(st_debug_trap: .+\)/);
});

test('the type declarations list exactly the registry names', () => {
  const dts = readFileSync(new URL('../../src/js/index.d.ts', import.meta.url), 'utf8');
  const union = (type) => sorted(dts.match(new RegExp(`export type ${type} =([^;]+);`))[1].match(/'[^']+'/g).map((s) => s.slice(1, -1)));
  assert.deepEqual(union('ActivationName'), sorted(Object.keys(ACTIVATIONS)));
  assert.deepEqual(union('InitializerName'), sorted(Object.keys(INITIALIZERS)));
  assert.deepEqual(union('LayerClassName'), sorted(Object.keys(LAYERS)));
  assert.deepEqual(union('LossName'), sorted(Object.entries(LOSSES).flatMap(([n, l]) => [n, ...(l.aliases ?? [])])));
  assert.deepEqual(union('MetricName'), sorted([...ACCURACY_NAMES, ...Object.entries(METRICS).flatMap(([n, m]) => [n, ...Object.keys(m.aliases ?? {})])]));
});
