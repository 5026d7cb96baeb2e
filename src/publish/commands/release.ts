// ecsWorkbench.release: publish an image → render the service's revision with it → register → deploy →
// follow the rollout. From the palette or a service node it asks for the target, the Dockerfile and
// the tag, then confirms the whole plan once (image, revision, service, cluster) before anything
// changes AWS. With explicit arguments {cluster, service, context?, dockerfile?, tag?, container?,
// platform?, region?} it asks nothing and resolves {outcome, imageUri, taskDefinitionArn}.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeProgress } from '../../deploy/rolloutText';
import { withWarnings } from '../../deploy/presentation';
import { revisionLabel } from '../../domain/arn';
import { failureText } from '../../aws/errors';
import { tryParseImageReference } from '../../domain/imageRef';
import { changed } from '../../explorer/refresher';
import { resourceOf } from '../../explorer/resources';
import { reportFailure, withCancellableProgress, type CommandSpec } from '../../ui/command';
import { isPublishError } from '../errors';
import { formatPushStatus } from '../pushProgress';
import { RELEASE_STEPS, ReleaseError, release, type ReleasePlan, type ReleaseRequest, type ReleaseResult, type ReleaseStep } from '../release';
import { defaultReleaseTag, suggestTags } from '../tagSuggestions';
import { pickClusterAndService, pickContainer, pickSource, tagSource } from './pickers';
import { isPlainObject, type PublishSession } from './session';
import { withoutFinalPeriod } from '../../ui/sentence';

/** Explicit arguments of `ecsWorkbench.release`: the pipeline's request less what only the extension sets. */
export type ReleaseArgs = Omit<ReleaseRequest, 'baseDir' | 'published'>;

export type ReleaseCommandResult = { outcome: string; imageUri: string; taskDefinitionArn: string };

export function isReleaseArgs(arg: unknown): arg is ReleaseArgs {
  return isPlainObject(arg) && typeof arg.cluster === 'string' && typeof arg.service === 'string';
}

export function releaseCommand(session: PublishSession): CommandSpec<ReleaseArgs, ReleaseCommandResult> {
  const summary = (r: ReleaseResult): ReleaseCommandResult => ({ outcome: r.outcome, imageUri: r.imageUri, taskDefinitionArn: r.taskDefinitionArn });
  return {
    id: 'ecsWorkbench.release',
    what: vscode.l10n.t('Releasing'),
    trust: 'runsProcesses',
    explicit: ([arg]) => (isReleaseArgs(arg) ? arg : undefined),
    runExplicit: async (arg) => summary(await runRelease(session, { ...arg, baseDir: session.workspaceFolder() }, false)),
    runInteractive: async ([arg]) => {
      const node = resourceOf(arg, 'service');
      const region = node?.region;
      const target =
        node?.serviceName && (node.clusterArn ?? node.clusterName)
          ? { cluster: (node.clusterArn ?? node.clusterName)!, service: node.serviceName }
          : await pickReleaseTarget(session, region);
      if (!target) return undefined;
      const folder = session.workspaceFolder();
      const source = await pickSource(session, folder);
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
        return summary(await runRelease(session, { ...target, region, dockerfile: source.dockerfile, context: source.context, tag: tag.label, baseDir: folder }, true));
      } catch {
        return undefined; // already shown
      }
    },
  };
}

