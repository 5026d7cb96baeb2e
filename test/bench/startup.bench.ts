// Startup figures: how big the bundles are (development and production builds), how long Node takes to
// load the extension bundle, and what loading and activating the extension costs the real extension
// host (compiling the bundle, running its top level, activate()), as the extension records it.
// Budgets from issue 2: dist/extension.js under 800 KB minified, activation under 20 ms.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadHostLib, median, missingTools, type HostLib, type Report, type Skip } from './harness';
import type { ActivationSample } from './host/activate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const REQUIRE_SAMPLES = Number(process.env.ECS_WORKBENCH_BENCH_REQUIRE_SAMPLES ?? 21);
const HOST_SAMPLES = Number(process.env.ECS_WORKBENCH_BENCH_HOST_SAMPLES ?? 5);

function kb(file: string): number {
  return fs.statSync(file).size / 1024;
}

/** One fresh Node process per sample: a require is measured the way the extension host pays it. */
const REQUIRE_PROBE = `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const [stub, empty, ...targets] = JSON.parse(process.argv[1]);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
const times = {};
for (const file of [empty, ...targets]) {
  const t0 = performance.now();
  require(file);
  times[file] = performance.now() - t0;
}
process.stdout.write(JSON.stringify(times));
`;

// A stand-in for the 'vscode' module: any property, call or `new` gives another stand-in, so the
// bundle's top-level code (enum reads such as vscode.LogLevel.Error, `class X extends vscode.TreeItem`)
// runs. esbuild's __toESM copies only own keys and reads the rest through the module's prototype, so
// the prototype is a stand-in too.
const VSCODE_STUB = `
const cache = new Map();
function make(path) {
  if (cache.has(path)) return cache.get(path);
  const target = function () {};
  const proxy = new Proxy(target, {
    get(t, key) {
      if (key === '__esModule') return false;
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => path;
      if (typeof key === 'symbol') return t[key];
      return make(path + '.' + key);
    },
    getPrototypeOf: () => proto,
    apply: () => make(path + '()'),
    construct: () => make('new ' + path),
  });
  cache.set(path, proxy);
  return proxy;
}
const root = make('vscode');
const proto = new Proxy({}, { get: (t, key) => root[key] });
module.exports = root;
`;

function requireTimes(tmp: string, targets: string[]): Record<string, number[]> {
  const stub = path.join(tmp, 'vscode-stub.js');
  fs.writeFileSync(stub, VSCODE_STUB);
  const empty = path.join(tmp, 'empty.js');
  fs.writeFileSync(empty, '');
  const samples: Record<string, number[]> = { empty: [] };
  for (const t of targets) samples[t] = [];
  for (let i = 0; i < REQUIRE_SAMPLES; i++) {
    const r = spawnSync(process.execPath, ['-e', REQUIRE_PROBE, JSON.stringify([stub, empty, ...targets])], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`require probe failed: ${r.stderr}`);
    const times = JSON.parse(r.stdout) as Record<string, number>;
    samples.empty.push(times[empty]);
    for (const t of targets) samples[t].push(times[t]);
  }
  return samples;
}

interface HostSample {
  ours: ActivationSample;
  baseline: ActivationSample;
}

/** compile + evaluate + activate(): what loading and activating the extension costs its host. */
function total(a: ActivationSample): number {
  return a.compileMs + a.evaluateMs + a.activateMs;
}

/** Collects `count` samples, one per fresh host. */
async function hostSamples(lib: HostLib, count: number): Promise<HostSample[]> {
  const samples: HostSample[] = [];
  while (samples.length < count) samples.push(await activateTimeInHost(lib));
  return samples;
}

