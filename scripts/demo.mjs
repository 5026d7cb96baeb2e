#!/usr/bin/env node
// `npm run demo`: see ECS Workbench working in an editor with one command.
// - installs the test host (code-server) when neither it nor a desktop `code` is there;
// - builds the extension (npm run build);
// - starts the local ECS/ECR emulator with the demo seed (`npm run emulator`, backed by a local
//   docker-registry when the Debian package is there) and points the editor at it with the
//   standard AWS_ENDPOINT_URL, so the extension runs its ordinary code paths;
// - opens it as an extension under development: in desktop VS Code (`code`) when installed,
//   otherwise in code-server, printing the URL to open in a browser;
// - keeps running until Ctrl-C, then stops what it started.
// The editor's environment comes from demoEnv() below: the one place to point the extension at
// something (the local emulator, a profile).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ROOT,
  buildEditorEnv,
  findCodeServer,
  hasCommand,
  makeTempDir,
  onInterrupt,
  prepareFixtures,
  startCodeServer,
  workbenchUrl,
} from './lib/host.mjs';

const TOOL = 'demo';
const say = (line) => console.log(`[${TOOL}] ${line}`);
const STARTED = Date.now();
/** "7 s", "4 min 20 s": how long since `since`. */
const took = (since) => {
  const s = Math.round((Date.now() - since) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

function findDesktopCode() {
  if (process.env.ECS_WORKBENCH_DEMO_CODE_SERVER === '1') return undefined;
  const r = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  const bin = r.stdout.trim();
  // code-server's own `code` shim is not desktop VS Code.
  return r.status === 0 && bin && !bin.includes('code-server') ? bin : undefined;
}

function runOrExit(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`\`${command} ${args.join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
}

/**
 * Starts the emulator (`npm run emulator -- --seed demo`) and resolves its URL. Its clock runs at
 * half speed so the staging rollout it starts lasts a couple of minutes. With Debian's
 * docker-registry it stands behind ECR too (`--registry local`), so publishing images works.
 */
async function startDemoEmulator() {
  if ((!hasCommand('docker-registry') || !hasCommand('htpasswd')) && process.getuid?.() === 0 && hasCommand('apt-get')) {
    say('installing docker-registry and apache2-utils (apt-get) so the demo can publish images');
    const since = Date.now();
    spawnSync('sh', ['-c', 'flock /tmp/apt.lock sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry apache2-utils"'], { stdio: 'inherit' });
    say(`apt-get done in ${took(since)}`);
  }
  const args = ['run', '--silent', 'emulator', '--', '--port', '0', '--seed', 'demo', '--speed', '0.5'];
  if (hasCommand('docker-registry') && hasCommand('htpasswd')) args.push('--registry', 'local');
  else say('missing: the Debian packages docker-registry and apache2-utils (sudo apt-get install -y docker-registry apache2-utils). Browsing and deploying work; publishing images needs them.');
  // Its own process group, so stopping it also stops the registry it started.
  const child = spawn('npm', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^emulator listening on (\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      process.kill(-child.pid, 'SIGTERM');
    });
  return { url, stop };
}

/**
 * The environment the editor runs with in the demo: the fake `default` profile from
 * test/fixtures/aws (keys test/test, us-east-1), so the extension never touches real AWS, and
 * AWS_ENDPOINT_URL = the emulator (`emulatorUrl`) that main() started.
 */
export function demoEnv({ fixtures, emulatorUrl } = {}) {
  return buildEditorEnv({ fixtures, emulatorUrl });
}

async function main() {
  const desktop = findDesktopCode();
  if (!desktop && !findCodeServer()) {
    // The longest step of a first run (README, Quick start: measured 4 min 20 s); the script reports
    // its progress every 15 s.
    say('first run: installing the test host (code-server) with scripts/install-test-host.sh; this takes a few minutes, once');
    const since = Date.now();
    runOrExit('bash', [path.join(ROOT, 'scripts', 'install-test-host.sh')]);
    say(`test host ready after ${took(since)}`);
  }
  say('building the extension (npm run build)');
  const buildStarted = Date.now();
  runOrExit('npm', ['run', '--silent', 'build']);
  say(`built in ${took(buildStarted)}`);

  const dir = makeTempDir('demo');
  const cleanups = [() => fs.rmSync(dir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const f of cleanups.reverse()) await f();
  };
  onInterrupt(stopAll);
  const fixtures = prepareFixtures(dir);
  // The seed's blue/green and canary services live in us-west-2: list both regions so the sandbox shows them.
  fs.mkdirSync(path.join(fixtures.workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(fixtures.workspace, '.vscode', 'settings.json'), `${JSON.stringify({ 'ecsWorkbench.regions': ['us-east-1', 'us-west-2'] }, null, 2)}\n`);
  say('starting the emulator (seed demo)');
  const emulator = await startDemoEmulator();
  cleanups.push(emulator.stop);
  say(`emulator (seed demo) at ${emulator.url}: us-east-1 clusters production and staging (staging/web is rolling out web:3); us-west-2 cluster storefront (checkout blue/green, web canary)`);
  const env = demoEnv({ fixtures, emulatorUrl: emulator.url });

  if (desktop) {
    say(`opening the extension in VS Code (${desktop}) on ${fixtures.workspace}`);
    const child = spawn(
      desktop,
      ['--new-window', `--extensionDevelopmentPath=${ROOT}`, `--user-data-dir=${path.join(dir, 'user-data')}`, fixtures.workspace],
      { env, stdio: 'inherit' },
    );
    await new Promise((r) => child.on('exit', r));
  } else {
    const port = process.env.PORT ? Number(process.env.PORT) : undefined;
    say('starting code-server');
    const server = await startCodeServer({ dir, folder: fixtures.workspace, env, port });
    cleanups.push(() => server.stop());
    const url = workbenchUrl({
      url: server.url,
      port: server.port,
      folder: fixtures.workspace,
      extensionDevelopmentPath: ROOT,
    });
    say('ECS Workbench is running in code-server. Open this URL in a browser:');
    console.log(`\n  ${url}\n`);
    say('(on a remote machine, forward the port first, e.g. ssh -L ' + `${server.port}:127.0.0.1:${server.port})`);
  }
  say(`ready after ${took(STARTED)}; running, press Ctrl-C to stop`);
  // Stay up until Ctrl-C: onInterrupt() stops code-server and removes the temp folder.
  await new Promise(() => {});
}

await main();
