// ecsWorkbench.runTask: a one-off task (revision, launch type, network configuration defaulting to a
// service's, command/environment overrides), confirmed once with a summary of the whole run, then
// followed to STOPPED (the task ids in the progress) with exit codes and stopped reasons.
// With explicit arguments {cluster, taskDefinition, service?, launchType?, networkConfiguration?,
// overrides?, count?, region?} it asks nothing and resolves with the result.
import * as vscode from 'vscode';
import type { LaunchType, Service, TaskOverride } from '@aws-sdk/client-ecs';
import { resourceOf } from '../../explorer/resources';
import { describeRevision } from '../registration';
import { NEVER_ABORTS } from '../../aws/call';
import { describeService } from '../../aws/ecs';
import { networkConfigurationOf, runTaskAndFollow, type RunTaskOutcome, type RunTaskRequest } from '../oneOffTask';
import { parseRevision, revisionLabel } from '../../domain/arn';
import { describeTaskResults, parseCommand, parseEnvironment, runTaskPlan, runTaskProgressText, runTaskSummary } from '../runTaskText';
import { pickCluster, pickRevision, pickService, timeoutMs, type DeployCommandDeps } from './shared';
import { checkTrust, requireTrust, reportFailure, withCancellableProgress } from '../../ui/command';
import { runTaskNeedsDiagnosis, withRunTaskDiagnosis } from '../../observe/rolloutReport';
import { showRunTaskResult } from './runTaskResult';

export interface RunTaskArgs extends RunTaskRequest {
  /** A service whose network configuration (and launch type) the task uses when not given. */
  readonly service?: string;
}

function isExplicit(arg: unknown): arg is RunTaskArgs {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg) &&
    typeof (arg as RunTaskArgs).cluster === 'string' && typeof (arg as RunTaskArgs).taskDefinition === 'string';
}

async function withServiceDefaults(deps: DeployCommandDeps, args: RunTaskArgs): Promise<RunTaskRequest> {
  if (!args.service || (args.networkConfiguration && args.launchType)) return args;
  const service = await describeService({ clients: deps.clients, region: args.region, signal: NEVER_ABORTS }, args.cluster, args.service);
  return {
    ...args,
    networkConfiguration: args.networkConfiguration ?? networkConfigurationOf(service),
    launchType: args.launchType ?? (service?.capacityProviderStrategy?.length ? undefined : service?.launchType),
  };
}

function logResult(deps: DeployCommandDeps, taskDefinition: string, result: RunTaskOutcome): void {
  deps.log.info(`[run task] ${revisionLabel(taskDefinition)}: ${runTaskSummary(result)}`);
  for (const line of describeTaskResults(result.tasks)) deps.log.info(`[run task]   ${line}`);
  for (const f of result.failures) deps.log.warn(`[run task]   failure: ${f}`);
}

