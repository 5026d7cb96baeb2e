// ecsWorkbench.release: publish an image → render the service's revision with it → register → deploy →
// follow the rollout. From the palette or a service node it asks for the target, the Dockerfile and
// the tag, then confirms the whole plan once (image, revision, service, cluster) before anything
// changes AWS. With explicit arguments {cluster, service, context?, dockerfile?, tag?, container?,
// platform?, region?} it asks nothing and resolves {outcome, imageUri, taskDefinitionArn}.
import * as vscode from 'vscode';
import { describeProgress } from '../../deploy/rolloutText';
import { withWarnings } from '../../deploy/presentation';
import { resourceName, revisionLabel } from '../../domain/arn';
import { failureText } from '../../aws/errors';
import { tryParseImageReference } from '../../domain/imageRef';
import { changed } from '../../explorer/refresher';
import { resourceOf } from '../../explorer/resources';
import { reportFailure, withCancellableProgress, type CommandSpec } from '../../ui/command';
import { isPublishError } from '../errors';
import { formatPushStatus } from '../pushProgress';
import { RELEASE_STEPS, ReleaseError, release, type ReleasePlan, type ReleasePlanDetails, type ReleaseRequest, type ReleaseResult, type ReleaseStep } from '../release';
import { defaultReleaseTag, suggestTags } from '../tagSuggestions';
import { pickClusterAndService, pickContainer } from './pickers';
import { askRelease } from './releaseQuestions';
import type { PreparedRelease } from '../releasePlan';
import { isPlainObject, type PublishSession } from './session';
import type { FollowedElsewhere } from '../../deploy/watchesView';
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
      let answers;
      try {
        answers = await askRelease(session, target, region);
      } catch (error) {
        // Before the first change: say why, and that nothing changed.
        void reportFailure(session.deps.log, { what: vscode.l10n.t('Release of {0}', target.service), error, message: checkFailure(target.service, error) });
        return undefined;
      }
      if (!answers) return undefined;
      const { prepared, dockerfile, context, tag, moving } = answers;
      try {
        return summary(await runRelease(session, { ...target, region, dockerfile, context, tag, baseDir: session.workspaceFolder() }, true, { prepared, moving }));
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
export async function confirmReleasePlan(plan: ReleasePlan, details: ReleasePlanDetails, moving: readonly string[] = []): Promise<boolean> {
  const cluster = resourceName(plan.cluster);
  const lines: string[] = [];
  if (details.createsRepository) lines.push(vscode.l10n.t('1. Create the ECR repository {0}', details.repositoryName));
  lines.push(
    plan.publishes
      ? vscode.l10n.t('{0}. Build and push the image {1} to the repository {2}', lines.length + 1, plan.image, details.repositoryName)
      : vscode.l10n.t('{0}. Use the image {1} (already pushed)', lines.length + 1, plan.image),
    vscode.l10n.t('{0}. Register {1} from {2}, with container {3}\'s image changed: {4} → {5}', lines.length + 2, details.nextRevision, revisionLabel(plan.baseRevision), plan.container, details.previousImage, plan.image),
    vscode.l10n.t('{0}. Deploy {1} to {2}/{3}{4}, and follow the rollout until it completes, fails or rolls back', lines.length + 3, details.nextRevision, cluster, plan.service, plan.desiredCount !== undefined ? vscode.l10n.t(' ({0} tasks are replaced)', plan.desiredCount) : ''),
  );
  if (moving.length) lines.push(vscode.l10n.t('Tag {0} exists in {1} and moves to the new image.', moving.join(', '), details.repositoryName));
  const go = vscode.l10n.t('Release');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Release {0} to {1}/{2} as {3}?', plan.image, cluster, plan.service, details.nextRevision),
    // The deploy confirmation's rule and layout: what does not fit the service comes first.
    { modal: true, detail: withWarnings(plan.warnings ?? [], lines.join('\n')) },
    go,
  );
  return choice === go;
}

