// Release from the palette or a service node: first what can be checked without asking (the service
// and the revision it runs, the region's repositories, a Dockerfile in the workspace, a container
// engine that answers), then the questions (the repository and container when no container's image
// is in this region's ECR, the Dockerfile, the tag), then the tag against the repository. Nothing
// here changes AWS: a repository the user chose to create is created by the release, after the one
// confirmation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askRepositoryName, askRepositorySettings } from '../../explorer/commands/createRepository';
import { withCancellableProgress } from '../../ui/command';
import { PublishError } from '../errors';
import { checkRepositoryAndTags } from '../publisher';
import { prepareRelease, type PreparedRelease, type RepositoryChoice, type RepositoryQuestion } from '../releasePlan';
import { suggestTags } from '../tagSuggestions';
import { pickContainer, pickSource, tagSource } from './pickers';
import type { PublishSession } from './session';

export interface ReleaseAnswers {
  readonly prepared: PreparedRelease;
  readonly dockerfile: string;
  readonly context: string;
  readonly tag: string;
  /** Tags that exist in the repository already and move to the new image (said in the confirmation). */
  readonly moving: readonly string[];
}

const DOCKERFILES = '**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*}';

/** Checks, then asks; undefined when the user cancelled a question. Failures throw, before anything changed. */
export async function askRelease(
  session: PublishSession,
  target: { cluster: string; service: string },
  region: string | undefined,
): Promise<ReleaseAnswers | undefined> {
  const title = vscode.l10n.t('Release {0}: checking', target.service);
  // Read-only checks first, in parallel: a release that cannot work fails before the first question.
  const checks = await withCancellableProgress({ title, location: 'window' }, async (signal) => {
    const [dockerfiles, engine, read] = await Promise.all([
      vscode.workspace.findFiles(DOCKERFILES, '**/{node_modules,.git}/**', 1),
      session.containerCli(signal).then(
        (e) => ({ ok: e }),
        (error: unknown) => ({ error }),
      ),
      readTarget(session, target, region, signal),
    ]);
    return { dockerfiles, engine, read };
  });
  if (checks.dockerfiles.length === 0) {
    throw new PublishError('invalid-input', vscode.l10n.t('Release builds the new image from a Dockerfile, and the workspace has none (Dockerfile, Containerfile, *.Dockerfile).'), vscode.l10n.t('Add one, or push an image with "Publish Image" and deploy it with "Deploy Service…".'));
  }
  if ('error' in checks.engine) throw checks.engine.error;
  if ('error' in checks.read) throw checks.read.error;
  let repositoryAnswer: RepositoryChoice | undefined;
  let question: RepositoryQuestion | undefined;
  if (checks.read.needsRepository) {
    question = checks.read.needsRepository;
    repositoryAnswer = await pickReleaseRepository(target.service, question, region ?? session.deps.clients.current().region);
    if (!repositoryAnswer) return undefined;
  }
  // The same reads again only when a question was needed (they are few and quick); the container of
  // several candidates is asked here, the repository answered above.
  const prepared =
    checks.read.prepared ??
    (await withCancellableProgress({ title, location: 'window' }, (signal) =>
      prepareRelease(
        { ...target, region },
        {
          clients: session.deps.clients,
          signal,
          chooseContainer: (candidates) => pickContainer(candidates),
          chooseRepository: async () => repositoryAnswer,
        },
      ),
    ).catch((error: unknown) => {
      if ((error as { kind?: string }).kind === 'cancelled') return undefined;
      throw error;
    }));
  if (!prepared) return undefined;

  const source = await pickSource(session, session.workspaceFolder());
  if (!source || source.localImage || !source.dockerfile) {
    if (source?.localImage) void vscode.window.showInformationMessage(vscode.l10n.t('Release builds from a Dockerfile; to push a local image use "Publish Image", then "Deploy to Service…".'));
    return undefined;
  }
  const suggestions = await suggestTags(path.dirname(source.dockerfile), { includeLatest: false });
  const tag = await vscode.window.showQuickPick(
    suggestions.map((s) => ({ label: s.tag, description: tagSource(s.source) })),
    { title: vscode.l10n.t('Release {0}: tag', target.service), placeHolder: vscode.l10n.t('Tag of the new image') },
  );
  if (!tag) return undefined;

  // The tag against the repository (unless the release creates it): refused or moving, said now.
  let moving: readonly string[] = [];
  if (!prepared.createRepository) {
    const repository = prepared.candidate.repositoryName;
    const check = await withCancellableProgress({ title: vscode.l10n.t('Checking {0}', repository), location: 'window' }, (signal) =>
      checkRepositoryAndTags({ clients: session.deps.clients, region }, repository, [tag.label], signal),
    );
    if (check.blocked.length) {
      throw new PublishError(
        'immutable-tag',
        vscode.l10n.t('Tag {0} already exists in {1}, whose tags are immutable: it cannot be overwritten.', check.blocked.join(', '), repository),
        vscode.l10n.t('Choose another tag.'),
      );
    }
    moving = check.moving;
  }
  return { prepared, dockerfile: source.dockerfile, context: source.context ?? path.dirname(source.dockerfile), tag: tag.label, moving };
}

