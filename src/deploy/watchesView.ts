// VS Code side of following deployments: one status-bar item per followed service (progress while it
// runs, an outcome that stays until clicked or dismissed; a newer deployment of the service replaces it),
// an optional cancellable notification per deployment (cancelling stops watching, never the deployment),
// service events streamed to the log, and in-progress watches kept in workspaceState for a reload.
import type { DeployState } from './api';
import * as vscode from 'vscode';
import type { AwsErrorAction } from '../aws/errors';
import type { ExplorerRefresher } from '../explorer/refresher';
import type { Resource } from '../explorer/resources';
import { logFailure } from '../ui/command';
import type { AwsClients } from '../aws/clients';
import { stageDetail } from './serviceDeploymentProgress';
import { PollGroup, awsGroupCalls } from './pollGroup';
import { followRollout } from './follow';
import { outcomeOf, type DeployOutcome } from './outcome';
import { rolloutTargetOf, type StartedDeployment } from './deployment';
import { clusterName, outcomeMessage, statusBarEntries, watchAccessibleLabel, watchDetail, watchIcon, type WatchView } from './presentation';
import { revisionLabel } from '../domain/arn';
import type { RolloutState } from './rolloutModel';
import type { Milestones } from '../ui/milestones';

const STATE_KEY = 'ecsWorkbench.deploy.watches';
/** Deployments older than this are not resumed after a reload (the tracker would time them out anyway). */
const RESUME_MAX_AGE_MS = 12 * 3600_000;
export const SHOW_DEPLOYMENTS_COMMAND = 'ecsWorkbench.deploy.showDeployments';

/** What is stored in workspaceState for a deployment being watched. */
interface PersistedWatch {
  readonly cluster: string;
  readonly service: string;
  readonly region?: string;
  readonly taskDefinitionArn: string;
  readonly previousTaskDefinitionArn?: string;
  readonly deploymentId?: string;
  readonly startedAt: number;
}

interface Watch extends WatchView {
  readonly key: string;
  readonly started: StartedDeployment;
  state: RolloutState;
  stopped: boolean;
  readonly controller: AbortController;
  done?: Promise<DeployOutcome>;
}

export interface WatchDeps {
  readonly clients: AwsClients;
  readonly log: vscode.LogOutputChannel;
  readonly memento: vscode.Memento;
  readonly timeoutMs: () => number;
  readonly milestones: Milestones;
  /** Shows the service's new state (deploying, steady, rolled back) in the explorer. */
  readonly refresher: ExplorerRefresher;
  /** Continue / roll back / stop the deployment of a followed service, asking first. */
  readonly steer?: (kind: 'continue' | 'ROLLBACK' | 'ABORT', target: { cluster: string; service: string; region?: string }) => Promise<unknown>;
}

export class DeploymentWatches implements vscode.Disposable {
  private readonly watches = new Map<string, Watch>();
  /** The watches of one cluster poll together: ceil(N/10) DescribeServices per tick, not N. */
  private readonly group: PollGroup;
  /** One status-bar item per followed service, by watch key. */
  private readonly items = new Map<string, vscode.StatusBarItem>();
  private disposed = false;

  constructor(private readonly deps: WatchDeps) {
    this.group = new PollGroup(awsGroupCalls(deps.clients));
  }

  /** One service, one entry: the region (the current one when not given), the cluster's name and the service. */
  private keyOf(where: { region?: string; cluster: string; service: string }): string {
    return `${where.region ?? this.deps.clients.current().region}|${clusterName(where.cluster)}|${where.service}`;
  }

  /** Views of the deployments currently shown (for tests and the details list). */
  get views(): readonly WatchView[] { return [...this.watches.values()]; }

