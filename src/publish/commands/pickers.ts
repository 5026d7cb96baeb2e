// The questions the publish commands ask from the palette or a menu: what to publish (a Dockerfile or
// a local image), the repository (with "Create repository…"), the tags, the container and the target.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { failureText } from '../../aws/errors';
import { pickCluster, pickService } from '../../deploy/commands/shared';
import { listRepositories } from '../../explorer/loaders';
import { changed } from '../../explorer/refresher';
import { runProgram } from '../childProcess';
import { checkRepositoryName, checkTag } from '../../domain/names';
import { checkLocalImage } from '../names';
import { createRepository } from '../publisher';
import type { ContainerCandidate } from '../release';
import { suggestTags } from '../tagSuggestions';
import type { PublishSession } from './session';

export async function pickSource(session: PublishSession, folder: string | undefined): Promise<{ dockerfile?: string; context?: string; localImage?: string } | undefined> {
  type Item = vscode.QuickPickItem & { dockerfile?: string; local?: boolean };
  const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*}', '**/{node_modules,.git}/**', 50);
  const items: Item[] = found
    .sort((a, b) => a.fsPath.length - b.fsPath.length)
    .map((uri) => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: vscode.l10n.t('build'), dockerfile: uri.fsPath }));
  items.push({ label: vscode.l10n.t('$(package) Push a local image…'), description: vscode.l10n.t('no build'), local: true });
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Publish image: what to publish'), placeHolder: vscode.l10n.t('A Dockerfile to build, or an existing local image') });
  if (!picked) return undefined;
  if (picked.dockerfile) return { dockerfile: picked.dockerfile, context: path.dirname(picked.dockerfile) };
  const image = await pickLocalImage(session, folder);
  return image ? { localImage: image } : undefined;
}

export async function pickLocalImage(session: PublishSession, folder: string | undefined): Promise<string | undefined> {
  // Listing images is quick; the timeout bounds an engine that stopped answering.
  const { cli } = await session.containerCli(AbortSignal.timeout(30_000));
  const result = await runProgram(cli.command, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}'], { cwd: folder, timeoutMs: 30_000 });
  const items = result.stdout
    .split('\n')
    .map((l) => l.split('\t'))
    .filter(([ref]) => ref && !ref.includes('<none>') && checkLocalImage(ref) === undefined)
    .map(([ref, id, created]) => ({ label: ref, description: `${id ?? ''} · ${created ?? ''}` }));
  if (items.length === 0) {
    return vscode.window.showInputBox({ title: vscode.l10n.t('Publish image: local image'), prompt: vscode.l10n.t('No tagged local images listed by {0}; enter a reference or id', cli.kind), validateInput: checkLocalImage });
  }
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Publish image: local image'), placeHolder: vscode.l10n.t('Local images ({0})', cli.kind) }))?.label;
}

export async function askNewRepository(): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: vscode.l10n.t('Create ECR repository'), prompt: vscode.l10n.t('Repository name (e.g. team/my-app)'), validateInput: checkRepositoryName });
}

export async function pickRepository(session: PublishSession, region: string | undefined): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { name?: string; create?: boolean };
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Publish image: repository');
  qp.placeholder = vscode.l10n.t('ECR repository to push to');
  qp.busy = true;
  const controller = new AbortController();
  const createItem: Item = { label: vscode.l10n.t('$(add) Create repository…'), create: true, alwaysShow: true };
  qp.items = [createItem];
  void (async () => {
    const items: Item[] = [];
    let token: string | undefined;
    do {
      const page = await listRepositories({ clients: session.deps.clients, region: region ?? session.deps.clients.current().region, signal: controller.signal, pageSize: 100 }, token);
      token = page.nextToken;
      for (const r of page.items) {
        items.push({ label: r.repositoryName ?? '', description: r.imageTagMutability === 'IMMUTABLE' ? vscode.l10n.t('immutable tags') : undefined, detail: r.repositoryUri, name: r.repositoryName });
      }
    } while (token && items.length < 1000);
    qp.items = [...items, createItem];
  })().then(
    () => (qp.busy = false),
    (e) => {
      qp.busy = false;
      qp.placeholder = vscode.l10n.t('Could not list repositories: {0}', failureText(e));
    },
  );
  qp.show();
  const picked = await new Promise<Item | undefined>((resolve) => {
    // Enter with nothing selected (typed ahead while the list loads, or a filter that matches
    // nothing) keeps the pick open instead of silently ending the command.
    qp.onDidAccept(() => {
      if (qp.selectedItems[0]) resolve(qp.selectedItems[0]);
    });
    qp.onDidHide(() => resolve(undefined));
  });
  controller.abort();
  qp.dispose();
  if (!picked) return undefined;
  if (!picked.create) return picked.name;
  const name = await askNewRepository();
  if (!name) return undefined;
  await createRepository({ clients: session.deps.clients, region }, name);
  session.deps.log.info(`[publish] created repository ${name}`);
  session.refreshExplorer(region, (scope) => changed.repository(scope, name));
  return name;
}

export async function pickTags(gitFolder: string | undefined, packageFolder: string | undefined): Promise<string[] | undefined> {
  const suggestions = await suggestTags(gitFolder ?? packageFolder ?? process.cwd());
  if (packageFolder && gitFolder !== packageFolder) {
    for (const s of await suggestTags(packageFolder, { includeLatest: false })) {
      if (!suggestions.some((x) => x.tag === s.tag)) suggestions.push(s);
    }
  }
  type Item = vscode.QuickPickItem & { tag?: string; other?: boolean };
  const items: Item[] = suggestions.map((s, i) => ({ label: s.tag, description: tagSource(s.source), tag: s.tag, picked: i === 0 }));
  items.push({ label: vscode.l10n.t('$(edit) Other tag…'), other: true });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Publish image: tags'), placeHolder: vscode.l10n.t('Tags for the image (the first one names it)'), canPickMany: true });
  if (!picked) return undefined;
  const tags = picked.filter((i) => i.tag).map((i) => i.tag!);
  if (picked.some((i) => i.other)) {
    const other = await vscode.window.showInputBox({ title: vscode.l10n.t('Publish image: tag'), prompt: vscode.l10n.t('Tag'), validateInput: checkTag });
    if (other) tags.unshift(other);
  }
  return tags;
}

export async function pickContainer(candidates: readonly ContainerCandidate[]): Promise<ContainerCandidate | undefined> {
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: c.container, description: c.image, candidate: c })),
    { title: vscode.l10n.t('Release: container'), placeHolder: vscode.l10n.t('Several containers use ECR images: which one gets the new image?') },
  );
  return picked?.candidate;
}

export async function pickClusterAndService(session: PublishSession, region: string | undefined): Promise<{ cluster: string; service: string } | undefined> {
  const cluster = await pickCluster(session.deps.clients, region, vscode.l10n.t('Release: cluster'));
  if (!cluster) return undefined;
  const service = await pickService(session.deps.clients, cluster, region, undefined, vscode.l10n.t('Release: service'));
  return service?.serviceName ? { cluster, service: service.serviceName } : undefined;
}

/** Where a suggested tag comes from, for the quick pick (the source itself is an identifier). */
export function tagSource(source: string): string {
  switch (source) {
    case 'git tag':
      return vscode.l10n.t('git tag');
    case 'package.json version':
      return vscode.l10n.t('package.json version');
    case 'git commit':
      return vscode.l10n.t('git commit');
    case 'git commit (uncommitted changes)':
      return vscode.l10n.t('git commit (uncommitted changes)');
    case 'timestamp':
      return vscode.l10n.t('timestamp');
    case 'latest':
      // Not "latest latest": say what the tag is.
      return vscode.l10n.t('moves to each new push');
    default:
      return source;
  }
}
