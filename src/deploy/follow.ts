// Following a rollout: polls the service on the adaptive schedule and feeds the tracker until the
// deployment ends, the watch times out, or the caller stops watching. Pure (no vscode).
import type { Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import type { AwsCallOptions } from '../aws/call';
import * as ecs from '../aws/ecs';
import { isThrottlingError, nextPollDelay } from './pollSchedule';
import type { PollGroup } from './pollGroup';
import { isStagedStrategy, type ServiceDeploymentDetail } from './serviceDeploymentProgress';
import { DEFAULT_TIMEOUT_MS, type RolloutState, type RolloutTarget, type ServiceDeploymentSnapshot } from './rolloutModel';
import { RolloutTracker } from './rolloutTracker';
import { realClock, type Clock } from './clock';
import { callOptions } from './calls';

export interface FollowOptions {
  /** Aborting stops watching (outcome `cancelled`); it never stops the deployment. */
  readonly signal?: AbortSignal;
  /** Called after every poll with the tracker's state (also for the terminal state). */
  readonly onState?: (state: RolloutState) => void;
  /** Give up after this long; default 30 min. */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Overrides the adaptive schedule (tests); receives the time since start and the throttle count. */
  readonly pollDelay?: (elapsedMs: number, throttles: number) => number;
  /** Counts API calls (benchmarks). */
  readonly onCall?: (name: string) => void;
  /** Other deployments followed at the same time: their DescribeServices calls are merged (pollGroup.ts). */
  readonly group?: PollGroup;
}

/**
 * Service deployments of `service` created since `since` (ms), when the API has them, mapped for the
 * tracker. Returns undefined when the API does not support them or the call fails: the tracker then
 * decides from DescribeServices alone.
 */
export async function serviceDeploymentsSince(
  options: AwsCallOptions,
  where: { readonly cluster: string; readonly service: string },
  since: number,
): Promise<ServiceDeploymentSnapshot[] | undefined> {
  const { cluster, service } = where;
  try {
    const list = await ecs.listServiceDeployments(options, { cluster, service, createdAt: { after: new Date(since - 5 * 60_000) } });
    const briefs = (list.serviceDeployments ?? []).slice(0, 20);
    if (briefs.length === 0) return [];
    // The target revision's task definition identifies our deployment; the details carry the rollback reason.
    const revisionArns = [...new Set(briefs.map((b) => b.targetServiceRevisionArn).filter((a): a is string => !!a))];
    const arns = briefs.map((b) => b.serviceDeploymentArn).filter((a): a is string => !!a);
    const [revisions, details] = await Promise.all([
      revisionArns.length
        ? ecs.describeServiceRevisions(options, revisionArns).then((r) => r.serviceRevisions ?? [], () => [])
        : Promise.resolve([]),
      ecs.describeServiceDeployments(options, arns).then((r) => r.serviceDeployments ?? [], () => []),
    ]);
    return briefs.map((b) => {
      const d = details.find((x) => x.serviceDeploymentArn === b.serviceDeploymentArn);
      return {
        serviceDeploymentArn: b.serviceDeploymentArn,
        status: d?.status ?? b.status,
        statusReason: d?.statusReason ?? b.statusReason,
        createdAt: b.createdAt,
        targetTaskDefinition: revisions.find((r) => r.serviceRevisionArn === b.targetServiceRevisionArn)?.taskDefinition,
        rollbackReason: d?.rollback?.reason,
      };
    });
  } catch (e) {
    if (options.signal.aborted) throw e;
    return undefined;
  }
}

/** Where a rollout being followed lives. */
export interface RolloutLocation {
  readonly cluster: string;
  readonly service: string;
  readonly region?: string;
}

/**
 * Polls the service (one DescribeServices per poll, adaptive interval, never slower than 15 s) and
 * feeds the tracker until the rollout ends, the timeout passes, or `signal` aborts (resolves
 * `undefined` then: watching stopped, the deployment goes on).
 */
export async function followRollout(
  clients: AwsClients,
  where: RolloutLocation,
  target: RolloutTarget,
  options: FollowOptions = {},
): Promise<RolloutState | undefined> {
  const clock = options.clock ?? realClock;
  const timeoutMs = target.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tracker = new RolloutTracker({ ...target, timeoutMs });
  const delay = options.pollDelay ?? nextPollDelay;
  let throttles = 0;
  let historyTried = false;
  const staged = isStagedStrategy(target.strategy) ? target.serviceDeploymentArn : undefined;
  let lastService: Service | undefined;
  let lastDetail = '';
  let waiting = false;
  const group = options.group;
  const leave = group?.join(where, clock.now());
  try {
    for (;;) {
      if (options.signal?.aborted) return undefined;
      let state: RolloutState;
      // A stalled call must not hold the watch past its own timeout: each poll's calls end at the deadline.
      const signal = untilDeadline(options.signal, target.startedAt + timeoutMs - clock.now());
      const call = callOptions(clients, { region: where.region, signal, onCall: options.onCall });
      try {
        // Staged deployments: the service deployment says where it stands. While it only waits (bake,
        // a paused hook, a canary step) and nothing changed, DescribeServices is skipped: a 30-minute
        // bake costs one call per poll, as the SDK's waiter does.
        const detail = staged ? await readServiceDeployment(call, staged, group && ((arn) => group.describeServiceDeployment(where, arn, signal))) : undefined;
        const key = detail ? detailKey(detail) : '';
        waiting = !!detail && isWaitingStage(detail);
        const quiet = waiting && !!lastService && key === lastDetail;
        lastDetail = key;
        const service = quiet ? lastService
          : group ? await group.describeService(where, signal)
            : await ecs.describeService(call, where.cluster, where.service);
        lastService = service;
        let history: ServiceDeploymentSnapshot[] | undefined;
        if (!historyTried && !detail && tracker.needsHistory(service)) {
          historyTried = true;
          history = await serviceDeploymentsSince(call, where, target.startedAt);
        }
        state = tracker.observe(clock.now(), service, history, detail);
        throttles = 0;
      } catch (e) {
        if (options.signal?.aborted) return undefined;
        throttles = isThrottlingError(e) ? throttles + 1 : 0;
        state = tracker.observeError(clock.now(), e as Error);
      }
      options.onState?.(state);
      if (state.terminal) return state;
      // While ECS only waits (a bake can last a day), poll as the SDK waiter does: every 15 s at most.
      const next = delay(clock.now() - target.startedAt, throttles);
      const wait = waiting ? Math.max(next, WAITING_POLL_MS) : next;
      // Followed with others of its cluster: wake on the group's grid so the polls go out together.
      await clock.sleep(group ? group.align(where, clock.now(), wait) : wait, options.signal);
    }
  } finally {
    leave?.();
  }
}

const WAITING_POLL_MS = 15_000;

/** The caller's signal, also aborted once `remainingMs` have passed. */
function untilDeadline(signal: AbortSignal | undefined, remainingMs: number): AbortSignal {
  const deadline = AbortSignal.timeout(Math.max(1, Math.ceil(remainingMs)));
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/** Our service deployment, or undefined when the API cannot say (the tracker then reads deployments[]). */
async function readServiceDeployment(
  call: AwsCallOptions,
  arn: string,
  grouped?: (arn: string) => Promise<ServiceDeploymentDetail | undefined>,
): Promise<ServiceDeploymentDetail | undefined> {
  try {
    if (grouped) return await grouped(arn);
    return (await ecs.describeServiceDeployments(call, [arn])).serviceDeployments?.[0];
  } catch (e) {
    if (call.signal.aborted || isThrottlingError(e)) throw e;
    return undefined;
  }
}

function detailKey(d: ServiceDeploymentDetail): string {
  return [d.status, d.lifecycleStage, d.targetServiceRevision?.requestedProductionTrafficWeight, ...(d.lifecycleHookDetails ?? []).map((h) => h.status)].join('|');
}

/** Stages where ECS only waits: the bake, a canary or linear step's bake, a hook awaiting action. */
function isWaitingStage(d: ServiceDeploymentDetail): boolean {
  if (d.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION')) return true;
  if (d.lifecycleStage === 'BAKE_TIME') return true;
  return d.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' && (d.targetServiceRevision?.requestedProductionTrafficWeight ?? 100) < 100;
}
