// The notifications of followed deployments (split from watchesView.ts): the cancellable progress of
// one deployment and its end, "ECS waits for you" at a PAUSE hook, and the details written to the log.
import * as vscode from 'vscode';
import type { AwsErrorAction } from '../aws/errors';
import { revisionLabel } from '../domain/arn';
import type { DeployOutcome } from './outcome';
import { clusterName, outcomeMessage, watchDetail } from './presentation';
import type { RolloutState } from './rolloutModel';
import { stageDetail } from './serviceDeploymentProgress';
import type { Watch, WatchDeps } from './watchesView';

export interface NotifyDeps {
  readonly log: vscode.LogOutputChannel;
  readonly steer?: WatchDeps['steer'];
  readonly stopWatching: (key: string) => void;
  /** Opens the readable document of one deployment. */
  readonly showDocument: (key: string) => Promise<unknown>;
}

/** ECS waits for the user at a PAUSE hook: say so at once, with the way to answer. */
export function notifyWaiting(deps: NotifyDeps, watch: Watch, state: RolloutState): void {
  const text = stageDetail(state.stage!, Date.now());
  deps.log.warn(`[deploy] ${watch.service} (${clusterName(watch.cluster)}): ${text}`);
  if (!deps.steer) return;
  const continueLabel = vscode.l10n.t('Continue…');
  const stopLabel = vscode.l10n.t('Roll Back Now…');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('{0} ({1}) → {2}: {3}', watch.service, clusterName(watch.cluster), revisionLabel(watch.taskDefinitionArn), text), continueLabel, stopLabel)
    .then((choice) => {
      const target = { cluster: watch.cluster, service: watch.service, region: watch.started.region };
      if (choice === continueLabel) void deps.steer?.('continue', target);
      else if (choice === stopLabel) void deps.steer?.('ROLLBACK', target);
    });
}

/** A cancellable progress notification while the deployment runs (cancel stops watching), then its end. */
export function notifyProgress(deps: NotifyDeps, watch: Watch, done: Promise<DeployOutcome>): void {
  const title = vscode.l10n.t('Deploying {0} to {1} ({2})', revisionLabel(watch.taskDefinitionArn), watch.service, clusterName(watch.cluster));
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      progress.report({ message: vscode.l10n.t('Cancel stops watching; the deployment goes on in ECS.') });
      let last = watch.state.at;
      const timer = setInterval(() => {
        if (watch.state.at !== last) {
          last = watch.state.at;
          progress.report({ message: watch.state.reason });
        }
      }, 500);
      const sub = token.onCancellationRequested(() => deps.stopWatching(watch.key));
      try {
        await done;
      } finally {
        clearInterval(timer);
        sub.dispose();
      }
    },
  );
  void done.then(async (outcome) => {
    if (outcome.outcome === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Stopped watching {0}; the deployment continues in ECS.', watch.service));
      return;
    }
    const message = outcomeMessage(watch);
    const showEvents = vscode.l10n.t('Show Events');
    const showDetails = vscode.l10n.t('Show Details');
    const fix = accessAction(watch.state.action);
    const actions = fix ? [fix.title, showDetails, showEvents] : [showDetails, showEvents];
    // Stopped by someone or replaced by a newer deployment: said, not alarmed (nothing failed).
    const choice = outcome.outcome === 'completed' || outcome.ended
      ? await vscode.window.showInformationMessage(message, ...actions)
      : outcome.outcome === 'unobserved'
        ? await vscode.window.showWarningMessage(message, ...actions)
        : await vscode.window.showErrorMessage(message, ...actions);
    if (fix && choice === fix.title) void vscode.commands.executeCommand(fix.command, ...fix.args);
    if (choice === showDetails) void deps.showDocument(watch.key);
    if (choice === showEvents) {
      writeDetailsToLog(deps.log, watch);
      deps.log.show(true);
    }
  });
}

export function writeDetailsToLog(log: vscode.LogOutputChannel, watch: Watch): void {
  log.info(`[deploy] ---- ${watch.service} (${clusterName(watch.cluster)}) → ${revisionLabel(watch.taskDefinitionArn)} ----`);
  for (const line of watchDetail(watch).split('\n')) log.info(`[deploy] ${line}`);
  if (watch.state.progress) {
    const p = watch.state.progress;
    log.info(`[deploy] tasks: ${p.running}/${p.desired} running, ${p.pending} pending, ${p.failedTasks} failed, ${p.draining} old draining` +
      `${p.rolloutState ? `, rollout ${p.rolloutState}` : ''}`);
  }
  if (watch.state.events.length === 0) log.info('[deploy] no service events since the deployment started');
  for (const e of watch.state.events) log.info(`[deploy]   ${new Date(e.at).toISOString()}  ${e.message}`);
}

/** The button that lets the user see the service again after a watch ended for want of access. */
function accessAction(action: AwsErrorAction | undefined): { title: string; command: string; args: unknown[] } | undefined {
  if (action?.kind === 'signIn') return { title: vscode.l10n.t('Sign In'), command: 'ecsWorkbench.signIn', args: action.profile ? [action.profile] : [] };
  if (action?.kind === 'selectProfile') return { title: vscode.l10n.t('Select Profile'), command: 'ecsWorkbench.selectProfile', args: [] };
  return undefined;
}
