// Registers the publish feature: `ecsWorkbench.publishImage` and `ecsWorkbench.release`. Nothing runs
// at activation: the container engine is probed and the SDK loaded on the first command.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { removeLeftoverAuthDirs } from './authFiles';
import { PublishCommands } from './commands';
import type { Milestones } from '../ui/milestones';
import type { ExplorerRefresher } from '../explorer/refresher';

export interface PublishDeps {
  readonly log: vscode.LogOutputChannel;
  readonly clients: AwsClients;
  readonly milestones: Milestones;
  /** Shows a pushed image, a new repository or revision, a deployed service in the explorer. */
  readonly refresher: ExplorerRefresher;
}

export function register(context: vscode.ExtensionContext, deps: PublishDeps): void {
  const commands = new PublishCommands(deps);
  context.subscriptions.push(
    commands,
    vscode.commands.registerCommand('ecsWorkbench.publishImage', (arg?: unknown) => commands.publishImage(arg)),
    vscode.commands.registerCommand('ecsWorkbench.release', (arg?: unknown) => commands.release(arg)),
  );
  // A crash leaves podman's temporary auth file (the registry password) behind: remove those now.
  void removeLeftoverAuthDirs().then((removed) => {
    if (removed.length) deps.log.info(`[publish] removed ${removed.length} auth file folder(s) left by an earlier session that ended without cleaning up`);
  });
}
