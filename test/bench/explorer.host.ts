// Loaded by the extension host for the explorer memory figure (not a mocha suite): browses the
// Clusters view as a user would (each cluster and its Services list expanded in the view, every
// "Load more" clicked) and prints the extension host's heap before and after, garbage collected.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { explorerApi } from '../integration/fixtures';

export const MEMORY_MARKER = 'ECS_WORKBENCH_EXPLORER_MEMORY';

interface Node {
  id: string;
  label: string;
  contextValue: string;
  command?: { command: string; args?: unknown[] };
}

function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function inspect(id: string | undefined, expand: boolean): Promise<Node[]> {
  // Revealing needs the view to have drawn the parent: retry briefly while it catches up.
  for (let attempt = 0; ; attempt++) {
    try {
      return ((await (await explorerApi()).inspect('clusters', id, { expand })) ?? []) as Node[];
    } catch (e) {
      if (attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function children(id: string | undefined, expand: boolean): Promise<Node[]> {
  let list = await inspect(id, expand);
  for (;;) {
    const more = list.find((n) => n.contextValue === 'ecsWorkbench.node.loadMore');
    if (!more) return list;
    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.args ?? []));
    list = ((await (await explorerApi()).inspect('clusters', id)) ?? []) as Node[];
  }
}

export async function run(): Promise<void> {
  await vscode.extensions.getExtension('ecs-workbench.ecs-workbench')!.activate();
  await vscode.commands.executeCommand('workbench.view.extension.ecsWorkbench');
  await vscode.commands.executeCommand('ecsWorkbench.clusters.focus');
  const before = heapAfterGc();
  const started = performance.now();
  const clusters = await children(undefined, false);
  let services = 0;
  for (const cluster of clusters) {
    const groups = await children(cluster.id, true);
    const list = await children(groups.find((g) => g.label === 'Services')!.id, true);
    services += list.length;
  }
  const seconds = (performance.now() - started) / 1000;
  // Let the view fetch and render what was expanded, then measure.
  await new Promise((r) => setTimeout(r, 2000));
  const after = heapAfterGc();
  console.log(`${MEMORY_MARKER} ${JSON.stringify({ before, after, clusters: clusters.length, services, seconds })}`);
}
