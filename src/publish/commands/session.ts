// What the publish commands share while the extension runs: the status bar item, the detected
// container CLI (cached until the setting changes or the engine fails), the workspace folder, and
// the observer that turns publish progress into the status bar, the progress notification and the log.
import * as vscode from 'vscode';
import type { AwsClients } from '../../aws/clients';
import { changeScope, type ChangeScope, type ExplorerRefresher } from '../../explorer/refresher';
import type { Resource } from '../../explorer/resources';
import type { Milestones } from '../../ui/milestones';
import type { StartedDeployment } from '../../deploy/deployment';
import type { FollowedElsewhere } from '../../deploy/watchesView';
import { ContainerCli, CONTAINER_CLIS, detectContainerCli } from '../containerCli';
import type { ContainerCliKind } from '../errors';
import type { PublishObserver } from '../publisher';
import { formatPushStatus } from '../pushProgress';

export interface PublishCommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly clients: AwsClients;
  readonly milestones: Milestones;
  /** Shows a pushed image, a new repository or revision, a deployed service in the explorer. */
  readonly refresher: ExplorerRefresher;
  /** Release's deployment in the deployments status bar, as a deploy started from the explorer is. */
  readonly deployments?: { followedElsewhere(started: StartedDeployment): FollowedElsewhere };
}

export class PublishSession implements vscode.Disposable {
  readonly status: vscode.StatusBarItem;
  private detected: { cli: ContainerCliKind; architecture?: string } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(readonly deps: PublishCommandDeps) {
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

  /** The configured CLI, or the first whose engine answers (cached until the setting changes or it fails). */
  async containerCli(signal: AbortSignal): Promise<{ cli: ContainerCli; architecture?: string }> {
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

  /** After the engine stopped answering or the CLI went missing: detect again next time. */
  forgetContainerCli(): void {
    this.detected = undefined;
  }

  workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  }

  /** Shows what changed in the explorer: a pushed image or new repository, a registered revision, a deployed service. */
  refreshExplorer(region: string | undefined, ...what: ((scope: ChangeScope) => Resource | undefined)[]): void {
    const scope = changeScope(this.deps.clients.current(), region);
    for (const resource of what.map((w) => w(scope))) if (resource) void this.deps.refresher.refresh(resource);
  }

  /** `movesConfirmed`: the user already confirmed moving tags in a modal, so that warning is only logged. */
  observer(repository: () => string, report?: (message: string) => void, movesConfirmed = false): PublishObserver {
    return {
      step: (step, message) => {
        this.deps.log.info(`[publish] ${message}`);
        this.status.text = `$(${step === 'push' ? 'cloud-upload' : step === 'build' ? 'tools' : 'sync~spin'}) ${message}`;
        this.status.accessibilityInformation = { label: vscode.l10n.t('Publishing image: {0}', message) };
        this.status.show();
        report?.(message);
      },
      progress: (tag, p) => {
        const text = formatPushStatus(`${repository()}:${tag}`, p);
        this.status.text = `$(cloud-upload) ${text}`;
        this.status.accessibilityInformation = { label: vscode.l10n.t('Pushing image: {0}', text) };
        this.status.show();
        report?.(text);
      },
      line: (text) => this.deps.log.trace(`[publish] ${text}`),
      warning: (text) => {
        this.deps.log.warn(`[publish] ${text}`);
        if (!(movesConfirmed && /will move to the new image/.test(text))) void vscode.window.showWarningMessage(text);
      },
    };
  }
}

/** Explicit arguments are a plain object, not a tree node (which carries `resource` or `kind`). */
export function isPlainObject(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg);
}
