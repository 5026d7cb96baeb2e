// Which services use which task-definition revision: the one scan of a region's services behind
// "Deregister Old Revisions" (keep what is in use) and "Deregister Revision" (refuse, naming the
// services). Pure (no vscode).
import type { Service } from '@aws-sdk/client-ecs';
import { isDescribeFailuresError, type AwsCallOptions } from '../aws/call';
import * as ecs from '../aws/ecs';
import { resourceName, sameRevision } from '../domain/arn';

export interface RevisionUsers {
  /** Revision ARN → the services (`cluster/service`) whose task definition or a deployment of which uses it. */
  readonly byRevision: ReadonlyMap<string, readonly string[]>;
  /** Services that could not be read (DescribeServices failures other than MISSING): they may use any revision. */
  readonly unreadable: readonly string[];
}

/** Reads every service of every cluster of the region (all pages) and what revisions they use. */
export async function revisionUsers(options: AwsCallOptions): Promise<RevisionUsers> {
  const byRevision = new Map<string, string[]>();
  const unreadable: string[] = [];
  const use = (revision: string | undefined, user: string): void => {
    if (!revision) return;
    const users = byRevision.get(revision) ?? [];
    if (!users.includes(user)) users.push(user);
    byRevision.set(revision, users);
  };
  for (const cluster of await ecs.listAllClusterArns(options)) {
    const arns = await ecs.listAllServiceArns(options, cluster);
    let services: readonly Service[];
    try {
      services = (await ecs.describeServices(options, cluster, arns)).items;
    } catch (e) {
      if (!isDescribeFailuresError(e)) throw e;
      unreadable.push(...e.failures.map((f) => f.arn ?? '?'));
      services = e.described as readonly Service[];
    }
    for (const s of services) {
      const user = `${resourceName(s.clusterArn ?? cluster)}/${s.serviceName ?? resourceName(s.serviceArn)}`;
      use(s.taskDefinition, user);
      for (const d of s.deployments ?? []) use(d.taskDefinition, user);
    }
  }
  return { byRevision, unreadable };
}

/** The services (`cluster/service`) that use `revision` (an ARN or `family:revision`). */
export function usersOf(users: RevisionUsers, revision: string): string[] {
  const out: string[] = [];
  for (const [arn, services] of users.byRevision) if (sameRevision(arn, revision)) out.push(...services.filter((s) => !out.includes(s)));
  return out;
}
