// Service nodes with their deployments and events, and how auto-refresh describes them again.
// Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { Deployment, Service, ServiceEvent } from '@aws-sdk/client-ecs';
import { contextValueFor, newResource, nodeContextValue, type ResourceOfKind } from './resources';
import * as f from './format';
import { resourceName } from '../domain/arn';
import { deploymentRolloutState, lastDeploymentEnd } from '../domain/deploymentState';
import * as loaders from './loaders';
import { ICON_COLORS, chainPages, groupNode, groupRows, mapPage, type LoadContext, type NodeSpec, type Scope } from './model';
import { rolloutIcon } from './stateIcons';
import { serviceDeploymentNode } from './serviceDeploymentNodes';
import { tasksSource } from './taskNodes';

const { YELLOW } = ICON_COLORS;

/** Service deployments per page of a Deployments node's history. */
export const HISTORY_PAGE_SIZE = 10;

// Services

export function serviceNode(scope: Scope, clusterArn: string, clusterName: string, s: Service): NodeSpec {
  const state = f.serviceState(s);
  const name = s.serviceName ?? resourceName(s.serviceArn);
  const resource = newResource.service(scope, { clusterArn, clusterName, serviceName: name, serviceArn: s.serviceArn, taskDefinitionArn: s.taskDefinition });
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
  const hasServiceDeployments = (s.deploymentController?.type ?? 'ECS') === 'ECS';
  const currentArn = s.currentServiceDeployment;
  const tasksDescription = f.taskCounts(s.runningCount, s.pendingCount);
  const primary = f.primaryDeployment(s);
  const lastEnd = state === 'rolledback' || state === 'failed' ? lastDeploymentEnd(s) : undefined;
  return {
    key: `service:${s.serviceArn ?? name}`,
    label: name,
    description: f.serviceSummary(s),
    tooltip: [
      s.serviceArn,
      s.pendingCount
        ? l10n.t`Running ${s.runningCount ?? 0} of ${s.desiredCount ?? 0} desired, ${s.pendingCount} pending`
        : l10n.t`Running ${s.runningCount ?? 0} of ${s.desiredCount ?? 0} desired`,
      l10n.t`Task definition: ${resourceName(s.taskDefinition)}`,
      l10n.t`Launch type: ${s.launchType ?? s.capacityProviderStrategy?.map((c) => c.capacityProvider).join(', ') ?? l10n.t('default')}`,
      // Why the latest deployment rolled back or failed, with when, in ECS's words.
      lastEnd ? l10n.t`Last deployment ${f.lastEndText(lastEnd)} (${f.localTime(lastEnd.at)}): ${lastEnd.reason}` : undefined,
      primary?.rolloutState
        ? primary.rolloutStateReason
          ? l10n.t`Rollout: ${primary.rolloutState} (${primary.rolloutStateReason})`
          : l10n.t`Rollout: ${primary.rolloutState}`
        : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: rolloutIcon(f.serviceRolloutState(state)),
    contextValue: contextValueFor('service', state),
    resource,
    autoRefresh: state === 'deploying' || state === 'scaling',
    reload: async (ctx) => (await reloadServices(scope, clusterArn, clusterName, ctx, [serviceId])).get(serviceId),
    reloadBatch: {
      group: `services:${clusterArn}`,
      id: serviceId,
      reloadAll: (ctx, ids) => reloadServices(scope, clusterArn, clusterName, ctx, ids),
    },
    children: groupRows(() => [
      groupNode('deployments', 'Deployments', 'rocket', resource, {
        kind: 'paged',
        empty: l10n.t('No deployments'),
        // The deployments the service runs now (deployments[]), then its service deployments, newest
        // first, a page at a time ("Load more…"). Services on the CODE_DEPLOY or EXTERNAL controller have none.
        pageSize: HISTORY_PAGE_SIZE,
        load: (ctx, token) => chainPages(
          async () => ({ items: deployments.map((d) => deploymentNode(resource, d)) }),
          async (next) => hasServiceDeployments
            ? mapPage(await loaders.listServiceDeploymentHistory(ctx, clusterArn, name, next), (row) => serviceDeploymentNode(row, Date.now(), { service: resource, currentArn }))
            : { items: [] },
        )(token),
      }, {
        description: String(deployments.length),
        expanded: state === 'deploying' || state === 'failed' || state === 'rolledback',
        // Loaded again with the service's row (a deployment in progress changes both).
        followsParent: true,
      }),
      groupNode('tasks', 'Tasks', 'checklist', resource, tasksSource(scope, { cluster: clusterArn, clusterName, serviceName: name }), {
        description: tasksDescription,
        followsParent: true,
      }),
      groupNode('events', 'Events', 'list-flat', resource, {
        kind: 'list',
        empty: l10n.t('No events'),
        load: async () => events.map((e, i) => eventNode(e, i)),
      }, { description: events[0]?.createdAt ? l10n.t`latest ${f.relativeTime(events[0].createdAt)}` : undefined }),
    ]),
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

export function deploymentNode(service: ResourceOfKind<'service'>, d: Deployment): NodeSpec {
  return {
    key: `deployment:${d.id}`,
    label: `${d.status ?? 'DEPLOYMENT'} ${resourceName(d.taskDefinition)}`,
    description: f.deploymentSummary(d),
    tooltip: [d.id, l10n.t`Created ${f.localTime(d.createdAt) || '?'}`, d.rolloutStateReason].filter(Boolean).join('\n'),
    icon: rolloutIcon(deploymentRolloutState(d)),
    contextValue: contextValueFor('deployment', f.deploymentState(d)),
    resource: {
      ...newResource.deployment(service, d),
      details: {
        status: d.rolloutState ? `${d.status} (${d.rolloutState})` : d.status,
        tasks: f.deploymentSummary(d),
        startedAt: d.createdAt?.getTime(),
        reason: d.rolloutStateReason,
      },
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
    tooltip: `${f.localTime(e.createdAt)}\n${message}`,
    icon: warn ? { id: 'warning', color: YELLOW } : { id: 'info' },
    contextValue: nodeContextValue('empty', 'event'),
  };
}

