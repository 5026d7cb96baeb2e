// VS Code side of following deployments: one status-bar item per followed service (progress while it
// runs, an outcome that stays until clicked or dismissed; a newer deployment of the service replaces it),
// an optional cancellable notification per deployment (cancelling stops watching, never the deployment),
// service events streamed to the log, and in-progress watches kept in workspaceState for a reload.
import type { DeployState } from './api';
import * as vscode from 'vscode';
import type { ExplorerRefresher } from '../explorer/refresher';
import type { Resource } from '../explorer/resources';
import { logFailure } from '../ui/command';
import type { AwsClients } from '../aws/clients';
import { PollGroup, awsGroupCalls } from './pollGroup';
import { followRollout } from './follow';
import { outcomeOf, type DeployOutcome } from './outcome';
import { rolloutTargetOf, type StartedDeployment } from './deployment';
import { clusterName, isQuietEnd, outcomeMessage, statusBarEntries, watchAccessibleLabel, watchDetail, watchIcon, type WatchView } from './presentation';
import { notifyProgress, notifyWaiting, type NotifyDeps } from './watchNotifications';
import { WatchDocuments, type DocumentStore } from './watchDocuments';
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

export interface Watch extends WatchView {
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
  /** Where the readable deployments document lives (the deploy feature's read-only documents). */
  readonly documents: DocumentStore;
  /** Continue / roll back / stop the deployment of a followed service, asking first. */
  readonly steer?: (kind: 'continue' | 'ROLLBACK' | 'ABORT', target: { cluster: string; service: string; region?: string }) => Promise<unknown>;
}

/** What a pipeline that follows a deployment itself tells the service's status-bar entry. */
export interface FollowedElsewhere {
  /** Each state the pipeline observed. */
  state(state: RolloutState): void;
  /** The pipeline stopped following; a deployment that has not reached its end is shown as no longer watched. */
  ended(): void;
}

export class DeploymentWatches implements vscode.Disposable {
  private readonly watches = new Map<string, Watch>();
  /** The watches of one cluster poll together: ceil(N/10) DescribeServices per tick, not N. */
  private readonly group: PollGroup;
  /** One status-bar item per followed service, by watch key. */
  private readonly items = new Map<string, vscode.StatusBarItem>();
  private disposed = false;
  private readonly documents: WatchDocuments;
  private readonly notifyDeps: NotifyDeps;

  constructor(private readonly deps: WatchDeps) {
    this.group = new PollGroup(awsGroupCalls(deps.clients));
    this.documents = new WatchDocuments(deps.documents, () => deps.clients.current().region);
    this.notifyDeps = { log: deps.log, steer: deps.steer, stopWatching: (key) => this.stopWatching(key), showDocument: (key) => this.showDetails(key) };
  }

  /** One service, one entry: the region (the current one when not given), the cluster's name and the service. */
  private keyOf(where: { region?: string; cluster: string; service: string }): string {
    return `${where.region ?? this.deps.clients.current().region}|${clusterName(where.cluster)}|${where.service}`;
  }

  /**
   * The key of the followed deployment a deployment row stands for (same service, and the same
   * deployment id or service deployment ARN), if it is followed or was and is still listed.
   */
  keyOfDeployment(row: { region?: string; cluster: string; service: string; deploymentId?: string; serviceDeploymentArn?: string }): string | undefined {
    const watch = this.watches.get(this.keyOf(row));
    if (!watch) return undefined;
    const ids = [watch.started.deploymentId, watch.state.deploymentId].filter(Boolean);
    const arns = [watch.started.serviceDeploymentArn, watch.state.stage?.serviceDeploymentArn].filter(Boolean);
    return (row.deploymentId && ids.includes(row.deploymentId)) || (row.serviceDeploymentArn && arns.includes(row.serviceDeploymentArn)) ? watch.key : undefined;
  }

  /** Views of the deployments currently shown (for tests and the details list). */
  get views(): readonly WatchView[] { return [...this.watches.values()]; }

  /**
   * Follows a deployment that was just started (or resumed). With `notify`, a cancellable notification
   * shows progress and the end. Resolves with the outcome (`cancelled` when watching was stopped).
   */
  follow(started: StartedDeployment, options: { notify: boolean }): Promise<DeployOutcome> {
    const watch = this.enter(started);
    const done = this.run(watch);
    watch.done = done;
    if (options.notify) notifyProgress(this.notifyDeps, watch, done);
    return done;
  }

  /**
   * The service's entry for a deployment that another pipeline (Release) follows with its own polls:
   * that pipeline passes each state it observes, so the service is not polled twice, and the status
   * bar, the document and a reload's resume know of the deployment like any other.
   */
  followedElsewhere(started: StartedDeployment): FollowedElsewhere {
    const watch = this.enter(started);
    const current = (): boolean => this.watches.get(watch.key) === watch && !this.disposed;
    return {
      state: (state) => {
        if (current()) this.onState(watch, state);
      },
      ended: () => {
        if (!current() || watch.state.terminal) return;
        watch.stopped = true; // the pipeline stopped following (cancelled): the deployment goes on
        void this.persist();
        this.render();
      },
    };
  }

  /** A new entry for the service, replacing the entry of an older deployment (finished or not). */
  private enter(started: StartedDeployment): Watch {
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
    return watch;
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
   * Show Deployments: a readable document of all followed deployments (the palette), or of one status-bar
   * entry's (`key`), updated while they run. A finished deployment whose entry was clicked leaves the
   * status bar once seen; the list of all leaves the entries until each is clicked or dismissed.
   */
  async showDetails(key?: string): Promise<vscode.Uri | undefined> {
    const one = key === undefined ? undefined : this.watches.get(key);
    if (key !== undefined && !one) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That deployment is no longer followed.'));
      return undefined;
    }
    const watches = one ? [one] : [...this.watches.values()];
    if (watches.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No deployments are being followed.'));
      return undefined;
    }
    const uri = await this.documents.show(watches, one?.key);
    if (one && (one.state.terminal || one.stopped)) this.dismiss(one.key);
    return uri;
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
    if (waiting && waiting.hookId !== previous.stage?.waiting?.hookId && !state.terminal) notifyWaiting(this.notifyDeps, watch, state);
    if (state.terminal) {
      const line = `[deploy] ${watch.service}: ${outcomeMessage(watch)}`;
      if (isQuietEnd(state.phase)) {
        if (state.phase === 'completed') this.deps.milestones.reached('deploymentCompleted');
      } else {
        this.deps.log.error(line);
      }
      void this.persist();
      this.refreshExplorer(watch.started);
    }
    this.render();
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

  private render(): void {
    if (this.disposed) return;
    this.documents.refresh([...this.watches.values()]);
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
