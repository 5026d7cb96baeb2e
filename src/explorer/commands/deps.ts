// What the explorer's commands need: the SDK clients, the connection (its signal ends loads on a
// profile or region switch), the log, and the tree providers to refresh after a change.
import type * as vscode from 'vscode';
import type { AwsClients } from '../../aws/clients';
import type { Connection } from '../../aws/connection';
import type { ExplorerTreeProvider } from '../treeProvider';

export interface ExplorerCommandDeps {
  readonly clients: AwsClients;
  readonly connection: Connection;
  readonly log: vscode.LogOutputChannel;
  readonly providers: readonly ExplorerTreeProvider[];
}
