// Opens a read-only virtual document as markdown in its own tab (not a preview tab that the next one
// replaces): the rollout failure report, the deployments document.
import * as vscode from 'vscode';

export async function showMarkdownDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
