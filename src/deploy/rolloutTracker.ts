// Follows one rolling deployment to its real end. Pure: it is fed DescribeServices snapshots (and,
// when the API has them, ListServiceDeployments/DescribeServiceDeployments data) and says where the
// deployment we started stands.
//
// The rule that the SDK waiter, ecspresso (#732), ecs-deploy (#185) and the deploy action (#191, #494)
// all got wrong: "one deployment and running == desired" is also true after the circuit breaker rolled
// the service back. We remember the deployment id and revision we started; success is only the PRIMARY
// deployment being ours, running our revision, and COMPLETED (or, without rolloutState, ours being the
// only deployment with running == desired).
import * as l10n from '@vscode/l10n';
import { classifyAwsError, isPermanentAwsError, type AwsErrorAction } from '../aws/errors';
import { resourceName, revisionLabel, sameRevision } from '../domain/arn';
import { explainsRolloutFailure, isRollbackDeployment } from '../domain/deploymentState';
import { isStagedStrategy, judgeServiceDeployment, recordStage, stageDetail, type ServiceDeploymentDetail, type StageProgress } from './serviceDeploymentProgress';

/** The parts of an ECS `Deployment` the tracker reads (the SDK type is assignable to this). */
export interface DeploymentSnapshot {
  readonly id?: string;
  readonly status?: string;
  readonly taskDefinition?: string;
  readonly desiredCount?: number;
  readonly pendingCount?: number;
  readonly runningCount?: number;
  readonly failedTasks?: number;
  readonly rolloutState?: string;
  readonly rolloutStateReason?: string;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
}

export interface ServiceEventSnapshot {
  readonly id?: string;
  readonly createdAt?: Date;
  readonly message?: string;
}

/** The parts of an ECS `Service` the tracker reads (the SDK type is assignable to this). */
export interface ServiceSnapshot {
  readonly serviceName?: string;
  readonly status?: string;
  readonly desiredCount?: number;
  readonly runningCount?: number;
  readonly taskDefinition?: string;
  readonly deployments?: readonly DeploymentSnapshot[];
  readonly events?: readonly ServiceEventSnapshot[];
  readonly deploymentConfiguration?: {
    readonly deploymentCircuitBreaker?: { readonly enable?: boolean; readonly rollback?: boolean };
  };
}

/** A service deployment from ListServiceDeployments / DescribeServiceDeployments. */
export interface ServiceDeploymentSnapshot {
  readonly serviceDeploymentArn?: string;
  readonly status?: string;
  readonly statusReason?: string;
  /** The task definition of the target service revision, when the caller resolved it. */
  readonly targetTaskDefinition?: string;
  readonly createdAt?: Date;
  readonly rollbackReason?: string;
}

export interface RolloutTarget {
  /** The revision we deployed (ARN). */
  readonly taskDefinitionArn: string;
  /** The deployment id UpdateService returned (PRIMARY of its response); adopted from the first snapshot when unknown. */
  readonly deploymentId?: string;
  /** When we started (ms since epoch, the watcher's clock). */
  readonly startedAt: number;
  /** Give up after this long (default 30 min). */
  readonly timeoutMs?: number;
  /** Ids of events that existed before we started (e.g. from UpdateService's response): never reported as new. */
  readonly knownEventIds?: readonly string[];
  /** deploymentConfiguration.strategy; BLUE_GREEN, LINEAR and CANARY are judged by their service deployment. */
  readonly strategy?: string;
  /** The service deployment UpdateService started (read each poll for staged strategies). */
  readonly serviceDeploymentArn?: string;
}

/** `unobserved`: watching ended because AWS refused to show the service (credentials, permission); the deployment's own outcome is not known. */
export type RolloutPhase = 'inProgress' | 'completed' | 'failed' | 'rolledBack' | 'timedOut' | 'serviceDeleted' | 'unobserved';

export interface RolloutProgress {
  /** Tasks of our deployment running / desired / pending. */
  readonly running: number;
  readonly desired: number;
  readonly pending: number;
  readonly failedTasks: number;
  /** Tasks of older deployments still running (being drained). */
  readonly draining: number;
  readonly rolloutState?: string;
}

export interface RolloutEvent {
  readonly id: string;
  readonly at: number;
  readonly message: string;
}

