// Copies a value and says so in the status bar for a moment (no notification to dismiss).
import * as vscode from 'vscode';

export async function copyWithFeedback(value: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${what}`, 2500);
}
