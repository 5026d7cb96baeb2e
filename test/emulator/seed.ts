// Seeds: the demo story (a small team's production and staging) and bulk data for benchmarks.
import { createHash } from 'node:crypto';
import type { EmulatorCore } from './core';
import { createRepositoryRec, putImageRec, repositoryUri } from './ecr';
import type { OpContext } from './context';
import { createClusterRec, createServiceRec, registerTaskDefinitionRec, updateServiceRec } from './ecs';
import { simulate, TIMING } from './scheduler';
import { ACCOUNT, ContainerInstanceRec, RegionState, ServiceRec, TaskRec, hexId } from './state';

export type SeedName = 'demo' | 'empty';

const NETWORK = {
  awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' },
};

const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;

export function webRevision(image: string, containerPort: number): Record<string, unknown> {
  return {
    family: 'web',
    executionRoleArn: EXECUTION_ROLE,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE', 'EC2'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'web',
        image,
        essential: true,
        portMappings: [{ containerPort, protocol: 'tcp', name: 'http' }],
        environment: [{ name: 'PORT', value: String(containerPort) }],
        healthCheck: { command: ['CMD-SHELL', `wget -qO- http://localhost:${containerPort}/health || exit 1`], interval: 10, timeout: 5, retries: 3, startPeriod: 10 },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' } },
      },
    ],
  };
}

function fakeManifest(label: string, size: number): string {
  const digest = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1470, digest: digest(`config ${label}`) },
    layers: [
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: Math.floor(size * 0.7), digest: digest(`layer1 ${label}`) },
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: size - Math.floor(size * 0.7) - 1470, digest: digest(`layer2 ${label}`) },
    ],
  });
}

export function addImage(state: RegionState, repository: string, tags: string[], now: number, size = 48_000_000): string {
  const repo = state.repositories.get(repository) ?? createRepositoryRec(state, { repositoryName: repository }, now);
  const manifest = fakeManifest(`${repository}:${tags.join(',')}:${hexId(4)}`, size);
  const mediaType = 'application/vnd.docker.distribution.manifest.v2+json';
  const image = putImageRec(repo, manifest, mediaType, tags[0], now, size);
  for (const tag of tags.slice(1)) putImageRec(repo, manifest, mediaType, tag, now, size);
  return image.digest;
}

function containerInstance(state: RegionState, cluster: string, n: number, now: number, asg?: string): ContainerInstanceRec {
  const ci: ContainerInstanceRec = {
    arn: state.arn('ecs', `container-instance/${cluster}/${hexId(16)}`),
    clusterName: cluster,
    ec2InstanceId: `i-0${hexId(8).slice(0, 16)}`,
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: now,
    cpu: 2048,
    memory: 7680,
    availabilityZone: `${state.region}${['a', 'b', 'c'][n % 3]}`,
    instanceType: 'm5.large',
    autoScalingGroup: asg,
    tags: asg ? [{ key: 'aws:autoscaling:groupName', value: asg }] : [],
    // Instances of one group launched at different times run different agents (one not yet updated).
    agentVersion: n % 2 === 0 ? '1.89.0' : '1.86.3',
    dockerVersion: n % 2 === 0 ? '25.0.8' : '20.10.25',
  };
  state.containerInstances.push(ci);
  return ci;
}

