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
