// What a deployment's state means: one rule for "rolled back". Pure.
// ECS says a deployment is a rollback only in words: the rollback deployment's rolloutStateReason
// ("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2222.") and the service
// events ("(service web) rolling back to deployment ecs-svc/2222."). A circuit breaker without
// rollback ("ECS deployment circuit breaker: tasks failed to start.") fails the deployment in place:
// that is a failure, not a rollback.

const ROLLED_BACK = /\broll(?:ing|ed)?[ -]?back/i;
const CIRCUIT_BREAKER = /circuit breaker/i;

/** True when the text says ECS rolled back (or is rolling back, or did a rollback). */
export function saysRolledBack(text: string | undefined): boolean {
  return ROLLED_BACK.test(text ?? '');
}

/** True for a deployment that is a rollback: its rolloutStateReason says so. */
export function isRollbackDeployment(deployment: { readonly rolloutStateReason?: string } | undefined): boolean {
  return saysRolledBack(deployment?.rolloutStateReason);
}

/** True when the text explains why a rollout failed: a rollback or the circuit breaker. */
export function explainsRolloutFailure(text: string | undefined): boolean {
  return saysRolledBack(text) || CIRCUIT_BREAKER.test(text ?? '');
}

/** How a deployment ended. `stopped`: someone stopped it (StopServiceDeployment ABORT, the console);
 * `superseded`: a newer deployment of the service replaced it. Neither is a failure of the deployment. */
export type DeploymentEnd = 'completed' | 'rolledBack' | 'failed' | 'stopped' | 'superseded';

const SUPERSEDED = /\bnew(?:er)? deployment\b|\bsuperseded\b|\breplaced\b/i;

/** True when the text says a newer deployment replaced this one ("Stopped because a new deployment started."). */
export function saysSuperseded(text: string | undefined): boolean {
  return SUPERSEDED.test(text ?? '');
}

/** True when the text says someone stopped the deployment (StopServiceDeployment ABORT). */
export function saysStopped(text: string | undefined): boolean {
  return /\bstop(?:ped)? by\b|\bStopServiceDeployment\b|\bABORT\b/.test(text ?? '');
}

/**
 * Where a rollout stands, whoever reports it: a service deployment (DescribeServiceDeployments
 * `status`), a deployment of a service (its `rolloutState`), or a service (see the explorer's
 * serviceState). One vocabulary, so that each is told and shown the same way.
 */
export type RolloutState =
  | 'pending' | 'inProgress' | 'scaling' | 'rollingBack' | 'stopping'
  | 'succeeded' | 'rolledBack' | 'failed' | 'stopped';

/** Still going: pending, rolling out, rolling back or being stopped. */
export function isRolloutRunning(state: RolloutState | undefined): boolean {
  return state === 'pending' || state === 'inProgress' || state === 'rollingBack' || state === 'stopping';
}

/** A service deployment's `status` as a rollout state; undefined for a status ECS may add later. */
export function serviceDeploymentState(status: string | undefined): RolloutState | undefined {
  switch (status) {
    case 'PENDING': return 'pending';
    case 'IN_PROGRESS': return 'inProgress';
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS': return 'rollingBack';
    case 'STOP_REQUESTED': return 'stopping';
    case 'SUCCESSFUL': return 'succeeded';
    case 'ROLLBACK_SUCCESSFUL': return 'rolledBack';
    case 'ROLLBACK_FAILED': return 'failed';
    case 'STOPPED': return 'stopped';
    default: return undefined;
  }
}

/**
 * A deployment of a service (DescribeServices `deployments[]`) as a rollout state: a rollback (its
 * reason says so) first, then its `rolloutState`; undefined without one (older or EXTERNAL services).
 */
export function deploymentRolloutState(deployment: { readonly rolloutState?: string; readonly rolloutStateReason?: string }): RolloutState | undefined {
  if (isRollbackDeployment(deployment)) return 'rolledBack';
  switch (deployment.rolloutState) {
    case 'IN_PROGRESS': return 'inProgress';
    case 'COMPLETED': return 'succeeded';
    case 'FAILED': return 'failed';
    default: return undefined;
  }
}

