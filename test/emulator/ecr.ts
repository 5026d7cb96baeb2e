// Amazon ECR operations (AmazonEC2ContainerRegistry_V20150921.*).
import { createHash } from 'node:crypto';
import { ApiError, invalidParameter } from './errors';
import type { Handler, OpContext } from './context';
import { ACCOUNT, ImageRec, RegionState, RepositoryRec, paginate, seconds } from './state';

/** RepositoryName in the ECR API model (one or more '-' between parts, so `my--app` is valid). */
const REPO_NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

export interface ImageIdentifier {
  imageDigest?: string;
  imageTag?: string;
}

function repoNotFound(name: string): ApiError {
  return new ApiError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`);
}

function checkRegistryId(input: any): void {
  if (input.registryId !== undefined && input.registryId !== ACCOUNT) {
    const name = input.repositoryName ?? input.repositoryNames?.[0] ?? '';
    throw new ApiError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${input.registryId}'`);
  }
}

export function findRepository(state: RegionState, input: any): RepositoryRec {
  checkRegistryId(input);
  const name = input.repositoryName;
  if (typeof name !== 'string' || name === '') throw invalidParameter('repositoryName should not be null or empty.');
  const repo = state.repositories.get(name);
  if (!repo) throw repoNotFound(name);
  return repo;
}

export function repositoryUri(ctx: OpContext, name: string): string {
  const host = ctx.core.registry?.host ?? ctx.core.ecrHost(ctx.state.region);
  return `${host}/${name}`;
}

function repositoryView(ctx: OpContext, repo: RepositoryRec): Record<string, unknown> {
  return {
    repositoryArn: repo.arn,
    registryId: ACCOUNT,
    repositoryName: repo.name,
    repositoryUri: repositoryUri(ctx, repo.name),
    createdAt: seconds(repo.createdAt),
    imageTagMutability: repo.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: { encryptionType: repo.encryptionType },
  };
}

function describeImageId(id: ImageIdentifier): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
}

function matches(image: ImageRec, id: ImageIdentifier): boolean {
  if (id.imageDigest && image.digest !== id.imageDigest) return false;
  if (id.imageTag && !image.tags.includes(id.imageTag)) return false;
  return !!(id.imageDigest || id.imageTag);
}

function filterByTagStatus(images: ImageRec[], filter: any): ImageRec[] {
  const status = filter?.tagStatus ?? 'ANY';
  if (status === 'TAGGED') return images.filter((i) => i.tags.length > 0);
  if (status === 'UNTAGGED') return images.filter((i) => i.tags.length === 0);
  if (status !== 'ANY') throw invalidParameter(`Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: 'Member must satisfy enum value set: [TAGGED, ANY, UNTAGGED]'`);
  return images;
}

export function createRepositoryRec(state: RegionState, input: any, now: number): RepositoryRec {
  checkRegistryId(input);
  const name = input.repositoryName;
  if (typeof name !== 'string' || name.length < 2 || name.length > 256 || !REPO_NAME.test(name)) {
    throw invalidParameter(
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''`,
    );
  }
  if (state.repositories.has(name)) {
    throw new ApiError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${ACCOUNT}'`);
  }
  const repo: RepositoryRec = {
    name,
    arn: state.arn('ecr', `repository/${name}`),
    createdAt: now,
    imageTagMutability: input.imageTagMutability ?? 'MUTABLE',
    scanOnPush: !!input.imageScanningConfiguration?.scanOnPush,
    encryptionType: input.encryptionConfiguration?.encryptionType ?? 'AES256',
    images: [],
    tags: (input.tags ?? []).map((t: any) => ({ key: t.Key, value: t.Value ?? '' })),
  };
  state.repositories.set(name, repo);
  return repo;
}

/** Adds an image (or a tag to an existing digest), enforcing tag immutability. */
export function putImageRec(repo: RepositoryRec, manifest: string, mediaType: string, tag: string | undefined, now: number, sizeInBytes?: number): ImageRec {
  const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const holder = tag ? repo.images.find((i) => i.tags.includes(tag)) : undefined;
  const existing = repo.images.find((i) => i.digest === digest);
  if (existing && (!tag || existing.tags.includes(tag))) {
    throw new ApiError(
      'ImageAlreadyExistsException',
      `Image with digest '${digest}'${tag ? ` and tag '${tag}'` : ''} already exists in the repository with name '${repo.name}' in registry with id '${ACCOUNT}'`,
    );
  }
  if (holder && holder.digest !== digest) {
    if (repo.imageTagMutability.startsWith('IMMUTABLE')) {
      throw new ApiError(
        'ImageTagAlreadyExistsException',
        `The image tag '${tag}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`,
      );
    }
    holder.tags = holder.tags.filter((t) => t !== tag);
  }
  if (existing) {
    existing.tags.push(tag!);
    return existing;
  }
  let size = sizeInBytes;
  if (size === undefined) {
    try {
      const parsed = JSON.parse(manifest) as { config?: { size?: number }; layers?: { size?: number }[] };
      size = (parsed.config?.size ?? 0) + (parsed.layers ?? []).reduce((s, l) => s + (l.size ?? 0), 0);
    } catch {
      size = manifest.length;
    }
  }
  const image: ImageRec = { digest, tags: tag ? [tag] : [], pushedAt: now, sizeInBytes: size, manifestMediaType: mediaType, manifest };
  repo.images.push(image);
  return image;
}

