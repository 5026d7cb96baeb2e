// Context actions of the explorer tree. Commands that need a node are hidden from the palette; the
// ones in the palette take explicit arguments or ask with quick picks. Destructive ones confirm
// first and say exactly what will change.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { Connection } from '../aws/connection';
import { consoleUrl, imageReference, validateDesiredCount } from '../aws/console';
import { checkRepositoryName } from '../domain/names';
import { classifyAwsError } from '../aws/errors';
import { describeErrorForLog } from '../aws/redact';
import { confirmDestructive } from '../ui/confirm';
import { copyWithFeedback } from '../ui/clipboard';
import { NEVER_ABORTS } from '../aws/call';
import * as ecr from '../aws/ecr';
import { describeService, stopTask, updateService } from '../aws/ecs';
import { listTaskDefinitionRevisions } from './loaders';
import { resourceOf, resourcesOf, type Resource } from './resources';
import { registrableJson, taskDefinitionUri } from './taskDefinitionDocument';
import { refreshResourceInViews } from './refresher';
import type { ExplorerTreeProvider } from './treeProvider';
import { resourceName } from '../domain/arn';

export interface ExplorerCommandDeps {
  readonly clients: AwsClients;
  readonly connection: Connection;
  readonly log: vscode.LogOutputChannel;
  readonly providers: readonly ExplorerTreeProvider[];
}