  /**
   * Follows a deployment that was just started (or resumed). With `notify`, a cancellable notification
   * shows progress and the end. Resolves with the outcome (`cancelled` when watching was stopped).
   */
  follow(started: StartedDeployment, options: { notify: boolean }): Promise<DeployOutcome> {
    const key = this.keyOf(started);
    // A newer deployment of the service replaces the entry of the older one (finished or not).
    this.watches.get(key)?.controller.abort();
    this.watches.delete(key);
    const watch: Watch = {
      key,
      started,
      service: started.service,
      cluster: started.cluster,
      taskDefinitionArn: started.taskDefinitionArn,
      state: {
        phase: 'inProgress', terminal: false, at: started.startedAt, taskDefinitionArn: started.taskDefinitionArn,
        deploymentId: started.deploymentId, events: [], newEvents: [], reason: vscode.l10n.t('Starting'),
      },
      stopped: false,
      controller: new AbortController(),
    };
    this.watches.set(key, watch);
    void this.persist();
    this.render();
    this.deps.log.info(
      `[deploy] ${started.service} (${started.cluster}): following ${revisionLabel(started.taskDefinitionArn)}` +
        `${started.deploymentId ? ` (deployment ${started.deploymentId})` : ''}`,
    );
    this.refreshExplorer(started);
    const done = this.run(watch);
    watch.done = done;
    if (options.notify) this.notify(watch, done);
    return done;
  }

  /** Resumes watching deployments that were in progress when the window closed. */
  resume(): number {
    const saved = this.deps.memento.get<PersistedWatch[]>(STATE_KEY, []);
    let resumed = 0;
    for (const p of saved) {
      if (Date.now() - p.startedAt > RESUME_MAX_AGE_MS) continue;
      if (this.watches.has(this.keyOf(p))) continue;
      this.deps.log.info(`[deploy] resuming the watch of ${p.service} → ${revisionLabel(p.taskDefinitionArn)} after a reload`);
      void this.follow({ ...p, knownEventIds: [] }, { notify: false });
      resumed++;
    }
    return resumed;
  }

  /** Stops watching one deployment (the deployment itself goes on). */
  stopWatching(key: string): void {
    const watch = this.watches.get(key);
    if (!watch || watch.state.terminal) return;
    watch.stopped = true;
    watch.controller.abort();
    this.deps.log.info(`[deploy] ${watch.service}: stopped watching; the deployment continues`);
    this.render();
  }

  dismiss(key: string): void {
    const watch = this.watches.get(key);
    if (!watch) return;
    if (!watch.state.terminal) watch.controller.abort();
    this.watches.delete(key);
    void this.persist();
    this.render();
  }

  /**
   * The status-bar click: details and events of the entry's deployment (`key`), or a list of all to
   * choose from (the palette); finished ones are dismissed once seen.
   */
  async showDetails(key?: string): Promise<void> {
    const one = key === undefined ? undefined : this.watches.get(key);
    const watches = one ? [one] : [...this.watches.values()];
    if (watches.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No deployments are being followed.'));
      return;
    }
    interface Item extends vscode.QuickPickItem { watch: Watch }
    const picked = watches.length === 1
      ? watches[0]
      : (await vscode.window.showQuickPick<Item>(
          statusBarEntries(watches).map((e) => ({
            label: e.text,
            description: clusterName(e.view.cluster),
            detail: e.view.state.reason,
            watch: e.view as Watch,
          })),
          { title: vscode.l10n.t('Deployments'), placeHolder: vscode.l10n.t('Choose a deployment to see its details and events') },
        ))?.watch;
    if (!picked) return;
    this.writeDetailsToLog(picked);
    const showEvents = vscode.l10n.t('Show Events');
    const stopWatching = vscode.l10n.t('Stop Watching');
    const dismiss = vscode.l10n.t('Dismiss');
    const actions: string[] = [showEvents];
    const continueLabel = vscode.l10n.t('Continue…');
    const rollBackLabel = vscode.l10n.t('Roll Back Now…');
    const abortLabel = vscode.l10n.t('Stop Deployment…');
    const steerable = !picked.state.terminal && !!picked.state.stage && !!this.deps.steer;
    if (steerable && picked.state.stage?.waiting) actions.push(continueLabel);
    if (steerable) actions.push(rollBackLabel, abortLabel);
    if (!picked.state.terminal && !picked.stopped) actions.push(stopWatching);
    actions.push(dismiss);
    const detail = watchDetail(picked);
    if (picked.state.terminal || picked.stopped) {
      // Seen: a finished deployment leaves the status bar once its details were shown.
      this.dismiss(picked.key);
    }
    const choice = picked.state.terminal && picked.state.phase !== 'completed'
      ? await vscode.window.showErrorMessage(detail, ...actions)
      : await vscode.window.showInformationMessage(detail, ...actions);
    const target = { cluster: picked.cluster, service: picked.service, region: picked.started.region };
    if (choice === continueLabel) await this.deps.steer?.('continue', target);
    else if (choice === rollBackLabel) await this.deps.steer?.('ROLLBACK', target);
    else if (choice === abortLabel) await this.deps.steer?.('ABORT', target);
    else if (choice === showEvents) this.deps.log.show(true);
    else if (choice === stopWatching) this.stopWatching(picked.key);
    else if (choice === dismiss) this.dismiss(picked.key);
  }

