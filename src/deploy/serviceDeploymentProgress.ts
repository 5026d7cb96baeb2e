// Where a blue/green, linear or canary deployment stands, read from its service deployment
// (DescribeServiceDeployments): the end it reached, the lifecycle stage, traffic weights, bake time
// left, a PAUSE hook waiting for the user, circuit-breaker failures and triggered alarms. Pure.
//
// The rules (ecspresso's --wait-until=deployed, Terraform's wait_for_steady_state): SUCCESSFUL is done,
// and only then; BAKE_TIME is not done; ROLLBACK_SUCCESSFUL is a rollback (with rollback.reason);
// STOPPED and ROLLBACK_FAILED are failures. A hook AWAITING_ACTION holds the deployment until someone
// continues it or its timeout action applies: that is the user's turn, not "in progress".
import * as l10n from '@vscode/l10n';
import { serviceDeploymentEnd } from '../domain/deploymentState';

/** The parts of an ECS `ServiceDeployment` read here (the SDK type is assignable to this). */
export interface ServiceDeploymentDetail {
  readonly serviceDeploymentArn?: string;
  readonly status?: string;
  readonly statusReason?: string;
  readonly lifecycleStage?: string;
  readonly updatedAt?: Date;
  readonly targetServiceRevision?: {
    readonly arn?: string;
    readonly requestedTaskCount?: number;
    readonly runningTaskCount?: number;
    readonly requestedProductionTrafficWeight?: number;
    readonly requestedTestTrafficWeight?: number;
  };
  readonly lifecycleHookDetails?: readonly {
    readonly hookId?: string;
    readonly targetType?: string;
    readonly status?: string;
    readonly expiresAt?: Date;
    readonly timeoutAction?: string;
  }[];
  readonly deploymentCircuitBreaker?: { readonly status?: string; readonly failureCount?: number; readonly threshold?: number };
  readonly alarms?: { readonly status?: string; readonly triggeredAlarmNames?: readonly string[] };
  readonly rollback?: { readonly reason?: string };
  readonly deploymentConfiguration?: {
    readonly strategy?: string;
    readonly bakeTimeInMinutes?: number;
    readonly canaryConfiguration?: { readonly canaryBakeTimeInMinutes?: number };
    readonly linearConfiguration?: { readonly stepBakeTimeInMinutes?: number };
  };
}

/** The lifecycle stages in the order ECS runs them. */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE', 'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
] as const;

/** Strategies followed through their service deployment. */
export function isStagedStrategy(strategy: string | undefined): boolean {
  return strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY';
}

export interface WaitingHook {
  readonly hookId: string;
  readonly stage?: string;
  /** When the hook's timeout action applies (ms since epoch). */
  readonly expiresAt?: number;
  readonly timeoutAction?: string;
}

/** The stage of a staged deployment, as the status bar and the watches view show it. */
export interface StageProgress {
  readonly strategy: string;
  readonly stage?: string;
  readonly productionWeight?: number;
  readonly testWeight?: number;
  /** When the current bake (canary/linear step bake, or BAKE_TIME) ends, from the stage's start. */
  readonly bakeEndsAt?: number;
  readonly waiting?: WaitingHook;
  readonly circuitBreaker?: { readonly failureCount: number; readonly threshold: number };
  readonly triggeredAlarms?: readonly string[];
  readonly serviceDeploymentArn?: string;
}

export type DetailVerdict =
  | { readonly end: 'completed' }
  | { readonly end: 'rolledBack' | 'failed' | 'stopped' | 'superseded'; readonly reason: string }
  | { readonly end?: undefined; readonly progress: StageProgress; readonly reason?: string };

/** Judges one observation of our service deployment. */
export function judgeServiceDeployment(detail: ServiceDeploymentDetail, strategy: string): DetailVerdict {
  const status = detail.status ?? 'PENDING';
  const why = detail.rollback?.reason ?? detail.statusReason;
  const end = serviceDeploymentEnd(status, detail.statusReason);
  if (end === 'completed') return { end };
  if (end === 'rolledBack') return { end, reason: why ?? l10n.t('ECS rolled the deployment back.') };
  if (end === 'failed') return { end, reason: why ? l10n.t`The rollback failed: ${why}` : l10n.t('The rollback failed.') };
  if (end === 'superseded') return { end, reason: why ? l10n.t`Superseded: ${why}` : l10n.t('Superseded: a newer deployment replaced it.') };
  if (end === 'stopped') return { end, reason: why ? l10n.t`The deployment was stopped: ${why}` : l10n.t('The deployment was stopped.') };
  const progress = stageProgress(detail, strategy);
  let reason: string | undefined;
  if (status === 'ROLLBACK_IN_PROGRESS' || status === 'ROLLBACK_REQUESTED') reason = why ? l10n.t`Rolling back: ${why}` : l10n.t('Rolling back');
  else if (status === 'STOP_REQUESTED') reason = l10n.t('Stopping');
  return { progress, reason };
}