export interface RolloutState {
  readonly phase: RolloutPhase;
  readonly terminal: boolean;
  readonly at: number;
  readonly taskDefinitionArn: string;
  readonly deploymentId?: string;
  readonly progress?: RolloutProgress;
  /** Why it failed, rolled back or timed out; what is happening for in-progress states. */
  readonly reason?: string;
  /** The revision the service's PRIMARY deployment runs when it is not ours. */
  readonly serviceTaskDefinition?: string;
  /** Events since we started, oldest first (at most `MAX_EVENTS`). */
  readonly events: readonly RolloutEvent[];
  /** Events first seen in this observation, oldest first. */
  readonly newEvents: readonly RolloutEvent[];
  /** A transient problem while polling (throttling, network); the deployment itself is unaffected. */
  readonly warning?: string;
  /** For `unobserved`: what lets the user see the service again (sign in, grant the permission). */
  readonly action?: AwsErrorAction;
  /** Blue/green, linear and canary: the stage, traffic, bake and a hook waiting for the user. */
  readonly stage?: StageProgress;
  /** The lifecycle stages seen so far, in order, by their ECS names. */
  readonly stages?: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
export const MAX_EVENTS = 20;
/** Allowed difference between our clock and the service's for "events since we started". */
const CLOCK_SKEW_MS = 60_000;

export class RolloutTracker {
  private deploymentId: string | undefined;
  private readonly seenEvents = new Set<string>();
  private readonly events: RolloutEvent[] = [];
  private last: RolloutState;
  private readonly timeoutMs: number;
  private everSawOurs = false;
  private stages: string[] = [];

  constructor(private readonly target: RolloutTarget) {
    this.deploymentId = target.deploymentId;
    this.timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    for (const id of target.knownEventIds ?? []) this.seenEvents.add(id);
    this.last = {
      phase: 'inProgress',
      terminal: false,
      at: target.startedAt,
      taskDefinitionArn: target.taskDefinitionArn,
      deploymentId: target.deploymentId,
      reason: l10n.t('Waiting for the first status'),
      events: [],
      newEvents: [],
    };
  }

  /** The latest state (the initial in-progress state before any observation). */
  get state(): RolloutState {
    return this.last;
  }

  /** The deployment id being followed, once known. */
  get followedDeploymentId(): string | undefined {
    return this.deploymentId;
  }

  /**
   * True when `service` no longer lists the deployment we follow: the caller should then fetch the
   * service deployments (one extra call, once) and pass them with the snapshot, if the API has them.
   */
  needsHistory(service: ServiceSnapshot | undefined): boolean {
    if (!service || this.last.terminal) return false;
    if (!this.deploymentId) return !this.adoptable(service);
    return !(service.deployments ?? []).some((d) => d.id === this.deploymentId);
  }

  /**
   * Feeds one DescribeServices result taken at `at` (ms). `service` undefined means DescribeServices
   * reported the service MISSING. Terminal states are sticky: later observations return them unchanged.
   */
  observe(at: number, service: ServiceSnapshot | undefined, serviceDeployments?: readonly ServiceDeploymentSnapshot[], detail?: ServiceDeploymentDetail): RolloutState {
    if (this.last.terminal) return this.last;
    if (!service || service.status === 'INACTIVE' || service.status === 'DRAINING') {
      return this.finish(at, 'serviceDeleted', [], {
        reason: service ? l10n.t`The service is ${service.status ?? ''} (deleted while the deployment was running).` : l10n.t('The service no longer exists.'),
      });
    }
    const newEvents = this.collectEvents(service.events ?? []);
    const deployments = service.deployments ?? [];
    if (!this.deploymentId) this.deploymentId = this.adoptable(service)?.id;
    const ours = deployments.find((d) => d.id !== undefined && d.id === this.deploymentId);
    const primary = deployments.find((d) => d.status === 'PRIMARY');

    let stage: StageProgress | undefined;
    let stageReason: string | undefined;
    if (detail && isStagedStrategy(this.target.strategy)) {
      // Staged deployments end when their service deployment says so (never during BAKE_TIME).
      this.stages = recordStage(this.stages, detail.lifecycleStage);
      const verdict = judgeServiceDeployment(detail, this.target.strategy!);
      if (verdict.end === 'completed') this.stages = recordStage(this.stages, undefined, true);
      if (verdict.end) {
        const rolledBackTo = primary && !sameRevision(primary.taskDefinition, this.target.taskDefinitionArn) ? primary.taskDefinition : undefined;
        const progress = ours ? progressOf(ours, deployments) : undefined;
        return this.finish(at, verdict.end, newEvents, verdict.end === 'completed' ? { progress } : { reason: verdict.reason, progress, serviceTaskDefinition: rolledBackTo });
      }
      stage = verdict.progress;
      stageReason = verdict.reason ?? stageDetail(stage, at);
    } else if (ours) {
      this.everSawOurs = true;
      const verdict = this.judgeVisible(ours, primary, deployments, service);
      if (verdict) return this.finish(at, verdict.phase, newEvents, verdict);
    } else {
      const verdict = this.judgeGone(primary, serviceDeployments);
      if (verdict) return this.finish(at, verdict.phase, newEvents, verdict);
    }
    const progress = ours ? progressOf(ours, deployments) : undefined;
    if (at - this.target.startedAt >= this.timeoutMs) {
      return this.finish(at, 'timedOut', newEvents, {
        reason: progress
          ? l10n.t`Still not complete after ${formatDuration(this.timeoutMs)}: ${describeProgress(progress)}.`
          : l10n.t`Still not complete after ${formatDuration(this.timeoutMs)}.`,
        progress,
      });
    }
    this.last = {
      phase: 'inProgress',
      terminal: false,
      at,
      taskDefinitionArn: this.target.taskDefinitionArn,
      deploymentId: this.deploymentId,
      progress,
      reason: stageReason ?? (progress ? describeProgress(progress) : l10n.t('Waiting for the deployment to appear')),
      events: [...this.events],
      newEvents,
      stage,
      stages: [...this.stages],
    };
    return this.last;
  }