/** The demo story: see README section "emulator". */
export function seedDemo(core: EmulatorCore, state: RegionState): void {
  const now = core.now();
  const past = (minutes: number): number => now - minutes * 60_000;

  // ECR: the team's repository with its release tags (and one untagged leftover).
  createRepositoryRec(state, { repositoryName: 'my-app', imageScanningConfiguration: { scanOnPush: true } }, past(60 * 24 * 30));
  addImage(state, 'my-app', [], past(60 * 24 * 20), 51_200_000);
  addImage(state, 'my-app', ['v1.5.1'], past(60 * 24 * 9), 52_400_118);
  addImage(state, 'my-app', ['v1.5.2', 'latest'], past(60 * 24 * 2), 52_611_374);

  // Clusters: production on Fargate, staging on EC2 container instances from an autoscaling group.
  createClusterRec(state, 'production', past(60 * 24 * 60), {
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    tags: [{ key: 'environment', value: 'production' }],
    settings: [{ name: 'containerInsights', value: 'enabled' }],
  });
  createClusterRec(state, 'staging', past(60 * 24 * 60), { tags: [{ key: 'environment', value: 'staging' }] });
  for (let i = 0; i < 2; i++) containerInstance(state, 'staging', i, past(60 * 24 * 7), 'staging-ecs-asg');

  // Family web: v1.5.1 → v1.5.2 → container port 8000 → 8080. The images are the sandbox ECR's own
  // (its repository URI), so that Release, Update Image and a pull all find them there.
  const myApp = repositoryUri({ core, state, now }, 'my-app');
  const t0 = past(60 * 24 * 14);
  const td1 = registerTaskDefinitionRec(state, { ...webRevision(`${myApp}:v1.5.1`, 8000), tags: [{ key: 'team', value: 'web' }] }, t0);
  registerTaskDefinitionRec(state, { ...webRevision(`${myApp}:v1.5.2`, 8000), tags: [{ key: 'team', value: 'web' }] }, past(60 * 24 * 3));
  registerTaskDefinitionRec(state, { ...webRevision(`${myApp}:v1.5.2`, 8080), tags: [{ key: 'team', value: 'web' }] }, past(30));

  // History: both services started on web:1 and were rolled to web:2, by the scheduler itself.
  const run = (at: number, fn: (ctx: OpContext) => void): void => {
    simulate(state, at, core);
    fn({ core, state, now: at });
  };
  state.simulatedUntil = past(60 * 24 * 5);
  run(past(60 * 24 * 5), (ctx) => {
    createServiceRec(ctx, {
      cluster: 'production',
      serviceName: 'web',
      taskDefinition: td1.arn,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
      tags: [{ key: 'team', value: 'web' }],
      enableExecuteCommand: true,
    });
    createServiceRec(ctx, {
      cluster: 'staging',
      serviceName: 'web',
      taskDefinition: td1.arn,
      desiredCount: 2,
      launchType: 'EC2',
      networkConfiguration: NETWORK,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 100, minimumHealthyPercent: 50 },
      tags: [{ key: 'team', value: 'web' }],
    });
  });
  run(past(60 * 24 * 3 - 10), (ctx) => {
    updateServiceRec(ctx, { cluster: 'production', service: 'web', taskDefinition: 'web:2' });
    updateServiceRec(ctx, { cluster: 'staging', service: 'web', taskDefinition: 'web:2' });
  });
  // The deployment to watch: staging rolls to web:3 (port 8080), one task at a time.
  run(now, (ctx) => {
    updateServiceRec(ctx, { cluster: 'staging', service: 'web', taskDefinition: 'web:3' });
  });
  seedProgressive(core, core.region(PROGRESSIVE_REGION));
}

/** The region of the demo's blue/green and canary services (us-east-1 keeps its two clusters of one service each). */
export const PROGRESSIVE_REGION = 'us-west-2';

/**
 * The storefront cluster in us-west-2: `checkout` deploys blue/green (5 min bake), `web` as a canary
 * (10 % for 5 min, then 5 min bake), both steady on revision 2 with revision 3 registered to deploy.
 */
function seedProgressive(core: EmulatorCore, state: RegionState): void {
  const now = core.now();
  const past = (minutes: number): number => now - minutes * 60_000;
  createClusterRec(state, 'storefront', past(60 * 24 * 30), { capacityProviders: ['FARGATE'], tags: [{ key: 'environment', value: 'production' }] });
  // This region's ECR holds the images its revisions use (ECR is regional).
  createRepositoryRec(state, { repositoryName: 'my-app' }, past(60 * 24 * 30));
  const myApp = repositoryUri({ core, state, now }, 'my-app');
  for (const [i, tag] of ['1.0.1', '1.0.2', '1.0.3'].entries()) {
    const at = past(60 * 24 * (10 - i * 3));
    addImage(state, 'my-app', [tag], at - 60_000);
    registerTaskDefinitionRec(state, { ...webRevision(`${myApp}:${tag}`, 8080), tags: [{ key: 'team', value: 'web' }] }, at);
    registerTaskDefinitionRec(state, { ...webRevision(`${myApp}:${tag}`, 8080), family: 'checkout' }, at);
  }
  const loadBalancers = (name: string) => [{
    targetGroupArn: `arn:aws:elasticloadbalancing:${state.region}:${ACCOUNT}:targetgroup/${name}-blue/0123456789abcdef`,
    containerName: 'web',
    containerPort: 8080,
    advancedConfiguration: {
      alternateTargetGroupArn: `arn:aws:elasticloadbalancing:${state.region}:${ACCOUNT}:targetgroup/${name}-green/fedcba9876543210`,
      productionListenerRule: `arn:aws:elasticloadbalancing:${state.region}:${ACCOUNT}:listener-rule/app/storefront/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRoleForLoadBalancers`,
    },
  }];
  const circuitBreaker = { enable: true, rollback: true };
  state.simulatedUntil = past(60 * 24 * 3);
  const at = past(60 * 24 * 3);
  const ctx: OpContext = { core, state, now: at };
  createServiceRec(ctx, {
    cluster: 'storefront', serviceName: 'checkout', taskDefinition: 'checkout:2', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NETWORK,
    loadBalancers: loadBalancers('checkout'),
    deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5, deploymentCircuitBreaker: circuitBreaker },
  });
  createServiceRec(ctx, {
    cluster: 'storefront', serviceName: 'web', taskDefinition: 'web:2', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NETWORK,
    loadBalancers: loadBalancers('web'),
    deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }, bakeTimeInMinutes: 5, deploymentCircuitBreaker: circuitBreaker },
  });
  simulate(state, now, core);
}

