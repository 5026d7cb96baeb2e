// The deploy feature's AWS operations, without VS Code: register a revision, render a new image into
// one, deploy a service and follow the rollout to its real end, roll back, run a one-off task, and
// deregister old revisions. The VS Code commands and the publish feature's release pipeline both call
// these. Every call takes an AbortSignal that reaches the SDK.
import type {
  RegisterTaskDefinitionCommandInput,
  Service,
  Tag,
  Task,
  TaskDefinition,
  NetworkConfiguration,
  TaskOverride,
  LaunchType,
} from '@aws-sdk/client-ecs';
import * as l10n from '@vscode/l10n';
import type { AwsClients } from '../aws/clients';
import { isDescribeFailuresError, NEVER_ABORTS, type AwsCallOptions } from '../aws/call';
import * as ecs from '../aws/ecs';
import type { DescribedRevision } from '../aws/ecs';
import { classifyAwsError, isPermanentAwsError } from '../aws/errors';
import { isThrottlingError, nextPollDelay } from './pollSchedule';
import type { PollGroup } from './pollGroup';
import { registerInputFromDescription } from '../taskdef/registrable';
import { renderImage as renderImageIntoDocument, type ImageChange, type RenderImageRequest, type TaskDefinitionDocument } from './render';
import { previousRevision, selectRevisionsToDeregister, type DeregisterPlan, type HistoryEntry } from './revisions';
import { parseRevision, revisionLabel, sameRevision } from '../domain/arn';
import { isStagedStrategy, type ServiceDeploymentDetail } from './serviceDeploymentProgress';
import {
  DEFAULT_TIMEOUT_MS,
  RolloutTracker,
  type RolloutState,
  type RolloutTarget,
  type ServiceDeploymentSnapshot,
} from './rolloutTracker';

export type { ImageChange };

/** `unobserved`: AWS stopped letting us read the service (credentials, permission); the deployment's outcome is not known. */
export type DeployOutcomeKind = 'completed' | 'failed' | 'rolledBack' | 'timedOut' | 'cancelled' | 'unobserved';

/** What `deployAndFollow` (and the `ecsWorkbench.deployService` command with arguments) resolves with. */
export interface DeployOutcome {
  readonly outcome: DeployOutcomeKind;
  /** The revision we deployed. */
  readonly taskDefinitionArn: string;
  readonly reason?: string;
  readonly deploymentId?: string;
  /** The revision the service runs at the end when it is not ours (rolled back, superseded). */
  readonly serviceTaskDefinition?: string;
  /** Service events seen during the rollout, oldest first. */
  readonly events?: readonly string[];
  /** deploymentConfiguration.strategy of the service: ROLLING, BLUE_GREEN, LINEAR or CANARY. */
  readonly strategy: string;
  /** The lifecycle stages seen, in order, by their ECS names (empty for rolling deployments). */
  readonly stages: readonly string[];
}

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

/** Clock and timer, injectable for tests and benchmarks. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

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

export interface RegisteredRevision {
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly revision: number;
  readonly taskDefinition: TaskDefinition;
}

/** The options of the src/aws/ecs.ts calls made for one operation. */
function callOptions(clients: AwsClients, region: string | undefined, signal: AbortSignal | undefined, onCall?: (name: string) => void): AwsCallOptions {
  return { clients, region, signal: signal ?? NEVER_ABORTS, onCall };
}

/** RegisterTaskDefinition with an input that is already clean (use `registerInputFromDescription` or the linter's `toRegisterInput` first). */
export async function registerRevision(
  clients: AwsClients,
  input: RegisterTaskDefinitionCommandInput,
  signal?: AbortSignal,
  region?: string,
): Promise<RegisteredRevision> {
  const td = await ecs.registerTaskDefinition(callOptions(clients, region, signal), input);
  return { taskDefinitionArn: td.taskDefinitionArn, family: td.family ?? '', revision: td.revision ?? 0, taskDefinition: td };
}

/** DescribeTaskDefinition with its tags. `reference` is an ARN, `family:revision` or `family` (latest ACTIVE). */
export async function describeRevision(
  clients: AwsClients,
  reference: string,
  signal?: AbortSignal,
  region?: string,
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
  return ecs.describeTaskDefinition(callOptions(clients, region, signal), reference);
}

