// ecsWorkbench.forceNewDeployment: new tasks of the same revision (moved tags resolve again), confirmed first.
import * as vscode from 'vscode';
import { NEVER_ABORTS } from '../../aws/call';
import { updateService } from '../../aws/ecs';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { confirmDestructive } from '../../ui/confirm';
import { resourceOf } from '../resources';
import { refreshResourceInViews } from '../refresher';
import type { ExplorerCommandDeps } from './deps';

export function forceNewDeploymentCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.forceNewDeployment',
    what: vscode.l10n.t('Forcing a new deployment'),
    trust: 'changesAws',
    runInteractive: async ([arg]) => {
      const r = resourceOf(arg, 'service');
      if (!r?.clusterArn || !r.serviceName) return;
      const revision = r.taskDefinitionArn?.replace(/^.*task-definition\//, '');
      if (
        !(await confirmDestructive(
          vscode.l10n.t('Force a new deployment of "{0}" in cluster "{1}"?', r.serviceName ?? '', r.clusterName ?? ''),
          revision
            ? vscode.l10n.t('ECS starts new tasks of the same revision ({0}) and stops every running task of the service once the new ones are healthy. The image tags are resolved again, so a moved tag deploys its new image.', revision)
            : vscode.l10n.t('ECS starts new tasks of the same revision and stops every running task of the service once the new ones are healthy. The image tags are resolved again, so a moved tag deploys its new image.'),
          vscode.l10n.t('Force New Deployment'),
        ))
      )
        return;
      try {
        await updateService({ clients: deps.clients, region: r.region, signal: NEVER_ABORTS }, { cluster: r.clusterArn, service: r.serviceName, forceNewDeployment: true });
        deps.log.info(`Forced a new deployment of ${r.serviceName} (${r.clusterName}, ${r.region}).`);
        await refreshResourceInViews(deps.providers, r);
      } catch (e) {
        void reportFailure(deps.log, { what: vscode.l10n.t('Forcing a new deployment of {0}', r.serviceName), error: e, profile: r.profile });
      }
    },
  };
}
