// Tests module loaded by the extension host for the startup bench (not a mocha suite): measures the
// time from asking the host to activate ECS Workbench to its activate() having resolved, which
// covers loading dist/extension.js and running activate(). The workspace the bench opens has nothing
// that triggers an activation event, so the extension is still inactive when this runs; if it is
// not, the measurement would be meaningless and the module fails instead of printing a number.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export const BENCH_MARKER = 'ECS_WORKBENCH_BENCH';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('ecs-workbench.ecs-workbench');
  if (!ext) throw new Error('ecs-workbench.ecs-workbench is not loaded in this host');
  if (ext.isActive) throw new Error('the extension was already active: activation time cannot be measured');
  const started = performance.now();
  await ext.activate();
  const activateMs = performance.now() - started;
  console.log(`${BENCH_MARKER} ${JSON.stringify({ activateMs })}`);
}