/**
 * How a service deployment (DescribeServiceDeployments `status`, with its `statusReason`) ended, or
 * undefined while it runs: SUCCESSFUL is done and only that; ROLLBACK_SUCCESSFUL is a rollback;
 * ROLLBACK_FAILED is a failure (ecspresso's --wait-until=deployed, Terraform's wait_for_steady_state).
 * STOPPED is `superseded` when ECS stopped it because a newer deployment started, else `stopped`.
 */
export function serviceDeploymentEnd(status: string | undefined, statusReason?: string): DeploymentEnd | undefined {
  const state = serviceDeploymentState(status);
  if (state === 'succeeded') return 'completed';
  if (state === 'rolledBack') return 'rolledBack';
  if (state === 'failed') return 'failed';
  if (state === 'stopped') return saysSuperseded(statusReason) ? 'superseded' : 'stopped';
  return undefined;
}

/** How the latest deployment of a service ended badly, as its deployments and events say. */
export interface LastDeploymentEnd {
  readonly end: 'rolledBack' | 'failed';
  /** When ECS reported it (the service event's time). */
  readonly at: Date;
  /** ECS's own words: the failure event, or the rollback event, or the deployment's reason. */
  readonly reason: string;
}

const DEPLOYMENT_FAILED = /deployment failed|circuit breaker/i;
/** A rollback deployment is created the moment ECS reports the rollback, give or take a poll. */
const SAME_MOMENT_MS = 60_000;

/**
 * Whether the service's latest deployment (its PRIMARY) ended rolled back or failed, from
 * DescribeServices alone. ECS leaves no mark on a rollback that completed (the rollback deployment's
 * reason becomes "ECS deployment … completed."), so the service events say it: the newest event of a
 * rollback ("rolling back to deployment …") or a failure ("deployment failed: …") counts when the
 * PRIMARY deployment is not newer than it (a deployment started after a rollback is a new story).
 * Events come newest first, as DescribeServices returns them.
 */
export function lastDeploymentEnd(service: {
  readonly deployments?: readonly { readonly status?: string; readonly rolloutState?: string; readonly rolloutStateReason?: string; readonly createdAt?: Date }[];
  readonly events?: readonly { readonly message?: string; readonly createdAt?: Date }[];
}): LastDeploymentEnd | undefined {
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  if (!primary) return undefined;
  const events = (service.events ?? []).filter((e) => e.createdAt && !Number.isNaN(new Date(e.createdAt).getTime()));
  const at = (e: { createdAt?: Date }) => new Date(e.createdAt!).getTime();
  const rollback = events.find((e) => saysRolledBack(e.message));
  const failure = events.find((e) => DEPLOYMENT_FAILED.test(e.message ?? '') && !saysRolledBack(e.message));
  const created = primary.createdAt ? new Date(primary.createdAt).getTime() : undefined;
  const current = (t: number) => created === undefined || created <= t + SAME_MOMENT_MS;
  if (rollback && current(at(rollback))) {
    // The failure that caused the rollback comes just before it.
    const cause = failure && at(failure) <= at(rollback) && at(rollback) - at(failure) <= SAME_MOMENT_MS ? failure : undefined;
    return { end: 'rolledBack', at: new Date(at(rollback)), reason: [cause?.message, rollback.message].filter(Boolean).join(' ') };
  }
  if (primary.rolloutState === 'FAILED') {
    const when = failure && current(at(failure)) ? failure : undefined;
    if (when) return { end: 'failed', at: new Date(at(when)), reason: when.message ?? primary.rolloutStateReason ?? '' };
  }
  return undefined;
}

/**
 * The revision a service runs: its PRIMARY deployment's (the one ECS is moving to or holds), else the
 * service's task definition. What Deploy compares with, Roll Back goes back from, and Update Image and
 * Release render the new revision from.
 */
export function serviceRevision(service: {
  readonly taskDefinition?: string;
  readonly deployments?: readonly { readonly status?: string; readonly taskDefinition?: string }[];
}): string | undefined {
  return service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition;
}
