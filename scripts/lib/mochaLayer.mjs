// Runs one plain-Node mocha layer (unit or component): every out/test/<layer>/**/*.test.js, BDD
// describe/it and TDD suite/test both work. Expects `npx tsc -p .` to have run. Prints the layer's
// counts and writes them for scripts/test.mjs (ECS_WORKBENCH_RESULTS_FILE).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ROOT, parseArgs, writeResults } from './host.mjs';
import { forbidProcessesAndSockets } from './isolation.mjs';

// The compiled test files of a layer, sorted: each *.test.js under out/test/<layer>/ whose source
// *.test.ts under test/<layer>/ still exists (tsc never deletes the output of a moved or deleted test).
export function layerFiles(layer) {
  const dir = path.join(ROOT, 'out', 'test', layer);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => fs.existsSync(path.join(ROOT, 'test', layer, f.replace(/\.js$/, '.ts'))))
    .map((f) => path.join(dir, f))
    .sort();
}

/**
 * Wraps each test so that a forbidden call the code under test caught and swallowed still fails the
 * test that made it (the call itself already threw an IsolationError).
 */
export function failTestsThatBreakIsolation(suite, guard) {
  for (const test of suite.tests) {
    const fn = test.fn;
    if (!fn) continue;
    const check = () => {
      const broken = guard.take();
      if (broken.length) throw broken[0];
    };
    test.fn =
      fn.length > 0
        ? function (done) {
            guard.take();
            return fn.call(this, (err) => {
              if (err) return done(err);
              try {
                check();
              } catch (e) {
                return done(e);
              }
              return done();
            });
          }
        : async function () {
            guard.take();
            const result = await fn.call(this);
            check();
            return result;
          };
    test.fn.toString = () => fn.toString();
  }
  for (const child of suite.suites) failTestsThatBreakIsolation(child, guard);
}

/**
 * @param {{layer: string, timeout: number, isolated?: boolean}} options
 *   isolated: no test of the layer may start a process or open a socket (scripts/lib/isolation.mjs).
 */
export async function runMochaLayer({ layer, timeout, isolated = false }) {
  const { grep } = parseArgs();
  const files = layerFiles(layer);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout });
  Mocha.interfaces.tdd(mocha.suite);
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);

  const started = Date.now();
  let stats;
  try {
    const guard = isolated ? forbidProcessesAndSockets() : undefined;
    await mocha.loadFilesAsync();
    if (guard) failTestsThatBreakIsolation(mocha.suite, guard);
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
  } catch (e) {
    console.error(`[${layer}] could not run the ${layer} tests: ${e?.stack ?? e}`);
    writeResults({ layer, passed: 0, failed: 0, skipped: 0, crashed: true, error: String(e?.message ?? e) });
    process.exit(1);
  }
  const result = { layer, passed: stats.passes, failed: stats.failures, skipped: stats.pending };
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${layer}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${seconds} s)`);
  writeResults(result);
  // Like mocha --exit: a test that leaves a timer or socket open must not hang CI.
  process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
}
