// Benchmark harness for `npm run bench` (scripts/bench.mjs). Each test/bench/*.bench.ts module exports
//   export async function run(report: Report, skip: Skip): Promise<void>
// and calls report() once per figure, or skip() for a part whose tool is missing (never a failure). A figure may carry a baseline measured in the same run (the
// line then shows the ratio) and a budget (the line then says whether the figure is within it).
// Output, one line per figure:
//   name  value unit  (ratio x baseline-name)  [budget < N unit: ok|OVER]

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Measured in the same run, in the same unit. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** An upper limit the figure must stay under (same unit). */
  readonly budget?: number;
  /** The budget is a limit the figure may reach ("no more than"), not one it must stay under. */
  readonly budgetInclusive?: boolean;
}

export type Report = (figure: Figure) => void;

/** Records that `part` of a bench was not measured because of `reason` (a missing tool). */
export type Skip = (part: string, reason: string) => void;

export interface BenchModule {
  run(report: Report, skip: Skip): Promise<void>;
}

export interface BenchOutcome {
  readonly file: string;
  readonly figures: Figure[];
  readonly skipped: { readonly part: string; readonly reason: string }[];
  readonly error?: string;
}

function round(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** Under its budget (or at it, for an inclusive one); true without a budget. */
export function withinBudget(f: Figure): boolean {
  if (f.budget === undefined) return true;
  return f.budgetInclusive ? f.value <= f.budget : f.value < f.budget;
}

export function formatFigure(f: Figure, nameWidth = 0): string {
  let line = `${f.name.padEnd(nameWidth)}  ${round(f.value)} ${f.unit}`;
  if (f.baseline) {
    const ratio = f.baseline.value === 0 ? Infinity : f.value / f.baseline.value;
    line += `  (${Number.isFinite(ratio) ? round(ratio) : '∞'} x ${f.baseline.name})`;
  }
  if (f.budget !== undefined) {
    line += `  [budget ${f.budgetInclusive ? '≤' : '<'} ${round(f.budget)} ${f.unit}: ${withinBudget(f) ? 'ok' : 'OVER'}]`;
  }
  return line;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `samples` awaited calls of `fn`, after `warmup` untimed ones. */
export async function medianTime(fn: () => Promise<unknown>, samples: number, warmup = 0): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Wall and CPU time of one measured stretch, in ms. */
export interface Times {
  /** Wall time: on a busy machine it includes the time other processes held the cores. */
  readonly wall: number;
  /** CPU time of this process (process.cpuUsage, user + system): the work itself, however busy the machine. */
  readonly cpu: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Medians of wall and CPU time over `samples` awaited calls of `fn` (each call measured on both clocks). */
export async function medianTimes(fn: () => Promise<unknown>, samples: number): Promise<Times> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Medians of wall and CPU time over `samples` calls of the synchronous `fn`. */
export function medianTimesSync(fn: () => unknown, samples: number): Times {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** What the benches use of scripts/lib/host.mjs (the code-server test host). */
export interface HostLib {
  ROOT: string;
  CHROMIUM: string;
  CONTAINER_TOOLS: readonly string[];
  findCodeServer(): string | undefined;
  hasCommand(binary: string): boolean;
  makeTempDir(prefix: string): string;
  prepareFixtures(dir: string): unknown;
  buildEditorEnv(opts: { emulatorUrl?: string; fixtures?: unknown; extra?: Record<string, string> }): NodeJS.ProcessEnv;
  runTestsInHost(opts: {
    tool: string;
    testsModule: string;
    folder: string;
    env: NodeJS.ProcessEnv;
    dir: string;
    onLog: (type: string, text: string) => void;
    timeoutMs?: number;
    extensionsDir?: string;
  }): Promise<{ exitCode: number }>;
}

/** Loads scripts/lib/host.mjs (an ES module) from the compiled bench in out/test/bench. */
export async function loadHostLib(): Promise<HostLib> {
  const root = path.resolve(__dirname, '..', '..', '..');
  return (await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'host.mjs')).href)) as HostLib;
}

/**
 * What of `needs` is missing here, as a reason for skip() (undefined when all is there): `code-server`
 * and `chromium` mean the test host, `dist` the development build, anything else a command on the PATH.
 */
export function missingTools(lib: HostLib, needs: readonly string[]): string | undefined {
  const missing = needs.filter((need) => {
    if (need === 'code-server') return !lib.findCodeServer();
    if (need === 'chromium') return !fs.existsSync(lib.CHROMIUM);
    if (need === 'dist') return !fs.existsSync(path.join(lib.ROOT, 'dist', 'extension.js'));
    return !lib.hasCommand(need);
  });
  if (missing.length === 0) return undefined;
  const hint = missing.some((m) => m !== 'dist') ? ' (scripts/install-test-host.sh installs them)' : ' (npm run build)';
  return `missing ${missing.map((m) => (m === 'chromium' ? `Chromium at ${lib.CHROMIUM}` : m === 'dist' ? 'dist/extension.js' : m)).join(', ')}${hint}`;
}

/** Runs bench modules one after the other; a throwing module is recorded, the others still run. */
export async function runBenches(
  files: readonly string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<BenchOutcome[]> {
  const outcomes: BenchOutcome[] = [];
  for (const file of files) {
    const figures: Figure[] = [];
    const skipped: BenchOutcome['skipped'] = [];
    const report: Report = (figure) => {
      figures.push(figure);
      print(formatFigure(figure, 34));
    };
    const skip: Skip = (part, reason) => {
      skipped.push({ part, reason });
      print(`${part}: skipped, ${reason}`);
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as Partial<BenchModule>;
      if (typeof mod.run !== 'function') throw new Error('a bench module must export run(report)');
      await mod.run(report, skip);
      outcomes.push({ file, figures, skipped });
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      print(`${file}: FAILED\n${error}`);
      outcomes.push({ file, figures, skipped, error });
    }
  }
  return outcomes;
}
