// AWS calls behind the explorer tree: one function per list, one page at a time (the tree pages),
// describes batched to the API limits through src/aws/ecs.ts and src/aws/ecr.ts. Pure (no vscode);
// unit-tested against the emulator over HTTP.
import type { Cluster, ContainerInstance, Service, Task } from '@aws-sdk/client-ecs';
import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import type { AwsClients } from '../aws/clients';
import * as ecs from '../aws/ecs';
import * as ecr from '../aws/ecr';
import { parseRevision } from '../domain/arn';
import { DEFAULT_CONCURRENCY, mapWithConcurrency } from '../aws/batching';

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

export async function listClusters(ctx: LoadContext, nextToken?: string): Promise<Page<Cluster>> {
  const list = await ecs.listClustersPage(ctx, { maxResults: listSize(ctx), nextToken });
  return { items: await describeClustersByArn(ctx, list.clusterArns ?? []), nextToken: list.nextToken };
}

/** The clusters of `arns` (described again to update a cluster row after a change below it). */
export async function describeClustersByArn(ctx: LoadContext, arns: readonly string[]): Promise<Cluster[]> {
  return (await ecs.describeClusters(ctx, arns)).items;
}

/** The services of `arns`; those ECS confirms MISSING (deleted since the list) are left out. */
export async function describeServicesByArn(ctx: LoadContext, cluster: string, arns: readonly string[]): Promise<Service[]> {
  return (await ecs.describeServices(ctx, cluster, arns)).items;
}

export async function listServices(ctx: LoadContext, cluster: string, nextToken?: string): Promise<Page<Service>> {
  const list = await ecs.listServicesPage(ctx, cluster, { maxResults: listSize(ctx), nextToken });
  const services = await describeServicesByArn(ctx, cluster, list.serviceArns ?? []);
  return { items: services, nextToken: list.nextToken };
}

export interface TaskQuery {
  readonly cluster: string;
  readonly serviceName?: string;
  readonly desiredStatus: 'RUNNING' | 'STOPPED';
}

export async function describeTasksByArn(ctx: LoadContext, cluster: string, arns: readonly string[]): Promise<Task[]> {
  return (await ecs.describeTasks(ctx, cluster, arns)).items;
}

export async function listTasks(ctx: LoadContext, query: TaskQuery, nextToken?: string): Promise<Page<Task>> {
  const list = await ecs.listTasksPage(ctx, {
    cluster: query.cluster,
    serviceName: query.serviceName,
    desiredStatus: query.desiredStatus,
    maxResults: listSize(ctx),
    nextToken,
  });
  const tasks = await describeTasksByArn(ctx, query.cluster, list.taskArns ?? []);
  return { items: tasks, nextToken: list.nextToken };
}

export async function listContainerInstances(ctx: LoadContext, cluster: string, nextToken?: string): Promise<Page<ContainerInstance>> {
  const list = await ecs.listContainerInstancesPage(ctx, cluster, { maxResults: listSize(ctx), nextToken });
  const { items } = await ecs.describeContainerInstances(ctx, cluster, list.containerInstanceArns ?? []);
  return { items, nextToken: list.nextToken };
}

export async function listTaskDefinitionFamilies(ctx: LoadContext, nextToken?: string): Promise<Page<string>> {
  const list = await ecs.listTaskDefinitionFamiliesPage(ctx, { maxResults: listSize(ctx), nextToken });
  return { items: list.families ?? [], nextToken: list.nextToken };
}

export interface RevisionRef {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  readonly status: 'ACTIVE' | 'INACTIVE';
  /** The containers' images, once described (`withRevisionDetails`). */
  readonly images?: readonly string[];
  readonly registeredAt?: Date;
}

/** Revisions of exactly `family` (ListTaskDefinitions matches a prefix), newest first. */
export async function listTaskDefinitionRevisions(
  ctx: LoadContext,
  family: string,
  status: 'ACTIVE' | 'INACTIVE',
  nextToken?: string,
): Promise<Page<RevisionRef>> {
  const list = await ecs.listTaskDefinitionsPage(ctx, { familyPrefix: family, status, sort: 'DESC', maxResults: listSize(ctx), nextToken });
  const items: RevisionRef[] = [];
  for (const arn of list.taskDefinitionArns ?? []) {
    const id = parseRevision(arn);
    if (id && id.family === family) items.push({ arn, family, revision: id.revision, status });
  }
  return { items, nextToken: list.nextToken };
}

/**
 * The revisions with their images and registration time: one DescribeTaskDefinition each (ECS has no
 * batch describe for task definitions), `ctx.concurrency` at a time. A revision whose describe fails
 * keeps its bare row; a cancelled load rejects.
 */
export async function withRevisionDetails(ctx: LoadContext, revisions: readonly RevisionRef[]): Promise<RevisionRef[]> {
  return mapWithConcurrency(
    revisions,
    async (r): Promise<RevisionRef> => {
      try {
        const { taskDefinition } = await ecs.describeTaskDefinition(ctx, r.arn);
        const images = (taskDefinition.containerDefinitions ?? []).map((c) => c.image).filter((i): i is string => !!i);
        return { ...r, images, registeredAt: taskDefinition.registeredAt };
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        return r;
      }
    },
    { limit: ctx.concurrency ?? DEFAULT_CONCURRENCY, signal: ctx.signal },
  );
}

