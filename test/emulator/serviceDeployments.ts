// The service deployment around the task scheduling: starting one (UpdateService, CreateService,
// rollbacks), its monitors (circuit breaker, CloudWatch alarms, earlySuccessCriteria), the blue/green,
// linear and canary stage machine's effect on tasks, and how a deployment ends early: rollback,
// StopServiceDeployment (ROLLBACK or ABORT) and ContinueServiceDeployment at a PAUSE hook.
import { clientException, invalidParameter } from './errors';
import { ApiError } from './errors';
import { Scheduler, addEvent, isHealthy, launchServiceTasks, requestStop } from './scheduler';
import { DeploymentRec, RegionState, ServiceDeploymentRec, ServiceRec, TaskRec, deploymentId, hexId } from './state';
import { advanceProgressive, circuitBreakerThreshold, continueHook, currentPhase, startProgressive, triggeredAlarms } from './strategies';

/** Starts a new PRIMARY deployment of `taskDefinition` (CreateService, UpdateService, rollback). */
export function startDeployment(
  state: RegionState,
  svc: ServiceRec,
  taskDefinition: string,
  now: number,
  opts: { rollbackOf?: DeploymentRec; rollbackTo?: DeploymentRec; reason?: string } = {},
): DeploymentRec {
  const sourceRevisions = svc.deployments.map((d) => d.serviceRevisionArn);
  for (const d of svc.deployments) {
    if (d.status === 'PRIMARY') {
      d.status = 'ACTIVE';
      d.updatedAt = now;
    }
  }
  const revision = {
    arn: state.arn('ecs', `service-revision/${svc.clusterName}/${svc.name}/${Date.now().toString().slice(-6)}${hexId(6)}`),
    serviceArn: svc.arn,
    clusterArn: state.clusterArn(svc.clusterName),
    taskDefinition,
    launchType: svc.launchType,
    createdAt: now,
  };
  svc.revisions.push(revision);
  let sd: ServiceDeploymentRec;
  if (opts.rollbackOf) {
    sd = svc.serviceDeployments.find((s) => s.arn === opts.rollbackOf!.serviceDeploymentArn)!;
    sd.status = 'ROLLBACK_IN_PROGRESS';
    sd.updatedAt = now;
    sd.rollback = { reason: opts.reason ?? 'Circuit breaker triggered', startedAt: now, serviceRevisionArn: revision.arn };
  } else {
    for (const other of svc.serviceDeployments) {
      if (other.status === 'IN_PROGRESS' || other.status === 'PENDING' || other.status === 'ROLLBACK_IN_PROGRESS') {
        other.status = 'STOPPED';
        other.statusReason = 'Stopped because a new deployment started.';
        other.stoppedAt = now;
        other.updatedAt = now;
      }
    }
    sd = {
      arn: state.arn('ecs', `service-deployment/${svc.clusterName}/${svc.name}/${hexId(11)}`),
      serviceArn: svc.arn,
      clusterArn: state.clusterArn(svc.clusterName),
      createdAt: now,
      startedAt: now,
      updatedAt: now,
      sourceRevisionArns: sourceRevisions,
      targetRevisionArn: revision.arn,
      status: 'IN_PROGRESS',
      circuitBreaker: {
        status: svc.deploymentConfiguration.deploymentCircuitBreaker.enable ? 'MONITORING' : 'DISABLED',
        failureCount: 0,
        threshold: circuitBreakerThreshold(svc.desiredCount, svc.deploymentConfiguration.deploymentCircuitBreaker),
      },
      deploymentConfiguration: structuredClone(svc.deploymentConfiguration),
    };
    const alarms = svc.deploymentConfiguration.alarms;
    if (alarms) sd.alarms = { status: alarms.enable ? 'MONITORING' : 'DISABLED', alarmNames: [...alarms.alarmNames], triggeredAlarmNames: [] };
    svc.serviceDeployments.push(sd);
  }
  const dep: DeploymentRec = {
    id: deploymentId(),
    status: 'PRIMARY',
    taskDefinition,
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    launchType: svc.launchType,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: '',
    serviceDeploymentArn: sd.arn,
    serviceRevisionArn: revision.arn,
    isRollback: !!opts.rollbackOf,
  };
  const rollbackBy = opts.reason?.startsWith('Circuit breaker') !== false ? 'ECS deployment circuit breaker' : 'ECS deployment';
  dep.rolloutStateReason = opts.rollbackOf
    ? `${rollbackBy}: rolling back to ${opts.rollbackTo ? `deploymentId ${opts.rollbackTo.id}` : `task definition ${taskDefinition}`}.`
    : `ECS deployment ${dep.id} in progress.`;
  svc.deployments.unshift(dep);
  svc.taskDefinition = taskDefinition;
  svc.steady = false;
  if (!opts.rollbackOf) startProgressive(state, sd, dep, svc.deployments.find((d) => d.serviceRevisionArn === sourceRevisions[0]), sourceRevisions.length, now);
  return dep;
}


