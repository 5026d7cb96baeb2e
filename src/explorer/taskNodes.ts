// Task and container nodes, and the "Tasks" lists of clusters and services (running, then recently
// stopped). Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { Container, Task } from '@aws-sdk/client-ecs';
import { contextValueFor, newResource, type ResourceOfKind } from './resources';
import * as f from './format';
import { resourceName } from '../domain/arn';
import * as loaders from './loaders';
import { ICON_COLORS, chainPages, mapPage, type ChildSource, type IconSpec, type LoadContext, type NodeSpec, type Scope } from './model';

const { GREEN, RED, BLUE, YELLOW, GREY } = ICON_COLORS;

export function tasksSource(scope: Scope, where: { cluster: string; clusterName: string; serviceName?: string }): ChildSource {
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
const TASK_ICON: Record<string, IconSpec> = {
  running: { id: 'play-circle', color: GREEN },
  pending: { id: 'loading', color: BLUE },
  stopping: { id: 'debug-stop', color: YELLOW },
  stopped: { id: 'stop-circle', color: GREY },
};

export function taskNode(scope: Scope, clusterName: string, t: Task): NodeSpec {
  const state = f.taskState(t);
  const id = resourceName(t.taskArn);
  const unhealthy = t.healthStatus === 'UNHEALTHY';
  const resource = newResource.task(scope, { taskArn: t.taskArn, clusterArn: t.clusterArn, clusterName, serviceName: f.taskService(t), taskDefinitionArn: t.taskDefinitionArn });
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
    // Followed until it settles: a task being stopped (DEACTIVATING, STOPPING, ...) or starting.
    autoRefresh: state === 'stopping' || state === 'pending',
    ...(t.taskArn && t.clusterArn ? taskReload(scope, clusterName, t.clusterArn, t.taskArn) : {}),
    children: { kind: 'list', empty: l10n.t('No containers'), load: async () => containers.map((c) => containerNode(resource, c)) },
  };
}

/** Describes a task again, the tasks of one cluster together (DescribeTasks takes 100). */
function taskReload(scope: Scope, clusterName: string, clusterArn: string, taskArn: string): Pick<NodeSpec, 'reload' | 'reloadBatch'> {
  const reloadAll = async (ctx: LoadContext, ids: readonly string[]): Promise<Map<string, NodeSpec>> => {
    const fresh = new Map<string, NodeSpec>();
    for (const t of await loaders.describeTasksByArn(ctx, clusterArn, ids)) if (t.taskArn && ids.includes(t.taskArn)) fresh.set(t.taskArn, taskNode(scope, clusterName, t));
    return fresh;
  };
  return {
    reload: async (ctx) => (await reloadAll(ctx, [taskArn])).get(taskArn),
    reloadBatch: { group: `tasks:${clusterArn}`, id: taskArn, reloadAll },
  };
}

export function containerNode(task: ResourceOfKind<'task'>, c: Container): NodeSpec {
  const state = f.containerState(c);
  const failed = state === 'stopped' && c.exitCode !== undefined && c.exitCode !== 0;
  return {
    key: `container:${c.name}`,
    label: c.name ?? '(container)',
    description: f.containerSummary(c),
    tooltip: [c.containerArn, c.image, c.imageDigest, c.reason].filter(Boolean).join('\n'),
    icon: failed ? { id: 'error', color: RED } : state === 'running' ? { id: 'package', color: GREEN } : { id: 'package', color: GREY },
    contextValue: contextValueFor('container', state),
    resource: newResource.container(task, c),
  };
}

