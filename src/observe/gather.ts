// Reads what the observe features need from ECS and CloudWatch Logs: the log sources of a task or a
// service's running tasks (from the task definition each task ran), and the stopped tasks, exit codes
// and last log lines of a failed rollout. No vscode: tested against the emulator.
import type { Task, TaskDefinition } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import { describeTaskDefinition, describeTasks, listTasksPage, type AwsCallOptions } from '../aws/ecs';
import { getLogEvents } from '../aws/logs';
import { diagnose, LAST_LOG_LINES, type DiagnosedTask, type Diagnosis } from './diagnosis';
import { logSourceOf, type LogSource } from './logSource';

export interface ReadOptions {
  readonly clients: AwsClients;
  readonly region?: string;
  readonly signal: AbortSignal;
}

export interface TaskLogSources {
  readonly task: Task;
  readonly sources: LogSource[];
}

const taskIdOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

function call(o: ReadOptions): AwsCallOptions {
  return { clients: o.clients, region: o.region, signal: o.signal };
}

/** The tasks of a service with this desired status (at most `pages` pages of 100), described. */
async function serviceTasks(o: ReadOptions, cluster: string, service: string, desiredStatus: 'RUNNING' | 'STOPPED', pages: number): Promise<Task[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < pages; page++) {
    const out = await listTasksPage(call(o), { cluster, serviceName: service, desiredStatus, maxResults: 100, nextToken });
    arns.push(...(out.taskArns ?? []));
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  return (await describeTasks(call(o), cluster, arns)).items;
}

/** Task definitions read once per call, by ARN. */
function revisionReader(o: ReadOptions): (arn: string) => Promise<TaskDefinition> {
  const cache = new Map<string, Promise<TaskDefinition>>();
  return (arn) => {
    let td = cache.get(arn);
    if (!td) {
      td = describeTaskDefinition(call(o), arn).then((r) => r.taskDefinition);
      cache.set(arn, td);
    }
    return td;
  };
}

async function sourcesOfTasks(o: ReadOptions, tasks: Task[], container?: string): Promise<TaskLogSources[]> {
  const revision = revisionReader(o);
  const out: TaskLogSources[] = [];
  for (const task of tasks) {
    const td = await revision(task.taskDefinitionArn ?? '');
    const defs = (td.containerDefinitions ?? []).filter((c) => container === undefined || c.name === container);
    out.push({ task, sources: defs.map((c) => logSourceOf(c as Parameters<typeof logSourceOf>[0], taskIdOf(task.taskArn ?? ''))) });
  }
  return out;
}

/** The log sources of one task (all its containers, or one). Throws when the task or container is unknown. */
export async function taskLogSources(o: ReadOptions & { cluster: string; task: string; container?: string }): Promise<TaskLogSources> {
  const [task] = (await describeTasks(call(o), o.cluster, [o.task])).items;
  if (!task) throw new Error(`Task ${o.task} was not found in cluster ${o.cluster}.`);
  const [found] = await sourcesOfTasks(o, [task], o.container);
  if (o.container !== undefined && found.sources.length === 0) {
    const names = (task.containers ?? []).map((c) => c.name).join(', ');
    throw new Error(`Task ${taskIdOf(task.taskArn ?? o.task)} has no container named ${o.container} (it has ${names || 'none'}).`);
  }
  return found;
}

/** The log sources of a service's running tasks (at most `maxTasks`, newest first). */
export async function serviceLogSources(o: ReadOptions & { cluster: string; service: string; maxTasks?: number }): Promise<TaskLogSources[]> {
  const tasks = await serviceTasks(o, o.cluster, o.service, 'RUNNING', 1);
  tasks.sort((a, b) => (b.startedAt?.getTime() ?? b.createdAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? a.createdAt?.getTime() ?? 0));
  return sourcesOfTasks(o, tasks.slice(0, o.maxTasks ?? 20));
}

async function lastLines(o: ReadOptions, source: LogSource): Promise<{ lines: string[]; note?: string }> {
  if (source.kind !== 'cloudwatch') return { lines: [], note: source.message };
  try {
    const got = await getLogEvents({ ...call(o), region: source.region ?? o.region }, { logGroup: source.logGroup, logStream: source.logStream, limit: LAST_LOG_LINES });
    return got.events.length > 0 ? { lines: got.events.map((e) => e.message) } : { lines: [], note: `no log events in ${source.logGroup} ${source.logStream}` };
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return { lines: [], note: `no log stream ${source.logStream} in ${source.logGroup}: the container wrote no logs` };
    if (o.signal.aborted) throw e;
    return { lines: [], note: `its logs could not be read: ${(e as Error).message}` };
  }
}

/**
 * The diagnosis of a failed rollout: the stopped tasks of `taskDefinitionArn` since `since` (newest
 * `maxTasks`), each container's exit code and reason, the last log lines of essential containers,
 * and the likely cause over all of it and the service events.
 */
export async function diagnoseRollout(
  o: ReadOptions & { cluster: string; service: string; taskDefinitionArn: string; since: number; events: readonly string[]; maxTasks?: number },
): Promise<Diagnosis> {
  const stopped = (await serviceTasks(o, o.cluster, o.service, 'STOPPED', 5)).filter(
    (t) => t.taskDefinitionArn === o.taskDefinitionArn && (t.createdAt?.getTime() ?? 0) >= o.since - 60_000,
  );
  stopped.sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0));
  return diagnoseStopped(o, stopped.slice(0, o.maxTasks ?? 3), o.events);
}

/**
 * The diagnosis of one-off tasks (Run Task) once they stopped: the same reading as for a rollout's
 * stopped tasks (stopped reason, exit codes, last log lines of essential containers, likely cause),
 * with no service events.
 */
export async function diagnoseTasks(o: ReadOptions & { cluster: string; taskArns: readonly string[] }): Promise<Diagnosis> {
  const tasks = (await describeTasks(call(o), o.cluster, [...o.taskArns])).items;
  return diagnoseStopped(o, tasks.filter((t) => t.lastStatus === 'STOPPED'), []);
}

async function diagnoseStopped(o: ReadOptions, stopped: Task[], events: readonly string[]): Promise<Diagnosis> {
  const revision = revisionReader(o);
  const ports: Record<string, number[]> = {};
  const tasks: DiagnosedTask[] = [];
  for (const task of stopped) {
    const td = await revision(task.taskDefinitionArn ?? '');
    const defs = td.containerDefinitions ?? [];
    for (const d of defs) ports[d.name ?? ''] = (d.portMappings ?? []).map((p) => p.containerPort ?? 0).filter((p) => p > 0);
    const containers = [];
    for (const c of task.containers ?? []) {
      const def = defs.find((d) => d.name === c.name);
      const essential = def?.essential !== false;
      const logs = essential && def ? await lastLines(o, logSourceOf(def as Parameters<typeof logSourceOf>[0], taskIdOf(task.taskArn ?? ''))) : { lines: [], note: 'not essential: logs not read' };
      containers.push({ name: c.name ?? '', exitCode: c.exitCode, reason: c.reason, lastLogLines: logs.lines, logsNote: logs.note });
    }
    tasks.push({ taskArn: task.taskArn ?? '', stoppedReason: task.stoppedReason, stoppedAt: task.stoppedAt?.getTime(), containers });
  }
  return diagnose({ tasks, events, ports });
}
