// The extension's exported API (what `activate` returns), for tests and benches in the extension
// host: internals such as the explorer's nodes are reached here, not through contributed commands.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import type { ExplorerApi } from '../../src/explorer/api';

export const EXTENSION_ID = 'ecs-workbench.ecs-workbench';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

export async function explorerApi(): Promise<ExplorerApi> {
  return (await extensionApi()).explorer;
}
