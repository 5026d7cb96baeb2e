// ecsWorkbench.continueDeployment and ecsWorkbench.stopDeployment: steer the deployment ECS runs for a
// service. With explicit arguments ({cluster, service, action?} / {cluster, service, stopType}) they
// ask nothing and resolve once ECS accepted the step; from the palette, a menu or the status bar they
// say what will happen and ask first.
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import { awaitingHook, continueDeployment, serviceDeploymentOf, runningDeployment, steeringConsequence, stopDeployment, type HookAction, type SteerTarget, type StopType } from '../steering';
import { clockText } from '../serviceDeploymentProgress';
import { pickCluster, pickService, type DeployCommandDeps } from './shared';
import { checkTrust, reportFailure, requireTrust } from '../../ui/command';

type ContinueArgs = SteerTarget & { action?: HookAction };
type StopArgs = SteerTarget & { stopType: StopType };

function isTarget(arg: unknown): arg is SteerTarget {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && typeof (arg as SteerTarget).cluster === 'string' && typeof (arg as SteerTarget).service === 'string';
}

function callOptions(deps: DeployCommandDeps, region: string | undefined) {
  return { clients: deps.clients, region, signal: new AbortController().signal };
}

/** A service or a deployment row's service, with the row's service deployment (the one to steer). */
type RowTarget = SteerTarget & { serviceDeploymentArn?: string };

/**
 * The service to steer: from a tree node (a service, or a deployment row: then that deployment), or
 * picked. `command` names the pickers ("Stop Deployment: cluster", "Stop Deployment: service").
 */
async function targetOf(deps: DeployCommandDeps, arg: unknown, command: string): Promise<RowTarget | undefined> {
  const row = resourceOf(arg, 'deployment');
  const node = resourceOf(arg, 'service') ?? row;
  if (node?.serviceName && (node.clusterArn ?? node.clusterName)) {
    return { cluster: (node.clusterArn ?? node.clusterName)!, service: node.serviceName, region: node.region, serviceDeploymentArn: row?.serviceDeploymentArn };
  }
  const cluster = await pickCluster(deps.clients, undefined, vscode.l10n.t('{0}: cluster', command));
  if (!cluster) return undefined;
  const service = (await pickService(deps.clients, cluster, undefined, undefined, vscode.l10n.t('{0}: service', command)))?.serviceName;
  return service ? { cluster, service } : undefined;
}

export async function continueDeploymentCommand(deps: DeployCommandDeps, arg?: unknown, askFirst = false): Promise<unknown> {
  const what = vscode.l10n.t('Continuing a deployment');
  if (isTarget(arg) && !askFirst) {
    requireTrust(what);
    const args = arg as ContinueArgs;
    const action = args.action ?? 'CONTINUE';
    if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw new Error(vscode.l10n.t('action must be CONTINUE or ROLLBACK.'));
    const result = await continueDeployment(callOptions(deps, args.region), args, action);
    deps.log.info(`[deploy] ${args.service} (${args.cluster}): ContinueServiceDeployment ${action} at ${result.stage ?? 'its hook'}`);
    return result;
  }
  if (!checkTrust(what)) return undefined;
  try {
    const target = isTarget(arg) ? arg : await targetOf(deps, arg, vscode.l10n.t('Continue Deployment'));
    if (!target) return undefined;
    const call = callOptions(deps, target.region);
    const sd = await serviceDeploymentOf(call, target);
    const hook = awaitingHook(sd, target);
    const left = hook.expiresAt ? clockText(hook.expiresAt.getTime() - Date.now()) : undefined;
    const continueLabel = vscode.l10n.t('Continue');
    const rollBackLabel = vscode.l10n.t('Roll Back');
    const detail = [
      vscode.l10n.t('Continue: {0}', steeringConsequence('continue', target)),
      vscode.l10n.t('Roll Back: {0}', steeringConsequence('rollbackAtHook', target)),
      left ? vscode.l10n.t('Without an answer ECS will {0} in {1}.', hook.timeoutAction === 'CONTINUE' ? vscode.l10n.t('continue') : vscode.l10n.t('roll back'), left) : '',
    ].filter(Boolean).join('\n\n');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The deployment of {0} waits at {1}.', target.service, hook.stage ?? vscode.l10n.t('a lifecycle hook')),
      { modal: true, detail },
      continueLabel,
      rollBackLabel,
    );
    if (!choice) return undefined;
    const action: HookAction = choice === continueLabel ? 'CONTINUE' : 'ROLLBACK';
    const result = await continueDeployment(call, target, action, sd);
    deps.log.info(`[deploy] ${target.service} (${target.cluster}): ContinueServiceDeployment ${action} at ${result.stage ?? 'its hook'}`);
    return result;
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Continuing the deployment'), error: e });
    return undefined;
  }
}

export async function stopDeploymentCommand(deps: DeployCommandDeps, arg?: unknown, askFirst = false, preset?: StopType): Promise<unknown> {
  const what = vscode.l10n.t('Stopping a deployment');
  if (isTarget(arg) && !askFirst) {
    requireTrust(what);
    const args = arg as StopArgs;
    if (args.stopType !== 'ROLLBACK' && args.stopType !== 'ABORT') throw new Error(vscode.l10n.t('stopType must be ROLLBACK or ABORT.'));
    const result = await stopDeployment(callOptions(deps, args.region), args, args.stopType);
    deps.log.info(`[deploy] ${args.service} (${args.cluster}): StopServiceDeployment ${args.stopType}`);
    return result;
  }
  if (!checkTrust(what)) return undefined;
  try {
    const target = isTarget(arg) ? arg : await targetOf(deps, arg, vscode.l10n.t('Stop Deployment'));
    if (!target) return undefined;
    const call = callOptions(deps, target.region);
    const sd = runningDeployment(await serviceDeploymentOf(call, target), target);
    const rollBack = vscode.l10n.t('Roll Back Now');
    const abort = vscode.l10n.t('Stop Without Rollback');
    const offered = preset === 'ROLLBACK' ? [rollBack] : preset === 'ABORT' ? [abort] : [rollBack, abort];
    const detail = offered.map((o) => `${o}: ${steeringConsequence(o === rollBack ? 'ROLLBACK' : 'ABORT', target)}`).join('\n\n');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Stop the deployment of {0}{1}?', target.service, sd.lifecycleStage ? vscode.l10n.t(' (now at {0})', sd.lifecycleStage) : ''),
      { modal: true, detail },
      ...offered,
    );
    if (!choice) return undefined;
    const stopType: StopType = choice === rollBack ? 'ROLLBACK' : 'ABORT';
    const result = await stopDeployment(call, target, stopType, sd);
    deps.log.info(`[deploy] ${target.service} (${target.cluster}): StopServiceDeployment ${stopType}`);
    return result;
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Stopping the deployment'), error: e });
    return undefined;
  }
}
