// ecsWorkbench.editTaskDefinition: an untitled copy of a revision, named like a task-definition file, to edit and register.
import * as vscode from 'vscode';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { resourceOf } from '../resources';
import { registrableJson } from '../taskDefinitionDocument';
import type { ExplorerCommandDeps } from './deps';

export function editTaskDefinitionCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.editTaskDefinition',
    what: vscode.l10n.t('Editing a task definition'),
    runInteractive: async ([arg]): Promise<vscode.Uri | undefined> => {
      const r = resourceOf(arg, 'taskDefinitionRevision');
      if (!r?.family) return undefined;
      // Described directly, not through the read-only document: a failure is an error message (not a
      // copy full of comments), and no second document stays loaded with its findings in Problems.
      let registrable: string;
      try {
        const revision = r.taskDefinitionArn ?? `${r.family}:${r.revision}`;
        registrable = await registrableJson({ clients: deps.clients, region: r.region, profile: r.profile, signal: deps.connection.signal, pageSize: 1 }, revision);
      } catch (e) {
        void reportFailure(deps.log, { what: vscode.l10n.t('Opening {0}:{1} for editing', r.family, r.revision ?? ''), error: e, profile: r.profile });
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `${r.family}.task-definition.json` }));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), registrable);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('Could not open a copy of {0}:{1} to edit.', r.family, r.revision ?? ''));
      await vscode.window.showTextDocument(doc, { preview: false });
      return doc.uri;
    },
  };
}