/** The latest ACTIVE revision of a family, or undefined when the family has none. */
export async function latestRevision(
  clients: AwsClients,
  family: string,
  signal?: AbortSignal,
  region?: string,
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] } | undefined> {
  try {
    return await describeRevision(clients, family, signal, region);
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name === 'ClientException' || /unable to describe|not found|does not exist/i.test(err.message ?? '')) return undefined;
    throw e;
  }
}

export interface RenderAndRegisterRequest {
  /** The revision to start from: ARN, `family:revision` or `family` (latest). */
  readonly taskDefinition: string;
  /** One or more containers and their new images. */
  readonly images: RenderImageRequest | readonly RenderImageRequest[];
  readonly region?: string;
}

export type { DescribedRevision };

/** The register input of a new revision: `base` (tags kept) with new image(s) and nothing else changed. Pure. */
export function renderRevision(
  base: DescribedRevision,
  images: RenderImageRequest | readonly RenderImageRequest[],
): { input: RegisterTaskDefinitionCommandInput; changes: ImageChange[] } {
  const rendered = renderImageIntoDocument(registerInputFromDescription(base.taskDefinition, base.tags) as TaskDefinitionDocument, images);
  return { input: rendered.taskDefinition as RegisterTaskDefinitionCommandInput, changes: rendered.changes };
}

/**
 * Registers a new revision of a revision already described (so callers that read it to pick the
 * container do not read it again), with new image(s) and nothing else changed.
 */
export async function registerWithImages(
  clients: AwsClients,
  base: DescribedRevision,
  images: RenderImageRequest | readonly RenderImageRequest[],
  signal?: AbortSignal,
  region?: string,
): Promise<RegisteredRevision & { changes: ImageChange[]; from: string }> {
  const rendered = renderRevision(base, images);
  const registered = await registerRevision(clients, rendered.input, signal, region);
  return { ...registered, changes: rendered.changes, from: base.taskDefinition.taskDefinitionArn ?? '' };
}

/**
 * Renders new image(s) into a revision and registers the result: a new revision with only that change
 * (tags kept). Resolves with the new revision and the image changes.
 */
export async function renderImage(
  clients: AwsClients,
  request: RenderAndRegisterRequest,
  signal?: AbortSignal,
): Promise<RegisteredRevision & { changes: ImageChange[]; from: string }> {
  const base = await describeRevision(clients, request.taskDefinition, signal, request.region);
  const registered = await registerWithImages(clients, base, request.images, signal, request.region);
  return { ...registered, from: registered.from || request.taskDefinition };
}

/** DescribeServices for one service; undefined when the API reports it MISSING. */
export async function describeService(
  clients: AwsClients,
  cluster: string,
  service: string,
  signal?: AbortSignal,
  region?: string,
  onCall?: (name: string) => void,
): Promise<Service | undefined> {
  return ecs.describeService(callOptions(clients, region, signal, onCall), cluster, service);
}

/**
 * Service deployments of `service` created since `since` (ms), when the API has them, mapped for the
 * tracker. Returns undefined when the API does not support them or the call fails: the tracker then
 * decides from DescribeServices alone.
 */
