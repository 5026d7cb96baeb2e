// Observe feature wiring: container logs (read-only documents, followed live), and the commands
// that open them and the service metrics. The command modules load on first use, so activation pays
// only for the document provider.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { LogDocuments, LOGS_SCHEME } from './logDocuments';
import type { ObserveDeps, ShowLogsRequest } from './showLogs';

export const OBSERVE_COMMANDS = {
  showLogs: 'ecsWorkbench.showLogs',
  filterLogs: 'ecsWorkbench.filterLogs',
  loadEarlierLogs: 'ecsWorkbench.loadEarlierLogs',
  showMetrics: 'ecsWorkbench.showMetrics',
} as const;

type Commands = typeof import('./commands');
let loaded: Commands | undefined;
function commands(): Commands {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./commands') as Commands;
  return loaded;
}

/** The log document a command from the editor title or palette acts on. */
function logUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri && arg.scheme === LOGS_SCHEME) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === LOGS_SCHEME ? active : undefined;
}

export function register(context: vscode.ExtensionContext, deps: { clients: AwsClients; log: vscode.LogOutputChannel }): void {
  const documents = new LogDocuments(deps.log);
  const shared: ObserveDeps = { clients: deps.clients, log: deps.log, documents, extensionUri: context.extensionUri };
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, documents),
    vscode.commands.registerCommand(OBSERVE_COMMANDS.showLogs, (arg?: unknown) => commands().showLogsCommand(shared, arg)),
    vscode.commands.registerCommand(OBSERVE_COMMANDS.filterLogs, (arg?: unknown) => {
      const uri = logUri(arg);
      return commands().filterLogsCommand(shared, uri ? (documents.originOf(uri) as ShowLogsRequest | undefined) : undefined);
    }),
    vscode.commands.registerCommand(OBSERVE_COMMANDS.loadEarlierLogs, (arg?: unknown) => commands().loadEarlierCommand(shared, logUri(arg))),
    vscode.commands.registerCommand(OBSERVE_COMMANDS.showMetrics, (arg?: unknown) => commands().showMetricsCommand(shared, arg)),
  );
}
