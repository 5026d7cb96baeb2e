// Copies a value and says so in the status bar for a moment (no notification to dismiss).
import * as vscode from 'vscode';

export async function copyWithFeedback(value: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied {0}', what), 2500);
}
