// Starting a deployment: UpdateService to a revision (refused for CODE_DEPLOY and EXTERNAL controllers,
// checked against the revision the user confirmed), and deploy-and-follow to the real end. Pure (no vscode).
import type { Service } from '@aws-sdk/client-ecs';
import * as l10n from '@vscode/l10n';
import type { AwsClients } from '../aws/clients';
import { NEVER_ABORTS } from '../aws/call';
import * as ecs from '../aws/ecs';
import { parseRevision, revisionLabel, sameRevision } from '../domain/arn';
import type { RolloutTarget } from './rolloutModel';
import { realClock } from './clock';
import { callOptions } from './calls';
import { followRollout, type FollowOptions, type RolloutLocation } from './follow';
import { outcomeOf, type DeployOutcome } from './outcome';

export interface DeployRequest {
  readonly cluster: string;
  readonly service: string;
  /** ARN, `family:revision` or `family` (latest ACTIVE); omitted keeps the service's revision. */
  readonly taskDefinition?: string;
  readonly desiredCount?: number;
  readonly forceNewDeployment?: boolean;
  /** Region of the service; the clients' current region when omitted. */
  readonly region?: string;
}

/** What `startDeployment` did: enough to follow the rollout now or after a window reload. */
export interface StartedDeployment extends RolloutLocation {
  readonly taskDefinitionArn: string;
  readonly previousTaskDefinitionArn?: string;
  readonly deploymentId?: string;
  readonly startedAt: number;
  readonly knownEventIds: readonly string[];
  readonly serviceArn?: string;
  readonly clusterArn?: string;
  /** deploymentConfiguration.strategy (ROLLING when the service has none). */
  readonly strategy?: string;
  /** The service deployment UpdateService started (currentServiceDeployment). */
  readonly serviceDeploymentArn?: string;
}

/** UpdateService, returning what is needed to follow the new deployment. */
export async function startDeployment(
  clients: AwsClients,
  request: DeployRequest,
  options: Pick<FollowOptions, 'signal' | 'clock' | 'onCall'> = {},
): Promise<StartedDeployment> {
  const call = callOptions(clients, { region: request.region, signal: options.signal ?? NEVER_ABORTS, onCall: options.onCall });
  const clock = options.clock ?? realClock;
  const before = await ecs.describeService(call, request.cluster, request.service);
  if (!before || before.status === 'INACTIVE') throw new Error(l10n.t`Service ${request.service} not found in cluster ${request.cluster}.`);
  const refusal = controllerRefusal(before, request);
  if (refusal) throw new Error(refusal);
  const previousPrimary = before.deployments?.find((d) => d.status === 'PRIMARY');
  const startedAt = clock.now();
  const out = await ecs.updateService(call, {
    cluster: request.cluster,
    service: request.service,
    taskDefinition: request.taskDefinition,
    desiredCount: request.desiredCount,
    forceNewDeployment: request.forceNewDeployment,
  });
  const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
  const taskDefinitionArn = primary?.taskDefinition ?? out.service?.taskDefinition ?? request.taskDefinition ?? before.taskDefinition ?? '';
  // The guard: the deployment UpdateService started must run the revision the user confirmed. An ECS
  // look-alike once answered with the old revision and the status bar then said "deployed".
  if (parseRevision(request.taskDefinition) && !sameRevision(taskDefinitionArn, request.taskDefinition)) {
    throw new Error(l10n.t`UpdateService answered with a deployment of ${revisionLabel(taskDefinitionArn)}, not of ${revisionLabel(request.taskDefinition)} as confirmed: not following it. Check the service (${request.service}, ${request.cluster}) before deploying again.`);
  }
  return {
    cluster: request.cluster,
    service: request.service,
    region: request.region,
    taskDefinitionArn,
    previousTaskDefinitionArn: previousPrimary?.taskDefinition ?? before.taskDefinition,
    deploymentId: primary?.id,
    startedAt,
    knownEventIds: (before.events ?? []).map((e) => e.id).filter((id): id is string => !!id),
    serviceArn: before.serviceArn,
    clusterArn: before.clusterArn,
    strategy: before.deploymentConfiguration?.strategy ?? 'ROLLING',
    serviceDeploymentArn: out.service?.currentServiceDeployment,
  };
}

/** Why UpdateService cannot deploy a revision to this service (CODE_DEPLOY or EXTERNAL controller), or undefined. */
export function controllerRefusal(service: Service, request: DeployRequest): string | undefined {
  const type = service.deploymentController?.type;
  const name = l10n.t`${request.service} (${request.cluster.slice(request.cluster.lastIndexOf('/') + 1)})`;
  if (type === 'CODE_DEPLOY') {
    return l10n.t`${name} uses the CODE_DEPLOY deployment controller: AWS CodeDeploy deploys it (task sets and an AppSpec), and ECS refuses UpdateService with a new revision for it. Start the deployment in CodeDeploy (aws deploy create-deployment); ECS Workbench cannot follow it.`;
  }
  if (type === 'EXTERNAL') {
    return l10n.t`${name} uses the EXTERNAL deployment controller: a third-party controller deploys it with task sets (CreateTaskSet, UpdateServicePrimaryTaskSet), and ECS refuses UpdateService with a new revision for it. Deploy it with that controller; ECS Workbench cannot follow it.`;
  }
  return undefined;
}

/**
 * Deploys (UpdateService) and follows the rollout to its real end. Resolves with the outcome; never
 * reports `completed` for a deployment the circuit breaker rolled back. Aborting `signal` stops
 * watching (outcome `cancelled`) but not the deployment. Rejects only when UpdateService itself fails.
 */
export async function deployAndFollow(
  clients: AwsClients,
  request: DeployRequest,
  options: FollowOptions & { onStarted?: (started: StartedDeployment) => void } = {},
): Promise<DeployOutcome> {
  const started = await startDeployment(clients, request, options);
  options.onStarted?.(started);
  const state = await followRollout(clients, started, rolloutTargetOf(started), options);
  return outcomeOf(state, started.taskDefinitionArn, started.deploymentId, started.strategy);
}

/** What the tracker needs from a started deployment (also after a window reload). */
export function rolloutTargetOf(started: StartedDeployment): RolloutTarget {
  return {
    taskDefinitionArn: started.taskDefinitionArn,
    deploymentId: started.deploymentId,
    startedAt: started.startedAt,
    knownEventIds: started.knownEventIds,
    strategy: started.strategy,
    serviceDeploymentArn: started.serviceDeploymentArn,
  };
}