/** The deploy feature's pickers (paged lists that open at once), titled for the release. */
export function pickReleaseTarget(session: PublishSession, region: string | undefined): Promise<{ cluster: string; service: string } | undefined> {
  return pickClusterAndService(session, region);
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

/** The one confirmation of a release: everything it will change, before the first change. */
export async function confirmReleasePlan(plan: ReleasePlan): Promise<boolean> {
  const cluster = plan.cluster.slice(plan.cluster.lastIndexOf('/') + 1);
  const lines = [
    plan.publishes ? vscode.l10n.t('Image: build and push {0}', plan.image) : vscode.l10n.t('Image: {0} (already pushed)', plan.image),
    vscode.l10n.t('Revision: a new revision of {0} from {1}, with container {2} on the new image', plan.family, revisionLabel(plan.baseRevision), plan.container),
    vscode.l10n.t('Service: {0} in cluster {1} is updated to the new revision{2}', plan.service, cluster, plan.desiredCount !== undefined ? vscode.l10n.t(' ({0} tasks are replaced)', plan.desiredCount) : ''),
    vscode.l10n.t('The rollout is followed until it completes, fails or rolls back.'),
  ].join('\n');
  // The deploy confirmation's rule and layout: what does not fit the service comes first.
  const detail = withWarnings(plan.warnings ?? [], lines);
  const go = vscode.l10n.t('Release');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Release {0} to {1} in cluster {2}?', plan.image, plan.service, cluster), { modal: true, detail }, go);
  return choice === go;
}

export async function runRelease(session: PublishSession, request: ReleaseRequest, interactive: boolean): Promise<ReleaseResult> {
  const { deps, status } = session;
  const title = vscode.l10n.t('Release {0}', request.service);
  const steps = request.published ? RELEASE_STEPS.filter((s) => s !== 'publish') : RELEASE_STEPS;
  let label = request.service;
  let released: ReleaseResult | undefined;
  try {
    const result = await withCancellableProgress({ title }, async (signal, report) => {
      const show = (step: ReleaseStep, message: string): void => {
        const n = Math.max(1, steps.indexOf(step) + 1);
        report(`${n}/${steps.length} ${stepTitle(step)} · ${message}`);
        status.text = vscode.l10n.t('$(rocket) {0}: {1}', title, stepTitle(step));
        status.accessibilityInformation = { label: vscode.l10n.t('{0}, step {1} of {2}: {3}', title, n, steps.length, stepTitle(step)) };
        status.show();
      };
      const engine = request.published ? undefined : await session.containerCli(signal);
      const publishObserver = session.observer(() => label.split(':')[0]);
      return release(request, {
        clients: deps.clients,
        cli: engine?.cli,
        engineArchitecture: engine?.architecture,
        signal,
        suggestTag: async () => defaultReleaseTag(await suggestTags(request.baseDir ?? process.cwd(), { includeLatest: false })) ?? '',
        chooseContainer: interactive ? (c) => pickContainer(c) : undefined,
        confirmPlan: interactive ? confirmReleasePlan : undefined,
        observer: {
          step: (step, state, message, image) => {
            deps.log.info(`[release] ${stepTitle(step)} ${state}: ${message}`);
            if (step === 'publish' && state === 'running' && image) label = image;
            if (state !== 'failed') show(step, message);
          },
          publish: {
            ...publishObserver,
            step: (_s, message) => {
              deps.log.info(`[publish] ${message}`);
              show('publish', message);
            },
            progress: (_tag, p) => show('publish', formatPushStatus(label, p)),
          },
          rollout: (state) => {
            for (const e of state.newEvents) deps.log.info(`[release] event: ${e.message}`);
            show('follow', state.progress ? describeProgress(state.progress) : (state.reason ?? state.phase));
          },
        },
      });
    });
    released = result;
    deps.log.info(`[release] ${request.service}: ${result.outcome} with ${revisionLabel(result.taskDefinitionArn)} (${result.imageUri})`);
    // The release pushed the image; the rollout counts only if it really completed.
    deps.milestones.reached('imagePublished');
    if (result.outcome === 'completed') deps.milestones.reached('deploymentCompleted');
    if (interactive) void showReleaseOutcome(session, request, result);
    return result;
  } catch (error) {
    if (interactive) void showReleaseError(session, request, error);
    throw error;
  } finally {
    status.hide();
    // The service whatever happened (a failed rollout changed it too); the image and revision when known.
    const repository = released ? tryParseImageReference(released.imageUri)?.repository : request.published?.repositoryName;
    session.refreshExplorer(
      request.region,
      (scope) => changed.service(scope, request.cluster, request.service),
      (scope) => (released ? changed.revision(scope, released.taskDefinitionArn) : undefined),
      (scope) => (repository ? changed.repository(scope, repository) : undefined),
    );
  }
}

async function showReleaseOutcome(session: PublishSession, request: ReleaseRequest, result: ReleaseResult): Promise<void> {
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
  if (choice) session.deps.log.show(true);
}

/** The one report of a failed release: the step, the cause with its hint, what was and was not done. */
async function showReleaseError(session: PublishSession, request: ReleaseRequest, error: unknown): Promise<void> {
  const what = vscode.l10n.t('Release of {0}', request.service);
  if (!(error instanceof ReleaseError)) {
    await reportFailure(session.deps.log, { what, error });
    return;
  }
  const cause = error.cause;
  const hint = isPublishError(cause) && cause.hint ? withoutFinalPeriod(cause.hint) : '';
  const failure = withoutFinalPeriod(isPublishError(cause) ? cause.message : cause ? failureText(cause) : error.message);
  const summary = withoutFinalPeriod(capitalize(error.summary));
  let message: string;
  if (error.cancelled) message = summary ? vscode.l10n.t('Release of {0} cancelled. {1}.', request.service, summary) : vscode.l10n.t('Release of {0} cancelled; nothing was changed.', request.service);
  else if (hint) message = vscode.l10n.t('Release of {0} failed at "{1}": {2} {3}. {4}.', request.service, stepTitle(error.step), failure, hint, summary);
  else message = vscode.l10n.t('Release of {0} failed at "{1}": {2}. {3}.', request.service, stepTitle(error.step), failure, summary);
  const registered = error.registeredTaskDefinitionArn;
  const actions = registered
    ? [
        {
          title: vscode.l10n.t('Deploy {0}', revisionLabel(registered)),
          // Deploy Service confirms, follows the rollout in the status bar and reports its real outcome.
          run: () => vscode.commands.executeCommand('ecsWorkbench.deployService', { cluster: request.cluster, service: request.service, taskDefinition: registered, region: request.region }),
        },
      ]
    : [];
  if (error.cancelled) {
    session.deps.log.info(`[release] ${message}`);
    void vscode.window.showInformationMessage(message);
    return;
  }
  await reportFailure(session.deps.log, { what, error, message, actions });
}

/** The notification for a release whose rollout did not complete. */
function rolloutEnd(what: string, outcome: ReleaseResult['outcome'], why: string | undefined): string {
  const reason = why === undefined ? undefined : withoutFinalPeriod(why);
  if (outcome === 'rolledBack') return reason ? vscode.l10n.t('Release of {0}: the rollout was rolled back: {1}.', what, reason) : vscode.l10n.t('Release of {0}: the rollout was rolled back.', what);
  if (outcome === 'timedOut') return reason ? vscode.l10n.t('Release of {0}: the rollout timed out: {1}.', what, reason) : vscode.l10n.t('Release of {0}: the rollout timed out.', what);
  if (outcome === 'unobserved') return why ? vscode.l10n.t('Release of {0}: {1}', what, why) : vscode.l10n.t('Release of {0}: the rollout could not be followed.', what);
  return reason ? vscode.l10n.t('Release of {0}: the rollout failed: {1}.', what, reason) : vscode.l10n.t('Release of {0}: the rollout failed.', what);
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
