// ecsWorkbench.scaleService: a service's desired count, confirmed with what changes. `(node, desired)` asks nothing.
import * as vscode from 'vscode';
import { validateDesiredCount } from '../../aws/console';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { confirmDestructive } from '../../ui/confirm';
import { NEVER_ABORTS } from '../../aws/call';
import { describeService, updateService } from '../../aws/ecs';
import { resourceOf } from '../resources';
import { refreshResourceInViews } from '../refresher';
import type { ExplorerCommandDeps } from './deps';

export function scaleServiceCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.scaleService',
    what: vscode.l10n.t('Scaling a service'),
    trust: 'changesAws',
    runInteractive: async ([arg, desired]) => {
      const r = resourceOf(arg, 'service');
      if (!r?.clusterArn || !r.serviceName) return;
      const current = await describeService(
        { clients: deps.clients, region: r.region, signal: deps.connection.signal },
        r.clusterArn,
        r.serviceArn ?? r.serviceName,
      ).catch(() => undefined);
      const from = current?.desiredCount;
      let text = typeof desired === 'number' || typeof desired === 'string' ? String(desired) : undefined;
      if (text === undefined) {
        text = await vscode.window.showInputBox({
          title: vscode.l10n.t('Scale {0} ({1})', r.serviceName ?? '', r.clusterName ?? ''),
          prompt: from !== undefined ? vscode.l10n.t('Desired number of tasks (now {0})', from) : vscode.l10n.t('Desired number of tasks'),
          value: from !== undefined ? String(from) : '',
          validateInput: (v) => validateDesiredCount(v),
        });
        if (text === undefined) return;
      }
      const problem = validateDesiredCount(text);
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return;
      }
      const to = Number(text.trim());
      if (from === to) return;
      const change =
        from === undefined
          ? vscode.l10n.t('The desired count becomes {0}.', to)
          : to < from
            ? scaleDownText(from, to)
            : to - from === 1
              ? vscode.l10n.t('The desired count goes from {0} to {1}: ECS starts 1 more task.', from, to)
              : vscode.l10n.t('The desired count goes from {0} to {1}: ECS starts {2} more tasks.', from, to, to - from);
      if (!(await confirmDestructive(vscode.l10n.t('Scale service "{0}" in cluster "{1}" to {2}?', r.serviceName ?? '', r.clusterName ?? '', to), change, vscode.l10n.t('Scale')))) return;
      try {
        await updateService({ clients: deps.clients, region: r.region, signal: NEVER_ABORTS }, { cluster: r.clusterArn, service: r.serviceName, desiredCount: to });
        deps.log.info(`Scaled ${r.serviceName} (${r.clusterName}, ${r.region}) from ${from ?? '?'} to ${to}.`);
        await refreshResourceInViews(deps.providers, r);
      } catch (e) {
        void reportFailure(deps.log, { what: vscode.l10n.t('Scaling {0}', r.serviceName), error: e, profile: r.profile });
      }
    },
  };
}

/** The confirmation detail of scaling a service down, one sentence per case (not an English plural suffix). */
function scaleDownText(from: number, to: number): string {
  const stopped = from - to;
  if (to === 0) {
    return stopped === 1
      ? vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops 1 task. The service will run no tasks.', from, to)
      : vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops {2} tasks. The service will run no tasks.', from, to, stopped);
  }
  return stopped === 1
    ? vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops 1 task.', from, to)
    : vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops {2} tasks.', from, to, stopped);
}
