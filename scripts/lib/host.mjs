// Shared machinery for running the extension in a real VS Code here: code-server 4.100.3 (installed by
// scripts/install-test-host.sh into .test-host/) driven by Debian Chromium through playwright-core.
// Used by run-integration.mjs, run-e2e.mjs, demo.mjs and the startup bench.
// The README's Testing section describes the layers that use it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

// The AWS SDK warns once per process that its versions published after the first week of January
// 2027 need Node >= 22. The test host (code-server 4.100.3 = VS Code 1.100, our engine floor) and the
// runners here are on Node 20. The project has acted on it: package.json pins the SDK to versions that
// run on Node 20, and test/unit/infra/sdkPin.test.ts fails when package-lock.json brings in one that
// does not (README, Developing). So the warning is switched off for the test and bench runs and the
// code-server they start, where it would repeat in every log; the extension never touches it (a user on
// Node 20 sees it once in the extension host log). Drop this when the engine floor moves to Node 22.
const SDK_NODE_WARNING = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
process.env[SDK_NODE_WARNING] ??= 'true';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_ID = 'ecs-workbench.ecs-workbench';
export const CHROMIUM = process.env.ECS_WORKBENCH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const cleanups = new Set();
let signalsHooked = false;

/**
 * Registers `fn` to run when the process is interrupted (Ctrl-C, SIGTERM from CI), so code-server,
 * Chromium and the emulator never outlive a runner. Returns a function that unregisters it.
 */
export function onInterrupt(fn) {
  cleanups.add(fn);
  if (!signalsHooked) {
    signalsHooked = true;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(signal, async () => {
        await Promise.allSettled([...cleanups].map((f) => f()));
        process.exit(130);
      });
    }
  }
  return () => cleanups.delete(fn);
}

/** Prints a line prefixed with the tool name, to stderr so stdout stays the test output. */
export function note(tool, message) {
  process.stderr.write(`[${tool}] ${message}\n`);
}

/** Whether an executable named `binary` is on the PATH. */
export function hasCommand(binary) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && fs.existsSync(path.join(dir, binary)));
}

/** The code-server binary, or undefined when the test host is not installed. */
export function findCodeServer() {
  const candidates = [
    process.env.ECS_WORKBENCH_CODE_SERVER,
    path.join(process.env.ECS_WORKBENCH_TEST_HOST_DIR ?? path.join(ROOT, '.test-host'), 'node_modules', '.bin', 'code-server'),
  ].filter(Boolean);
  return candidates.find((c) => fs.existsSync(c));
}

/** The commands the component layer and the publish bench start (podman, the registry and its htpasswd). */
export const CONTAINER_TOOLS = ['podman', 'docker-registry', 'htpasswd'];

/** Whether code-server and Chromium are there; when not, scripts/install-test-host.sh installs them (npm test, npm run bench). */
export function testHostInstalled() {
  return !!findCodeServer() && fs.existsSync(CHROMIUM);
}

export function requireCodeServer(tool) {
  const bin = findCodeServer();
  if (!bin) {
    note(tool, 'code-server is not installed: run scripts/install-test-host.sh first');
    process.exit(2);
  }
  return bin;
}

/** A TCP port the OS says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ecs-workbench-${prefix}-`));
}

/**
 * Copies test/fixtures/workspace to `<dir>/workspace` and the fake AWS config/credentials (profile
 * `default`, keys test/test, region us-east-1) to `<dir>/aws`. Tests never see the developer's real
 * AWS configuration.
 */
export function prepareFixtures(dir) {
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const awsDir = path.join(dir, 'aws');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'aws'), awsDir, { recursive: true });
  return {
    workspace,
    awsConfigFile: path.join(awsDir, 'config'),
    awsCredentialsFile: path.join(awsDir, 'credentials'),
  };
}

