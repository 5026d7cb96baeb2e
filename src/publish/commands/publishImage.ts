// ecsWorkbench.publishImage: build (or tag a local image) → log in to ECR → push → confirm the digest.
// With explicit arguments {repository, tags, context?|dockerfile?|localImage?, platform?, region?}
// it asks nothing and resolves {imageUri, digest}; from the palette or a repository node it asks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRevision, registerWithImages } from '../../deploy/registration';
import { pickFamily } from '../../deploy/commands/shared';
import { revisionLabel } from '../../domain/arn';
import { changed } from '../../explorer/refresher';
import { resourceOf } from '../../explorer/resources';
import { reportFailure, withCancellableProgress, type CommandSpec } from '../../ui/command';
import { PublishError, isPublishError } from '../errors';
import { checkRepositoryName, checkTag } from '../../domain/names';
import { checkLocalImage, checkPlatform } from '../names';
import { checkRepositoryAndTags, createRepository, publishImage, type PublishRequest, type PublishResult } from '../publisher';
import { containerCandidates } from '../release';
import { askNewRepository, pickRepository, pickSource, pickTags } from './pickers';
import { runRelease, pickReleaseTarget } from './release';
import { isPlainObject, type PublishSession } from './session';

/** Explicit arguments of `ecsWorkbench.publishImage`: the publish request less what only the extension sets, plus a region. */
export type PublishImageArgs = Omit<PublishRequest, 'runtimePlatform' | 'baseDir'> & { readonly region?: string };

export type PublishImageResult = { imageUri: string; digest: string };

export function isPublishImageArgs(arg: unknown): arg is PublishImageArgs {
  return isPlainObject(arg) && typeof arg.repository === 'string' && Array.isArray(arg.tags);
}

export function publishImageCommand(session: PublishSession): CommandSpec<PublishImageArgs, PublishImageResult> {
  return {
    id: 'ecsWorkbench.publishImage',
    what: vscode.l10n.t('Publishing an image'),
    trust: 'runsProcesses',
    explicit: ([arg]) => (isPublishImageArgs(arg) ? arg : undefined),
    runExplicit: async (arg) => {
      const result = await runPublish(session, requestFromArgs(session, arg), arg.region, false);
      return { imageUri: result.imageUri, digest: result.digest };
    },
    runInteractive: async ([arg]) => {
      const node = resourceOf(arg, 'repository');
      try {
        const request = await askPublish(session, node?.repositoryName, node?.region);
        if (!request) return undefined;
        const result = await runPublish(session, request, node?.region, true);
        void afterPublish(session, result, request, node?.region);
        return { imageUri: result.imageUri, digest: result.digest };
      } catch (error) {
        await showPublishError(session, error, node?.region);
        return undefined;
      }
    },
  };
}

function requestFromArgs(session: PublishSession, arg: PublishImageArgs): PublishRequest {
  const problems = [
    checkRepositoryName(arg.repository),
    ...arg.tags.map((t) => (typeof t === 'string' ? checkTag(t) : vscode.l10n.t('Tags must be strings.'))),
    arg.platform !== undefined ? checkPlatform(arg.platform) : undefined,
    arg.localImage !== undefined ? checkLocalImage(arg.localImage) : undefined,
  ].filter((p): p is string => p !== undefined);
  if (problems.length) throw new PublishError('invalid-input', problems.join(' '));
  return {
    repository: arg.repository,
    tags: arg.tags,
    platform: arg.platform,
    localImage: arg.localImage,
    context: arg.context,
    dockerfile: arg.dockerfile,
    baseDir: session.workspaceFolder(),
  };
}

async function runPublish(session: PublishSession, request: PublishRequest, region: string | undefined, interactive: boolean): Promise<PublishResult> {
  const { deps } = session;
  const label = `${request.repository}:${request.tags[0]}`;
  try {
    return await withCancellableProgress({ title: vscode.l10n.t('Publishing {0}', label) }, async (signal, report) => {
      const { cli, architecture } = await session.containerCli(signal);
      deps.log.info(`[publish] ${label} with ${cli.kind}${interactive ? '' : ' (explicit arguments)'}`);
      const result = await publishImage(request, {
        ecr: { clients: deps.clients, region },
        cli,
        engineArchitecture: architecture,
        observer: session.observer(() => request.repository, report, interactive),
        signal,
      });
      deps.log.info(`[publish] published ${result.imageUri} ${result.digest} (platform ${result.platform})`);
      deps.milestones.reached('imagePublished');
      return result;
    });
  } catch (error) {
    if (isPublishError(error, 'engine-not-running') || isPublishError(error, 'cli-not-found')) session.forgetContainerCli();
    throw error;
  } finally {
    session.status.hide();
    session.refreshExplorer(region, (scope) => changed.repository(scope, request.repository));
  }
}

