// What the commands that delete images share (Delete Image(s), Delete Untagged Images, Delete
// Repository): the images of the repository node they were run on, and which running tasks use the
// images, in the words of their confirmation. The lookup itself is ../imageUsage.ts.
import type { ImageDetail } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { AwsScope } from '../../aws/call';
import * as ecr from '../../aws/ecr';
import { withCancellableProgress } from '../../ui/command';
import { describeUsers, findImageUsers, type ImageUsage } from '../imageUsage';
import { newResource, resourceOf, type Resource } from '../resources';
import type { ExplorerCommandDeps } from './deps';

export interface RepositoryImages {
  readonly repository: Resource;
  readonly name: string;
  readonly scope: AwsScope;
  readonly images: ImageDetail[];
  /** The images as image resources of the repository (for the usage check and its text). */
  readonly asResources: Resource[];
}

/**
 * The repository node a command was run on and its images (all pages; only the untagged ones when
 * asked), read under a cancellable progress; undefined when the argument is not a repository.
 */
export async function readRepositoryImages(deps: ExplorerCommandDeps, arg: unknown, tagStatus?: 'UNTAGGED'): Promise<RepositoryImages | undefined> {
  const repository = resourceOf(arg, 'repository');
  const name = repository?.repositoryName;
  if (!repository || !name) return undefined;
  const scope = { clients: deps.clients, region: repository.region };
  const title = tagStatus ? vscode.l10n.t('Reading the untagged images of {0}…', name) : vscode.l10n.t('Reading the images of {0}…', name);
  const images = await withCancellableProgress({ title }, (signal) => ecr.listAllImages({ ...scope, signal }, name, tagStatus));
  const asResources = images.map((i) => newResource.image(repository, i));
  return { repository, name, scope, images, asResources };
}

export type { ImageUsage } from '../imageUsage';

/**
 * Which running tasks use the images, read in each image's region before the confirmation, under a
 * progress the user can cancel (a cancellation rejects).
 */
export function imageUsage(deps: ExplorerCommandDeps, images: readonly Resource[]): Promise<ImageUsage[]> {
  const regions = [...new Set(images.map((i) => i.region))];
  return withCancellableProgress({ title: vscode.l10n.t('Checking whether a service runs {0}…', images.length === 1 ? vscode.l10n.t('this image') : vscode.l10n.t('these images')) }, async (signal) => {
    const out: ImageUsage[] = [];
    for (const region of regions) {
      const checked = images
        .filter((i) => i.region === region && i.imageDigest)
        .map((i) => ({ repositoryUri: i.repositoryUri, digest: i.imageDigest!, tags: i.imageTags ?? [] }));
      out.push(await findImageUsers({ clients: deps.clients, region, signal }, checked));
    }
    return out;
  });
}

/** What the check found, for the confirmation: who runs the images, that nothing does, or why it could not tell. */
export function usageText(usage: readonly ImageUsage[], images: readonly Resource[]): string {
  const single = images.length === 1;
  const users = usage.flatMap((u) => u.users);
  const byImage = images
    .map((image) => {
      const who = describeUsers(users.filter((u) => u.digest === image.imageDigest));
      if (!who.length) return undefined;
      return single ? who.join(', ') : `${image.imageTags?.length ? image.imageTags.join(', ') : image.imageDigest?.slice(0, 19)}: ${who.join(', ')}`;
    })
    .filter((line): line is string => line !== undefined);
  const problems = usage.flatMap((u) => (u.incomplete ? [u.incomplete.replace(/\.+$/, '')] : []));
  const lines: string[] = [];
  if (byImage.length) {
    lines.push(single ? vscode.l10n.t('Running tasks use this image: {0}.', byImage[0]) : vscode.l10n.t('Running tasks use these images: {0}.', byImage.join('; ')));
  }
  if (problems.length) {
    lines.push(single
      ? vscode.l10n.t('Could not check whether a service runs this image: {0}.', problems.join('; '))
      : vscode.l10n.t('Could not check whether a service runs these images: {0}.', problems.join('; ')));
  } else if (!byImage.length) {
    const regions = [...new Set(images.map((i) => i.region))].join(', ');
    lines.push(single ? vscode.l10n.t('No running task in {0} uses this image.', regions) : vscode.l10n.t('No running task in {0} uses these images.', regions));
  }
  return lines.join('\n');
}
