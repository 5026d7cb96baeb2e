#!/usr/bin/env node
// Runs the e2e layer: packages the extension (`npm run package` → ecs-workbench.vsix), installs the
// VSIX into a fresh code-server extensions dir, starts the emulator (seed "demo") and code-server, and
// runs every out/test/e2e/scenarios/*.e2e.js through test/e2e/harness.ts in Debian Chromium.
// Screenshots go to test-results/screenshots/; after a run in which every scenario passed, those the
// README shows (media/screenshots/<name>) are copied there, so the README's images never go stale.
// When Debian's docker-registry and htpasswd are installed, a local registry stands behind the
// emulator's ECR so scenarios can publish images (CI installs them; without them the publish step of
// the getting-started scenario fails under CI=true and is skipped with its reason otherwise).
//   node scripts/run-e2e.mjs [--grep PATTERN] [--no-package]
// Expects `npx tsc -p .` to have run (the scenarios are compiled TypeScript).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import {
  ROOT,
  buildEditorEnv,
  hasCommand,
  installVsix,
  launchChromium,
  makeTempDir,
  note,
  onInterrupt,
  parseArgs,
  prepareFixtures,
  requireCodeServer,
  startCodeServer,
  startEmulatorIfPresent,
  workbenchUrl,
  writeResults,
} from './lib/host.mjs';

const TOOL = 'e2e';
const VSIX = path.join(ROOT, 'ecs-workbench.vsix');
// ECS_WORKBENCH_E2E_SCREENSHOT_DIR: another folder, so that two runs on one machine do not clear each other's.
export const SCREENSHOT_DIR = path.resolve(process.env.ECS_WORKBENCH_E2E_SCREENSHOT_DIR ?? path.join(ROOT, 'test-results', 'screenshots'));
export const README_IMAGE_DIR = path.join(ROOT, 'media', 'screenshots');

/** Starts Debian's docker-registry (test/emulator/localRegistry.ts) when it is installed. */
async function startRegistryIfInstalled() {
  const js = path.join(ROOT, 'out', 'test', 'emulator', 'localRegistry.js');
  if (!fs.existsSync(js) || !hasCommand('docker-registry') || !hasCommand('htpasswd')) return undefined;
  const { startLocalRegistry } = createRequire(import.meta.url)(js);
  return startLocalRegistry();
}

/** The image names (media/screenshots/<name>) the README shows. */
export function readmeImages() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...new Set([...readme.matchAll(/media\/screenshots\/([A-Za-z0-9._-]+)/g)].map((m) => m[1]))];
}

/** Copies the screenshots of this run that the README shows into media/screenshots; returns their names. */
function refreshReadmeImages() {
  const copied = [];
  for (const name of readmeImages()) {
    const from = path.join(SCREENSHOT_DIR, name);
    if (!fs.existsSync(from)) continue;
    fs.copyFileSync(from, path.join(README_IMAGE_DIR, name));
    copied.push(name);
  }
  return copied;
}

function packageVsix() {
  note(TOOL, 'packaging the extension (npm run package)');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  if (!fs.existsSync(VSIX)) throw new Error(`npm run package did not write ${VSIX}`);
  note(TOOL, `packaged ${path.basename(VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KB)`);
}

export async function runE2E({ grep, skipPackage = false } = {}) {
  const bin = requireCodeServer(TOOL);
  const harnessJs = path.join(ROOT, 'out', 'test', 'e2e', 'harness.js');
  const scenarioDir = path.join(ROOT, 'out', 'test', 'e2e', 'scenarios');
  if (!fs.existsSync(harnessJs)) throw new Error('out/test/e2e/harness.js is missing: run `npx tsc -p .` first');
  const scenarioFiles = fs.existsSync(scenarioDir)
    ? fs
        .readdirSync(scenarioDir)
        .filter((f) => f.endsWith('.e2e.js'))
        .sort()
        .map((f) => path.join(scenarioDir, f))
    : [];
  if (!skipPackage || !fs.existsSync(VSIX)) packageVsix();

  const dir = makeTempDir('e2e');
  let emulator;
  let registry;
  let server;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await emulator?.close().catch(() => {});
    await registry?.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const unhook = onInterrupt(cleanup);
  try {
    const fixtures = prepareFixtures(dir);
    const extensionsDir = path.join(dir, 'extensions');
    await installVsix({ bin, vsix: VSIX, extensionsDir, userDataDir: path.join(dir, 'user-data') });
    registry = await startRegistryIfInstalled();
    if (!registry) note(TOOL, 'no local registry (docker-registry/htpasswd not installed): publishing images cannot be tested');
    emulator = await startEmulatorIfPresent({ seed: 'demo', ...(registry ? { registry: registry.urlWithCredentials } : {}) });
    note(TOOL, emulator ? `emulator at ${emulator.url} (seed demo${registry ? `, registry ${registry.host}` : ''})` : 'emulator not built: running without it');
    const env = buildEditorEnv({ emulatorUrl: emulator?.url, fixtures });
    server = await startCodeServer({ bin, dir, folder: fixtures.workspace, env, extensionsDir });
    browser = await launchChromium();
    fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

    const { runScenarios } = createRequire(import.meta.url)(harnessJs);
    const url = workbenchUrl({ url: server.url, port: server.port, folder: fixtures.workspace });
    return await runScenarios({
      browser,
      url,
      scenarioFiles,
      screenshotDir: SCREENSHOT_DIR,
      workspace: fixtures.workspace,
      emulatorUrl: emulator?.url,
      registryHost: emulator && registry ? registry.host : undefined,
      grep,
      log: (line) => console.log(line),
    });
  } finally {
    await cleanup();
    unhook();
  }
}

if (process.argv[1]?.endsWith('run-e2e.mjs')) {
  const args = parseArgs();
  const started = Date.now();
  let results;
  try {
    results = await runE2E({ grep: args.grep, skipPackage: args.flags.has('no-package') });
  } catch (e) {
    note(TOOL, `FAILED: ${e.stack ?? e.message}`);
    writeResults({ layer: TOOL, passed: 0, failed: 0, skipped: 0, crashed: true, error: e.message });
    process.exit(1);
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  const shots = results.flatMap((r) => r.screenshots);
  if (shots.length) console.log(`screenshots: ${shots.map((s) => path.relative(ROOT, s)).join(', ')}`);
  if (failed === 0 && passed > 0) {
    const copied = refreshReadmeImages();
    if (copied.length) console.log(`README images refreshed in media/screenshots: ${copied.join(', ')}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`e2e: ${passed} passed, ${failed} failed, 0 skipped (${seconds} s)`);
  writeResults({ layer: TOOL, passed, failed, skipped: 0 });
  if (passed + failed === 0) note(TOOL, 'no scenario ran: that counts as a failure');
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
