// The one-command release, without UI: publish an image → render the service's current revision with
// it → register the new revision → deploy → follow the rollout to its real end. A failure stops at
// its step and says what was done and what was not, so the user can finish by hand.
import * as l10n from '@vscode/l10n';
import type { AwsClients } from '../aws/clients';
import { NEVER_ABORTS } from '../aws/call';
import { deployAndFollow, type StartedDeployment } from '../deploy/deployment';
import { registerRevision, renderRevision } from '../deploy/registration';
import { type DeployOutcomeKind } from '../deploy/outcome';
import { revisionLabel } from '../domain/arn';
import type { RolloutState } from '../deploy/rolloutModel';
import type { ContainerCli } from './containerCli';
import { PublishError, isPublishError } from './errors';
import { compatibilityWarnings } from '../domain/compatibility';
import { createRepository, publishImage, type PublishObserver, type PublishResult } from './publisher';
import { prepareRelease, type ContainerCandidate, type PreparedRelease, type PrepareDeps } from './releasePlan';

export { containerCandidates, listRepositories, type ContainerCandidate } from './releasePlan';

export interface ReleaseRequest {
  readonly cluster: string;
  readonly service: string;
  /** Build context; defaults to `baseDir` (or the Dockerfile's folder). */
  readonly context?: string;
  readonly dockerfile?: string;
  /** Image tag; defaults to the first suggestion (`suggestTag`). */
  readonly tag?: string;
  /** The container to update, when the task definition has several images from ECR. */
  readonly container?: string;
  readonly platform?: string;
  readonly region?: string;
  readonly baseDir?: string;
  /** An image that is already published: the publish step is skipped and its repository decides the container. */
  readonly published?: { readonly imageUri: string; readonly digest: string; readonly repositoryName: string };
}

/** What a release will do, shown once for confirmation before anything changes AWS. */
export interface ReleasePlan {
  readonly cluster: string;
  readonly service: string;
  /** The image the container gets: `repositoryUri:tag` to publish, or the already published URI. */
  readonly image: string;
  /** True when the image is built and pushed by this release (false: already published). */
  readonly publishes: boolean;
  readonly container: string;
  /** The revision the service runs now, which the new revision is rendered from. */
  readonly baseRevision: string;
  readonly family: string;
  readonly desiredCount?: number;
  /** What does not fit how the service runs its tasks (domain/compatibility); absent when it fits. */
  readonly warnings?: readonly string[];
}

/** What the confirmation says besides the plan: the revision to register, the image replaced, a repository to create. */
export interface ReleasePlanDetails {
  /** `family:N+1`. */
  readonly nextRevision: string;
  readonly repositoryName: string;
  /** The container's image in the revision the service runs. */
  readonly previousImage: string;
  readonly createsRepository: boolean;
}

export type ReleaseStep = 'publish' | 'render' | 'register' | 'deploy' | 'follow';
export const RELEASE_STEPS: readonly ReleaseStep[] = ['publish', 'render', 'register', 'deploy', 'follow'];

export interface ReleaseResult {
  readonly outcome: DeployOutcomeKind;
  readonly imageUri: string;
  readonly digest: string;
  readonly taskDefinitionArn: string;
  readonly previousTaskDefinitionArn: string;
  readonly container: string;
  readonly reason?: string;
  readonly events?: readonly string[];
}

export interface ReleaseObserver {
  /**
   * A step started (`running`), finished (`done`) or failed. `image` is the `repository:tag` being
   * published, with the publish step's `running` (the message is translated, so it is not parsed).
   */
  step?(step: ReleaseStep, state: 'running' | 'done' | 'failed', message: string, image?: string): void;
  publish?: PublishObserver;
  /** UpdateService answered: the deployment that the follow step then follows. */
  deployStarted?(started: StartedDeployment): void;
  rollout?(state: RolloutState): void;
}

export interface ReleaseDeps extends Pick<PrepareDeps, 'chooseContainer' | 'chooseRepository'> {
  readonly clients: AwsClients;
  /** Needed unless the request carries an already published image. */
  readonly cli?: ContainerCli;
  readonly engineArchitecture?: string;
  readonly signal?: AbortSignal;
  readonly observer?: ReleaseObserver;
  /** The target already prepared (`prepareRelease`) by the caller, which asked its questions first. */
  readonly prepared?: PreparedRelease;
  /** The tag to use when the request has none (e.g. the git commit). */
  readonly suggestTag?: () => Promise<string>;
  /**
   * Asked once, after the plan is known and before anything changes AWS (push, register, deploy);
   * false cancels the release with nothing changed. Without it (explicit arguments) nothing is asked.
   */
  readonly confirmPlan?: (plan: ReleasePlan, details: ReleasePlanDetails) => Promise<boolean>;
  /** Rollout timeout (default: the deploy feature's, 30 min). */
  readonly timeoutMs?: number;
  /** Poll delay override for tests. */
  readonly pollDelay?: (elapsedMs: number, throttles: number) => number;
}