function imageDetail(repo: RepositoryRec, image: ImageRec): Record<string, unknown> {
  const detail: Record<string, unknown> = {
    registryId: ACCOUNT,
    repositoryName: repo.name,
    imageDigest: image.digest,
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: seconds(image.pushedAt),
    imageManifestMediaType: image.manifestMediaType,
    artifactMediaType: image.manifestMediaType.includes('oci') ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json',
  };
  if (image.tags.length > 0) detail.imageTags = image.tags;
  if (image.lastPulledAt !== undefined) detail.lastRecordedPullTime = seconds(image.lastPulledAt);
  if (repo.scanOnPush) {
    detail.imageScanStatus = { status: 'COMPLETE', description: 'The scan was completed successfully.' };
    detail.imageScanFindingsSummary = { imageScanCompletedAt: seconds(image.pushedAt + 30_000), vulnerabilitySourceUpdatedAt: seconds(image.pushedAt), findingSeverityCounts: { LOW: 2, MEDIUM: 1 } };
  }
  return detail;
}

export const ecrHandlers: Record<string, Handler> = {
  async DescribeRepositories(input, ctx) {
    checkRegistryId(input);
    if (input.repositoryNames !== undefined && input.maxResults !== undefined) {
      throw invalidParameter('Cannot specify maxResults and repositoryNames in the same request.');
    }
    let repos = [...ctx.state.repositories.values()];
    if (Array.isArray(input.repositoryNames)) {
      repos = input.repositoryNames.map((n: string) => {
        const r = ctx.state.repositories.get(n);
        if (!r) throw repoNotFound(n);
        return r;
      });
    }
    const page = paginate(repos, input.maxResults, input.nextToken, 100, 1000);
    return { repositories: page.items.map((r) => repositoryView(ctx, r)), nextToken: page.nextToken };
  },

  CreateRepository(input, ctx) {
    const repo = createRepositoryRec(ctx.state, input, ctx.now);
    return { repository: repositoryView(ctx, repo) };
  },

  async DeleteRepository(input, ctx) {
    const repo = findRepository(ctx.state, input);
    await ctx.core.syncRegistry(ctx.state, [repo.name]);
    if (ctx.core.imagesOf(repo).length > 0 && !input.force) {
      throw new ApiError(
        'RepositoryNotEmptyException',
        `The repository with name '${repo.name}' in registry with id '${ACCOUNT}' cannot be deleted because it still contains images`,
      );
    }
    ctx.state.repositories.delete(repo.name);
    return { repository: repositoryView(ctx, repo) };
  },

  async DescribeImages(input, ctx) {
    const repo = findRepository(ctx.state, input);
    if (input.imageIds !== undefined && input.maxResults !== undefined) throw invalidParameter('Cannot specify maxResults and imageIds in the same request.');
    await ctx.core.syncRegistry(ctx.state, [repo.name]);
    let images = ctx.core.imagesOf(repo);
    if (Array.isArray(input.imageIds)) {
      images = (input.imageIds as ImageIdentifier[]).map((id) => {
        const found = images.find((i) => matches(i, id));
        if (!found) {
          throw new ApiError(
            'ImageNotFoundException',
            `The image with imageId ${describeImageId(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${ACCOUNT}'`,
          );
        }
        return found;
      });
    }
    images = filterByTagStatus(images, input.filter);
    const page = paginate(images, input.maxResults, input.nextToken, 100, 1000);
    return { imageDetails: page.items.map((i) => imageDetail(repo, i)), nextToken: page.nextToken };
  },

  async ListImages(input, ctx) {
    const repo = findRepository(ctx.state, input);
    await ctx.core.syncRegistry(ctx.state, [repo.name]);
    const ids: ImageIdentifier[] = [];
    for (const image of filterByTagStatus(ctx.core.imagesOf(repo), input.filter)) {
      if (image.tags.length === 0) ids.push({ imageDigest: image.digest });
      for (const tag of image.tags) ids.push({ imageDigest: image.digest, imageTag: tag });
    }
    const page = paginate(ids, input.maxResults, input.nextToken, 100, 1000);
    return { imageIds: page.items, nextToken: page.nextToken };
  },

  async BatchGetImage(input, ctx) {
    const repo = findRepository(ctx.state, input);
    await ctx.core.syncRegistry(ctx.state, [repo.name]);
    const all = ctx.core.imagesOf(repo);
    const images: unknown[] = [];
    const failures: unknown[] = [];
    for (const id of (input.imageIds ?? []) as ImageIdentifier[]) {
      const found = all.find((i) => matches(i, id));
      if (!found) {
        failures.push({ imageId: id, failureCode: id.imageTag ? 'ImageTagDoesNotMatchDigest' : 'ImageNotFound', failureReason: 'Requested image not found' });
        continue;
      }
      images.push({ registryId: ACCOUNT, repositoryName: repo.name, imageId: { imageDigest: found.digest, imageTag: id.imageTag }, imageManifest: found.manifest, imageManifestMediaType: found.manifestMediaType });
    }
    return { images, failures };
  },

  PutImage(input, ctx) {
    const repo = findRepository(ctx.state, input);
    if (typeof input.imageManifest !== 'string' || input.imageManifest === '') throw invalidParameter('imageManifest should not be null or empty.');
    const mediaType = input.imageManifestMediaType ?? 'application/vnd.docker.distribution.manifest.v2+json';
    const image = putImageRec(repo, input.imageManifest, mediaType, input.imageTag, ctx.now);
    return { image: { registryId: ACCOUNT, repositoryName: repo.name, imageId: { imageDigest: image.digest, imageTag: input.imageTag }, imageManifest: image.manifest, imageManifestMediaType: mediaType } };
  },

  async BatchDeleteImage(input, ctx) {
    const repo = findRepository(ctx.state, input);
    if (!Array.isArray(input.imageIds) || input.imageIds.length === 0) throw invalidParameter('imageIds should not be null or empty.');
    await ctx.core.syncRegistry(ctx.state, [repo.name]);
    const deleted: ImageIdentifier[] = [];
    const failures: unknown[] = [];
    for (const id of input.imageIds as ImageIdentifier[]) {
      const seeded = repo.images.find((i) => matches(i, id));
      const pushed = ctx.core.registry?.images(repo.name).find((i) => matches(i, id));
      if (!seeded && !pushed) {
        failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
        continue;
      }
      if (seeded) {
        if (id.imageTag && !id.imageDigest) seeded.tags = seeded.tags.filter((t) => t !== id.imageTag);
        if (id.imageDigest || seeded.tags.length === 0) repo.images = repo.images.filter((i) => i !== seeded);
      }
      if (pushed && ctx.core.registry) await ctx.core.registry.deleteManifest(repo.name, pushed.digest);
      deleted.push({ imageDigest: (seeded ?? pushed)!.digest, imageTag: id.imageTag });
    }
    await ctx.core.syncRegistry(ctx.state, [repo.name]);
    return { imageIds: deleted, failures };
  },

  GetAuthorizationToken(input, ctx) {
    const registry = ctx.core.registry;
    const password = registry ? registry.password : 'emulator-password';
    const user = registry ? registry.username : 'AWS';
    const proxyEndpoint = registry ? registry.endpoint : `https://${ctx.core.ecrHost(ctx.state.region)}`;
    void input;
    return {
      authorizationData: [
        { authorizationToken: Buffer.from(`${user}:${password}`).toString('base64'), expiresAt: seconds(ctx.now + 12 * 3600_000), proxyEndpoint },
      ],
    };
  },

  PutImageTagMutability(input, ctx) {
    const repo = findRepository(ctx.state, input);
    const value = input.imageTagMutability;
    if (!['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'].includes(value)) {
      throw invalidParameter(`Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'`);
    }
    repo.imageTagMutability = value;
    return { registryId: ACCOUNT, repositoryName: repo.name, imageTagMutability: value };
  },

  ListTagsForResource(input, ctx) {
    const repo = [...ctx.state.repositories.values()].find((r) => r.arn === input.resourceArn);
    if (!repo) throw invalidParameter(`Invalid parameter at 'resourceArn' failed to satisfy constraint: 'The ARN is not a valid repository ARN'`);
    return { tags: repo.tags.map((t) => ({ Key: t.key, Value: t.value })) };
  },

  TagResource(input, ctx) {
    const repo = [...ctx.state.repositories.values()].find((r) => r.arn === input.resourceArn);
    if (!repo) throw invalidParameter(`Invalid parameter at 'resourceArn' failed to satisfy constraint: 'The ARN is not a valid repository ARN'`);
    for (const t of input.tags ?? []) {
      repo.tags = repo.tags.filter((x) => x.key !== t.Key);
      repo.tags.push({ key: t.Key, value: t.Value ?? '' });
    }
    return {};
  },
};
