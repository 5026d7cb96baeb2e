// Confirmation for actions that change or remove something: a modal that says exactly what changes.
import * as vscode from 'vscode';

/**
 * Asks before a destructive action. `message` names the action and its target; `detail` says what
 * will change. Resolves true only when the user picks `actionLabel`.
 */
export async function confirmDestructive(message: string, detail: string, actionLabel: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, actionLabel);
  return choice === actionLabel;
}
