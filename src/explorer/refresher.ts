// Refresh what changed: the one way other features (deploy, publish, the explorer's own actions)
// tell the explorer about a change, by resource. Pure (no vscode).
import { newResource, scopeFields, viewOfKind, type Resource, type Scope } from './resources';
import type { ViewKind } from './model';

/** What another feature is given to show its changes in the explorer (see extension.ts). */
export interface ExplorerRefresher {
  /**
   * Reloads what shows `resource` and the rows above it (a changed service, its cluster and Tasks
   * groups) or, when nothing shows it yet (a new revision, a new repository), the list that would.
   * Never throws: a failed reload shows as an error row in the tree.
   */
  refresh(resource: Resource): Promise<void>;
}

/** A view's store as the refresher sees it. */
export interface RefreshableView {
  readonly view: ViewKind;
  refreshResource(resource: Resource): Promise<number>;
  refresh(): Promise<void>;
}

/**
 * After a change to `resource`: refreshes every node showing it or, when none is loaded (e.g. a new
 * family or repository), the top level of the one view that would list it.
 */
export async function refreshResourceInViews(views: readonly RefreshableView[], resource: Resource): Promise<void> {
  let found = 0;
  for (const v of views) found += await v.refreshResource(resource);
  if (!found) await views.find((v) => v.view === viewOfKind(resource.kind))?.refresh();
}

export function viewsRefresher(views: readonly RefreshableView[]): ExplorerRefresher {
  return { refresh: (resource) => refreshResourceInViews(views, resource) };
}

/** The profile and region a change was made in. */
export type ChangeScope = Scope;

/** The scope of a change: the current connection, or the region the command was given. */
export function changeScope(current: ChangeScope, region: string | undefined): ChangeScope {
  return region ? { ...current, region } : current;
}

/** The resource to refresh after a change another feature made, from what it knows (names or ARNs). */
export const changed = {
  /** A registered revision: its family's list shows it. */
  revision: (scope: ChangeScope, taskDefinitionArn: string): Resource => newResource.revision(scope, taskDefinitionArn),
  family: (scope: ChangeScope, family: string): Resource => newResource.family(scope, family),
  repository: (scope: ChangeScope, repositoryName: string): Resource => newResource.repository(scope, { repositoryName }),
  /** A service by name or ARN in a cluster given by name or ARN. */
  service: (scope: ChangeScope, cluster: string, service: string): Resource => ({
    kind: 'service',
    ...scopeFields(scope),
    ...(cluster.startsWith('arn:') ? { clusterArn: cluster } : { clusterName: cluster }),
    ...(service.startsWith('arn:') ? { serviceArn: service } : { serviceName: service }),
  }),
};