export async function serviceDeploymentsSince(
  clients: AwsClients,
  cluster: string,
  service: string,
  since: number,
  signal?: AbortSignal,
  region?: string,
  onCall?: (name: string) => void,
): Promise<ServiceDeploymentSnapshot[] | undefined> {
  const options = callOptions(clients, region, signal, onCall);
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
    if (signal?.aborted) throw e;
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
      const call = callOptions(clients, where.region, signal, options.onCall);
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
            : await describeService(clients, where.cluster, where.service, signal, where.region, options.onCall);
        lastService = service;
        let history: ServiceDeploymentSnapshot[] | undefined;
        if (!historyTried && !detail && tracker.needsHistory(service)) {
          historyTried = true;
          history = await serviceDeploymentsSince(clients, where.cluster, where.service, target.startedAt, signal, where.region, options.onCall);
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

/** Maps a final tracker state to the public outcome. */
export function outcomeOf(state: RolloutState | undefined, taskDefinitionArn: string, deploymentId?: string, strategy = 'ROLLING'): DeployOutcome {
  if (!state) return { outcome: 'cancelled', taskDefinitionArn, deploymentId, reason: l10n.t('Stopped watching; the deployment continues.'), strategy, stages: [] };
  const outcome: DeployOutcomeKind =
    state.phase === 'completed' ? 'completed'
      : state.phase === 'rolledBack' ? 'rolledBack'
        : state.phase === 'timedOut' ? 'timedOut'
          : state.phase === 'unobserved' ? 'unobserved'
            : 'failed';
  return {
    outcome,
    taskDefinitionArn,
    deploymentId: state.deploymentId ?? deploymentId,
    reason: state.reason,
    serviceTaskDefinition: state.serviceTaskDefinition,
    events: state.events.map((e) => e.message),
    strategy,
    stages: state.stages ?? [],
  };
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
  signal?: AbortSignal,
  clock: Clock = realClock,
  onCall?: (name: string) => void,
): Promise<StartedDeployment> {
  const before = await describeService(clients, request.cluster, request.service, signal, request.region, onCall);
  if (!before || before.status === 'INACTIVE') throw new Error(l10n.t`Service ${request.service} not found in cluster ${request.cluster}.`);
  const refusal = controllerRefusal(before, request);
  if (refusal) throw new Error(refusal);
  const previousPrimary = before.deployments?.find((d) => d.status === 'PRIMARY');
  const startedAt = clock.now();
  const out = await ecs.updateService(callOptions(clients, request.region, signal, onCall), {
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
  const started = await startDeployment(clients, request, options.signal, options.clock, options.onCall);
  options.onStarted?.(started);
  const state = await followRollout(clients, started, rolloutTargetOf(started), options);
  return outcomeOf(state, started.taskDefinitionArn, started.deploymentId, started.strategy);
}

/**
 * The deployment history of a service, newest first: its current deployments[] and, when the API
 * has them, its service deployments (with their target revisions resolved).
 */
export async function deploymentHistory(
  clients: AwsClients,
  cluster: string,
  service: string,
  signal?: AbortSignal,
  region?: string,
): Promise<{ service: Service; history: HistoryEntry[] }> {
  const svc = await describeService(clients, cluster, service, signal, region);
  if (!svc) throw new Error(l10n.t`Service ${service} not found in cluster ${cluster}.`);
  const history: HistoryEntry[] = (svc.deployments ?? [])
    .filter((d) => d.taskDefinition)
    .map((d) => ({
      taskDefinition: d.taskDefinition!,
      createdAt: d.createdAt?.getTime() ?? 0,
      status: d.rolloutState === 'FAILED' ? 'FAILED' : d.status === 'PRIMARY' ? 'PRIMARY' : 'ACTIVE',
    }));
  try {
    const options = callOptions(clients, region, signal);
    const list = await ecs.listServiceDeployments(options, { cluster, service, maxResults: 20 });
    const briefs = (list.serviceDeployments ?? []).filter((b) => b.targetServiceRevisionArn);
    if (briefs.length) {
      const revisions = await ecs.describeServiceRevisions(options, [...new Set(briefs.map((b) => b.targetServiceRevisionArn!))].slice(0, 20));
      for (const b of briefs) {
        const td = revisions.serviceRevisions?.find((r) => r.serviceRevisionArn === b.targetServiceRevisionArn)?.taskDefinition;
        if (td) history.push({ taskDefinition: td, createdAt: b.createdAt?.getTime() ?? 0, status: b.status });
      }
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    // Older APIs (and some endpoints) lack service deployments: deployments[] is the history then.
  }
  return { service: svc, history };
}

/**
 * The revision to roll back to: the one the service ran before its current revision, from its
 * deployment history (plus `extraHistory`, e.g. deployments this extension recorded).
 */
export async function rollbackTarget(
  clients: AwsClients,
  cluster: string,
  service: string,
  signal?: AbortSignal,
  region?: string,
  extraHistory: readonly HistoryEntry[] = [],
): Promise<{ current: string; previous: string | undefined }> {
  const { service: svc, history } = await deploymentHistory(clients, cluster, service, signal, region);
  return rollbackFrom(svc, [...history, ...extraHistory]);
}

/** The revision a service runs now and the one it ran before it, from a history already read. */
export function rollbackFrom(service: Service, history: readonly HistoryEntry[]): { current: string; previous: string | undefined } {
  const current = service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition ?? '';
  return { current, previous: previousRevision(current, history) };
}

/**
 * Services whose DescribeServices answered with a failure other than MISSING: nobody knows which
 * revisions they use, so a plan that deregisters revisions fails closed and names them.
 */
export class UnreadableServicesError extends Error {
  constructor(readonly services: readonly string[], readonly family: string) {
    super(
      l10n.t('Nothing was deregistered: {0} could not be read, and might use revisions of {1}. {2}',
        services.length === 1 ? l10n.t('the service {0}', services[0]) : l10n.t('{0} services ({1})', services.length, services.slice(0, 5).join(', ') + (services.length > 5 ? ', …' : '')),
        family,
        l10n.t('Try again, or check the permissions for ecs:DescribeServices.')),
    );
    this.name = 'UnreadableServicesError';
  }
}

/**
 * Every revision some service in the region uses (its task definition or any of its deployments),
 * and the services that could not be read (DescribeServices failures other than MISSING).
 */
export async function revisionsInUse(clients: AwsClients, signal?: AbortSignal, region?: string): Promise<{ inUse: string[]; unreadable: string[] }> {
  const options = callOptions(clients, region, signal);
  const inUse = new Set<string>();
  const unreadable: string[] = [];
  for (const cluster of await ecs.listAllClusterArns(options)) {
    const arns = await ecs.listAllServiceArns(options, cluster);
    let services: readonly Service[];
    try {
      services = (await ecs.describeServices(options, cluster, arns)).items;
    } catch (e) {
      if (!isDescribeFailuresError(e)) throw e;
      unreadable.push(...e.failures.map((f) => f.arn ?? '?'));
      services = e.described as readonly Service[];
    }
    for (const s of services) {
      if (s.taskDefinition) inUse.add(s.taskDefinition);
      for (const d of s.deployments ?? []) if (d.taskDefinition) inUse.add(d.taskDefinition);
    }
  }
  return { inUse: [...inUse], unreadable };
}

/** The ACTIVE revisions of a family (ARNs). */
export async function activeRevisions(clients: AwsClients, family: string, signal?: AbortSignal, region?: string): Promise<string[]> {
  const arns = await ecs.listAllTaskDefinitions(callOptions(clients, region, signal), { familyPrefix: family, status: 'ACTIVE' });
  // familyPrefix matches by prefix: keep this family only.
  return arns.filter((a) => parseRevision(a)?.family === family);
}

/**
 * Which revisions of `family` to deregister, keeping the newest `keep` and those in use. Fails closed
 * (UnreadableServicesError, nothing to deregister) when a service could not be read.
 */
export async function planDeregistration(clients: AwsClients, family: string, keep: number, signal?: AbortSignal, region?: string): Promise<DeregisterPlan> {
  const [active, used] = await Promise.all([activeRevisions(clients, family, signal, region), revisionsInUse(clients, signal, region)]);
  if (used.unreadable.length) throw new UnreadableServicesError(used.unreadable, family);
  return selectRevisionsToDeregister(active, used.inUse, keep);
}

/** Deregisters revisions one by one; returns those that failed with their error message. */
export async function deregisterRevisions(
  clients: AwsClients,
  revisions: readonly string[],
  signal?: AbortSignal,
  region?: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ deregistered: string[]; failed: Array<{ revision: string; error: string }> }> {
  const options = callOptions(clients, region, signal);
  const deregistered: string[] = [];
  const failed: Array<{ revision: string; error: string }> = [];
  for (const revision of revisions) {
    if (signal?.aborted) break;
    try {
      await ecs.deregisterTaskDefinition(options, revision);
      deregistered.push(revision);
    } catch (e) {
      if (signal?.aborted) break;
      failed.push({ revision, error: (e as Error).message });
    }
    onProgress?.(deregistered.length + failed.length, revisions.length);
  }
  return { deregistered, failed };
}

export interface RunTaskRequest {
  readonly cluster: string;
  readonly taskDefinition: string;
  readonly launchType?: LaunchType;
  readonly networkConfiguration?: NetworkConfiguration;
  /** Container overrides (command, environment). */
  readonly overrides?: TaskOverride;
  readonly count?: number;
  readonly region?: string;
  readonly startedBy?: string;
}

export interface ContainerExit {
  readonly name: string;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly lastStatus?: string;
}

export interface TaskResult {
  readonly taskArn: string;
  readonly lastStatus?: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  readonly containers: readonly ContainerExit[];
}

export interface RunTaskOutcome {
  /** `unobserved`: the tasks' state could not be read (a permanent error at once, or failing polls until the timeout). */
  readonly outcome: 'stopped' | 'timedOut' | 'cancelled' | 'failedToStart' | 'unobserved';
  readonly tasks: readonly TaskResult[];
  /** For `unobserved`: the error of the last DescribeTasks. */
  readonly error?: string;
  /** RunTask failures (no capacity, ...). */
  readonly failures: readonly string[];
  /** True when every task stopped and every essential container exited 0. */
  readonly succeeded: boolean;
}

function taskResult(t: Task): TaskResult {
  return {
    taskArn: t.taskArn ?? '',
    lastStatus: t.lastStatus,
    stopCode: t.stopCode,
    stoppedReason: t.stoppedReason,
    containers: (t.containers ?? []).map((c) => ({ name: c.name ?? '', exitCode: c.exitCode, reason: c.reason, lastStatus: c.lastStatus })),
  };
}

/** The network configuration a one-off task should use by default: the service's. */
export function networkConfigurationOf(service: Service | undefined): NetworkConfiguration | undefined {
  return service?.networkConfiguration ?? service?.deployments?.find((d) => d.status === 'PRIMARY')?.networkConfiguration;
}

/**
 * RunTask, then DescribeTasks on the adaptive schedule until every task is STOPPED; reports exit codes
 * and stopped reasons. Aborting stops watching (the tasks keep running).
 */
export async function runTaskAndFollow(
  clients: AwsClients,
  request: RunTaskRequest,
  options: { signal?: AbortSignal; onUpdate?: (tasks: readonly TaskResult[]) => void; timeoutMs?: number; clock?: Clock; pollDelay?: (elapsedMs: number, throttles: number) => number } = {},
): Promise<RunTaskOutcome> {
  const options_ = callOptions(clients, request.region, options.signal);
  const clock = options.clock ?? realClock;
  const delay = options.pollDelay ?? nextPollDelay;
  const run = await ecs.runTask(options_, {
    cluster: request.cluster,
    taskDefinition: request.taskDefinition,
    launchType: request.launchType,
    networkConfiguration: request.networkConfiguration,
    overrides: request.overrides,
    count: request.count ?? 1,
    startedBy: request.startedBy ?? 'ecs-workbench',
  });
  const failures = (run.failures ?? []).map((f) => [f.reason, f.detail, f.arn].filter(Boolean).join(': '));
  let tasks = (run.tasks ?? []).map(taskResult);
  if (tasks.length === 0) return { outcome: 'failedToStart', tasks, failures, succeeded: false };
  options.onUpdate?.(tasks);
  const startedAt = clock.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let throttles = 0;
  // The error of the last DescribeTasks, while it is the latest news: never report "still running" then.
  let lastError: string | undefined;
  while (!tasks.every((t) => t.lastStatus === 'STOPPED')) {
    const elapsed = clock.now() - startedAt;
    if (elapsed >= timeoutMs) return lastError ? { outcome: 'unobserved', tasks, failures, succeeded: false, error: lastError } : { outcome: 'timedOut', tasks, failures, succeeded: false };
    await clock.sleep(delay(elapsed, throttles), options.signal);
    if (options.signal?.aborted) return { outcome: 'cancelled', tasks, failures, succeeded: false };
    try {
      const described = await ecs.describeTasks(options_, request.cluster, tasks.map((t) => t.taskArn));
      const byArn = new Map(described.items.map((t) => [t.taskArn, taskResult(t)]));
      tasks = tasks.map((t) => byArn.get(t.taskArn) ?? t);
      throttles = 0;
      lastError = undefined;
      options.onUpdate?.(tasks);
    } catch (e) {
      if (options.signal?.aborted) return { outcome: 'cancelled', tasks, failures, succeeded: false };
      lastError = classifyAwsError(e).title;
      if (isPermanentAwsError(e)) return { outcome: 'unobserved', tasks, failures, succeeded: false, error: lastError };
      throttles = isThrottlingError(e) ? throttles + 1 : throttles;
    }
  }
  const succeeded = failures.length === 0 && tasks.every((t) => t.containers.length > 0 && t.containers.every((c) => c.exitCode === 0));
  return { outcome: 'stopped', tasks, failures, succeeded };
}
