// What the deploy commands share: their dependencies, quick picks for cluster/service/revision, the
// trust check, and the read-only documents behind the diff editor.
import * as vscode from 'vscode';
import type { ExplorerRefresher } from '../../explorer/refresher';
import type { Service } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients';
import { listClusters, listServices, listTaskDefinitionFamilies, listTaskDefinitionRevisions, withRevisionDetails, type LoadContext } from '../../explorer/loaders';
import { localDate, shortImages } from '../../explorer/format';
import { type HistoryEntry } from '../revisions';
import { parseRevision, resourceName, revisionLabel } from '../../domain/arn';
import type { DeploymentWatches } from '../watchesView';
import { REGISTER_PREVIEW_SCHEME } from '../../taskdef/detect';

export interface DeployCommandDeps {
  readonly clients: AwsClients;
  readonly log: vscode.LogOutputChannel;
  readonly watches: DeploymentWatches;
  readonly documents: ReadonlyDocuments;
  readonly memento: vscode.Memento;
  /** Shows what a command changed (a revision, a family, a service) in the explorer. */
  readonly refresher: ExplorerRefresher;
}

export const CONFIG_SECTION = 'ecsWorkbench.deploy';

export function timeoutMs(): number {
  const minutes = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('timeoutMinutes', 30);
  return Math.max(1, Math.min(24 * 60, minutes || 30)) * 60_000;
}

export function keepRevisionsSetting(): number {
  const keep = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('keepRevisions', 5);
  return Math.max(1, Math.floor(keep || 5));
}

export function loadContext(clients: AwsClients, signal: AbortSignal, region?: string): LoadContext {
  return { clients, region: region ?? clients.current().region, signal, pageSize: 100 };
}


/** A quick pick whose items load asynchronously (with a busy indicator), so the UI opens at once. */
export async function pickAsync<T extends vscode.QuickPickItem>(
  title: string,
  placeholder: string,
  load: (signal: AbortSignal) => Promise<T[]>,
): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = title;
  qp.placeholder = placeholder;
  qp.busy = true;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const controller = new AbortController();
  const result = new Promise<T | undefined>((resolve) => {
    // Enter with nothing selected (typed ahead while the list loads, or a filter that matches
    // nothing) keeps the pick open instead of silently ending the command.
    qp.onDidAccept(() => {
      if (qp.selectedItems[0]) resolve(qp.selectedItems[0]);
    });
    qp.onDidHide(() => resolve(undefined));
  });
  qp.show();
  load(controller.signal).then(
    (items) => {
      qp.items = items;
      qp.busy = false;
      if (items.length === 0) qp.placeholder = vscode.l10n.t('Nothing found');
    },
    (e) => {
      qp.busy = false;
      qp.placeholder = vscode.l10n.t('Could not load: {0}', (e as Error).message);
    },
  );
  try {
    return await result;
  } finally {
    controller.abort();
    qp.dispose();
  }
}

export async function pickCluster(clients: AwsClients, region?: string, title = vscode.l10n.t('Deploy: cluster')): Promise<string | undefined> {
  const picked = await pickAsync(title, vscode.l10n.t('Choose a cluster'), async (signal) => {
    const ctx = loadContext(clients, signal, region);
    const items: Array<vscode.QuickPickItem & { arn: string }> = [];
    let token: string | undefined;
    do {
      const page = await listClusters(ctx, token);
      token = page.nextToken;
      for (const c of page.items) {
        items.push({ label: c.clusterName ?? resourceName(c.clusterArn), description: c.activeServicesCount === 1 ? vscode.l10n.t('1 service') : vscode.l10n.t('{0} services', c.activeServicesCount ?? 0), arn: c.clusterArn ?? '' });
      }
    } while (token && items.length < 500);
    return items;
  });
  return picked?.arn;
}

export async function pickService(
  clients: AwsClients,
  cluster: string,
  region?: string,
  preferFamily?: string,
  title = vscode.l10n.t('Deploy: service'),
): Promise<Service | undefined> {
  const picked = await pickAsync(title, vscode.l10n.t('Choose a service'), async (signal) => {
    const ctx = loadContext(clients, signal, region);
    const services: Service[] = [];
    let token: string | undefined;
    do {
      const page = await listServices(ctx, cluster, token);
      token = page.nextToken;
      services.push(...page.items);
    } while (token && services.length < 500);
    const familyOf = (s: Service) => parseRevision(s.taskDefinition ?? '')?.family;
    services.sort((a, b) => {
      const pa = preferFamily && familyOf(a) === preferFamily ? 0 : 1;
      const pb = preferFamily && familyOf(b) === preferFamily ? 0 : 1;
      return pa - pb || (a.serviceName ?? '').localeCompare(b.serviceName ?? '');
    });
    return services.map((s) => ({
      label: s.serviceName ?? resourceName(s.serviceArn),
      description: vscode.l10n.t('{0} · {1}/{2} running', revisionLabel(s.taskDefinition), s.runningCount ?? 0, s.desiredCount ?? 0),
      service: s,
    }));
  });
  return picked?.service;
}

