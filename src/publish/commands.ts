// VS Code side of publishing: `ecsWorkbench.publishImage` and `ecsWorkbench.release`. With explicit
// arguments they ask nothing and resolve with their result; otherwise they ask with quick picks. The
// work itself is in publisher.ts and release.ts; this file only asks, shows progress and reports.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { classifyAwsError } from '../aws/errors';
import { deployAndFollow, describeRevision, renderImage } from '../deploy/operations';
import { describeProgress } from '../deploy/rolloutTracker';
import { revisionLabel } from '../deploy/revisions';
import { listClusters, listRepositories, listServices, listTaskDefinitionFamilies, type LoadContext } from '../explorer/loaders';
import { resourceOf } from '../explorer/resources';
import { runProgram } from './childProcess';
import { ContainerCli, CONTAINER_CLIS, detectContainerCli } from './containerCli';
import { PublishError, isPublishError, type ContainerCliKind } from './errors';
import { checkLocalImage, checkPlatform, checkRepositoryName, checkTag } from './names';
import { checkRepositoryAndTags, createRepository, publishImage, type PublishObserver, type PublishRequest, type PublishResult } from './publisher';
import { formatPushStatus } from './pushProgress';
import { RELEASE_STEPS, ReleaseError, containerCandidates, release, type ContainerCandidate, type ReleaseRequest, type ReleaseResult, type ReleaseStep } from './release';
import { defaultReleaseTag, suggestTags } from './tagSuggestions';
import type { Milestones } from '../ui/milestones';

export interface PublishCommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly clients: AwsClients;
  readonly milestones: Milestones;
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

const STEP_TITLES: Record<ReleaseStep, string> = {
  publish: 'Publish image',
  render: 'Render revision',
  register: 'Register revision',
  deploy: 'Deploy',
  follow: 'Follow rollout',
};

