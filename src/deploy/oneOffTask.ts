// One-off tasks: RunTask, then follow the tasks until they stop and report exit codes and stopped
// reasons. Pure (no vscode).
import type { LaunchType, NetworkConfiguration, Service, Task, TaskOverride } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import { NEVER_ABORTS } from '../aws/call';
import * as ecs from '../aws/ecs';
import { classifyAwsError, isPermanentAwsError } from '../aws/errors';
import { isThrottlingError, nextPollDelay } from './pollSchedule';
import { DEFAULT_TIMEOUT_MS } from './rolloutModel';
import { realClock, type Clock } from './clock';
import { callOptions } from './calls';

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
  const options_ = callOptions(clients, { region: request.region, signal: options.signal ?? NEVER_ABORTS });
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
