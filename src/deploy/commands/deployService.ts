// ecsWorkbench.deployService: UpdateService to a revision, then follow the rollout to its real end.
// With explicit arguments {cluster, service, taskDefinition?, desiredCount?, forceNewDeployment?} it
// asks nothing and resolves with the outcome; from a tree node or the palette it asks with quick
// picks and confirms with a summary (revision from → to, image changes, desired count).
import * as vscode from 'vscode';
import type { Service } from '@aws-sdk/client-ecs';
import { resourceOf } from '../../explorer/resources';
import { withDiagnosis } from '../../observe/rolloutReport';
import { describeRevision } from '../registration';
import { NEVER_ABORTS } from '../../aws/call';
import { describeService } from '../../aws/ecs';
import { startDeployment, type DeployRequest } from '../deployment';
import { type DeployOutcome } from '../outcome';
import { deploySummary, withWarnings } from '../presentation';
import { compatibilityWarnings } from '../../domain/compatibility';
import { changedPaths, imageChanges, type TaskDefinitionDocument } from '../render';
import { parseRevision, resourceName, revisionLabel } from '../../domain/arn';
import { pickCluster, pickRevision, pickService, recordHistory, type DeployCommandDeps } from './shared';
import { checkTrust, requireTrust, reportFailure } from '../../ui/command';
import { failureText } from '../../aws/errors';
import { withoutFinalPeriod } from '../../ui/sentence';
import { serviceRevision } from '../../domain/deploymentState';

/** True for `{cluster, service, ...}` passed by keybindings, tasks, other extensions and tests. */
export function isExplicitDeployRequest(arg: unknown): arg is DeployRequest {
  return (
    typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg) &&
    typeof (arg as DeployRequest).cluster === 'string' && typeof (arg as DeployRequest).service === 'string'
  );
}

/** Starts the deployment and follows it in the status bar (and a notification when interactive). */
export async function deployAndWatch(deps: DeployCommandDeps, request: DeployRequest, interactive: boolean): Promise<DeployOutcome> {
  const started = interactive
    ? await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Updating service {0}…', request.service) },
        () => startDeployment(deps.clients, request),
      )
    : await startDeployment(deps.clients, request);
  deps.log.info(
    `[deploy] UpdateService ${request.service} (${request.cluster}): ${revisionLabel(started.previousTaskDefinitionArn)} → ` +
      `${revisionLabel(started.taskDefinitionArn)}${request.desiredCount !== undefined ? `, desired count ${request.desiredCount}` : ''}` +
      `${request.forceNewDeployment ? ', forced new deployment' : ''}`,
  );
  const outcome = await deps.watches.follow(started, { notify: interactive });
  const entries = [];
  if (started.previousTaskDefinitionArn && started.previousTaskDefinitionArn !== started.taskDefinitionArn) {
    entries.push({ taskDefinition: started.previousTaskDefinitionArn, createdAt: started.startedAt - 1, status: 'SUCCESSFUL' });
  }
  if (outcome.outcome !== 'cancelled') {
    const status = outcome.outcome === 'completed' ? 'SUCCESSFUL' : outcome.outcome === 'rolledBack' ? 'ROLLBACK_SUCCESSFUL' : outcome.outcome === 'timedOut' || outcome.outcome === 'unobserved' ? 'IN_PROGRESS' : 'STOPPED';
    entries.push({ taskDefinition: started.taskDefinitionArn, createdAt: started.startedAt, status });
  }
  await recordHistory(deps.memento, request.region, request.cluster, request.service, entries);
  // A failed or rolled-back rollout carries why (stopped tasks, exit codes, last log lines, likely cause).
  return withDiagnosis(deps, started, outcome, interactive);
}

