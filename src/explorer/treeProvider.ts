// VS Code adapter for one explorer view: renders the node store's nodes (nodeStore.ts) as tree
// items, tells VS Code when children change, and feeds the view's visibility and expansion to the
// store and its auto-refresh (autoRefresh.ts). Everything else is pure and unit-tested.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { Connection } from '../aws/connection';
import { describeErrorForLog } from '../aws/redact';
import { AutoRefresh } from './autoRefresh';
import { describeNode, type ExplorerNode, type NodeDescription } from './explorerNode';
import { NodeStore, type ExplorerSettings, type RootState } from './nodeStore';
import type { Resource } from './resources';
import type { ViewKind } from './model';

export type { ExplorerNode, ExplorerSettings, NodeDescription, RootState };

export interface ExplorerTreeDeps {
  readonly connection: Connection;
  readonly clients: AwsClients;
  readonly log: vscode.LogOutputChannel;
  readonly settings: ExplorerSettings;
  /** Called when the top level of the view loads or fails: the states a welcome view explains. */
  readonly onRootState?: (view: ViewKind, state: RootState) => void;
}

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly store: NodeStore;
  private readonly autoRefresh: AutoRefresh;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly view: ViewKind,
    deps: ExplorerTreeDeps,
  ) {
    this.store = new NodeStore(view, { ...deps, onDidChange: (node) => this.changed.fire(node) });
    this.autoRefresh = new AutoRefresh({
      intervalSeconds: () => deps.settings.autoRefreshSeconds(),
      reload: (signal) => this.store.reloadAutoRefreshTargets(signal),
      onError: (e) => deps.log.warn(`explorer: auto-refresh of ${view} failed: ${describeErrorForLog(e)}`),
    });
    const sub = deps.connection.onDidChange(() => void this.refresh());
    this.disposables.push(this.changed, this.autoRefresh, { dispose: () => sub.dispose() });
  }

  /** Wire visibility and expansion of the TreeView that shows this provider. */
  attach(treeView: vscode.TreeView<ExplorerNode>): void {
    this.disposables.push(
      treeView.onDidChangeVisibility((e) => this.autoRefresh.setVisible(e.visible)),
      treeView.onDidExpandElement((e) => this.store.setExpanded(e.element.id, true)),
      treeView.onDidCollapseElement((e) => this.store.setExpanded(e.element.id, false)),
    );
    this.autoRefresh.setVisible(treeView.visible);
  }

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
    return this.store.parentOf(node);
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.store.children(node);
  }

  refresh(node?: ExplorerNode): Promise<void> {
    return this.store.refresh(node);
  }

  refreshResource(resource: Resource): Promise<number> {
    return this.store.refreshResource(resource);
  }

  retry(node: ExplorerNode): void {
    this.store.retry(node);
  }

  loadMore(node: ExplorerNode): Promise<void> {
    return this.store.loadMore(node);
  }

  byNodeId(id: string): ExplorerNode | undefined {
    return this.store.byNodeId(id);
  }

  get rootState(): RootState {
    return this.store.rootState;
  }

  /** One auto-refresh reload now (0 while the view is hidden). */
  tick(): Promise<number> {
    return this.autoRefresh.tick();
  }

  restartAutoRefresh(): void {
    this.autoRefresh.restart();
  }

  get isVisible(): boolean {
    return this.autoRefresh.isVisible;
  }

  describe(node: ExplorerNode): NodeDescription {
    return describeNode(node);
  }

  dispose(): void {
    this.store.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
