// Deployment configuration and the service deployment's own life: blue/green, linear and canary
// deployments as a stage machine in the documented order (lifecycle hooks, traffic weights, bake
// time), CloudWatch alarms, the configurable circuit breaker, earlySuccessCriteria, and the ways a
// deployment ends early (rollback, StopServiceDeployment, ContinueServiceDeployment). The rolling
// task scheduling itself stays in scheduler.ts; this module decides what the service deployment does.
import { invalidParameter } from './errors';
import type {
  DeploymentConfiguration,
  DeploymentRec,
  HookRunRec,
  LifecycleHookConfig,
  ProgressivePhase,
  ProgressiveRun,
  RegionState,
  ServiceDeploymentRec,
  ServiceRec,
} from './state';
import { uuid } from './state';

/** Simulated durations (ms) of the stages that do no waiting of their own. */
export const STAGE_TIMING = { stage: 2_000, trafficShift: 10_000, lambdaHook: 5_000 };

const HOOK_STAGES = [
  'RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT',
];
const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];
const ACTIONS = ['CONTINUE', 'ROLLBACK'];

function integerIn(value: unknown, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidParameter(`${name} must be an integer between ${min} and ${max}.`);
  return value;
}

function percentIn(value: unknown, min: number, name: string): number {
  if (typeof value !== 'number' || value < min || value > 100 || Math.abs(value * 10 - Math.round(value * 10)) > 1e-9) {
    throw invalidParameter(`${name} must be a multiple of 0.1 between ${min} and 100.`);
  }
  return value;
}

function hookFrom(input: any): LifecycleHookConfig {
  const targetType = input?.targetType ?? 'AWS_LAMBDA';
  if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE') throw invalidParameter(`Invalid lifecycle hook targetType: ${String(targetType)}.`);
  const stages: unknown = input?.lifecycleStages;
  if (!Array.isArray(stages) || stages.length === 0) throw invalidParameter('lifecycleStages must be specified for a lifecycle hook.');
  for (const stage of stages) if (!HOOK_STAGES.includes(stage)) throw invalidParameter(`Invalid lifecycle stage: ${String(stage)}.`);
  if (targetType === 'PAUSE' && stages.some((s) => s === 'TEST_TRAFFIC_SHIFT' || s === 'PRODUCTION_TRAFFIC_SHIFT')) {
    throw invalidParameter('PAUSE hooks cannot be configured at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages.');
  }
  if (targetType === 'AWS_LAMBDA' && (typeof input.hookTargetArn !== 'string' || !input.hookTargetArn.startsWith('arn:'))) {
    throw invalidParameter('hookTargetArn must be the ARN of a Lambda function for an AWS_LAMBDA lifecycle hook.');
  }
  const timeout = input.timeoutConfiguration;
  if (timeout?.timeoutInMinutes !== undefined) integerIn(timeout.timeoutInMinutes, 1, 20160, 'timeoutConfiguration.timeoutInMinutes');
  if (timeout?.action !== undefined && !ACTIONS.includes(timeout.action)) throw invalidParameter('timeoutConfiguration.action must be CONTINUE or ROLLBACK.');
  return {
    targetType,
    hookTargetArn: input.hookTargetArn,
    roleArn: input.roleArn,
    lifecycleStages: [...stages],
    hookDetails: input.hookDetails,
    timeoutConfiguration: timeout ? { timeoutInMinutes: timeout.timeoutInMinutes, action: timeout.action } : undefined,
  };
}

