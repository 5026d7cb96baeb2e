// The service scheduler simulation: task lifecycles and rolling deployments driven by the simulated
// clock, written to behave like the ECS scheduler as its documentation and its service events describe.
import { checkEarlySuccess, endServiceDeployment, finishRollbacksTo, monitorDeployment, reconcileProgressive, rollBackDeployment } from './serviceDeployments';
import { circuitBreakerThreshold } from './strategies';
import { parseCpu, parseMemory } from './taskdefValidation';
import {
  ContainerInstanceRec,
  ContainerRec,
  DeploymentRec,
  RegionState,
  ServiceRec,
  TaskDefRec,
  TaskFate,
  TaskRec,
  hexId,
  uuid,
} from './state';

/** Durations of the lifecycle phases, in simulated milliseconds. */
export const TIMING = {
  provisioning: 5_000,
  pending: 10_000,
  healthy: 15_000,
  crashAfter: 8_000,
  deactivating: 5_000,
  stopping: 5_000,
  deprovisioning: 3_000,
  keepStopped: 60 * 60_000,
  step: 1_000,
};

const MAX_EVENTS = 100;

export interface ImageOracle {
  /** `digest`: what the reference resolves to in the emulator's ECR at this moment (undefined for images from elsewhere). */
  fate(region: string, image: string): { fate: TaskFate; pullError?: string; digest?: string };
}

export function addEvent(svc: ServiceRec, now: number, message: string): void {
  svc.events.unshift({ id: uuid(), createdAt: now, message });
  if (svc.events.length > MAX_EVENTS) svc.events.length = MAX_EVENTS;
}

const shortId = (task: TaskRec): string => task.id;

/** A simulated phase duration of this task, scaled by the emulator's speed. */
const phase = (task: TaskRec, ms: number): number => ms * (task.timeScale ?? 1);

function containerDefinitions(td: TaskDefRec): any[] {
  return (td.body.containerDefinitions ?? []) as any[];
}

/** CPU units and MiB a task reserves on a container instance, and the static host ports it binds. */
export function taskRequirements(td: TaskDefRec): { cpu: number; memory: number; ports: number[] } {
  const containers = (td.body.containerDefinitions ?? []) as any[];
  const cpu = parseCpu(td.body.cpu) ?? containers.reduce((s, c) => s + (c.cpu ?? 0), 0);
  const memory = parseMemory(td.body.memory) ?? containers.reduce((s, c) => s + (c.memory ?? c.memoryReservation ?? 0), 0);
  const mode = td.body.networkMode ?? 'bridge';
  const ports: number[] = [];
  if (mode === 'bridge' || mode === 'host') {
    for (const c of containers) {
      for (const p of c.portMappings ?? []) {
        const host = mode === 'host' ? (p.hostPort ?? p.containerPort) : p.hostPort;
        if (host) ports.push(host);
      }
    }
  }
  return { cpu: Number.isFinite(cpu) ? cpu : 0, memory: Number.isFinite(memory) ? memory : 0, ports };
}

function taskReservation(t: TaskRec): { cpu: number; memory: number; ports: number[] } {
  return {
    cpu: parseCpu(t.cpu) ?? t.containers.reduce((s, c) => s + (c.cpu ?? 0), 0),
    memory: parseMemory(t.memory) ?? t.containers.reduce((s, c) => s + (c.memory ?? c.memoryReservation ?? 0), 0),
    ports: t.awsvpc ? [] : t.containers.flatMap((c) => c.portMappings.map((p) => p.hostPort ?? 0).filter((p) => p > 0)),
  };
}

/** What the tasks placed on a container instance (and not yet stopped) use. */
export function instanceUsage(state: RegionState, ci: ContainerInstanceRec): { cpu: number; memory: number; ports: Set<number>; tasks: number } {
  let cpu = 0;
  let memory = 0;
  let tasks = 0;
  const ports = new Set<number>();
  for (const t of state.tasks) {
    if (t.containerInstanceArn !== ci.arn || t.lastStatus === 'STOPPED') continue;
    const r = taskReservation(t);
    cpu += r.cpu;
    memory += r.memory;
    tasks++;
    for (const p of r.ports) ports.add(p);
  }
  return { cpu, memory, ports, tasks };
}