export function stageProgress(detail: ServiceDeploymentDetail, strategy: string): StageProgress {
  const stage = detail.lifecycleStage;
  const config = detail.deploymentConfiguration;
  const target = detail.targetServiceRevision;
  const since = detail.updatedAt?.getTime();
  let bakeMinutes: number | undefined;
  if (stage === 'BAKE_TIME') bakeMinutes = config?.bakeTimeInMinutes;
  else if (stage === 'PRODUCTION_TRAFFIC_SHIFT' && (target?.requestedProductionTrafficWeight ?? 100) < 100) {
    bakeMinutes = strategy === 'CANARY' ? config?.canaryConfiguration?.canaryBakeTimeInMinutes : strategy === 'LINEAR' ? config?.linearConfiguration?.stepBakeTimeInMinutes : undefined;
  }
  const hook = detail.status === 'IN_PROGRESS' ? detail.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION' && h.hookId) : undefined;
  const cb = detail.deploymentCircuitBreaker;
  return {
    strategy,
    stage,
    productionWeight: target?.requestedProductionTrafficWeight,
    testWeight: target?.requestedTestTrafficWeight,
    bakeEndsAt: bakeMinutes !== undefined && since !== undefined ? since + bakeMinutes * 60_000 : undefined,
    waiting: hook ? { hookId: hook.hookId!, stage, expiresAt: hook.expiresAt?.getTime(), timeoutAction: hook.timeoutAction } : undefined,
    circuitBreaker: cb?.status && cb.status !== 'DISABLED' && cb.threshold !== undefined ? { failureCount: cb.failureCount ?? 0, threshold: cb.threshold } : undefined,
    triggeredAlarms: detail.alarms?.triggeredAlarmNames?.length ? detail.alarms.triggeredAlarmNames : undefined,
    serviceDeploymentArn: detail.serviceDeploymentArn,
  };
}

/** `4:12`, `1:02:03`. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The stage in words for the status bar: `canary 10 % · bake 4:12`, `paused: continue?`, `test traffic`. */
export function stageText(p: StageProgress, now: number): string {
  if (p.waiting) return l10n.t('paused: continue?');
  const parts: string[] = [];
  const weight = p.productionWeight;
  switch (p.stage) {
    case 'RECONCILE_SERVICE': parts.push(l10n.t('reconciling')); break;
    case 'PRE_SCALE_UP': parts.push(l10n.t('starting')); break;
    case 'SCALE_UP': parts.push(l10n.t('scaling up')); break;
    case 'POST_SCALE_UP': parts.push(l10n.t('scaled up')); break;
    case 'TEST_TRAFFIC_SHIFT':
    case 'POST_TEST_TRAFFIC_SHIFT': parts.push(l10n.t('test traffic')); break;
    case 'PRODUCTION_TRAFFIC_SHIFT':
      parts.push(p.strategy === 'CANARY' && weight !== undefined && weight < 100 ? l10n.t`canary ${weight} %` : l10n.t`traffic ${weight ?? 0} %`);
      break;
    case 'POST_PRODUCTION_TRAFFIC_SHIFT': parts.push(l10n.t`traffic ${weight ?? 100} %`); break;
    case 'BAKE_TIME': break;
    case 'CLEAN_UP': parts.push(l10n.t('cleaning up')); break;
    default: if (p.stage) parts.push(p.stage.toLowerCase().replace(/_/g, ' '));
  }
  if (p.bakeEndsAt !== undefined) parts.push(l10n.t`bake ${clockText(p.bakeEndsAt - now)}`);
  else if (p.stage === 'BAKE_TIME') parts.push(l10n.t('bake'));
  return parts.join(' · ');
}

/** A longer sentence for tooltips, notifications and the log. */
export function stageDetail(p: StageProgress, now: number): string {
  const parts = [stageText(p, now)];
  if (p.waiting) {
    const left = p.waiting.expiresAt !== undefined ? clockText(p.waiting.expiresAt - now) : undefined;
    parts[0] = left
      ? l10n.t`ECS waits for you at ${p.waiting.stage ?? ''}: continue or roll back within ${left}, then it will ${(p.waiting.timeoutAction ?? 'ROLLBACK') === 'CONTINUE' ? l10n.t('continue') : l10n.t('roll back')} by itself.`
      : l10n.t`ECS waits for you at ${p.waiting.stage ?? ''}: continue or roll back.`;
  }
  if (p.circuitBreaker?.failureCount) parts.push(l10n.t`${p.circuitBreaker.failureCount} of ${p.circuitBreaker.threshold} failed tasks before the circuit breaker trips`);
  if (p.triggeredAlarms?.length) parts.push(l10n.t`alarm ${p.triggeredAlarms.join(', ')} in ALARM`);
  return parts.filter(Boolean).join(' · ');
}

/**
 * The stages seen, in ECS's order. A stage between two observed ones is added too: ECS runs every
 * stage of the sequence, and a poll can fall on either side of a short one.
 */
export function recordStage(seen: readonly string[], stage: string | undefined, ended = false): string[] {
  const out = [...seen];
  const add = (s: string): void => {
    if (!out.includes(s)) out.push(s);
  };
  const indexOf = (s: string): number => (LIFECYCLE_STAGES as readonly string[]).indexOf(s);
  const target = ended ? 'CLEAN_UP' : stage;
  if (!target) return out;
  const last = out.length ? indexOf(out[out.length - 1]) : -1;
  const at = indexOf(target);
  if (last >= 0 && at > last) for (let i = last + 1; i < at; i++) if (LIFECYCLE_STAGES[i] !== 'RECONCILE_SERVICE') add(LIFECYCLE_STAGES[i]);
  if (!ended || out.length > 0) add(target);
  return out;
}