  /**
   * A poll failed. Throttling and network errors keep the rollout in progress (with a warning) until
   * the timeout; a service or cluster that no longer exists ends it.
   */
  observeError(at: number, error: { name?: string; message?: string }): RolloutState {
    if (this.last.terminal) return this.last;
    if (error.name === 'ServiceNotFoundException' || error.name === 'ClusterNotFoundException') {
      return this.finish(at, 'serviceDeleted', [], { reason: error.message ?? error.name });
    }
    if (isPermanentAwsError(error)) {
      // Polling on cannot succeed until the credentials or permissions change: say so now, not at the timeout.
      const info = classifyAwsError(error);
      return this.finish(at, 'unobserved', [], { reason: unobservedReason(info), action: info.action });
    }
    const warning = l10n.t`Could not read the service status: ${error.message ?? error.name ?? l10n.t('unknown error')}`;
    if (at - this.target.startedAt >= this.timeoutMs) {
      return this.finish(at, 'timedOut', [], {
        reason: l10n.t`Still not complete after ${formatDuration(this.timeoutMs)} (last poll failed: ${error.message ?? error.name ?? l10n.t('unknown error')}).`,
        progress: this.last.progress,
      });
    }
    this.last = { ...this.last, at, newEvents: [], warning };
    return this.last;
  }

  private adoptable(service: ServiceSnapshot): DeploymentSnapshot | undefined {
    const candidates = (service.deployments ?? [])
      .filter((d) => sameRevision(d.taskDefinition, this.target.taskDefinitionArn))
      .filter((d) => !d.createdAt || d.createdAt.getTime() >= this.target.startedAt - CLOCK_SKEW_MS)
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    return candidates.find((d) => d.status === 'PRIMARY') ?? candidates[0];
  }

  private judgeVisible(
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
        phase: 'failed',
        reason: primary?.id
          ? l10n.t`Superseded: a newer deployment (${primary.id}) of ${revisionLabel(primary.taskDefinition)} was started while ours was in progress.`
          : l10n.t`Superseded: a newer deployment of ${revisionLabel(primary?.taskDefinition)} was started while ours was in progress.`,
        progress,
        serviceTaskDefinition: primary?.taskDefinition,
      };
    }
    if (!sameRevision(ours.taskDefinition, this.target.taskDefinitionArn)) {
      return {
        phase: 'failed',
        reason: l10n.t`The deployment runs ${revisionLabel(ours.taskDefinition)}, not ${revisionLabel(this.target.taskDefinitionArn)}.`,
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

  private judgeGone(primary: DeploymentSnapshot | undefined, history: readonly ServiceDeploymentSnapshot[] | undefined): Verdict | undefined {
    if (!this.deploymentId && !this.everSawOurs && !primary) return undefined;
    const record = history ? this.findRecord(history) : undefined;
    if (record?.status?.startsWith('ROLLBACK')) {
      return {
        phase: 'rolledBack',
        reason: record.rollbackReason ?? record.statusReason ?? l10n.t('The deployment was rolled back.'),
        serviceTaskDefinition: primary?.taskDefinition,
      };
    }
    if (record && (record.status === 'STOPPED' || record.status === 'STOP_REQUESTED')) {
      return {
        phase: 'failed',
        reason: record.statusReason ? l10n.t`The deployment was stopped: ${record.statusReason}` : l10n.t('The deployment was stopped.'),
        serviceTaskDefinition: primary?.taskDefinition,
      };
    }
    if (record && (record.status === 'IN_PROGRESS' || record.status === 'PENDING') && !primary) return undefined;
    if (!primary) return undefined;
    if (!sameRevision(primary.taskDefinition, this.target.taskDefinitionArn)) {
      const primaryReason = explainsRolloutFailure(primary.rolloutStateReason) ? primary.rolloutStateReason : undefined;
      const why = record?.rollbackReason ?? this.lastFailureEvent() ?? primaryReason;
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
      phase: 'failed',
      reason,
      serviceTaskDefinition: primary.taskDefinition,
    };
  }

  private findRecord(history: readonly ServiceDeploymentSnapshot[]): ServiceDeploymentSnapshot | undefined {
    const id = this.deploymentId;
    const suffix = id ? resourceName(id) : id;
    const byId = suffix ? history.find((h) => h.serviceDeploymentArn?.endsWith(`/${suffix}`)) : undefined;
    if (byId) return byId;
    return [...history]
      .filter((h) => sameRevision(h.targetTaskDefinition, this.target.taskDefinitionArn))
      .filter((h) => !h.createdAt || h.createdAt.getTime() >= this.target.startedAt - CLOCK_SKEW_MS)
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
  }

  /** The latest event saying why a deployment failed (preferred), or that the service rolls back. */
  private lastFailureEvent(): string | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      if (/deployment failed|circuit breaker/i.test(this.events[i].message)) return this.events[i].message;
    }
    for (let i = this.events.length - 1; i >= 0; i--) {
      if (explainsRolloutFailure(this.events[i].message)) return this.events[i].message;
    }
    return undefined;
  }

