// VS Code adapter for the explorer: renders NodeSpecs (model.ts) as tree items, caches children
// until refresh, pages with "Load more", turns failures into error nodes (never a toast), drops
// results of a previous connection, and reloads nodes with a deployment in progress while the view
// is visible.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { Connection } from '../aws/connection';
import { classifyAwsError, isCancellation, type UserFacingError } from '../aws/errors';
import { describeErrorForLog } from '../aws/redact';
import { nodeContextValue, parentResource, resourceMatches, viewOfKind, type Resource } from './resources';
import type { ChildSource, LoadContext, NodeSpec, ViewKind } from './model';
import { regionNode, rootChildren } from './roots';

export interface ExplorerSettings {
  /** Regions shown as top-level nodes; empty = just the connection's region. */
  regions(): string[];
  pageSize(): number;
  concurrency(): number;
  autoRefreshSeconds(): number;
}

export interface ExplorerTreeDeps {
  readonly connection: Connection;
  readonly clients: AwsClients;
  readonly log: vscode.LogOutputChannel;
  readonly settings: ExplorerSettings;
  /** Called when the top level of the view loads or fails: the states a welcome view explains. */
  readonly onRootState?: (view: ViewKind, state: RootState) => void;
}

/**
 * What the top level of a view shows. `empty` (nothing in the region), `noCredentials` and
 * `ssoExpired` leave the tree empty so that the view's welcome content (package.json viewsWelcome)
 * explains the state and offers the way out; `error` shows an error node with its action.
 */
export type RootState = 'loading' | 'ready' | 'empty' | 'noCredentials' | 'ssoExpired' | 'error';

/** A serializable picture of a node, for tests and the `ecsWorkbench.explorer.inspect` command. */
export interface NodeDescription {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly contextValue: string;
  readonly collapsible: boolean;
  readonly icon?: string;
  readonly resource?: Resource;
  readonly command?: { command: string; args?: readonly unknown[] };
}

interface ChildState {
  items: NodeSpec[];
  nextToken?: string;
  /** An error instead of (or after) the items. */
  error?: { info: UserFacingError; whileLoadingMore: boolean };
}

export class ExplorerNode {
  childState?: ChildState;
  loading?: Promise<void>;
  private ownController: AbortController | undefined;

  /** Cancels this node's loads; created on first use (most nodes never load anything). */
  get controller(): AbortController {
    this.ownController ??= new AbortController();
    return this.ownController;
  }

  /** Aborts the loads in flight and starts a new controller for the next ones. */
  resetController(): void {
    this.ownController?.abort();
    this.ownController = undefined;
  }

  /** Aborts the loads in flight for good (the node is gone). */
  abortLoads(): void {
    this.ownController?.abort();
  }
  /** Child nodes by key, kept across re-renders so expansion and caches survive "Load more". */
  readonly childNodes = new Map<string, ExplorerNode>();

  constructor(
    public spec: NodeSpec,
    readonly id: string,
    readonly parent: ExplorerNode | undefined,
    /** The region/profile this subtree was loaded for. */
    readonly scope: { region: string; profile?: string },
    readonly generation: number,
    /** Synthetic nodes (load more, error, empty) have no children and are not cached. */
    readonly synthetic = false,
  ) {}

  /** For commands: what other features receive (see resources.ts). */
  get resource(): Resource | undefined {
    return this.spec.resource;
  }