export type PlacementFailure = 'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:PORTS';

/** Picks a container instance for an EC2 task (spread by task count), or says what was missing. */
export function placeTask(state: RegionState, clusterName: string, td: TaskDefRec, avoid?: Set<string>): { instance?: ContainerInstanceRec; failure?: PlacementFailure; closest?: ContainerInstanceRec } {
  const need = taskRequirements(td);
  const instances = state.containerInstances.filter((ci) => ci.clusterName === clusterName && ci.status === 'ACTIVE' && ci.agentConnected && !avoid?.has(ci.arn));
  let best: { ci: ContainerInstanceRec; tasks: number } | undefined;
  let closest: { ci: ContainerInstanceRec; free: number; failure: PlacementFailure } | undefined;
  for (const ci of instances) {
    const used = instanceUsage(state, ci);
    let failure: PlacementFailure | undefined;
    if (ci.cpu - used.cpu < need.cpu) failure = 'RESOURCE:CPU';
    else if (ci.memory - used.memory < need.memory) failure = 'RESOURCE:MEMORY';
    else if (need.ports.some((p) => used.ports.has(p))) failure = 'RESOURCE:PORTS';
    if (!failure) {
      if (!best || used.tasks < best.tasks) best = { ci, tasks: used.tasks };
    } else if (!closest || ci.memory - used.memory > closest.free) {
      closest = { ci, free: ci.memory - used.memory, failure };
    }
  }
  if (best) return { instance: best.ci };
  return { failure: closest?.failure ?? 'RESOURCE:MEMORY', closest: closest?.ci };
}

const PLACEMENT_WORDS: Record<PlacementFailure, string> = {
  'RESOURCE:CPU': 'has insufficient CPU units available',
  'RESOURCE:MEMORY': 'has insufficient memory available',
  'RESOURCE:PORTS': 'is already using a port required by your task',
};

export function launchTask(
  state: RegionState,
  now: number,
  oracle: ImageOracle,
  opts: {
    clusterName: string;
    taskDef: TaskDefRec;
    launchType: 'FARGATE' | 'EC2' | 'EXTERNAL';
    group: string;
    startedBy?: string;
    serviceName?: string;
    deploymentId?: string;
    enableExecuteCommand?: boolean;
    tags?: { key: string; value: string }[];
    overrides?: any;
    /** The container instance an EC2 task was placed on (see placeTask). */
    containerInstance?: ContainerInstanceRec;
  },
): TaskRec {
  const id = hexId(16);
  const arn = state.arn('ecs', `task/${opts.clusterName}/${id}`);
  let fate: TaskFate = 'ok';
  let pullError: string | undefined;
  const containers: ContainerRec[] = containerDefinitions(opts.taskDef).map((c: any) => {
    const verdict = oracle.fate(state.region, String(c.image ?? ''));
    if (verdict.fate === 'pullFail' && fate !== 'pullFail') {
      fate = 'pullFail';
      pullError = verdict.pullError;
    } else if (verdict.fate === 'crash' && (fate === 'ok' || fate === 'unhealthy') && c.essential !== false) {
      fate = 'crash';
    } else if (verdict.fate === 'unhealthy' && fate === 'ok' && c.essential !== false && c.healthCheck) {
      fate = 'unhealthy';
    }
    return {
      name: String(c.name),
      image: String(c.image),
      imageDigest: verdict.digest,
      containerArn: state.arn('ecs', `container/${opts.clusterName}/${id}/${uuid()}`),
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
      hasHealthCheck: !!c.healthCheck,
      essential: c.essential !== false,
      cpu: c.cpu,
      memory: c.memory,
      memoryReservation: c.memoryReservation,
      portMappings: (c.portMappings ?? []).map((p: any, i: number) => ({
        containerPort: p.containerPort,
        // bridge mode without a host port gets an ephemeral one, as Docker assigns it
        hostPort: p.hostPort || ((opts.taskDef.body.networkMode ?? 'bridge') === 'bridge' ? 32768 + ((parseInt(id.slice(0, 4), 16) + i) % 28000) : p.containerPort),
        protocol: p.protocol ?? 'tcp',
      })),
    };
  });
  let containerInstanceArn: string | undefined;
  let az = ['a', 'b', 'c'][state.tasks.length % 3];
  if (opts.containerInstance) {
    containerInstanceArn = opts.containerInstance.arn;
    az = opts.containerInstance.availabilityZone.slice(-1);
  }
  const task: TaskRec = {
    arn,
    id,
    clusterName: opts.clusterName,
    taskDefinitionArn: opts.taskDef.arn,
    group: opts.group,
    startedBy: opts.startedBy,
    serviceName: opts.serviceName,
    deploymentId: opts.deploymentId,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    launchType: opts.launchType,
    awsvpc: (opts.taskDef.body.networkMode ?? (opts.launchType === 'FARGATE' ? 'awsvpc' : 'bridge')) === 'awsvpc',
    cpu: opts.overrides?.cpu ?? opts.taskDef.body.cpu,
    memory: opts.overrides?.memory ?? opts.taskDef.body.memory,
    containerInstanceArn,
    availabilityZone: `${state.region}${az}`,
    createdAt: now,
    healthStatus: 'UNKNOWN',
    containers,
    fate,
    pullError,
    nextAt: now + TIMING.provisioning * state.timeScale,
    timeScale: state.timeScale,
    version: 1,
    tags: opts.tags ?? [],
    enableExecuteCommand: opts.enableExecuteCommand ?? false,
  };
  state.tasks.push(task);
  return task;
}