  private collectEvents(events: readonly ServiceEventSnapshot[]): RolloutEvent[] {
    const fresh: RolloutEvent[] = [];
    for (const e of events) {
      const id = e.id ?? `${e.createdAt?.getTime() ?? 0}:${e.message ?? ''}`;
      if (this.seenEvents.has(id)) continue;
      this.seenEvents.add(id);
      const at = e.createdAt?.getTime() ?? 0;
      if (!this.target.knownEventIds && e.createdAt && at < this.target.startedAt - CLOCK_SKEW_MS) continue;
      fresh.push({ id, at, message: e.message ?? '' });
    }
    fresh.sort((a, b) => a.at - b.at);
    this.events.push(...fresh);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    return fresh;
  }

  private finish(at: number, phase: RolloutPhase, newEvents: RolloutEvent[], extra: Partial<Verdict>): RolloutState {
    this.last = {
      phase,
      terminal: phase !== 'inProgress',
      at,
      taskDefinitionArn: this.target.taskDefinitionArn,
      deploymentId: this.deploymentId,
      progress: extra.progress ?? this.last.progress,
      reason: extra.reason,
      serviceTaskDefinition: extra.serviceTaskDefinition,
      action: extra.action,
      events: [...this.events],
      newEvents,
      stage: phase === 'timedOut' ? this.last.stage : undefined,
      stages: [...this.stages],
    };
    return this.last;
  }
}

interface Verdict {
  phase: RolloutPhase;
  reason?: string;
  progress?: RolloutProgress;
  serviceTaskDefinition?: string;
  action?: AwsErrorAction;
}

/** Why watching ended and what to do, without claiming anything about the deployment itself. */
function unobservedReason(info: ReturnType<typeof classifyAwsError>): string {
  const what =
    info.kind === 'accessDenied'
      ? info.call
        ? l10n.t`AWS denied ${info.call}: grant that permission, then follow the deployment again.`
        : l10n.t('AWS denied access to the service: grant the permission, then follow the deployment again.')
      : info.kind === 'noCredentials'
        ? l10n.t('No AWS credentials: select a profile, then follow the deployment again.')
        : l10n.t('The AWS credentials expired: sign in again, then follow the deployment again.');
  return l10n.t`Stopped following: ${what} The deployment goes on in ECS; its outcome was not observed.`;
}

function progressOf(ours: DeploymentSnapshot, deployments: readonly DeploymentSnapshot[]): RolloutProgress {
  return {
    running: ours.runningCount ?? 0,
    desired: ours.desiredCount ?? 0,
    pending: ours.pendingCount ?? 0,
    failedTasks: ours.failedTasks ?? 0,
    draining: deployments.filter((d) => d !== ours).reduce((sum, d) => sum + (d.runningCount ?? 0), 0),
    rolloutState: ours.rolloutState,
  };
}

/** `1/2 new tasks running, 2 old draining, 1 failed`. */
export function describeProgress(p: RolloutProgress): string {
  const parts = [l10n.t`${p.running}/${p.desired} new tasks running`];
  if (p.pending) parts.push(l10n.t`${p.pending} pending`);
  if (p.draining) parts.push(l10n.t`${p.draining} old draining`);
  if (p.failedTasks) parts.push(l10n.t`${p.failedTasks} failed`);
  return parts.join(', ');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return l10n.t`${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest ? l10n.t`${m} min ${rest} s` : l10n.t`${m} min`;
  return l10n.t`${Math.floor(m / 60)} h ${m % 60} min`;
}
