// Amazon ECS: the only module that builds ECS commands. Pure (no vscode).
//
// The convention of every service module in src/aws/ (ecs.ts, ecr.ts, and logs.ts, cloudwatch.ts to come):
// - One module per AWS service, and the only place its SDK commands are built (`new XxxCommand(`),
//   through `loadSdk()` so that the SDK stays out of activation. Nothing else in src/ imports SDK values.
// - Every function takes an `AwsCallOptions` first: `{ clients, region, signal, onCall? }` (./call.ts).
//   `signal` is required and reaches the HTTP request; `region` undefined means the clients' current one.
//   The request itself is the SDK's own input type (or the few ids it needs) as the second argument.
// - Every command goes through `send()` (./call.ts): it counts the call (`onCall`), passes the signal, and
//   tags a failure with its IAM action (`ecs:DescribeServices`) for the messages of ./errors.ts.
// - The SDK's output types flow through (`Service`, `Task`, `Repository`, ...): no hand-written copies.
// - A whole list is read with the SDK's paginators (`paginateListServices`, ...) through `drain()`;
//   where the tree pages, one page is read (`listServicesPage`) and the caller keeps the nextToken.
// - Describe calls are batched to the API limits (./batching.ts: DescribeServices 10, DescribeTasks and
//   DescribeClusters 100) with bounded concurrency, results in the order of the ids asked for.
// - `failures[]` is never dropped: a confirmed MISSING is returned as `missing` (the resource is gone);
//   any other failure throws a `DescribeFailuresError` that names the ids and keeps what was described.
// - No vscode, no UI text beyond error messages; callers turn errors into messages with ./errors.ts.
import type {
  Cluster,
  ContainerInstance,
  DeregisterTaskDefinitionCommandOutput,
  ContinueServiceDeploymentCommandInput,
  ContinueServiceDeploymentCommandOutput,
  DescribeServiceDeploymentsCommandOutput,
  StopServiceDeploymentCommandInput,
  StopServiceDeploymentCommandOutput,
  DescribeServiceRevisionsCommandOutput,
  ListClustersCommandOutput,
  ListContainerInstancesCommandOutput,
  ListServiceDeploymentsCommandInput,
  ListServiceDeploymentsCommandOutput,
  ListServicesCommandOutput,
  ListTaskDefinitionFamiliesCommandOutput,
  ListTaskDefinitionsCommandInput,
  ListTaskDefinitionsCommandOutput,
  ListTasksCommandInput,
  ListTasksCommandOutput,
  RegisterTaskDefinitionCommandInput,
  RunTaskCommandInput,
  RunTaskCommandOutput,
  Service,
  StopTaskCommandInput,
  StopTaskCommandOutput,
  Tag,
  Task,
  TaskDefinition,
  UpdateServiceCommandInput,
  UpdateServiceCommandOutput,
} from '@aws-sdk/client-ecs';
import * as l10n from '@vscode/l10n';
import { DEFAULT_CONCURRENCY, DESCRIBE_LIMITS, describeInBatches } from './batching';
import { DescribeFailuresError, drain, paginatorConfig, send, splitFailures, type AwsCallOptions, type DescribeFailure } from './call';
import { loadSdk } from './sdk-loader';

export type { AwsCallOptions } from './call';

/** One page of a list the tree pages through. */
export interface ListPage {
  readonly maxResults?: number;
  readonly nextToken?: string;
}

/** Describe calls: how many run at once (default 10). */
export interface BatchOptions extends AwsCallOptions {
  readonly concurrency?: number;
}

/** What a describe call answered: the items, in the order asked for, and the ids confirmed MISSING. */
export interface Described<T> {
  readonly items: T[];
  readonly missing: string[];
}

function client(options: AwsCallOptions) {
  return options.clients.ecs(options.region);
}

async function describeBatched<T>(
  options: BatchOptions,
  operation: string,
  ids: readonly string[],
  batchSize: number,
  keyOf: (item: T) => string | undefined,
  describe: (batch: string[]) => Promise<{ items?: T[]; failures?: DescribeFailure[] }>,
): Promise<Described<T>> {
  const failures: DescribeFailure[] = [];
  const items = await describeInBatches<string, T>(
    ids,
    { batchSize, concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, signal: options.signal, keyOf },
    async (batch) => {
      const out = await describe(batch);
      failures.push(...(out.failures ?? []));
      return out.items ?? [];
    },
  );
  const { missing, other } = splitFailures(failures);
  if (other.length) throw new DescribeFailuresError(`ecs:${operation}`, other, items);
  return { items, missing };
}

// ------------------------------------------------------------------ clusters

export function listClustersPage(options: AwsCallOptions, page: ListPage = {}): Promise<ListClustersCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListClusters', client(options), new ecs.ListClustersCommand({ ...page }));
}

export function listAllClusterArns(options: AwsCallOptions): Promise<string[]> {
  const { ecs } = loadSdk();
  return drain('ecs', 'ListClusters', ecs.paginateListClusters(paginatorConfig(options, client(options), 'ListClusters', 100), {}, { abortSignal: options.signal }), (p) => p.clusterArns);
}

