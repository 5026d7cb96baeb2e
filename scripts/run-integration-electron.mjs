#!/usr/bin/env node
// Runs the same integration suite in VS Code desktop through @vscode/test-electron, for machines that
// can download VS Code (this one cannot: use scripts/run-integration.mjs, which runs it in code-server).
//   node scripts/run-integration-electron.mjs [--grep PATTERN]
// Expects `npm run build` and `npx tsc -p .` to have run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, buildEditorEnv, makeTempDir, parseArgs, prepareFixtures, startEmulatorIfPresent, writeResults } from './lib/host.mjs';

const { grep } = parseArgs();
const dir = makeTempDir('electron');
const fixtures = prepareFixtures(dir);
const emulator = await startEmulatorIfPresent({ seed: 'empty' });
const countsFile = path.join(dir, 'counts.json');
const env = buildEditorEnv({
  emulatorUrl: emulator?.url,
  fixtures,
  extra: { ECS_WORKBENCH_TEST_RESULTS_FILE: countsFile, ...(grep ? { ECS_WORKBENCH_TEST_GREP: grep } : {}) },
});
let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: env,
    // test-electron keeps the download and fresh user-data/extensions dirs in .vscode-test/.
    launchArgs: [fixtures.workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`[integration-electron] ${e instanceof Error ? e.message : e}`);
} finally {
  await emulator?.close();
}
const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
fs.rmSync(dir, { recursive: true, force: true });
console.log(`integration (electron): ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
writeResults({ layer: 'integration', ...counts });
process.exit(exitCode === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
