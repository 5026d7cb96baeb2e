// The cache under each explorer view: loads children on first use and keeps them until refresh,
// pages with "Load more", turns failures into error rows (never a toast), drops results of a
// previous connection. Pure (no vscode); nodeStore.ts adds refresh and auto-refresh on top.
import type { AwsClients } from '../aws/clients';
import { profileLabel, type Connection } from '../aws/connection';
import { classifyAwsError, isCancellation, type UserFacingError } from '../aws/errors';
import { describeErrorForLog } from '../aws/redact';
import { ExplorerNode, errorSpec, isExplainedByWelcome, loadMoreSpec } from './explorerNode';
import { nodeContextValue } from './resources';
import type { ChildSource, LoadContext, NodeSpec, ViewKind } from './model';
import { regionNode, rootChildren } from './roots';

export interface ExplorerSettings {
  /** Regions shown as top-level nodes; empty = just the connection's region. */
  regions(): string[];
  pageSize(): number;
  concurrency(): number;
  autoRefreshSeconds(): number;
}

/**
 * What the top level of a view shows. `empty` (nothing in the region), `noCredentials` and
 * `ssoExpired` leave the tree empty so that the view's welcome content (package.json viewsWelcome)
 * explains the state and offers the way out; `error` shows an error node with its action.
 */
export type RootState = 'loading' | 'ready' | 'empty' | 'noCredentials' | 'ssoExpired' | 'error';

export interface NodeStoreDeps {
  readonly connection: Pick<Connection, 'generation' | 'signal' | 'resolve'>;
  readonly clients: AwsClients;
  readonly log: { error(message: string): void; warn(message: string): void };
  readonly settings: ExplorerSettings;
  /** Called when the top level of the view loads or fails: the states a welcome view explains. */
  readonly onRootState?: (view: ViewKind, state: RootState) => void;
  /** The top level of the view in a region (default: its clusters, families or repositories). */
  readonly topLevel?: (scope: { region: string; profile?: string }) => ChildSource;
  /** The children of a node changed (undefined: the whole view). */
  readonly onDidChange?: (node: ExplorerNode | undefined) => void;
}


export class NodeCache {
  protected root: ExplorerNode | undefined;
  protected readonly byId = new Map<string, ExplorerNode>();
  /** Ids of expanded nodes: ids are stable across refreshes, node objects are not. */
  protected readonly expandedIds = new Set<string>();
  private currentRootState: RootState = 'loading';

  constructor(
    readonly view: ViewKind,
    protected readonly deps: NodeStoreDeps,
  ) {}

  /** The children of a node (the top level without one); a failure is logged, never thrown. */
  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (!node) return await this.rootChildren();
      if (node.synthetic || !node.spec.children) return [];
      return await this.childrenOf(node);
    } catch (e) {
      this.deps.log.error(`explorer: unexpected failure rendering children: ${describeErrorForLog(e)}`);
      return [];
    }
  }

  /** The parent as the view sees it (none for top-level nodes). */
  parentOf(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent && node.parent !== this.root ? node.parent : undefined;
  }

  setExpanded(id: string, expanded: boolean): void {
    if (expanded) this.expandedIds.add(id);
    else this.expandedIds.delete(id);
  }

  byNodeId(id: string): ExplorerNode | undefined {
    // The root is no one's child, yet its error node ("Cannot reach AWS: retry") retries it by id.
    return this.root?.id === id ? this.root : this.byId.get(id);
  }

  /** The state of the view's top level (what its welcome content, if any, explains). */
  get rootState(): RootState {
    return this.currentRootState;
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
              children: { kind: 'list', empty: '', load: async () => regions.map((region) => regionNode(this.view, { region, profile: target.profile })) },
            }
          : { key: 'root', label: '', contextValue: nodeContextValue('group', 'root'), children: this.deps.topLevel?.(scope) ?? rootChildren(this.view, scope) };
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

  protected context(node: ExplorerNode, source: ChildSource, also?: AbortSignal): LoadContext {
    const signal = AbortSignal.any([this.deps.connection.signal, node.controller.signal, ...(also ? [also] : [])]);
    const pageSize = source.kind === 'paged' && source.pageSize ? source.pageSize : this.deps.settings.pageSize();
    return { clients: this.deps.clients, region: node.scope.region, profile: node.scope.profile, signal, pageSize, concurrency: this.deps.settings.concurrency() };
  }

  /** A node reloads with its parent's load context (its region, and cancelled with it). */
  protected reloadContext(parent: ExplorerNode, also?: AbortSignal): LoadContext {
    return this.context(parent, parent.spec.children ?? { kind: 'list', empty: '', load: async () => [] }, also);
  }

  private async loadFirst(node: ExplorerNode): Promise<void> {
    const source = node.spec.children!;
    const generation = node.generation;
    const controller = node.controller;
    try {
      const ctx = this.context(node, source);
      const page = source.kind === 'list' ? { items: await source.load(ctx) } : await source.load(ctx);
      if (controller !== node.controller) return;
      node.childState = { items: page.items, nextToken: page.nextToken };
      if (node === this.root) this.setRootState(node.spec.key === 'root' && page.items.length === 0 && !page.nextToken ? 'empty' : 'ready');
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

  protected report(error: unknown, node: ExplorerNode): UserFacingError {
    const info = classifyAwsError(error, { profile: node.scope.profile });
    if (info.kind !== 'cancelled') {
      this.deps.log.error(
        `explorer: loading children of "${node.spec.label || this.view}" (${profileLabel(node.scope.profile)} · ${node.scope.region}) failed: ${info.title}\n${describeErrorForLog(error)}`,
      );
    }
    if (node === this.root && info.kind !== 'cancelled') {
      this.setRootState(info.kind === 'noCredentials' ? 'noCredentials' : info.kind === 'expiredSso' ? 'ssoExpired' : 'error');
    }
    return info;
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
      out.push(this.child(node, loadMoreSpec(node, state.items.length), true));
    } else if (out.length === 0 && node === this.root) {
      return []; // the view's welcome content says the region has none and what to do
    } else if (out.length === 0 && source.empty) {
      out.push(this.child(node, { key: '~empty', label: source.empty, contextValue: nodeContextValue('empty') }, true));
    }
    const live = new Set(out);
    for (const [key, child] of node.childNodes) {
      if (!live.has(child) && !items.some((i) => i.key === key)) {
        node.childNodes.delete(key);
        this.drop(child);
      }
    }
    return out;
  }

  /** Cancels a node's loads and forgets its subtree. */
  protected drop(node: ExplorerNode): void {
    node.abortLoads();
    this.byId.delete(node.id);
    for (const c of node.childNodes.values()) this.drop(c);
    node.childNodes.clear();
  }

  protected clearChildren(node: ExplorerNode): void {
    node.resetController();
    node.loading = undefined;
    node.childState = undefined;
    for (const c of node.childNodes.values()) this.drop(c);
    node.childNodes.clear();
  }

  protected fire(node: ExplorerNode | undefined): void {
    this.deps.onDidChange?.(node && node !== this.root ? node : undefined);
  }

  protected isLive(node: ExplorerNode): boolean {
    return this.byId.get(node.id) === node;
  }
}
