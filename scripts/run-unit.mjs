#!/usr/bin/env node
// Runs the unit layer: every out/test/unit/**/*.test.js with mocha in plain Node (BDD describe/it and
// TDD suite/test both work). Expects `npx tsc -p .` to have run.
//   node scripts/run-unit.mjs [--grep PATTERN]
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ROOT, parseArgs, writeResults } from './lib/host.mjs';

const { grep } = parseArgs();
const dir = path.join(ROOT, 'out', 'test', 'unit');
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.js'))
      .map((f) => path.join(dir, f))
      .sort()
  : [];

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 10_000 });
Mocha.interfaces.tdd(mocha.suite);
if (grep) mocha.grep(grep);
for (const f of files) mocha.addFile(f);

const started = Date.now();
let stats;
try {
  await mocha.loadFilesAsync();
  stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
} catch (e) {
  console.error(`[unit] could not run the unit tests: ${e?.stack ?? e}`);
  writeResults({ layer: 'unit', passed: 0, failed: 0, skipped: 0, crashed: true, error: String(e?.message ?? e) });
  process.exit(1);
}
const result = { layer: 'unit', passed: stats.passes, failed: stats.failures, skipped: stats.pending };
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`unit: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${seconds} s)`);
writeResults(result);
// Like mocha --exit: a test that leaves a timer or socket open must not hang CI.
process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