  get contextValue(): string {
    return this.spec.contextValue;
  }
}

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  private currentRootState: RootState = 'loading';
  readonly onDidChangeTreeData = this.changed.event;
  private root: ExplorerNode | undefined;
  private readonly byId = new Map<string, ExplorerNode>();
  private readonly disposables: vscode.Disposable[] = [];
  private visible = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** Ids of expanded nodes: ids are stable across refreshes, node objects are not. */
  private readonly expandedIds = new Set<string>();

  constructor(
    readonly view: ViewKind,
    private readonly deps: ExplorerTreeDeps,
  ) {
    this.disposables.push(this.changed);
    const sub = deps.connection.onDidChange(() => void this.refresh());
    this.disposables.push({ dispose: () => sub.dispose() });
  }

  /** Wire visibility and expansion of the TreeView that shows this provider. */
  attach(treeView: vscode.TreeView<ExplorerNode>): void {
    this.disposables.push(
      treeView.onDidChangeVisibility((e) => this.setVisible(e.visible)),
      treeView.onDidExpandElement((e) => {
        this.expandedIds.add(e.element.id);
      }),
      treeView.onDidCollapseElement((e) => {
        this.expandedIds.delete(e.element.id);
      }),
    );
    this.setVisible(treeView.visible);
  }

  // ------------------------------------------------------------------ TreeDataProvider

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const s = node.spec;
    const state = s.children
      ? s.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(s.label, state);
    item.id = node.id;
    item.description = s.description;
    item.tooltip = s.tooltip;
    // Read as "web, 2/2 running": the description carries the state the icon shows.
    item.accessibilityInformation = { label: s.description ? `${s.label}, ${s.description}` : s.label };
    item.contextValue = s.contextValue;
    if (s.icon) item.iconPath = new vscode.ThemeIcon(s.icon.id, s.icon.color ? new vscode.ThemeColor(s.icon.color) : undefined);
    if (s.command) item.command = { command: s.command.command, title: s.command.title, arguments: s.command.args ? [...s.command.args] : undefined };
    return item;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent && node.parent !== this.root ? node.parent : undefined;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (!node) return await this.rootChildren();
      if (node.synthetic || !node.spec.children) return [];
      return await this.childrenOf(node);
    } catch (e) {
      // Never let a failure escape to VS Code (it would show a toast): log it, show nothing more.
      this.deps.log.error(`explorer: unexpected failure rendering children: ${describeErrorForLog(e)}`);
      return [];
    }
  }

  private async rootChildren(): Promise<ExplorerNode[]> {
    const generation = this.deps.connection.generation;
    const target = await this.deps.connection.resolve();
    if (generation !== this.deps.connection.generation) return [];
    if (!this.root || this.root.generation !== generation) {
      const regions = this.deps.settings.regions();
      const scope = { region: target.region, profile: target.profile };
      const spec: NodeSpec =
        regions.length > 0
          ? {
              key: 'regions',
              label: '',
              contextValue: nodeContextValue('group', 'regions'),
              children: {
                kind: 'list',
                empty: '',
                load: async () => regions.map((region) => regionNode(this.view, { region, profile: target.profile })),
              },
            }
          : { key: 'root', label: '', contextValue: nodeContextValue('group', 'root'), children: rootChildren(this.view, scope) };
      this.setRootState('loading');
      this.root = new ExplorerNode(spec, `${this.view}|${target.profile ?? ''}|${regions.length ? regions.join(',') : target.region}`, undefined, scope, generation);
    }
    return this.childrenOf(this.root);
  }

  private scopeFor(parent: ExplorerNode, child: NodeSpec): { region: string; profile?: string } {
    if (child.key.startsWith('region:') && parent === this.root) return { region: child.key.slice('region:'.length), profile: parent.scope.profile };
    return parent.scope;
  }

  private async childrenOf(node: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node.childState) {
      if (!node.loading) {
        const loading: Promise<void> = this.loadFirst(node).finally(() => {
          if (node.loading === loading) node.loading = undefined; // a refresh may have started another
        });
        node.loading = loading;
      }
      await node.loading;
    }
    if (node.generation !== this.deps.connection.generation) return [];
    return this.render(node);
  }

  private context(node: ExplorerNode, source: ChildSource): LoadContext {
    const signal = AbortSignal.any([this.deps.connection.signal, node.controller.signal]);
    const pageSize = source.kind === 'paged' && source.pageSize ? source.pageSize : this.deps.settings.pageSize();
    return {
      clients: this.deps.clients,
      region: node.scope.region,
      profile: node.scope.profile,
      signal,
      pageSize,
      concurrency: this.deps.settings.concurrency(),
    };
  }

  private async loadFirst(node: ExplorerNode): Promise<void> {
    const source = node.spec.children!;
    const generation = node.generation;
    const controller = node.controller;
    try {
      const ctx = this.context(node, source);
      if (source.kind === 'list') {
        const items = await source.load(ctx);
        if (controller !== node.controller) return;
        node.childState = { items };
      } else {
        const page = await source.load(ctx);
        if (controller !== node.controller) return;
        node.childState = { items: page.items, nextToken: page.nextToken };
      }
      if (node === this.root) this.setRootState(node.spec.key === 'root' && node.childState.items.length === 0 && !node.childState.nextToken ? 'empty' : 'ready');
    } catch (e) {
      // Cancelled (refresh, switch, node gone): whoever cancelled loads again; show nothing stale.
      if (generation !== this.deps.connection.generation || controller !== node.controller || controller.signal.aborted || isCancellation(e)) return;
      node.childState = { items: [], error: { info: this.report(e, node), whileLoadingMore: false } };
    }
  }

  /** Loads the next page of a paged node (the "Load more" action). */
  async loadMore(node: ExplorerNode): Promise<void> {
    const source = node.spec.children;
    const state = node.childState;
    if (!source || source.kind !== 'paged' || !state || (!state.nextToken && !state.error?.whileLoadingMore)) return;
    if (node.loading) return node.loading;
    const controller = node.controller;
    const loading: Promise<void> = (async () => {
      try {
        const page = await source.load(this.context(node, source), state.nextToken);
        if (controller !== node.controller) return;
        node.childState = { items: [...state.items, ...page.items], nextToken: page.nextToken };
      } catch (e) {
        if (controller !== node.controller || node.generation !== this.deps.connection.generation || controller.signal.aborted || isCancellation(e)) return;
        node.childState = { ...state, error: { info: this.report(e, node), whileLoadingMore: true } };
      }
    })().finally(() => {
      if (node.loading === loading) node.loading = undefined;
    });
    node.loading = loading;
    await loading;
    if (controller === node.controller) this.fire(node);
  }

  private report(error: unknown, node: ExplorerNode): UserFacingError {
    const info = classifyAwsError(error, { profile: node.scope.profile });
    if (info.kind !== 'cancelled') {
      this.deps.log.error(
        `explorer: loading children of "${node.spec.label || this.view}" (${node.scope.profile ?? 'default'} · ${node.scope.region}) failed: ${info.title}\n${describeErrorForLog(error)}`,
      );
    }
    if (node === this.root && info.kind !== 'cancelled') {
      this.setRootState(info.kind === 'noCredentials' ? 'noCredentials' : info.kind === 'expiredSso' ? 'ssoExpired' : 'error');
    }
    return info;
  }

  /** The state of the view's top level (what its welcome content, if any, explains). */
  get rootState(): RootState {
    return this.currentRootState;
  }

  private setRootState(state: RootState): void {
    if (state === this.currentRootState) return;
    this.currentRootState = state;
    this.deps.onRootState?.(this.view, state);
  }

  private child(parent: ExplorerNode, spec: NodeSpec, synthetic = false): ExplorerNode {
    const existing = parent.childNodes.get(spec.key);
    if (existing && existing.synthetic === synthetic) {
      if (existing.spec !== spec) {
        // New data for the same node (a reload, or a regrouping after "Load more"): its children
        // were derived from the old data, so they load again when shown.
        existing.spec = spec;
        if (existing.childState) this.clearChildren(existing);
      }
      return existing;
    }
    const node = new ExplorerNode(spec, `${parent.id}/${spec.key}`, parent, this.scopeFor(parent, spec), parent.generation, synthetic);
    parent.childNodes.set(spec.key, node);
    this.byId.set(node.id, node);
    return node;
  }

  private render(node: ExplorerNode): ExplorerNode[] {
    const state = node.childState;
    if (!state) return [];
    const source = node.spec.children!;
    const items = source.kind === 'paged' && source.arrange ? source.arrange(state.items) : state.items;
    const out = items.map((spec) => this.child(node, spec));
    if (state.error) {
      if (node === this.root && isExplainedByWelcome(state.error.info.kind)) return [];
      out.push(this.child(node, errorSpec(state.error.info, node), true));
    } else if (state.nextToken) {
      out.push(
        this.child(
          node,
          {
            key: '~loadMore',
            label: vscode.l10n.t('Load more…'),
            description: vscode.l10n.t('{0} shown', state.items.length),
            icon: { id: 'ellipsis' },
            contextValue: nodeContextValue('loadMore'),
            command: { command: 'ecsWorkbench.explorer.loadMore', title: vscode.l10n.t('Load More'), args: [node.id] },
          },
          true,
        ),
      );
    } else if (out.length === 0 && node === this.root) {
      return []; // the view's welcome content says the region has none and what to do
    } else if (out.length === 0 && source.empty) {
      out.push(this.child(node, { key: '~empty', label: source.empty, contextValue: nodeContextValue('empty') }, true));
    }
    const live = new Set(out);
    for (const [key, child] of node.childNodes) {
      if (!live.has(child) && !isNested(items, key)) this.forget(node, key, child);
    }
    return out;
  }

  private forget(parent: ExplorerNode, key: string, child: ExplorerNode): void {
    parent.childNodes.delete(key);
    this.drop(child);
  }

  /** Cancels a node's loads and forgets its subtree. */
  private drop(node: ExplorerNode): void {
    node.abortLoads();
    this.byId.delete(node.id);
    for (const c of node.childNodes.values()) this.drop(c);
    node.childNodes.clear();
  }

  private clearChildren(node: ExplorerNode): void {
    node.resetController();
    node.loading = undefined;
    node.childState = undefined;
    for (const c of node.childNodes.values()) this.drop(c);
    node.childNodes.clear();
  }

  private fire(node: ExplorerNode | undefined): void {
    this.changed.fire(node && node !== this.root ? node : undefined);
  }

  // ------------------------------------------------------------------ refresh

  /**
   * Refreshes one node (reloads its children; a node that can reload itself, like a service, is
   * described again first) or, with no node, the whole view. Resolves when a self-reload is done;
   * children load when VS Code asks for them.
   */
  async refresh(node?: ExplorerNode): Promise<void> {
    if (!node || node === this.root) {
      if (this.root) this.drop(this.root);
      this.root = undefined;
      this.byId.clear();
      this.fire(undefined);
      return;
    }
    if (node.synthetic) {
      if (node.parent) this.retry(node.parent);
      return;
    }
    if (node.spec.reload) {
      await this.reloadNode(node);
      return;
    }
    this.clearChildren(node);
    this.fire(node);
  }

  /** After an error node: load again (the failed page only when it was a "Load more"). */
  retry(node: ExplorerNode): void {
    if (node.childState?.error?.whileLoadingMore) {
      node.childState = { ...node.childState, error: undefined };
      void this.loadMore(node);
      return;
    }
    this.clearChildren(node);
    this.fire(node);
  }

  /**
   * Refreshes every node showing `resource` (matched leniently, see `resourceMatches`); when none
   * is loaded, the node that would list it (a new revision → its family, a new image → its
   * repository, …). Returns how many nodes were refreshed.
   */
  async refreshResource(resource: Resource): Promise<number> {
    const GROUPS = new Set(['services', 'tasks', 'containerInstances', 'deployments', 'events']);
    const nodes = [...this.byId.values()].filter((n) => n.spec.resource && !n.synthetic && !GROUPS.has(n.spec.key));
    for (let r: Resource | undefined = resource; r; r = parentResource(r)) {
      const query = r;
      const matches = nodes.filter((n) => resourceMatches(query, n.spec.resource!));
      if (matches.length === 0) continue;
      const pending: Promise<void>[] = [];
      for (const n of matches) {
        // A node whose data comes from its parent's list (e.g. an image, also inside the
        // "Untagged images" group) refreshes through the nearest node that loads from AWS.
        const loadsItself = (x: ExplorerNode): boolean =>
          !!x.spec.reload || x.spec.children?.kind === 'paged' || x.spec.resource?.kind === 'cluster';
        let target: ExplorerNode | undefined = n;
        while (target && target !== this.root && !loadsItself(target)) target = target.parent;
        pending.push(this.refresh(target && target !== this.root ? target : undefined));
      }
      await Promise.all(pending);
      return matches.length;
    }
    return 0;
  }

  private async reloadNode(node: ExplorerNode): Promise<void> {
    const reload = node.spec.reload;
    if (!reload || !node.parent) return;
    const generation = node.generation;
    try {
      const fresh = await reload(this.reloadContext(node.parent));
      if (generation !== this.deps.connection.generation) return;
      this.applyReload(node, fresh);
    } catch (e) {
      if (isCancellation(e)) return;
      this.deps.log.warn(`explorer: reloading "${node.spec.label}" failed: ${describeErrorForLog(e)}`);
    }
  }

  /**
   * Reloads nodes (auto-refresh): those of one reload batch group under one parent (e.g. the
   * deploying services of a cluster) with one call for the group, the others one by one.
   */
  private async reloadNodes(nodes: readonly ExplorerNode[]): Promise<void> {
    const groups = new Map<string, ExplorerNode[]>();
    for (const n of nodes) {
      const key = n.spec.reloadBatch && n.parent ? `${n.parent.id}\n${n.spec.reloadBatch.group}` : n.id;
      groups.set(key, [...(groups.get(key) ?? []), n]);
    }
    await Promise.all([...groups.values()].map((g) => (g.length === 1 ? this.reloadNode(g[0]) : this.reloadGroup(g))));
  }

  private async reloadGroup(nodes: readonly ExplorerNode[]): Promise<void> {
    const parent = nodes[0].parent!;
    const batch = nodes[0].spec.reloadBatch!;
    const generation = parent.generation;
    try {
      const ids = nodes.map((n) => n.spec.reloadBatch!.id);
      const fresh = await batch.reloadAll(this.reloadContext(parent), ids);
      if (generation !== this.deps.connection.generation) return;
      for (const [i, n] of nodes.entries()) this.applyReload(n, fresh.get(ids[i]));
    } catch (e) {
      if (isCancellation(e)) return;
      this.deps.log.warn(`explorer: reloading ${nodes.map((n) => `"${n.spec.label}"`).join(', ')} failed: ${describeErrorForLog(e)}`);
    }
  }

  /** A node reloads with its parent's load context (its region, and cancelled with it). */
  private reloadContext(parent: ExplorerNode): LoadContext {
    return this.context(parent, parent.spec.children ?? { kind: 'list', empty: '', load: async () => [] });
  }

  /** Shows a reloaded node (or, when it no longer exists, its parent's list again). */
  private applyReload(node: ExplorerNode, fresh: NodeSpec | undefined): void {
    if (!node.parent || this.byId.get(node.id) !== node) return; // dropped meanwhile (e.g. its parent reloaded)
    if (!fresh) {
      this.clearChildren(node.parent);
      this.fire(node.parent);
      return;
    }
    node.spec = fresh;
    // Replace the cached spec in the parent's list so a re-render keeps the fresh one.
    const state = node.parent.childState;
    if (state) state.items = replaceByKey(state.items, fresh);
    this.clearChildren(node);
    this.fire(node);
  }

  byNodeId(id: string): ExplorerNode | undefined {
    // The root is no one's child, yet its error node ("Cannot reach AWS: retry") retries it by id.
    return this.root?.id === id ? this.root : this.byId.get(id);
  }

  // ------------------------------------------------------------------ auto-refresh

  private setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && !this.timer) this.schedule();
    if (!visible && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    const seconds = this.deps.settings.autoRefreshSeconds();
    if (seconds <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick().finally(() => {
        if (this.visible && !this.timer) this.schedule();
      });
    }, seconds * 1000);
  }

  /** Nodes that want auto-refresh and are on screen (all ancestors expanded). */
  autoRefreshTargets(): ExplorerNode[] {
    const out: ExplorerNode[] = [];
    for (const n of this.byId.values()) {
      if (!n.spec.autoRefresh || n.synthetic) continue;
      // A deployment refreshes through its service (the node that can reload itself).
      let target: ExplorerNode | undefined = n;
      while (target && !target.spec.reload) target = target.parent;
      if (!target || !isShown(target, this.root, this.expandedIds)) continue;
      if (!out.includes(target)) out.push(target);
    }
    return out;
  }

  /**
   * Reloads the auto-refresh targets once (only while the view is visible); returns how many.
   * Ticks never overlap: a tick asked for while one runs waits for it, then runs.
   */
  async tick(): Promise<number> {
    while (this.ticking) await this.ticking;
    if (!this.visible) return 0;
    const run = (async () => {
      const targets = this.autoRefreshTargets();
      await this.reloadNodes(targets);
      return targets.length;
    })();
    this.ticking = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      this.ticking = undefined;
    }
  }

  /** Applies a changed auto-refresh interval at once. */
  restartAutoRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.visible) this.schedule();
  }

  get isVisible(): boolean {
    return this.visible;
  }

  // ------------------------------------------------------------------ test support

  describe(node: ExplorerNode): NodeDescription {
    const item = this.getTreeItem(node);
    return {
      id: node.id,
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
      contextValue: node.spec.contextValue,
      collapsible: !!node.spec.children && !node.synthetic,
      icon: node.spec.icon?.id,
      resource: node.spec.resource,
      command: node.spec.command ? { command: node.spec.command.command, args: node.spec.command.args } : undefined,
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.root) this.drop(this.root);
    this.byId.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * After a change to `resource`: refreshes every node showing it or, when none is loaded (e.g. a new
 * family or repository), the top level of the one view that would list it.
 */
export async function refreshResourceInViews(providers: readonly ExplorerTreeProvider[], resource: Resource): Promise<void> {
  let found = 0;
  for (const p of providers) found += await p.refreshResource(resource);
  if (!found) await providers.find((p) => p.view === viewOfKind(resource.kind))?.refresh();
}

function isNested(items: readonly NodeSpec[], key: string): boolean {
  return items.some((i) => i.key === key);
}

function replaceByKey(items: readonly NodeSpec[], fresh: NodeSpec): NodeSpec[] {
  return items.map((i) => (i.key === fresh.key ? fresh : i));
}

function isShown(node: ExplorerNode, root: ExplorerNode | undefined, expandedIds: ReadonlySet<string>): boolean {
  for (let p = node.parent; p && p !== root; p = p.parent) if (!expandedIds.has(p.id) && !p.spec.expanded) return false;
  return true;
}

function errorSpec(info: UserFacingError, node: ExplorerNode): NodeSpec {
  const action = info.action;
  const command =
    action.kind === 'signIn'
      ? { command: 'ecsWorkbench.signIn', title: vscode.l10n.t('Sign In'), args: [action.profile ?? node.scope.profile] }
      : action.kind === 'selectProfile'
        ? { command: 'ecsWorkbench.selectProfile', title: vscode.l10n.t('Select Profile') }
        : action.kind === 'showLog'
          ? { command: 'ecsWorkbench.showLog', title: vscode.l10n.t('Show Log') }
          : { command: 'ecsWorkbench.explorer.retry', title: vscode.l10n.t('Retry'), args: [node.id] };
  const hint =
    action.kind === 'signIn' ? vscode.l10n.t('Click to sign in.') : action.kind === 'retry' ? vscode.l10n.t('Click to retry.') : action.kind === 'selectProfile' ? vscode.l10n.t('Click to select a profile.') : vscode.l10n.t('Click for the log.');
  return {
    key: '~error',
    label: info.title,
    description: info.detail,
    tooltip: vscode.l10n.t('{0}\n{1} Full details are in the ECS Workbench log.', info.detail, hint),
    icon: { id: info.kind === 'network' || info.kind === 'throttled' ? 'debug-disconnect' : info.kind === 'expiredSso' || info.kind === 'expiredCredentials' ? 'key' : 'error', color: 'errorForeground' },
    contextValue: nodeContextValue('error', info.kind),
    command,
  };
}

/** Top-level failures the views' welcome contents explain (with their sign-in / profile buttons). */
function isExplainedByWelcome(kind: UserFacingError['kind']): boolean {
  return kind === 'noCredentials' || kind === 'expiredSso';
}