export async function pickFamily(
  clients: AwsClients,
  title: string,
  region?: string,
  placeholder = vscode.l10n.t('Choose a task-definition family'),
): Promise<string | undefined> {
  const picked = await pickAsync(title, placeholder, async (signal) => {
    const ctx = loadContext(clients, signal, region);
    const families: string[] = [];
    let token: string | undefined;
    do {
      const page = await listTaskDefinitionFamilies(ctx, token);
      token = page.nextToken;
      families.push(...page.items);
    } while (token && families.length < 1000);
    return families.map((f) => ({ label: f }));
  });
  return picked?.label;
}

export type RevisionChoice = { kind: 'revision'; arn: string } | { kind: 'force' };

export async function pickRevision(
  clients: AwsClients, family: string, current: string | undefined, region?: string, title = vscode.l10n.t('Deploy: revision'),
): Promise<RevisionChoice | undefined> {
  const picked = await pickAsync<vscode.QuickPickItem & { choice: RevisionChoice }>(title, vscode.l10n.t('Choose a revision of {0}', family), async (signal) => {
    const ctx = loadContext(clients, signal, region);
    const page = await listTaskDefinitionRevisions(ctx, family, 'ACTIVE');
    // Each with its image(s) and when it was registered, as in the Task Definitions view.
    const revisions = await withRevisionDetails(ctx, page.items);
    const items: Array<vscode.QuickPickItem & { choice: RevisionChoice }> = revisions.map((r) => ({
      label: `${r.family}:${r.revision}`,
      description: [current && parseRevision(current)?.revision === r.revision ? vscode.l10n.t('current') : undefined, shortImages(r.images)].filter(Boolean).join(' · ') || undefined,
      detail: r.registeredAt ? vscode.l10n.t('registered {0}', localDate(r.registeredAt)) : undefined,
      choice: { kind: 'revision', arn: r.arn },
    }));
    if (current) items.push({ label: vscode.l10n.t('$(refresh) Force a new deployment of the current revision'), choice: { kind: 'force' } });
    return items;
  });
  return picked?.choice;
}

/** Read-only documents: normalised task definitions behind the diff editor, rollout reports, the deployments document. */
export class ReadonlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = REGISTER_PREVIEW_SCHEME;
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  /** Stores `content` and returns a URI that shows it (`name` ends up as the tab title). */
  put(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ReadonlyDocuments.scheme, path: `/${++this.counter}/${name}` });
    this.contents.set(uri.toString(), content);
    if (this.contents.size > 50) this.contents.delete(this.contents.keys().next().value as string);
    return uri;
  }

  /** Replaces the content of a document `put` returned (an open editor shows the new text). */
  update(uri: vscode.Uri, content: string): void {
    if (this.contents.get(uri.toString()) === content) return;
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}

const HISTORY_KEY = 'ecsWorkbench.deploy.history';
const HISTORY_PER_SERVICE = 20;

function historyKey(region: string | undefined, cluster: string, service: string): string {
  return `${region ?? ''}|${resourceName(cluster) || cluster}|${service}`;
}

/** Deployments this extension saw for a service (what ran before, what we deployed and how it ended). */
export function recordedHistory(memento: vscode.Memento, region: string | undefined, cluster: string, service: string): HistoryEntry[] {
  const all = memento.get<Record<string, HistoryEntry[]>>(HISTORY_KEY, {});
  return all[historyKey(region, cluster, service)] ?? [];
}

export async function recordHistory(
  memento: vscode.Memento,
  region: string | undefined,
  cluster: string,
  service: string,
  entries: readonly HistoryEntry[],
): Promise<void> {
  const all = { ...memento.get<Record<string, HistoryEntry[]>>(HISTORY_KEY, {}) };
  const key = historyKey(region, cluster, service);
  all[key] = [...(all[key] ?? []), ...entries].sort((a, b) => a.createdAt - b.createdAt).slice(-HISTORY_PER_SERVICE);
  await memento.update(HISTORY_KEY, all);
}
