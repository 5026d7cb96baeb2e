// The bench prints one line per figure; the ratio and the budget verdict must say what the numbers say.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatFigure, loadHostLib, median, medianTimes, medianTimesSync, missingTools, runBenches } from '../../bench/harness';

describe('bench harness', () => {
  it('prints value, unit and the ratio to a baseline of the same run', () => {
    assert.equal(
      formatFigure({ name: 'require(bundle)', value: 21.3, unit: 'ms', baseline: { name: 'empty', value: 1.5 } }),
      'require(bundle)  21.3 ms  (14.2 x empty)',
    );
  });

  it('says whether a figure is within its budget', () => {
    assert.equal(formatFigure({ name: 'size', value: 353, unit: 'KB', budget: 800 }), 'size  353 KB  [budget < 800 KB: ok]');
    assert.equal(formatFigure({ name: 'activate', value: 21.6, unit: 'ms', budget: 20 }), 'activate  21.6 ms  [budget < 20.0 ms: OVER]');
    // "No more than": a figure equal to its limit is within it, one above is not.
    assert.equal(formatFigure({ name: 'bake', value: 4, unit: 'calls/min', budget: 4, budgetInclusive: true }), 'bake  4.00 calls/min  [budget ≤ 4.00 calls/min: ok]');
    assert.equal(formatFigure({ name: 'bake', value: 4.07, unit: 'calls/min', budget: 4, budgetInclusive: true }), 'bake  4.07 calls/min  [budget ≤ 4.00 calls/min: OVER]');
  });

  it('takes the median of odd and even sample counts, and refuses none', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), RangeError);
  });

  it('measures CPU time beside wall time: work counts on both clocks, waiting only on the wall clock', async () => {
    const busy = medianTimesSync(() => {
      const until = process.cpuUsage();
      while ((process.cpuUsage(until).user + process.cpuUsage(until).system) / 1000 < 5);
    }, 3);
    assert.ok(busy.cpu >= 5, `CPU ${busy.cpu} ms`);
    // The process's CPU time counts all its threads (GC, the compiler), so it can pass the wall time;
    // it cannot pass the wall time times the cores that ran them.
    const cores = os.availableParallelism();
    assert.ok(busy.wall >= (5 / cores) * 0.9, `wall ${busy.wall} ms, CPU ${busy.cpu} ms on ${cores} cores`);
    const waiting = await medianTimes(() => new Promise((resolve) => setTimeout(resolve, 30)), 3);
    assert.ok(waiting.wall >= 25, `wall ${waiting.wall} ms`);
    assert.ok(waiting.cpu < waiting.wall / 2, `CPU ${waiting.cpu} ms while waiting ${waiting.wall} ms`);
  });

  it('records a failing bench module and still runs the next', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-workbench-bench-test-'));
    try {
      const failing = path.join(dir, 'failing.bench.js');
      const working = path.join(dir, 'working.bench.js');
      fs.writeFileSync(failing, "exports.run = async () => { throw new Error('boom'); };");
      fs.writeFileSync(working, "exports.run = async (report) => report({ name: 'x', value: 2, unit: 'ms' });");
      const lines: string[] = [];
      const outcomes = await runBenches([failing, working], (l) => lines.push(l));
      assert.match(outcomes[0].error ?? '', /boom/);
      assert.deepEqual(outcomes[1].figures, [{ name: 'x', value: 2, unit: 'ms' }]);
      assert.equal(outcomes[1].error, undefined);
      assert.ok(lines.some((l) => l.startsWith('x') && l.includes('2.00 ms')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records a part skipped for a missing tool without failing the module', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-workbench-bench-test-'));
    try {
      const partial = path.join(dir, 'partial.bench.js');
      fs.writeFileSync(partial, "exports.run = async (report, skip) => { report({ name: 'y', value: 1, unit: 'ms' }); skip('host part', 'missing code-server'); };");
      const lines: string[] = [];
      const [outcome] = await runBenches([partial], (l) => lines.push(l));
      assert.equal(outcome.error, undefined);
      assert.deepEqual(outcome.skipped, [{ part: 'host part', reason: 'missing code-server' }]);
      assert.equal(outcome.figures.length, 1);
      assert.ok(lines.includes('host part: skipped, missing code-server'), lines.join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the missing tools, and nothing when all are there', async () => {
    const lib = await loadHostLib();
    assert.equal(missingTools(lib, ['sh']), undefined);
    assert.equal(
      missingTools(lib, ['sh', 'no-such-tool-ecs-workbench', 'another-missing-tool']),
      'missing no-such-tool-ecs-workbench, another-missing-tool (scripts/install-test-host.sh installs them)',
    );
    const saved = process.env.ECS_WORKBENCH_CODE_SERVER;
    const savedDir = process.env.ECS_WORKBENCH_TEST_HOST_DIR;
    process.env.ECS_WORKBENCH_TEST_HOST_DIR = path.join(os.tmpdir(), 'no-test-host-here');
    delete process.env.ECS_WORKBENCH_CODE_SERVER;
    try {
      assert.match(missingTools(lib, ['code-server']) ?? '', /^missing code-server /);
    } finally {
      if (savedDir === undefined) delete process.env.ECS_WORKBENCH_TEST_HOST_DIR;
      else process.env.ECS_WORKBENCH_TEST_HOST_DIR = savedDir;
      if (saved !== undefined) process.env.ECS_WORKBENCH_CODE_SERVER = saved;
    }
  });
});