/** The release stopped at `step`. `done` and `notDone` say, in words, what happened and what did not. */
export class ReleaseError extends Error {
  constructor(
    readonly step: ReleaseStep,
    message: string,
    readonly done: readonly string[],
    readonly notDone: readonly string[],
    override readonly cause?: unknown,
    /** Set once a revision is registered: it can still be deployed by hand. */
    readonly registeredTaskDefinitionArn?: string,
    readonly imageUri?: string,
  ) {
    super(message);
    this.name = 'ReleaseError';
  }

  /** `revision web:7 registered, not deployed`. */
  get summary(): string {
    const parts = [...this.done];
    if (this.notDone.length) parts.push(this.notDone.join(', '));
    return parts.join('; ');
  }

  get cancelled(): boolean {
    return isPublishError(this.cause, 'cancelled') || (this.cause as { name?: string } | undefined)?.name === 'AbortError';
  }
}

/** What did not happen, as a phrase of the display language ("not deployed"). */
function notDone(step: ReleaseStep): string {
  switch (step) {
    case 'publish':
      return l10n.t('not published');
    case 'render':
      return l10n.t('not rendered');
    case 'register':
      return l10n.t('not registered');
    case 'deploy':
      return l10n.t('not deployed');
    case 'follow':
      return l10n.t('not followed to its end');
  }
}