/** `asked`: what the interactive questions settled (the target, tags that move), so nothing is asked again. */
export async function runRelease(
  session: PublishSession,
  request: ReleaseRequest,
  interactive: boolean,
  asked?: { prepared: PreparedRelease; moving: readonly string[] },
): Promise<ReleaseResult> {
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
      // A tag that moves was said in the confirmation: then it is only logged.
      const publishObserver = session.observer(() => label.split(':')[0], undefined, interactive);
      // The rollout's entry in the deployments status bar; not watched any more once Release stops following.
      let entry: FollowedElsewhere | undefined;
      try {
        return await release(request, {
          clients: deps.clients,
          cli: engine?.cli,
          engineArchitecture: engine?.architecture,
          signal,
          suggestTag: async () => defaultReleaseTag(await suggestTags(request.baseDir ?? process.cwd(), { includeLatest: false })) ?? '',
          prepared: asked?.prepared,
          chooseContainer: interactive ? (c) => pickContainer(c) : undefined,
          confirmPlan: interactive ? (plan, details) => confirmReleasePlan(plan, details, asked?.moving) : undefined,
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
            deployStarted: (started) => {
              entry = deps.deployments?.followedElsewhere(started);
            },
            rollout: (state) => {
              entry?.state(state);
              for (const e of state.newEvents) deps.log.info(`[release] event: ${e.message}`);
              show('follow', state.progress ? describeProgress(state.progress) : (state.reason ?? state.phase));
            },
          },
        });
      } finally {
        entry?.ended();
      }
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
  const { log } = session.deps;
  const revision = revisionLabel(result.taskDefinitionArn);
  const tag = tryParseImageReference(result.imageUri)?.tag ?? result.imageUri;
  const cluster = resourceName(request.cluster);
  // The whole story in the log; the notification stays short enough to be read whole, with its actions.
  log.info(
    `[release] ${cluster}/${request.service}: ${result.outcome}; ${revisionLabel(result.previousTaskDefinitionArn)} → ${revision}, ` +
      `container ${result.container} → ${result.imageUri} (${result.digest})${result.reason ? `; ${result.reason}` : ''}`,
  );
  const showLogs = vscode.l10n.t('Show Logs');
  const showDetails = vscode.l10n.t('Show Details');
  let choice: string | undefined;
  if (result.outcome === 'completed') {
    choice = await vscode.window.showInformationMessage(vscode.l10n.t('Released {0} to {1}/{2} (image tag {3}).', revision, cluster, request.service, tag), showLogs, showDetails);
  } else {
    const what = vscode.l10n.t('{0}/{1} → {2} ({3})', cluster, request.service, revision, tag);
    const text = result.outcome === 'cancelled' ? vscode.l10n.t('Stopped following the release of {0}; the deployment continues.', what) : rolloutEnd(what, result.outcome, result.reason);
    choice = await (result.outcome === 'cancelled' ? vscode.window.showInformationMessage(text, showLogs, showDetails) : vscode.window.showErrorMessage(text, showLogs, showDetails));
  }
  if (choice === showDetails) log.show(true);
  if (choice === showLogs) {
    await Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.showLogs', { cluster: request.cluster, service: request.service, follow: true, region: request.region })).catch((error: unknown) =>
      reportFailure(log, { what: vscode.l10n.t('Showing the logs of {0}', request.service), error }),
    );
  }
}

/** A check before the first change failed: the cause, its hint, and that nothing changed. */
function checkFailure(service: string, error: unknown): string {
  const hint = isPublishError(error) && error.hint ? ` ${withoutFinalPeriod(error.hint)}.` : '';
  const cause = withoutFinalPeriod(isPublishError(error) ? error.message : failureText(error));
  return vscode.l10n.t('Release of {0}: {1}.{2} Nothing was changed.', service, cause, hint);
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
  // What was done, then what did not happen, each its own sentence: "Not registered, not deployed".
  const summary = [error.done.join('; '), error.notDone.join(', ')].filter(Boolean).map((part) => withoutFinalPeriod(capitalize(part))).join('. ');
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
