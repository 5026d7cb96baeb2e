// The explorer's node store, one per view: the cache (nodeCache.ts) plus refresh: of a node, by
// resource (with the rows above what changed), and of the nodes that follow a transient state
// (auto-refresh, driven by autoRefresh.ts). Pure (no vscode): unit-tested in plain Node;
// treeProvider.ts adapts it to a TreeDataProvider.
import { describeErrorForLog } from '../aws/redact';
import { isCancellation } from '../aws/errors';
import { isShown, type ExplorerNode } from './explorerNode';
import { NodeCache } from './nodeCache';
import { parentResource, resourceMatches, type Resource } from './resources';
import type { ChildSource, NodeSpec } from './model';

export type { ExplorerSettings, NodeStoreDeps, RootState } from './nodeCache';

/** Group rows carry their parent's resource (for menus); refresh by resource skips them. */
const GROUP_KEYS = new Set(['services', 'tasks', 'containerInstances', 'deployments', 'events']);

/**
 * How a reloaded node shows its fresh data: `subtree` reloads all its children; `row` (a row above
 * what changed) keeps the lists it loaded from AWS (a paged Services list stays as paged) and reloads
 * only the children derived from its data or marked `followsParent` (the Tasks groups).
 */
type ReloadMode = 'subtree' | 'row';

export class NodeStore extends NodeCache {
  // ------------------------------------------------------------------ refresh

  /**
   * Refreshes one node (reloads its children; a node that can reload itself, like a service, is
   * described again first) or, with no node, the whole view. Resolves when a self-reload is done;
   * children load when they are asked for.
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
      await this.reloadNodes([node], 'subtree');
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
   * After a change to `resource`: refreshes every node showing it (matched leniently, see
   * `resourceMatches`) and the rows above it that count it (a task's service and cluster, a
   * service's cluster, with their Tasks groups); when none is loaded, the node that would list it
   * (a new revision → its family, a new image → its repository, …). Returns how many nodes showed it.
   */
  async refreshResource(resource: Resource): Promise<number> {
    for (let r: Resource | undefined = resource; r; r = parentResource(r)) {
      const matches = this.showing(r);
      if (matches.length === 0) continue;
      if (r === resource) await this.reloadNodes(this.rowsAbove(resource), 'row');
      // A node whose data comes from its parent's list (e.g. an image, also inside the "Untagged
      // images" group) refreshes through the nearest node that loads from AWS. Nodes a row update
      // above already reloaded (inside a Tasks group) are gone from the store and skipped.
      const loadsItself = (x: ExplorerNode): boolean => !!x.spec.reload || x.spec.children?.kind === 'paged';
      const targets = new Set<ExplorerNode | undefined>();
      for (const n of matches.filter((m) => this.isLive(m))) {
        let target: ExplorerNode | undefined = n;
        while (target && target !== this.root && !loadsItself(target)) target = target.parent;
        targets.add(target && target !== this.root ? target : undefined);
      }
      await Promise.all([...targets].map((t) => this.refresh(t)));
      return matches.length;
    }
    return 0;
  }

  /** The loaded nodes showing `query` (group rows, which carry their parent's resource, excluded). */
  private showing(query: Resource): ExplorerNode[] {
    const out: ExplorerNode[] = [];
    for (const n of this.byId.values()) {
      if (n.spec.resource && !n.synthetic && !GROUP_KEYS.has(n.spec.key) && resourceMatches(query, n.spec.resource)) out.push(n);
    }
    return out;
  }

  /** The rows above a resource that count it and can reload themselves: a task's service and cluster, ... */
  private rowsAbove(resource: Resource): ExplorerNode[] {
    const rows = new Set<ExplorerNode>();
    for (let a = parentResource(resource); a; a = parentResource(a)) for (const n of this.showing(a)) if (n.spec.reload) rows.add(n);
    return [...rows];
  }

