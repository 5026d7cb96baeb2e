// ecsWorkbench.openTaskDefinition: a revision opens read-only, as AWS has it.
import * as vscode from 'vscode';
import type { CommandSpec } from '../../ui/command';
import { resourceOf } from '../resources';
import { taskDefinitionUri } from '../taskDefinitionDocument';

export function openTaskDefinitionCommand(): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.openTaskDefinition',
    what: vscode.l10n.t('Opening a task definition'),
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg, 'taskDefinitionRevision');
      if (!r) return;
      const doc = await vscode.workspace.openTextDocument(taskDefinitionUri(r));
      await vscode.languages.setTextDocumentLanguage(doc, 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
    },
  };
}