export async function listRepositories(ctx: LoadContext, nextToken?: string): Promise<Page<Repository>> {
  const out = await ecr.describeRepositoriesPage(ctx, { maxResults: listSize(ctx), nextToken });
  return { items: out.repositories ?? [], nextToken: out.nextToken };
}

/** ECR's DescribeImages maximum per page. One call gives tags, digest, push time, size and scan status. */
export const IMAGE_PAGE_SIZE = ecr.ECR_MAX_PAGE;

export async function listImages(ctx: LoadContext, repositoryName: string, nextToken?: string, pageSize = IMAGE_PAGE_SIZE): Promise<Page<ImageDetail>> {
  const out = await ecr.describeImagesPage(ctx, { repositoryName, maxResults: Math.min(ecr.ECR_MAX_PAGE, Math.max(1, pageSize)), nextToken });
  return { items: out.imageDetails ?? [], nextToken: out.nextToken };
}

/** One row of a service's deployment history: ListServiceDeployments joined with its details and target revision. */
export interface ServiceDeploymentRow {
  readonly arn: string;
  readonly status?: string;
  readonly statusReason?: string;
  /** deploymentConfiguration.strategy of the deployment (ROLLING, BLUE_GREEN, LINEAR, CANARY). */
  readonly strategy?: string;
  readonly lifecycleStage?: string;
  /** The task definition of the target service revision. */
  readonly taskDefinition?: string;
  readonly createdAt?: Date;
  readonly startedAt?: Date;
  /** finishedAt, or stoppedAt for a stopped one. */
  readonly finishedAt?: Date;
  readonly rollbackReason?: string;
  readonly productionTrafficWeight?: number;
  readonly circuitBreaker?: { failureCount?: number; threshold?: number };
  readonly triggeredAlarms?: readonly string[];
  /** A lifecycle hook of this deployment awaits action (ContinueServiceDeployment). */
  readonly waiting?: boolean;
}

/** DescribeServiceDeployments and DescribeServiceRevisions take 20 ARNs a call. */
const SERVICE_DEPLOYMENT_DESCRIBE_LIMIT = 20;

/**
 * One page of a service's deployments, newest first (ListServiceDeployments), each with its details
 * (DescribeServiceDeployments: strategy, stage, rollback reason) and its target revision's task
 * definition (DescribeServiceRevisions). A row whose details ECS did not return keeps the list's fields.
 */
export async function listServiceDeploymentHistory(ctx: LoadContext, cluster: string, service: string, nextToken?: string): Promise<Page<ServiceDeploymentRow>> {
  const maxResults = Math.min(SERVICE_DEPLOYMENT_DESCRIBE_LIMIT, listSize(ctx));
  const list = await ecs.listServiceDeployments(ctx, { cluster, service, maxResults, nextToken });
  const briefs = list.serviceDeployments ?? [];
  const arns = briefs.map((b) => b.serviceDeploymentArn).filter((a): a is string => !!a);
  const revisionArns = [...new Set(briefs.map((b) => b.targetServiceRevisionArn).filter((a): a is string => !!a))];
  const [details, revisions] = await Promise.all([
    arns.length ? ecs.describeServiceDeployments(ctx, arns).then((r) => r.serviceDeployments ?? []) : [],
    revisionArns.length ? ecs.describeServiceRevisions(ctx, revisionArns).then((r) => r.serviceRevisions ?? []) : [],
  ]);
  const items = briefs
    .filter((b) => b.serviceDeploymentArn)
    .map((b): ServiceDeploymentRow => {
      const d = details.find((x) => x.serviceDeploymentArn === b.serviceDeploymentArn);
      return {
        arn: b.serviceDeploymentArn!,
        status: d?.status ?? b.status,
        statusReason: d?.statusReason ?? b.statusReason,
        strategy: d?.deploymentConfiguration?.strategy,
        lifecycleStage: d?.lifecycleStage,
        taskDefinition: revisions.find((r) => r.serviceRevisionArn === b.targetServiceRevisionArn)?.taskDefinition,
        createdAt: b.createdAt,
        startedAt: d?.startedAt ?? b.startedAt,
        finishedAt: d?.finishedAt ?? d?.stoppedAt ?? b.finishedAt,
        rollbackReason: d?.rollback?.reason,
        productionTrafficWeight: d?.targetServiceRevision?.requestedProductionTrafficWeight,
        circuitBreaker: d?.deploymentCircuitBreaker ? { failureCount: d.deploymentCircuitBreaker.failureCount, threshold: d.deploymentCircuitBreaker.threshold } : undefined,
        triggeredAlarms: d?.alarms?.triggeredAlarmNames?.length ? d.alarms.triggeredAlarmNames : undefined,
        waiting: d?.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION') || undefined,
      };
    });
  // Newest first, as ListServiceDeployments answers; sorted again in case an endpoint does not.
  items.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  return { items, nextToken: list.nextToken };
}
