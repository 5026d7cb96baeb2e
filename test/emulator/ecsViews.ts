// Response views of ECS resources: the members and types of the API model's output shapes.
import type { OpContext } from './context';
import { instanceUsage } from './scheduler';
import { progressiveView } from './strategies';
import {
  ACCOUNT,
  ClusterRec,
  ContainerInstanceRec,
  DeploymentConfiguration,
  DeploymentRec,
  ServiceDeploymentRec,
  ServiceRec,
  Tag,
  TaskDefRec,
  TaskRec,
  seconds,
} from './state';

export const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/test`;

export function tagsOut(tags: Tag[]): Tag[] {
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

export function clusterView(ctx: OpContext, c: ClusterRec, include: string[] = []): Record<string, unknown> {
  const tasks = ctx.state.tasks.filter((t) => t.clusterName === c.name && t.lastStatus !== 'STOPPED');
  const view: Record<string, unknown> = {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: ctx.state.containerInstances.filter((ci) => ci.clusterName === c.name).length,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING').length,
    activeServicesCount: ctx.state.services.filter((s) => s.clusterName === c.name && s.status === 'ACTIVE').length,
    statistics: [],
    capacityProviders: c.capacityProviders,
    defaultCapacityProviderStrategy: [],
  };
  if (include.includes('TAGS')) view.tags = tagsOut(c.tags);
  if (include.includes('SETTINGS')) view.settings = c.settings;
  if (include.includes('STATISTICS')) {
    const services = ctx.state.services.filter((s) => s.clusterName === c.name && s.status === 'ACTIVE');
    const count = (lt: string, status: string): string => String(tasks.filter((t) => t.launchType === lt && t.lastStatus === status).length);
    view.statistics = [
      { name: 'runningEC2TasksCount', value: count('EC2', 'RUNNING') },
      { name: 'runningFargateTasksCount', value: count('FARGATE', 'RUNNING') },
      { name: 'pendingEC2TasksCount', value: count('EC2', 'PENDING') },
      { name: 'pendingFargateTasksCount', value: count('FARGATE', 'PENDING') },
      { name: 'activeEC2ServiceCount', value: String(services.filter((s) => s.launchType === 'EC2').length) },
      { name: 'activeFargateServiceCount', value: String(services.filter((s) => s.launchType === 'FARGATE').length) },
      { name: 'drainingEC2ServiceCount', value: '0' },
      { name: 'drainingFargateServiceCount', value: '0' },
    ];
  }
  return view;
}

export function deploymentCounts(ctx: OpContext, svc: ServiceRec, d: DeploymentRec): { running: number; pending: number } {
  let running = 0;
  let pending = 0;
  for (const t of ctx.state.tasks) {
    if (t.clusterName !== svc.clusterName || t.serviceName !== svc.name || t.deploymentId !== d.id || t.desiredStatus !== 'RUNNING') continue;
    if (t.lastStatus === 'RUNNING') running++;
    else if (t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING') pending++;
  }
  return { running, pending };
}

export function platform(launchType: string): { platformVersion?: string; platformFamily?: string } {
  return launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {};
}

export function deploymentConfigurationView(c: DeploymentConfiguration): Record<string, unknown> {
  const view: Record<string, unknown> = {
    deploymentCircuitBreaker: { ...c.deploymentCircuitBreaker },
    maximumPercent: c.maximumPercent,
    minimumHealthyPercent: c.minimumHealthyPercent,
    strategy: c.strategy ?? 'ROLLING',
  };
  if (c.alarms) view.alarms = c.alarms;
  if (c.bakeTimeInMinutes !== undefined) view.bakeTimeInMinutes = c.bakeTimeInMinutes;
  if (c.lifecycleHooks) view.lifecycleHooks = c.lifecycleHooks;
  if (c.linearConfiguration) view.linearConfiguration = c.linearConfiguration;
  if (c.canaryConfiguration) view.canaryConfiguration = c.canaryConfiguration;
  if (c.earlySuccessCriteria) view.earlySuccessCriteria = c.earlySuccessCriteria;
  return view;
}

export function serviceView(ctx: OpContext, svc: ServiceRec, include: string[] = []): Record<string, unknown> {
  let running = 0;
  let pending = 0;
  const deployments = svc.deployments.map((d) => {
    const counts = deploymentCounts(ctx, svc, d);
    running += counts.running;
    pending += counts.pending;
    return {
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desiredCount: d.desiredCount,
      pendingCount: counts.pending,
      runningCount: counts.running,
      failedTasks: d.failedTasks,
      createdAt: seconds(d.createdAt),
      updatedAt: seconds(d.updatedAt),
      launchType: d.launchType,
      ...platform(d.launchType),
      networkConfiguration: svc.networkConfiguration,
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
    };
  });
  const current = svc.deployments.find((d) => d.status === 'PRIMARY');
  const view: Record<string, unknown> = {
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: ctx.state.clusterArn(svc.clusterName),
    loadBalancers: svc.loadBalancers,
    serviceRegistries: [],
    status: svc.status,
    desiredCount: svc.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: svc.launchType,
    ...platform(svc.launchType),
    taskDefinition: svc.taskDefinition,
    deploymentConfiguration: deploymentConfigurationView(svc.deploymentConfiguration),
    deployments,
    events: svc.events.map((e) => ({ id: e.id, createdAt: seconds(e.createdAt), message: e.message })),
    createdAt: seconds(svc.createdAt),
    placementConstraints: [],
    placementStrategy: svc.launchType === 'EC2' ? [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] : [],
    networkConfiguration: svc.networkConfiguration,
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds,
    schedulingStrategy: svc.schedulingStrategy,
    deploymentController: { type: svc.deploymentController },
    serviceConnectConfiguration: svc.serviceConnectConfiguration,
    createdBy: USER_ARN,
    enableECSManagedTags: svc.enableECSManagedTags,
    propagateTags: svc.propagateTags ?? 'NONE',
    enableExecuteCommand: svc.enableExecuteCommand,
    availabilityZoneRebalancing: 'DISABLED',
  };
  if (current) {
    view.currentServiceDeployment = current.serviceDeploymentArn;
    view.currentServiceRevisions = svc.deployments.map((d) => {
      const counts = deploymentCounts(ctx, svc, d);
      return { arn: d.serviceRevisionArn, requestedTaskCount: d.desiredCount, runningTaskCount: counts.running, pendingTaskCount: counts.pending };
    });
  }
  if (include.includes('TAGS')) view.tags = tagsOut(svc.tags);
  return view;
}

export function taskView(ctx: OpContext, t: TaskRec, include: string[] = []): Record<string, unknown> {
  const ip = `10.0.${(parseInt(t.id.slice(0, 2), 16) % 200) + 1}.${(parseInt(t.id.slice(2, 4), 16) % 250) + 2}`;
  const eniAttachmentId = `${t.id.slice(0, 8)}-${t.id.slice(8, 12)}-${t.id.slice(12, 16)}-${t.id.slice(16, 20)}-${t.id.slice(20, 32)}`;
  const td = ctx.core.taskDef(ctx.state, t.taskDefinitionArn);
  const view: Record<string, unknown> = {
    attachments: t.awsvpc
      ? [
          {
            id: eniAttachmentId,
            type: 'ElasticNetworkInterface',
            status: t.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
            details: [
              { name: 'subnetId', value: 'subnet-0a1b2c3d4e5f60718' },
              { name: 'networkInterfaceId', value: `eni-${t.id.slice(0, 17)}` },
              { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
              { name: 'privateIPv4Address', value: ip },
            ],
          },
        ]
      : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: td?.body.runtimePlatform?.cpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64' }],
    availabilityZone: t.availabilityZone,
    clusterArn: ctx.state.clusterArn(t.clusterName),
    connectivity: t.connectivityAt !== undefined ? 'CONNECTED' : undefined,
    connectivityAt: seconds(t.connectivityAt),
    containerInstanceArn: t.containerInstanceArn,
    containers: t.containers.map((c) => ({
      containerArn: c.containerArn,
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      // Set once the image was pulled, and only for images of the emulator's ECR (AWS leaves it out for images from elsewhere).
      imageDigest: c.lastStatus === 'RUNNING' || c.exitCode !== undefined ? c.imageDigest : undefined,
      runtimeId: c.runtimeId,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: !t.awsvpc && c.lastStatus === 'RUNNING' ? c.portMappings.map((p) => ({ bindIP: '0.0.0.0', containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol })) : [],
      networkInterfaces: t.awsvpc ? [{ attachmentId: eniAttachmentId, privateIpv4Address: ip }] : [],
      healthStatus: c.healthStatus,
      cpu: String(c.cpu ?? 0),
      memory: c.memory !== undefined ? String(c.memory) : undefined,
      memoryReservation: c.memoryReservation !== undefined ? String(c.memoryReservation) : undefined,
    })),
    cpu: t.cpu,
    createdAt: seconds(t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: t.enableExecuteCommand,
    executionStoppedAt: seconds(t.executionStoppedAt),
    group: t.group,
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    memory: t.memory,
    overrides: { containerOverrides: t.containers.map((c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] },
    ...platform(t.launchType),
    pullStartedAt: seconds(t.pullStartedAt),
    pullStoppedAt: seconds(t.pullStoppedAt),
    startedAt: seconds(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: seconds(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: seconds(t.stoppingAt),
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: t.version,
  };
  if (t.launchType === 'FARGATE') view.ephemeralStorage = { sizeInGiB: 20 };
  if (include.includes('TAGS')) view.tags = tagsOut(t.tags);
  return view;
}

const TD_OUTPUT_MEMBERS = [
  'containerDefinitions', 'family', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'volumes', 'placementConstraints',
  'requiresCompatibilities', 'cpu', 'memory', 'inferenceAccelerators', 'pidMode', 'ipcMode', 'proxyConfiguration',
  'runtimePlatform', 'ephemeralStorage', 'enableFaultInjection',
];

export function containerDefinitionView(c: any, networkMode: string): any {
  const out = { ...c };
  out.cpu ??= 0;
  out.essential ??= true;
  out.environment ??= [];
  out.mountPoints ??= [];
  out.volumesFrom ??= [];
  out.systemControls ??= [];
  out.portMappings = (c.portMappings ?? []).map((p: any) => ({
    ...p,
    hostPort: p.hostPort ?? (networkMode === 'awsvpc' || networkMode === 'host' ? p.containerPort : undefined),
    protocol: p.protocol ?? 'tcp',
  }));
  return out;
}

export function taskDefinitionView(td: TaskDefRec): Record<string, unknown> {
  const networkMode = td.body.networkMode ?? 'bridge';
  const view: Record<string, unknown> = { taskDefinitionArn: td.arn };
  for (const key of TD_OUTPUT_MEMBERS) if (td.body[key] !== undefined) view[key] = td.body[key];
  view.containerDefinitions = (td.body.containerDefinitions as any[]).map((c) => containerDefinitionView(c, networkMode));
  view.networkMode = networkMode;
  view.revision = td.revision;
  view.volumes ??= [];
  view.status = td.status;
  const requires: { name: string }[] = [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }];
  if (networkMode === 'awsvpc') requires.push({ name: 'ecs.capability.task-eni' }, { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.29' });
  if (td.body.executionRoleArn) requires.push({ name: 'ecs.capability.execution-role-ecr-pull' });
  view.requiresAttributes = requires;
  view.placementConstraints ??= [];
  view.compatibilities = td.compatibilities;
  view.registeredAt = seconds(td.registeredAt);
  if (td.deregisteredAt !== undefined) view.deregisteredAt = seconds(td.deregisteredAt);
  view.registeredBy = USER_ARN;
  return view;
}

export function containerInstanceView(ctx: OpContext, ci: ContainerInstanceRec, include: string[] = []): Record<string, unknown> {
  const tasks = ctx.state.tasks.filter((t) => t.containerInstanceArn === ci.arn && t.lastStatus !== 'STOPPED');
  const used = instanceUsage(ctx.state, ci);
  const reservedPorts = ['22', '2375', '2376', '51678', '51679'];
  const resources = (cpu: number, mem: number, ports: string[]): unknown[] => [
    { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: cpu },
    { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: mem },
    { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ports },
    { name: 'PORTS_UDP', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
  ];
  const view: Record<string, unknown> = {
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.ec2InstanceId,
    version: 4,
    versionInfo: { agentVersion: ci.agentVersion, agentHash: 'a1b2c3d4', dockerVersion: `DockerVersion: ${ci.dockerVersion}` },
    remainingResources: resources(ci.cpu - used.cpu, ci.memory - used.memory, [...reservedPorts, ...[...used.ports].map(String)]),
    registeredResources: resources(ci.cpu, ci.memory, reservedPorts),
    status: ci.status,
    agentConnected: ci.agentConnected,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
    attributes: [
      { name: 'ecs.availability-zone', value: ci.availabilityZone },
      { name: 'ecs.instance-type', value: ci.instanceType },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.cpu-architecture', value: 'x86_64' },
      ...(ci.autoScalingGroup ? [{ name: 'ecs.asg-name', value: ci.autoScalingGroup }] : []),
    ],
    registeredAt: seconds(ci.registeredAt),
    attachments: [],
  };
  if (include.includes('TAGS')) view.tags = tagsOut(ci.tags);
  return view;
}

export function revisionCounts(ctx: OpContext, svc: ServiceRec, revisionArn: string): Record<string, unknown> {
  let requested = 0;
  let running = 0;
  let pending = 0;
  for (const d of svc.deployments.filter((x) => x.serviceRevisionArn === revisionArn)) {
    const c = deploymentCounts(ctx, svc, d);
    requested += d.desiredCount;
    running += c.running;
    pending += c.pending;
  }
  return { arn: revisionArn, requestedTaskCount: requested, runningTaskCount: running, pendingTaskCount: pending };
}

export function serviceDeploymentView(ctx: OpContext, svc: ServiceRec, sd: ServiceDeploymentRec): Record<string, unknown> {
  const stages = progressiveView(sd);
  const target: Record<string, unknown> = revisionCounts(ctx, svc, sd.targetRevisionArn);
  const sources: Record<string, unknown>[] = sd.sourceRevisionArns.map((arn) => revisionCounts(ctx, svc, arn));
  if (stages.productionWeight !== undefined) {
    // Traffic weights of blue/green, linear and canary deployments; the source revision gets the rest.
    target.requestedProductionTrafficWeight = stages.productionWeight;
    target.requestedTestTrafficWeight = stages.testWeight;
    for (const source of sources.slice(0, 1)) {
      source.requestedProductionTrafficWeight = 100 - stages.productionWeight;
      source.requestedTestTrafficWeight = 100 - (stages.testWeight ?? 0);
    }
  }
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: seconds(sd.createdAt),
    startedAt: seconds(sd.startedAt),
    finishedAt: seconds(sd.finishedAt),
    stoppedAt: seconds(sd.stoppedAt),
    updatedAt: seconds(sd.updatedAt),
    sourceServiceRevisions: sources,
    targetServiceRevision: target,
    status: sd.status,
    statusReason: sd.statusReason,
    lifecycleStage: stages.lifecycleStage,
    lifecycleHookDetails: stages.lifecycleHookDetails,
    deploymentConfiguration: deploymentConfigurationView(sd.deploymentConfiguration),
    rollback: sd.rollback ? { reason: sd.rollback.reason, startedAt: seconds(sd.rollback.startedAt), serviceRevisionArn: sd.rollback.serviceRevisionArn } : undefined,
    deploymentCircuitBreaker: { status: sd.circuitBreaker.status, failureCount: sd.circuitBreaker.failureCount, threshold: sd.circuitBreaker.threshold },
    alarms: sd.alarms ? { status: sd.alarms.status, alarmNames: sd.alarms.alarmNames, triggeredAlarmNames: sd.alarms.triggeredAlarmNames } : undefined,
  };
}