export class PublishCommands implements vscode.Disposable {
  private readonly status: vscode.StatusBarItem;
  private detected: { cli: ContainerCliKind; architecture?: string } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: PublishCommandDeps) {
    this.status = vscode.window.createStatusBarItem('ecsWorkbench.publish', vscode.StatusBarAlignment.Left, 40);
    this.status.name = 'ECS Workbench: Publish';
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

  private requireTrust(what: string, interactive: boolean): void {
    if (vscode.workspace.isTrusted) return;
    const message = `${what} runs a container CLI and changes AWS resources: it needs a trusted workspace.`;
    if (interactive) {
      void vscode.window.showErrorMessage(message, 'Manage Workspace Trust').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    }
    throw new Error(message);
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

  private async refreshRepositories(): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('ecsWorkbench.refresh')) await vscode.commands.executeCommand('ecsWorkbench.refresh').then(undefined, () => undefined);
  }

  /** `movesConfirmed`: the user already confirmed moving tags in a modal, so that warning is only logged. */
  private observer(repository: () => string, progress?: vscode.Progress<{ message?: string }>, movesConfirmed = false): PublishObserver {
    return {
      step: (step, message) => {
        this.deps.log.info(`[publish] ${message}`);
        this.status.text = `$(${step === 'push' ? 'cloud-upload' : step === 'build' ? 'tools' : 'sync~spin'}) ${message}`;
        this.status.accessibilityInformation = { label: `Publishing image: ${message}` };
        this.status.show();
        progress?.report({ message });
      },
      progress: (tag, p) => {
        const text = formatPushStatus(`${repository()}:${tag}`, p);
        this.status.text = `$(cloud-upload) ${text}`;
        this.status.accessibilityInformation = { label: `Pushing image: ${text}` };
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
    if ((error as { $metadata?: unknown })?.$metadata !== undefined || (error as { awsCall?: string })?.awsCall) {
      const info = classifyAwsError(error);
      return `${info.title}. ${info.detail}`;
    }
    return (error as Error)?.message ?? String(error);
  }

  // ---------------------------------------------------------------- publishImage

  async publishImage(arg?: unknown): Promise<{ imageUri: string; digest: string } | undefined> {
    if (isPublishImageArgs(arg)) {
      this.requireTrust('Publishing an image', false);
      const result = await this.runPublish(this.requestFromArgs(arg), arg.region, false);
      return { imageUri: result.imageUri, digest: result.digest };
    }
    this.requireTrust('Publishing an image', true);
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
      ...arg.tags.map((t) => (typeof t === 'string' ? checkTag(t) : 'Tags must be strings.')),
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
        { location: vscode.ProgressLocation.Notification, title: `Publishing ${label()}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          try {
            const { cli, architecture } = await this.containerCli(controller.signal);
            this.deps.log.info(`[publish] ${label()} with ${cli.kind}${interactive ? '' : ' (explicit arguments)'}`);
            const result = await publishImage(request, {
              ecr: this.deps.clients.ecr(region),
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
      void this.refreshRepositories();
    }
  }

  private async showPublishError(error: unknown, region: string | undefined): Promise<void> {
    const message = this.messageOf(error);
    const hint = isPublishError(error) && error.hint ? ` ${error.hint}` : '';
    if (isPublishError(error, 'cancelled')) {
      void vscode.window.showInformationMessage(message);
      return;
    }
    const actions: string[] = [];
    if (isPublishError(error, 'repository-missing')) actions.push('Create Repository');
    if (isPublishError(error, 'immutable-tag')) actions.push('Publish Again');
    actions.push('Show Log');
    const choice = await vscode.window.showErrorMessage(`${message}${hint}`, ...actions);
    if (choice === 'Show Log') this.deps.log.show(true);
    if (choice === 'Publish Again') void vscode.commands.executeCommand('ecsWorkbench.publishImage');
    if (choice === 'Create Repository') {
      const name = await this.askNewRepository();
      if (name) {
        await createRepository(this.deps.clients.ecr(region), name);
        void this.refreshRepositories();
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
    const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Checking ${repository}` }, () =>
      checkRepositoryAndTags(this.deps.clients.ecr(region), repository, tags),
    );
    if (check.blocked.length) {
      throw new PublishError(
        'immutable-tag',
        `Tag ${check.blocked.join(', ')} already exists in ${repository}, whose tags are immutable: it cannot be overwritten.`,
        'Choose another tag.',
      );
    }
    if (check.moving.length) {
      const detail = check.moving.map((t) => `${t} now points at ${check.existing.get(t)}`).join('\n');
      const go = await vscode.window.showWarningMessage(
        `Tag ${check.moving.join(', ')} already exists in ${repository} and will move to the new image.`,
        { modal: true, detail },
        'Publish',
      );
      if (go !== 'Publish') return undefined;
    }
    return { ...source, repository, tags, baseDir: folder };
  }

  private async pickSource(folder: string | undefined): Promise<{ dockerfile?: string; context?: string; localImage?: string } | undefined> {
    type Item = vscode.QuickPickItem & { dockerfile?: string; local?: boolean };
    const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*}', '**/{node_modules,.git}/**', 50);
    const items: Item[] = found
      .sort((a, b) => a.fsPath.length - b.fsPath.length)
      .map((uri) => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: 'build', dockerfile: uri.fsPath }));
    items.push({ label: '$(package) Push a local image…', description: 'no build', local: true });
    const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Publish image: what to publish', placeHolder: 'A Dockerfile to build, or an existing local image' });
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
      return vscode.window.showInputBox({ title: 'Publish image: local image', prompt: `No tagged local images listed by ${cli.kind}; enter a reference or id`, validateInput: checkLocalImage });
    }
    return (await vscode.window.showQuickPick(items, { title: 'Publish image: local image', placeHolder: `Local images (${cli.kind})` }))?.label;
  }

  private async askNewRepository(): Promise<string | undefined> {
    return vscode.window.showInputBox({ title: 'Create ECR repository', prompt: 'Repository name (e.g. team/my-app)', validateInput: checkRepositoryName });
  }

  private async pickRepository(region: string | undefined): Promise<string | undefined> {
    type Item = vscode.QuickPickItem & { name?: string; create?: boolean };
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = 'Publish image: repository';
    qp.placeholder = 'ECR repository to push to';
    qp.busy = true;
    const controller = new AbortController();
    const createItem: Item = { label: '$(add) Create repository…', create: true, alwaysShow: true };
    qp.items = [createItem];
    void (async () => {
      const items: Item[] = [];
      let token: string | undefined;
      do {
        const page = await listRepositories(this.loadContext(controller.signal, region), token);
        token = page.nextToken;
        for (const r of page.items) {
          items.push({ label: r.repositoryName ?? '', description: r.imageTagMutability === 'IMMUTABLE' ? 'immutable tags' : undefined, detail: r.repositoryUri, name: r.repositoryName });
        }
      } while (token && items.length < 1000);
      qp.items = [...items, createItem];
    })().then(
      () => (qp.busy = false),
      (e) => {
        qp.busy = false;
        qp.placeholder = `Could not list repositories: ${this.messageOf(e)}`;
      },
    );
    qp.show();
    const picked = await new Promise<Item | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    controller.abort();
    qp.dispose();
    if (!picked) return undefined;
    if (!picked.create) return picked.name;
    const name = await this.askNewRepository();
    if (!name) return undefined;
    await createRepository(this.deps.clients.ecr(region), name);
    this.deps.log.info(`[publish] created repository ${name}`);
    void this.refreshRepositories();
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
    const items: Item[] = suggestions.map((s, i) => ({ label: s.tag, description: s.source, tag: s.tag, picked: i === 0 }));
    items.push({ label: '$(edit) Other tag…', other: true });
    const picked = await vscode.window.showQuickPick(items, { title: 'Publish image: tags', placeHolder: 'Tags for the image (the first one names it)', canPickMany: true });
    if (!picked) return undefined;
    const tags = picked.filter((i) => i.tag).map((i) => i.tag!);
    if (picked.some((i) => i.other)) {
      const other = await vscode.window.showInputBox({ title: 'Publish image: tag', prompt: 'Tag', validateInput: checkTag });
      if (other) tags.unshift(other);
    }
    return tags;
  }

  private async afterPublish(result: PublishResult, request: PublishRequest, region: string | undefined): Promise<void> {
    const moved = result.movedTags.length ? ` (moved ${result.movedTags.join(', ')})` : '';
    const choice = await vscode.window.showInformationMessage(
      `Published ${result.imageUri} · ${result.digest.slice(0, 19)}${moved}`,
      'Deploy to Service…',
      'Update Task Definition…',
      'Copy URI',
    );
    if (choice === 'Copy URI') await vscode.env.clipboard.writeText(result.imageUri);
    if (choice === 'Update Task Definition…') await this.updateTaskDefinition(result, request.repository, region).catch((e) => this.showPublishError(e, region));
    if (choice === 'Deploy to Service…') {
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
    const controller = new AbortController();
    const family = await vscode.window.showQuickPick(
      (async () => {
        const families: string[] = [];
        let token: string | undefined;
        do {
          const page = await listTaskDefinitionFamilies(this.loadContext(controller.signal, region), token);
          families.push(...page.items);
          token = page.nextToken;
        } while (token && families.length < 1000);
        return families.map((f) => ({ label: f }));
      })(),
      { title: 'Update task definition: family', placeHolder: `New revision with ${result.imageUri}` },
    );
    controller.abort();
    if (!family) return;
    const base = await describeRevision(this.deps.clients, family.label, undefined, region);
    const containers = base.taskDefinition.containerDefinitions ?? [];
    const candidates = containerCandidates(base.taskDefinition, [{ repositoryName: repository, repositoryUri: result.repositoryUri }]);
    let containerName = candidates.length === 1 ? candidates[0].container : containers.length === 1 ? containers[0].name : undefined;
    if (!containerName) {
      const picked = await vscode.window.showQuickPick(
        containers.map((c) => ({ label: c.name ?? '', description: c.image })),
        { title: `Update task definition: container of ${family.label}`, placeHolder: 'Which container gets the new image?' },
      );
      containerName = picked?.label;
    }
    if (!containerName) return;
    const registered = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Registering ${family.label} with ${result.imageUri}` }, () =>
      renderImage(this.deps.clients, { taskDefinition: family.label, images: { containerName, image: result.imageUri }, region }),
    );
    this.deps.log.info(`[publish] registered ${revisionLabel(registered.taskDefinitionArn)} from ${revisionLabel(registered.from)}: ${containerName} → ${result.imageUri}`);
    void vscode.window.showInformationMessage(`Registered ${revisionLabel(registered.taskDefinitionArn)}: ${containerName} → ${result.imageUri}. Deploy it with "Deploy Service…".`);
    void this.refreshRepositories();
  }

  // ---------------------------------------------------------------- release

  async release(arg?: unknown): Promise<{ outcome: string; imageUri: string; taskDefinitionArn: string } | undefined> {
    if (isReleaseArgs(arg)) {
      this.requireTrust('Releasing', false);
      const result = await this.runRelease({ ...arg, baseDir: this.workspaceFolder() }, false);
      return { outcome: result.outcome, imageUri: result.imageUri, taskDefinitionArn: result.taskDefinitionArn };
    }
    this.requireTrust('Releasing', true);
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
      if (source?.localImage) void vscode.window.showInformationMessage('Release builds from a Dockerfile; to push a local image use "Publish Image", then "Deploy to Service…".');
      return undefined;
    }
    const suggestions = await suggestTags(path.dirname(source.dockerfile!), { includeLatest: false });
    const tag = await vscode.window.showQuickPick(
      suggestions.map((s) => ({ label: s.tag, description: s.source })),
      { title: `Release ${target.service}: tag`, placeHolder: 'Tag of the new image' },
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
    const title = `Release ${request.service}`;
    const steps = request.published ? RELEASE_STEPS.filter((s) => s !== 'publish') : RELEASE_STEPS;
    let label = request.service;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          const show = (step: ReleaseStep, message: string): void => {
            const n = Math.max(1, steps.indexOf(step) + 1);
            const text = `${n}/${steps.length} ${STEP_TITLES[step]} · ${message}`;
            progress.report({ message: text });
            this.status.text = `$(rocket) ${title}: ${STEP_TITLES[step]}`;
            this.status.accessibilityInformation = { label: `${title}, step ${n} of ${steps.length}: ${STEP_TITLES[step]}` };
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
                step: (step, state, message) => {
                  this.deps.log.info(`[release] ${STEP_TITLES[step]} ${state}: ${message}`);
                  if (step === 'publish' && state === 'running') label = message.replace(/^Publishing /, '');
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
      return result;
    } catch (error) {
      this.logFailure(title, error);
      if (interactive) void this.showReleaseError(request, error);
      throw error;
    } finally {
      this.status.hide();
      void this.refreshRepositories();
    }
  }

  private async showReleaseOutcome(request: ReleaseRequest, result: ReleaseResult): Promise<void> {
    const what = `${request.service}: ${revisionLabel(result.taskDefinitionArn)} with ${result.imageUri}`;
    if (result.outcome === 'completed') {
      void vscode.window.showInformationMessage(`Released ${what}. The rollout completed.`);
      return;
    }
    const text =
      result.outcome === 'cancelled'
        ? `Stopped following the release of ${what}; the deployment continues.`
        : `Release of ${what}: the rollout ${result.outcome === 'rolledBack' ? 'was rolled back' : result.outcome === 'timedOut' ? 'timed out' : 'failed'}${result.reason ? `: ${result.reason}` : ''}.`;
    const choice = await (result.outcome === 'cancelled' ? vscode.window.showInformationMessage(text, 'Show Log') : vscode.window.showErrorMessage(text, 'Show Log'));
    if (choice) this.deps.log.show(true);
  }

  private async showReleaseError(request: ReleaseRequest, error: unknown): Promise<void> {
    if (!(error instanceof ReleaseError)) {
      void vscode.window.showErrorMessage(`Release of ${request.service} failed: ${this.messageOf(error)}`);
      return;
    }
    const cause = error.cause;
    const hint = isPublishError(cause) && cause.hint ? ` ${cause.hint}` : '';
    const reason = error.cancelled ? 'cancelled' : `failed at "${STEP_TITLES[error.step]}": ${this.messageOf(cause ?? error)}${hint}`;
    const deployAction = error.registeredTaskDefinitionArn ? `Deploy ${revisionLabel(error.registeredTaskDefinitionArn)}` : undefined;
    const actions = [deployAction, 'Show Log'].filter((a): a is string => !!a);
    const choice = await vscode.window.showErrorMessage(`Release of ${request.service} ${reason}. ${capitalize(error.summary)}.`, ...actions);
    if (choice === 'Show Log') this.deps.log.show(true);
    if (choice && choice === deployAction && error.registeredTaskDefinitionArn) {
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes('ecsWorkbench.deployService')) {
        void vscode.commands.executeCommand('ecsWorkbench.deployService', {
          cluster: request.cluster,
          service: request.service,
          taskDefinition: error.registeredTaskDefinitionArn,
          region: request.region,
        });
      } else {
        await this.deployRegistered(request, error.registeredTaskDefinitionArn);
      }
    }
  }

  /** Deploys a revision the release registered but did not deploy (when the deploy feature is absent). */
  private async deployRegistered(request: ReleaseRequest, taskDefinitionArn: string): Promise<void> {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deploying ${revisionLabel(taskDefinitionArn)} to ${request.service}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await deployAndFollow(
            this.deps.clients,
            { cluster: request.cluster, service: request.service, taskDefinition: taskDefinitionArn, region: request.region },
            { signal: controller.signal, onState: (state) => progress.report({ message: state.progress ? describeProgress(state.progress) : (state.reason ?? state.phase) }) },
          );
        } finally {
          sub.dispose();
        }
      },
    );
    this.deps.log.info(`[release] deploy ${revisionLabel(taskDefinitionArn)} to ${request.service}: ${outcome.outcome}${outcome.reason ? ` (${outcome.reason})` : ''}`);
    void vscode.window.showInformationMessage(`Deploying ${revisionLabel(taskDefinitionArn)} to ${request.service}: ${outcome.outcome}.`);
  }

  private async pickContainer(candidates: readonly ContainerCandidate[]): Promise<ContainerCandidate | undefined> {
    const picked = await vscode.window.showQuickPick(
      candidates.map((c) => ({ label: c.container, description: c.image, candidate: c })),
      { title: 'Release: container', placeHolder: 'Several containers use ECR images: which one gets the new image?' },
    );
    return picked?.candidate;
  }

  private async pickClusterAndService(region: string | undefined): Promise<{ cluster: string; service: string } | undefined> {
    const controller = new AbortController();
    try {
      const ctx = this.loadContext(controller.signal, region);
      const clusters = await vscode.window.showQuickPick<vscode.QuickPickItem & { arn: string }>(
        listClusters(ctx).then((page) => page.items.map((c) => ({ label: c.clusterName ?? '', description: `${c.activeServicesCount ?? 0} services`, arn: c.clusterArn ?? '' }))),
        { title: 'Release: cluster', placeHolder: 'Cluster of the service' },
      );
      if (!clusters) return undefined;
      const services = await vscode.window.showQuickPick<vscode.QuickPickItem>(
        listServices(ctx, clusters.arn).then((page) => page.items.map((s) => ({ label: s.serviceName ?? '', description: revisionLabel(s.taskDefinition) }))),
        { title: 'Release: service', placeHolder: 'Service to release to' },
      );
      return services ? { cluster: clusters.arn, service: services.label } : undefined;
    } finally {
      controller.abort();
    }
  }
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
