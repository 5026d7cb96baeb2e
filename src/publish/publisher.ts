// The publish pipeline without any UI: check the repository and tags → build (or tag a local image)
// → log in → push with progress → confirm tag and digest with DescribeImages.
// The VS Code layer (commands.ts) asks the questions and shows progress; this module only reports.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { NEVER_ABORTS, type AwsScope } from '../aws/call';
import * as ecr from '../aws/ecr';
import type { ContainerCli } from './containerCli';
import { getEcrLogin } from './ecrAuth';
import { PublishError, cancelled } from './errors';
import { checkRepositoryName, checkTag } from '../domain/names';
import { assertValid, checkLocalImage, checkPlatform, hostOfRepositoryUri, imageUri } from './names';
import { choosePlatform, localImagePlatformWarning, type RuntimePlatform } from './platform';
import type { PushProgress } from './pushProgress';

export interface PublishRequest {
  /** Build context (defaults to the Dockerfile's folder). Relative paths are resolved against `baseDir`. */
  readonly context?: string;
  /** Dockerfile (defaults to `<context>/Dockerfile`). */
  readonly dockerfile?: string;
  /** Push an existing local image instead of building. */
  readonly localImage?: string;
  /** ECR repository name (not URI). */
  readonly repository: string;
  readonly tags: readonly string[];
  /** Explicit platform (`linux/arm64`); else the task definition's runtimePlatform, else linux/amd64. */
  readonly platform?: string;
  readonly runtimePlatform?: RuntimePlatform;
  /** Folder that relative paths are resolved against (the workspace folder). */
  readonly baseDir?: string;
}

export interface PublishResult {
  /** `host/repo:firstTag`. */
  readonly imageUri: string;
  readonly digest: string;
  readonly repositoryUri: string;
  readonly tags: readonly string[];
  readonly platform: string;
  /** Tags that pointed at another image before (mutable repository) and were moved. */
  readonly movedTags: readonly string[];
  /** Where the CLI stored the registry login, when it did. */
  readonly credentialNote?: string;
}

export type PublishStep = 'check' | 'build' | 'login' | 'push' | 'verify';

export interface PublishObserver {
  step?(step: PublishStep, message: string): void;
  progress?(tag: string, progress: PushProgress): void;
  /** Raw CLI output lines (build and push), for the log. */
  line?(text: string): void;
  warning?(text: string): void;
}

export interface RepositoryCheck {
  readonly repositoryUri: string;
  /** True when one of the requested tags cannot be overwritten. */
  readonly immutable: boolean;
  /** Requested tags that already exist, with their digest. */
  readonly existing: ReadonlyMap<string, string>;
  /** Existing tags that cannot be overwritten. */
  readonly blocked: readonly string[];
  /** Existing tags that will move to the new image. */
  readonly moving: readonly string[];
}

function isAbort(error: unknown): boolean {
  return (error as { name?: string })?.name === 'AbortError';
}

/** A tag matches an ECR exclusion filter (wildcard `*`). */
function matchesWildcard(tag: string, filter: string): boolean {
  const pattern = new RegExp('^' + filter.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return pattern.test(tag);
}

/** Whether a tag is immutable under a repository's imageTagMutability (with exclusion filters). */
export function isTagImmutable(mutability: string | undefined, filters: readonly { filter?: string }[] | undefined, tag: string): boolean {
  const excluded = (filters ?? []).some((f) => f.filter !== undefined && matchesWildcard(tag, f.filter));
  switch (mutability) {
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
    default:
      return false;
  }
}

/** The repository exists; which of the tags exist, and whether they may be overwritten. */
export async function checkRepositoryAndTags(scope: AwsScope, repository: string, tags: readonly string[], signal?: AbortSignal): Promise<RepositoryCheck> {
  let repo;
  try {
    repo = await ecr.describeRepository({ ...scope, signal: signal ?? NEVER_ABORTS }, repository);
  } catch (error) {
    if (isAbort(error)) throw cancelled(l10n.t('Checking the repository'));
    throw error;
  }
  if (!repo?.repositoryUri) {
    throw new PublishError('repository-missing', l10n.t`The ECR repository "${repository}" does not exist.`, l10n.t('Create it (the publish command offers to), then publish again.'));
  }
  const existing = new Map<string, string>();
  for (const tag of tags) {
    const digest = await digestOfTag(scope, repository, tag, signal);
    if (digest) existing.set(tag, digest);
  }
  const filters = repo.imageTagMutabilityExclusionFilters;
  const blocked = [...existing.keys()].filter((t) => isTagImmutable(repo.imageTagMutability, filters, t));
  const moving = [...existing.keys()].filter((t) => !blocked.includes(t));
  return {
    repositoryUri: repo.repositoryUri,
    immutable: tags.some((t) => isTagImmutable(repo.imageTagMutability, filters, t)),
    existing,
    blocked,
    moving,
  };
}

/** The digest a tag points at, or undefined when the tag does not exist. */
export async function digestOfTag(scope: AwsScope, repository: string, tag: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await ecr.describeImageByTag({ ...scope, signal: signal ?? NEVER_ABORTS }, repository, tag))?.imageDigest;
  } catch (error) {
    if (isAbort(error)) throw cancelled(l10n.t('Checking the tags'));
    throw error;
  }
}

