// First: its top level marks when the bundle began to run.
import { activationTiming, markBundleLoaded } from './activationTiming';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { SdkClients } from './aws/clients';
import { ProfileStore } from './aws/profileStore';
import { register as registerTaskDefinitions } from './taskdef/activation';
import { createConnection, register as registerExplorer } from './explorer/activation';
import { register as registerPublish } from './publish/activation';
import { register as registerDeploy } from './deploy/activation';
import { register as registerObserve } from './observe/activation';
import { registerMilestones } from './ui/milestones';
import { configureTranslations } from './ui/l10n';
import type { ExtensionApi } from './api';

markBundleLoaded();

// Composition root: build the shared pieces, hand them to each feature. Nothing else lives here.
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activateStartMs = performance.now();
  configureTranslations();
  const log = vscode.window.createOutputChannel('ECS Workbench', { log: true });
  context.subscriptions.push(log);

  // The shared AWS config files, parsed by the SDK's loader right after activation and kept current:
  // client creation (synchronous) reads a picked profile's endpoints from this cache.
  const profiles = new ProfileStore();
  const connection = createConnection(context, profiles);
  const clients = new SdkClients(() => connection.target, (profile) => profiles.endpoints(profile));
  context.subscriptions.push({ dispose: () => clients.dispose() }, profiles.start(), profiles.onDidChange(() => clients.forgetProfileEndpoints()));

  context.subscriptions.push(vscode.commands.registerCommand('ecsWorkbench.showLog', () => log.show()));
  const milestones = registerMilestones(context);
  registerTaskDefinitions(context, { log, milestones });
  const explorer = registerExplorer(context, { log, clients, connection, profiles, milestones });
  // Features show their changes in the explorer through the refresher, by resource.
  const deploy = registerDeploy(context, { log, clients, milestones, refresher: explorer.refresher });
  registerPublish(context, { log, clients, milestones, refresher: explorer.refresher, deployments: deploy });
  registerObserve(context, { log, clients });
  return { explorer: explorer.api, deploy: deploy.api, walkthrough: { completed: () => milestones.completed() }, startup: activationTiming(activateStartMs) };
}

export function deactivate(): void {}