export function registerExplorerCommands(context: vscode.ExtensionContext, deps: ExplorerCommandDeps): void {
  const { clients, log, providers } = deps;

  const refreshAfterChange = (resource: Resource): Promise<void> => refreshResourceInViews(providers, resource);

  const fail = (what: string, error: unknown, profile?: string): void => {
    const info = classifyAwsError(error, { profile });
    log.error(`${what} failed: ${describeErrorForLog(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}. {2}', what, info.title, info.detail), vscode.l10n.t('Show Log')).then((c) => {
      if (c) log.show();
    });
  };

  const register = (id: string, fn: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  // -------------------------------------------------------------- copy / open

  register('ecsWorkbench.copyArn', async (arg) => {
    const r = resourceOf(arg);
    const arn = r?.arn ?? r?.taskDefinitionArn ?? r?.serviceArn ?? r?.taskArn ?? r?.clusterArn ?? r?.repositoryArn;
    if (arn) await copyWithFeedback(arn, 'ARN');
  });
  register('ecsWorkbench.copyUri', async (arg) => {
    const r = resourceOf(arg);
    const uri = r ? (imageReference(r) ?? r.image) : undefined;
    if (uri) await copyWithFeedback(uri, r?.kind === 'repository' ? vscode.l10n.t('repository URI') : vscode.l10n.t('image URI'));
  });
  register('ecsWorkbench.copyDigest', async (arg) => {
    const r = resourceOf(arg);
    if (r?.imageDigest) await copyWithFeedback(r.imageDigest, vscode.l10n.t('digest'));
  });
  register('ecsWorkbench.openInConsole', async (arg) => {
    const r = resourceOf(arg);
    const url = r && consoleUrl(r);
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
  });

  // -------------------------------------------------------------- task definitions

  register('ecsWorkbench.openTaskDefinition', async (arg) => {
    const r = resourceOf(arg, 'taskDefinitionRevision');
    if (!r) return;
    const doc = await vscode.workspace.openTextDocument(taskDefinitionUri(r));
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  });

  // A revision opens read-only (it is what AWS has); editing starts from an untitled copy named like a
  // task-definition file, so the linter and its quick fixes work on it and Register Task Definition
  // (editor title) registers it as the family's next revision. Saving it is the user's choice.
  register('ecsWorkbench.editTaskDefinition', async (arg): Promise<vscode.Uri | undefined> => {
    const r = resourceOf(arg, 'taskDefinitionRevision');
    if (!r?.family) return undefined;
    // Described directly, not through the read-only document: a failure is an error message (not a
    // copy full of comments), and no second document stays loaded with its findings in Problems.
    let registrable: string;
    try {
      const revision = r.taskDefinitionArn ?? `${r.family}:${r.revision}`;
      registrable = await registrableJson({ clients, region: r.region, profile: r.profile, signal: deps.connection.signal, pageSize: 1 }, revision);
    } catch (e) {
      fail(vscode.l10n.t('Opening {0}:{1} for editing', r.family, r.revision ?? ''), e, r.profile);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `${r.family}.task-definition.json` }));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), registrable);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('Could not open a copy of {0}:{1} to edit.', r.family, r.revision ?? ''));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc.uri;
  });

  register('ecsWorkbench.compareRevisions', async (clicked, selected) => {
    const chosen = resourcesOf(clicked, selected, 'taskDefinitionRevision');
    if (chosen.length === 0) return;
    let [left, right] = chosen;
    if (!right) {
      // One revision: pick the other one from the same family.
      const base = left;
      const picked = await vscode.window.showQuickPick(
        (async () => {
          const { items } = await listTaskDefinitionRevisions(
            { clients, region: base.region, profile: base.profile, signal: deps.connection.signal, pageSize: 100 },
            base.family!,
            'ACTIVE',
          );
          return items
            .filter((i) => i.revision !== base.revision)
            .map((i) => ({ label: `${i.family}:${i.revision}`, description: i.status, ref: i }));
        })(),
        { title: vscode.l10n.t('Compare {0}:{1} with…', base.family ?? '', base.revision ?? ''), placeHolder: vscode.l10n.t('Pick another revision') },
      );
      if (!picked) return;
      right = { ...base, taskDefinitionArn: picked.ref.arn, arn: picked.ref.arn, revision: picked.ref.revision };
    }
    // Older on the left.
    if ((left.revision ?? 0) > (right.revision ?? 0)) [left, right] = [right, left];
    await vscode.commands.executeCommand(
      'vscode.diff',
      taskDefinitionUri(left),
      taskDefinitionUri(right),
      `${left.family}:${left.revision} ↔ ${right.family}:${right.revision}`,
    );
  });

  // -------------------------------------------------------------- services and tasks

  register('ecsWorkbench.scaleService', async (arg, desired?: unknown) => {
    const r = resourceOf(arg, 'service');
    if (!r?.clusterArn || !r.serviceName) return;
    const current = await describeService(
      { clients, region: r.region, signal: deps.connection.signal },
      r.clusterArn,
      r.serviceArn ?? r.serviceName,
    ).catch(() => undefined);
    const from = current?.desiredCount;
    let text = typeof desired === 'number' || typeof desired === 'string' ? String(desired) : undefined;
    if (text === undefined) {
      text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Scale {0} ({1})', r.serviceName ?? '', r.clusterName ?? ''),
        prompt: from !== undefined ? vscode.l10n.t('Desired number of tasks (now {0})', from) : vscode.l10n.t('Desired number of tasks'),
        value: from !== undefined ? String(from) : '',
        validateInput: (v) => validateDesiredCount(v),
      });
      if (text === undefined) return;
    }
    const problem = validateDesiredCount(text);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    const to = Number(text.trim());
    if (from === to) return;
    const change =
      from === undefined
        ? vscode.l10n.t('The desired count becomes {0}.', to)
        : to < from
          ? scaleDownText(from, to)
          : to - from === 1
            ? vscode.l10n.t('The desired count goes from {0} to {1}: ECS starts 1 more task.', from, to)
            : vscode.l10n.t('The desired count goes from {0} to {1}: ECS starts {2} more tasks.', from, to, to - from);
    if (!(await confirmDestructive(vscode.l10n.t('Scale service "{0}" in cluster "{1}" to {2}?', r.serviceName ?? '', r.clusterName ?? '', to), change, vscode.l10n.t('Scale')))) return;
    try {
      await updateService({ clients, region: r.region, signal: NEVER_ABORTS }, { cluster: r.clusterArn, service: r.serviceName, desiredCount: to });
      log.info(`Scaled ${r.serviceName} (${r.clusterName}, ${r.region}) from ${from ?? '?'} to ${to}.`);
      await refreshAfterChange(r);
    } catch (e) {
      fail(vscode.l10n.t('Scaling {0}', r.serviceName), e, r.profile);
    }
  });

  register('ecsWorkbench.forceNewDeployment', async (arg) => {
    const r = resourceOf(arg, 'service');
    if (!r?.clusterArn || !r.serviceName) return;
    const revision = r.taskDefinitionArn?.replace(/^.*task-definition\//, '');
    if (
      !(await confirmDestructive(
        vscode.l10n.t('Force a new deployment of "{0}" in cluster "{1}"?', r.serviceName ?? '', r.clusterName ?? ''),
        revision
          ? vscode.l10n.t('ECS starts new tasks of the same revision ({0}) and stops every running task of the service once the new ones are healthy. The image tags are resolved again, so a moved tag deploys its new image.', revision)
          : vscode.l10n.t('ECS starts new tasks of the same revision and stops every running task of the service once the new ones are healthy. The image tags are resolved again, so a moved tag deploys its new image.'),
        vscode.l10n.t('Force New Deployment'),
      ))
    )
      return;
    try {
      await updateService({ clients, region: r.region, signal: NEVER_ABORTS }, { cluster: r.clusterArn, service: r.serviceName, forceNewDeployment: true });
      log.info(`Forced a new deployment of ${r.serviceName} (${r.clusterName}, ${r.region}).`);
      await refreshAfterChange(r);
    } catch (e) {
      fail(vscode.l10n.t('Forcing a new deployment of {0}', r.serviceName), e, r.profile);
    }
  });

  register('ecsWorkbench.stopTask', async (arg) => {
    const r = resourceOf(arg, 'task');
    if (!r?.taskArn) return;
    const id = resourceName(r.taskArn);
    const detail = r.serviceName
      ? vscode.l10n.t('The task runs {0}:{1} for service "{2}". It stops now; the service starts a replacement to keep its desired count.', r.family ?? '', r.revision ?? '', r.serviceName ?? '')
      : vscode.l10n.t('The standalone task ({0}:{1}) stops now and is not replaced.', r.family ?? '', r.revision ?? '');
    if (!(await confirmDestructive(vscode.l10n.t('Stop task {0} in cluster "{1}"?', id, r.clusterName ?? ''), detail, vscode.l10n.t('Stop Task')))) return;
    try {
      await stopTask({ clients, region: r.region, signal: NEVER_ABORTS }, { cluster: r.clusterArn, task: r.taskArn, reason: 'Stopped from ECS Workbench' });
      log.info(`Stopped task ${r.taskArn}.`);
      await refreshAfterChange(r);
    } catch (e) {
      fail(vscode.l10n.t('Stopping task {0}', id), e, r.profile);
    }
  });

  // -------------------------------------------------------------- ECR

  register('ecsWorkbench.deleteImages', async (clicked, selected) => {
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
    const consequence =
      images.length === 1
        ? tagCount === 1
          ? vscode.l10n.t('This removes 1 tag and the image behind it. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.')
          : vscode.l10n.t('This removes {0} tags and the image behind it. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.', tagCount)
        : tagCount === 1
          ? vscode.l10n.t('This removes 1 tag and the images behind them. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.')
          : vscode.l10n.t('This removes {0} tags and the images behind them. Tasks and services that pull these tags or digests will fail to start. This cannot be undone.', tagCount);
    const list = images.length === 1
      ? ''
      : `${lines.slice(0, 15).join('\n')}${lines.length > 15 ? `\n${vscode.l10n.t('… and {0} more', lines.length - 15)}` : ''}\n\n`;
    const detail = `${list}${consequence}`;
    if (!(await confirmDestructive(message, detail, vscode.l10n.t('Delete')))) return;
    for (const group of byRepo.values()) {
      const first = group[0];
      const imageIds: { imageTag?: string; imageDigest?: string }[] = group.flatMap((i): { imageTag?: string; imageDigest?: string }[] =>
        i.imageTags && i.imageTags.length
          ? i.imageTags.map((imageTag) => ({ imageTag }))
          : [{ imageDigest: i.imageDigest }],
      );
      try {
        const out = await ecr.batchDeleteImage({ clients, region: first.region, signal: NEVER_ABORTS }, { repositoryName: first.repositoryName, imageIds });
        const failures = out.failures ?? [];
        log.info(`Deleted ${imageIds.length - failures.length} image ids from ${first.repositoryName}.`);
        if (failures.length) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t('{0} of {1} could not be deleted from {2}: {3}', failures.length, imageIds.length, first.repositoryName ?? '', failures
              .slice(0, 3)
              .map((f) => `${f.imageId?.imageTag ?? f.imageId?.imageDigest}: ${f.failureReason ?? f.failureCode}`)
              .join('; ')),
          );
        }
      } catch (e) {
        fail(vscode.l10n.t('Deleting images from {0}', first.repositoryName ?? ''), e, first.profile);
      }
      await refreshAfterChange({ kind: 'repository', region: first.region, profile: first.profile, repositoryName: first.repositoryName });
    }
  });

  register('ecsWorkbench.createRepository', async (arg?: unknown) => {
    const explicit = typeof arg === 'object' && arg !== null && typeof (arg as { name?: unknown }).name === 'string' ? (arg as CreateRepositoryArgs) : undefined;
    const target = resourceOf(arg);
    const region = explicit?.region ?? target?.region ?? deps.connection.target.region;
    let name = explicit?.name;
    if (name === undefined) {
      name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Create ECR repository in {0}', region),
        prompt: vscode.l10n.t('Repository name'),
        placeHolder: vscode.l10n.t({ message: 'team/web-api', comment: ['An example repository name: keep the format (lowercase, / between namespaces)'] }),
        validateInput: (v) => checkRepositoryName(v),
      });
      if (name === undefined) return;
    }
    const problem = checkRepositoryName(name);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    let mutability = explicit?.imageTagMutability;
    let scanOnPush = explicit?.scanOnPush;
    if (!explicit) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Immutable tags, scan on push'), description: vscode.l10n.t('recommended: a tag always means the same image'), m: 'IMMUTABLE' as const, s: true },
          { label: vscode.l10n.t('Mutable tags, scan on push'), m: 'MUTABLE' as const, s: true },
          { label: vscode.l10n.t('Mutable tags, no scan'), m: 'MUTABLE' as const, s: false },
        ],
        { title: vscode.l10n.t('Settings of {0}', name) },
      );
      if (!picked) return;
      mutability = picked.m;
      scanOnPush = picked.s;
    }
    try {
      const repository = await ecr.createRepository(
        { clients, region, signal: NEVER_ABORTS },
        { repositoryName: name, imageTagMutability: mutability ?? 'MUTABLE', scanOnPush: scanOnPush ?? false },
      );
      log.info(`Created ECR repository ${repository.repositoryUri ?? name}.`);
      for (const p of providers) if (p.view === 'repositories') await p.refresh();
      if (!explicit) vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Created {0}', repository.repositoryUri ?? name), 4000);
      return repository.repositoryUri;
    } catch (e) {
      fail(vscode.l10n.t('Creating repository {0}', name), e, deps.connection.target.profile);
      return undefined;
    }
  });

}

interface CreateRepositoryArgs {
  readonly name: string;
  readonly region?: string;
  readonly imageTagMutability?: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush?: boolean;
}

/** The confirmation detail of scaling a service down, one sentence per case (not an English plural suffix). */
function scaleDownText(from: number, to: number): string {
  const stopped = from - to;
  if (to === 0) {
    return stopped === 1
      ? vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops 1 task. The service will run no tasks.', from, to)
      : vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops {2} tasks. The service will run no tasks.', from, to, stopped);
  }
  return stopped === 1
    ? vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops 1 task.', from, to)
    : vscode.l10n.t('The desired count goes from {0} to {1}: ECS stops {2} tasks.', from, to, stopped);
}
