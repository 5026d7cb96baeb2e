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
import { classifyAwsError, isPermanentAwsError } from '../aws/errors';
import { sameRevision } from '../domain/arn';
import { isStagedStrategy, judgeServiceDeployment, recordStage, stageDetail, type ServiceDeploymentDetail, type StageProgress } from './serviceDeploymentProgress';
import {
  CLOCK_SKEW_MS,
  DEFAULT_TIMEOUT_MS,
  MAX_EVENTS,
  type DeploymentSnapshot,
  type RolloutEvent,
  type RolloutPhase,
  type RolloutState,
  type RolloutTarget,
  type ServiceDeploymentSnapshot,
  type ServiceEventSnapshot,
  type ServiceSnapshot,
  type Verdict,
} from './rolloutModel';
import { describeProgress, formatDuration, unobservedReason } from './rolloutText';
import { judgeGone, judgeVisible, progressOf } from './rolloutVerdicts';

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
      const verdict = judgeVisible(this.target, ours, primary, deployments, service);
      if (verdict) return this.finish(at, verdict.phase, newEvents, verdict);
    } else {
      const verdict = judgeGone({ target: this.target, deploymentId: this.deploymentId, everSawOurs: this.everSawOurs, events: this.events }, primary, serviceDeployments);
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
