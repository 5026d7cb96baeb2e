// ecsWorkbench.stopTask: stops one task, confirmed with whether a service replaces it.
import * as vscode from 'vscode';
import { NEVER_ABORTS } from '../../aws/call';
import { stopTask } from '../../aws/ecs';
import { resourceName } from '../../domain/arn';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { confirmDestructive } from '../../ui/confirm';
import { resourceOf } from '../resources';
import { refreshResourceInViews } from '../refresher';
import type { ExplorerCommandDeps } from './deps';

export function stopTaskCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.stopTask',
    what: vscode.l10n.t('Stopping a task'),
    trust: 'changesAws',
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg, 'task');
      if (!r?.taskArn) return;
      const id = resourceName(r.taskArn);
      const detail = r.serviceName
        ? vscode.l10n.t('The task runs {0}:{1} for service "{2}". It stops now; the service starts a replacement to keep its desired count.', r.family ?? '', r.revision ?? '', r.serviceName ?? '')
        : vscode.l10n.t('The standalone task ({0}:{1}) stops now and is not replaced.', r.family ?? '', r.revision ?? '');
      if (!(await confirmDestructive(vscode.l10n.t('Stop task {0} in cluster "{1}"?', id, r.clusterName ?? ''), detail, vscode.l10n.t('Stop Task')))) return;
      try {
        await stopTask({ clients: deps.clients, region: r.region, signal: NEVER_ABORTS }, { cluster: r.clusterArn, task: r.taskArn, reason: 'Stopped from ECS Workbench' });
        deps.log.info(`Stopped task ${r.taskArn}.`);
        await refreshResourceInViews(deps.providers, r);
      } catch (e) {
        void reportFailure(deps.log, { what: vscode.l10n.t('Stopping task {0}', id), error: e, profile: r.profile });
      }
    },
  };
}
