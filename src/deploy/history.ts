// A service's deployment history and the revision a rollback returns to. Pure (no vscode).
import type { Service } from '@aws-sdk/client-ecs';
import * as l10n from '@vscode/l10n';
import type { AwsClients } from '../aws/clients';
import * as ecs from '../aws/ecs';
import { previousRevision, type HistoryEntry } from './revisions';
import { callOptions, type OperationOptions } from './calls';
import { serviceRevision } from '../domain/deploymentState';

/**
 * The deployment history of a service, newest first: its current deployments[] and, when the API
 * has them, its service deployments (with their target revisions resolved).
 */
export async function deploymentHistory(
  clients: AwsClients,
  cluster: string,
  service: string,
  options: OperationOptions,
): Promise<{ service: Service; history: HistoryEntry[] }> {
  const call = callOptions(clients, options);
  const svc = await ecs.describeService(call, cluster, service);
  if (!svc) throw new Error(l10n.t`Service ${service} not found in cluster ${cluster}.`);
  const history: HistoryEntry[] = (svc.deployments ?? [])
    .filter((d) => d.taskDefinition)
    .map((d) => ({
      taskDefinition: d.taskDefinition!,
      createdAt: d.createdAt?.getTime() ?? 0,
      status: d.rolloutState === 'FAILED' ? 'FAILED' : d.status === 'PRIMARY' ? 'PRIMARY' : 'ACTIVE',
    }));
  try {
    const list = await ecs.listServiceDeployments(call, { cluster, service, maxResults: 20 });
    const briefs = (list.serviceDeployments ?? []).filter((b) => b.targetServiceRevisionArn);
    if (briefs.length) {
      const revisions = await ecs.describeServiceRevisions(call, [...new Set(briefs.map((b) => b.targetServiceRevisionArn!))].slice(0, 20));
      for (const b of briefs) {
        const td = revisions.serviceRevisions?.find((r) => r.serviceRevisionArn === b.targetServiceRevisionArn)?.taskDefinition;
        if (td) history.push({ taskDefinition: td, createdAt: b.createdAt?.getTime() ?? 0, status: b.status });
      }
    }
  } catch (e) {
    if (call.signal.aborted) throw e;
    // Older APIs (and some endpoints) lack service deployments: deployments[] is the history then.
  }
  return { service: svc, history };
}

/**
 * The revision to roll back to: the one the service ran before its current revision, from its
 * deployment history (plus `extraHistory`, e.g. deployments this extension recorded).
 */
export async function rollbackTarget(
  clients: AwsClients,
  cluster: string,
  service: string,
  options: OperationOptions & { readonly extraHistory?: readonly HistoryEntry[] },
): Promise<{ current: string; previous: string | undefined }> {
  const { service: svc, history } = await deploymentHistory(clients, cluster, service, options);
  return rollbackFrom(svc, [...history, ...(options.extraHistory ?? [])]);
}

/** The revision a service runs now and the one it ran before it, from a history already read. */
export function rollbackFrom(service: Service, history: readonly HistoryEntry[]): { current: string; previous: string | undefined } {
  const current = serviceRevision(service) ?? '';
  return { current, previous: previousRevision(current, history) };
}
