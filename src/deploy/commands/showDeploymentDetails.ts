// ecsWorkbench.showDeploymentDetails: a deployment row's Show Details (Clusters view, under a service's
// Deployments). A deployment the workbench follows opens its readable document (Show Deployments); a
// failed or rolled-back one opens the rollout failure report (src/observe); any other shows what the
// row read from ECS, in the same layout.
import * as vscode from 'vscode';
import { showMarkdownDocument } from '../../ui/markdownDocument';
import { parseContextValue, resourceOf, type ExplorerNodeArg } from '../../explorer/resources';
import { localTime } from '../../explorer/format';
import { resourceName, revisionLabel } from '../../domain/arn';
import { showRolloutReport } from '../../observe/rolloutReport';
import { deploymentsDocument, type DeploymentRecord } from '../deploymentsDocument';
import { reportFailure } from '../../ui/command';
import type { DeployCommandDeps } from './shared';

/** States whose details are the failure report. */
const FAILED = new Set(['rolledback', 'failed']);

export async function showDeploymentDetailsCommand(deps: DeployCommandDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  const row = resourceOf(arg, 'deployment');
  const cluster = row?.clusterArn ?? row?.clusterName;
  if (!row?.serviceName || !cluster) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a deployment under a service\'s Deployments in the Clusters view.'));
    return undefined;
  }
  try {
    const key = deps.watches.keyOfDeployment({ region: row.region, cluster, service: row.serviceName, deploymentId: row.deploymentId, serviceDeploymentArn: row.serviceDeploymentArn });
    if (key) return await deps.watches.showDetails(key);
    const state = parseContextValue((arg as ExplorerNodeArg | undefined)?.contextValue ?? '')?.state;
    const failed = (state && FAILED.has(state)) || /\(FAILED\)$/.test(row.details?.status ?? '');
    if (failed && row.taskDefinitionArn) {
      const uri = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading why {0} → {1} failed…', row.serviceName, revisionLabel(row.taskDefinitionArn)) },
        () => showRolloutReport(deps, { cluster, service: row.serviceName!, region: row.region, taskDefinitionArn: row.taskDefinitionArn!, since: row.details?.startedAt ?? 0 }),
      );
      if (uri) return uri;
    }
    const d = row.details ?? {};
    const record: DeploymentRecord = {
      heading: `${row.serviceName} (${resourceName(cluster)}) → ${revisionLabel(row.taskDefinitionArn)} · ${d.status ?? '?'}`,
      service: row.serviceName,
      cluster: resourceName(cluster),
      region: row.region,
      to: row.taskDefinitionArn,
      strategy: d.strategy,
      phase: d.stage ? `${d.status} (${d.stage})` : d.status ?? '?',
      tasks: d.tasks,
      startedAt: d.startedAt,
      endedAt: d.finishedAt,
      running: d.finishedAt === undefined && /IN_PROGRESS|PENDING|REQUESTED|PRIMARY \(IN_PROGRESS\)/.test(d.status ?? ''),
      reason: d.reason,
      watching: 'notFollowed',
    };
    const name = `${row.serviceName}-${resourceName(row.serviceDeploymentArn ?? row.deploymentId ?? 'deployment')}.md`;
    const uri = deps.documents.put(name, deploymentsDocument([record], Date.now(), (ms) => localTime(ms), vscode.l10n.t('Deployment')));
    await showMarkdownDocument(uri);
    return uri;
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Showing the deployment'), error: e });
    return undefined;
  }
}
