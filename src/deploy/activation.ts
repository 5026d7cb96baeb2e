// Deploy feature wiring: registers the register/deploy/rollback/run-task commands, the deployments
// status bar, and resumes watching deployments that were in progress before a window reload.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { ReadonlyDocuments, timeoutMs, type DeployCommandDeps } from './commands/shared';
import { DeploymentWatches, SHOW_DEPLOYMENTS_COMMAND } from './watchesView';
import type { Milestones } from '../ui/milestones';
import type { ExplorerRefresher } from '../explorer/refresher';
import type { DeployApi } from './api';
import type { FollowedElsewhere } from './watchesView';
import type { StartedDeployment } from './deployment';

type Commands = typeof import('./commands/index');
let loaded: Commands | undefined;
function commands(): Commands {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./commands/index') as Commands;
  return loaded;
}

export const DEPLOY_COMMANDS = {
  registerTaskDefinition: 'ecsWorkbench.registerTaskDefinition',
  updateImage: 'ecsWorkbench.updateImage',
  deregisterOldRevisions: 'ecsWorkbench.deregisterOldRevisions',
  deregisterRevision: 'ecsWorkbench.deregisterRevision',
  deployService: 'ecsWorkbench.deployService',
  rollbackService: 'ecsWorkbench.rollbackService',
  runTask: 'ecsWorkbench.runTask',
  showDeployments: SHOW_DEPLOYMENTS_COMMAND,
  continueDeployment: 'ecsWorkbench.continueDeployment',
  stopDeployment: 'ecsWorkbench.stopDeployment',
  showDeploymentDetails: 'ecsWorkbench.showDeploymentDetails',
} as const;

/** What the deploy feature offers the others: its test API and the status-bar entries of deployments. */
export interface DeployFeature {
  readonly api: DeployApi;
  /** The service's status-bar entry for a deployment another pipeline (Release) follows. */
  followedElsewhere(started: StartedDeployment): FollowedElsewhere;
}

export function register(
  context: vscode.ExtensionContext,
  deps: { clients: AwsClients; log: vscode.LogOutputChannel; milestones: Milestones; refresher: ExplorerRefresher },
): DeployFeature {
  const documents = new ReadonlyDocuments();
  const watches = new DeploymentWatches({
    clients: deps.clients, log: deps.log, memento: context.workspaceState, timeoutMs, milestones: deps.milestones, refresher: deps.refresher, documents,
    // The status bar's and the "waits for you" notification's Continue / Roll Back / Stop ask first.
    steer: (kind, target) => kind === 'continue'
      ? commands().continueDeploymentCommand(shared, target, true)
      : commands().stopDeploymentCommand(shared, target, true, kind),
  });
  const shared: DeployCommandDeps = { clients: deps.clients, log: deps.log, watches, documents, memento: context.workspaceState, refresher: deps.refresher };
  context.subscriptions.push(
    watches,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(ReadonlyDocuments.scheme, documents),
    // The command modules (and the linter, pickers and AWS calls they use) load on first use, so
    // activation pays only for the status bar.
    vscode.commands.registerCommand(DEPLOY_COMMANDS.registerTaskDefinition, (...args: unknown[]) => commands().registerTaskDefinitionCommand(shared, ...args)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.updateImage, (arg?: unknown) => commands().updateImageCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.deregisterOldRevisions, (arg?: unknown) => commands().deregisterRevisionsCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.deregisterRevision, (...args: unknown[]) => commands().deregisterRevisionCommand(shared, args)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.deployService, (arg?: unknown) => commands().deployServiceCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.rollbackService, (arg?: unknown) => commands().rollbackServiceCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.runTask, (arg?: unknown) => commands().runTaskCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.showDeployments, (key?: unknown) => watches.showDetails(typeof key === 'string' ? key : undefined)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.continueDeployment, (arg?: unknown) => commands().continueDeploymentCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.stopDeployment, (arg?: unknown) => commands().stopDeploymentCommand(shared, arg)),
    vscode.commands.registerCommand(DEPLOY_COMMANDS.showDeploymentDetails, (arg?: unknown) => commands().showDeploymentDetailsCommand(shared, arg)),
  );
  // Resuming polls AWS, which loads the SDK: never during activate().
  const timer = setTimeout(() => {
    const resumed = watches.resume();
    if (resumed) deps.log.info(`[deploy] resumed watching ${resumed} deployment${resumed === 1 ? '' : 's'} after a reload`);
  }, 1500);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { api: { state: () => watches.snapshot() }, followedElsewhere: (started) => watches.followedElsewhere(started) };
}