/** CreateService/UpdateService deploymentConfiguration over the service's current one, validated as ECS does. */
export function deploymentConfigurationFrom(input: any, base?: DeploymentConfiguration, daemon = false): DeploymentConfiguration {
  // Defaults: replica services 100 %/200 %, daemon services 0 %/100 %.
  const c: DeploymentConfiguration = base
    ? structuredClone(base)
    : { maximumPercent: daemon ? 100 : 200, minimumHealthyPercent: daemon ? 0 : 100, deploymentCircuitBreaker: { enable: false, rollback: false } };
  if (input) {
    if (input.maximumPercent !== undefined) c.maximumPercent = input.maximumPercent;
    if (input.minimumHealthyPercent !== undefined) c.minimumHealthyPercent = input.minimumHealthyPercent;
    const cb = input.deploymentCircuitBreaker;
    if (cb) {
      c.deploymentCircuitBreaker = { enable: !!cb.enable, rollback: !!cb.rollback };
      if (cb.resetOnHealthyTask !== undefined) c.deploymentCircuitBreaker.resetOnHealthyTask = !!cb.resetOnHealthyTask;
      if (cb.thresholdConfiguration) {
        const { type, value } = cb.thresholdConfiguration;
        if (!['COUNT', 'BOUNDED_PERCENT', 'UNBOUNDED_PERCENT'].includes(type)) throw invalidParameter('thresholdConfiguration.type must be COUNT, BOUNDED_PERCENT or UNBOUNDED_PERCENT.');
        c.deploymentCircuitBreaker.thresholdConfiguration = { type, value: integerIn(value, type === 'COUNT' ? 1 : 1, type === 'UNBOUNDED_PERCENT' ? 10_000 : type === 'COUNT' ? 10_000 : 100, 'thresholdConfiguration.value') };
      }
    }
    if (input.alarms) c.alarms = { alarmNames: input.alarms.alarmNames ?? [], enable: !!input.alarms.enable, rollback: !!input.alarms.rollback };
    if (input.strategy !== undefined) {
      if (!STRATEGIES.includes(input.strategy)) throw invalidParameter(`Invalid deployment strategy: ${String(input.strategy)}.`);
      c.strategy = input.strategy;
    }
    if (input.bakeTimeInMinutes !== undefined) c.bakeTimeInMinutes = integerIn(input.bakeTimeInMinutes, 0, 1440, 'bakeTimeInMinutes');
    if (input.linearConfiguration) {
      const l = input.linearConfiguration;
      c.linearConfiguration = {
        stepPercent: l.stepPercent === undefined ? undefined : percentIn(l.stepPercent, 3, 'linearConfiguration.stepPercent'),
        stepBakeTimeInMinutes: l.stepBakeTimeInMinutes === undefined ? undefined : integerIn(l.stepBakeTimeInMinutes, 0, 1440, 'linearConfiguration.stepBakeTimeInMinutes'),
      };
    }
    if (input.canaryConfiguration) {
      const k = input.canaryConfiguration;
      c.canaryConfiguration = {
        canaryPercent: k.canaryPercent === undefined ? undefined : percentIn(k.canaryPercent, 0.1, 'canaryConfiguration.canaryPercent'),
        canaryBakeTimeInMinutes: k.canaryBakeTimeInMinutes === undefined ? undefined : integerIn(k.canaryBakeTimeInMinutes, 0, 1440, 'canaryConfiguration.canaryBakeTimeInMinutes'),
      };
    }
    if (input.lifecycleHooks !== undefined) {
      if (!Array.isArray(input.lifecycleHooks)) throw invalidParameter('lifecycleHooks must be a list.');
      c.lifecycleHooks = input.lifecycleHooks.map(hookFrom);
    }
    if (input.earlySuccessCriteria) {
      const e = input.earlySuccessCriteria;
      c.earlySuccessCriteria = { enable: !!e.enable };
      if (e.enable) {
        c.earlySuccessCriteria.healthyPercent = integerIn(e.healthyPercent, 0, 100, 'earlySuccessCriteria.healthyPercent');
        if (e.sourceServiceRevisionCleanup !== 'BLOCKING' && e.sourceServiceRevisionCleanup !== 'DEFERRED') throw invalidParameter('earlySuccessCriteria.sourceServiceRevisionCleanup must be BLOCKING or DEFERRED.');
        c.earlySuccessCriteria.sourceServiceRevisionCleanup = e.sourceServiceRevisionCleanup;
      }
    }
  }
  const strategy = c.strategy ?? 'ROLLING';
  if (c.maximumPercent < 100 && c.minimumHealthyPercent >= 100) throw invalidParameter('maximumPercent must be at least 100 when minimumHealthyPercent is 100.');
  if (c.minimumHealthyPercent > c.maximumPercent) throw invalidParameter('minimumHealthyPercent must be less than or equal to maximumPercent.');
  if (strategy !== 'LINEAR' && c.linearConfiguration) throw invalidParameter('linearConfiguration is only valid when the deployment strategy is LINEAR.');
  if (strategy !== 'CANARY' && c.canaryConfiguration) throw invalidParameter('canaryConfiguration is only valid when the deployment strategy is CANARY.');
  if (strategy === 'ROLLING' && c.lifecycleHooks?.length) throw invalidParameter('Lifecycle hooks are only supported for the BLUE_GREEN, LINEAR and CANARY deployment strategies.');
  if (strategy !== 'ROLLING' && c.earlySuccessCriteria?.enable) throw invalidParameter('earlySuccessCriteria can only be used with the ROLLING deployment strategy.');
  if (c.earlySuccessCriteria?.enable && (c.earlySuccessCriteria.healthyPercent ?? 0) < c.minimumHealthyPercent) {
    throw invalidParameter('earlySuccessCriteria.healthyPercent must be greater than or equal to minimumHealthyPercent.');
  }
  return c;
}