/** Creates a repository (mutable tags unless `immutable`, scan on push unless `scanOnPush` is false) and returns its URI. */
export async function createRepository(scope: AwsScope, repository: string, options: { immutable?: boolean; scanOnPush?: boolean; signal?: AbortSignal } = {}): Promise<string> {
  assertValid(checkRepositoryName(repository));
  const created = await ecr.createRepository(
    { ...scope, signal: options.signal ?? NEVER_ABORTS },
    { repositoryName: repository, imageTagMutability: options.immutable ? 'IMMUTABLE' : 'MUTABLE', scanOnPush: options.scanOnPush ?? true },
  );
  return created.repositoryUri ?? repository;
}

function validate(request: PublishRequest): void {
  assertValid(checkRepositoryName(request.repository));
  if (request.tags.length === 0) throw new PublishError('invalid-input', l10n.t('At least one tag is needed.'));
  for (const tag of request.tags) assertValid(checkTag(tag));
  if (request.platform) assertValid(checkPlatform(request.platform));
  if (request.localImage) assertValid(checkLocalImage(request.localImage));
  if (request.localImage && (request.context || request.dockerfile)) {
    throw new PublishError('invalid-input', l10n.t('Give either a local image or a Dockerfile/context to build, not both.'));
  }
  if (!request.localImage && !request.context && !request.dockerfile) {
    throw new PublishError('invalid-input', l10n.t('Give a Dockerfile or build context, or a local image.'));
  }
}

/** Absolute context and Dockerfile for a request. */
export function buildPaths(request: Pick<PublishRequest, 'context' | 'dockerfile' | 'baseDir'>): { context: string; dockerfile: string } {
  const base = request.baseDir ?? process.cwd();
  if (request.dockerfile) {
    const dockerfile = path.resolve(base, request.dockerfile);
    const context = request.context ? path.resolve(base, request.context) : path.dirname(dockerfile);
    return { context, dockerfile };
  }
  const context = path.resolve(base, request.context ?? '.');
  return { context, dockerfile: path.join(context, 'Dockerfile') };
}

export interface PublishDeps {
  /** Where the ECR calls go. */
  readonly ecr: AwsScope;
  readonly cli: ContainerCli;
  /** The engine's architecture, from detection. */
  readonly engineArchitecture?: string;
  readonly observer?: PublishObserver;
  readonly signal?: AbortSignal;
}

