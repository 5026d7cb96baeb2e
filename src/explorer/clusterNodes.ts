// Cluster nodes and their groups (services, tasks, container instances). Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { Cluster, ContainerInstance } from '@aws-sdk/client-ecs';
import { contextValueFor, newResource, nodeContextValue } from './resources';
import * as f from './format';
import { resourceName } from '../domain/arn';
import * as loaders from './loaders';
import { ICON_COLORS, groupNode, groupRows, mapPage, type NodeSpec, type Scope } from './model';
import { serviceNode } from './serviceNodes';
import { tasksSource } from './taskNodes';

const { GREEN, RED, YELLOW, GREY } = ICON_COLORS;

export function clusterNode(scope: Scope, c: Cluster): NodeSpec {
  const name = c.clusterName ?? resourceName(c.clusterArn);
  const clusterArn = c.clusterArn ?? name;
  const resource = newResource.cluster(scope, { clusterArn: c.clusterArn, clusterName: name });
  const state = f.clusterState(c);
  return {
    key: `cluster:${clusterArn}`,
    label: name,
    description: f.clusterSummary(c),
    tooltip: l10n.t`${c.clusterArn ?? name}\nStatus: ${c.status ?? l10n.t('unknown')}\n${f.clusterSummary(c)}`,
    icon: { id: 'server-environment', color: state === 'active' ? undefined : state === 'failed' ? RED : GREY },
    contextValue: contextValueFor('cluster', state),
    resource,
    // Described again to update its counts after a change below it (scale, stop task, deploy).
    reload: async (ctx) => {
      const [fresh] = await loaders.describeClustersByArn(ctx, [clusterArn]);
      return fresh && fresh.status !== 'INACTIVE' ? clusterNode(scope, fresh) : undefined;
    },
    children: groupRows(() => [
      groupNode('services', 'Services', 'layers', resource, {
        kind: 'paged',
        empty: l10n.t('No services'),
        load: async (ctx, token) => mapPage(await loaders.listServices(ctx, clusterArn, token), (s) => serviceNode(scope, clusterArn, name, s)),
      }, { description: c.activeServicesCount !== undefined ? String(c.activeServicesCount) : undefined }),
      groupNode('tasks', 'Tasks', 'checklist', resource, tasksSource(scope, { cluster: clusterArn, clusterName: name }), {
        description: f.taskCounts(c.runningTasksCount, c.pendingTasksCount),
        followsParent: true,
      }),
      groupNode('containerInstances', l10n.t('Container instances'), 'vm', resource, {
        kind: 'paged',
        empty: l10n.t('No EC2 container instances (Fargate only)'),
        load: async (ctx, token) =>
          mapPage(await loaders.listContainerInstances(ctx, clusterArn, token), (ci) => containerInstanceNode(scope, clusterArn, name, ci)),
      }, { description: c.registeredContainerInstancesCount !== undefined ? String(c.registeredContainerInstancesCount) : undefined }),
    ]),
  };
}


export function containerInstanceNode(scope: Scope, clusterArn: string, clusterName: string, ci: ContainerInstance): NodeSpec {
  const state = f.containerInstanceState(ci);
  const id = ci.ec2InstanceId ?? resourceName(ci.containerInstanceArn);
  const details = f.containerInstanceDetails(ci);
  const resource = newResource.containerInstance(scope, { containerInstanceArn: ci.containerInstanceArn, clusterArn, clusterName });
  return {
    key: `ci:${ci.containerInstanceArn}`,
    label: id,
    description: f.containerInstanceSummary(ci),
    tooltip: [ci.containerInstanceArn, f.containerInstanceSummary(ci), ...details.map((d) => `${d.label}: ${d.text}`), ci.statusReason].filter(Boolean).join('\n'),
    icon: { id: 'vm', color: state === 'active' ? (ci.agentConnected === false ? YELLOW : GREEN) : GREY },
    contextValue: contextValueFor('containerInstance', state),
    resource,
    // Agent and Docker versions, CPU and memory remaining against registered: what was read with the
    // instance (DescribeContainerInstances), no further call.
    children: {
      kind: 'list',
      empty: l10n.t('Nothing reported'),
      load: async () => details.map((d) => ({
        key: `ci:${ci.containerInstanceArn}:${d.key}`,
        label: d.label,
        description: d.text,
        tooltip: `${d.label}: ${d.text}`,
        icon: { id: INSTANCE_DETAIL_ICONS[d.key] ?? 'info' },
        contextValue: nodeContextValue('detail', 'containerInstance'),
      })),
    },
  };
}

const INSTANCE_DETAIL_ICONS: Record<string, string> = { agent: 'plug', docker: 'package', cpu: 'pulse', memory: 'server' };
