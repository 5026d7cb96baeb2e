// The shape of the explorer tree, as plain data: which nodes exist, what they show, how their
// children load. Pure (no vscode): the VS Code adapter (treeProvider.ts) renders these specs, caches
// children, adds "Load more", error and empty nodes, and refreshes.
import * as l10n from '@vscode/l10n';
import type { Cluster, Container, ContainerInstance, Deployment, Service, ServiceEvent, Task } from '@aws-sdk/client-ecs';
import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import { contextValueFor, nodeContextValue, type Resource } from './resources';
import * as f from './format';
import * as loaders from './loaders';
import type { LoadContext, Page } from './loaders';

export type { LoadContext, Page };

/** A codicon id and an optional theme color id (e.g. `charts.green`). */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

export interface NodeCommand {
  readonly command: string;
  readonly title: string;
  readonly args?: readonly unknown[];
}

export type ChildSource =
  | {
      readonly kind: 'list';
      readonly load: (ctx: LoadContext) => Promise<NodeSpec[]>;
      readonly empty: string;
    }
  | {
      readonly kind: 'paged';
      readonly load: (ctx: LoadContext, nextToken?: string) => Promise<Page<NodeSpec>>;
      /** Re-arranges everything loaded so far (e.g. sorting, grouping) before it is shown. */
      readonly arrange?: (items: readonly NodeSpec[]) => NodeSpec[];
      readonly empty: string;
      /** Page size override (e.g. images: DescribeImages returns up to 1000 per call). */
      readonly pageSize?: number;
    };

export interface NodeSpec {
  /** Unique among siblings and stable across refreshes. */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: IconSpec;
  readonly contextValue: string;
  readonly resource?: Resource;
  readonly children?: ChildSource;
  /** Expanded initially (only meaningful with children). */
  readonly expanded?: boolean;
  /** Run on click. */
  readonly command?: NodeCommand;
  /** Reload this node while the view is visible (e.g. a deployment in progress). */
  readonly autoRefresh?: boolean;
  /** Re-fetches just this node (used by auto-refresh); undefined when it no longer exists. */
  readonly reload?: (ctx: LoadContext) => Promise<NodeSpec | undefined>;
  /** How auto-refresh re-fetches this node together with others of its group in one call. */
  readonly reloadBatch?: ReloadBatch;
}

/**
 * Nodes whose reload shares `group` (e.g. the services of one cluster) are re-fetched by one
 * `reloadAll` call (DescribeServices takes 10 at a time) instead of one call per node. It returns the
 * fresh node of each id it still finds.
 */
export interface ReloadBatch {
  readonly group: string;
  readonly id: string;
  readonly reloadAll: (ctx: LoadContext, ids: readonly string[]) => Promise<ReadonlyMap<string, NodeSpec>>;
}

export type ViewKind = 'clusters' | 'taskDefinitions' | 'repositories';

interface Scope {
  readonly region: string;
  readonly profile?: string;
}

function base(scope: Scope): { region: string; profile?: string } {
  return scope.profile ? { region: scope.region, profile: scope.profile } : { region: scope.region };
}

function mapPage<T>(page: Page<T>, fn: (item: T) => NodeSpec): Page<NodeSpec> {
  return { items: page.items.map(fn), nextToken: page.nextToken };
}

/**
 * Chains two paged sources: all pages of the first, then all of the second. The token remembers
 * which one is being read (`a:` / `b:` prefix). When the first source ends within a page, the
 * second one's first page is appended to it at once (no "Load more" just to reach it).
 */
export function chainPages<T>(
  first: (token?: string) => Promise<Page<T>>,
  second: (token?: string) => Promise<Page<T>>,
): (token?: string) => Promise<Page<T>> {
  const readSecond = async (token: string | undefined, before: T[]): Promise<Page<T>> => {
    const page = await second(token);
    return { items: [...before, ...page.items], nextToken: page.nextToken ? `b:${page.nextToken}` : undefined };
  };
  return async (token) => {
    if (!token || token.startsWith('a:')) {
      const page = await first(token ? token.slice(2) : undefined);
      if (page.nextToken) return { items: page.items, nextToken: `a:${page.nextToken}` };
      return readSecond(undefined, page.items);
    }
    return readSecond(token.slice(2) || undefined, []);
  };
}

// ---------------------------------------------------------------------------------------------
// Roots