async function activateTimeInHost(lib: HostLib): Promise<HostSample> {
  const dir = lib.makeTempDir('bench');
  try {
    // An empty folder: only onStartupFinished activates the two extensions.
    const folder = path.join(dir, 'empty-workspace');
    fs.mkdirSync(folder);
    // The baseline extension is installed by copying it into the fresh extensions dir (code-server
    // loads only one extensionDevelopmentPath).
    const extensionsDir = path.join(dir, 'extensions');
    fs.cpSync(
      path.join(ROOT, 'test', 'bench', 'host', 'baseline-extension'),
      path.join(extensionsDir, 'ecs-workbench.bench-baseline-0.0.0'),
      { recursive: true },
    );
    let sample: HostSample | undefined;
    const errors: string[] = [];
    const { exitCode } = await lib.runTestsInHost({
      tool: 'bench',
      testsModule: path.join(__dirname, 'host', 'activate.js'),
      folder,
      env: lib.buildEditorEnv({}),
      dir,
      timeoutMs: 180_000,
      extensionsDir,
      onLog: (type, text) => {
        const at = text.indexOf('ECS_WORKBENCH_BENCH ');
        if (at >= 0) sample = JSON.parse(text.slice(at + 'ECS_WORKBENCH_BENCH '.length)) as HostSample;
        else if (type === 'error') errors.push(text);
      },
    });
    if (exitCode !== 0 || sample === undefined) {
      throw new Error(`the host bench failed (exit ${exitCode}): ${errors.slice(-5).join('\n')}`);
    }
    return sample;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function build(script: 'build' | 'build:production'): void {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed:\n${r.stdout}\n${r.stderr}`);
}

export async function run(report: Report, skip: Skip): Promise<void> {
  const extensionJs = path.join(DIST, 'extension.js');
  const sdkJs = path.join(DIST, 'sdk.js');
  // The development build (what F5 and the tests load) first, then the production one (what the VSIX
  // ships), which the rest of this module measures and leaves in dist/.
  build('build');
  report({ name: 'bundle size dist/extension.js (development build)', value: kb(extensionJs), unit: 'KB' });
  report({ name: 'bundle size dist/sdk.js (development build, lazy)', value: kb(sdkJs), unit: 'KB' });
  build('build:production');
  report({ name: 'bundle size dist/extension.js', value: kb(extensionJs), unit: 'KB', budget: 800 });
  report({ name: 'bundle size dist/sdk.js (lazy)', value: kb(sdkJs), unit: 'KB' });
  report({ name: 'size schemas/task-definition.validator.js (lazy, first lint)', value: kb(path.join(ROOT, 'schemas', 'task-definition.validator.js')), unit: 'KB' });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-workbench-bench-'));
  try {
    // Probe copies, so a rebuild of dist/ during the run cannot change what is measured.
    const copies = path.join(tmp, 'dist');
    fs.mkdirSync(copies);
    for (const f of [extensionJs, sdkJs]) fs.copyFileSync(f, path.join(copies, path.basename(f)));
    const [extensionCopy, sdkCopy] = [extensionJs, sdkJs].map((f) => path.join(copies, path.basename(f)));
    const raw = requireTimes(tmp, [extensionCopy, sdkCopy]);
    const samples = { empty: raw.empty, [extensionJs]: raw[extensionCopy], [sdkJs]: raw[sdkCopy] };
    const empty = { name: 'require(empty module)', value: median(samples.empty) };
    report({ name: empty.name, value: empty.value, unit: 'ms' });
    report({ name: 'require(dist/extension.js)', value: median(samples[extensionJs]), unit: 'ms', baseline: empty });
    report({ name: 'require(dist/sdk.js), first use', value: median(samples[sdkJs]), unit: 'ms', baseline: empty });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const hostLib = await loadHostLib();
  const missing = missingTools(hostLib, ['code-server', 'chromium']);
  if (missing) return skip('host activation figures', missing);
  // The extension activates on onStartupFinished; each figure is what it recorded itself (see
  // test/bench/host/activate.ts): compiling the bundle, running its top level, running activate().
  const samples = await hostSamples(hostLib, HOST_SAMPLES);
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  const by = samples.map((s) => s.ours.activatedBy);
  console.log(`  host samples (ms): ECS Workbench [${fmt(samples.map((s) => total(s.ours)))}], empty [${fmt(samples.map((s) => total(s.baseline)))}]; activated by ${by.filter((b) => b === 'host').length} host(s) on startup, ${by.filter((b) => b === 'bench').length} by the bench`);
  const baseline = { name: 'empty extension', value: median(samples.map((s) => total(s.baseline))) };
  report({ name: `host: compile + load + activate() an empty extension`, value: baseline.value, unit: 'ms' });
  // What the extension itself costs its host: the budget.
  report({
    name: `host: compile + load + activate() ECS Workbench (median of ${HOST_SAMPLES})`,
    value: median(samples.map((s) => total(s.ours))),
    unit: 'ms',
    baseline,
    budget: 20,
  });
  // Where the time goes.
  report({ name: `host: compile dist/extension.js (median of ${HOST_SAMPLES})`, value: median(samples.map((s) => s.ours.compileMs)), unit: 'ms' });
  report({ name: `host: run the bundle's top level (median of ${HOST_SAMPLES})`, value: median(samples.map((s) => s.ours.evaluateMs)), unit: 'ms' });
  report({ name: `host: activate() (median of ${HOST_SAMPLES})`, value: median(samples.map((s) => s.ours.activateMs)), unit: 'ms' });
}
