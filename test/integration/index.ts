// Entry point of the integration layer, loaded by the extension host (code-server here, or VS Code
// through @vscode/test-electron): the host calls run() and reports its settling as the exit code.
// Runs every out/test/integration/**/*.test.js with mocha (TDD names suite/test; BDD describe/it work
// too) and prints a begin marker, then one machine-readable line with the counts, which the runners parse:
//   ECS_WORKBENCH_TEST_RESULT {"passed":N,"failed":N,"skipped":N}
// The grep pattern comes from ECS_WORKBENCH_TEST_GREP (set by scripts/run-integration.mjs --grep).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RESULT_MARKER = 'ECS_WORKBENCH_TEST_RESULT';
/** Printed before the first test, so runners can tell test output from the workbench's own logging. */
export const BEGIN_MARKER = 'ECS_WORKBENCH_TEST_BEGIN';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export async function run(): Promise<void> {
  // mocha 12 is an ES module with a CommonJS build inside; the host's require() loads that build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // A bound on one whole test, not a wait: tests wait for conditions (test/integration/wait.ts, up to
    // 30 s each), and on a loaded machine several of those add up.
    timeout: Number(process.env.ECS_WORKBENCH_TEST_TIMEOUT ?? 60_000),
    reporter: 'spec',
  });
  // Also offer the BDD names (describe/it/before/...) to files that prefer them.
  Mocha.interfaces.bdd(mocha.suite);
  const grep = process.env.ECS_WORKBENCH_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findTests(__dirname)) mocha.addFile(file);

  console.log(BEGIN_MARKER);
  const counts = await new Promise<Counts>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const stats = runner.stats;
        resolve({
          passed: stats?.passes ?? 0,
          failed: stats?.failures ?? 0,
          skipped: stats?.pending ?? 0,
        });
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
  console.log(`${RESULT_MARKER} ${JSON.stringify(counts)}`);
  // Runners that cannot read the host's console (test-electron) ask for a file instead.
  const resultsFile = process.env.ECS_WORKBENCH_TEST_RESULTS_FILE;
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(counts));
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
  if (counts.passed === 0) throw new Error('no integration test ran');
}