/** Asks a task to stop (StopTask, scale-in, deployment replacement). */
export function requestStop(task: TaskRec, now: number, reason: string, stopCode: string): void {
  if (task.desiredStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stoppedReason = reason;
  task.stopCode = stopCode;
  task.version++;
  if (task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING' || task.lastStatus === 'ACTIVATING') {
    task.lastStatus = task.awsvpc ? 'DEPROVISIONING' : 'STOPPED';
    task.stoppingAt = now;
    for (const c of task.containers) c.lastStatus = 'STOPPED';
    if (task.lastStatus === 'STOPPED') {
      task.stoppedAt = now;
      task.executionStoppedAt = now;
    }
    task.nextAt = now + phase(task, TIMING.deprovisioning);
    return;
  }
  if (task.lastStatus === 'RUNNING') {
    task.lastStatus = 'DEACTIVATING';
    task.stoppingAt = now;
    task.nextAt = now + phase(task, TIMING.deactivating);
  }
}

function markRunning(task: TaskRec, now: number): void {
  task.lastStatus = 'RUNNING';
  task.pullStoppedAt = now - 2_000;
  task.startedAt = now;
  task.connectivityAt = task.createdAt + TIMING.provisioning;
  task.version++;
  for (const c of task.containers) {
    c.lastStatus = 'RUNNING';
    c.runtimeId = `${task.id}-${hexId(5)}`;
    c.healthStatus = 'UNKNOWN';
  }
  task.healthStatus = 'UNKNOWN';
  task.nextAt = task.fate === 'crash' ? now + phase(task, TIMING.crashAfter) : task.containers.some((c) => c.hasHealthCheck) ? now + phase(task, TIMING.healthy) : Number.POSITIVE_INFINITY;
}

/** Moves one task through as many lifecycle transitions as are due at `now`. */
export function advanceTask(task: TaskRec, now: number): void {
  for (let guard = 0; guard < 10 && task.lastStatus !== 'STOPPED' && task.nextAt <= now; guard++) {
    const at = task.nextAt;
    switch (task.lastStatus) {
      case 'PROVISIONING':
        task.lastStatus = 'PENDING';
        task.pullStartedAt = at;
        task.version++;
        task.nextAt = at + phase(task, TIMING.pending);
        break;
      case 'PENDING':
        if (task.fate === 'pullFail') {
          task.desiredStatus = 'STOPPED';
          task.stopCode = 'TaskFailedToStart';
          task.stoppedReason = task.pullError ?? 'CannotPullContainerError: image not found';
          task.pullStoppedAt = at;
          task.stoppingAt = at;
          task.version++;
          for (const c of task.containers) {
            c.lastStatus = 'STOPPED';
            c.reason = task.stoppedReason;
          }
          task.lastStatus = task.awsvpc ? 'DEPROVISIONING' : 'STOPPED';
          if (task.lastStatus === 'STOPPED') finishStop(task, at);
          task.nextAt = at + phase(task, TIMING.deprovisioning);
        } else {
          markRunning(task, at);
        }
        break;
      case 'RUNNING':
        if (task.fate === 'crash') {
          task.desiredStatus = 'STOPPED';
          task.stopCode = 'EssentialContainerExited';
          task.stoppedReason = 'Essential container in task exited';
          task.stoppingAt = at;
          task.executionStoppedAt = at;
          task.version++;
          for (const c of task.containers) {
            c.lastStatus = 'STOPPED';
            c.exitCode = c.essential ? 1 : 137;
            c.healthStatus = c.hasHealthCheck ? 'UNHEALTHY' : 'UNKNOWN';
          }
          task.healthStatus = task.containers.some((c) => c.hasHealthCheck) ? 'UNHEALTHY' : 'UNKNOWN';
          task.lastStatus = 'STOPPING';
          task.nextAt = at + phase(task, TIMING.stopping);
        } else if (task.fate === 'unhealthy') {
          // The container health check never passes: ECS stops the task and counts it as failed.
          task.desiredStatus = 'STOPPED';
          task.stopCode = 'TaskFailedToStart';
          task.stoppedReason = 'Task failed container health checks';
          task.stoppingAt = at;
          task.version++;
          for (const c of task.containers) if (c.hasHealthCheck) c.healthStatus = 'UNHEALTHY';
          task.healthStatus = 'UNHEALTHY';
          task.lastStatus = 'DEACTIVATING';
          task.nextAt = at + phase(task, TIMING.deactivating);
        } else {
          for (const c of task.containers) if (c.hasHealthCheck) c.healthStatus = 'HEALTHY';
          task.healthStatus = 'HEALTHY';
          task.version++;
          task.nextAt = Number.POSITIVE_INFINITY;
        }
        break;
      case 'DEACTIVATING':
        task.lastStatus = 'STOPPING';
        task.version++;
        task.nextAt = at + phase(task, TIMING.stopping);
        break;
      case 'STOPPING':
        task.executionStoppedAt ??= at;
        for (const c of task.containers) {
          if (c.lastStatus !== 'STOPPED') {
            c.lastStatus = 'STOPPED';
            c.exitCode ??= 0;
          }
        }
        task.lastStatus = task.awsvpc ? 'DEPROVISIONING' : 'STOPPED';
        task.version++;
        if (task.lastStatus === 'STOPPED') finishStop(task, at);
        task.nextAt = at + phase(task, TIMING.deprovisioning);
        break;
      case 'DEPROVISIONING':
        task.lastStatus = 'STOPPED';
        task.version++;
        finishStop(task, at);
        break;
      default:
        task.nextAt = Number.POSITIVE_INFINITY;
    }
  }
}

function finishStop(task: TaskRec, at: number): void {
  task.stoppedAt = at;
  task.executionStoppedAt ??= at;
  task.nextAt = Number.POSITIVE_INFINITY;
}

/** A task counts as healthy when it runs and, if its containers have health checks, they pass. */
export function isHealthy(task: TaskRec): boolean {
  if (task.desiredStatus !== 'RUNNING' || task.lastStatus !== 'RUNNING') return false;
  return !task.containers.some((c) => c.hasHealthCheck) || task.healthStatus === 'HEALTHY';
}

export function isFailed(task: TaskRec): boolean {
  return task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited';
}

export interface Scheduler {
  oracle: ImageOracle;
  taskDef(state: RegionState, arn: string): TaskDefRec | undefined;
}

function serviceTasks(state: RegionState, svc: ServiceRec): TaskRec[] {
  return state.tasks.filter((t) => t.clusterName === svc.clusterName && t.serviceName === svc.name);
}

function taskList(tasks: TaskRec[]): string {
  return tasks.map((t) => `(task ${shortId(t)})`).join(' ');
}

/** Starts up to `count` tasks of `primary` (placing EC2 tasks), adds them to `all` and writes the event. */
export function launchServiceTasks(state: RegionState, svc: ServiceRec, primary: DeploymentRec, count: number, all: TaskRec[], now: number, sched: Scheduler): void {
  const td = sched.taskDef(state, primary.taskDefinition);
  if (count <= 0 || !td) return;
  const started: TaskRec[] = [];
  for (let i = 0; i < count; i++) {
    let containerInstance: ContainerInstanceRec | undefined;
    if (svc.launchType === 'EC2') {
      // A daemon service runs one task per instance: skip instances that already have one.
      const avoid = svc.schedulingStrategy === 'DAEMON' ? new Set([...all, ...started].filter((t) => t.desiredStatus === 'RUNNING' && t.deploymentId === primary.id && t.containerInstanceArn).map((t) => t.containerInstanceArn!)) : undefined;
      const placed = placeTask(state, svc.clusterName, td, avoid);
      if (!placed.instance) {
        const closest = placed.closest ? `The closest matching (container-instance ${placed.closest.arn.split('/').pop()}) ${PLACEMENT_WORDS[placed.failure!]}. ` : '';
        const message = `(service ${svc.name}) was unable to place a task because no container instance met all of its requirements. ${closest}For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;
        if (svc.events[0]?.message !== message) addEvent(svc, now, message);
        break;
      }
      containerInstance = placed.instance;
    }
    started.push(
      launchTask(state, now, sched.oracle, {
        containerInstance,
        clusterName: svc.clusterName,
        taskDef: td,
        launchType: svc.launchType,
        group: `service:${svc.name}`,
        startedBy: primary.id,
        serviceName: svc.name,
        deploymentId: primary.id,
        enableExecuteCommand: svc.enableExecuteCommand,
        tags: svc.propagateTags === 'SERVICE' ? svc.tags : [],
      }),
    );
  }
  all.push(...started);
  if (started.length > 0) addEvent(svc, now, `(service ${svc.name}) has started ${started.length} tasks: ${taskList(started)}.`);
  svc.steady = false;
}

export function reconcileService(state: RegionState, svc: ServiceRec, now: number, sched: Scheduler, tasksOfService?: TaskRec[]): void {
  const all = tasksOfService ?? serviceTasks(state, svc);
  const live = all.filter((t) => t.desiredStatus === 'RUNNING');
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
  if (svc.status !== 'ACTIVE') {
    // DeleteService: stop everything, then the service becomes INACTIVE.
    const toStop = live;
    if (toStop.length > 0) {
      for (const t of toStop) requestStop(t, now, 'Service deleted', 'ServiceSchedulerInitiated');
      addEvent(svc, now, `(service ${svc.name}) has stopped ${toStop.length} running tasks: ${taskList(toStop)}.`);
    }
    if (all.every((t) => t.lastStatus === 'STOPPED')) {
      svc.status = 'INACTIVE';
      svc.deployments = [];
    }
    return;
  }
  if (!primary) return;

  // Count failures against the deployment whose task failed.
  for (const t of all) {
    if (!t.failureCounted && isFailed(t) && t.desiredStatus === 'STOPPED') {
      t.failureCounted = true;
      const dep = svc.deployments.find((d) => d.id === t.deploymentId);
      if (dep) {
        dep.failedTasks++;
        dep.updatedAt = now;
        const sd = svc.serviceDeployments.find((s) => s.arn === dep.serviceDeploymentArn);
        if (sd && dep.status === 'PRIMARY' && !dep.isRollback) sd.circuitBreaker.failureCount++;
      }
      addEvent(svc, now, `(service ${svc.name}) has stopped 1 running tasks: (task ${t.id}).`);
      if (dep && dep.failedTasks === 2) {
        addEvent(svc, now, `(service ${svc.name}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`);
      }
    }
  }

  // A healthy task of the new revision resets the circuit breaker's count (resetOnHealthyTask, default on).
  const sd = svc.serviceDeployments.find((s) => s.arn === primary.serviceDeploymentArn);
  for (const t of all) {
    if (t.deploymentId !== primary.id || t.healthCounted || t.healthStatus !== 'HEALTHY' || !isHealthy(t)) continue;
    t.healthCounted = true;
    if (sd && !primary.isRollback && svc.deploymentConfiguration.deploymentCircuitBreaker.resetOnHealthyTask !== false) sd.circuitBreaker.failureCount = 0;
  }

  // Circuit breaker.
  const cb = svc.deploymentConfiguration.deploymentCircuitBreaker;
  const failures = sd ? sd.circuitBreaker.failureCount : primary.failedTasks;
  if (cb.enable && primary.rolloutState === 'IN_PROGRESS' && !primary.isRollback && failures >= circuitBreakerThreshold(svc.desiredCount, cb)) {
    primary.rolloutState = 'FAILED';
    primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
    primary.updatedAt = now;
    if (sd) sd.circuitBreaker.status = 'TRIGGERED';
    addEvent(svc, now, `(service ${svc.name}) (deployment ${primary.id}) deployment failed: tasks failed to start.`);
    if (cb.rollback && sd && rollBackDeployment(state, svc, sd, now, `Circuit breaker triggered: tasks failed to start in deployment ${primary.id}.`)) {
      return reconcileService(state, svc, now, sched, all);
    }
    if (sd) endServiceDeployment(sd, 'STOPPED', 'ECS deployment circuit breaker: tasks failed to start.', now);
  }
  if (sd && monitorDeployment(state, svc, primary, sd, now)) return reconcileService(state, svc, now, sched, all);
  // StopServiceDeployment ABORT: the service stays where it is.
  if (sd?.aborted) return;
  if (sd?.progressive && sd.status === 'IN_PROGRESS' && sd.progressive.greenDeploymentId === primary.id) {
    if (reconcileProgressive(state, svc, primary, sd, all, now, sched) === 'rolledBack') return reconcileService(state, svc, now, sched, all);
    return;
  }

  if (svc.schedulingStrategy === 'DAEMON') {
    // One task per active container instance, as the daemon scheduler places them.
    svc.desiredCount = state.containerInstances.filter((ci) => ci.clusterName === svc.clusterName && ci.status === 'ACTIVE').length;
  }
  const desired = svc.desiredCount;
  const maxTotal = Math.max(desired, Math.floor((desired * svc.deploymentConfiguration.maximumPercent) / 100));
  const minHealthy = Math.min(desired, Math.ceil((desired * svc.deploymentConfiguration.minimumHealthyPercent) / 100));
  const primaryLive = live.filter((t) => t.deploymentId === primary.id);
  const oldLive = live.filter((t) => t.deploymentId !== primary.id);
  let healthy = live.filter(isHealthy).length;
  const stopped: TaskRec[] = [];
  const stopReason = `Scaling activity initiated by (deployment ${primary.id})`;

  // Old tasks that never became healthy go first; they do not count towards the minimum.
  for (const t of oldLive.filter((x) => !isHealthy(x))) {
    requestStop(t, now, stopReason, 'ServiceSchedulerInitiated');
    stopped.push(t);
  }
  // Healthy old tasks go while the healthy floor allows.
  for (const t of oldLive.filter(isHealthy)) {
    if (healthy - 1 < minHealthy) break;
    requestStop(t, now, stopReason, 'ServiceSchedulerInitiated');
    stopped.push(t);
    healthy--;
  }
  // Scale in the primary deployment when it has more tasks than desired.
  const primaryExcess = primaryLive.length - desired;
  if (primaryExcess > 0) {
    const ordered = [...primaryLive.filter((t) => !isHealthy(t)), ...primaryLive.filter(isHealthy)];
    for (const t of ordered.slice(0, primaryExcess)) {
      requestStop(t, now, stopReason, 'ServiceSchedulerInitiated');
      stopped.push(t);
    }
  }
  if (stopped.length > 0) {
    addEvent(svc, now, `(service ${svc.name}) has stopped ${stopped.length} running tasks: ${taskList(stopped)}.`);
    svc.steady = false;
  }

  // Launch primary tasks within maximumPercent.
  const liveNow = all.filter((t) => t.desiredStatus === 'RUNNING');
  const primaryCount = liveNow.filter((t) => t.deploymentId === primary.id).length;
  const canLaunch = primary.rolloutState === 'FAILED' && !cb.rollback ? 0 : Math.min(desired - primaryCount, maxTotal - liveNow.length);
  if (canLaunch > 0) launchServiceTasks(state, svc, primary, canLaunch, all, now, sched);

  // Deployment counts and completion.
  const afterLive = all.filter((t) => t.lastStatus !== 'STOPPED');
  for (const d of svc.deployments) {
    const mine = afterLive.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING');
    if (d.status !== 'PRIMARY') d.desiredCount = mine.length;
    else d.desiredCount = desired;
  }
  const primaryHealthy = afterLive.filter((t) => t.deploymentId === primary.id && isHealthy(t)).length;
  const othersDrained = !afterLive.some((t) => t.deploymentId !== primary.id);
  if (sd) checkEarlySuccess(svc, primary, sd, primaryHealthy, othersDrained, now);
  if (primaryHealthy === desired && othersDrained && primary.rolloutState !== 'FAILED') {
    if (svc.deployments.length > 1) {
      for (const d of svc.deployments) if (d !== primary) d.status = 'INACTIVE';
      svc.deployments = [primary];
    }
    if (primary.rolloutState === 'IN_PROGRESS') {
      primary.rolloutState = 'COMPLETED';
      primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
      primary.updatedAt = now;
      if (sd && !sd.earlySuccess) endServiceDeployment(sd, primary.isRollback ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL', undefined, now);
      addEvent(svc, now, `(service ${svc.name}) (deployment ${primary.id}) deployment completed.`);
    }
    finishRollbacksTo(svc, primary, now);
    if (!svc.steady) {
      svc.steady = true;
      addEvent(svc, now, `(service ${svc.name}) has reached a steady state.`);
    }
  }
}

/** Whether anything can still change without outside input (to skip idle stretches quickly). */
function hasPendingWork(state: RegionState): boolean {
  if (state.tasks.some((t) => t.lastStatus !== 'STOPPED' && Number.isFinite(t.nextAt))) return true;
  return state.services.some((s) => s.status !== 'INACTIVE' && !s.steady);
}

/** Runs the scheduler from the region's last simulated time up to `until`, in fixed steps. */
export function simulate(state: RegionState, until: number, sched: Scheduler): void {
  while (state.simulatedUntil < until) {
    if (!hasPendingWork(state)) {
      state.simulatedUntil = until;
      break;
    }
    const next = Math.min(until, state.simulatedUntil + TIMING.step * state.timeScale);
    const byService = new Map<string, TaskRec[]>();
    for (const t of state.tasks) {
      if (t.nextAt <= next) advanceTask(t, next);
      if (t.serviceName === undefined) continue;
      const key = `${t.clusterName}/${t.serviceName}`;
      const list = byService.get(key);
      if (list) list.push(t);
      else byService.set(key, [t]);
    }
    for (const svc of state.services) {
      if (svc.status !== 'INACTIVE') reconcileService(state, svc, next, sched, byService.get(`${svc.clusterName}/${svc.name}`) ?? []);
    }
    state.simulatedUntil = next;
  }
  // Forget tasks stopped more than an hour ago, as ECS does.
  const horizon = until - TIMING.keepStopped;
  if (state.tasks.some((t) => t.lastStatus === 'STOPPED' && (t.stoppedAt ?? until) <= horizon)) {
    state.tasks = state.tasks.filter((t) => t.lastStatus !== 'STOPPED' || (t.stoppedAt ?? until) > until - TIMING.keepStopped);
  }
}
