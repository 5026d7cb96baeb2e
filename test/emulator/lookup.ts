// Finding ECS resources by name or ARN, with the errors ECS answers when they are missing.
import { ApiError, invalidParameter } from './errors';
import { ClusterRec, RegionState, ServiceRec, nameFromArnOrName } from './state';

export function findCluster(state: RegionState, ref: string | undefined): ClusterRec {
  const name = nameFromArnOrName(ref ?? 'default');
  const cluster = state.clusters.get(name);
  if (!cluster || cluster.status !== 'ACTIVE') throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

export function findService(state: RegionState, cluster: ClusterRec, ref: string, activeOnly = true): ServiceRec {
  const name = nameFromArnOrName(ref);
  const candidates = state.services.filter((s) => s.clusterName === cluster.name && s.name === name);
  const svc = candidates.find((s) => s.status !== 'INACTIVE') ?? candidates[candidates.length - 1];
  if (!svc) throw new ApiError('ServiceNotFoundException', 'Service not found.');
  if (activeOnly && svc.status !== 'ACTIVE') throw new ApiError('ServiceNotActiveException', 'Service was not ACTIVE.');
  return svc;
}

export function requireList(value: unknown, what: string, max: number, itemName: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidParameter(`${what} cannot be empty.`);
  if (value.length > max) throw invalidParameter(`${itemName} can have at most ${max} items.`);
  return value as string[];
}

/** A Describe* answer: each ref found, or a MISSING failure naming the ARN it was asked as. */
export function describeMany<T>(refs: string[], find: (ref: string) => T | undefined, arnOf: (ref: string) => string = (ref) => ref): { found: T[]; failures: { arn: string; reason: string }[] } {
  const found: T[] = [];
  const failures: { arn: string; reason: string }[] = [];
  for (const ref of refs) {
    const item = find(ref);
    if (item) found.push(item);
    else failures.push({ arn: arnOf(ref), reason: 'MISSING' });
  }
  return { found, failures };
}

/**
 * A Describe* of things in one cluster (services, tasks, container instances): the cluster first, then
 * the list (`[value, what, max, itemName]` as requireList takes it); a ref not found fails MISSING
 * with its ARN, `<kind>/<cluster>/<ref>` for a bare name or id.
 */
export function describeInCluster<T>(
  state: RegionState,
  clusterRef: string | undefined,
  list: [value: unknown, what: string, max: number, itemName: string],
  kind: 'service' | 'task' | 'container-instance',
  find: (cluster: ClusterRec, ref: string) => T | undefined,
): { found: T[]; failures: { arn: string; reason: string }[] } {
  const cluster = findCluster(state, clusterRef);
  const refs = requireList(...list);
  return describeMany(refs, (ref) => find(cluster, ref), (ref) => (ref.startsWith('arn:') ? ref : state.arn('ecs', `${kind}/${cluster.name}/${ref}`)));
}
