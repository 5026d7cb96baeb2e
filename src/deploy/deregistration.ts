// Deregistering old revisions of a family: which ones (never one a service of the region uses, fail
// closed when a service cannot be read) and deregistering them one by one. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { AwsClients } from '../aws/clients';
import * as ecs from '../aws/ecs';
import { parseRevision } from '../domain/arn';
import { selectRevisionsToDeregister, type DeregisterPlan } from './revisions';
import { callOptions, type OperationOptions } from './calls';
import { revisionUsers } from './revisionUsers';

/**
 * Services whose DescribeServices answered with a failure other than MISSING: nobody knows which
 * revisions they use, so a plan that deregisters revisions fails closed and names them.
 */
export class UnreadableServicesError extends Error {
  constructor(readonly services: readonly string[], readonly family: string) {
    super(
      l10n.t('Nothing was deregistered: {0} could not be read, and might use revisions of {1}. {2}',
        services.length === 1 ? l10n.t('the service {0}', services[0]) : l10n.t('{0} services ({1})', services.length, services.slice(0, 5).join(', ') + (services.length > 5 ? ', …' : '')),
        family,
        l10n.t('Try again, or check the permissions for ecs:DescribeServices.')),
    );
    this.name = 'UnreadableServicesError';
  }
}

/**
 * Every revision some service in the region uses (its task definition or any of its deployments),
 * and the services that could not be read (DescribeServices failures other than MISSING).
 */
export async function revisionsInUse(clients: AwsClients, operation: OperationOptions): Promise<{ inUse: string[]; unreadable: string[] }> {
  const users = await revisionUsers(callOptions(clients, operation));
  return { inUse: [...users.byRevision.keys()], unreadable: [...users.unreadable] };
}

/** The ACTIVE revisions of a family (ARNs). */
export async function activeRevisions(clients: AwsClients, family: string, options: OperationOptions): Promise<string[]> {
  const arns = await ecs.listAllTaskDefinitions(callOptions(clients, options), { familyPrefix: family, status: 'ACTIVE' });
  // familyPrefix matches by prefix: keep this family only.
  return arns.filter((a) => parseRevision(a)?.family === family);
}

/**
 * Which revisions of `family` to deregister, keeping the newest `keep` and those in use. Fails closed
 * (UnreadableServicesError, nothing to deregister) when a service could not be read.
 */
export async function planDeregistration(clients: AwsClients, family: string, keep: number, options: OperationOptions): Promise<DeregisterPlan> {
  const [active, used] = await Promise.all([activeRevisions(clients, family, options), revisionsInUse(clients, options)]);
  if (used.unreadable.length) throw new UnreadableServicesError(used.unreadable, family);
  return selectRevisionsToDeregister(active, used.inUse, keep);
}

/** Deregisters revisions one by one; returns those that failed with their error message. */
export async function deregisterRevisions(
  clients: AwsClients,
  revisions: readonly string[],
  operation: OperationOptions & { readonly onProgress?: (done: number, total: number) => void },
): Promise<{ deregistered: string[]; failed: Array<{ revision: string; error: string }> }> {
  const { signal, onProgress } = operation;
  const options = callOptions(clients, operation);
  const deregistered: string[] = [];
  const failed: Array<{ revision: string; error: string }> = [];
  for (const revision of revisions) {
    if (signal?.aborted) break;
    try {
      await ecs.deregisterTaskDefinition(options, revision);
      deregistered.push(revision);
    } catch (e) {
      if (signal?.aborted) break;
      failed.push({ revision, error: (e as Error).message });
    }
    onProgress?.(deregistered.length + failed.length, revisions.length);
  }
  return { deregistered, failed };
}