function lastGoodTaskDefinition(svc: ServiceRec, failed: DeploymentRec): string | undefined {
  const sd = svc.serviceDeployments.find((s) => s.arn === failed.serviceDeploymentArn);
  const source = sd?.sourceRevisionArns[sd.sourceRevisionArns.length - 1];
  return svc.revisions.find((r) => r.arn === source)?.taskDefinition;
}

/** Ends a service deployment with a final status; the monitors stop. */
export function endServiceDeployment(sd: ServiceDeploymentRec, status: 'SUCCESSFUL' | 'STOPPED' | 'ROLLBACK_SUCCESSFUL' | 'ROLLBACK_FAILED', reason: string | undefined, now: number): void {
  sd.status = status;
  if (reason !== undefined) sd.statusReason = reason;
  if (status === 'STOPPED') sd.stoppedAt = now;
  else sd.finishedAt = now;
  sd.updatedAt = now;
  if (sd.circuitBreaker.status === 'MONITORING') sd.circuitBreaker.status = 'MONITORING_COMPLETE';
  if (sd.alarms?.status === 'MONITORING') sd.alarms.status = 'MONITORING_COMPLETE';
}

/**
 * Rolls a service deployment back. Blue/green, linear and canary go back to the blue revision at once
 * (its tasks still run); rolling starts a deployment of the revision the service ran before. False
 * when there is nothing to go back to (the deployment is then ROLLBACK_FAILED).
 */
export function rollBackDeployment(state: RegionState, svc: ServiceRec, sd: ServiceDeploymentRec, now: number, reason: string): boolean {
  const green = svc.deployments.find((d) => d.serviceDeploymentArn === sd.arn && !d.isRollback);
  if (green && green.rolloutState !== 'FAILED') {
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = reason;
    green.updatedAt = now;
  }
  const run = sd.progressive;
  if (run) {
    const blue = svc.deployments.find((d) => d.id === run.blueDeploymentId);
    if (!blue) {
      endServiceDeployment(sd, 'ROLLBACK_FAILED', `${reason} There is no previous service revision to roll back to.`, now);
      return false;
    }
    if (green) green.status = 'ACTIVE';
    blue.status = 'PRIMARY';
    blue.desiredCount = svc.desiredCount;
    blue.updatedAt = now;
    svc.deployments = [blue, ...svc.deployments.filter((d) => d !== blue)];
    svc.taskDefinition = blue.taskDefinition;
    svc.steady = false;
    run.productionWeight = 0;
    run.testWeight = 0;
    sd.status = 'ROLLBACK_IN_PROGRESS';
    sd.statusReason = reason;
    sd.rollback = { reason, startedAt: now, serviceRevisionArn: blue.serviceRevisionArn };
    sd.updatedAt = now;
    addEvent(svc, now, `(service ${svc.name}) rolling back to deployment ${blue.id}: ${reason}`);
    return true;
  }
  const previous = svc.deployments.find((d) => d !== green && d.rolloutState !== 'FAILED');
  const previousTd = previous?.taskDefinition ?? (green ? lastGoodTaskDefinition(svc, green) : undefined);
  if (!green || !previousTd) {
    endServiceDeployment(sd, 'ROLLBACK_FAILED', `${reason} There is no previous service revision to roll back to.`, now);
    return false;
  }
  addEvent(svc, now, `(service ${svc.name}) rolling back to deployment ${previous ? previous.id : 'with task definition ' + previousTd}.`);
  startDeployment(state, svc, previousTd, now, { rollbackOf: green, rollbackTo: previous, reason });
  return true;
}

