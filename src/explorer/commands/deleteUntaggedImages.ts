// ecsWorkbench.deleteUntaggedImages: deletes every untagged image of a repository, confirmed with
// their count and total size. Deleted by digest, 100 to a BatchDeleteImage call (its limit), and only
// the images that are still untagged: one tagged since the list was read is kept and named. Each
// image ECR refuses (failures[]) is reported with its reason.
import type { ImageFailure } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { chunk } from '../../aws/batching';
import * as ecr from '../../aws/ecr';
import { isCancellation } from '../../aws/errors';
import { reportFailure, withCancellableProgress, type CommandSpec } from '../../ui/command';
import { confirmDestructive } from '../../ui/confirm';
import { formatBytes, shortDigest } from '../format';
import { planImageDeletion } from '../imageDeletion';
import { refreshResourceInViews } from '../refresher';
import type { ExplorerCommandDeps } from './deps';
import { imageUsage, readRepositoryImages, usageText } from './imageUsage';

export function deleteUntaggedImagesCommand(deps: ExplorerCommandDeps): CommandSpec<never, unknown> {
  return {
    id: 'ecsWorkbench.deleteUntaggedImages',
    what: vscode.l10n.t('Deleting untagged images'),
    trust: 'changesAws',
    runInteractive: async ([arg]) => {
      const read = await readRepositoryImages(deps, arg, 'UNTAGGED');
      if (!read) return;
      const { repository, name, scope, images: untagged, asResources } = read;
      if (untagged.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no untagged images.', name));
        return;
      }
      const size = formatBytes(untagged.reduce((n, i) => n + (i.imageSizeInBytes ?? 0), 0));
      const usage = await imageUsage(deps, asResources);
      const count = untagged.length;
      const message = count === 1 ? vscode.l10n.t('Delete 1 untagged image from {0}?', name) : vscode.l10n.t('Delete {0} untagged images from {1}?', count, name);
      const detail = `${count === 1 ? vscode.l10n.t('It takes {0}.', size) : vscode.l10n.t('Together they take {0}.', size)}\n\n${usageText(usage, asResources)}\n\n${vscode.l10n.t(
        'Tasks that pull them by digest will fail to start. This cannot be undone.',
      )}`;
      const action = count === 1 ? vscode.l10n.t('Delete 1 Image') : vscode.l10n.t('Delete {0} Images', count);
      if (!(await confirmDestructive(message, detail, action))) return;

      const title = vscode.l10n.t('Deleting untagged images from {0}', name);
      let deleted = 0;
      const failures: ImageFailure[] = [];
      let kept: string[] = [];
      let total = 0;
      let cancelled = false;
      try {
        await withCancellableProgress({ title }, async (signal, report) => {
          const options = { ...scope, signal };
          // Only what is still untagged: an image tagged since the list was read is someone's release now.
          const shown = untagged.map((i) => ({ digest: i.imageDigest!, tags: [] }));
          const current = await ecr.currentTagsByDigest(options, name, shown.map((i) => i.digest));
          const first = planImageDeletion(shown, current);
          kept = first.moved.map((m) => `${shortDigest(m.digest)} (${m.now.join(', ')})`);
          const moved = new Set(first.moved.map((m) => m.digest));
          const ids = first.moved.length ? planImageDeletion(shown.filter((i) => !moved.has(i.digest)), current).imageIds : first.imageIds;
          total = ids.length;
          for (const batch of chunk(ids, ecr.BATCH_DELETE_IMAGE_MAX_IDS)) {
            if (signal.aborted) break;
            const out = await ecr.batchDeleteImage(options, { repositoryName: name, imageIds: batch });
            const failed = out.failures ?? [];
            failures.push(...failed);
            deleted += batch.length - failed.length;
            report(vscode.l10n.t('{0} of {1}', deleted + failures.length, total), (100 * batch.length) / total);
          }
        });
      } catch (e) {
        if (!isCancellation(e)) {
          deps.log.info(`Deleted ${deleted} untagged images from ${name} before the failure.`);
          void reportFailure(deps.log, { what: title, error: e, profile: repository.profile });
          await refreshResourceInViews(deps.providers, { kind: 'repository', region: repository.region, profile: repository.profile, repositoryName: name });
          return;
        }
        cancelled = true;
      }
      deps.log.info(`Deleted ${deleted} of ${total} untagged images (by digest) from ${name}; ${failures.length} failed; ${kept.length} kept because they were tagged since.`);
      for (const f of failures) deps.log.warn(`Not deleted from ${name}: ${f.imageId?.imageDigest ?? f.imageId?.imageTag}: ${f.failureCode} ${f.failureReason ?? ''}`);
      const parts = [cancelled ? vscode.l10n.t('Cancelled: deleted {0} of {1} untagged images from {2}.', deleted, count, name) : vscode.l10n.t('Deleted {0} of {1} untagged images from {2}.', deleted, count, name)];
      if (kept.length) parts.push(vscode.l10n.t('Kept {0} that were tagged since the list was read: {1}.', kept.length, kept.slice(0, 3).join(', ')));
      if (failures.length) {
        parts.push(vscode.l10n.t('{0} could not be deleted: {1}', failures.length, failures
          .slice(0, 5)
          .map((f) => `${shortDigest(f.imageId?.imageDigest)}: ${f.failureReason ?? f.failureCode}`)
          .join('; ')));
      }
      if (deleted < count) void vscode.window.showWarningMessage(parts.join(' '), vscode.l10n.t('Show Log')).then((c) => c && deps.log.show(true));
      else vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Deleted {0} untagged images from {1} ({2})', deleted, name, size), 4000);
      await refreshResourceInViews(deps.providers, { kind: 'repository', region: repository.region, profile: repository.profile, repositoryName: name });
    },
  };
}
