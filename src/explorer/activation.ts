// VS Code wiring of the explorer and the AWS connection: the three tree views, the status-bar item
// with the profile and region pickers, and the explorer commands. Nothing here touches the AWS SDK
// at activation (it loads on first use); the AWS config files are read by the ProfileStore.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { Connection, profileLabel, type ConnectionChoice } from '../aws/connection';
import { loadSdk } from '../aws/sdk-loader';
import { KNOWN_REGIONS, isValidRegionName } from '../aws/profiles';
import type { ProfileStore } from '../aws/profileStore';
import { registerExplorerCommands } from './commands/index';
import type { ViewKind } from './model';
import { resourceOf } from './resources';
import { TASKDEF_SCHEME, TaskDefinitionDocuments } from './taskDefinitionDocument';
import { refreshResourceInViews, viewsRefresher, type ExplorerRefresher } from './refresher';
import type { ExplorerApi } from './api';
import { ExplorerTreeProvider, type ExplorerNode, type ExplorerSettings, type RootState } from './treeProvider';
import type { Milestones } from '../ui/milestones';

const STATE_KEY = 'ecsWorkbench.connection';

/**
 * The connection for this workspace: the persisted choice, else AWS_PROFILE / AWS_REGION. The
 * profile's own region is read from the config file (afresh) only when first needed; nothing loads for
 * the target before the config files have been read once (a picked profile's endpoints are in them).
 */
export function createConnection(context: vscode.ExtensionContext, profiles: ProfileStore, env: NodeJS.ProcessEnv = process.env): Connection {
  const saved = context.workspaceState.get<ConnectionChoice>(STATE_KEY);
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const initial: ConnectionChoice = saved ?? { profile: env.AWS_PROFILE || undefined, region: envRegion };
  const regionOfProfile = async (profile: string | undefined): Promise<string | undefined> => {
    await profiles.reload();
    return profiles.region(profile ?? env.AWS_PROFILE ?? 'default') ?? envRegion;
  };
  const connection = new Connection(initial, regionOfProfile, () => profiles.whenLoaded());
  const sub = connection.onDidChange(() => {
    void context.workspaceState.update(STATE_KEY, connection.choiceMade);
  });
  context.subscriptions.push({ dispose: () => sub.dispose() }, { dispose: () => connection.dispose() });
  return connection;
}

export interface ExplorerDeps {
  readonly log: vscode.LogOutputChannel;
  readonly clients: AwsClients;
  readonly connection: Connection;
  readonly profiles: ProfileStore;
  readonly milestones: Milestones;
}

const VIEWS: Record<ViewKind, string> = {
  clusters: 'ecsWorkbench.clusters',
  taskDefinitions: 'ecsWorkbench.taskDefinitions',
  repositories: 'ecsWorkbench.repositories',
};

function settings(): ExplorerSettings {
  const cfg = () => vscode.workspace.getConfiguration('ecsWorkbench');
  return {
    regions: () => (cfg().get<string[]>('regions') ?? []).filter((r) => typeof r === 'string' && isValidRegionName(r)),
    pageSize: () => Math.max(1, Math.min(100, cfg().get<number>('explorer.pageSize') ?? 100)),
    concurrency: () => Math.max(1, Math.min(50, cfg().get<number>('explorer.describeConcurrency') ?? 10)),
    autoRefreshSeconds: () => Math.max(0, cfg().get<number>('explorer.autoRefreshSeconds') ?? 10),
  };
}

