// What the simulated tasks write to CloudWatch Logs, under the awslogs (or FireLens) naming of their
// task definition: a start line, periodic request lines while a container that serves a port runs
// in a service, and last words before exit ("Error: …" then exit 1) for an image marked crashing.
// Written lazily: each CloudWatch Logs call first brings every task's streams up to the current
// simulated time, so a stream exists as soon as its task is RUNNING (tests may PutLogEvents to it).
import { logSourceOf, type ContainerDefinitionLike } from '../../src/observe/logSource';
import type { EmulatorCore } from './core';
import { appendEvents, ensureGroup, ensureStream, logsOf } from './logs';
import type { RegionState, TaskRec } from './state';

/** Simulated time between two request lines of a serving container. */
export const REQUEST_EVERY_MS = 15_000;
/** Request lines are written for at most this much past time (a seed's tasks ran for days). */
const CATCH_UP_MS = 60 * 60_000;
/** Written-until marker of a task whose last words are written. */
const DONE = Number.POSITIVE_INFINITY;

const PATHS = ['/health', '/api/orders', '/api/orders/42', '/', '/api/cart', '/static/app.js'];

function requestLine(n: number): string {
  const path = PATHS[n % PATHS.length];
  const status = path === '/api/cart' && n % 7 === 0 ? 404 : 200;
  const ms = 2 + ((n * 37) % 41);
  const agent = path === '/health' ? 'ELB-HealthChecker/2.0' : 'Mozilla/5.0';
  return `[INFO] 10.0.${n % 4}.${10 + (n % 50)} "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 128 + ((n * 13) % 900) : 0} ${ms}ms "${agent}"`;
}

function portOf(def: Record<string, any>): number | undefined {
  return def.portMappings?.[0]?.containerPort;
}

/** The lines one container writes between `from` (exclusive) and `to` (inclusive). */
function linesOf(task: TaskRec, def: Record<string, any>, from: number | undefined, to: number, stopped: boolean): { timestamp: number; message: string }[] {
  const started = task.startedAt!;
  const out: { timestamp: number; message: string }[] = [];
  if (from === undefined) {
    out.push({ timestamp: started, message: `[INFO] Starting ${def.name} (${def.image})` });
    const port = portOf(def);
    if (port) out.push({ timestamp: started + 350, message: `[INFO] Listening on port ${port}` });
  }
  const serving = task.serviceName !== undefined && portOf(def) !== undefined && task.fate !== 'crash';
  if (serving) {
    const first = Math.max(from ?? started, to - CATCH_UP_MS, started);
    for (let k = Math.floor((first - started) / REQUEST_EVERY_MS) + 1; started + k * REQUEST_EVERY_MS <= to; k++) {
      out.push({ timestamp: started + k * REQUEST_EVERY_MS, message: requestLine(k) });
    }
  }
  if (stopped) {
    const at = task.executionStoppedAt ?? task.stoppedAt ?? to;
    const container = task.containers.find((c) => c.name === def.name);
    if (task.fate === 'crash' && container?.exitCode === 1) {
      out.push({ timestamp: at - 5, message: 'Error: connect ECONNREFUSED 10.0.3.14:5432' });
      out.push({ timestamp: at - 5, message: '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)' });
      out.push({ timestamp: at - 4, message: '[ERROR] Could not connect to the database; exiting with code 1' });
    } else if (container?.exitCode === 0) {
      out.push({ timestamp: at - 5, message: '[INFO] Received SIGTERM, shutting down' });
    }
  }
  return out;
}

/** Brings the log streams of every task of every region up to the simulated time `now`. */
export function syncTaskLogs(core: EmulatorCore, now: number): void {
  for (const state of [...core.regions.values()]) syncRegion(core, state, now);
}

function syncRegion(core: EmulatorCore, state: RegionState, now: number): void {
  const written = logsOf(state).writtenUntil;
  for (const task of state.tasks) {
    if (task.startedAt === undefined || task.startedAt > now) continue;
    const until = written.get(task.arn);
    if (until === DONE) continue;
    const stopAt = task.executionStoppedAt ?? (task.lastStatus === 'STOPPED' ? task.stoppedAt : undefined);
    const stopped = stopAt !== undefined && stopAt <= now;
    const to = stopped ? stopAt : now;
    if (until !== undefined && !stopped && to - until < REQUEST_EVERY_MS) continue;
    const td = core.taskDef(state, task.taskDefinitionArn);
    for (const def of (td?.body.containerDefinitions ?? []) as Record<string, any>[]) {
      const source = logSourceOf(def as ContainerDefinitionLike, task.id);
      if (source.kind !== 'cloudwatch') continue;
      const target = source.region ? core.region(source.region) : state;
      const group = ensureGroup(target, source.logGroup, task.startedAt);
      const stream = ensureStream(group, source.logStream, task.startedAt);
      appendEvents(target, stream, linesOf(task, def, until, to, stopped), now);
    }
    written.set(task.arn, stopped ? DONE : to);
  }
}