export async function deployServiceCommand(deps: DeployCommandDeps, arg?: unknown): Promise<DeployOutcome | undefined> {
  if (isExplicitDeployRequest(arg)) {
    requireTrust(vscode.l10n.t('Deploying a service'));
    return deployAndWatch(deps, arg, false);
  }
  if (!checkTrust(vscode.l10n.t('Deploying a service'))) return undefined;
  try {
    const serviceNode = resourceOf(arg, 'service');
    const revisionNode = resourceOf(arg, 'taskDefinitionRevision');
    const region = serviceNode?.region ?? revisionNode?.region;
    let cluster = serviceNode?.clusterArn ?? serviceNode?.clusterName;
    let serviceName = serviceNode?.serviceName;
    if (!cluster) cluster = await pickCluster(deps.clients, region);
    if (!cluster) return undefined;
    // A service picked from the list was just described; one from a tree node is read now.
    let picked: Service | undefined;
    if (!serviceName) {
      const preferFamily = revisionNode?.family ?? parseRevision(revisionNode?.taskDefinitionArn ?? '')?.family;
      picked = await pickService(deps.clients, cluster, region, preferFamily);
      serviceName = picked?.serviceName;
    }
    if (!serviceName) return undefined;
    const service = picked ?? (await describeService({ clients: deps.clients, region, signal: NEVER_ABORTS }, cluster, serviceName));
    if (!service) throw new Error(vscode.l10n.t('Service {0} not found.', serviceName));
    const current = serviceRevision(service);
    let taskDefinition = revisionNode?.taskDefinitionArn;
    let forceNewDeployment = false;
    if (!taskDefinition) {
      const family = parseRevision(current ?? '')?.family;
      if (!family) throw new Error(vscode.l10n.t('Cannot tell the task-definition family of {0}.', serviceName));
      const choice = await pickRevision(deps.clients, family, current, region);
      if (!choice) return undefined;
      if (choice.kind === 'force') {
        taskDefinition = current;
        forceNewDeployment = true;
      } else {
        taskDefinition = choice.arn;
        forceNewDeployment = choice.arn === current;
      }
    }
    return await confirmAndDeploy(deps, {
      cluster, service: serviceName, region, taskDefinition, forceNewDeployment,
    }, { current, desiredCount: service.desiredCount, service });
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Deploying a service'), error: e });
    return undefined;
  }
}

/** Shows the confirmation summary, then deploys. */
export async function confirmAndDeploy(
  deps: DeployCommandDeps,
  request: DeployRequest,
  /** `title`: the confirm button (default "Deploy"); `question`: the modal's question (default "Deploy web:3 to web?"). */
  known: { current?: string; desiredCount?: number; title?: string; question?: string; service?: Service },
): Promise<DeployOutcome | undefined> {
  const target = request.taskDefinition ?? known.current;
  if (!target) throw new Error(vscode.l10n.t('No revision to deploy.'));
  const options = { clients: deps.clients, signal: NEVER_ABORTS, region: request.region };
  // Forcing a new deployment of the current revision compares it with itself: one DescribeTaskDefinition.
  const toRead = describeRevision(deps.clients, target, options);
  const fromRead = known.current === target ? toRead : known.current ? describeRevision(deps.clients, known.current, options) : undefined;
  // How the service places its tasks, for the compatibility check: the caller's answer, else read now.
  const serviceRead = known.service ? Promise.resolve(known.service) : describeService(options, request.cluster, request.service);
  const [from, to, service] = await Promise.all([
    fromRead?.catch(() => undefined),
    toRead,
    serviceRead.then(
      (s) => s ?? { unread: vscode.l10n.t('Service {0} not found', request.service) },
      (e: unknown) => ({ unread: withoutFinalPeriod(failureText(e)) }),
    ),
  ]);
  // Not read: said, not taken as fitting.
  const warnings = 'unread' in service
    ? [vscode.l10n.t('Whether {0} fits how {1} runs its tasks was not checked: {2}.', revisionLabel(to.taskDefinition.taskDefinitionArn ?? target), request.service, service.unread)]
    : compatibilityWarnings(to.taskDefinition, service);
  const summary = withWarnings(warnings, deploySummary({
    service: request.service,
    cluster: resourceName(request.cluster),
    from: known.current,
    to: to.taskDefinition.taskDefinitionArn ?? target,
    imageChanges: imageChanges(from?.taskDefinition as TaskDefinitionDocument | undefined, to.taskDefinition as TaskDefinitionDocument),
    otherChanges: from ? changedPaths(from.taskDefinition as TaskDefinitionDocument, to.taskDefinition as TaskDefinitionDocument) : undefined,
    desiredCountFrom: known.desiredCount,
    desiredCountTo: request.desiredCount,
    forceNewDeployment: request.forceNewDeployment,
  }));
  const action = known.title ?? vscode.l10n.t('Deploy');
  const revision = revisionLabel(to.taskDefinition.taskDefinitionArn ?? target);
  const choice = await vscode.window.showWarningMessage(
    known.question ?? vscode.l10n.t('Deploy {0} to {1}?', revision, request.service),
    { modal: true, detail: summary },
    action,
  );
  if (choice !== action) return undefined;
  return deployAndWatch(deps, { ...request, taskDefinition: to.taskDefinition.taskDefinitionArn ?? target }, true);
}