/** The circuit breaker's failure threshold: 50 % of desired within 3..200 unless configured otherwise. */
export function circuitBreakerThreshold(desired: number, config?: DeploymentConfiguration['deploymentCircuitBreaker']): number {
  const t = config?.thresholdConfiguration;
  if (t?.type === 'COUNT') return t.value;
  const share = Math.ceil((desired * (t?.value ?? 50)) / 100);
  if (t?.type === 'UNBOUNDED_PERCENT') return Math.max(1, share);
  return Math.min(200, Math.max(3, share));
}

/** The phases of a blue/green, linear or canary deployment, in the documented order of their stages. */
export function progressivePhases(config: DeploymentConfiguration, reconcile: boolean): ProgressivePhase[] {
  const hooks = (stage: ProgressivePhase['stage'], hookStage: string = stage): ProgressivePhase => ({ stage, kind: 'hooks', hookStage });
  const phases: ProgressivePhase[] = [];
  if (reconcile) phases.push(hooks('RECONCILE_SERVICE'));
  phases.push(hooks('PRE_SCALE_UP'), { stage: 'SCALE_UP', kind: 'scaleUp' }, hooks('POST_SCALE_UP'));
  phases.push({ stage: 'TEST_TRAFFIC_SHIFT', kind: 'testShift' }, hooks('TEST_TRAFFIC_SHIFT'), hooks('POST_TEST_TRAFFIC_SHIFT'));
  const shift = (weight: number, bakeMinutes: number): void => {
    phases.push(hooks('PRODUCTION_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT'));
    phases.push({ stage: 'PRODUCTION_TRAFFIC_SHIFT', kind: 'productionShift', weight });
    phases.push(hooks('PRODUCTION_TRAFFIC_SHIFT'));
    if (weight < 100 && bakeMinutes > 0) phases.push({ stage: 'PRODUCTION_TRAFFIC_SHIFT', kind: 'wait', minutes: bakeMinutes });
  };
  if (config.strategy === 'CANARY') {
    shift(config.canaryConfiguration?.canaryPercent ?? 5, config.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10);
    shift(100, 0);
  } else if (config.strategy === 'LINEAR') {
    const step = config.linearConfiguration?.stepPercent ?? 10;
    const bake = config.linearConfiguration?.stepBakeTimeInMinutes ?? 6;
    for (let weight = step; ; weight += step) {
      const w = Math.min(100, Math.round(weight * 10) / 10);
      shift(w, bake);
      if (w >= 100) break;
    }
  } else {
    shift(100, 0);
  }
  phases.push(hooks('POST_PRODUCTION_TRAFFIC_SHIFT'));
  phases.push({ stage: 'BAKE_TIME', kind: 'wait', minutes: config.bakeTimeInMinutes ?? 0 });
  phases.push({ stage: 'CLEAN_UP', kind: 'cleanUp' });
  return phases;
}

