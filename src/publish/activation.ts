// Registers the publish feature: `ecsWorkbench.publishImage` and `ecsWorkbench.release`. Nothing runs
// at activation: the container engine is probed and the SDK loaded on the first command.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { PublishCommands } from './commands';
import type { Milestones } from '../ui/milestones';

export interface PublishDeps {
  readonly log: vscode.LogOutputChannel;
  readonly clients: AwsClients;
  readonly milestones: Milestones;
}

export function register(context: vscode.ExtensionContext, deps: PublishDeps): void {
  const commands = new PublishCommands(deps);
  context.subscriptions.push(
    commands,
    vscode.commands.registerCommand('ecsWorkbench.publishImage', (arg?: unknown) => commands.publishImage(arg)),
    vscode.commands.registerCommand('ecsWorkbench.release', (arg?: unknown) => commands.release(arg)),
  );
}