export function describeClusters(options: BatchOptions, clusters: readonly string[]): Promise<Described<Cluster>> {
  const { ecs } = loadSdk();
  return describeBatched<Cluster>(options, 'DescribeClusters', clusters, DESCRIBE_LIMITS.describeClusters, (c) => c.clusterArn, async (batch) => {
    const out = await send<{ clusters?: Cluster[]; failures?: DescribeFailure[] }>(options, 'ecs', 'DescribeClusters', client(options), new ecs.DescribeClustersCommand({ clusters: batch }));
    return { items: out.clusters, failures: out.failures };
  });
}

// ------------------------------------------------------------------ services

export function listServicesPage(options: AwsCallOptions, cluster: string, page: ListPage = {}): Promise<ListServicesCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListServices', client(options), new ecs.ListServicesCommand({ cluster, ...page }));
}

export function listAllServiceArns(options: AwsCallOptions, cluster: string): Promise<string[]> {
  const { ecs } = loadSdk();
  return drain('ecs', 'ListServices', ecs.paginateListServices(paginatorConfig(options, client(options), 'ListServices', 100), { cluster }, { abortSignal: options.signal }), (p) => p.serviceArns);
}

/** DescribeServices in batches of 10. Services with status INACTIVE are returned as ECS answers them. */
export function describeServices(options: BatchOptions, cluster: string, services: readonly string[]): Promise<Described<Service>> {
  const { ecs } = loadSdk();
  return describeBatched<Service>(options, 'DescribeServices', services, DESCRIBE_LIMITS.describeServices, (s) => s.serviceArn, async (batch) => {
    const out = await send<{ services?: Service[]; failures?: DescribeFailure[] }>(options, 'ecs', 'DescribeServices', client(options), new ecs.DescribeServicesCommand({ cluster, services: batch }));
    return { items: out.services, failures: out.failures };
  });
}

/** One service; undefined only when ECS confirms it MISSING. Any other failure throws. */
export async function describeService(options: AwsCallOptions, cluster: string, service: string): Promise<Service | undefined> {
  const { ecs } = loadSdk();
  const out = await send<{ services?: Service[]; failures?: DescribeFailure[] }>(options, 'ecs', 'DescribeServices', client(options), new ecs.DescribeServicesCommand({ cluster, services: [service] }));
  const { other } = splitFailures(out.failures);
  if (other.length) throw new DescribeFailuresError('ecs:DescribeServices', other, out.services ?? []);
  return out.services?.[0];
}

export function updateService(options: AwsCallOptions, input: UpdateServiceCommandInput): Promise<UpdateServiceCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'UpdateService', client(options), new ecs.UpdateServiceCommand(input));
}

export function listServiceDeployments(options: AwsCallOptions, input: ListServiceDeploymentsCommandInput): Promise<ListServiceDeploymentsCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListServiceDeployments', client(options), new ecs.ListServiceDeploymentsCommand(input));
}

export function describeServiceDeployments(options: AwsCallOptions, serviceDeploymentArns: string[]): Promise<DescribeServiceDeploymentsCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'DescribeServiceDeployments', client(options), new ecs.DescribeServiceDeploymentsCommand({ serviceDeploymentArns }));
}

/** ContinueServiceDeployment: acts on a lifecycle hook awaiting action (action CONTINUE or ROLLBACK). */
export function continueServiceDeployment(options: AwsCallOptions, input: ContinueServiceDeploymentCommandInput): Promise<ContinueServiceDeploymentCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ContinueServiceDeployment', client(options), new ecs.ContinueServiceDeploymentCommand(input));
}

/** StopServiceDeployment: ROLLBACK returns to the previous revision, ABORT leaves the service where it is. */
export function stopServiceDeployment(options: AwsCallOptions, input: StopServiceDeploymentCommandInput): Promise<StopServiceDeploymentCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'StopServiceDeployment', client(options), new ecs.StopServiceDeploymentCommand(input));
}

export function describeServiceRevisions(options: AwsCallOptions, serviceRevisionArns: string[]): Promise<DescribeServiceRevisionsCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'DescribeServiceRevisions', client(options), new ecs.DescribeServiceRevisionsCommand({ serviceRevisionArns }));
}

// ------------------------------------------------------------------ tasks

export function listTasksPage(options: AwsCallOptions, input: ListTasksCommandInput): Promise<ListTasksCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListTasks', client(options), new ecs.ListTasksCommand(input));
}

/** Every task ARN the input matches (all pages of ListTasks, 100 a page). */
export function listAllTaskArns(options: AwsCallOptions, input: ListTasksCommandInput): Promise<string[]> {
  const { ecs } = loadSdk();
  return drain('ecs', 'ListTasks', ecs.paginateListTasks(paginatorConfig(options, client(options), 'ListTasks', 100), { ...input }, { abortSignal: options.signal }), (p) => p.taskArns);
}

