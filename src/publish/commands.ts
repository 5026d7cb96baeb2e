// VS Code side of publishing: `ecsWorkbench.publishImage` and `ecsWorkbench.release`. With explicit
// arguments they ask nothing and resolve with their result; otherwise they ask with quick picks. The
// work itself is in publisher.ts and release.ts; this file only asks, shows progress and reports.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { describeRevision, registerWithImages } from '../deploy/operations';
import { failureText } from '../deploy/presentation';
import { describeProgress } from '../deploy/rolloutTracker';
import { revisionLabel } from '../domain/arn';
import { pickCluster, pickFamily, pickService } from '../deploy/commands/shared';
import { listRepositories, type LoadContext } from '../explorer/loaders';
import { resourceOf, type Resource } from '../explorer/resources';
import { changeScope, changed, type ChangeScope, type ExplorerRefresher } from '../explorer/refresher';
import { tryParseImageReference } from '../domain/imageRef';
import { runProgram } from './childProcess';
import { ContainerCli, CONTAINER_CLIS, detectContainerCli } from './containerCli';
import { PublishError, isPublishError, type ContainerCliKind } from './errors';
import { checkRepositoryName, checkTag } from '../domain/names';
import { checkLocalImage, checkPlatform } from './names';
import { checkRepositoryAndTags, createRepository, publishImage, type PublishObserver, type PublishRequest, type PublishResult } from './publisher';
import { formatPushStatus } from './pushProgress';
import { RELEASE_STEPS, ReleaseError, containerCandidates, release, type ContainerCandidate, type ReleaseRequest, type ReleaseResult, type ReleaseStep } from './release';
import { defaultReleaseTag, suggestTags } from './tagSuggestions';
import type { Milestones } from '../ui/milestones';

export interface PublishCommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly clients: AwsClients;
  readonly milestones: Milestones;
  readonly refresher: ExplorerRefresher;
}

/** Explicit arguments of `ecsWorkbench.publishImage`: the publish request less what only the extension sets, plus a region. */
export type PublishImageArgs = Omit<PublishRequest, 'runtimePlatform' | 'baseDir'> & { readonly region?: string };

/** Explicit arguments of `ecsWorkbench.release`: the pipeline's request less what only the extension sets. */
export type ReleaseArgs = Omit<ReleaseRequest, 'baseDir' | 'published'>;

function isPlainObject(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg);
}

export function isPublishImageArgs(arg: unknown): arg is PublishImageArgs {
  return isPlainObject(arg) && typeof arg.repository === 'string' && Array.isArray(arg.tags);
}

export function isReleaseArgs(arg: unknown): arg is ReleaseArgs {
  return isPlainObject(arg) && typeof arg.cluster === 'string' && typeof arg.service === 'string';
}

/** The title of a release step, in the display language. */
function stepTitle(step: ReleaseStep): string {
  switch (step) {
    case 'publish':
      return vscode.l10n.t('Publish image');
    case 'render':
      return vscode.l10n.t('Render revision');
    case 'register':
      return vscode.l10n.t('Register revision');
    case 'deploy':
      return vscode.l10n.t('Deploy');
    case 'follow':
      return vscode.l10n.t('Follow rollout');
  }
}

