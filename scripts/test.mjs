#!/usr/bin/env node
// `npm test`: builds, typechecks, then runs the four layers, each in its own process so a crash is
// contained and counted:
//   unit         node scripts/run-unit.mjs         mocha in plain Node on pure modules (no process, no socket)
//   component    node scripts/run-component.mjs    mocha in plain Node with the emulator, podman, a registry
//   integration  node scripts/run-integration.mjs  mocha inside a real extension host (code-server)
//   e2e          node scripts/run-e2e.mjs          Playwright scenarios against the packaged VSIX
// Prints each layer's counts and finally exactly one line `N passed, N failed[, N skipped]`; exits
// non-zero when anything failed, crashed or ran no test (rules in scripts/lib/summary.mjs).
//   npm test [-- --grep PATTERN] [-- --only unit,component] [-- --lint]
// --lint adds `npm run lint` as a step (CI uses it); a lint error then counts as one failure.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTAINER_TOOLS, ROOT, hasCommand, makeTempDir, parseArgs, testHostInstalled } from './lib/host.mjs';
import { layerLine, summarize } from './lib/summary.mjs';

const args = parseArgs();
const onlyIndex = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
const onlyValue = onlyIndex < 0 ? undefined : process.argv[onlyIndex].startsWith('--only=') ? process.argv[onlyIndex].slice(7) : (process.argv[onlyIndex + 1] ?? '');
const only = onlyValue === undefined ? undefined : new Set(onlyValue.split(',').filter(Boolean));

// hostReady: whether the parts a layer starts are installed (scripts/install-test-host.sh installs them).
const editorReady = testHostInstalled;
const ALL_LAYERS = [
  { name: 'unit', script: 'scripts/run-unit.mjs', needsBuild: false, hostReady: () => true },
  {
    name: 'component',
    script: 'scripts/run-component.mjs',
    needsBuild: true,
    hostReady: () => CONTAINER_TOOLS.every(hasCommand),
  },
  { name: 'integration', script: 'scripts/run-integration.mjs', needsBuild: true, hostReady: editorReady },
  { name: 'e2e', script: 'scripts/run-e2e.mjs', needsBuild: true, hostReady: editorReady },
];
const unknown = [...(only ?? [])].filter((name) => !ALL_LAYERS.some((l) => l.name === name));
if (only && (only.size === 0 || unknown.length)) {
  console.error(`[test] --only takes layers from ${ALL_LAYERS.map((l) => l.name).join(',')}; got "${onlyValue}"`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}
const LAYERS = ALL_LAYERS.filter((l) => !only || only.has(l.name));

function run(command, commandArgs, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (e) => {
      console.error(`[test] ${command}: ${e.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 90 - text.length))}`);
}

const started = Date.now();
const steps = [];
if (LAYERS.some((l) => !l.hostReady())) {
  // A clean clone: `npm ci && npm test` is enough, the first run installs the test host.
  banner('install the test host (scripts/install-test-host.sh)');
  steps.push({ name: 'test host', ok: (await run('bash', ['scripts/install-test-host.sh'])) === 0 });
}
banner('build (npm run build)');
steps.push({ name: 'build', ok: (await run('npm', ['run', '--silent', 'build'])) === 0 });
banner('typecheck and compile tests (npx tsc -p .)');
// tsc emits out/ even with type errors; the error still fails the run.
steps.push({ name: 'typecheck', ok: (await run('npx', ['--no-install', 'tsc', '-p', '.'])) === 0 && (await run('npx', ['--no-install', 'tsc', '-p', 'src/observe/webview'])) === 0 });
if (args.flags.has('lint')) {
  banner('lint (npm run lint)');
  steps.push({ name: 'lint', ok: (await run('npm', ['run', '--silent', 'lint'])) === 0 });
}

const tmp = makeTempDir('test');
const layers = [];
for (const layer of LAYERS) {
  banner(`${layer.name} (node ${layer.script})`);
  const t0 = Date.now();
  if (layer.needsBuild && steps.some((s) => !s.ok && (s.name === 'build' || s.name === 'test host'))) {
    layers.push({ name: layer.name, crashed: true, error: 'not run: the build or the test host failed', seconds: 0 });
    continue;
  }
  const resultsFile = path.join(tmp, `${layer.name}.json`);
  const layerArgs = [layer.script, ...(args.grep ? ['--grep', args.grep] : [])];
  const exitCode = await run(process.execPath, layerArgs, { ...process.env, ECS_WORKBENCH_RESULTS_FILE: resultsFile });
  const seconds = (Date.now() - t0) / 1000;
  let reported;
  try {
    reported = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    reported = undefined;
  }
  if (!reported) {
    layers.push({ name: layer.name, crashed: true, error: `exited with ${exitCode} without reporting counts`, exitCode, seconds });
  } else {
    layers.push({ ...reported, name: layer.name, exitCode, seconds });
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const summary = summarize(layers, steps);
banner('summary');
for (const step of steps) console.log(`${step.name.padEnd(12)} ${step.ok ? 'ok' : 'FAILED'}`);
for (const layer of layers) console.log(layerLine(layer));
for (const problem of summary.problems) console.log(`problem: ${problem}`);
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(summary.line);
process.exit(summary.ok ? 0 : 1);
