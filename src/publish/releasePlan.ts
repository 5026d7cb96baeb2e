// What a release will do, found out before it changes anything: the service and the revision it runs,
// the container that gets the new image and the repository that image goes to, and the number the new
// revision will get. Everything here only reads AWS; a repository the user chose to create is created
// by the release itself, after the one confirmation. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import { NEVER_ABORTS, type AwsCallOptions } from '../aws/call';
import * as ecr from '../aws/ecr';
import * as ecs from '../aws/ecs';
import { parseRevision, revisionLabel } from '../domain/arn';
import { serviceRevision } from '../domain/deploymentState';
import { parseImageReference } from '../domain/imageRef';
import { describeRevision, type DescribedRevision } from '../deploy/registration';
import { PublishError } from './errors';

/** A container of the service's revision whose image lives in one of the region's ECR repositories. */
export interface ContainerCandidate {
  readonly container: string;
  readonly image: string;
  readonly repositoryName: string;
  readonly repositoryUri: string;
}

/** How a repository the release creates is set up (the Create Repository command's choices). */
export interface NewRepositorySettings {
  readonly imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
}

/**
 * No container of the revision uses an image of the region's ECR: the user's choice of the container
 * that gets the new image and the repository it goes to, an existing one or one to create.
 */
export interface RepositoryChoice {
  readonly container: string;
  readonly repositoryName: string;
  /** Set for an existing repository; absent when the release creates it (`create`). */
  readonly repositoryUri?: string;
  readonly create?: NewRepositorySettings;
}

/** What `chooseRepository` is shown: the revision, its containers and the region's repositories. */
export interface RepositoryQuestion {
  readonly revision: string;
  readonly containers: ReadonlyArray<{ readonly name: string; readonly image: string }>;
  readonly repositories: ReadonlyArray<{ readonly repositoryName: string; readonly repositoryUri: string }>;
}

export interface PrepareRequest {
  readonly cluster: string;
  readonly service: string;
  readonly container?: string;
  readonly region?: string;
  /** An image that is already published: only containers using its repository are candidates. */
  readonly published?: { readonly repositoryName: string };
}

export interface PrepareDeps {
  readonly clients: AwsClients;
  readonly signal?: AbortSignal;
  /** Asked when several containers use ECR images and the request names none; undefined = cancel. */
  readonly chooseContainer?: (candidates: readonly ContainerCandidate[]) => Promise<ContainerCandidate | undefined>;
  /** Asked when no container uses an image of the region's ECR; undefined = cancel. Without it, that fails. */
  readonly chooseRepository?: (question: RepositoryQuestion) => Promise<RepositoryChoice | undefined>;
}

/** A release whose target is known and checked: nothing has changed yet. */
export interface PreparedRelease {
  readonly service: Service;
  readonly base: DescribedRevision;
  /** The container that gets the new image; `repositoryUri` is empty while the repository is still to be created. */
  readonly candidate: ContainerCandidate;
  /** Set when the release creates the repository (after the confirmation, before the push). */
  readonly createRepository?: NewRepositorySettings;
  /** `family:N+1`, the revision the release will register (ECS numbers a family's revisions in order). */
  readonly nextRevision: string;
}

/** Every repository of the region (all pages). */
export async function listRepositories(options: AwsCallOptions): Promise<Array<{ repositoryName: string; repositoryUri: string }>> {
  const out: Array<{ repositoryName: string; repositoryUri: string }> = [];
  for (const r of await ecr.listAllRepositories(options)) {
    if (r.repositoryName && r.repositoryUri) out.push({ repositoryName: r.repositoryName, repositoryUri: r.repositoryUri });
  }
  return out;
}

/** Containers whose image is in one of `repositories` (matched on `host/name`, tag or digest ignored). */
export function containerCandidates(
  taskDefinition: Pick<TaskDefinition, 'containerDefinitions'>,
  repositories: ReadonlyArray<{ repositoryName: string; repositoryUri: string }>,
): ContainerCandidate[] {
  const byUri = new Map(repositories.map((r) => [r.repositoryUri, r]));
  const candidates: ContainerCandidate[] = [];
  for (const c of taskDefinition.containerDefinitions ?? []) {
    if (!c.name || !c.image) continue;
    let name: string;
    try {
      const ref = parseImageReference(c.image);
      if (!ref.registry) continue;
      name = `${ref.registry}/${ref.repository}`;
    } catch {
      continue;
    }
    const repo = byUri.get(name);
    if (repo) candidates.push({ container: c.name, image: c.image, repositoryName: repo.repositoryName, repositoryUri: repo.repositoryUri });
  }
  return candidates;
}

