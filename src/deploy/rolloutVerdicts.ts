// The rollout tracker's verdicts: from one observation of the service (our deployment visible, or gone
// from deployments[]), whether the deployment we started completed, failed, or was rolled back.
// Pure (no vscode): the rule the SDK waiter got wrong lives here (see ./rolloutTracker.ts).
import * as l10n from '@vscode/l10n';
import { resourceName, revisionLabel, sameRevision } from '../domain/arn';
import { explainsRolloutFailure, isRollbackDeployment, saysStopped, serviceDeploymentEnd } from '../domain/deploymentState';
import {
  CLOCK_SKEW_MS,
  type DeploymentSnapshot,
  type RolloutEvent,
  type RolloutProgress,
  type RolloutTarget,
  type ServiceDeploymentSnapshot,
  type ServiceSnapshot,
  type Verdict,
} from './rolloutModel';

/** What the tracker knows of the deployment it follows. */
export interface FollowedDeployment {
  readonly target: RolloutTarget;
  /** The deployment id, once known (from UpdateService or adopted from a snapshot). */
  readonly deploymentId: string | undefined;
  /** Whether deployments[] ever listed ours. */
  readonly everSawOurs: boolean;
  /** The events seen since we started, oldest first. */
  readonly events: readonly RolloutEvent[];
}

/** Our deployment is listed in deployments[]: judge it by its rolloutState and whether it is PRIMARY. */
export function judgeVisible(
  target: RolloutTarget,
  ours: DeploymentSnapshot,
  primary: DeploymentSnapshot | undefined,
  deployments: readonly DeploymentSnapshot[],
  service: ServiceSnapshot,
): Verdict | undefined {
  const progress = progressOf(ours, deployments);
  const oursIsPrimary = ours.status === 'PRIMARY';
  if (ours.rolloutState === 'FAILED') {
    const rollbackOn = service.deploymentConfiguration?.deploymentCircuitBreaker?.rollback === true;
    const rolledBackTo = !oursIsPrimary && primary ? primary.taskDefinition : undefined;
    const reason = ours.rolloutStateReason ?? l10n.t('The deployment failed.');
    // Stopped by someone (StopServiceDeployment ABORT): it ended where it was, nothing failed.
    if (saysStopped(ours.rolloutStateReason) && !isRollbackDeployment(ours)) return { phase: 'stopped', reason: l10n.t`The deployment was stopped: ${reason}`, progress };
    if (rolledBackTo || rollbackOn) {
      return {
        phase: 'rolledBack',
        reason: rolledBackTo
          ? l10n.t`${reason} The service is going back to ${revisionLabel(rolledBackTo)}.`
          : l10n.t`${reason} The circuit breaker rolls the service back.`,
        progress,
        serviceTaskDefinition: rolledBackTo,
      };
    }
    return { phase: 'failed', reason, progress };
  }
  if (!oursIsPrimary) {
    // Ours is being drained: someone (the circuit breaker or another deploy) made another one PRIMARY.
    if (primary && isRollbackDeployment(primary)) {
      return {
        phase: 'rolledBack',
        reason: l10n.t`${primary.rolloutStateReason ?? l10n.t('The service is rolling back.')} The service is going back to ${revisionLabel(primary.taskDefinition)}.`,
        progress,
        serviceTaskDefinition: primary.taskDefinition,
      };
    }
    return {
      phase: 'superseded',
      reason: primary?.id
        ? l10n.t`Superseded: a newer deployment (${primary.id}) of ${revisionLabel(primary.taskDefinition)} was started while ours was in progress.`
        : l10n.t`Superseded: a newer deployment of ${revisionLabel(primary?.taskDefinition)} was started while ours was in progress.`,
      progress,
      serviceTaskDefinition: primary?.taskDefinition,
    };
  }
  if (!sameRevision(ours.taskDefinition, target.taskDefinitionArn)) {
    return {
      phase: 'failed',
      reason: l10n.t`The deployment runs ${revisionLabel(ours.taskDefinition)}, not ${revisionLabel(target.taskDefinitionArn)}.`,
      progress,
      serviceTaskDefinition: ours.taskDefinition,
    };
  }
  // COMPLETED with fewer running than desired happens when the same update also scaled the service up.
  if (ours.rolloutState === 'COMPLETED' && progress.running >= progress.desired) return { phase: 'completed', progress };
  if (ours.rolloutState === undefined && deployments.length === 1 && progress.running === progress.desired && progress.pending === 0) {
    return { phase: 'completed', progress };
  }
  return undefined;
}

