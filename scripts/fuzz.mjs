// fuzz.mjs — builds the libFuzzer target for the model file parser natively with clang
// (-g -O1 -fsanitize=fuzzer,address,undefined) into build-fuzz/, and runs it on a copy of
// the seed corpus (tests/fuzz/corpus/) for a bounded time. Any crash, sanitizer report,
// leak or timeout makes it exit non-zero.
//   node scripts/fuzz.mjs [--seconds N] [--jobs N]     (default 60 s, 1 job)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['tests/fuzz/fuzz_model_file.c', 'src/io/model_file.c', 'src/io/reader.c', 'src/error.c', 'src/memory.c'];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`fuzz: ${command} ${args.join(' ')} failed with status ${result.status ?? result.signal}`);
    process.exit(result.status || 1);
  }
}

export function buildFuzzer() {
  mkdirSync(join(root, 'build-fuzz'), { recursive: true });
  const binary = join(root, 'build-fuzz', 'fuzz_model_file');
  run('clang', ['-std=c11', '-g', '-O1', '-fsanitize=fuzzer,address,undefined', '-fno-sanitize-recover=all',
    '-Wall', '-Wextra', '-Isrc', ...SOURCES, '-lm', '-o', binary]);
  return binary;
}

export function fuzz({ seconds = 60, jobs = 1 } = {}) {
  setup({ fuzz: true });
  const binary = buildFuzzer();
  const work = mkdtempSync(join(tmpdir(), 'simdtrain-fuzz-'));
  const artifacts = join(root, 'build-fuzz', 'artifacts') + '/';
  mkdirSync(artifacts, { recursive: true });
  cpSync(join(root, 'tests/fuzz/corpus'), work, { recursive: true });
  try {
    run(binary, [`-max_total_time=${seconds}`, '-timeout=10', '-rss_limit_mb=2048', '-print_final_stats=1',
      `-artifact_prefix=${artifacts}`, ...(jobs > 1 ? [`-jobs=${jobs}`, `-workers=${jobs}`] : []), work],
    { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' } });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  fuzz({ seconds: arg('--seconds', 60), jobs: arg('--jobs', 1) });
}