/** The revision number a new revision of `family` gets: one more than any it had, active or not. */
export async function nextRevisionOf(options: AwsCallOptions, family: string, known: number): Promise<string> {
  let highest = known;
  for (const status of ['ACTIVE', 'INACTIVE'] as const) {
    // familyPrefix matches by prefix ("web" lists "web-api" too): keep this family only.
    for (const arn of await ecs.listAllTaskDefinitions(options, { familyPrefix: family, status })) {
      const id = parseRevision(arn);
      if (id?.family === family && id.revision > highest) highest = id.revision;
    }
  }
  return `${family}:${highest + 1}`;
}

/**
 * Reads the service, its revision and the region's repositories, and settles the container and the
 * repository (asking through `deps` when they cannot be settled from the request). Only reads.
 */
export async function prepareRelease(request: PrepareRequest, deps: PrepareDeps): Promise<PreparedRelease> {
  const { clients, region } = { clients: deps.clients, region: request.region };
  const options: AwsCallOptions = { clients, region, signal: deps.signal ?? NEVER_ABORTS };
  const service = await ecs.describeService(options, request.cluster, request.service);
  if (!service || service.status === 'INACTIVE') throw new Error(l10n.t`Service ${request.service} not found in cluster ${request.cluster}.`);
  const currentArn = serviceRevision(service);
  if (!currentArn) throw new Error(l10n.t`Service ${request.service} has no task definition.`);
  const base = await describeRevision(clients, currentArn, { signal: options.signal, region });
  const repositories = await listRepositories(options);
  const candidates = containerCandidates(base.taskDefinition, repositories).filter(
    (c) => !request.published || c.repositoryName === request.published.repositoryName,
  );
  const label = revisionLabel(currentArn);
  const named = request.container ? candidates.find((c) => c.container === request.container) : undefined;
  if (request.container && !named && (candidates.length > 0 || !deps.chooseRepository || request.published)) {
    throw new PublishError(
      'invalid-input',
      l10n.t`Container "${request.container}" of ${label} does not use an image from an ECR repository of this region (candidates: ${candidates.map((c) => c.container).join(', ') || l10n.t('none')}).`,
    );
  }
  let candidate: ContainerCandidate | undefined = named ?? (candidates.length === 1 ? candidates[0] : undefined);
  let createRepository: NewRepositorySettings | undefined;
  if (!candidate && candidates.length === 0) {
    if (request.published || !deps.chooseRepository) {
      throw new PublishError(
        'invalid-input',
        request.published
          ? l10n.t`No container of ${label} uses an image from ${request.published.repositoryName}.`
          : l10n.t`No container of ${label} uses an image from an ECR repository of this region, so there is no repository to publish to.`,
      );
    }
    const containers = (base.taskDefinition.containerDefinitions ?? [])
      .filter((c) => c.name && (!request.container || c.name === request.container))
      .map((c) => ({ name: c.name!, image: c.image ?? '' }));
    if (containers.length === 0) throw new PublishError('invalid-input', l10n.t`${label} has no container named "${request.container ?? ''}".`);
    const choice = await deps.chooseRepository({ revision: label, containers, repositories });
    if (!choice) throw new PublishError('cancelled', l10n.t('The release was cancelled before anything changed.'));
    const container = containers.find((c) => c.name === choice.container);
    if (!container) throw new PublishError('invalid-input', l10n.t`${label} has no container named "${choice.container}".`);
    candidate = { container: container.name, image: container.image, repositoryName: choice.repositoryName, repositoryUri: choice.repositoryUri ?? '' };
    createRepository = choice.repositoryUri ? undefined : (choice.create ?? { imageTagMutability: 'MUTABLE', scanOnPush: true });
  }
  if (!candidate) {
    if (!deps.chooseContainer) {
      throw new PublishError('invalid-input', l10n.t`Several containers use ECR images (${candidates.map((c) => c.container).join(', ')}): name one with "container".`);
    }
    candidate = await deps.chooseContainer(candidates);
    if (!candidate) throw new PublishError('cancelled', l10n.t('The release was cancelled.'));
  }
  const family = base.taskDefinition.family ?? parseRevision(currentArn)?.family ?? '';
  const nextRevision = await nextRevisionOf(options, family, base.taskDefinition.revision ?? 0);
  return { service, base, candidate, createRepository, nextRevision };
}
