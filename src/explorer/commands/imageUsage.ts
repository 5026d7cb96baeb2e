// Which running tasks use the images a command is about to delete, in the words of its confirmation
// (Delete Image(s), Delete Untagged Images, Delete Repository). The lookup itself is ../imageUsage.ts.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../../ui/command';
import { describeUsers, findImageUsers, type ImageUsage } from '../imageUsage';
import type { Resource } from '../resources';
import type { ExplorerCommandDeps } from './deps';

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
