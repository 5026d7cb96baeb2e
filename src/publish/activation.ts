// Registers the publish feature: `ecsWorkbench.publishImage` and `ecsWorkbench.release`, one file each
// under commands/. Nothing runs at activation: the container engine is probed and the SDK loaded on
// the first command.
import * as vscode from 'vscode';
import { registerCommand } from '../ui/command';
import { removeLeftoverAuthDirs } from './authFiles';
import { publishImageCommand } from './commands/publishImage';
import { releaseCommand } from './commands/release';
import { PublishSession, type PublishCommandDeps } from './commands/session';

export type PublishDeps = PublishCommandDeps;

export function register(context: vscode.ExtensionContext, deps: PublishDeps): void {
  const session = new PublishSession(deps);
  context.subscriptions.push(session);
  registerCommand(context, deps, publishImageCommand(session));
  registerCommand(context, deps, releaseCommand(session));
  // A crash leaves podman's temporary auth file (the registry password) behind: remove those now.
  void removeLeftoverAuthDirs().then((removed) => {
    if (removed.length) deps.log.info(`[publish] removed ${removed.length} auth file folder(s) left by an earlier session that ended without cleaning up`);
  });
}