export function rootChildren(view: ViewKind, scope: Scope): ChildSource {
  switch (view) {
    case 'clusters':
      return {
        kind: 'paged',
        empty: l10n.t('No clusters in this region'),
        load: async (ctx, token) => mapPage(await loaders.listClusters(ctx, token), (c) => clusterNode(scope, c)),
      };
    case 'taskDefinitions':
      return {
        kind: 'paged',
        empty: l10n.t('No task definitions in this region'),
        load: async (ctx, token) => mapPage(await loaders.listTaskDefinitionFamilies(ctx, token), (fam) => familyNode(scope, fam)),
      };
    case 'repositories':
      return {
        kind: 'paged',
        empty: l10n.t('No ECR repositories in this region'),
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

// ---------------------------------------------------------------------------------------------
// Clusters

const GREEN = 'charts.green';
const RED = 'charts.red';
// Our own colours (package.json contributes.colors) where the built-in ones fall below 3:1 on the
// light themes' side bar (charts.yellow, disabledForeground); both have high-contrast values.
const YELLOW = 'ecsWorkbench.warningIconForeground';
const BLUE = 'charts.blue';
const GREY = 'ecsWorkbench.inactiveIconForeground';
/** The theme colours state icons use (the e2e themes scenario checks them in every kind of theme). */
export const ICON_COLORS = { GREEN, RED, YELLOW, BLUE, GREY } as const;

export function clusterNode(scope: Scope, c: Cluster): NodeSpec {
  const name = c.clusterName ?? f.arnName(c.clusterArn);
  const clusterArn = c.clusterArn ?? name;
  const resource: Resource = { kind: 'cluster', ...base(scope), arn: c.clusterArn, clusterArn: c.clusterArn, clusterName: name };
  const state = f.clusterState(c);
  return {
    key: `cluster:${clusterArn}`,
    label: name,
    description: f.clusterSummary(c),
    tooltip: l10n.t`${c.clusterArn ?? name}\nStatus: ${c.status ?? l10n.t('unknown')}\n${f.clusterSummary(c)}`,
    icon: { id: 'server-environment', color: state === 'active' ? undefined : state === 'failed' ? RED : GREY },
    contextValue: contextValueFor('cluster', state),
    resource,
    children: {
      kind: 'list',
      empty: '',
      load: async () => [
        {
          key: 'services',
          label: 'Services',
          description: c.activeServicesCount !== undefined ? String(c.activeServicesCount) : undefined,
          icon: { id: 'layers' },
          contextValue: nodeContextValue('group', 'services'),
          resource,
          children: {
            kind: 'paged',
            empty: l10n.t('No services'),
            load: async (ctx, token) => mapPage(await loaders.listServices(ctx, clusterArn, token), (s) => serviceNode(scope, clusterArn, name, s)),
          },
        },
        {
          key: 'tasks',
          label: 'Tasks',
          description: f.taskCounts(c.runningTasksCount, c.pendingTasksCount),
          icon: { id: 'checklist' },
          contextValue: nodeContextValue('group', 'tasks'),
          resource,
          children: tasksSource(scope, { cluster: clusterArn, clusterName: name }),
        },
        {
          key: 'containerInstances',
          label: l10n.t('Container instances'),
          description: c.registeredContainerInstancesCount !== undefined ? String(c.registeredContainerInstancesCount) : undefined,
          icon: { id: 'vm' },
          contextValue: nodeContextValue('group', 'containerInstances'),
          resource,
          children: {
            kind: 'paged',
            empty: l10n.t('No EC2 container instances (Fargate only)'),
            load: async (ctx, token) =>
              mapPage(await loaders.listContainerInstances(ctx, clusterArn, token), (ci) => containerInstanceNode(scope, clusterArn, name, ci)),
          },
        },
      ],
    },
  };
}

function tasksSource(scope: Scope, where: { cluster: string; clusterName: string; serviceName?: string }): ChildSource {
  const running = (ctx: LoadContext) => (token?: string) =>
    loaders.listTasks(ctx, { cluster: where.cluster, serviceName: where.serviceName, desiredStatus: 'RUNNING' }, token);
  const stopped = (ctx: LoadContext) => (token?: string) =>
    loaders.listTasks(ctx, { cluster: where.cluster, serviceName: where.serviceName, desiredStatus: 'STOPPED' }, token);
  return {
    kind: 'paged',
    empty: where.serviceName ? l10n.t('No running or recently stopped tasks') : l10n.t('No running or recently stopped tasks in this cluster'),
    load: async (ctx, token) => mapPage(await chainPages(running(ctx), stopped(ctx))(token), (t) => taskNode(scope, where.clusterName, t)),
  };
}

export function containerInstanceNode(scope: Scope, clusterArn: string, clusterName: string, ci: ContainerInstance): NodeSpec {
  const state = f.containerInstanceState(ci);
  const id = ci.ec2InstanceId ?? f.arnName(ci.containerInstanceArn);
  return {
    key: `ci:${ci.containerInstanceArn}`,
    label: id,
    description: f.containerInstanceSummary(ci),
    tooltip: `${ci.containerInstanceArn}\n${f.containerInstanceSummary(ci)}${ci.statusReason ? `\n${ci.statusReason}` : ''}`,
    icon: { id: 'vm', color: state === 'active' ? (ci.agentConnected === false ? YELLOW : GREEN) : GREY },
    contextValue: contextValueFor('containerInstance', state),
    resource: {
      kind: 'containerInstance',
      ...base(scope),
      arn: ci.containerInstanceArn,
      containerInstanceArn: ci.containerInstanceArn,
      clusterArn,
      clusterName,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Services

const SERVICE_ICON: Record<string, IconSpec> = {
  steady: { id: 'pass', color: GREEN },
  deploying: { id: 'sync', color: BLUE },
  scaling: { id: 'arrow-both', color: BLUE },
  failed: { id: 'error', color: RED },
  rolledback: { id: 'history', color: YELLOW },
  draining: { id: 'circle-slash', color: GREY },
  inactive: { id: 'circle-slash', color: GREY },
};

export function serviceNode(scope: Scope, clusterArn: string, clusterName: string, s: Service): NodeSpec {
  const state = f.serviceState(s);
  const name = s.serviceName ?? f.arnName(s.serviceArn);
  const resource: Resource = {
    kind: 'service',
    ...base(scope),
    arn: s.serviceArn,
    clusterArn,
    clusterName,
    serviceName: name,
    serviceArn: s.serviceArn,
    taskDefinitionArn: s.taskDefinition,
    family: f.familyAndRevision(s.taskDefinition)?.family,
    revision: f.familyAndRevision(s.taskDefinition)?.revision,
  };
  // Closures below keep only what they need, not the whole described service (memory at scale).
  const serviceId = s.serviceArn ?? name;
  const deployments: Deployment[] = (s.deployments ?? []).map((d) => ({
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desiredCount: d.desiredCount,
    runningCount: d.runningCount,
    pendingCount: d.pendingCount,
    failedTasks: d.failedTasks,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }));
  const events: ServiceEvent[] = (s.events ?? []).slice(0, 25).map((e) => ({ id: e.id, message: e.message, createdAt: e.createdAt }));
  const tasksDescription = f.taskCounts(s.runningCount, s.pendingCount);
  const primary = f.primaryDeployment(s);
  return {
    key: `service:${s.serviceArn ?? name}`,
    label: name,
    description: f.serviceSummary(s),
    tooltip: [
      s.serviceArn,
      s.pendingCount
        ? l10n.t`Running ${s.runningCount ?? 0} of ${s.desiredCount ?? 0} desired, ${s.pendingCount} pending`
        : l10n.t`Running ${s.runningCount ?? 0} of ${s.desiredCount ?? 0} desired`,
      l10n.t`Task definition: ${f.taskDefinitionName(s.taskDefinition)}`,
      l10n.t`Launch type: ${s.launchType ?? s.capacityProviderStrategy?.map((c) => c.capacityProvider).join(', ') ?? l10n.t('default')}`,
      primary?.rolloutState
        ? primary.rolloutStateReason
          ? l10n.t`Rollout: ${primary.rolloutState} (${primary.rolloutStateReason})`
          : l10n.t`Rollout: ${primary.rolloutState}`
        : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: SERVICE_ICON[state],
    contextValue: contextValueFor('service', state),
    resource,
    autoRefresh: state === 'deploying' || state === 'scaling',
    reload: async (ctx) => (await reloadServices(scope, clusterArn, clusterName, ctx, [serviceId])).get(serviceId),
    reloadBatch: {
      group: `services:${clusterArn}`,
      id: serviceId,
      reloadAll: (ctx, ids) => reloadServices(scope, clusterArn, clusterName, ctx, ids),
    },
    children: {
      kind: 'list',
      empty: '',
      load: async () => [
        {
          key: 'deployments',
          label: 'Deployments',
          description: String(deployments.length),
          icon: { id: 'rocket' },
          contextValue: nodeContextValue('group', 'deployments'),
          resource,
          expanded: state === 'deploying' || state === 'failed' || state === 'rolledback',
          children: { kind: 'list', empty: l10n.t('No deployments'), load: async () => deployments.map((d) => deploymentNode(scope, resource, d)) },
        },
        {
          key: 'tasks',
          label: 'Tasks',
          description: tasksDescription,
          icon: { id: 'checklist' },
          contextValue: nodeContextValue('group', 'tasks'),
          resource,
          children: tasksSource(scope, { cluster: clusterArn, clusterName, serviceName: name }),
        },
        {
          key: 'events',
          label: 'Events',
          description: events[0]?.createdAt ? l10n.t`latest ${f.relativeTime(events[0].createdAt)}` : undefined,
          icon: { id: 'list-flat' },
          contextValue: nodeContextValue('group', 'events'),
          resource,
          children: { kind: 'list', empty: l10n.t('No events'), load: async () => events.map((e, i) => eventNode(e, i)) },
        },
      ],
    },
  };
}

/** Describes services of a cluster again (10 per call): the fresh node of each id still active. */
async function reloadServices(scope: Scope, clusterArn: string, clusterName: string, ctx: LoadContext, ids: readonly string[]): Promise<Map<string, NodeSpec>> {
  const fresh = new Map<string, NodeSpec>();
  for (const s of await loaders.describeServicesByArn(ctx, clusterArn, ids)) {
    const id = ids.find((i) => i === s.serviceArn || i === s.serviceName);
    if (id !== undefined && s.status !== 'INACTIVE') fresh.set(id, serviceNode(scope, clusterArn, clusterName, s));
  }
  return fresh;
}

const DEPLOYMENT_ICON: Record<string, IconSpec> = {
  IN_PROGRESS: { id: 'sync', color: BLUE },
  COMPLETED: { id: 'pass', color: GREEN },
  FAILED: { id: 'error', color: RED },
};

export function deploymentNode(scope: Scope, service: Resource, d: Deployment): NodeSpec {
  const rolledBack = /roll(ing|ed)?[ -]?back/i.test(d.rolloutStateReason ?? '');
  return {
    key: `deployment:${d.id}`,
    label: `${d.status ?? 'DEPLOYMENT'} ${f.taskDefinitionName(d.taskDefinition)}`,
    description: f.deploymentSummary(d),
    tooltip: [d.id, l10n.t`Created ${d.createdAt ? new Date(d.createdAt).toISOString() : '?'}`, d.rolloutStateReason].filter(Boolean).join('\n'),
    icon: rolledBack ? { id: 'history', color: YELLOW } : (DEPLOYMENT_ICON[d.rolloutState ?? ''] ?? { id: 'circle-outline' }),
    contextValue: contextValueFor('deployment', f.deploymentState(d)),
    resource: {
      ...service,
      kind: 'deployment',
      ...base(scope),
      arn: undefined,
      deploymentId: d.id,
      taskDefinitionArn: d.taskDefinition,
    },
    autoRefresh: d.rolloutState === 'IN_PROGRESS',
  };
}

export function eventNode(e: ServiceEvent, index: number): NodeSpec {
  const message = e.message ?? '';
  const warn = /unable|failed|error|unhealthy|rolling back|circuit breaker/i.test(message);
  return {
    key: `event:${e.id ?? index}`,
    label: message.length > 120 ? `${message.slice(0, 117)}…` : message,
    description: f.relativeTime(e.createdAt),
    tooltip: `${e.createdAt ? new Date(e.createdAt).toISOString() : ''}\n${message}`,
    icon: warn ? { id: 'warning', color: YELLOW } : { id: 'info' },
    contextValue: nodeContextValue('empty', 'event'),
  };
}

// ---------------------------------------------------------------------------------------------
// Tasks and containers

const TASK_ICON: Record<string, IconSpec> = {
  running: { id: 'play-circle', color: GREEN },
  pending: { id: 'loading', color: BLUE },
  stopping: { id: 'debug-stop', color: YELLOW },
  stopped: { id: 'stop-circle', color: GREY },
};

export function taskNode(scope: Scope, clusterName: string, t: Task): NodeSpec {
  const state = f.taskState(t);
  const id = f.arnName(t.taskArn);
  const unhealthy = t.healthStatus === 'UNHEALTHY';
  const fr = f.familyAndRevision(t.taskDefinitionArn);
  const resource: Resource = {
    kind: 'task',
    ...base(scope),
    arn: t.taskArn,
    taskArn: t.taskArn,
    clusterArn: t.clusterArn,
    clusterName,
    serviceName: f.taskService(t),
    taskDefinitionArn: t.taskDefinitionArn,
    family: fr?.family,
    revision: fr?.revision,
  };
  const containers = t.containers ?? [];
  return {
    key: `task:${t.taskArn}`,
    label: id,
    description: f.taskSummary(t),
    tooltip: [
      t.taskArn,
      l10n.t`Started by: ${f.taskOrigin(t)}`,
      l10n.t`Status: ${t.lastStatus ?? '?'} (desired ${t.desiredStatus ?? '?'})`,
      t.stoppedReason ? (t.stopCode ? l10n.t`Stopped: ${t.stoppedReason} (${t.stopCode})` : l10n.t`Stopped: ${t.stoppedReason}`) : undefined,
      t.cpu || t.memory ? l10n.t`CPU ${t.cpu ?? '?'} · memory ${t.memory ?? '?'}` : undefined,
      t.availabilityZone,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: unhealthy ? { id: 'warning', color: RED } : TASK_ICON[state],
    contextValue: contextValueFor('task', state),
    resource,
    children: { kind: 'list', empty: l10n.t('No containers'), load: async () => containers.map((c) => containerNode(resource, c)) },
  };
}

export function containerNode(task: Resource, c: Container): NodeSpec {
  const state = f.containerState(c);
  const failed = state === 'stopped' && c.exitCode !== undefined && c.exitCode !== 0;
  return {
    key: `container:${c.name}`,
    label: c.name ?? '(container)',
    description: f.containerSummary(c),
    tooltip: [c.containerArn, c.image, c.imageDigest, c.reason].filter(Boolean).join('\n'),
    icon: failed ? { id: 'error', color: RED } : state === 'running' ? { id: 'package', color: GREEN } : { id: 'package', color: GREY },
    contextValue: contextValueFor('container', state),
    resource: { ...task, kind: 'container', arn: c.containerArn, containerName: c.name, image: c.image, imageDigest: c.imageDigest },
  };
}

// ---------------------------------------------------------------------------------------------
// Task definitions

export function familyNode(scope: Scope, family: string): NodeSpec {
  const source = (ctx: LoadContext) =>
    chainPages(
      (token) => loaders.listTaskDefinitionRevisions(ctx, family, 'ACTIVE', token),
      (token) => loaders.listTaskDefinitionRevisions(ctx, family, 'INACTIVE', token),
    );
  return {
    key: `family:${family}`,
    label: family,
    icon: { id: 'symbol-class' },
    contextValue: contextValueFor('taskDefinitionFamily', 'active'),
    resource: { kind: 'taskDefinitionFamily', ...base(scope), family },
    children: {
      kind: 'paged',
      empty: l10n.t('No revisions'),
      load: async (ctx, token) => mapPage(await source(ctx)(token), (r) => revisionNode(scope, r)),
    },
  };
}

export function revisionNode(scope: Scope, r: loaders.RevisionRef): NodeSpec {
  const resource: Resource = {
    kind: 'taskDefinitionRevision',
    ...base(scope),
    arn: r.arn,
    taskDefinitionArn: r.arn,
    family: r.family,
    revision: r.revision,
  };
  return {
    key: `revision:${r.arn}`,
    label: `${r.family}:${r.revision}`,
    description: r.status,
    tooltip: l10n.t`${r.arn}\nClick to open it as registrable JSON (read-only).`,
    icon: r.status === 'ACTIVE' ? { id: 'file-code' } : { id: 'file-code', color: GREY },
    contextValue: contextValueFor('taskDefinitionRevision', r.status === 'ACTIVE' ? 'active' : 'inactive'),
    resource,
    command: { command: 'ecsWorkbench.openTaskDefinition', title: l10n.t('Open Task Definition'), args: [{ resource }] },
  };
}

// ---------------------------------------------------------------------------------------------
// ECR

export function repositoryNode(scope: Scope, r: Repository): NodeSpec {
  const name = r.repositoryName ?? f.arnName(r.repositoryArn);
  const mutability = r.imageTagMutability ?? 'MUTABLE';
  const scan = r.imageScanningConfiguration?.scanOnPush ? l10n.t('scan on push') : l10n.t('no scan on push');
  const resource: Resource = {
    kind: 'repository',
    ...base(scope),
    arn: r.repositoryArn,
    repositoryArn: r.repositoryArn,
    repositoryName: name,
    repositoryUri: r.repositoryUri,
  };
  return {
    key: `repository:${name}`,
    label: name,
    description: `${mutability === 'IMMUTABLE' ? l10n.t('immutable tags') : l10n.t('mutable tags')} · ${scan}`,
    tooltip: [
      r.repositoryUri ?? '',
      l10n.t`Tags: ${mutability}`,
      r.imageScanningConfiguration?.scanOnPush ? l10n.t('Scan on push: yes') : l10n.t('Scan on push: no'),
      r.createdAt ? l10n.t`Created ${new Date(r.createdAt).toISOString()}` : undefined,
    ].filter((line) => line !== undefined).join('\n'),
    icon: { id: 'repo' },
    contextValue: contextValueFor('repository', mutability.startsWith('IMMUTABLE') ? 'immutable' : 'mutable'),
    resource,
    children: {
      kind: 'paged',
      empty: l10n.t('No images'),
      pageSize: loaders.IMAGE_PAGE_SIZE,
      load: async (ctx, token) => {
        const page = await loaders.listImages(ctx, name, token, ctx.pageSize);
        return { items: page.items.map((i) => imageNode(resource, i)), nextToken: page.nextToken };
      },
      arrange: arrangeImages,
    },
  };
}

const PUSHED_AT = Symbol('pushedAt');
type ImageSpec = NodeSpec & { [PUSHED_AT]?: number };

export function imageNode(repository: Resource, i: ImageDetail): NodeSpec {
  const tagged = (i.imageTags?.length ?? 0) > 0;
  const uri = repository.repositoryUri;
  const spec: ImageSpec = {
    key: `image:${i.imageDigest}`,
    label: f.imageLabel(i),
    description: f.imageSummary(i),
    tooltip: [
      uri && (tagged ? `${uri}:${i.imageTags![0]}` : `${uri}@${i.imageDigest}`),
      i.imageDigest,
      i.imagePushedAt ? l10n.t`Pushed ${new Date(i.imagePushedAt).toISOString()}` : undefined,
      i.imageSizeInBytes !== undefined ? l10n.t`Size ${f.formatBytes(i.imageSizeInBytes)}` : undefined,
      f.imageScanText(i) || undefined,
      i.imageManifestMediaType,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: tagged ? { id: 'tag' } : { id: 'circle-outline', color: GREY },
    contextValue: contextValueFor('image', tagged ? 'tagged' : 'untagged'),
    resource: {
      ...repository,
      kind: 'image',
      arn: undefined,
      imageDigest: i.imageDigest,
      imageTags: i.imageTags ?? [],
    },
    [PUSHED_AT]: i.imagePushedAt ? new Date(i.imagePushedAt).getTime() : undefined,
  };
  return spec;
}

/** Newest first; untagged images grouped under one node at the end. Applied to all loaded pages. */
export function arrangeImages(items: readonly NodeSpec[]): NodeSpec[] {
  const sorted = [...(items as ImageSpec[])].sort((a, b) => {
    const ta = a[PUSHED_AT] ?? -Infinity;
    const tb = b[PUSHED_AT] ?? -Infinity;
    return tb - ta || a.key.localeCompare(b.key);
  });
  const tagged = sorted.filter((s) => s.contextValue.endsWith('.tagged'));
  const untagged = sorted.filter((s) => !s.contextValue.endsWith('.tagged'));
  if (untagged.length === 0) return tagged;
  return [
    ...tagged,
    {
      key: 'untagged',
      label: l10n.t('Untagged images'),
      description: String(untagged.length),
      tooltip: l10n.t('Images without a tag (e.g. replaced by a newer push of the same tag). Select several to delete them.'),
      icon: { id: 'archive', color: GREY },
      contextValue: nodeContextValue('group', 'untaggedImages'),
      children: { kind: 'list', empty: l10n.t('No untagged images'), load: async () => untagged },
    },
  ];
}