export async function release(request: ReleaseRequest, deps: ReleaseDeps): Promise<ReleaseResult> {
  const { clients, observer, signal } = deps;
  const region = request.region;
  const done: string[] = [];
  let current: ReleaseStep = 'publish';
  let registeredArn: string | undefined;
  let published: PublishResult | undefined;
  const fail = (error: unknown): never => {
    if (error instanceof ReleaseError) throw error;
    const message = (error as Error)?.message ?? String(error);
    observer?.step?.(current, 'failed', message);
    const remaining = RELEASE_STEPS.slice(RELEASE_STEPS.indexOf(current)).filter((s) => s !== 'render' && (s !== 'follow' || current === 'follow'));
    throw new ReleaseError(current, message, done, remaining.map(notDone), error, registeredArn, published?.imageUri);
  };

  // What the service runs now, which container gets the new image, and where it is pushed.
  let prepared: PreparedRelease;
  try {
    prepared = deps.prepared ?? (await prepareRelease(request, deps));
  } catch (error) {
    return fail(error);
  }
  const { service, base } = prepared;
  let candidate: ContainerCandidate = prepared.candidate;

  // The whole plan, confirmed once before the first change (the push).
  let tag: string | undefined;
  try {
    if (!request.published) {
      tag = request.tag ?? (deps.suggestTag ? await deps.suggestTag() : undefined);
      if (!tag) throw new PublishError('invalid-input', l10n.t('A tag is needed.'));
    }
    if (deps.confirmPlan) {
      // The new revision keeps the base's compatibilities, network mode and size: only an image changes.
      const warnings = compatibilityWarnings(base.taskDefinition, service);
      const plan: ReleasePlan = {
        cluster: request.cluster,
        service: request.service,
        image: request.published ? request.published.imageUri : `${candidate.repositoryUri || candidate.repositoryName}:${tag}`,
        publishes: !request.published,
        container: candidate.container,
        baseRevision: base.taskDefinition.taskDefinitionArn ?? '',
        family: base.taskDefinition.family ?? '',
        desiredCount: service.desiredCount,
        ...(warnings.length ? { warnings } : {}),
      };
      const details: ReleasePlanDetails = {
        nextRevision: prepared.nextRevision,
        repositoryName: candidate.repositoryName,
        previousImage: candidate.image,
        createsRepository: prepared.createRepository !== undefined,
      };
      if (!(await deps.confirmPlan(plan, details))) throw new PublishError('cancelled', l10n.t('The release was cancelled before anything changed.'));
    }
  } catch (error) {
    return fail(error);
  }

  // 1. publish
  if (request.published) {
    published = {
      imageUri: request.published.imageUri,
      digest: request.published.digest,
      repositoryUri: candidate.repositoryUri,
      tags: [],
      platform: '',
      movedTags: [],
    };
    done.push(l10n.t`image ${published.imageUri} already published`);
    observer?.step?.('publish', 'done', l10n.t`Using ${published.imageUri}`);
  } else {
    try {
      if (!tag) throw new PublishError('invalid-input', l10n.t('A tag is needed.'));
      if (!deps.cli) throw new PublishError('invalid-input', l10n.t('No container CLI to build and push with.'));
      if (prepared.createRepository) {
        observer?.step?.('publish', 'running', l10n.t`Creating repository ${candidate.repositoryName}`);
        const repositoryUri = await createRepository({ clients, region }, candidate.repositoryName, {
          immutable: prepared.createRepository.imageTagMutability === 'IMMUTABLE',
          scanOnPush: prepared.createRepository.scanOnPush,
          signal,
        });
        candidate = { ...candidate, repositoryUri };
        done.push(l10n.t`repository ${candidate.repositoryName} created`);
      }
      observer?.step?.('publish', 'running', l10n.t`Publishing ${candidate.repositoryName}:${tag}`, `${candidate.repositoryName}:${tag}`);
      published = await publishImage(
        {
          context: request.context ?? (request.dockerfile ? undefined : '.'),
          dockerfile: request.dockerfile,
          repository: candidate.repositoryName,
          tags: [tag],
          platform: request.platform,
          runtimePlatform: base.taskDefinition.runtimePlatform,
          baseDir: request.baseDir,
        },
        { ecr: { clients, region }, cli: deps.cli, engineArchitecture: deps.engineArchitecture, observer: observer?.publish, signal },
      );
      done.push(l10n.t`image ${published.imageUri} published (${published.digest.slice(0, 19)})`);
      observer?.step?.('publish', 'done', l10n.t`Published ${published.imageUri}`);
    } catch (error) {
      return fail(error);
    }
  }

  // 2. render, 3. register
  try {
    current = 'render';
    observer?.step?.('render', 'running', l10n.t`Rendering ${revisionLabel(base.taskDefinition.taskDefinitionArn)} with ${published.imageUri}`);
    const rendered = renderRevision(base, { containerName: candidate.container, image: published.imageUri });
    observer?.step?.('render', 'done', l10n.t`Container ${candidate.container} → ${published.imageUri}`);
    current = 'register';
    observer?.step?.('register', 'running', l10n.t`Registering a new revision of ${base.taskDefinition.family ?? ''}`);
    const registered = await registerRevision(clients, rendered.input, { signal: signal ?? NEVER_ABORTS, region });
    registeredArn = registered.taskDefinitionArn;
    done.push(l10n.t`revision ${revisionLabel(registeredArn)} registered`);
    observer?.step?.('register', 'done', l10n.t`Registered ${revisionLabel(registeredArn)}`);
  } catch (error) {
    return fail(error);
  }

  // 4. deploy, 5. follow
  current = 'deploy';
  observer?.step?.('deploy', 'running', l10n.t`Deploying ${revisionLabel(registeredArn)} to ${request.service}`);
  try {
    const outcome = await deployAndFollow(
      clients,
      { cluster: request.cluster, service: request.service, taskDefinition: registeredArn, region },
      {
        signal,
        timeoutMs: deps.timeoutMs,
        pollDelay: deps.pollDelay,
        onStarted: (started) => {
          observer?.deployStarted?.(started);
          done.push(l10n.t`deployment to ${request.service} started`);
          observer?.step?.('deploy', 'done', l10n.t`UpdateService ${request.service} → ${revisionLabel(registeredArn)}`);
          current = 'follow';
          observer?.step?.('follow', 'running', l10n.t('Following the rollout'));
        },
        onState: (state) => observer?.rollout?.(state),
      },
    );
    observer?.step?.('follow', outcome.outcome === 'completed' ? 'done' : 'failed', outcome.reason ? l10n.t`Rollout ${outcome.outcome}: ${outcome.reason}` : l10n.t`Rollout ${outcome.outcome}`);
    return {
      outcome: outcome.outcome,
      imageUri: published.imageUri,
      digest: published.digest,
      taskDefinitionArn: registeredArn,
      previousTaskDefinitionArn: base.taskDefinition.taskDefinitionArn ?? '',
      container: candidate.container,
      reason: outcome.reason,
      events: outcome.events,
    };
  } catch (error) {
    return fail(error);
  }
}