export function register(context: vscode.ExtensionContext, deps: ExplorerDeps): { api: ExplorerApi; refresher: ExplorerRefresher } {
  const { log, clients, connection } = deps;
  const welcomeContext = welcomeContextKeys();
  const explorerSettings = settings();
  const treeViews = new Map<ExplorerTreeProvider, vscode.TreeView<ExplorerNode>>();
  const viewOf = new Map<ViewKind, vscode.TreeView<ExplorerNode>>();
  const onRootState = (view: ViewKind, state: RootState): void => {
    welcomeContext.rootState(view, state);
    // The welcome content of an empty view is static text: the view's title names the region.
    const treeView = viewOf.get(view);
    if (treeView) treeView.description = state === 'empty' ? vscode.l10n.t('none in {0}', connection.target.region) : undefined;
  };
  const providers = (Object.keys(VIEWS) as ViewKind[]).map((view) => {
    const provider = new ExplorerTreeProvider(view, { connection, clients, log, settings: explorerSettings, onRootState });
    const treeView = vscode.window.createTreeView(VIEWS[view], {
      treeDataProvider: provider,
      showCollapseAll: true,
      canSelectMany: view !== 'clusters',
    });
    provider.attach(treeView);
    // Expanding a cluster (or anything below it) is browsing: the walkthrough's second step.
    if (view === 'clusters') context.subscriptions.push(treeView.onDidExpandElement(() => deps.milestones.reached('treeBrowsed')));
    treeViews.set(provider, treeView);
    viewOf.set(view, treeView);
    context.subscriptions.push(provider, treeView);
    return provider;
  });
  const providerOf = (view: unknown): ExplorerTreeProvider | undefined =>
    providers.find((p) => p.view === view || VIEWS[p.view] === view);
  const nodeById = (id: unknown): ExplorerNode | undefined => {
    if (typeof id !== 'string') return undefined;
    for (const p of providers) {
      const n = p.byNodeId(id);
      if (n) return n;
    }
    return undefined;
  };
  const ownerOf = (node: ExplorerNode): ExplorerTreeProvider | undefined => providers.find((p) => p.byNodeId(node.id) === node);

  // ------------------------------------------------------------ status bar

  const status = vscode.window.createStatusBarItem('ecsWorkbench.connection', vscode.StatusBarAlignment.Left, 10);
  status.name = vscode.l10n.t('ECS Workbench: AWS connection');
  status.command = 'ecsWorkbench.selectConnection';
  const updateStatus = (): void => {
    status.text = `$(cloud) ${connection.label()}`;
    const { profile, region } = connection.target;
    const named = profile === undefined ? profileLabel(profile) : vscode.l10n.t('profile "{0}"', profile);
    status.tooltip = vscode.l10n.t('ECS Workbench uses {0} in {1}. Click to change.', named, region);
    status.accessibilityInformation = {
      label: vscode.l10n.t('AWS connection: profile {0}, region {1}. Activate to change.', profileLabel(profile), region),
    };
  };
  updateStatus();
  status.show();
  // Shown from startup (activation event onStartupFinished); the profile's region is read from the
  // AWS config file after activate() returns, never during it.
  const resolveRegion = setTimeout(() => void connection.resolve().then(updateStatus, () => undefined), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(resolveRegion) });
  const statusSub = connection.onDidChange(() => {
    welcomeContext.connectionChanged();
    updateStatus();
  });
  context.subscriptions.push(status, { dispose: () => statusSub.dispose() });

  // ------------------------------------------------------------ connection commands

  const reg = (id: string, fn: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  // A profile or region the user chose (even the current one again): the walkthrough's first step.
  const choose = (change: Parameters<Connection['switchTo']>[0]): void => {
    connection.switchTo(change);
    deps.milestones.reached('connectionChosen');
  };

  reg('ecsWorkbench.selectProfile', async (arg?: unknown) => {
    if (typeof arg === 'string') {
      // A profile named by its caller may be newer than the store's last read (or in files the
      // environment now names): read afresh, as the picker does, so its endpoints are known.
      if (arg !== '') await deps.profiles.reload().catch(() => undefined);
      choose({ profile: arg === '' ? null : arg });
      return connection.target;
    }
    // Read afresh when the picker opens (the store also follows changes to the files).
    const items = deps.profiles.reload().then(() => deps.profiles.profiles()).then((profiles) => {
      const current = connection.target.profile;
      const picks: (vscode.QuickPickItem & { profile: string | null })[] = [
        {
          label: `$(key) ${profileLabel(undefined)}`,
          description: [process.env.AWS_PROFILE ? `AWS_PROFILE=${process.env.AWS_PROFILE}` : vscode.l10n.t('environment, then [default]'), current === undefined ? vscode.l10n.t('current') : undefined]
            .filter(Boolean)
            .join(' · '),
          profile: null,
        },
        ...profiles.map((p) => ({
          label: p.name,
          description: [p.kind === 'other' ? undefined : p.kind, p.region, p.name === current ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · '),
          detail: p.endpointUrl ? vscode.l10n.t('endpoint {0}', p.endpointUrl) : undefined,
          profile: p.name,
        })),
      ];
      return picks;
    });
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('AWS profile for ECS Workbench'), matchOnDescription: true });
    if (!picked) return undefined;
    choose({ profile: picked.profile });
    return connection.target;
  });

  reg('ecsWorkbench.selectRegion', async (arg?: unknown) => {
    if (typeof arg === 'string') {
      if (!isValidRegionName(arg)) throw new Error(vscode.l10n.t('Not a region name: {0}', arg));
      choose({ region: arg });
      return connection.target;
    }
    const current = connection.target.region;
    const qp = vscode.window.createQuickPick();
    qp.title = vscode.l10n.t('AWS region for ECS Workbench');
    qp.placeholder = vscode.l10n.t('Pick or type a region');
    qp.matchOnDescription = true;
    const rows = (nameOf?: (region: string) => string | undefined) =>
      KNOWN_REGIONS.map((r) => ({ label: r, description: [nameOf?.(r), r === current ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · ') || undefined }));
    let base = rows();
    const show = (keepActive: boolean): void => {
      const active = qp.activeItems[0]?.label ?? current;
      const v = qp.value.trim();
      qp.items = isValidRegionName(v) && !KNOWN_REGIONS.includes(v) ? [{ label: v, description: vscode.l10n.t('other region') }, ...base] : base;
      if (keepActive) qp.activeItems = qp.items.filter((i) => i.label === active);
    };
    show(true);
    qp.onDidChangeValue(() => show(false));
    // The names ("Europe (Stockholm)") come from the SDK's partition data: shown once it has loaded,
    // without holding up the picker.
    const names = setTimeout(() => {
      try {
        base = rows(loadSdk().regionName);
        show(true);
      } catch (e) {
        log.warn(`region names unavailable: ${String(e)}`);
      }
    }, 0);
    const region = await new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => {
        resolve(qp.selectedItems[0]?.label);
        qp.hide();
      });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    clearTimeout(names);
    qp.dispose();
    if (!region) return undefined;
    choose({ region });
    return connection.target;
  });

  reg('ecsWorkbench.selectConnection', async () => {
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('$(account) Change profile…'), description: profileLabel(connection.target.profile), id: 'profile' },
        { label: vscode.l10n.t('$(globe) Change region…'), description: connection.target.region, id: 'region' },
        { label: vscode.l10n.t('$(refresh) Refresh explorer'), id: 'refresh' },
      ],
      { title: vscode.l10n.t('ECS Workbench: {0}', connection.label()) },
    );
    if (picked?.id === 'profile') await vscode.commands.executeCommand('ecsWorkbench.selectProfile');
    else if (picked?.id === 'region') await vscode.commands.executeCommand('ecsWorkbench.selectRegion');
    else if (picked?.id === 'refresh') await Promise.all(providers.map((p) => p.refresh()));
  });

  reg('ecsWorkbench.signIn', (arg?: unknown) => {
    const profile = typeof arg === 'string' ? arg : (resourceOf(arg)?.profile ?? connection.target.profile ?? process.env.AWS_PROFILE);
    // The terminal runs `aws` itself with its arguments as a list: no shell parses the profile name,
    // whatever the user's shell (POSIX quoting is not quoting in PowerShell or cmd.exe).
    const terminal = vscode.window.createTerminal({
      name: profile ? vscode.l10n.t('AWS sign-in ({0})', profile) : vscode.l10n.t('AWS sign-in'),
      shellPath: 'aws',
      shellArgs: ssoLoginArgs(profile),
    });
    terminal.show();
    const sub = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      sub.dispose();
      for (const p of providers) void p.refresh();
    });
    context.subscriptions.push(sub);
  });

  // ------------------------------------------------------------ refresh and tree plumbing

  reg('ecsWorkbench.refresh', async (arg?: unknown) => {
    if (arg && typeof arg === 'object' && 'id' in arg) {
      const node = nodeById((arg as { id: unknown }).id);
      if (node) {
        await ownerOf(node)?.refresh(node);
        return;
      }
    }
    const resource = resourceOf(arg);
    if (resource) {
      await refreshResourceInViews(providers, resource);
      return;
    }
    const provider = providerOf(arg);
    if (provider) await provider.refresh();
    else await Promise.all(providers.map((p) => p.refresh()));
  });

  reg('ecsWorkbench.explorer.loadMore', async (id?: unknown) => {
    const node = nodeById(id);
    if (node) await ownerOf(node)?.loadMore(node);
  });

  reg('ecsWorkbench.explorer.retry', (id?: unknown) => {
    const node = nodeById(id);
    if (node) ownerOf(node)?.retry(node);
  });

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(TASKDEF_SCHEME, new TaskDefinitionDocuments(clients, connection, log)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ecsWorkbench.regions') || e.affectsConfiguration('ecsWorkbench.explorer.pageSize')) {
        for (const p of providers) void p.refresh();
      }
      if (e.affectsConfiguration('ecsWorkbench.explorer.autoRefreshSeconds')) {
        for (const p of providers) p.restartAutoRefresh();
      }
    }),
  );

  registerExplorerCommands(context, { clients, connection, log, providers });

  // For tests and diagnostics, through the extension's exports (not commands): the children of a
  // node (or the roots) as plain data, loaded through the same provider the view uses; with
  // `{ expand: true }` the node is also revealed and expanded in the view, as a user would.
  const api: ExplorerApi = {
    inspect: async (view, id, options) => {
      const provider = providerOf(view);
      if (!provider) return undefined;
      const node = id === undefined || id === null ? undefined : nodeById(id);
      if (id !== undefined && id !== null && !node) return undefined;
      const treeView = treeViews.get(provider);
      if (node && options?.expand && treeView) await revealOnceShown(treeView, node);
      const children = await provider.getChildren(node);
      return children.map((c) => provider.describe(c));
    },
    state: () => ({
      generation: connection.generation,
      target: connection.target,
      label: connection.label(),
      views: providers.map((p) => ({ view: p.view, visible: p.isVisible, rootState: p.rootState, description: treeViews.get(p)?.description, autoRefresh: p.store.autoRefreshTargets().map((n) => n.id) })),
    }),
    autoRefreshTick: async (view) => (await providerOf(view)?.tick()) ?? 0,
  };
  return { api, refresher: viewsRefresher(providers) };
}