/** Prepares without asking: the prepared release, or the repository question when one is needed. */
async function readTarget(
  session: PublishSession,
  target: { cluster: string; service: string },
  region: string | undefined,
  signal: AbortSignal,
): Promise<{ prepared?: PreparedRelease; needsRepository?: RepositoryQuestion } | { error: unknown }> {
  let needsRepository: RepositoryQuestion | undefined;
  let severalContainers = false;
  try {
    const prepared = await prepareRelease(
      { ...target, region },
      {
        clients: session.deps.clients,
        signal,
        chooseContainer: async () => {
          severalContainers = true;
          return undefined;
        },
        chooseRepository: async (q) => {
          needsRepository = q;
          return undefined;
        },
      },
    );
    return { prepared };
  } catch (error) {
    if (needsRepository) return { needsRepository };
    if (severalContainers) return {};
    return { error };
  }
}

/** No container's image is in this region's ECR: a repository (existing or new) and the container. */
export async function pickReleaseRepository(service: string, question: RepositoryQuestion, region: string): Promise<RepositoryChoice | undefined> {
  type Item = vscode.QuickPickItem & { repository?: { repositoryName: string; repositoryUri: string }; create?: boolean };
  const create: Item = { label: vscode.l10n.t('$(add) Create repository…'), description: vscode.l10n.t('created when you confirm the release'), create: true, alwaysShow: true };
  const items: Item[] = [
    ...question.repositories.map((r) => ({ label: r.repositoryName, detail: r.repositoryUri, repository: r })),
    create,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Release {0}: repository', service),
    placeHolder: vscode.l10n.t('No container of {0} uses an image from ECR in {1}: which repository gets the new image?', question.revision, region),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  let repository: Pick<RepositoryChoice, 'repositoryName' | 'repositoryUri' | 'create'>;
  if (picked.repository) {
    repository = { repositoryName: picked.repository.repositoryName, repositoryUri: picked.repository.repositoryUri };
  } else {
    const name = await askRepositoryName(region, question.repositories.map((r) => r.repositoryName));
    if (!name) return undefined;
    const settings = await askRepositorySettings(name);
    if (!settings) return undefined;
    repository = { repositoryName: name, create: settings };
  }
  let container = question.containers.length === 1 ? question.containers[0].name : undefined;
  if (!container) {
    const chosen = await vscode.window.showQuickPick(
      question.containers.map((c) => ({ label: c.name, description: c.image })),
      { title: vscode.l10n.t('Release {0}: container', service), placeHolder: vscode.l10n.t('Which container of {0} gets the new image from {1}?', question.revision, repository.repositoryName), ignoreFocusOut: true },
    );
    container = chosen?.label;
  }
  return container ? { ...repository, container } : undefined;
}
