// Steering a deployment ECS is running: continue (or roll back at) a lifecycle hook that waits for
// action, roll back now or abort. Finds the service's current service deployment and checks that the
// step makes sense before asking ECS. Pure (no vscode): the commands wrap it.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import * as l10n from '@vscode/l10n';
import * as awsEcs from '../aws/ecs';
import type { AwsCallOptions } from '../aws/ecs';
import { resourceName } from '../domain/arn';

export interface SteerTarget {
  readonly cluster: string;
  readonly service: string;
  readonly region?: string;
}

export type HookAction = 'CONTINUE' | 'ROLLBACK';
export type StopType = 'ROLLBACK' | 'ABORT';

const RUNNING = new Set(['PENDING', 'IN_PROGRESS']);

function named(t: SteerTarget): string {
  return `${t.service} (${resourceName(t.cluster)})`;
}

/** The service's current service deployment (DescribeServices' currentServiceDeployment, else the newest listed). */
export async function currentServiceDeployment(call: AwsCallOptions, target: SteerTarget): Promise<ServiceDeployment | undefined> {
  const service = await awsEcs.describeService(call, target.cluster, target.service);
  if (!service || service.status === 'INACTIVE') throw new Error(l10n.t`Service ${named(target)} not found.`);
  let arn = service.currentServiceDeployment;
  if (!arn) {
    const list = await awsEcs.listServiceDeployments(call, { cluster: target.cluster, service: target.service, maxResults: 1 });
    arn = list.serviceDeployments?.[0]?.serviceDeploymentArn;
  }
  if (!arn) return undefined;
  return (await awsEcs.describeServiceDeployments(call, [arn])).serviceDeployments?.[0];
}

/** The service deployment a deployment row stands for (`serviceDeploymentArn`), else the service's current one. */
export async function serviceDeploymentOf(call: AwsCallOptions, target: SteerTarget & { readonly serviceDeploymentArn?: string }): Promise<ServiceDeployment | undefined> {
  if (!target.serviceDeploymentArn) return currentServiceDeployment(call, target);
  return (await awsEcs.describeServiceDeployments(call, [target.serviceDeploymentArn])).serviceDeployments?.[0];
}

/** The hook of the deployment that awaits action, or why there is none. */
export function awaitingHook(sd: ServiceDeployment | undefined, target: SteerTarget): { hookId: string; stage?: string; expiresAt?: Date; timeoutAction?: string } {
  if (!sd || !RUNNING.has(sd.status ?? '')) throw new Error(l10n.t`${named(target)} has no deployment in progress.`);
  const hook = sd.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION' && h.hookId);
  if (!hook) {
    throw new Error(l10n.t`The deployment of ${named(target)} does not wait for anyone: no lifecycle hook awaits action (stage ${sd.lifecycleStage ?? l10n.t('unknown')}).`);
  }
  return { hookId: hook.hookId!, stage: sd.lifecycleStage, expiresAt: hook.expiresAt, timeoutAction: hook.timeoutAction };
}

/** ContinueServiceDeployment on the hook awaiting action; resolves once ECS accepted it. */
export async function continueDeployment(call: AwsCallOptions, target: SteerTarget, action: HookAction = 'CONTINUE', sd?: ServiceDeployment): Promise<{ serviceDeploymentArn: string; hookId: string; action: HookAction; stage?: string }> {
  const deployment = sd ?? (await currentServiceDeployment(call, target));
  const hook = awaitingHook(deployment, target);
  const out = await awsEcs.continueServiceDeployment(call, { serviceDeploymentArn: deployment!.serviceDeploymentArn, hookId: hook.hookId, action });
  return { serviceDeploymentArn: out.serviceDeploymentArn ?? deployment!.serviceDeploymentArn!, hookId: hook.hookId, action, stage: hook.stage };
}

/** The deployment in progress, or why there is none. */
export function runningDeployment(sd: ServiceDeployment | undefined, target: SteerTarget): ServiceDeployment & { serviceDeploymentArn: string } {
  if (!sd?.serviceDeploymentArn || !RUNNING.has(sd.status ?? '')) throw new Error(l10n.t`${named(target)} has no deployment in progress to stop.`);
  return sd as ServiceDeployment & { serviceDeploymentArn: string };
}

/** StopServiceDeployment; resolves once ECS accepted it. */
export async function stopDeployment(call: AwsCallOptions, target: SteerTarget, stopType: StopType, sd?: ServiceDeployment): Promise<{ serviceDeploymentArn: string; stopType: StopType }> {
  const deployment = runningDeployment(sd ?? (await currentServiceDeployment(call, target)), target);
  const out = await awsEcs.stopServiceDeployment(call, { serviceDeploymentArn: deployment.serviceDeploymentArn, stopType });
  return { serviceDeploymentArn: out.serviceDeploymentArn ?? deployment.serviceDeploymentArn, stopType };
}

/** What the confirmation says will happen. */
export function steeringConsequence(kind: 'continue' | 'rollbackAtHook' | StopType, target: SteerTarget): string {
  switch (kind) {
    case 'continue':
      return l10n.t`ECS goes on with the deployment of ${named(target)} to its next lifecycle stage.`;
    case 'rollbackAtHook':
    case 'ROLLBACK':
      return l10n.t`ECS stops the deployment of ${named(target)} and returns the service to the revision it ran before; with blue/green, linear and canary the old tasks still run, so traffic goes back at once.`;
    case 'ABORT':
      return l10n.t`ECS stops the deployment of ${named(target)} where it is, without rolling back: the service may keep running both revisions until you deploy again.`;
  }
}