/** DescribeTasks in batches of 100. */
export function describeTasks(options: BatchOptions, cluster: string, tasks: readonly string[]): Promise<Described<Task>> {
  const { ecs } = loadSdk();
  return describeBatched<Task>(options, 'DescribeTasks', tasks, DESCRIBE_LIMITS.describeTasks, (t) => t.taskArn, async (batch) => {
    const out = await send<{ tasks?: Task[]; failures?: DescribeFailure[] }>(options, 'ecs', 'DescribeTasks', client(options), new ecs.DescribeTasksCommand({ cluster, tasks: batch }));
    return { items: out.tasks, failures: out.failures };
  });
}

export function runTask(options: AwsCallOptions, input: RunTaskCommandInput): Promise<RunTaskCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'RunTask', client(options), new ecs.RunTaskCommand(input));
}

export function stopTask(options: AwsCallOptions, input: StopTaskCommandInput): Promise<StopTaskCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'StopTask', client(options), new ecs.StopTaskCommand(input));
}

// ------------------------------------------------------------------ container instances

export function listContainerInstancesPage(options: AwsCallOptions, cluster: string, page: ListPage = {}): Promise<ListContainerInstancesCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListContainerInstances', client(options), new ecs.ListContainerInstancesCommand({ cluster, ...page }));
}

/** DescribeContainerInstances in batches of 100. */
export function describeContainerInstances(options: BatchOptions, cluster: string, containerInstances: readonly string[]): Promise<Described<ContainerInstance>> {
  const { ecs } = loadSdk();
  return describeBatched<ContainerInstance>(
    options, 'DescribeContainerInstances', containerInstances, DESCRIBE_LIMITS.describeContainerInstances, (c) => c.containerInstanceArn,
    async (batch) => {
      const out = await send<{ containerInstances?: ContainerInstance[]; failures?: DescribeFailure[] }>(
        options, 'ecs', 'DescribeContainerInstances', client(options), new ecs.DescribeContainerInstancesCommand({ cluster, containerInstances: batch }),
      );
      return { items: out.containerInstances, failures: out.failures };
    },
  );
}

// ------------------------------------------------------------------ task definitions

export function listTaskDefinitionFamiliesPage(options: AwsCallOptions, page: ListPage = {}): Promise<ListTaskDefinitionFamiliesCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListTaskDefinitionFamilies', client(options), new ecs.ListTaskDefinitionFamiliesCommand({ status: 'ACTIVE', ...page }));
}

export function listTaskDefinitionsPage(options: AwsCallOptions, input: ListTaskDefinitionsCommandInput): Promise<ListTaskDefinitionsCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'ListTaskDefinitions', client(options), new ecs.ListTaskDefinitionsCommand(input));
}

/** Every task-definition ARN the input matches (all pages). */
export function listAllTaskDefinitions(options: AwsCallOptions, input: ListTaskDefinitionsCommandInput): Promise<string[]> {
  const { ecs } = loadSdk();
  return drain(
    'ecs', 'ListTaskDefinitions',
    ecs.paginateListTaskDefinitions(paginatorConfig(options, client(options), 'ListTaskDefinitions', 100), { ...input }, { abortSignal: options.signal }),
    (p) => p.taskDefinitionArns,
  );
}

/** A revision as DescribeTaskDefinition returns it, with its tags. */
export interface DescribedRevision {
  readonly taskDefinition: TaskDefinition;
  readonly tags: Tag[];
}

/** DescribeTaskDefinition with its tags. `reference` is an ARN, `family:revision` or `family` (latest ACTIVE). */
export async function describeTaskDefinition(options: AwsCallOptions, reference: string): Promise<DescribedRevision> {
  const { ecs } = loadSdk();
  const out = await send<{ taskDefinition?: TaskDefinition; tags?: Tag[] }>(
    options, 'ecs', 'DescribeTaskDefinition', client(options), new ecs.DescribeTaskDefinitionCommand({ taskDefinition: reference, include: ['TAGS'] }),
  );
  if (!out.taskDefinition) {
    throw Object.assign(new Error(l10n.t`Task definition ${reference} not found.`), { name: 'NotFound', awsCall: 'ecs:DescribeTaskDefinition' });
  }
  return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
}

/** RegisterTaskDefinition; rejects when ECS answers without a task definition. */
export async function registerTaskDefinition(options: AwsCallOptions, input: RegisterTaskDefinitionCommandInput): Promise<TaskDefinition & { taskDefinitionArn: string }> {
  const { ecs } = loadSdk();
  const out = await send<{ taskDefinition?: TaskDefinition }>(options, 'ecs', 'RegisterTaskDefinition', client(options), new ecs.RegisterTaskDefinitionCommand(input));
  const td = out.taskDefinition;
  if (!td?.taskDefinitionArn) throw new Error(l10n.t('RegisterTaskDefinition returned no task definition.'));
  return td as TaskDefinition & { taskDefinitionArn: string };
}

export function deregisterTaskDefinition(options: AwsCallOptions, taskDefinition: string): Promise<DeregisterTaskDefinitionCommandOutput> {
  const { ecs } = loadSdk();
  return send(options, 'ecs', 'DeregisterTaskDefinition', client(options), new ecs.DeregisterTaskDefinitionCommand({ taskDefinition }));
}
