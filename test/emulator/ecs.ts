// Amazon ECS operations (AmazonEC2ContainerServiceV20141113.*) over the in-memory state.
import { ApiError, clientException, invalidParameter } from './errors';
import type { Handler, OpContext } from './context';
import {
  clusterView,
  containerInstanceView,
  serviceView,
  tagsOut,
  taskDefinitionView,
  taskView,
} from './ecsViews';
import { launchTask, placeTask, reconcileService, requestStop } from './scheduler';
import { startDeployment } from './serviceDeployments';
import { serviceDeploymentHandlers } from './ecsDeployments';
import { describeInCluster, describeMany, findCluster, findService } from './lookup';

export { findCluster };
import { deploymentConfigurationFrom } from './strategies';
import {
  ClusterRec,
  ContainerInstanceRec,
  RegionState,
  ServiceRec,
  Tag,
  TaskDefRec,
  TaskRec,
  nameFromArnOrName,
  paginate,
} from './state';
import { isValidFargatePair, parseCpu, parseMemory, validateRegisterTaskDefinition } from './taskdefValidation';

// ---------------------------------------------------------------- lookups

function findTaskDef(ctx: OpContext, ref: unknown): TaskDefRec {
  if (typeof ref !== 'string' || ref === '') throw clientException('TaskDefinition should not be null or empty.');
  const td = ctx.core.taskDef(ctx.state, ref);
  if (!td) throw clientException('Unable to describe task definition.');
  return td;
}

function taskId(ref: string): string {
  return nameFromArnOrName(ref);
}

// ---------------------------------------------------------------- helpers for creation

function normalizeTags(tags: unknown): Tag[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) throw invalidParameter('Tags must be a list.');
  if (tags.length > 50) throw invalidParameter('Too many tags. A resource can have at most 50 tags.');
  return tags.map((t: any) => {
    if (typeof t?.key !== 'string' || t.key.length < 1 || t.key.length > 128) throw invalidParameter('Tag keys must be between 1 and 128 characters.');
    if (t.key.toLowerCase().startsWith('aws:')) throw invalidParameter('Tag keys cannot start with the reserved prefix aws:.');
    return { key: t.key, value: String(t.value ?? '') };
  });
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const map = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) map.set(t.key, t.value);
  return [...map].map(([key, value]) => ({ key, value }));
}

export function createClusterRec(state: RegionState, name: string, now: number, extra: Partial<ClusterRec> = {}): ClusterRec {
  const existing = state.clusters.get(name);
  if (existing && existing.status === 'ACTIVE') return existing;
  const cluster: ClusterRec = {
    name,
    arn: state.clusterArn(name),
    status: 'ACTIVE',
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: [],
    createdAt: now,
    ...extra,
  };
  state.clusters.set(name, cluster);
  return cluster;
}

export function registerTaskDefinitionRec(state: RegionState, input: Record<string, any>, now: number): TaskDefRec {
  validateRegisterTaskDefinition(input);
  const { tags, ...body } = input;
  const revisions = state.taskDefinitions.get(body.family) ?? [];
  const revision = revisions.length === 0 ? 1 : revisions[revisions.length - 1].revision + 1;
  const cpu = parseCpu(body.cpu);
  const memory = parseMemory(body.memory);
  if (cpu !== undefined) body.cpu = String(cpu);
  if (memory !== undefined) body.memory = String(memory);
  const compatibilities = ['EC2'];
  if ((body.networkMode ?? 'bridge') === 'awsvpc' && cpu !== undefined && memory !== undefined && isValidFargatePair(cpu, memory)) compatibilities.push('FARGATE');
  const td: TaskDefRec = {
    family: body.family,
    revision,
    arn: state.arn('ecs', `task-definition/${body.family}:${revision}`),
    status: 'ACTIVE',
    body: structuredClone(body),
    compatibilities,
    registeredAt: now,
    tags: normalizeTags(tags),
  };
  revisions.push(td);
  state.taskDefinitions.set(body.family, revisions);
  return td;
}

