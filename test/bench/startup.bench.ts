// Startup figures: how big the bundles are, how long Node takes to load the extension bundle, and how
// long the real extension host takes from activation to activate() resolving.
// Budgets from issue 2: dist/extension.js under 800 KB minified, activate() under 20 ms.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadHostLib, median, missingTools, type HostLib, type Report, type Skip } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const REQUIRE_SAMPLES = Number(process.env.ECS_WORKBENCH_BENCH_REQUIRE_SAMPLES ?? 21);
const HOST_SAMPLES = Number(process.env.ECS_WORKBENCH_BENCH_HOST_SAMPLES ?? 5);
const SPLIT_SAMPLES = Number(process.env.ECS_WORKBENCH_BENCH_SPLIT_SAMPLES ?? 3);

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
  activateMs: number;
  baselineMs: number;
  /** Only in split runs: time to require dist/extension.js before activating. */
  requireMs?: number;
  /** The window had activated the extension before the bench could: no sample. */
  alreadyActive?: boolean;
}

/** Collects `count` samples from fresh hosts, skipping hosts that activated the extension early. */
async function hostSamples(lib: HostLib, count: number, split: boolean): Promise<HostSample[]> {
  const samples: HostSample[] = [];
  let skipped = 0;
  while (samples.length < count) {
    const sample = await activateTimeInHost(lib, split);
    if (!sample.alreadyActive) {
      samples.push(sample);
    } else if (++skipped > count) {
      throw new Error(`the extension was already active in ${skipped} fresh hosts: activation cannot be measured`);
    }
  }
  if (skipped) console.log(`  (${skipped} host(s) had activated the extension before the bench: not counted)`);
  return samples;
}

async function activateTimeInHost(lib: HostLib, split = false): Promise<HostSample> {
  const dir = lib.makeTempDir('bench');
  try {
    // An empty folder: nothing in it fires an activation event before the bench module asks.
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
      env: lib.buildEditorEnv({ extra: split ? { ECS_WORKBENCH_BENCH_SPLIT: '1' } : {} }),
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

function productionBuild(): void {
  const r = spawnSync('npm', ['run', '--silent', 'build:production'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:production failed:\n${r.stdout}\n${r.stderr}`);
}

export async function run(report: Report, skip: Skip): Promise<void> {
  productionBuild();
  const extensionJs = path.join(DIST, 'extension.js');
  const sdkJs = path.join(DIST, 'sdk.js');
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
  const samples = await hostSamples(hostLib, HOST_SAMPLES, false);
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  console.log(`  host samples (ms): ECS Workbench [${fmt(samples.map((s) => s.activateMs))}], empty [${fmt(samples.map((s) => s.baselineMs))}]`);
  const baseline = { name: 'empty extension', value: median(samples.map((s) => s.baselineMs)) };
  report({ name: `host: activate an empty extension`, value: baseline.value, unit: 'ms' });
  report({
    name: `host: activate ECS Workbench`,
    value: median(samples.map((s) => s.activateMs)),
    unit: 'ms',
    baseline,
  });
  // What the extension itself adds (loading its bundle and running activate()): the budget.
  report({
    name: `host: activation cost over empty (median of ${HOST_SAMPLES})`,
    value: median(samples.map((s) => s.activateMs - s.baselineMs)),
    unit: 'ms',
    budget: 20,
  });

  // Where the time goes: fresh hosts where the bench requires the bundle itself before activating.
  const splitSamples = await hostSamples(hostLib, SPLIT_SAMPLES, true);
  if (splitSamples.length) {
    const requireInHost = median(splitSamples.map((s) => s.requireMs ?? NaN));
    report({ name: `host: require(dist/extension.js) (median of ${SPLIT_SAMPLES})`, value: requireInHost, unit: 'ms' });
    report({
      name: `host: activate() once loaded (median of ${SPLIT_SAMPLES})`,
      value: median(splitSamples.map((s) => s.activateMs)),
      unit: 'ms',
      baseline: { name: 'empty extension', value: median(splitSamples.map((s) => s.baselineMs)) },
    });
  }
}

