// ecsWorkbench.deleteImages: deletes the selected images, confirmed with every tag that goes.
import * as vscode from 'vscode';
import { NEVER_ABORTS } from '../../aws/call';
import * as ecr from '../../aws/ecr';
import { reportFailure, type CommandSpec } from '../../ui/command';
import { confirmDestructive } from '../../ui/confirm';
import { planImageDeletion } from '../imageDeletion';
import { resourcesOf, type Resource } from '../resources';
import { refreshResourceInViews } from '../refresher';
import type { ExplorerCommandDeps } from './deps';
import { imageUsage, usageText, type ImageUsage } from './imageUsage';

export function deleteImagesCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.deleteImages',
    what: vscode.l10n.t('Deleting images'),
    trust: 'changesAws',
    runInteractive: async ([clicked, selected]) => {
      const images = resourcesOf(clicked, selected, 'image');
      if (images.length === 0) return;
      const byRepo = new Map<string, Resource[]>();
      for (const i of images) {
        const key = `${i.region}|${i.repositoryName}`;
        byRepo.set(key, [...(byRepo.get(key) ?? []), i]);
      }
      const lines = images.map((i) =>
        i.imageTags && i.imageTags.length
          ? `${i.repositoryName}: ${i.imageTags.join(', ')} (${i.imageDigest?.slice(0, 19)})`
          : vscode.l10n.t('{0}: untagged {1}', i.repositoryName ?? '', i.imageDigest?.slice(0, 19) ?? ''),
      );
      const tagCount = images.reduce((n, i) => n + (i.imageTags?.length ?? 0), 0);
      const message =
        images.length === 1 ? vscode.l10n.t('Delete image {0}?', lines[0]) : vscode.l10n.t('Delete {0} images from {1}?', images.length, [...new Set(images.map((i) => i.repositoryName))].join(', '));
      const consequence = tagCount === 0
        ? images.length === 1
          ? vscode.l10n.t('This deletes the untagged image. Tasks and services that pull it by digest will fail to start. This cannot be undone.')
          : vscode.l10n.t('This deletes the untagged images. Tasks and services that pull them by digest will fail to start. This cannot be undone.')
        : images.length === 1
          ? tagCount === 1
            ? vscode.l10n.t('This removes 1 tag and the image behind it. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.')
            : vscode.l10n.t('This removes {0} tags and the image behind it. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.', tagCount)
          : tagCount === 1
            ? vscode.l10n.t('This removes 1 tag and the images behind them. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.')
            : vscode.l10n.t('This removes {0} tags and the images behind them. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.', tagCount);
      const list = images.length === 1
        ? ''
        : `${lines.slice(0, 15).join('\n')}${lines.length > 15 ? `\n${vscode.l10n.t('… and {0} more', lines.length - 15)}` : ''}\n\n`;
      let usage: ImageUsage[];
      try {
        usage = await imageUsage(deps, images);
      } catch {
        return; // the user cancelled the check: nothing is asked, nothing deleted
      }
      const detail = `${list}${usageText(usage, images)}\n\n${consequence}`;
      if (!(await confirmDestructive(message, detail, vscode.l10n.t('Delete')))) return;
      for (const group of byRepo.values()) {
        const first = group[0];
        const options = { clients: deps.clients, region: first.region, signal: NEVER_ABORTS };
        const shown = group.filter((i) => i.imageDigest).map((i) => ({ digest: i.imageDigest!, tags: i.imageTags ?? [] }));
        try {
          // Delete what was shown or nothing: a tag pushed since the list loaded now names another image.
          const plan = planImageDeletion(shown, await ecr.currentTagsByDigest(options, first.repositoryName!, shown.map((i) => i.digest)));
          if (plan.moved.length) {
            const what = plan.moved
              .slice(0, 3)
              .map((m) => vscode.l10n.t('{0} was shown with {1}, now has {2}', m.digest.slice(0, 19), m.shown.join(', ') || vscode.l10n.t('no tag'), m.now.join(', ') || vscode.l10n.t('no tag')))
              .join('; ');
            deps.log.warn(`Delete Image(s) stopped: tags moved in ${first.repositoryName} since the list was loaded (${what}).`);
            void vscode.window.showErrorMessage(
              vscode.l10n.t('Nothing was deleted from {0}: its tags changed since the list was loaded ({1}). Look at the refreshed list and try again.', first.repositoryName ?? '', what),
            );
          } else if (plan.imageIds.length) {
            const out = await ecr.batchDeleteImage(options, { repositoryName: first.repositoryName, imageIds: plan.imageIds });
            const failures = out.failures ?? [];
            deps.log.info(`Deleted ${plan.imageIds.length - failures.length} images (by digest) from ${first.repositoryName}; ${plan.gone.length} were already gone.`);
            if (failures.length) {
              void vscode.window.showWarningMessage(
                vscode.l10n.t('{0} of {1} could not be deleted from {2}: {3}', failures.length, plan.imageIds.length, first.repositoryName ?? '', failures
                  .slice(0, 3)
                  .map((f) => `${f.imageId?.imageTag ?? f.imageId?.imageDigest}: ${f.failureReason ?? f.failureCode}`)
                  .join('; ')),
              );
            }
          }
        } catch (e) {
          void reportFailure(deps.log, { what: vscode.l10n.t('Deleting images from {0}', first.repositoryName ?? ''), error: e, profile: first.profile });
        }
        await refreshResourceInViews(deps.providers, { kind: 'repository', region: first.region, profile: first.profile, repositoryName: first.repositoryName });
      }
    },
  };
}