/**
 * The context keys the views' welcome contents (package.json viewsWelcome) depend on:
 * `ecsWorkbench.noCredentials` and `ecsWorkbench.ssoExpired` (the connection, any view tells),
 * `ecsWorkbench.<view>.empty` (nothing of that kind in the region).
 */
/**
 * Reveals and expands a node. The view may not have drawn its parent yet (it loads rows when it
 * renders, after a refresh or a switch): until it has, VS Code answers "Data tree node not found",
 * so the reveal is tried again until the view has caught up (15 s at most).
 */
async function revealOnceShown(treeView: vscode.TreeView<ExplorerNode>, node: ExplorerNode): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await treeView.reveal(node, { expand: true, focus: false, select: false });
      return;
    } catch (e) {
      if (Date.now() > deadline || !/not found/i.test(String(e))) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function welcomeContextKeys(): { rootState(view: ViewKind, state: RootState): void; connectionChanged(): void } {
  const values = new Map<string, boolean>();
  const set = (key: string, value: boolean): void => {
    if (values.get(key) === value) return;
    values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const credentials = (state: 'ok' | 'noCredentials' | 'ssoExpired'): void => {
    set('ecsWorkbench.noCredentials', state === 'noCredentials');
    set('ecsWorkbench.ssoExpired', state === 'ssoExpired');
  };
  return {
    rootState(view, state) {
      set(`ecsWorkbench.${view}.empty`, state === 'empty');
      if (state === 'ready' || state === 'empty') credentials('ok');
      else if (state === 'noCredentials' || state === 'ssoExpired') credentials(state);
      // 'loading' and 'error' say nothing about the credentials.
    },
    // Another profile or region: what was said of the old one no longer holds.
    connectionChanged: () => credentials('ok'),
  };
}

/** The arguments of `aws` that sign in to the SSO session of `profile` (the default profile without one). */
function ssoLoginArgs(profile: string | undefined): string[] {
  return profile ? ['sso', 'login', '--profile', profile] : ['sso', 'login'];
}
