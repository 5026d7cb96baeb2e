// ecsWorkbench.rollbackService: back to the revision the service ran before (from its deployment
// history and the deployments this extension recorded, not "revision − 1"), confirmed, then followed
// like any deployment. With explicit arguments {cluster, service, region?} it asks nothing.
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import { NEVER_ABORTS } from '../../aws/call';
import { deploymentHistory, rollbackFrom, rollbackTarget } from '../history';
import { type DeployOutcome } from '../outcome';
import { revisionLabel } from '../../domain/arn';
import { confirmAndDeploy, deployAndWatch, isExplicitDeployRequest } from './deployService';
import { pickCluster, pickService, recordedHistory, type DeployCommandDeps } from './shared';
import { checkTrust, requireTrust, reportFailure, withCancellableProgress } from '../../ui/command';

export async function rollbackServiceCommand(deps: DeployCommandDeps, arg?: unknown): Promise<DeployOutcome | undefined> {
  if (isExplicitDeployRequest(arg)) {
    requireTrust(vscode.l10n.t('Rolling back a service'));
    const { current, previous } = await rollbackTarget(deps.clients, arg.cluster, arg.service, {
      signal: NEVER_ABORTS,
      region: arg.region,
      extraHistory: recordedHistory(deps.memento, arg.region, arg.cluster, arg.service),
    });
    if (!previous) throw new Error(vscode.l10n.t('No earlier revision of {0} in its deployment history (it runs {1}).', arg.service, revisionLabel(current)));
    return deployAndWatch(deps, { cluster: arg.cluster, service: arg.service, region: arg.region, taskDefinition: previous }, false);
  }
  if (!checkTrust(vscode.l10n.t('Rolling back a service'))) return undefined;
  try {
    // A service, or a deployment row of it (the service's current deployment).
    const node = resourceOf(arg, 'service') ?? resourceOf(arg, 'deployment');
    const region = node?.region;
    const cluster = node?.clusterArn ?? node?.clusterName ?? (await pickCluster(deps.clients, region, vscode.l10n.t('Roll Back Service: cluster')));
    if (!cluster) return undefined;
    const serviceName = node?.serviceName ?? (await pickService(deps.clients, cluster, region, undefined, vscode.l10n.t('Roll Back Service: service')))?.serviceName;
    if (!serviceName) return undefined;
    // One DescribeServices gives both the history and the desired count the confirmation shows.
    const { service, history } = await withCancellableProgress({ title: vscode.l10n.t('Reading the deployment history of {0}…', serviceName) }, (signal) =>
      deploymentHistory(deps.clients, cluster, serviceName, { signal, region }),
    );
    const { current, previous } = rollbackFrom(service, [...history, ...recordedHistory(deps.memento, region, cluster, serviceName)]);
    if (!previous) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} has no earlier revision in its deployment history (it runs {1}). Use Deploy Service to choose a revision.', serviceName, revisionLabel(current)),
      );
      return undefined;
    }
    return await confirmAndDeploy(
      deps,
      { cluster, service: serviceName, region, taskDefinition: previous },
      // The service first: "Roll Back web:2 to web?" read as rolling back web:2 (issue 17).
      { current, desiredCount: service.desiredCount, title: vscode.l10n.t('Roll Back'), question: vscode.l10n.t('Roll back {0} to {1}?', serviceName, revisionLabel(previous)), service },
    );
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Rolling back a service'), error: e });
    return undefined;
  }
}