/** CloudWatch alarms in ALARM end the deployment (rolled back when configured). True when it rolled back. */
export function monitorDeployment(state: RegionState, svc: ServiceRec, primary: DeploymentRec, sd: ServiceDeploymentRec, now: number): boolean {
  if (sd.status !== 'IN_PROGRESS' || primary.isRollback || !sd.alarms || sd.alarms.status !== 'MONITORING') return false;
  const triggered = triggeredAlarms(state, sd);
  if (triggered.length === 0) return false;
  sd.alarms.status = 'TRIGGERED';
  sd.alarms.triggeredAlarmNames = triggered;
  const reason = `CloudWatch alarm(s) ${triggered.join(', ')} in ALARM state.`;
  addEvent(svc, now, `(service ${svc.name}) (deployment ${primary.id}) deployment failed: alarm(s) ${triggered.join(', ')} detected.`);
  if (sd.deploymentConfiguration.alarms?.rollback) return rollBackDeployment(state, svc, sd, now, reason);
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = reason;
  primary.updatedAt = now;
  endServiceDeployment(sd, 'STOPPED', reason, now);
  return false;
}

/** earlySuccessCriteria (rolling): SUCCESSFUL once enough new tasks are healthy (and, BLOCKING, the old ones are gone). */
export function checkEarlySuccess(svc: ServiceRec, primary: DeploymentRec, sd: ServiceDeploymentRec, healthy: number, othersDrained: boolean, now: number): void {
  const early = sd.deploymentConfiguration.earlySuccessCriteria;
  if (!early?.enable || sd.status !== 'IN_PROGRESS' || primary.isRollback || primary.rolloutState !== 'IN_PROGRESS') return;
  if (healthy < Math.ceil((svc.desiredCount * (early.healthyPercent ?? 100)) / 100)) return;
  if (early.sourceServiceRevisionCleanup === 'BLOCKING' && !othersDrained) return;
  sd.earlySuccess = true;
  endServiceDeployment(sd, 'SUCCESSFUL', undefined, now);
  primary.rolloutState = 'COMPLETED';
  primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
  primary.updatedAt = now;
  addEvent(svc, now, `(service ${svc.name}) (deployment ${primary.id}) deployment completed.`);
}

/** A blue/green rollback is done once the green tasks are gone and the blue ones serve again. */
export function finishRollbacksTo(svc: ServiceRec, primary: DeploymentRec, now: number): void {
  for (const sd of svc.serviceDeployments) {
    if (sd.status === 'ROLLBACK_IN_PROGRESS' && sd.progressive && sd.rollback?.serviceRevisionArn === primary.serviceRevisionArn) {
      endServiceDeployment(sd, 'ROLLBACK_SUCCESSFUL', undefined, now);
    }
  }
}

/**
 * One scheduler step of a blue/green, linear or canary deployment: the green revision scales up to
 * the full desired count next to the blue one (from SCALE_UP on), the blue tasks go at CLEAN_UP.
 */
