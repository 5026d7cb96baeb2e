// The closing line of `npm test` must count real tests and never look green when a layer did not run.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Layer {
  name: string;
  passed?: number;
  failed?: number;
  skipped?: number;
  crashed?: boolean;
  exitCode?: number;
  seconds?: number;
  error?: string;
}
interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
  line: string;
  problems: string[];
}
interface SummaryModule {
  summarize(layers: Layer[], steps?: { name: string; ok: boolean }[]): Summary;
  layerLine(layer: Layer): string;
}

// scripts/ holds ES modules; this file compiles to CommonJS under out/test/unit/infra/.
const modulePath = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'lib', 'summary.mjs');
let lib: SummaryModule;

describe('test run summary', () => {
  before(async () => {
    lib = (await import(pathToFileURL(modulePath).href)) as SummaryModule;
  });

  it('adds the layers up into the closing line', () => {
    const s = lib.summarize([
      { name: 'unit', passed: 10, failed: 0, skipped: 1, exitCode: 0 },
      { name: 'integration', passed: 4, failed: 1, skipped: 0, exitCode: 1 },
      { name: 'e2e', passed: 2, failed: 0, skipped: 0, exitCode: 0 },
    ]);
    assert.equal(s.line, '16 passed, 1 failed, 1 skipped');
    assert.equal(s.ok, false);
  });

  it('is green only when every layer ran and passed', () => {
    const s = lib.summarize([
      { name: 'unit', passed: 3, failed: 0, exitCode: 0 },
      { name: 'e2e', passed: 1, failed: 0, exitCode: 0 },
    ]);
    assert.equal(s.line, '4 passed, 0 failed');
    assert.equal(s.ok, true);
  });

  it('counts a crashed layer as a failure', () => {
    const s = lib.summarize([
      { name: 'unit', passed: 3, failed: 0, exitCode: 0 },
      { name: 'integration', crashed: true, exitCode: 1 },
    ]);
    assert.equal(s.line, '3 passed, 1 failed');
    assert.deepEqual(s.problems, ['integration crashed']);
  });

  it('counts a layer that ran no test as a failure', () => {
    const s = lib.summarize([
      { name: 'unit', passed: 3, failed: 0, exitCode: 0 },
      { name: 'e2e', passed: 0, failed: 0, skipped: 2, exitCode: 0 },
    ]);
    assert.equal(s.ok, false);
    assert.equal(s.failed, 1);
    assert.deepEqual(s.problems, ['e2e ran no test']);
  });

  it('counts a non-zero exit without failed tests as a failure', () => {
    const s = lib.summarize([{ name: 'unit', passed: 3, failed: 0, exitCode: 7 }]);
    assert.equal(s.failed, 1);
    assert.equal(s.ok, false);
  });

  it('counts failed steps such as the typecheck', () => {
    const s = lib.summarize([{ name: 'unit', passed: 3, failed: 0, exitCode: 0 }], [
      { name: 'build', ok: true },
      { name: 'typecheck', ok: false },
    ]);
    assert.equal(s.line, '3 passed, 1 failed');
    assert.deepEqual(s.problems, ['typecheck failed']);
  });

  it('prints one line per layer', () => {
    assert.equal(
      lib.layerLine({ name: 'unit', passed: 2, failed: 1, skipped: 0, seconds: 1.25 }),
      'unit         2 passed, 1 failed, 0 skipped  (1.3 s)',
    );
    assert.equal(lib.layerLine({ name: 'e2e', crashed: true, error: 'no host' }), 'e2e          crashed: no host');
  });
});