  /**
   * Reloads nodes that can reload themselves: those of one reload batch group under one parent
   * (e.g. the services of a cluster) with one call for the group, the others one by one.
   */
  private async reloadNodes(nodes: readonly ExplorerNode[], mode: ReloadMode, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const groups = new Map<string, ExplorerNode[]>();
    for (const n of nodes) {
      if (!n.spec.reload || !n.parent) continue;
      const key = n.spec.reloadBatch ? `${n.parent.id}\n${n.spec.reloadBatch.group}` : n.id;
      groups.set(key, [...(groups.get(key) ?? []), n]);
    }
    const settled: ExplorerNode[] = [];
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const parent = group[0].parent!;
        const generation = parent.generation;
        try {
          const batch = group.length > 1 ? group[0].spec.reloadBatch! : undefined;
          const fresh = batch
            ? await batch.reloadAll(this.reloadContext(parent, signal), group.map((n) => n.spec.reloadBatch!.id))
            : new Map([[group[0].id, await group[0].spec.reload!(this.reloadContext(parent, signal))]]);
          if (generation !== this.deps.connection.generation) return;
          await Promise.all(
            group.map((n) => {
              const spec = fresh.get(batch ? n.spec.reloadBatch!.id : n.id);
              if (n.spec.autoRefresh && !spec?.autoRefresh) settled.push(n);
              return this.applyReload(n, spec, mode, parent);
            }),
          );
        } catch (e) {
          if (isCancellation(e)) return;
          this.deps.log.warn(`explorer: reloading ${group.map((n) => `"${n.spec.label}"`).join(', ')} failed: ${describeErrorForLog(e)}`);
        }
      }),
    );
    return settled;
  }

  /** Shows a reloaded node (or, when it no longer exists, its parent's list again). */
  private async applyReload(node: ExplorerNode, fresh: NodeSpec | undefined, mode: ReloadMode, parent: ExplorerNode): Promise<void> {
    if (!this.isLive(node)) return; // dropped meanwhile (e.g. its parent reloaded)
    if (!fresh) {
      this.clearChildren(parent);
      this.fire(parent);
      return;
    }
    node.spec = fresh;
    // Replace the cached spec in the parent's list so a re-render keeps the fresh one.
    const state = parent.childState;
    if (state) state.items = state.items.map((i) => (i.key === fresh.key ? fresh : i));
    if (mode === 'subtree' || !node.childState || fresh.children?.kind !== 'list') {
      if (mode === 'subtree') this.clearChildren(node);
      this.fire(node);
      return;
    }
    // A row: its groups get their fresh counts; only those that follow its data load again.
    await this.regroup(node, fresh.children);
  }

  private async regroup(node: ExplorerNode, source: Extract<ChildSource, { kind: 'list' }>): Promise<void> {
    const controller = node.controller;
    try {
      const groups = await source.load(this.context(node, source));
      if (controller !== node.controller || !this.isLive(node)) return;
      node.childState = { items: groups };
      for (const [key, child] of node.childNodes) {
        const spec = groups.find((g) => g.key === key);
        if (!spec || child.synthetic) continue;
        const keep = spec.children?.kind === 'paged' && !spec.followsParent;
        child.spec = spec;
        if (!keep) this.clearChildren(child);
      }
    } catch (e) {
      if (!isCancellation(e)) this.deps.log.warn(`explorer: updating "${node.spec.label}" failed: ${describeErrorForLog(e)}`);
      this.clearChildren(node);
    }
    this.fire(node);
  }

  // ------------------------------------------------------------------ auto-refresh

  /** Nodes that follow a transient state and are on screen (all ancestors expanded). */
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
   * Reloads the auto-refresh targets once; returns how many. When one settles (a rollout ends, a
   * stopping task stops), the rows above it (its service, its cluster) get their fresh counts.
   */
  async reloadAutoRefreshTargets(signal?: AbortSignal): Promise<number> {
    const targets = this.autoRefreshTargets();
    const settled = await this.reloadNodes(targets, 'subtree', signal);
    const rows = new Set(settled.flatMap((n) => (n.spec.resource ? this.rowsAbove(n.spec.resource) : [])));
    if (rows.size && !signal?.aborted) await this.reloadNodes([...rows].filter((r) => this.isLive(r)), 'row', signal);
    return targets.length;
  }

  dispose(): void {
    if (this.root) this.drop(this.root);
    this.root = undefined;
    this.byId.clear();
  }
}
