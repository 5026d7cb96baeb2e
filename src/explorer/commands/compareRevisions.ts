// ecsWorkbench.compareRevisions: two revisions of a family side by side (older on the left).
import * as vscode from 'vscode';
import type { CommandSpec } from '../../ui/command';
import { listTaskDefinitionRevisions } from '../loaders';
import { resourcesOf } from '../resources';
import { taskDefinitionUri } from '../taskDefinitionDocument';
import type { ExplorerCommandDeps } from './deps';

export function compareRevisionsCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.compareRevisions',
    what: vscode.l10n.t('Comparing revisions'),
    runInteractive: async ([clicked, selected]) => {
      const chosen = resourcesOf(clicked, selected, 'taskDefinitionRevision');
      if (chosen.length === 0) return;
      let [left, right] = chosen;
      if (!right) {
        // One revision: pick the other one from the same family.
        const base = left;
        const picked = await vscode.window.showQuickPick(
          (async () => {
            const { items } = await listTaskDefinitionRevisions(
              { clients: deps.clients, region: base.region, profile: base.profile, signal: deps.connection.signal, pageSize: 100 },
              base.family!,
              'ACTIVE',
            );
            return items
              .filter((i) => i.revision !== base.revision)
              .map((i) => ({ label: `${i.family}:${i.revision}`, description: i.status, ref: i }));
          })(),
          { title: vscode.l10n.t('Compare {0}:{1} with…', base.family ?? '', base.revision ?? ''), placeHolder: vscode.l10n.t('Pick another revision') },
        );
        if (!picked) return;
        right = { ...base, taskDefinitionArn: picked.ref.arn, arn: picked.ref.arn, revision: picked.ref.revision };
      }
      // Older on the left.
      if ((left.revision ?? 0) > (right.revision ?? 0)) [left, right] = [right, left];
      await vscode.commands.executeCommand(
        'vscode.diff',
        taskDefinitionUri(left),
        taskDefinitionUri(right),
        `${left.family}:${left.revision} ↔ ${right.family}:${right.revision}`,
      );
    },
  };
}
