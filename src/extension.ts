import * as vscode from 'vscode';
import { SdkClients } from './aws/clients';

// Composition root: build the shared pieces, hand them to each feature. Nothing else lives here.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ECS Workbench', { log: true });
  context.subscriptions.push(log);

  const clients = new SdkClients(() => ({
    profile: process.env.AWS_PROFILE,
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
  }));
  context.subscriptions.push({ dispose: () => clients.dispose() });

  context.subscriptions.push(vscode.commands.registerCommand('ecsWorkbench.showLog', () => log.show()));
}

export function deactivate(): void {}