/**
 * Our deployment is no longer in deployments[]: judge it by its service deployment record (when the
 * caller read them), the PRIMARY that replaced it and the failure events seen.
 */
export function judgeGone(followed: FollowedDeployment, primary: DeploymentSnapshot | undefined, history: readonly ServiceDeploymentSnapshot[] | undefined): Verdict | undefined {
  if (!followed.deploymentId && !followed.everSawOurs && !primary) return undefined;
  const record = history ? findRecord(followed, history) : undefined;
  if (record?.status?.startsWith('ROLLBACK')) {
    return {
      phase: 'rolledBack',
      reason: record.rollbackReason ?? record.statusReason ?? l10n.t('The deployment was rolled back.'),
      serviceTaskDefinition: primary?.taskDefinition,
    };
  }
  if (record && (record.status === 'STOPPED' || record.status === 'STOP_REQUESTED')) {
    // ECS stops a deployment that a newer one replaced, and one that someone stopped: two ends, one rule.
    const superseded = serviceDeploymentEnd('STOPPED', record.statusReason) === 'superseded';
    return {
      phase: superseded ? 'superseded' : 'stopped',
      reason: superseded
        ? l10n.t`Superseded: ${record.statusReason ?? ''}`
        : record.statusReason ? l10n.t`The deployment was stopped: ${record.statusReason}` : l10n.t('The deployment was stopped.'),
      serviceTaskDefinition: primary?.taskDefinition,
    };
  }
  if (record && (record.status === 'IN_PROGRESS' || record.status === 'PENDING') && !primary) return undefined;
  if (!primary) return undefined;
  if (!sameRevision(primary.taskDefinition, followed.target.taskDefinitionArn)) {
    const primaryReason = explainsRolloutFailure(primary.rolloutStateReason) ? primary.rolloutStateReason : undefined;
    const why = record?.rollbackReason ?? lastFailureEvent(followed.events) ?? primaryReason;
    return {
      phase: 'rolledBack',
      reason: why
        ? l10n.t`Our deployment is gone and the service runs ${revisionLabel(primary.taskDefinition)}: ${why}`
        : l10n.t`Our deployment is gone and the service runs ${revisionLabel(primary.taskDefinition)}.`,
      serviceTaskDefinition: primary.taskDefinition,
    };
  }
  const completed = record?.status === 'SUCCESSFUL';
  const id = primary.id;
  let reason: string;
  if (id) {
    reason = completed
      ? l10n.t`Superseded: another deployment (${id}) of the same revision replaced ours (it had completed before it was replaced).`
      : l10n.t`Superseded: another deployment (${id}) of the same revision replaced ours.`;
  } else {
    reason = completed
      ? l10n.t('Superseded: another deployment of the same revision replaced ours (it had completed before it was replaced).')
      : l10n.t('Superseded: another deployment of the same revision replaced ours.');
  }
  return {
    phase: 'superseded',
    reason,
    serviceTaskDefinition: primary.taskDefinition,
  };
}

function findRecord(followed: FollowedDeployment, history: readonly ServiceDeploymentSnapshot[]): ServiceDeploymentSnapshot | undefined {
  const id = followed.deploymentId;
  const suffix = id ? resourceName(id) : id;
  const byId = suffix ? history.find((h) => h.serviceDeploymentArn?.endsWith(`/${suffix}`)) : undefined;
  if (byId) return byId;
  return [...history]
    .filter((h) => sameRevision(h.targetTaskDefinition, followed.target.taskDefinitionArn))
    .filter((h) => !h.createdAt || h.createdAt.getTime() >= followed.target.startedAt - CLOCK_SKEW_MS)
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
}

/** The latest event saying why a deployment failed (preferred), or that the service rolls back. */
function lastFailureEvent(events: readonly RolloutEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    if (/deployment failed|circuit breaker/i.test(events[i].message)) return events[i].message;
  }
  for (let i = events.length - 1; i >= 0; i--) {
    if (explainsRolloutFailure(events[i].message)) return events[i].message;
  }
  return undefined;
}

export function progressOf(ours: DeploymentSnapshot, deployments: readonly DeploymentSnapshot[]): RolloutProgress {
  return {
    running: ours.runningCount ?? 0,
    desired: ours.desiredCount ?? 0,
    pending: ours.pendingCount ?? 0,
    failedTasks: ours.failedTasks ?? 0,
    draining: deployments.filter((d) => d !== ours).reduce((sum, d) => sum + (d.runningCount ?? 0), 0),
    rolloutState: ours.rolloutState,
  };
}
