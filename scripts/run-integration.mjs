#!/usr/bin/env node
// Runs the integration suite (out/test/integration/**/*.test.js) inside a real VS Code extension host:
// code-server 4.100.3 driven by Debian Chromium. Usage:
//   node scripts/run-integration.mjs [--grep PATTERN]
// Expects `npm run build` (dist/) and `npx tsc -p .` (out/) to have run; compiles nothing itself.
// Starts the local AWS emulator when it is built (seed "empty"), opens a temp copy of
// test/fixtures/workspace with fake AWS credentials, forwards the host's test output to stdout,
// prints the counts and exits non-zero on failures, on zero tests, or when the host never starts.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import {
  ROOT,
  buildEditorEnv,
  makeTempDir,
  note,
  onInterrupt,
  parseArgs,
  prepareFixtures,
  requireCodeServer,
  runTestsInHost,
  startEmulatorIfPresent,
  writeResults,
} from './lib/host.mjs';

const TOOL = 'integration';
// eslint-disable-next-line no-control-regex -- matching the ESC of colour codes is the point
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;
// The workbench forwards its own console too (gallery errors, socket logs): show it only with
// --verbose, or when the run fails before the tests begin.
const VERBOSE = process.argv.includes('--verbose') || process.env.ECS_WORKBENCH_VERBOSE === '1';

export async function runIntegration({ grep } = {}) {
  requireCodeServer(TOOL);
  const testsModule = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
  for (const needed of [path.join(ROOT, 'dist', 'extension.js'), testsModule]) {
    if (!fs.existsSync(needed)) {
      throw new Error(`${path.relative(ROOT, needed)} is missing: run \`npm run build && npx tsc -p .\` first`);
    }
  }

  // The markers the tests module prints (test/integration/index.ts), from the module itself.
  const { BEGIN_MARKER, RESULT_MARKER } = createRequire(import.meta.url)(testsModule);

  const dir = makeTempDir('integration');
  let emulator;
  const unhook = onInterrupt(async () => {
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  try {
    const fixtures = prepareFixtures(dir);
    emulator = await startEmulatorIfPresent({ seed: 'empty' });
    note(TOOL, emulator ? `emulator at ${emulator.url}` : 'emulator not built: running without it');
    const env = buildEditorEnv({
      emulatorUrl: emulator?.url,
      fixtures,
      extra: grep ? { ECS_WORKBENCH_TEST_GREP: grep } : {},
    });

    let counts;
    let begun = false;
    const noise = [];
    const onLog = (type, raw) => {
      // mocha's check marks carry colour codes when the host thinks it may colour (CI=true): drop them.
      const text = raw.replace(ANSI_COLOUR, '');
      if (text.includes(BEGIN_MARKER)) {
        begun = true;
        return;
      }
      if (!begun) {
        if (VERBOSE) process.stderr.write(`${text}\n`);
        else noise.push(text);
        return;
      }
      const at = text.indexOf(RESULT_MARKER);
      if (at >= 0) {
        try {
          counts = JSON.parse(text.slice(at + RESULT_MARKER.length));
        } catch {
          /* a test printed the marker itself; ignore */
        }
        return;
      }
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    };
    const showNoise = () => {
      if (!VERBOSE) process.stderr.write(`${noise.slice(-80).join('\n')}\n`);
    };
    let run;
    try {
      run = await runTestsInHost({
        tool: TOOL,
        testsModule,
        folder: fixtures.workspace,
        env,
        dir,
        onLog,
        isStartSignal: (text) => text.includes(BEGIN_MARKER),
      });
    } catch (e) {
      showNoise();
      throw e;
    }
    if (!counts) {
      showNoise();
      throw new Error(
        `the test run ended (exit ${run.exitCode}) without reporting counts: the tests module failed to load or crashed`,
      );
    }
    return { ...counts, exitCode: run.exitCode };
  } finally {
    await emulator?.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    unhook();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('run-integration.mjs')) {
  const { grep } = parseArgs();
  const started = Date.now();
  let result;
  try {
    result = await runIntegration({ grep });
  } catch (e) {
    note(TOOL, `FAILED: ${e.message}`);
    writeResults({ layer: TOOL, passed: 0, failed: 0, skipped: 0, crashed: true, error: e.message });
    process.exit(1);
  }
  const { passed, failed, skipped, exitCode } = result;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`integration: ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds} s)`);
  writeResults({ layer: TOOL, passed, failed, skipped });
  const ok = failed === 0 && passed > 0 && exitCode === 0;
  if (passed === 0 && failed === 0) note(TOOL, 'no test ran: that counts as a failure');
  process.exit(ok ? 0 : 1);
}
