// What the rollout tracker reads and says: the parts of DescribeServices and of the service deployment
// APIs it is fed, the deployment we started, and the state it reports. Pure (no vscode, no l10n).
import type { AwsErrorAction } from '../aws/errors';
import type { StageProgress } from './serviceDeploymentProgress';

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

/**
 * `unobserved`: watching ended because AWS refused to show the service (credentials, permission); the
 * deployment's own outcome is not known. `stopped` (someone stopped it) and `superseded` (a newer
 * deployment replaced it) are ends of their own, not failures (domain/deploymentState).
 */
export type RolloutPhase = 'inProgress' | 'completed' | 'failed' | 'stopped' | 'superseded' | 'rolledBack' | 'timedOut' | 'serviceDeleted' | 'unobserved';

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
export const CLOCK_SKEW_MS = 60_000;

/** How one observation ends the rollout (or says why it goes on): the tracker's verdicts. */
export interface Verdict {
  phase: RolloutPhase;
  reason?: string;
  progress?: RolloutProgress;
  serviceTaskDefinition?: string;
  action?: AwsErrorAction;
}