  /** What the status bar shows, for tests (the extension API's deploy.state()). */
  snapshot(): DeployState {
    return {
      text: [...this.items.values()].map((i) => i.text).join('  '),
      watches: statusBarEntries(this.views).map(({ view: v, label }) => ({ service: v.service, cluster: v.cluster, label, phase: v.state.phase, stage: v.state.stage?.stage, waiting: !!v.state.stage?.waiting, reason: v.state.reason })),
    };
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watches.values()) w.controller.abort();
    for (const item of this.items.values()) item.dispose();
  }

  private async run(watch: Watch): Promise<DeployOutcome> {
    const s = watch.started;
    let final: RolloutState | undefined;
    try {
      final = await followRollout(
        this.deps.clients,
        s,
        rolloutTargetOf(s),
        {
          signal: watch.controller.signal,
          timeoutMs: this.deps.timeoutMs(),
          onState: (state) => this.onState(watch, state),
          group: this.group,
        },
      );
    } catch (e) {
      logFailure(this.deps.log, `[deploy] ${watch.service}: watching`, e);
      watch.stopped = true;
    }
    if (this.disposed) return outcomeOf(final, s.taskDefinitionArn, s.deploymentId, s.strategy);
    if (!final) {
      watch.stopped = true;
      this.render();
    }
    if (this.watches.get(watch.key) === watch) void this.persist();
    return outcomeOf(final, s.taskDefinitionArn, s.deploymentId, s.strategy);
  }

  private onState(watch: Watch, state: RolloutState): void {
    const previous = watch.state;
    watch.state = state;
    for (const e of state.newEvents) this.deps.log.info(`[${watch.service}] ${e.message}`);
    if (state.warning && state.warning !== previous.warning) this.deps.log.warn(`[deploy] ${watch.service}: ${state.warning}`);
    if (state.stage?.stage !== previous.stage?.stage && state.stage?.stage) this.deps.log.info(`[deploy] ${watch.service}: stage ${state.stage.stage}`);
    const waiting = state.stage?.waiting;
    if (waiting && waiting.hookId !== previous.stage?.waiting?.hookId && !state.terminal) this.notifyWaiting(watch, state);
    if (state.terminal) {
      const line = `[deploy] ${watch.service}: ${outcomeMessage(watch)}`;
      if (state.phase === 'completed') {
        this.deps.log.info(line);
        this.deps.milestones.reached('deploymentCompleted');
      } else {
        this.deps.log.error(line);
      }
      void this.persist();
      this.refreshExplorer(watch.started);
    }
    this.render();
  }

  /** ECS waits for the user at a PAUSE hook: say so at once, with the way to answer. */
  private notifyWaiting(watch: Watch, state: RolloutState): void {
    const text = stageDetail(state.stage!, Date.now());
    this.deps.log.warn(`[deploy] ${watch.service} (${clusterName(watch.cluster)}): ${text}`);
    if (!this.deps.steer) return;
    const continueLabel = vscode.l10n.t('Continue…');
    const stopLabel = vscode.l10n.t('Roll Back Now…');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('{0} ({1}) → {2}: {3}', watch.service, clusterName(watch.cluster), revisionLabel(watch.taskDefinitionArn), text), continueLabel, stopLabel)
      .then((choice) => {
        const target = { cluster: watch.cluster, service: watch.service, region: watch.started.region };
        if (choice === continueLabel) void this.deps.steer?.('continue', target);
        else if (choice === stopLabel) void this.deps.steer?.('ROLLBACK', target);
      });
  }

  /** Lets the explorer show the service's new state (deploying, steady, rolled back). */
  private refreshExplorer(started: StartedDeployment): void {
    if (!started.serviceArn || this.disposed) return;
    const resource: Resource = {
      kind: 'service',
      region: started.region ?? this.deps.clients.current().region,
      profile: this.deps.clients.current().profile,
      clusterArn: started.clusterArn,
      serviceArn: started.serviceArn,
      serviceName: started.service,
    };
    void this.deps.refresher.refresh(resource);
  }

  private notify(watch: Watch, done: Promise<DeployOutcome>): void {
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
        const sub = token.onCancellationRequested(() => this.stopWatching(watch.key));
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
      const fix = accessAction(watch.state.action);
      const actions = fix ? [fix.title, showEvents] : [showEvents];
      const choice = outcome.outcome === 'completed'
        ? await vscode.window.showInformationMessage(message, ...actions)
        : outcome.outcome === 'unobserved'
          ? await vscode.window.showWarningMessage(message, ...actions)
          : await vscode.window.showErrorMessage(message, ...actions);
      if (fix && choice === fix.title) void vscode.commands.executeCommand(fix.command, ...fix.args);
      if (choice === showEvents) {
        this.writeDetailsToLog(watch);
        this.deps.log.show(true);
      }
    });
  }

  private writeDetailsToLog(watch: Watch): void {
    const log = this.deps.log;
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

  private render(): void {
    if (this.disposed) return;
    const entries = statusBarEntries([...this.watches.values()]);
    for (const [key, item] of [...this.items].filter(([k]) => !this.watches.has(k))) {
      item.dispose();
      this.items.delete(key);
    }
    for (const { view, text, label, severity } of entries) {
      const key = (view as Watch).key;
      let item = this.items.get(key);
      if (!item) {
        item = vscode.window.createStatusBarItem(`ecsWorkbench.deploy.status.${key}`, vscode.StatusBarAlignment.Left, 50); // one id each: two sharing one showed as one
        item.name = vscode.l10n.t('ECS Workbench Deployments');
        item.command = { command: SHOW_DEPLOYMENTS_COMMAND, title: vscode.l10n.t('Show Deployment'), arguments: [key] };
        this.items.set(key, item);
      }
      item.text = text;
      item.backgroundColor = severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      item.tooltip = new vscode.MarkdownString(undefined, true).appendMarkdown(`${watchIcon(view)} **`).appendText(label).appendMarkdown('**  \n')
        .appendText(watchDetail(view)).appendMarkdown(`\n\n${vscode.l10n.t('_Click for details and events._')}`);
      item.accessibilityInformation = { label: vscode.l10n.t('{0}. Activate for details and events.', watchAccessibleLabel(view)) };
      item.show();
    }
  }

  private async persist(): Promise<void> {
    const running: PersistedWatch[] = [...this.watches.values()]
      .filter((w) => !w.state.terminal && !w.stopped)
      .map((w) => ({
        cluster: w.started.cluster, service: w.started.service, region: w.started.region,
        taskDefinitionArn: w.started.taskDefinitionArn, previousTaskDefinitionArn: w.started.previousTaskDefinitionArn,
        deploymentId: w.state.deploymentId ?? w.started.deploymentId,
        startedAt: w.started.startedAt,
      }));
    await this.deps.memento.update(STATE_KEY, running);
  }
}

/** The button that lets the user see the service again after a watch ended for want of access. */
function accessAction(action: AwsErrorAction | undefined): { title: string; command: string; args: unknown[] } | undefined {
  if (action?.kind === 'signIn') return { title: vscode.l10n.t('Sign In'), command: 'ecsWorkbench.signIn', args: action.profile ? [action.profile] : [] };
  if (action?.kind === 'selectProfile') return { title: vscode.l10n.t('Select Profile'), command: 'ecsWorkbench.selectProfile', args: [] };
  return undefined;
}
