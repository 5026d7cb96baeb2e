// The top of each explorer view: the clusters, task-definition families or repositories of a region,
// and the region nodes shown when `ecsWorkbench.regions` lists several. Pure (no vscode). A region
// with none says which region it is ("No clusters in eu-west-1"), as the empty view's title does.
import * as l10n from '@vscode/l10n';
import { nodeContextValue } from './resources';
import * as loaders from './loaders';
import { mapPage, type ChildSource, type NodeSpec, type Scope, type ViewKind } from './model';
import { clusterNode } from './clusterNodes';
import { familyNode, repositoryNode } from './registryNodes';

export function rootChildren(view: ViewKind, scope: Scope): ChildSource {
  switch (view) {
    case 'clusters':
      return {
        kind: 'paged',
        empty: l10n.t`No clusters in ${scope.region}`,
        load: async (ctx, token) => mapPage(await loaders.listClusters(ctx, token), (c) => clusterNode(scope, c)),
      };
    case 'taskDefinitions':
      return {
        kind: 'paged',
        empty: l10n.t`No task definitions in ${scope.region}`,
        load: async (ctx, token) => mapPage(await loaders.listTaskDefinitionFamilies(ctx, token), (fam) => familyNode(scope, fam)),
      };
    case 'repositories':
      return {
        kind: 'paged',
        empty: l10n.t`No ECR repositories in ${scope.region}`,
        load: async (ctx, token) => mapPage(await loaders.listRepositories(ctx, token), (r) => repositoryNode(scope, r)),
      };
  }
}

export function regionNode(view: ViewKind, scope: Scope): NodeSpec {
  return {
    key: `region:${scope.region}`,
    label: scope.region,
    description: scope.profile ?? l10n.t('default profile'),
    icon: { id: 'globe' },
    contextValue: nodeContextValue('region'),
    children: rootChildren(view, scope),
    expanded: true,
  };
}
