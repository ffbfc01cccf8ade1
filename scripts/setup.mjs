// setup.mjs — makes a fresh Debian 12 machine ready to build and test simdtrain:
// apt packages (emscripten, chromium), the acorn link emscripten 3.1.6 needs under
// Node 20 (docs/toolchain.md §1), and the npm dev dependencies. Does nothing that is
// already done, so `npm start` and `npm test` can call it every time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`setup: ${command} ${args.join(' ')} failed with status ${result.status}`);
}

export function setup({ browser = false, fuzz = false } = {}) {
  const packages = [];
  if (!has('emcc')) packages.push('emscripten');
  if (!has('cmake')) packages.push('cmake');
  if (browser && !existsSync('/usr/bin/chromium')) packages.push('chromium');
  // A CJK font, so the 中文 pages render in Chromium's screenshots instead of boxes.
  if (browser && !existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc')) packages.push('fonts-wqy-zenhei');
  // libFuzzer (scripts/fuzz.mjs): clang and its fuzzer/sanitizer runtimes.
  if (fuzz && !has('clang')) packages.push('clang', 'libclang-rt-14-dev');
  else if (fuzz && !existsSync(join(execFileSync('clang', ['--print-resource-dir']).toString().trim(), 'lib/linux/libclang_rt.fuzzer-x86_64.a'))) {
    packages.push('libclang-rt-14-dev');
  }
  if (packages.length) {
    console.log(`setup: installing ${packages.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const aptGet = (...args) => (process.getuid?.() === 0 ? run('apt-get', args, { env }) : run('sudo', ['-E', 'apt-get', ...args], { env }));
    aptGet('update', '-qq');
    aptGet('install', '-y', '-qq', ...packages);
  }
  const acornLink = '/usr/share/emscripten/node_modules/acorn';
  if (existsSync('/usr/share/nodejs/acorn') && !existsSync(acornLink)) {
    try {
      mkdirSync(dirname(acornLink), { recursive: true });
      symlinkSync('/usr/share/nodejs/acorn', acornLink);
    } catch (error) {
      console.warn(`setup: could not link acorn for emscripten (${error.message}); using NODE_PATH instead`);
    }
  }
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
    console.log('setup: npm ci');
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root });
  }
  return { emcc: execFileSync('sh', ['-c', 'command -v emcc']).toString().trim() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup({ browser: process.argv.includes('--browser') });