export class PublishCommands implements vscode.Disposable {
  private readonly status: vscode.StatusBarItem;
  private detected: { cli: ContainerCliKind; architecture?: string } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: PublishCommandDeps) {
    this.status = vscode.window.createStatusBarItem('ecsWorkbench.publish', vscode.StatusBarAlignment.Left, 40);
    this.status.name = vscode.l10n.t('ECS Workbench: Publish');
    this.subscriptions.push(
      this.status,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ecsWorkbench.containerCli')) this.detected = undefined;
      }),
    );
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  // ---------------------------------------------------------------- shared pieces

  /**
   * Callers with arguments get a rejection; the interactive form is told once (with a way to manage
   * trust) and gets false, as in the deploy commands: a rejection there would add VS Code's own
   * "resulted in an error" dialog to the notification.
   */
  private trusted(what: string, interactive: boolean): boolean {
    if (vscode.workspace.isTrusted) return true;
    const message = vscode.l10n.t('{0} runs a container CLI and changes AWS resources: it needs a trusted workspace.', what);
    if (!interactive) throw new Error(message);
    void vscode.window.showErrorMessage(message, vscode.l10n.t('Manage Workspace Trust')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return false;
  }

  /** The configured CLI, or the first whose engine answers (cached until the setting changes or it fails). */
  private async containerCli(signal?: AbortSignal): Promise<{ cli: ContainerCli; architecture?: string }> {
    const setting = vscode.workspace.getConfiguration('ecsWorkbench').get<string>('containerCli', 'auto');
    const configured = (CONTAINER_CLIS as readonly string[]).includes(setting) ? (setting as ContainerCliKind) : undefined;
    if (!this.detected || (configured && this.detected.cli !== configured)) {
      const found = await detectContainerCli(configured, { signal });
      for (const p of found.probes) this.deps.log.info(`[publish] ${p.cli}: ${p.ok ? `engine answers (${p.architecture})` : p.reason}`);
      this.detected = { cli: found.cli, architecture: found.architecture };
    }
    const log = (line: string): void => this.deps.log.info(`[publish] ${line}`);
    return { cli: new ContainerCli(this.detected.cli, { log }), architecture: this.detected.architecture };
  }

  private workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  }

  private loadContext(signal: AbortSignal, region?: string): LoadContext {
    return { clients: this.deps.clients, region: region ?? this.deps.clients.current().region, signal, pageSize: 100 };
  }

  /** Shows what changed in the explorer: a pushed image or new repository, a registered revision, a deployed service. */
  private refreshExplorer(region: string | undefined, ...what: ((scope: ChangeScope) => Resource | undefined)[]): void {
    const scope = changeScope(this.deps.clients.current(), region);
    for (const resource of what.map((w) => w(scope))) if (resource) void this.deps.refresher.refresh(resource);
  }

  /** `movesConfirmed`: the user already confirmed moving tags in a modal, so that warning is only logged. */
  private observer(repository: () => string, progress?: vscode.Progress<{ message?: string }>, movesConfirmed = false): PublishObserver {
    return {
      step: (step, message) => {
        this.deps.log.info(`[publish] ${message}`);
        this.status.text = `$(${step === 'push' ? 'cloud-upload' : step === 'build' ? 'tools' : 'sync~spin'}) ${message}`;
        this.status.accessibilityInformation = { label: vscode.l10n.t('Publishing image: {0}', message) };
        this.status.show();
        progress?.report({ message });
      },
      progress: (tag, p) => {
        const text = formatPushStatus(`${repository()}:${tag}`, p);
        this.status.text = `$(cloud-upload) ${text}`;
        this.status.accessibilityInformation = { label: vscode.l10n.t('Pushing image: {0}', text) };
        this.status.show();
        progress?.report({ message: text });
      },
      line: (text) => this.deps.log.trace(`[publish] ${text}`),
      warning: (text) => {
        this.deps.log.warn(`[publish] ${text}`);
        if (!(movesConfirmed && /will move to the new image/.test(text))) void vscode.window.showWarningMessage(text);
      },
    };
  }

  private logFailure(what: string, error: unknown): void {
    const detail = isPublishError(error) ? [error.hint, error.detail].filter(Boolean).join('\n') : '';
    this.deps.log.error(`[publish] ${what}: ${(error as Error)?.message ?? String(error)}${detail ? `\n${detail}` : ''}`);
  }

  private messageOf(error: unknown): string {
    if (isPublishError(error) || error instanceof ReleaseError) return error.message;
    return failureText(error);
  }

  // ---------------------------------------------------------------- publishImage

  async publishImage(arg?: unknown): Promise<{ imageUri: string; digest: string } | undefined> {
    if (isPublishImageArgs(arg)) {
      this.trusted(vscode.l10n.t('Publishing an image'), false);
      const result = await this.runPublish(this.requestFromArgs(arg), arg.region, false);
      return { imageUri: result.imageUri, digest: result.digest };
    }
    if (!this.trusted(vscode.l10n.t('Publishing an image'), true)) return undefined;
    const node = resourceOf(arg, 'repository');
    try {
      const request = await this.askPublish(node?.repositoryName, node?.region);
      if (!request) return undefined;
      const result = await this.runPublish(request, node?.region, true);
      void this.afterPublish(result, request, node?.region);
      return { imageUri: result.imageUri, digest: result.digest };
    } catch (error) {
      await this.showPublishError(error, node?.region);
      return undefined;
    }
  }

  private requestFromArgs(arg: PublishImageArgs): PublishRequest {
    const problems = [
      checkRepositoryName(arg.repository),
      ...arg.tags.map((t) => (typeof t === 'string' ? checkTag(t) : vscode.l10n.t('Tags must be strings.'))),
      arg.platform !== undefined ? checkPlatform(arg.platform) : undefined,
      arg.localImage !== undefined ? checkLocalImage(arg.localImage) : undefined,
    ].filter((p): p is string => p !== undefined);
    if (problems.length) throw new PublishError('invalid-input', problems.join(' '));
    const baseDir = this.workspaceFolder();
    return {
      repository: arg.repository,
      tags: arg.tags,
      platform: arg.platform,
      localImage: arg.localImage,
      context: arg.context,
      dockerfile: arg.dockerfile,
      baseDir,
    };
  }

  private async runPublish(request: PublishRequest, region: string | undefined, interactive: boolean): Promise<PublishResult> {
    const label = (): string => `${request.repository}:${request.tags[0]}`;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Publishing {0}', label()), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          try {
            const { cli, architecture } = await this.containerCli(controller.signal);
            this.deps.log.info(`[publish] ${label()} with ${cli.kind}${interactive ? '' : ' (explicit arguments)'}`);
            const result = await publishImage(request, {
              ecr: { clients: this.deps.clients, region },
              cli,
              engineArchitecture: architecture,
              observer: this.observer(() => request.repository, progress, interactive),
              signal: controller.signal,
            });
            this.deps.log.info(`[publish] published ${result.imageUri} ${result.digest} (platform ${result.platform})`);
            this.deps.milestones.reached('imagePublished');
            return result;
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (error) {
      if (isPublishError(error, 'engine-not-running') || isPublishError(error, 'cli-not-found')) this.detected = undefined;
      this.logFailure(`Publishing ${label()}`, error);
      throw error;
    } finally {
      this.status.hide();
      this.refreshExplorer(region, (scope) => changed.repository(scope, request.repository));
    }
  }

  private async showPublishError(error: unknown, region: string | undefined): Promise<void> {
    const message = this.messageOf(error);
    const hint = isPublishError(error) && error.hint ? error.hint : '';
    if (isPublishError(error, 'cancelled')) {
      void vscode.window.showInformationMessage(message);
      return;
    }
    const createRepositoryAction = vscode.l10n.t('Create Repository');
    const publishAgain = vscode.l10n.t('Publish Again');
    const showLog = vscode.l10n.t('Show Log');
    const actions: string[] = [];
    if (isPublishError(error, 'repository-missing')) actions.push(createRepositoryAction);
    if (isPublishError(error, 'immutable-tag')) actions.push(publishAgain);
    actions.push(showLog);
    const choice = await vscode.window.showErrorMessage(hint ? vscode.l10n.t('{0} {1}', message, hint) : message, ...actions);
    if (choice === showLog) this.deps.log.show(true);
    if (choice === publishAgain) void vscode.commands.executeCommand('ecsWorkbench.publishImage');
    if (choice === createRepositoryAction) {
      const name = await this.askNewRepository();
      if (!name) return;
      try {
        await createRepository({ clients: this.deps.clients, region }, name);
        this.deps.log.info(`[publish] created repository ${name}`);
        this.refreshExplorer(region, (scope) => changed.repository(scope, name));
      } catch (createError) {
        // This runs after the command's own error handling: unhandled, it would reach the user as VS Code's raw "resulted in an error".
        this.logFailure(`Creating repository ${name}`, createError);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the repository {0}: {1}', name, this.messageOf(createError)));
      }
    }
  }

  /** Source (Dockerfile or local image) → repository → tags → confirmation of moving tags. */
  private async askPublish(repositoryFromNode: string | undefined, region: string | undefined): Promise<PublishRequest | undefined> {
    const folder = this.workspaceFolder();
    const source = await this.pickSource(folder);
    if (!source) return undefined;
    const repository = repositoryFromNode ?? (await this.pickRepository(region));
    if (!repository) return undefined;
    const tagFolder = source.dockerfile ? path.dirname(source.dockerfile) : folder;
    const tags = await this.pickTags(tagFolder ?? folder, folder);
    if (!tags?.length) return undefined;

    // Refuse an existing immutable tag before building; say which tags move in a mutable repository.
    const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking {0}', repository) }, () =>
      checkRepositoryAndTags({ clients: this.deps.clients, region }, repository, tags),
    );
    if (check.blocked.length) {
      throw new PublishError(
        'immutable-tag',
        vscode.l10n.t('Tag {0} already exists in {1}, whose tags are immutable: it cannot be overwritten.', check.blocked.join(', '), repository),
        vscode.l10n.t('Choose another tag.'),
      );
    }
    if (check.moving.length) {
      const detail = check.moving.map((t) => vscode.l10n.t('{0} now points at {1}', t, check.existing.get(t) ?? '')).join('\n');
      const publish = vscode.l10n.t('Publish');
      const go = await vscode.window.showWarningMessage(
        vscode.l10n.t('Tag {0} already exists in {1} and will move to the new image.', check.moving.join(', '), repository),
        { modal: true, detail },
        publish,
      );
      if (go !== publish) return undefined;
    }
    return { ...source, repository, tags, baseDir: folder };
  }

  private async pickSource(folder: string | undefined): Promise<{ dockerfile?: string; context?: string; localImage?: string } | undefined> {
    type Item = vscode.QuickPickItem & { dockerfile?: string; local?: boolean };
    const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*}', '**/{node_modules,.git}/**', 50);
    const items: Item[] = found
      .sort((a, b) => a.fsPath.length - b.fsPath.length)
      .map((uri) => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: vscode.l10n.t('build'), dockerfile: uri.fsPath }));
    items.push({ label: vscode.l10n.t('$(package) Push a local image…'), description: vscode.l10n.t('no build'), local: true });
    const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Publish image: what to publish'), placeHolder: vscode.l10n.t('A Dockerfile to build, or an existing local image') });
    if (!picked) return undefined;
    if (picked.dockerfile) return { dockerfile: picked.dockerfile, context: path.dirname(picked.dockerfile) };
    const image = await this.pickLocalImage(folder);
    return image ? { localImage: image } : undefined;
  }

  private async pickLocalImage(folder: string | undefined): Promise<string | undefined> {
    const { cli } = await this.containerCli();
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

  private async askNewRepository(): Promise<string | undefined> {
    return vscode.window.showInputBox({ title: vscode.l10n.t('Create ECR repository'), prompt: vscode.l10n.t('Repository name (e.g. team/my-app)'), validateInput: checkRepositoryName });
  }

  private async pickRepository(region: string | undefined): Promise<string | undefined> {
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
        const page = await listRepositories(this.loadContext(controller.signal, region), token);
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
        qp.placeholder = vscode.l10n.t('Could not list repositories: {0}', this.messageOf(e));
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
    const name = await this.askNewRepository();
    if (!name) return undefined;
    await createRepository({ clients: this.deps.clients, region }, name);
    this.deps.log.info(`[publish] created repository ${name}`);
    this.refreshExplorer(region, (scope) => changed.repository(scope, name));
    return name;
  }

  private async pickTags(gitFolder: string | undefined, packageFolder: string | undefined): Promise<string[] | undefined> {
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

  private async afterPublish(result: PublishResult, request: PublishRequest, region: string | undefined): Promise<void> {
    const deployToService = vscode.l10n.t('Deploy to Service…');
    const updateTaskDefinition = vscode.l10n.t('Update Task Definition…');
    const copyUri = vscode.l10n.t('Copy URI');
    const choice = await vscode.window.showInformationMessage(
      result.movedTags.length
        ? vscode.l10n.t('Published {0} · {1} (moved {2})', result.imageUri, result.digest.slice(0, 19), result.movedTags.join(', '))
        : vscode.l10n.t('Published {0} · {1}', result.imageUri, result.digest.slice(0, 19)),
      deployToService,
      updateTaskDefinition,
      copyUri,
    );
    if (choice === copyUri) await vscode.env.clipboard.writeText(result.imageUri);
    if (choice === updateTaskDefinition) await this.updateTaskDefinition(result, request.repository, region).catch((e) => this.showPublishError(e, region));
    if (choice === deployToService) {
      const target = await this.pickClusterAndService(region);
      if (!target) return;
      await this.runRelease(
        { cluster: target.cluster, service: target.service, region, published: { imageUri: result.imageUri, digest: result.digest, repositoryName: request.repository } },
        true,
      ).catch(() => undefined);
    }
  }

  /** Registers a new revision of a family with the published image in the container that uses its repository. */
  private async updateTaskDefinition(result: PublishResult, repository: string, region: string | undefined): Promise<void> {
    const family = await pickFamily(this.deps.clients, vscode.l10n.t('Update task definition: family'), region, vscode.l10n.t('New revision with {0}', result.imageUri));
    if (!family) return;
    const base = await describeRevision(this.deps.clients, family, undefined, region);
    const containers = base.taskDefinition.containerDefinitions ?? [];
    const candidates = containerCandidates(base.taskDefinition, [{ repositoryName: repository, repositoryUri: result.repositoryUri }]);
    let containerName = candidates.length === 1 ? candidates[0].container : containers.length === 1 ? containers[0].name : undefined;
    if (!containerName) {
      const picked = await vscode.window.showQuickPick(
        containers.map((c) => ({ label: c.name ?? '', description: c.image })),
        { title: vscode.l10n.t('Update task definition: container of {0}', family), placeHolder: vscode.l10n.t('Which container gets the new image?') },
      );
      containerName = picked?.label;
    }
    if (!containerName) return;
    const registered = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Registering {0} with {1}', family, result.imageUri) }, () =>
      registerWithImages(this.deps.clients, base, { containerName, image: result.imageUri }, undefined, region),
    );
    this.deps.log.info(`[publish] registered ${revisionLabel(registered.taskDefinitionArn)} from ${revisionLabel(registered.from)}: ${containerName} → ${result.imageUri}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Registered {0}: {1} → {2}. Deploy it with "Deploy Service…".', revisionLabel(registered.taskDefinitionArn), containerName, result.imageUri));
    this.refreshExplorer(region, (scope) => changed.revision(scope, registered.taskDefinitionArn));
  }

  // ---------------------------------------------------------------- release

  async release(arg?: unknown): Promise<{ outcome: string; imageUri: string; taskDefinitionArn: string } | undefined> {
    if (isReleaseArgs(arg)) {
      this.trusted(vscode.l10n.t('Releasing'), false);
      const result = await this.runRelease({ ...arg, baseDir: this.workspaceFolder() }, false);
      return { outcome: result.outcome, imageUri: result.imageUri, taskDefinitionArn: result.taskDefinitionArn };
    }
    if (!this.trusted(vscode.l10n.t('Releasing'), true)) return undefined;
    const node = resourceOf(arg, 'service');
    const region = node?.region;
    const target =
      node?.serviceName && (node.clusterArn ?? node.clusterName)
        ? { cluster: (node.clusterArn ?? node.clusterName)!, service: node.serviceName }
        : await this.pickClusterAndService(region);
    if (!target) return undefined;
    const folder = this.workspaceFolder();
    const source = await this.pickSource(folder);
    if (!source || source.localImage) {
      if (source?.localImage) void vscode.window.showInformationMessage(vscode.l10n.t('Release builds from a Dockerfile; to push a local image use "Publish Image", then "Deploy to Service…".'));
      return undefined;
    }
    const suggestions = await suggestTags(path.dirname(source.dockerfile!), { includeLatest: false });
    const tag = await vscode.window.showQuickPick(
      suggestions.map((s) => ({ label: s.tag, description: tagSource(s.source) })),
      { title: vscode.l10n.t('Release {0}: tag', target.service), placeHolder: vscode.l10n.t('Tag of the new image') },
    );
    if (!tag) return undefined;
    try {
      const result = await this.runRelease({ ...target, region, dockerfile: source.dockerfile, context: source.context, tag: tag.label, baseDir: folder }, true);
      return { outcome: result.outcome, imageUri: result.imageUri, taskDefinitionArn: result.taskDefinitionArn };
    } catch {
      return undefined; // already shown
    }
  }

  private async runRelease(request: ReleaseRequest, interactive: boolean): Promise<ReleaseResult> {
    const title = vscode.l10n.t('Release {0}', request.service);
    const steps = request.published ? RELEASE_STEPS.filter((s) => s !== 'publish') : RELEASE_STEPS;
    let label = request.service;
    let released: ReleaseResult | undefined;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          const show = (step: ReleaseStep, message: string): void => {
            const n = Math.max(1, steps.indexOf(step) + 1);
            const text = `${n}/${steps.length} ${stepTitle(step)} · ${message}`;
            progress.report({ message: text });
            this.status.text = vscode.l10n.t('$(rocket) {0}: {1}', title, stepTitle(step));
            this.status.accessibilityInformation = { label: vscode.l10n.t('{0}, step {1} of {2}: {3}', title, n, steps.length, stepTitle(step)) };
            this.status.show();
          };
          try {
            const engine = request.published ? undefined : await this.containerCli(controller.signal);
            return await release(request, {
              clients: this.deps.clients,
              cli: engine?.cli,
              engineArchitecture: engine?.architecture,
              signal: controller.signal,
              suggestTag: async () => defaultReleaseTag(await suggestTags(request.baseDir ?? process.cwd(), { includeLatest: false })) ?? '',
              chooseContainer: interactive ? (c) => this.pickContainer(c) : undefined,
              observer: {
                step: (step, state, message, image) => {
                  this.deps.log.info(`[release] ${stepTitle(step)} ${state}: ${message}`);
                  if (step === 'publish' && state === 'running' && image) label = image;
                  if (state !== 'failed') show(step, message);
                },
                publish: {
                  ...this.observer(() => label.split(':')[0]),
                  step: (_s, message) => {
                    this.deps.log.info(`[publish] ${message}`);
                    show('publish', message);
                  },
                  progress: (_tag, p) => show('publish', formatPushStatus(label, p)),
                },
                rollout: (state) => {
                  for (const e of state.newEvents) this.deps.log.info(`[release] event: ${e.message}`);
                  show('follow', state.progress ? describeProgress(state.progress) : (state.reason ?? state.phase));
                },
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
      this.deps.log.info(`[release] ${request.service}: ${result.outcome} with ${revisionLabel(result.taskDefinitionArn)} (${result.imageUri})`);
      // The release pushed the image; the rollout counts only if it really completed.
      this.deps.milestones.reached('imagePublished');
      if (result.outcome === 'completed') this.deps.milestones.reached('deploymentCompleted');
      if (interactive) void this.showReleaseOutcome(request, result);
      released = result;
      return result;
    } catch (error) {
      this.logFailure(title, error);
      if (interactive) void this.showReleaseError(request, error);
      throw error;
    } finally {
      this.status.hide();
      // The service whatever happened (a failed rollout changed it too); the image and revision when known.
      const repository = released ? tryParseImageReference(released.imageUri)?.repository : request.published?.repositoryName;
      this.refreshExplorer(
        request.region,
        (scope) => changed.service(scope, request.cluster, request.service),
        (scope) => (released ? changed.revision(scope, released.taskDefinitionArn) : undefined),
        (scope) => (repository ? changed.repository(scope, repository) : undefined),
      );
    }
  }

  private async showReleaseOutcome(request: ReleaseRequest, result: ReleaseResult): Promise<void> {
    const what = vscode.l10n.t('{0}: {1} with {2}', request.service, revisionLabel(result.taskDefinitionArn), result.imageUri);
    if (result.outcome === 'completed') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Released {0}. The rollout completed.', what));
      return;
    }
    const text =
      result.outcome === 'cancelled'
        ? vscode.l10n.t('Stopped following the release of {0}; the deployment continues.', what)
        : rolloutEnd(what, result.outcome, result.reason);
    const showLog = vscode.l10n.t('Show Log');
    const choice = await (result.outcome === 'cancelled' ? vscode.window.showInformationMessage(text, showLog) : vscode.window.showErrorMessage(text, showLog));
    if (choice) this.deps.log.show(true);
  }

  private async showReleaseError(request: ReleaseRequest, error: unknown): Promise<void> {
    if (!(error instanceof ReleaseError)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Release of {0} failed: {1}', request.service, this.messageOf(error)));
      return;
    }
    const cause = error.cause;
    const hint = isPublishError(cause) && cause.hint ? cause.hint : '';
    const failure = this.messageOf(cause ?? error);
    const summary = capitalize(error.summary);
    let message: string;
    if (error.cancelled) message = vscode.l10n.t('Release of {0} cancelled. {1}.', request.service, summary);
    else if (hint) message = vscode.l10n.t('Release of {0} failed at "{1}": {2} {3}. {4}.', request.service, stepTitle(error.step), failure, hint, summary);
    else message = vscode.l10n.t('Release of {0} failed at "{1}": {2}. {3}.', request.service, stepTitle(error.step), failure, summary);
    const deployAction = error.registeredTaskDefinitionArn ? vscode.l10n.t('Deploy {0}', revisionLabel(error.registeredTaskDefinitionArn)) : undefined;
    const showLog = vscode.l10n.t('Show Log');
    const actions = [deployAction, showLog].filter((a): a is string => !!a);
    const choice = await vscode.window.showErrorMessage(message, ...actions);
    if (choice === showLog) this.deps.log.show(true);
    if (choice && choice === deployAction && error.registeredTaskDefinitionArn) {
      // Deploy Service confirms, follows the rollout in the status bar and reports its real outcome.
      void vscode.commands.executeCommand('ecsWorkbench.deployService', {
        cluster: request.cluster,
        service: request.service,
        taskDefinition: error.registeredTaskDefinitionArn,
        region: request.region,
      });
    }
  }

  private async pickContainer(candidates: readonly ContainerCandidate[]): Promise<ContainerCandidate | undefined> {
    const picked = await vscode.window.showQuickPick(
      candidates.map((c) => ({ label: c.container, description: c.image, candidate: c })),
      { title: vscode.l10n.t('Release: container'), placeHolder: vscode.l10n.t('Several containers use ECR images: which one gets the new image?') },
    );
    return picked?.candidate;
  }

  /** The deploy feature's pickers (paged lists that open at once), titled for the release. */
  private async pickClusterAndService(region: string | undefined): Promise<{ cluster: string; service: string } | undefined> {
    const cluster = await pickCluster(this.deps.clients, region, vscode.l10n.t('Release: cluster'));
    if (!cluster) return undefined;
    const service = await pickService(this.deps.clients, cluster, region, undefined, vscode.l10n.t('Release: service'));
    return service?.serviceName ? { cluster, service: service.serviceName } : undefined;
  }
}

/** The notification for a release whose rollout did not complete. */
function rolloutEnd(what: string, outcome: ReleaseResult['outcome'], reason: string | undefined): string {
  if (outcome === 'rolledBack') return reason ? vscode.l10n.t('Release of {0}: the rollout was rolled back: {1}.', what, reason) : vscode.l10n.t('Release of {0}: the rollout was rolled back.', what);
  if (outcome === 'timedOut') return reason ? vscode.l10n.t('Release of {0}: the rollout timed out: {1}.', what, reason) : vscode.l10n.t('Release of {0}: the rollout timed out.', what);
  return reason ? vscode.l10n.t('Release of {0}: the rollout failed: {1}.', what, reason) : vscode.l10n.t('Release of {0}: the rollout failed.', what);
}

/** Where a suggested tag comes from, for the quick pick (the source itself is an identifier). */
function tagSource(source: string): string {
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
    default:
      return source;
  }
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
