// Tests module loaded by the extension host for the startup bench (not a mocha suite): measures the
// time from asking the host to activate ECS Workbench to its activate() having resolved, which
// covers loading dist/extension.js and running activate(), and the same for an empty extension.
// The workspace the bench opens has nothing that triggers an activation event, so the extension is
// still inactive when this runs; if it is not, the measurement would be meaningless and the module
// fails instead of printing a number.
// With ECS_WORKBENCH_BENCH_SPLIT=1 it first requires dist/extension.js itself (the host then reuses
// the loaded module), which splits the total into loading the bundle and running activate().
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export const BENCH_MARKER = 'ECS_WORKBENCH_BENCH';

async function timeActivation(id: string): Promise<number> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`${id} is not loaded in this host`);
  if (ext.isActive) throw new Error(`${id} was already active: its activation time cannot be measured`);
  const started = performance.now();
  await ext.activate();
  return performance.now() - started;
}

export async function run(): Promise<void> {
  // The baseline (an extension whose activate() does nothing, test/bench/host/baseline-extension)
  // goes first: it measures what the host itself spends per activation (context, storage, API
  // object) and absorbs the one-time warm-up, as other extensions would in a real window.
  const baselineMs = await timeActivation('ecs-workbench.bench-baseline');
  let requireMs: number | undefined;
  if (process.env.ECS_WORKBENCH_BENCH_SPLIT === '1') {
    const ext = vscode.extensions.getExtension('ecs-workbench.ecs-workbench');
    if (!ext) throw new Error('ecs-workbench.ecs-workbench is not loaded in this host');
    const main = path.join(ext.extensionPath, (ext.packageJSON as { main: string }).main);
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(main);
    requireMs = performance.now() - started;
  }
  if (vscode.extensions.getExtension('ecs-workbench.ecs-workbench')?.isActive) {
    // Something in the fresh window activated it first (rare): this host gives no sample.
    console.log(`${BENCH_MARKER} ${JSON.stringify({ alreadyActive: true })}`);
    return;
  }
  const activateMs = await timeActivation('ecs-workbench.ecs-workbench');
  console.log(`${BENCH_MARKER} ${JSON.stringify({ activateMs, baselineMs, requireMs })}`);
}