export function isProgressive(config: DeploymentConfiguration): boolean {
  return config.strategy === 'BLUE_GREEN' || config.strategy === 'LINEAR' || config.strategy === 'CANARY';
}

/** Starts the stage machine of a new blue/green, linear or canary service deployment. */
export function startProgressive(state: RegionState, sd: ServiceDeploymentRec, green: DeploymentRec, blue: DeploymentRec | undefined, activeRevisions: number, now: number): void {
  const config = sd.deploymentConfiguration;
  if (!isProgressive(config)) return;
  sd.progressive = {
    strategy: config.strategy as ProgressiveRun['strategy'],
    phases: progressivePhases(config, activeRevisions > 1),
    index: -1,
    until: now,
    hooks: [],
    testWeight: 0,
    productionWeight: 0,
    greenDeploymentId: green.id,
    blueDeploymentId: blue?.id,
  };
  enterPhase(state, sd, 0, now);
}

export function currentPhase(sd: ServiceDeploymentRec): ProgressivePhase | undefined {
  const run = sd.progressive;
  return run && run.index >= 0 ? run.phases[run.index] : undefined;
}

function enterPhase(state: RegionState, sd: ServiceDeploymentRec, index: number, now: number): void {
  const run = sd.progressive!;
  run.index = index;
  run.hooks = [];
  const phase = run.phases[index];
  if (!phase) return;
  const scale = state.timeScale;
  run.until = now + STAGE_TIMING.stage * scale;
  if (phase.kind === 'hooks') {
    for (const hook of (sd.deploymentConfiguration.lifecycleHooks ?? []).filter((h) => h.lifecycleStages.includes(phase.hookStage!))) {
      const timeoutMs = (hook.timeoutConfiguration?.timeoutInMinutes ?? 1440) * 60_000 * scale;
      run.hooks.push({
        hookId: uuid(),
        targetType: hook.targetType,
        targetArn: hook.targetType === 'AWS_LAMBDA' ? hook.hookTargetArn : undefined,
        hookStage: phase.hookStage!,
        status: hook.targetType === 'PAUSE' ? 'AWAITING_ACTION' : 'IN_PROGRESS',
        startedAt: now,
        doneAt: hook.targetType === 'AWS_LAMBDA' ? now + STAGE_TIMING.lambdaHook * scale : undefined,
        expiresAt: now + timeoutMs,
        timeoutAction: hook.timeoutConfiguration?.action ?? 'ROLLBACK',
      });
    }
  } else if (phase.kind === 'testShift') {
    run.testWeight = 100;
    run.until = now + STAGE_TIMING.trafficShift * scale;
  } else if (phase.kind === 'productionShift') {
    run.productionWeight = phase.weight ?? 100;
    run.until = now + STAGE_TIMING.trafficShift * scale;
  } else if (phase.kind === 'wait') {
    run.until = now + (phase.minutes ?? 0) * 60_000 * scale;
  }
  sd.updatedAt = now;
}

export interface StageContext {
  /** Healthy tasks of the green revision and the service's desired count. */
  greenHealthy: number;
  desired: number;
  /** Whether the blue revision's tasks are all gone. */
  blueDrained: boolean;
  rollBack(reason: string): void;
  event(message: string): void;
}

/**
 * Moves a progressive deployment through as many phases as are done at `now`. Resolves 'done' when
 * CLEAN_UP finished (the caller then marks it SUCCESSFUL), 'rolledBack' when a hook rolled it back.
 */