function checkLaunchType(td: TaskDefRec, launchType: string): void {
  if (launchType === 'FARGATE' && !td.compatibilities.includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
}

function checkNetwork(td: TaskDefRec, networkConfiguration: any): void {
  if ((td.body.networkMode ?? 'bridge') === 'awsvpc' && !networkConfiguration?.awsvpcConfiguration) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const subnets = networkConfiguration?.awsvpcConfiguration?.subnets;
  if (networkConfiguration?.awsvpcConfiguration && (!Array.isArray(subnets) || subnets.length === 0)) {
    throw invalidParameter('subnets can not be empty.');
  }
}

export function createServiceRec(ctx: OpContext, input: any): ServiceRec {
  const cluster = findCluster(ctx.state, input.cluster);
  const name = input.serviceName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw invalidParameter('Invalid service name: it must be 1-255 letters, numbers, hyphens and underscores.');
  if (ctx.state.services.some((s) => s.clusterName === cluster.name && s.name === name && s.status !== 'INACTIVE')) {
    throw invalidParameter('Creation of service was not idempotent.');
  }
  const td = findTaskDef(ctx, input.taskDefinition);
  if (td.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
  const launchType = input.launchType ?? (input.capacityProviderStrategy ? 'FARGATE' : 'EC2');
  checkLaunchType(td, launchType);
  checkNetwork(td, input.networkConfiguration);
  if (input.schedulingStrategy === 'DAEMON' && launchType !== 'EC2') throw invalidParameter('The daemon scheduling strategy is only supported with the EC2 launch type.');
  if (input.schedulingStrategy === 'DAEMON' && input.desiredCount !== undefined) throw invalidParameter('The daemon scheduling strategy does not support a desired count for services.');
  const desiredCount = input.schedulingStrategy === 'DAEMON' ? daemonCount(ctx.state, cluster.name) : (input.desiredCount ?? 0);
  if (!Number.isInteger(desiredCount) || desiredCount < 0) throw invalidParameter('desiredCount must be a non-negative integer.');
  const svc: ServiceRec = {
    name,
    arn: ctx.state.arn('ecs', `service/${cluster.name}/${name}`),
    clusterName: cluster.name,
    status: 'ACTIVE',
    desiredCount,
    taskDefinition: td.arn,
    launchType,
    schedulingStrategy: input.schedulingStrategy ?? 'REPLICA',
    deploymentConfiguration: deploymentConfigurationFrom(input.deploymentConfiguration, undefined, input.schedulingStrategy === 'DAEMON'),
    deployments: [],
    events: [],
    createdAt: ctx.now,
    tags: normalizeTags(input.tags),
    networkConfiguration: input.networkConfiguration,
    loadBalancers: input.loadBalancers ?? [],
    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
    enableExecuteCommand: !!input.enableExecuteCommand,
    enableECSManagedTags: !!input.enableECSManagedTags,
    propagateTags: input.propagateTags,
    deploymentController: deploymentControllerFrom(input.deploymentController),
    serviceConnectConfiguration: input.serviceConnectConfiguration,
    steady: false,
    serviceDeployments: [],
    revisions: [],
  };
  ctx.state.services.push(svc);
  startDeployment(ctx.state, svc, td.arn, ctx.now);
  return svc;
}

function deploymentControllerFrom(input: any): ServiceRec['deploymentController'] {
  const type = input?.type ?? 'ECS';
  if (type !== 'ECS' && type !== 'CODE_DEPLOY' && type !== 'EXTERNAL') throw invalidParameter(`Invalid deployment controller type: ${String(type)}.`);
  return type;
}

function daemonCount(state: RegionState, clusterName: string): number {
  return state.containerInstances.filter((ci) => ci.clusterName === clusterName && ci.status === 'ACTIVE').length;
}

export function updateServiceRec(ctx: OpContext, input: any): ServiceRec {
  const cluster = findCluster(ctx.state, input.cluster);
  if (typeof input.service !== 'string') throw invalidParameter('Service should not be null or empty.');
  const svc = findService(ctx.state, cluster, input.service);
  let redeploy = !!input.forceNewDeployment;
  let taskDefinition = svc.taskDefinition;
  if (input.taskDefinition !== undefined && svc.deploymentController !== 'ECS') {
    // As ECS answers: CodeDeploy and external controllers deploy through task sets, not UpdateService.
    throw invalidParameter(
      svc.deploymentController === 'CODE_DEPLOY'
        ? 'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.'
        : 'Unable to update task definition on services with an EXTERNAL deployment controller. Please use Task Set API to update the task definition.',
    );
  }
  if (input.taskDefinition !== undefined) {
    const td = findTaskDef(ctx, input.taskDefinition);
    if (td.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
    checkLaunchType(td, svc.launchType);
    checkNetwork(td, input.networkConfiguration ?? svc.networkConfiguration);
    if (td.arn !== svc.taskDefinition) redeploy = true;
    taskDefinition = td.arn;
  }
  if (input.desiredCount !== undefined && svc.schedulingStrategy === 'DAEMON') throw invalidParameter('The daemon scheduling strategy does not support a desired count for services.');
  if (input.desiredCount !== undefined) {
    if (!Number.isInteger(input.desiredCount) || input.desiredCount < 0) throw invalidParameter('desiredCount must be a non-negative integer.');
    svc.desiredCount = input.desiredCount;
    svc.steady = false;
  }
  if (input.deploymentConfiguration) svc.deploymentConfiguration = deploymentConfigurationFrom(input.deploymentConfiguration, svc.deploymentConfiguration);
  if (input.loadBalancers !== undefined) svc.loadBalancers = input.loadBalancers;
  if (input.serviceConnectConfiguration !== undefined) svc.serviceConnectConfiguration = input.serviceConnectConfiguration;
  if (input.networkConfiguration) {
    svc.networkConfiguration = input.networkConfiguration;
    redeploy = true;
  }
  if (input.platformVersion !== undefined) redeploy = true;
  if (input.enableExecuteCommand !== undefined) svc.enableExecuteCommand = !!input.enableExecuteCommand;
  if (input.healthCheckGracePeriodSeconds !== undefined) svc.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  if (input.propagateTags !== undefined) svc.propagateTags = input.propagateTags;
  if (input.enableECSManagedTags !== undefined) svc.enableECSManagedTags = !!input.enableECSManagedTags;
  if (redeploy) startDeployment(ctx.state, svc, taskDefinition, ctx.now);
  else {
    const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
    if (primary) {
      primary.desiredCount = svc.desiredCount;
      primary.updatedAt = ctx.now;
    }
  }
  return svc;
}

// ---------------------------------------------------------------- operations

function findTaskRec(state: RegionState, cluster: ClusterRec, ref: string): TaskRec | undefined {
  const id = taskId(ref);
  return state.tasks.find((t) => t.clusterName === cluster.name && t.id === id);
}

function resourceByArn(ctx: OpContext, arn: unknown): { tags: Tag[] } {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw invalidParameter('The ARN is not valid.');
  const resource = arn.split(':').slice(5).join(':');
  const [kind, ...rest] = resource.split('/');
  const state = ctx.state;
  let found: { tags: Tag[] } | undefined;
  if (kind === 'cluster') found = state.clusters.get(rest[0]);
  else if (kind === 'service') found = state.services.find((s) => s.arn === arn && s.status !== 'INACTIVE') ?? state.services.find((s) => s.name === rest[rest.length - 1] && (rest.length === 1 || s.clusterName === rest[0]));
  else if (kind === 'task-definition') found = ctx.core.taskDef(state, rest.join('/'));
  else if (kind === 'task') found = state.tasks.find((t) => t.id === rest[rest.length - 1]);
  else if (kind === 'container-instance') found = state.containerInstances.find((c) => c.arn === arn);
  if (!found) throw new ApiError('ResourceNotFoundException', 'The specified resource could not be found.');
  return found;
}

export const ecsHandlers: Record<string, Handler> = {
  ...serviceDeploymentHandlers,
  ListClusters(input, ctx) {
    const arns = [...ctx.state.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.arn);
    const page = paginate(arns, input.maxResults, input.nextToken, 100, 100);
    return { clusterArns: page.items, nextToken: page.nextToken };
  },

  DescribeClusters(input, ctx) {
    const refs: string[] = input.clusters ?? ['default'];
    if (!Array.isArray(refs)) throw invalidParameter('clusters must be a list.');
    if (refs.length > 100) throw invalidParameter('clusters can have at most 100 items.');
    const { found, failures } = describeMany(
      refs,
      (ref) => {
        const c = ctx.state.clusters.get(nameFromArnOrName(ref));
        return c && c.status === 'ACTIVE' ? c : undefined;
      },
      (ref) => (ref.startsWith('arn:') ? ref : ctx.state.clusterArn(ref)),
    );
    return { clusters: found.map((c) => clusterView(ctx, c, input.include ?? [])), failures };
  },

  CreateCluster(input, ctx) {
    const name = input.clusterName ?? 'default';
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw invalidParameter('Cluster name can have up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.');
    const cluster = createClusterRec(ctx.state, name, ctx.now, {
      tags: normalizeTags(input.tags),
      settings: input.settings ?? [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: input.capacityProviders ?? [],
    });
    return { cluster: clusterView(ctx, cluster, ['TAGS', 'SETTINGS']) };
  },

  DeleteCluster(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    if (ctx.state.services.some((s) => s.clusterName === cluster.name && s.status !== 'INACTIVE')) {
      throw new ApiError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    }
    if (ctx.state.tasks.some((t) => t.clusterName === cluster.name && t.lastStatus !== 'STOPPED')) {
      throw new ApiError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
    }
    if (ctx.state.containerInstances.some((ci) => ci.clusterName === cluster.name)) {
      throw new ApiError('ClusterContainsContainerInstancesException', 'The Cluster cannot be deleted while Container Instances are active or draining.');
    }
    cluster.status = 'INACTIVE';
    return { cluster: clusterView(ctx, cluster) };
  },

  ListServices(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    const arns = ctx.state.services
      .filter((s) => s.clusterName === cluster.name && s.status !== 'INACTIVE')
      .filter((s) => !input.launchType || s.launchType === input.launchType)
      .filter((s) => !input.schedulingStrategy || s.schedulingStrategy === input.schedulingStrategy)
      .map((s) => s.arn);
    const page = paginate(arns, input.maxResults, input.nextToken, 10, 100);
    return { serviceArns: page.items, nextToken: page.nextToken };
  },

  DescribeServices(input, ctx) {
    const { found, failures } = describeInCluster(ctx.state, input.cluster, [input.services, 'Services', 10, 'service names'], 'service', (cluster, ref) => {
      const name = nameFromArnOrName(ref);
      const candidates = ctx.state.services.filter((s) => s.clusterName === cluster.name && s.name === name);
      return candidates.find((s) => s.status !== 'INACTIVE') ?? candidates[candidates.length - 1];
    });
    return { services: found.map((s) => serviceView(ctx, s, input.include ?? [])), failures };
  },

  CreateService(input, ctx) {
    const svc = createServiceRec(ctx, input);
    return { service: serviceView(ctx, svc, ['TAGS']) };
  },

  UpdateService(input, ctx) {
    const svc = updateServiceRec(ctx, input);
    return { service: serviceView(ctx, svc) };
  },

  DeleteService(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    if (typeof input.service !== 'string') throw invalidParameter('Service should not be null or empty.');
    const svc = findService(ctx.state, cluster, input.service, false);
    if (svc.status !== 'ACTIVE') throw new ApiError('ServiceNotActiveException', 'Service was not ACTIVE.');
    if (svc.desiredCount > 0 && !input.force) throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
    svc.desiredCount = 0;
    svc.status = 'DRAINING';
    reconcileService(ctx.state, svc, ctx.now, ctx.core);
    return { service: serviceView(ctx, svc) };
  },

  ListTasks(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    if (input.serviceName !== undefined) findService(ctx.state, cluster, input.serviceName, false);
    const desired = input.desiredStatus ?? 'RUNNING';
    const ci = input.containerInstance ? nameFromArnOrName(input.containerInstance) : undefined;
    const arns = ctx.state.tasks
      .filter((t) => t.clusterName === cluster.name && t.desiredStatus === desired)
      .filter((t) => !input.serviceName || t.serviceName === nameFromArnOrName(input.serviceName))
      .filter((t) => !input.family || ctx.core.taskDef(ctx.state, t.taskDefinitionArn)?.family === input.family)
      .filter((t) => !input.startedBy || t.startedBy === input.startedBy)
      .filter((t) => !input.launchType || t.launchType === input.launchType)
      .filter((t) => !ci || (t.containerInstanceArn !== undefined && nameFromArnOrName(t.containerInstanceArn) === ci))
      .map((t) => t.arn);
    const page = paginate(arns, input.maxResults, input.nextToken, 100, 100);
    return { taskArns: page.items, nextToken: page.nextToken };
  },

  DescribeTasks(input, ctx) {
    const { found, failures } = describeInCluster(ctx.state, input.cluster, [input.tasks, 'Tasks', 100, 'tasks'], 'task', (cluster, ref) => findTaskRec(ctx.state, cluster, ref));
    return { tasks: found.map((t) => taskView(ctx, t, input.include ?? [])), failures };
  },

  RunTask(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    const td = findTaskDef(ctx, input.taskDefinition);
    if (td.status !== 'ACTIVE') throw clientException('TaskDefinition is inactive');
    const count = input.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 10) throw invalidParameter('count must be between 1 and 10.');
    const launchType = input.launchType ?? (input.capacityProviderStrategy ? 'FARGATE' : 'EC2');
    checkLaunchType(td, launchType);
    checkNetwork(td, input.networkConfiguration);
    if (launchType === 'EC2' && !ctx.state.containerInstances.some((ci) => ci.clusterName === cluster.name && ci.status === 'ACTIVE')) {
      throw invalidParameter('No Container Instances were found in your cluster.');
    }
    const tasks: TaskRec[] = [];
    const failures: { arn?: string; reason: string }[] = [];
    for (let i = 0; i < count; i++) {
      let containerInstance: ContainerInstanceRec | undefined;
      if (launchType === 'EC2') {
        const placed = placeTask(ctx.state, cluster.name, td);
        if (!placed.instance) {
          failures.push({ arn: placed.closest?.arn, reason: placed.failure! });
          continue;
        }
        containerInstance = placed.instance;
      }
      tasks.push(
        launchTask(ctx.state, ctx.now, ctx.core.oracle, {
          containerInstance,
          clusterName: cluster.name,
          taskDef: td,
          launchType,
          group: input.group ?? `family:${td.family}`,
          startedBy: input.startedBy,
          enableExecuteCommand: !!input.enableExecuteCommand,
          tags: normalizeTags(input.tags),
          overrides: input.overrides,
        }),
      );
    }
    return { tasks: tasks.map((t) => taskView(ctx, t, ['TAGS'])), failures };
  },

  StopTask(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    if (typeof input.task !== 'string' || input.task === '') throw invalidParameter('Task should not be null or empty.');
    const task = findTaskRec(ctx.state, cluster, input.task);
    if (!task) throw invalidParameter('The referenced task was not found.');
    requestStop(task, ctx.now, input.reason ?? 'Task stopped by user', 'UserInitiated');
    return { task: taskView(ctx, task) };
  },

  ListTaskDefinitionFamilies(input, ctx) {
    const status = input.status ?? 'ACTIVE';
    const families = [...ctx.state.taskDefinitions.entries()]
      .filter(([family]) => !input.familyPrefix || family.startsWith(input.familyPrefix))
      .filter(([, revs]) => {
        const active = revs.some((r) => r.status === 'ACTIVE');
        return status === 'ALL' || (status === 'ACTIVE' ? active : !active);
      })
      .map(([family]) => family)
      .sort();
    const page = paginate(families, input.maxResults, input.nextToken, 100, 100);
    return { families: page.items, nextToken: page.nextToken };
  },

  ListTaskDefinitions(input, ctx) {
    const status = input.status ?? 'ACTIVE';
    let all: TaskDefRec[] = [];
    for (const [family, revs] of [...ctx.state.taskDefinitions.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (input.familyPrefix && family !== input.familyPrefix) continue;
      all.push(...revs.filter((r) => r.status === status));
    }
    if (input.sort === 'DESC') all = all.reverse();
    const page = paginate(all.map((t) => t.arn), input.maxResults, input.nextToken, 100, 100);
    return { taskDefinitionArns: page.items, nextToken: page.nextToken };
  },

  DescribeTaskDefinition(input, ctx) {
    const td = findTaskDef(ctx, input.taskDefinition);
    const out: Record<string, unknown> = { taskDefinition: taskDefinitionView(td) };
    if ((input.include ?? []).includes('TAGS')) out.tags = tagsOut(td.tags);
    return out;
  },

  RegisterTaskDefinition(input, ctx) {
    const td = registerTaskDefinitionRec(ctx.state, input, ctx.now);
    return { taskDefinition: taskDefinitionView(td), tags: tagsOut(td.tags) };
  },

  DeregisterTaskDefinition(input, ctx) {
    const ref = input.taskDefinition;
    if (typeof ref !== 'string' || ref === '') throw clientException('TaskDefinition should not be null or empty.');
    if (!nameFromArnOrName(ref).includes(':')) throw clientException('Invalid revision number. Number: ' + (ref.split(':')[1] ?? ''));
    const td = ctx.core.taskDef(ctx.state, ref);
    if (!td) throw clientException('The specified task definition does not exist.');
    if (td.status === 'ACTIVE') {
      td.status = 'INACTIVE';
      td.deregisteredAt = ctx.now;
    }
    return { taskDefinition: taskDefinitionView(td) };
  },

  ListContainerInstances(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    const arns = ctx.state.containerInstances
      .filter((ci) => ci.clusterName === cluster.name && (!input.status || ci.status === input.status))
      .map((ci) => ci.arn);
    const page = paginate(arns, input.maxResults, input.nextToken, 100, 100);
    return { containerInstanceArns: page.items, nextToken: page.nextToken };
  },

  DescribeContainerInstances(input, ctx) {
    const { found, failures } = describeInCluster(ctx.state, input.cluster, [input.containerInstances, 'ContainerInstances', 100, 'containerInstances'], 'container-instance',
      (cluster, ref) => ctx.state.containerInstances.find((ci) => ci.clusterName === cluster.name && nameFromArnOrName(ci.arn) === nameFromArnOrName(ref)));
    return { containerInstances: found.map((ci) => containerInstanceView(ctx, ci, input.include ?? [])), failures };
  },

  TagResource(input, ctx) {
    const resource = resourceByArn(ctx, input.resourceArn);
    resource.tags = mergeTags(resource.tags, normalizeTags(input.tags));
    return {};
  },

  UntagResource(input, ctx) {
    const resource = resourceByArn(ctx, input.resourceArn);
    const keys: string[] = input.tagKeys ?? [];
    resource.tags = resource.tags.filter((t) => !keys.includes(t.key));
    return {};
  },

  ListTagsForResource(input, ctx) {
    const resource = resourceByArn(ctx, input.resourceArn);
    return { tags: tagsOut(resource.tags) };
  },
};