/** Publishes: nothing is asked; every failure is a PublishError with a kind. */
export async function publishImage(request: PublishRequest, deps: PublishDeps): Promise<PublishResult> {
  validate(request);
  const { ecr, cli, observer, signal } = deps;
  const tags = [...new Set(request.tags)];

  observer?.step?.('check', l10n.t`Checking repository ${request.repository}`);
  const check = await checkRepositoryAndTags(ecr, request.repository, tags, signal);
  if (check.blocked.length > 0) {
    throw new PublishError(
      'immutable-tag',
      l10n.t`Tag ${check.blocked.join(', ')} already exists in ${request.repository}, whose tags are immutable: it cannot be overwritten.`,
      l10n.t('Choose another tag (for example the git commit or a timestamp).'),
    );
  }
  for (const tag of check.moving) observer?.warning?.(l10n.t`Tag ${tag} already exists in ${request.repository} (${check.existing.get(tag)?.slice(0, 19) ?? ''}); it will move to the new image.`);

  const host = hostOfRepositoryUri(check.repositoryUri);
  const references = tags.map((t) => imageUri(host, request.repository, t));
  const choice = choosePlatform({ explicit: request.platform, runtimePlatform: request.runtimePlatform, machineArchitecture: deps.engineArchitecture });

  if (request.localImage) {
    observer?.step?.('build', l10n.t`Tagging ${request.localImage}`);
    const info = await cli.inspectImage(request.localImage, signal);
    if (!info) throw new PublishError('local-image-missing', l10n.t`The local image ${request.localImage} does not exist.`, l10n.t`List local images with \`${cli.kind} images\`.`);
    const warning = localImagePlatformWarning(info, choice.platform);
    if (warning) observer?.warning?.(warning);
    for (const ref of references) await cli.tag(request.localImage, ref, signal);
  } else {
    if (choice.warning) observer?.warning?.(choice.warning);
    const { context, dockerfile } = buildPaths(request);
    observer?.step?.('build', l10n.t`Building ${path.basename(dockerfile)} for ${choice.platform}`);
    await cli.build({ context, dockerfile, tags: references, platform: choice.platform, signal, onLine: (l) => observer?.line?.(l) });
  }
  const info = await cli.inspectImage(references[0], signal);
  if (!info) {
    throw new PublishError(
      'build-failed',
      l10n.t`The build finished but ${references[0]} is not in the local image store, so there is nothing to push.`,
      cli.kind === 'docker'
        ? l10n.t('Your buildx builder probably keeps images in its own cache (docker-container driver): run `docker buildx use default`, or build with --load.')
        : undefined,
    );
  }

  try {
    observer?.step?.('login', l10n.t`Logging in to ${host}`);
    let login;
    try {
      login = await getEcrLogin({ ...ecr, signal: signal ?? NEVER_ABORTS });
    } catch (error) {
      if (isAbort(error)) throw cancelled(l10n.t('The registry login'));
      throw new PublishError('login-failed', l10n.t`GetAuthorizationToken failed: ${(error as Error).message}`, l10n.t('Check the AWS profile and its permission ecr:GetAuthorizationToken.'));
    }
    if (login.host !== host) observer?.warning?.(l10n.t`The registry login is for ${login.host} but the repository is at ${host}.`);
    const credentialNote = await cli.login(login, signal);
    if (credentialNote) observer?.warning?.(credentialNote);

    let digest: string | undefined;
    for (const [i, ref] of references.entries()) {
      observer?.step?.('push', l10n.t`Pushing ${request.repository}:${tags[i]}`);
      const pushed = await cli.push({
        reference: ref,
        login,
        layersTotalHint: info.layers,
        signal,
        onLine: (l) => observer?.line?.(l),
        onProgress: (p) => observer?.progress?.(tags[i], p),
      });
      if (pushed.digest && digest && pushed.digest !== digest) {
        throw new PublishError('verify-failed', l10n.t`Tags of one image were pushed with different digests (${digest} and ${pushed.digest}).`);
      }
      digest ??= pushed.digest;
    }

    observer?.step?.('verify', l10n.t`Confirming ${tags.join(', ')} in ${request.repository}`);
    let confirmed: string | undefined;
    for (const tag of tags) {
      const remote = await digestOfTag(ecr, request.repository, tag, signal);
      if (!remote) throw new PublishError('verify-failed', l10n.t`The push ended but ECR does not list tag ${tag} in ${request.repository}.`);
      if (digest && remote !== digest) {
        throw new PublishError('verify-failed', l10n.t`ECR lists ${request.repository}:${tag} with digest ${remote}, but the CLI pushed ${digest}.`);
      }
      if (confirmed && remote !== confirmed) throw new PublishError('verify-failed', l10n.t`The tags of ${request.repository} point at different digests after the push.`);
      confirmed = remote;
    }
    return {
      imageUri: references[0],
      digest: confirmed ?? digest ?? '',
      repositoryUri: check.repositoryUri,
      tags,
      platform: choice.platform,
      movedTags: check.moving,
      credentialNote,
    };
  } finally {
    await cli.dispose();
  }
}