/**
 * Starts the local AWS emulator when it has been compiled (out/test/emulator/server.js), else returns
 * undefined. `seed` is 'empty' for tests, 'demo' for screenshots and the demo.
 */
export async function startEmulatorIfPresent({ seed = 'empty', ...rest } = {}) {
  const serverJs = path.join(ROOT, 'out', 'test', 'emulator', 'server.js');
  if (!fs.existsSync(serverJs)) return undefined;
  const mod = await import(pathToFileURL(serverJs).href);
  const startEmulator = mod.startEmulator ?? mod.default?.startEmulator;
  if (typeof startEmulator !== 'function') return undefined;
  return startEmulator({ port: 0, seed, ...rest });
}

/**
 * The environment the editor (and so the extension host) runs with. One place, so the demo, the
 * integration runner and the e2e runner point the extension at the same things.
 * - `emulatorUrl`: the local emulator; the SDK's own env handling (AWS_ENDPOINT_URL) sends every call
 *   there, and tests reach its control endpoints through ECS_WORKBENCH_EMULATOR_URL.
 * - `fixtures`: from prepareFixtures(); the fake profile `default` with keys test/test.
 */
export function buildEditorEnv({ emulatorUrl, fixtures, extra = {} } = {}) {
  const env = { ...process.env };
  // Never let the developer's own AWS setup leak into a test or demo run.
  for (const key of Object.keys(env)) {
    if (key.startsWith('AWS_') || key.startsWith('ECS_WORKBENCH_TEST_')) delete env[key];
  }
  Object.assign(env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    [SDK_NODE_WARNING]: 'true',
  });
  if (fixtures) {
    env.AWS_CONFIG_FILE = fixtures.awsConfigFile;
    env.AWS_SHARED_CREDENTIALS_FILE = fixtures.awsCredentialsFile;
  }
  if (emulatorUrl) {
    env.AWS_ENDPOINT_URL = emulatorUrl;
    env.ECS_WORKBENCH_EMULATOR_URL = emulatorUrl;
  }
  return Object.assign(env, extra);
}

/** Writes user settings that keep the workbench quiet and predictable (no welcome page, no tips). */
function writeUserSettings(userDataDir, settings = {}) {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const defaults = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...defaults, ...settings }, null, 2));
}

async function waitForHttp(url, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (isAlive && !isAlive()) throw new Error('code-server exited before it started listening');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError?.message ?? 'no answer'})`);
}

/**
 * Starts code-server on a free port with fresh user-data and extensions dirs under `dir`.
 * Resolves `{url, port, userDataDir, extensionsDir, output(), stop()}` once it answers /healthz.
 * The process runs in its own process group so stop() also ends its extension host and helpers.
 */
export async function startCodeServer({
  bin = findCodeServer(),
  dir,
  folder,
  env = process.env,
  extensionsDir = path.join(dir, 'extensions'),
  settings,
  port,
  startTimeoutMs = 60_000,
  echo = false,
}) {
  if (!bin) throw new Error('code-server is not installed: run scripts/install-test-host.sh first');
  port ??= await freePort();
  const userDataDir = path.join(dir, 'user-data');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, settings);
  const configFile = path.join(dir, 'code-server.yaml');
  fs.writeFileSync(configFile, '');
  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (folder) args.push(folder);
  const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let exited = false;
  child.on('exit', () => (exited = true));
  const collect = (chunk) => {
    output += chunk.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
    if (echo) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3000);
    await gone;
    clearTimeout(timer);
  };
  const unhook = onInterrupt(stop);
  child.once('exit', unhook);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, startTimeoutMs, () => !exited);
  } catch (e) {
    await stop();
    throw new Error(`code-server did not start: ${e.message}\n${output.slice(-4000)}`, { cause: e });
  }
  return { url, port, userDataDir, extensionsDir, child, output: () => output, stop };
}

/** Installs a VSIX into an extensions dir with code-server's CLI. */
export async function installVsix({ bin = findCodeServer(), vsix, extensionsDir, userDataDir }) {
  const args = ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
  if (userDataDir) args.unshift('--user-data-dir', userDataDir);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`installing ${vsix} failed (exit ${code}):\n${output}`);
  return output;
}

/** Launches Debian's Chromium through playwright-core. */
export async function launchChromium({ headless = true } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/install-test-host.sh first`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS });
  const unhook = onInterrupt(() => browser.close());
  browser.once('disconnected', unhook);
  return browser;
}

