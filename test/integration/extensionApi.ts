// The extension's exported API (what `activate` returns), for tests and benches in the extension
// host: internals such as the explorer's nodes are reached here, not through contributed commands.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import type { ExplorerApi } from '../../src/explorer/api';
import { EmulatorControl } from '../emulator/control';
import { waitFor } from './wait';

export const EXTENSION_ID = 'ecs-workbench.ecs-workbench';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

export async function explorerApi(): Promise<ExplorerApi> {
  return (await extensionApi()).explorer;
}

/** A node of an explorer view as `inspect` describes it. */
export interface TreeNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  resource?: Record<string, unknown>;
}

/** Walks the Clusters view down `labels` (each a child of the one before), waiting for each to load. */
export async function clustersPath(...labels: (string | RegExp)[]): Promise<TreeNode> {
  const explorer = await explorerApi();
  let node: TreeNode | undefined;
  for (const label of labels) {
    const parent: TreeNode | undefined = node;
    node = await waitFor(`the Clusters view shows ${label}`, async () => {
      const nodes = ((await explorer.inspect('clusters', parent?.id)) ?? []) as TreeNode[];
      return nodes.find((n) => (typeof label === 'string' ? n.label === label : label.test(n.label)));
    });
  }
  if (!node) throw new Error('clustersPath needs a label');
  return node;
}

/** Suite set-up on the demo seed: a fresh seed, the extension active, region us-east-1. */
export async function onDemoSeed(): Promise<EmulatorControl> {
  const url = process.env.ECS_WORKBENCH_EMULATOR_URL;
  if (!url) throw new Error('ECS_WORKBENCH_EMULATOR_URL is not set: run through scripts/run-integration.mjs');
  const control = new EmulatorControl(url);
  await control.reset('demo');
  await extensionApi();
  await vscode.commands.executeCommand('ecsWorkbench.selectRegion', 'us-east-1');
  return control;
}
