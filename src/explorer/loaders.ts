// AWS calls behind the explorer tree: one function per list, paging with nextToken, describes
// batched to the API limits with bounded concurrency, and the AbortSignal passed into every call.
// Pure (no vscode); unit-tested against the emulator over HTTP.
import * as l10n from '@vscode/l10n';
import type { Cluster, ContainerInstance, Service, Task, TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import type { AwsClients } from '../aws/clients';
import { DEFAULT_CONCURRENCY, DESCRIBE_LIMITS, describeInBatches } from '../aws/batching';
import { awsCall } from '../aws/errors';
import { loadSdk } from '../aws/sdk-loader';

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export interface LoadContext {
  readonly clients: AwsClients;
  readonly region: string;
  readonly profile?: string;
  readonly signal: AbortSignal;
  /** Items per list call (ListServices/ListTasks/... accept at most 100). */
  readonly pageSize: number;
  /** Describe calls in flight at once. */
  readonly concurrency?: number;
}

const MAX_LIST = 100;

function listSize(ctx: LoadContext): number {
  return Math.max(1, Math.min(MAX_LIST, Math.floor(ctx.pageSize)));
}

function opts(ctx: LoadContext): { abortSignal: AbortSignal } {
  return { abortSignal: ctx.signal };
}

export async function listClusters(ctx: LoadContext, nextToken?: string): Promise<Page<Cluster>> {
  const { ecs } = loadSdk();
  const client = ctx.clients.ecs(ctx.region);
  const list = await awsCall('ecs:ListClusters', () =>
    client.send(new ecs.ListClustersCommand({ maxResults: listSize(ctx), nextToken }), opts(ctx)),
  );
  const arns = list.clusterArns ?? [];
  const clusters = await describeInBatches<string, Cluster>(
    arns,
    { batchSize: DESCRIBE_LIMITS.describeClusters, concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY, signal: ctx.signal, keyOf: (c) => c.clusterArn },
    async (batch) =>
      (await awsCall('ecs:DescribeClusters', () => client.send(new ecs.DescribeClustersCommand({ clusters: batch }), opts(ctx)))).clusters ?? [],
  );
  return { items: clusters, nextToken: list.nextToken };
}

export async function describeServicesByArn(ctx: LoadContext, cluster: string, arns: readonly string[]): Promise<Service[]> {
  const { ecs } = loadSdk();
  const client = ctx.clients.ecs(ctx.region);
  return describeInBatches<string, Service>(
    arns,
    {
      batchSize: DESCRIBE_LIMITS.describeServices,
      concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY,
      signal: ctx.signal,
      keyOf: (s) => s.serviceArn,
    },
    async (batch) =>
      (await awsCall('ecs:DescribeServices', () => client.send(new ecs.DescribeServicesCommand({ cluster, services: batch }), opts(ctx))))
        .services ?? [],
  );
}

export async function listServices(ctx: LoadContext, cluster: string, nextToken?: string): Promise<Page<Service>> {
  const { ecs } = loadSdk();
  const client = ctx.clients.ecs(ctx.region);
  const list = await awsCall('ecs:ListServices', () =>
    client.send(new ecs.ListServicesCommand({ cluster, maxResults: listSize(ctx), nextToken }), opts(ctx)),
  );
  const services = await describeServicesByArn(ctx, cluster, list.serviceArns ?? []);
  return { items: services, nextToken: list.nextToken };
}

export async function describeService(ctx: LoadContext, cluster: string, service: string): Promise<Service | undefined> {
  return (await describeServicesByArn(ctx, cluster, [service]))[0];
}

export interface TaskQuery {
  readonly cluster: string;
  readonly serviceName?: string;
  readonly desiredStatus: 'RUNNING' | 'STOPPED';
}

export async function describeTasksByArn(ctx: LoadContext, cluster: string, arns: readonly string[]): Promise<Task[]> {
  const { ecs } = loadSdk();
  const client = ctx.clients.ecs(ctx.region);
  return describeInBatches<string, Task>(
    arns,
    { batchSize: DESCRIBE_LIMITS.describeTasks, concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY, signal: ctx.signal, keyOf: (t) => t.taskArn },
    async (batch) =>
      (await awsCall('ecs:DescribeTasks', () => client.send(new ecs.DescribeTasksCommand({ cluster, tasks: batch }), opts(ctx)))).tasks ?? [],
  );
}

export async function listTasks(ctx: LoadContext, query: TaskQuery, nextToken?: string): Promise<Page<Task>> {
  const { ecs } = loadSdk();
  const client = ctx.clients.ecs(ctx.region);
  const list = await awsCall('ecs:ListTasks', () =>
    client.send(
      new ecs.ListTasksCommand({
        cluster: query.cluster,
        serviceName: query.serviceName,
        desiredStatus: query.desiredStatus,
        maxResults: listSize(ctx),
        nextToken,
      }),
      opts(ctx),
    ),
  );
  const tasks = await describeTasksByArn(ctx, query.cluster, list.taskArns ?? []);
  return { items: tasks, nextToken: list.nextToken };
}

export async function listContainerInstances(ctx: LoadContext, cluster: string, nextToken?: string): Promise<Page<ContainerInstance>> {
  const { ecs } = loadSdk();
  const client = ctx.clients.ecs(ctx.region);
  const list = await awsCall('ecs:ListContainerInstances', () =>
    client.send(new ecs.ListContainerInstancesCommand({ cluster, maxResults: listSize(ctx), nextToken }), opts(ctx)),
  );
  const instances = await describeInBatches<string, ContainerInstance>(
    list.containerInstanceArns ?? [],
    {
      batchSize: DESCRIBE_LIMITS.describeContainerInstances,
      concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY,
      signal: ctx.signal,
      keyOf: (c) => c.containerInstanceArn,
    },
    async (batch) =>
      (
        await awsCall('ecs:DescribeContainerInstances', () =>
          client.send(new ecs.DescribeContainerInstancesCommand({ cluster, containerInstances: batch }), opts(ctx)),
        )
      ).containerInstances ?? [],
  );
  return { items: instances, nextToken: list.nextToken };
}

export async function listTaskDefinitionFamilies(ctx: LoadContext, nextToken?: string): Promise<Page<string>> {
  const { ecs } = loadSdk();
  const list = await awsCall('ecs:ListTaskDefinitionFamilies', () =>
    ctx.clients
      .ecs(ctx.region)
      .send(new ecs.ListTaskDefinitionFamiliesCommand({ status: 'ACTIVE', maxResults: listSize(ctx), nextToken }), opts(ctx)),
  );
  return { items: list.families ?? [], nextToken: list.nextToken };
}

export interface RevisionRef {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  readonly status: 'ACTIVE' | 'INACTIVE';
}

/** Revisions of exactly `family` (ListTaskDefinitions matches a prefix), newest first. */
export async function listTaskDefinitionRevisions(
  ctx: LoadContext,
  family: string,
  status: 'ACTIVE' | 'INACTIVE',
  nextToken?: string,
): Promise<Page<RevisionRef>> {
  const { ecs } = loadSdk();
  const list = await awsCall('ecs:ListTaskDefinitions', () =>
    ctx.clients
      .ecs(ctx.region)
      .send(
        new ecs.ListTaskDefinitionsCommand({ familyPrefix: family, status, sort: 'DESC', maxResults: listSize(ctx), nextToken }),
        opts(ctx),
      ),
  );
  const items: RevisionRef[] = [];
  for (const arn of list.taskDefinitionArns ?? []) {
    const m = /task-definition\/([^:]+):(\d+)$/.exec(arn);
    if (m && m[1] === family) items.push({ arn, family, revision: Number(m[2]), status });
  }
  return { items, nextToken: list.nextToken };
}

export async function describeTaskDefinition(ctx: LoadContext, taskDefinition: string): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
  const { ecs } = loadSdk();
  const out = await awsCall('ecs:DescribeTaskDefinition', () =>
    ctx.clients.ecs(ctx.region).send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }), opts(ctx)),
  );
  if (!out.taskDefinition) throw Object.assign(new Error(l10n.t`Task definition ${taskDefinition} not found`), { name: 'NotFound' });
  return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
}

export async function listRepositories(ctx: LoadContext, nextToken?: string): Promise<Page<Repository>> {
  const { ecr } = loadSdk();
  const out = await awsCall('ecr:DescribeRepositories', () =>
    ctx.clients.ecr(ctx.region).send(new ecr.DescribeRepositoriesCommand({ maxResults: listSize(ctx), nextToken }), opts(ctx)),
  );
  return { items: out.repositories ?? [], nextToken: out.nextToken };
}

/** ECR's DescribeImages maximum per page. One call gives tags, digest, push time, size and scan status. */
export const IMAGE_PAGE_SIZE = 1000;

export async function listImages(ctx: LoadContext, repositoryName: string, nextToken?: string, pageSize = IMAGE_PAGE_SIZE): Promise<Page<ImageDetail>> {
  const { ecr } = loadSdk();
  const out = await awsCall('ecr:DescribeImages', () =>
    ctx.clients
      .ecr(ctx.region)
      .send(new ecr.DescribeImagesCommand({ repositoryName, maxResults: Math.min(1000, Math.max(1, pageSize)), nextToken }), opts(ctx)),
  );
  return { items: out.imageDetails ?? [], nextToken: out.nextToken };
}