/**
 * The workbench URL that opens `folder` and, for extension-host tests, loads the extension from
 * `extensionDevelopmentPath` and runs the tests module at `extensionTestsPath` (same contract as
 * @vscode/test-web: the module's run() settling calls window.codeAutomationExit).
 */
export function workbenchUrl({ url, port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  // One path or several (the workbench loads every extensionDevelopmentPath entry).
  for (const p of [extensionDevelopmentPath ?? []].flat()) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let out = `${url}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) out += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return out;
}

/** Formats console arguments forwarded by the workbench the way console.log would have. */
export function formatLogArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return format(...list);
}

/**
 * Runs an extension-host tests module (a file exporting run(): Promise<void>) inside code-server.
 * Forwards the host's console through `onLog(type, text)`. Resolves `{exitCode}`; rejects when the
 * host never starts the tests or the run exceeds `timeoutMs`.
 */
export async function runTestsInHost({
  tool,
  testsModule,
  extensionDevelopmentPath = ROOT,
  folder,
  env,
  dir,
  timeoutMs = 15 * 60_000,
  firstLogTimeoutMs = 120_000,
  onLog = (type, text) => process.stdout.write(`${text}\n`),
  extensionsDir,
  // The log line that shows the tests module has started (default: any line from the page).
  isStartSignal = () => true,
}) {
  const server = await startCodeServer({ dir, folder, env, extensionsDir });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let sawLog = false;
    let settle;
    const done = new Promise((resolve, reject) => (settle = { resolve, reject }));
    await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatLogArgs(args);
      if (isStartSignal(text)) sawLog = true;
      onLog(type, text);
    });
    page.on('crash', () => settle.reject(new Error('the workbench page crashed')));
    const target = workbenchUrl({
      url: server.url,
      port: server.port,
      folder,
      extensionDevelopmentPath,
      extensionTestsPath: testsModule,
    });
    await page.goto(target, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const started = Date.now();
    const timers = [];
    const watchdog = new Promise((_, reject) => {
      timers.push(
        setTimeout(() => reject(new Error(`the test run did not finish within ${timeoutMs} ms`)), timeoutMs),
      );
      const checkStart = setInterval(() => {
        if (!sawLog && Date.now() - started > firstLogTimeoutMs) {
          reject(new Error(`the extension host did not start the tests within ${firstLogTimeoutMs} ms`));
        }
        if (server.child.exitCode !== null) reject(new Error('code-server exited during the test run'));
      }, 1000);
      timers.push(checkStart);
    });
    try {
      const exitCode = await Promise.race([done, watchdog]);
      return { exitCode };
    } catch (e) {
      note(tool, `${e.message}; last code-server output:\n${server.output().slice(-3000)}`);
      throw e;
    } finally {
      for (const t of timers) clearTimeout(t), clearInterval(t);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

/** Writes `{layer, passed, failed, skipped, ...}` to $ECS_WORKBENCH_RESULTS_FILE when scripts/test.mjs asks. */
export function writeResults(result) {
  const file = process.env.ECS_WORKBENCH_RESULTS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(result));
}

/** Parses `--grep X` / `--grep=X` and flags from argv. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = { flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep') out.grep = argv[++i];
    else if (a.startsWith('--grep=')) out.grep = a.slice('--grep='.length);
    else if (a.startsWith('--')) out.flags.add(a.slice(2));
  }
  return out;
}
