// The context actions of the explorer tree, one file each (the four copy/open ones share one), all
// written with the one command helper (src/ui/command.ts): trust for what changes AWS, one error
// reporter. Commands that need a node are hidden from the palette; the ones in the palette take
// explicit arguments or ask with quick picks. Destructive ones confirm first and say exactly what changes.
import type * as vscode from 'vscode';
import { registerCommand } from '../../ui/command';
import { copyArnCommand, copyUriCommand, copyDigestCommand, openInConsoleCommand } from './copy';
import { openTaskDefinitionCommand } from './openTaskDefinition';
import { editTaskDefinitionCommand } from './editTaskDefinition';
import { compareRevisionsCommand } from './compareRevisions';
import { scaleServiceCommand } from './scaleService';
import { forceNewDeploymentCommand } from './forceNewDeployment';
import { stopTaskCommand } from './stopTask';
import { deleteImagesCommand } from './deleteImages';
import { createRepositoryCommand } from './createRepository';
import { deleteRepositoryCommand } from './deleteRepository';
import { deleteUntaggedImagesCommand } from './deleteUntaggedImages';
import type { ExplorerCommandDeps } from './deps';

export type { ExplorerCommandDeps } from './deps';

export function registerExplorerCommands(context: vscode.ExtensionContext, deps: ExplorerCommandDeps): void {
  for (const spec of [
    copyArnCommand(),
    copyUriCommand(),
    copyDigestCommand(),
    openInConsoleCommand(),
    openTaskDefinitionCommand(),
    editTaskDefinitionCommand(deps),
    compareRevisionsCommand(deps),
    scaleServiceCommand(deps),
    forceNewDeploymentCommand(deps),
    stopTaskCommand(deps),
    deleteImagesCommand(deps),
    createRepositoryCommand(deps),
    deleteRepositoryCommand(deps),
    deleteUntaggedImagesCommand(deps),
  ]) {
    registerCommand(context, deps, spec);
  }
}