export async function runTaskCommand(deps: DeployCommandDeps, arg?: unknown): Promise<RunTaskOutcome | undefined> {
  if (isExplicit(arg)) {
    requireTrust(vscode.l10n.t('Running a task'));
    const request = await withServiceDefaults(deps, arg);
    deps.log.info(`[run task] starting ${revisionLabel(request.taskDefinition)} in ${request.cluster}`);
    const result = await runTaskAndFollow(deps.clients, request, { timeoutMs: timeoutMs() });
    logResult(deps, request.taskDefinition, result);
    // A task that stopped and failed carries why (exit codes, reasons, last log lines, likely cause).
    return withRunTaskDiagnosis(deps, request, result);
  }
  if (!checkTrust(vscode.l10n.t('Running a task'))) return undefined;
  try {
    const serviceNode = resourceOf(arg, 'service');
    const revisionNode = resourceOf(arg, 'taskDefinitionRevision');
    const region = serviceNode?.region ?? revisionNode?.region;
    const cluster = serviceNode?.clusterArn ?? serviceNode?.clusterName ?? (await pickCluster(deps.clients, region, vscode.l10n.t('Run Task: cluster')));
    if (!cluster) return undefined;
    let service: Service | undefined;
    if (serviceNode?.serviceName) service = await describeService({ clients: deps.clients, region, signal: NEVER_ABORTS }, cluster, serviceNode.serviceName);
    else service = await pickService(deps.clients, cluster, region, revisionNode?.family, vscode.l10n.t('Run Task: service')); // Escape: no service defaults
    let taskDefinition = revisionNode?.taskDefinitionArn;
    if (!taskDefinition) {
      const current = service?.taskDefinition;
      const family = parseRevision(current ?? '')?.family;
      if (!family || !current) throw new Error(vscode.l10n.t('Choose a service or run the command on a task-definition revision.'));
      const choice = await pickRevision(deps.clients, family, undefined, region, vscode.l10n.t('Run Task: revision'));
      if (!choice) return undefined;
      taskDefinition = choice.kind === 'revision' ? choice.arn : current;
    }
    const td = (await describeRevision(deps.clients, taskDefinition, { signal: NEVER_ABORTS, region })).taskDefinition;
    const compat = td.requiresCompatibilities ?? [];
    const launchTypes: LaunchType[] = ['FARGATE', 'EC2', 'EXTERNAL'];
    const preferred = service?.launchType ?? (compat.includes('FARGATE') ? 'FARGATE' : 'EC2');
    const launch = await vscode.window.showQuickPick(
      [
        ...launchTypes.map((l) => ({ label: l, description: l === preferred ? vscode.l10n.t('default') : undefined, value: l as LaunchType | undefined })),
        { label: vscode.l10n.t('Cluster default capacity provider'), description: undefined, value: undefined },
      ].sort((a, b) => (a.label === preferred ? -1 : b.label === preferred ? 1 : 0)),
      { title: vscode.l10n.t('Run task: launch type'), placeHolder: vscode.l10n.t('How to run the task') },
    );
    if (!launch) return undefined;
    const containers = (td.containerDefinitions ?? []).map((c) => c.name ?? '');
    const commandText = await vscode.window.showInputBox({
      title: vscode.l10n.t('Run task: command override'),
      prompt: containers[0] !== undefined
        ? vscode.l10n.t("Command for {0} (words or a JSON array); empty keeps the image's command", containers[0])
        : vscode.l10n.t("Command for the container (words or a JSON array); empty keeps the image's command"),
      validateInput: (v) => { try { parseCommand(v); return undefined; } catch (e) { return (e as Error).message; } },
    });
    if (commandText === undefined) return undefined;
    const envText = await vscode.window.showInputBox({
      title: vscode.l10n.t('Run task: environment overrides'),
      prompt: vscode.l10n.t('NAME=value pairs separated by commas; empty for none'),
      validateInput: (v) => { try { parseEnvironment(v); return undefined; } catch (e) { return (e as Error).message; } },
    });
    if (envText === undefined) return undefined;
    const command = parseCommand(commandText);
    const environment = parseEnvironment(envText);
    const overrides: TaskOverride | undefined = command || environment.length
      ? { containerOverrides: [{ name: containers[0], command, environment: environment.length ? environment : undefined }] }
      : undefined;
    const request: RunTaskRequest = {
      cluster,
      region,
      taskDefinition,
      launchType: launch.value,
      networkConfiguration: networkConfigurationOf(service),
      overrides,
    };
    // One summary of the whole run, confirmed before RunTask; declining starts nothing.
    const plan = runTaskPlan(request, { service: service?.serviceName });
    const go = vscode.l10n.t('Run Task');
    if ((await vscode.window.showWarningMessage(plan.message, { modal: true, detail: plan.detail }, go)) !== go) {
      deps.log.info(`[run task] ${revisionLabel(taskDefinition)} in ${cluster}: not confirmed, nothing started`);
      return undefined;
    }
    deps.log.info(`[run task] starting ${revisionLabel(taskDefinition)} in ${cluster}${service ? ` with the network configuration of ${service.serviceName}` : ''}`);
    const result = await withCancellableProgress({ title: vscode.l10n.t('Running {0}', revisionLabel(taskDefinition)) }, (signal, report) =>
      runTaskAndFollow(deps.clients, request, { signal, timeoutMs: timeoutMs(), onUpdate: (tasks) => report(runTaskProgressText(tasks)) }),
    );
    logResult(deps, taskDefinition, result);
    // A failed task: why (exit codes, stopped reasons, last log lines, likely cause), read before the result is told.
    const told = runTaskNeedsDiagnosis(result)
      ? await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading why {0} stopped…', revisionLabel(taskDefinition)) },
        () => withRunTaskDiagnosis(deps, request, result),
      )
      : result;
    void showRunTaskResult(deps, request, told);
    return told;
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Running a task'), error: e });
    return undefined;
  }
}