/** Bulk data for benchmarks: N clusters × M services (each with one running task) and K images. */
export function seedBulk(core: EmulatorCore, state: RegionState, opts: { clusters: number; servicesPerCluster: number; images: number; repository?: string }): Record<string, number> {
  const now = core.now();
  const td = state.taskDefinitions.get('bulk')?.[0] ?? registerTaskDefinitionRec(state, { ...webRevision('my-app:1.0.2', 8080), family: 'bulk' }, now);
  let services = 0;
  for (let c = 0; c < opts.clusters; c++) {
    const clusterName = `bulk-${String(c).padStart(3, '0')}`;
    createClusterRec(state, clusterName, now, { capacityProviders: ['FARGATE'] });
    for (let s = 0; s < opts.servicesPerCluster; s++) {
      const name = `svc-${String(s).padStart(4, '0')}`;
      if (state.services.some((x) => x.clusterName === clusterName && x.name === name)) continue;
      const svc = createServiceRec({ core, state, now }, { cluster: clusterName, serviceName: name, taskDefinition: td.arn, desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NETWORK });
      materializeSteady(state, svc, now);
      services++;
    }
  }
  const repository = opts.repository ?? 'bulk-images';
  // Unique tags and digests by construction, so skip PutImage's per-image checks (quadratic at 5,000).
  const repo = state.repositories.get(repository) ?? createRepositoryRec(state, { repositoryName: repository }, now);
  const start = repo.images.length;
  for (let i = start; i < start + opts.images; i++) {
    const manifest = fakeManifest(`${repository}:v${i}`, 10_000_000 + i);
    repo.images.push({
      digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}`,
      tags: [`v${i}`],
      pushedAt: now - (start + opts.images - i) * 60_000,
      sizeInBytes: 10_000_000 + i,
      manifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      manifest,
    });
  }
  return { clusters: opts.clusters, services, images: opts.images };
}

/** Puts a freshly created service straight into its steady state (running tasks, COMPLETED). */
function materializeSteady(state: RegionState, svc: ServiceRec, now: number): void {
  const dep = svc.deployments[0];
  for (let i = 0; i < svc.desiredCount; i++) {
    const id = hexId(16);
    const task: TaskRec = {
      arn: state.arn('ecs', `task/${svc.clusterName}/${id}`),
      id,
      clusterName: svc.clusterName,
      taskDefinitionArn: svc.taskDefinition,
      group: `service:${svc.name}`,
      startedBy: dep.id,
      serviceName: svc.name,
      deploymentId: dep.id,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      launchType: svc.launchType,
      awsvpc: true,
      cpu: '256',
      memory: '512',
      availabilityZone: `${state.region}a`,
      createdAt: now - TIMING.provisioning - TIMING.pending,
      pullStartedAt: now - TIMING.pending,
      pullStoppedAt: now - 2_000,
      startedAt: now,
      connectivityAt: now - TIMING.pending,
      healthStatus: 'HEALTHY',
      containers: [
        {
          name: 'web',
          image: 'my-app:1.0.2',
          containerArn: state.arn('ecs', `container/${svc.clusterName}/${id}/${hexId(16)}`),
          runtimeId: `${id}-0`,
          lastStatus: 'RUNNING',
          healthStatus: 'HEALTHY',
          hasHealthCheck: true,
          essential: true,
          portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
        },
      ],
      fate: 'ok',
      nextAt: Number.POSITIVE_INFINITY,
      version: 3,
      tags: [],
      enableExecuteCommand: false,
    };
    state.tasks.push(task);
  }
  dep.rolloutState = 'COMPLETED';
  dep.rolloutStateReason = `ECS deployment ${dep.id} completed.`;
  const sd = svc.serviceDeployments[0];
  sd.status = 'SUCCESSFUL';
  sd.finishedAt = now;
  svc.steady = true;
  svc.events.unshift({ id: hexId(8), createdAt: now, message: `(service ${svc.name}) has reached a steady state.` });
}
