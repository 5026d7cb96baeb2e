// ecsWorkbench.deleteRepository: deletes an ECR repository, confirmed with its image count. A
// repository that still has images is deleted only when the user picks "Delete with N images" (force);
// when images were pushed or deleted since they were counted, nothing is deleted.
import * as vscode from 'vscode';
import { NEVER_ABORTS } from '../../aws/call';
import * as ecr from '../../aws/ecr';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { confirmDestructive } from '../../ui/confirm';
import { formatBytes } from '../format';
import type { ExplorerCommandDeps } from './deps';
import { imageUsage, readRepositoryImages, usageText } from './imageUsage';

export function deleteRepositoryCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.deleteRepository',
    what: vscode.l10n.t('Deleting a repository'),
    trust: 'changesAws',
    runInteractive: async ([arg]) => {
      const read = await readRepositoryImages(deps, arg);
      if (!read) return;
      const { repository, name, scope, images, asResources } = read;
      const usage = asResources.length ? await imageUsage(deps, asResources) : [];
      const count = images.length;
      const size = formatBytes(images.reduce((n, i) => n + (i.imageSizeInBytes ?? 0), 0));
      const tagged = images.filter((i) => i.imageTags?.length).length;
      const where = repository.repositoryUri ?? name;
      const detail = count === 0
        ? vscode.l10n.t('{0} has no images. This cannot be undone.', where)
        : `${count === 1
          ? vscode.l10n.t('{0} still holds 1 image ({1}). Deleting the repository deletes it too.', where, size)
          : vscode.l10n.t('{0} still holds {1} images ({2} tagged, {3} untagged, {4}). Deleting the repository deletes them too.', where, count, tagged, count - tagged, size)}\n\n${usageText(usage, asResources)}\n\n${vscode.l10n.t('Tasks and services that pull them will fail to start. This cannot be undone.')}`;
      const action = count === 0 ? vscode.l10n.t('Delete') : count === 1 ? vscode.l10n.t('Delete with 1 image') : vscode.l10n.t('Delete with {0} images', count);
      if (!(await confirmDestructive(vscode.l10n.t('Delete repository {0}?', name), detail, action))) return;
      const options = { ...scope, signal: NEVER_ABORTS };
      try {
        if (count > 0) {
          // Force deletes every image: only the ones that were counted.
          const now = await ecr.listAllImages(options, name);
          const shown = new Set(images.map((i) => i.imageDigest));
          if (now.length !== count || now.some((i) => !shown.has(i.imageDigest))) {
            deps.log.warn(`Delete Repository stopped: ${name} held ${count} images when confirmed and ${now.length} (other digests) before deleting.`);
            void vscode.window.showErrorMessage(
              vscode.l10n.t('Nothing was deleted: the images of {0} changed since they were counted ({1} then, {2} now). Try again to see the new count.', name, count, now.length),
            );
            return;
          }
        }
        await ecr.deleteRepository(options, name, count > 0);
        deps.log.info(`Deleted ECR repository ${where} with ${count} images.`);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Deleted repository {0}', name), 4000);
      } catch (e) {
        const notEmpty = (e as { name?: string }).name === 'RepositoryNotEmptyException';
        void reportFailure(deps.log, {
          what: vscode.l10n.t('Deleting repository {0}', name),
          error: e,
          profile: repository.profile,
          message: notEmpty ? vscode.l10n.t('{0} was not deleted: images were pushed to it since it was shown empty. Try again to see them.', name) : undefined,
        });
      }
      for (const p of deps.providers) if (p.view === 'repositories') await p.refresh();
    },
  };
}
