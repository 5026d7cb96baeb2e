// Tests module loaded by the extension host for the startup bench (not a mocha suite). ECS Workbench
// activates on onStartupFinished, usually before this module runs, so its activation cannot be timed
// from here; the extension records it itself (src/activationTiming.ts, read through its API), and so
// does the baseline extension (test/bench/host/baseline-extension, an activate() that does nothing).
// One sample per extension:
//   compileMs   V8 compiling the bundle's source, which happens before its first line runs and so
//               escapes the extension's own clock: measured here by compiling the same file again
//               (with a comment appended, so that V8's cache for the loaded source does not answer)
//   evaluateMs  the bundle's top level: from its first module starting to its last one finishing
//   activateMs  activate() itself
// (Between the two the host prepares the extension's context: its wait, not the extension's cost.)
// `activatedBy` says whether the host had activated it by itself (onStartupFinished) or this module
// asked (the event had not fired yet); the figures are the extension's own either way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ActivationTiming } from '../../../src/activationTiming';

export const BENCH_MARKER = 'ECS_WORKBENCH_BENCH';

export interface ActivationSample {
  compileMs: number;
  evaluateMs: number;
  activateMs: number;
  activatedBy: 'host' | 'bench';
}

function compileTime(file: string): number {
  const source = `${fs.readFileSync(file, 'utf8')}\n// startup bench ${Date.now()} ${Math.random()}\n`;
  const started = performance.now();
  new vm.Script(source, { filename: `${file}.bench-compile` });
  return performance.now() - started;
}

async function sample(id: string): Promise<ActivationSample> {
  const ext = vscode.extensions.getExtension<{ startup?: ActivationTiming }>(id);
  if (!ext) throw new Error(`${id} is not loaded in this host`);
  const activatedBy = ext.isActive ? 'host' : 'bench';
  const api = await ext.activate();
  const t = api?.startup;
  if (!t) throw new Error(`${id} returned no startup timing from activate()`);
  const main = path.join(ext.extensionPath, (ext.packageJSON as { main: string }).main);
  return {
    compileMs: compileTime(main.endsWith('.js') ? main : `${main}.js`),
    evaluateMs: t.bundleLoadedMs - t.bundleStartMs,
    activateMs: t.activatedMs - t.activateStartMs,
    activatedBy,
  };
}

export async function run(): Promise<void> {
  const ours = await sample('ecs-workbench.ecs-workbench');
  const baseline = await sample('ecs-workbench.bench-baseline');
  console.log(`${BENCH_MARKER} ${JSON.stringify({ ours, baseline })}`);
}