/** The one report of a failed publish, with "Create Repository" or "Publish Again" where they help. */
async function showPublishError(session: PublishSession, error: unknown, region: string | undefined): Promise<void> {
  const actions = [];
  if (isPublishError(error, 'repository-missing')) {
    actions.push({ title: vscode.l10n.t('Create Repository'), run: () => createRepositoryAfterError(session, region) });
  }
  if (isPublishError(error, 'immutable-tag')) {
    actions.push({ title: vscode.l10n.t('Publish Again'), run: () => vscode.commands.executeCommand('ecsWorkbench.publishImage') });
  }
  // A PublishError's message already says what failed ("The build failed: …").
  const message = isPublishError(error) ? (error.hint ? vscode.l10n.t('{0} {1}', error.message, error.hint) : error.message) : undefined;
  await reportFailure(session.deps.log, { what: vscode.l10n.t('Publishing an image'), error, message, actions });
}

async function createRepositoryAfterError(session: PublishSession, region: string | undefined): Promise<void> {
  const name = await askNewRepository();
  if (!name) return;
  try {
    await createRepository({ clients: session.deps.clients, region }, name);
    session.deps.log.info(`[publish] created repository ${name}`);
    session.refreshExplorer(region, (scope) => changed.repository(scope, name));
  } catch (error) {
    // This runs after the command's own error handling: unhandled, it would reach the user as VS Code's raw "resulted in an error".
    await reportFailure(session.deps.log, { what: vscode.l10n.t('Creating the repository {0}', name), error });
  }
}

/** Source (Dockerfile or local image) → repository → tags → confirmation of moving tags. */
async function askPublish(session: PublishSession, repositoryFromNode: string | undefined, region: string | undefined): Promise<PublishRequest | undefined> {
  const folder = session.workspaceFolder();
  const source = await pickSource(session, folder);
  if (!source) return undefined;
  const repository = repositoryFromNode ?? (await pickRepository(session, region));
  if (!repository) return undefined;
  const tagFolder = source.dockerfile ? path.dirname(source.dockerfile) : folder;
  const tags = await pickTags(tagFolder ?? folder, folder);
  if (!tags?.length) return undefined;

  // Refuse an existing immutable tag before building; say which tags move in a mutable repository.
  const check = await withCancellableProgress({ title: vscode.l10n.t('Checking {0}', repository), location: 'window' }, (signal) =>
    checkRepositoryAndTags({ clients: session.deps.clients, region }, repository, tags, signal),
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

async function afterPublish(session: PublishSession, result: PublishResult, request: PublishRequest, region: string | undefined): Promise<void> {
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
  if (choice === updateTaskDefinition) {
    await updateTaskDefinitionWith(session, result, request.repository, region).catch((e) =>
      reportFailure(session.deps.log, { what: vscode.l10n.t('Updating the task definition'), error: e }),
    );
  }
  if (choice === deployToService) {
    const target = await pickReleaseTarget(session, region);
    if (!target) return;
    await runRelease(
      session,
      { cluster: target.cluster, service: target.service, region, published: { imageUri: result.imageUri, digest: result.digest, repositoryName: request.repository } },
      true,
    ).catch(() => undefined);
  }
}

/** Registers a new revision of a family with the published image in the container that uses its repository. */
async function updateTaskDefinitionWith(session: PublishSession, result: PublishResult, repository: string, region: string | undefined): Promise<void> {
  const { deps } = session;
  const family = await pickFamily(deps.clients, vscode.l10n.t('Update task definition: family'), region, vscode.l10n.t('New revision with {0}', result.imageUri));
  if (!family) return;
  const base = await withCancellableProgress({ title: vscode.l10n.t('Reading {0}', family), location: 'window' }, (signal) => describeRevision(deps.clients, family, { signal, region }));
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
  const registered = await withCancellableProgress({ title: vscode.l10n.t('Registering {0} with {1}', family, result.imageUri) }, (signal) =>
    registerWithImages(deps.clients, base, { containerName, image: result.imageUri }, { signal, region }),
  );
  deps.log.info(`[publish] registered ${revisionLabel(registered.taskDefinitionArn)} from ${revisionLabel(registered.from)}: ${containerName} → ${result.imageUri}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Registered {0}: {1} → {2}. Deploy it with "Deploy Service…".', revisionLabel(registered.taskDefinitionArn), containerName, result.imageUri));
  session.refreshExplorer(region, (scope) => changed.revision(scope, registered.taskDefinitionArn));
}
