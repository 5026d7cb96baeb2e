// ecsWorkbench.showLogs: a task's (or one container's, or a service's running tasks') logs in a
// read-only document. Explicit arguments `{cluster, task, container?, follow?, filter?}` or
// `{cluster, service, follow?, filter?}` ask nothing and resolve `{uri, logGroup, logStreams}`;
// from a tree node (task, container, service) or the palette it asks what it needs and follows.
import * as vscode from 'vscode';
import { resourceName } from '../domain/arn';
import type { AwsClients } from '../aws/clients';
import { resourceOf } from '../explorer/resources';
import { pickCluster, pickService } from '../deploy/commands/shared';
import { serviceLogSources, taskLogSources, type TaskLogSources } from './gather';
import type { LogDocuments } from './logDocuments';
import { groupTargets } from './logSession';
import { streamLabel } from './logBuffer';

export interface ShowLogsRequest {
  readonly cluster: string;
  readonly task?: string;
  readonly service?: string;
  readonly container?: string;
  readonly follow?: boolean;
  readonly filter?: string;
  readonly region?: string;
}

export interface ShowLogsResult {
  readonly uri: vscode.Uri;
  readonly logGroup: string;
  readonly logStreams: string[];
}

export interface ObserveDeps {
  readonly clients: AwsClients;
  readonly log: vscode.LogOutputChannel;
  readonly documents: LogDocuments;
  readonly extensionUri: vscode.Uri;
}

export function isShowLogsRequest(arg: unknown): arg is ShowLogsRequest {
  if (typeof arg !== 'object' || arg === null || 'resource' in arg || 'kind' in arg) return false;
  const r = arg as ShowLogsRequest;
  return typeof r.cluster === 'string' && (typeof r.task === 'string' || typeof r.service === 'string');
}


/** Opens the logs; throws with a clear message when none of the containers logs to CloudWatch. */
export async function openLogs(deps: ObserveDeps, request: ShowLogsRequest, signal: AbortSignal): Promise<ShowLogsResult> {
  const read = { clients: deps.clients, region: request.region, signal };
  let found: TaskLogSources[];
  let title: string;
  if (request.task) {
    found = [await taskLogSources({ ...read, cluster: request.cluster, task: request.task, container: request.container })];
    title = `${request.container ?? 'task'} ${resourceName(request.task).slice(0, 8)}`;
  } else {
    found = await serviceLogSources({ ...read, cluster: request.cluster, service: request.service! });
    if (found.length === 0) throw new Error(vscode.l10n.t('Service {0} has no running task whose logs could be shown.', request.service!));
    title = `${request.service} (${resourceName(request.cluster)})`;
  }
  const sources = found.flatMap((f) => f.sources);
  const targets = groupTargets(sources);
  const unavailable = [...new Set(sources.flatMap((s) => (s.kind === 'unavailable' ? [s.message] : [])))];
  if (targets.length === 0) throw new Error(unavailable.join(' ') || vscode.l10n.t('No container of this task logs to CloudWatch Logs.'));
  const streams = targets.flatMap((t) => t.logStreams);
  const header = [
    `# ${targets.map((t) => t.logGroup).join(', ')}: ${streams.length === 1 ? streams[0] : `${streams.length} streams (${streams.map(streamLabel).join(', ')})`}`,
    ...(request.filter ? [`# filter: ${request.filter}`] : []),
    ...unavailable.map((m) => `# ${m}`),
  ];
  // A service's document follows the tasks it starts later (a deployment replaces them).
  const service = request.task ? undefined : request.service;
  const discover = service
    ? async (s: AbortSignal) => groupTargets((await serviceLogSources({ ...read, signal: s, cluster: request.cluster, service })).flatMap((f) => f.sources))
    : undefined;
  const uri = await deps.documents.show({
    clients: deps.clients,
    region: request.region,
    targets,
    discover,
    filterPattern: request.filter,
    title: request.filter ? `${title} [${request.filter}]` : title,
    header,
    follow: request.follow === true,
    labelStreams: streams.length > 1 || service !== undefined,
    signal,
    origin: request,
  });
  deps.log.info(`[logs] opened ${title}: ${targets.map((t) => `${t.logGroup} (${t.logStreams.length} streams)`).join(', ')}${request.follow ? ', following' : ''}`);
  return { uri, logGroup: targets[0].logGroup, logStreams: streams };
}

/** The request a tree node, the palette (with pickers) or explicit arguments stand for. */
async function requestFrom(deps: ObserveDeps, arg: unknown): Promise<ShowLogsRequest | undefined> {
  const container = resourceOf(arg, 'container');
  const task = container ?? resourceOf(arg, 'task');
  if (task?.taskArn) {
    return { cluster: task.clusterArn ?? task.clusterName ?? '', task: task.taskArn, container: container?.containerName, follow: true, region: task.region };
  }
  const service = resourceOf(arg, 'service');
  if (service?.serviceName) return { cluster: service.clusterArn ?? service.clusterName ?? '', service: service.serviceName, follow: true, region: service.region };
  const cluster = await pickCluster(deps.clients, undefined, vscode.l10n.t('Show Logs: cluster'));
  if (!cluster) return undefined;
  const picked = await pickService(deps.clients, cluster, undefined, undefined, vscode.l10n.t('Show Logs: service'));
  return picked?.serviceName ? { cluster, service: picked.serviceName, follow: true } : undefined;
}

export async function showLogsCommand(deps: ObserveDeps, arg?: unknown): Promise<ShowLogsResult | undefined> {
  if (isShowLogsRequest(arg)) return openLogs(deps, arg, new AbortController().signal);
  try {
    const request = await requestFrom(deps, arg);
    return request ? await openInteractively(deps, request) : undefined;
  } catch (e) {
    return reportFailure(deps, e);
  }
}

function reportFailure(deps: ObserveDeps, e: unknown): undefined {
  if ((e as Error).name === 'AbortError') return undefined;
  deps.log.warn(`[logs] ${(e as Error).message}`);
  void vscode.window.showWarningMessage((e as Error).message);
  return undefined;
}

/** Opens the logs under a cancellable progress notification. */
function openInteractively(deps: ObserveDeps, request: ShowLogsRequest): Thenable<ShowLogsResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading logs…'), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return openLogs(deps, request, controller.signal);
    },
  );
}

/** Asks for a CloudWatch filter pattern and opens the same logs filtered (and followed). */
export async function filterLogsCommand(deps: ObserveDeps, request: ShowLogsRequest | undefined): Promise<ShowLogsResult | undefined> {
  if (!request) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a log document from the ECS Workbench explorer first.'));
    return undefined;
  }
  const filter = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter Logs'),
    prompt: vscode.l10n.t('A CloudWatch Logs filter pattern: terms, "a phrase", ?any ?of, -exclude, or { $.level = "error" }'),
    value: request.filter ?? '',
  });
  if (filter === undefined) return undefined;
  try {
    return await openInteractively(deps, { ...request, filter: filter || undefined, follow: true });
  } catch (e) {
    return reportFailure(deps, e);
  }
}