export function reconcileProgressive(state: RegionState, svc: ServiceRec, primary: DeploymentRec, sd: ServiceDeploymentRec, all: TaskRec[], now: number, sched: Scheduler): 'running' | 'rolledBack' {
  const run = sd.progressive!;
  const desired = svc.desiredCount;
  const scaling = run.index >= run.phases.findIndex((p) => p.kind === 'scaleUp');
  const cleaning = currentPhase(sd)?.kind === 'cleanUp';
  const live = all.filter((t) => t.desiredStatus === 'RUNNING');
  const green = live.filter((t) => t.deploymentId === primary.id);
  const stopReason = `Scaling activity initiated by (deployment ${primary.id})`;
  if (scaling && green.length < desired) launchServiceTasks(state, svc, primary, desired - green.length, all, now, sched);
  const stopped: TaskRec[] = [];
  if (green.length > desired) stopped.push(...[...green.filter((t) => !isHealthy(t)), ...green.filter(isHealthy)].slice(0, green.length - desired));
  if (cleaning) stopped.push(...live.filter((t) => t.deploymentId !== primary.id));
  for (const t of stopped) requestStop(t, now, stopReason, 'ServiceSchedulerInitiated');
  if (stopped.length > 0) addEvent(svc, now, `(service ${svc.name}) has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${t.id})`).join(' ')}.`);
  const afterLive = all.filter((t) => t.lastStatus !== 'STOPPED');
  for (const d of svc.deployments) {
    d.desiredCount = d === primary ? (scaling ? desired : 0) : cleaning ? 0 : afterLive.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING').length;
  }
  svc.steady = false;
  const result = advanceProgressive(state, svc, sd, now, {
    greenHealthy: afterLive.filter((t) => t.deploymentId === primary.id && isHealthy(t)).length,
    desired,
    blueDrained: !afterLive.some((t) => t.deploymentId !== primary.id),
    rollBack: (reason) => rollBackDeployment(state, svc, sd, now, reason),
    event: (message) => addEvent(svc, now, message),
  });
  if (result === 'rolledBack') return 'rolledBack';
  if (result === 'done') {
    for (const d of svc.deployments) if (d !== primary) d.status = 'INACTIVE';
    svc.deployments = [primary];
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = now;
    endServiceDeployment(sd, 'SUCCESSFUL', undefined, now);
    addEvent(svc, now, `(service ${svc.name}) (deployment ${primary.id}) deployment completed.`);
    svc.steady = true;
    addEvent(svc, now, `(service ${svc.name}) has reached a steady state.`);
  }
  return 'running';
}

function findServiceDeployment(state: RegionState, arn: unknown): { svc: ServiceRec; sd: ServiceDeploymentRec } {
  if (typeof arn !== 'string' || arn === '') throw invalidParameter('serviceDeploymentArn must be specified.');
  for (const svc of state.services) {
    const sd = svc.serviceDeployments.find((s) => s.arn === arn);
    if (sd) return { svc, sd };
  }
  throw new ApiError('ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
}

/** StopServiceDeployment: ROLLBACK goes back to the previous revision; ABORT leaves the service where it is. */
export function stopServiceDeployment(state: RegionState, input: any, now: number): string {
  const { svc, sd } = findServiceDeployment(state, input.serviceDeploymentArn);
  const stopType = input.stopType ?? 'ROLLBACK';
  if (stopType !== 'ROLLBACK' && stopType !== 'ABORT') throw invalidParameter('stopType must be ROLLBACK or ABORT.');
  if (sd.status !== 'IN_PROGRESS' && sd.status !== 'PENDING') throw new ApiError('ConflictException', `The service deployment is ${sd.status}: only a deployment in progress can be stopped.`);
  const primary = svc.deployments.find((d) => d.serviceDeploymentArn === sd.arn && !d.isRollback);
  if (stopType === 'ROLLBACK') {
    addEvent(svc, now, `(service ${svc.name}) service deployment stop requested (ROLLBACK).`);
    rollBackDeployment(state, svc, sd, now, 'Service deployment rolled back by StopServiceDeployment (ROLLBACK).');
    return sd.arn;
  }
  sd.aborted = true;
  if (primary) {
    primary.rolloutState = 'FAILED';
    primary.rolloutStateReason = 'Service deployment stopped by StopServiceDeployment (ABORT).';
    primary.updatedAt = now;
  }
  endServiceDeployment(sd, 'STOPPED', 'Service deployment stopped by StopServiceDeployment (ABORT).', now);
  addEvent(svc, now, `(service ${svc.name}) service deployment stopped (ABORT).`);
  return sd.arn;
}

/** ContinueServiceDeployment at a PAUSE hook awaiting action. */
export function continueServiceDeployment(state: RegionState, input: any, now: number): string {
  const { svc, sd } = findServiceDeployment(state, input.serviceDeploymentArn);
  if (typeof input.hookId !== 'string' || input.hookId === '') throw invalidParameter('hookId must be specified.');
  const action = input.action ?? 'CONTINUE';
  if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalidParameter('action must be CONTINUE or ROLLBACK.');
  if (!sd.progressive) throw clientException('The service deployment has no lifecycle hooks.');
  const hook = continueHook(sd, input.hookId, action, now);
  if (action === 'ROLLBACK') rollBackDeployment(state, svc, sd, now, `Rolled back at the PAUSE lifecycle hook of stage ${hook.hookStage} (ContinueServiceDeployment ROLLBACK).`);
  else addEvent(svc, now, `(service ${svc.name}) continued the service deployment at stage ${hook.hookStage}.`);
  return sd.arn;
}