export function advanceProgressive(state: RegionState, svc: ServiceRec, sd: ServiceDeploymentRec, now: number, ctx: StageContext): 'running' | 'done' | 'rolledBack' {
  const run = sd.progressive!;
  for (let guard = 0; guard < 200; guard++) {
    const phase = run.phases[run.index];
    if (!phase) return 'done';
    if (phase.kind === 'hooks') {
      for (const hook of run.hooks) {
        if (hook.status === 'IN_PROGRESS' && hook.doneAt !== undefined && hook.doneAt <= now) {
          hook.status = hook.targetArn && state.failingHooks.has(hook.targetArn) ? 'FAILED' : 'SUCCEEDED';
          sd.updatedAt = now;
          if (hook.status === 'FAILED') {
            ctx.rollBack(`Lifecycle hook ${hook.targetArn} failed at stage ${hook.hookStage}.`);
            return 'rolledBack';
          }
        }
        if (hook.status === 'AWAITING_ACTION' && hook.expiresAt <= now) {
          hook.status = 'TIMED_OUT';
          sd.updatedAt = now;
          if (hook.timeoutAction === 'ROLLBACK') {
            ctx.rollBack(`The PAUSE lifecycle hook at stage ${hook.hookStage} timed out; its timeout action is ROLLBACK.`);
            return 'rolledBack';
          }
        }
      }
      if (run.hooks.some((h) => h.status === 'IN_PROGRESS' || h.status === 'AWAITING_ACTION') || now < run.until) return 'running';
    } else if (phase.kind === 'scaleUp') {
      if (ctx.greenHealthy < ctx.desired || now < run.until) return 'running';
    } else if (phase.kind === 'cleanUp') {
      if (!ctx.blueDrained || now < run.until) return 'running';
    } else if (now < run.until) {
      return 'running';
    }
    if (phase.kind === 'productionShift') ctx.event(`(service ${svc.name}) shifted ${run.productionWeight}% of production traffic to the new service revision.`);
    enterPhase(state, sd, run.index + 1, now);
  }
  return 'running';
}

/** A PAUSE hook awaiting action: ContinueServiceDeployment. Throws the API's errors. */
export function continueHook(sd: ServiceDeploymentRec, hookId: string, action: 'CONTINUE' | 'ROLLBACK', now: number): HookRunRec {
  const hook = sd.progressive?.hooks.find((h) => h.hookId === hookId);
  if (!hook || hook.status !== 'AWAITING_ACTION' || sd.status !== 'IN_PROGRESS') {
    throw invalidParameter(`The service deployment has no lifecycle hook ${hookId} awaiting action.`);
  }
  hook.status = action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED';
  sd.updatedAt = now;
  return hook;
}

/** CloudWatch alarms of the deployment that are in ALARM (the emulator has no metrics: set by the control endpoint). */
export function triggeredAlarms(state: RegionState, sd: ServiceDeploymentRec): string[] {
  const alarms = sd.deploymentConfiguration.alarms;
  if (!alarms?.enable) return [];
  return alarms.alarmNames.filter((n) => state.alarmsInAlarm.has(n));
}

/** The stage machine's view members of a ServiceDeployment (DescribeServiceDeployments). */
export function progressiveView(sd: ServiceDeploymentRec): { lifecycleStage?: string; lifecycleHookDetails?: unknown[]; testWeight?: number; productionWeight?: number } {
  const run = sd.progressive;
  if (!run) return {};
  const phase = currentPhase(sd);
  const ended = sd.status !== 'IN_PROGRESS';
  return {
    lifecycleStage: phase?.stage ?? 'CLEAN_UP',
    lifecycleHookDetails: run.hooks
      .filter((h) => !ended || h.status !== 'AWAITING_ACTION')
      .map((h) => ({ hookId: h.hookId, targetType: h.targetType, targetArn: h.targetArn, status: h.status, expiresAt: h.expiresAt / 1000, timeoutAction: h.timeoutAction })),
    testWeight: run.testWeight,
    productionWeight: run.productionWeight,
  };
}
