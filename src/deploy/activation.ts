// Deploy feature wiring: registers the register/deploy/rollback/run-task commands, the deployments
// status bar, and resumes watching deployments that were in progress before a window reload.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { deployServiceCommand } from './commands/deployService';
import { deregisterRevisionsCommand } from './commands/deregisterRevisions';
import { registerTaskDefinitionCommand } from './commands/registerTaskDefinition';
import { rollbackServiceCommand } from './commands/rollbackService';
import { runTaskCommand } from './commands/runTask';
import { ReadonlyDocuments, timeoutMs, type DeployCommandDeps } from './commands/shared';
import { updateImageCommand } from './commands/updateImage';
import { DeploymentWatches, SHOW_DEPLOYMENTS_COMMAND } from './watchesView';

export const DEPLOY_COMMANDS = {
  registerTaskDefinition: 'ecsWorkbench.registerTaskDefinition',
  updateImage: 'ecsWorkbench.updateImage',
  deregisterOldRevisions: 'ecsWorkbench.deregisterOldRevisions',
  deployService: 'ecsWorkbench.deployService',
  rollbackService: 'ecsWorkbench.rollbackService',
  runTask: 'ecsWorkbench.runTask',
  showDeployments: SHOW_DEPLOYMENTS_COMMAND,
} as const;

export function register(
  context: vscode.ExtensionContext,
  deps: { clients: AwsClients; log: vscode.LogOutputChannel },
): void {
  const watches = new DeploymentWatches({ clients: deps.clients, log: deps.log, memento: context.workspaceState, timeoutMs });
  const documents = new ReadonlyDocuments();
  const shared: DeployCommandDeps = { clients: deps.clients, log: deps.log, watches, documents, memento: context.workspaceState };
  context.subscriptions.push(
    watches,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(ReadonlyDocuments.scheme, documents),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.registerTaskDefinition, (...args: unknown[]) => registerTaskDefinitionCommand(shared, ...args)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.updateImage, (arg?: unknown) => updateImageCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.deregisterOldRevisions, (arg?: unknown) => deregisterRevisionsCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.deployService, (arg?: unknown) => deployServiceCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.rollbackService, (arg?: unknown) => rollbackServiceCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.runTask, (arg?: unknown) => runTaskCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.showDeployments, () => watches.showDetails()),
  );
  // Resuming polls AWS, which loads the SDK: never during activate().
  const timer = setTimeout(() => {
    const resumed = watches.resume();
    if (resumed) deps.log.info(`[deploy] resumed watching ${resumed} deployment${resumed === 1 ? '' : 's'} after a reload`);
  }, 1500);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}
