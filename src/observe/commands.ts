// The observe commands, loaded on first use by activation.ts (with the SDK calls they need).
import * as vscode from 'vscode';
import type { ObserveDeps } from './showLogs';

export { filterLogsCommand, showLogsCommand } from './showLogs';
export { showMetricsCommand } from './metricsPanel';

/** Loads the events before the oldest shown in a log document. */
export async function loadEarlierCommand(deps: ObserveDeps, uri: vscode.Uri | undefined): Promise<number> {
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a log document from the ECS Workbench explorer first.'));
    return 0;
  }
  try {
    const added = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading earlier events…') },
      () => deps.documents.loadEarlier(uri, new AbortController().signal),
    );
    if (added === 0) void vscode.window.setStatusBarMessage(vscode.l10n.t('No earlier events.'), 4000);
    return added;
  } catch (e) {
    deps.log.warn(`[logs] load earlier: ${(e as Error).message}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not load earlier events: {0}', (e as Error).message));
    return 0;
  }
}
