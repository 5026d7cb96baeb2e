// One node of an explorer view as the node store keeps it: its spec (model.ts), its cached children
// and the loads in flight for them, and the synthetic rows the store adds (load more, error, empty).
// Pure (no vscode): the adapter (treeProvider.ts) turns these into tree items.
import * as l10n from '@vscode/l10n';
import type { UserFacingError } from '../aws/errors';
import { nodeContextValue, type Resource } from './resources';
import type { NodeSpec } from './model';

export interface ChildState {
  items: NodeSpec[];
  nextToken?: string;
  /** An error instead of (or after) the items. */
  error?: { info: UserFacingError; whileLoadingMore: boolean };
}

export class ExplorerNode {
  childState?: ChildState;
  loading?: Promise<void>;
  private ownController: AbortController | undefined;
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

  /** For commands: what other features receive (see resources.ts). */
  get resource(): Resource | undefined {
    return this.spec.resource;
  }

  get contextValue(): string {
    return this.spec.contextValue;
  }
}

/** A serializable picture of a node, for tests (the extension's API, see api.ts) and diagnostics. */
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

export function describeNode(node: ExplorerNode): NodeDescription {
  const s = node.spec;
  return {
    id: node.id,
    label: s.label,
    description: s.description,
    tooltip: s.tooltip,
    contextValue: s.contextValue,
    collapsible: !!s.children && !node.synthetic,
    icon: s.icon?.id,
    resource: s.resource,
    command: s.command ? { command: s.command.command, args: s.command.args } : undefined,
  };
}

/** The "Load more…" row after a page that has a next one. */
export function loadMoreSpec(node: ExplorerNode, shown: number): NodeSpec {
  return {
    key: '~loadMore',
    label: l10n.t('Load more…'),
    description: l10n.t('{0} shown', shown),
    icon: { id: 'ellipsis' },
    contextValue: nodeContextValue('loadMore'),
    command: { command: 'ecsWorkbench.explorer.loadMore', title: l10n.t('Load More'), args: [node.id] },
  };
}

/** The row that shows a failed load, with the action that gets out of it (sign in, retry, ...). */
export function errorSpec(info: UserFacingError, node: ExplorerNode): NodeSpec {
  const action = info.action;
  const command =
    action.kind === 'signIn'
      ? { command: 'ecsWorkbench.signIn', title: l10n.t('Sign In'), args: [action.profile ?? node.scope.profile] }
      : action.kind === 'selectProfile'
        ? { command: 'ecsWorkbench.selectProfile', title: l10n.t('Select Profile') }
        : action.kind === 'showLog'
          ? { command: 'ecsWorkbench.showLog', title: l10n.t('Show Log') }
          : { command: 'ecsWorkbench.explorer.retry', title: l10n.t('Retry'), args: [node.id] };
  const hint =
    action.kind === 'signIn' ? l10n.t('Click to sign in.') : action.kind === 'retry' ? l10n.t('Click to retry.') : action.kind === 'selectProfile' ? l10n.t('Click to select a profile.') : l10n.t('Click for the log.');
  return {
    key: '~error',
    label: info.title,
    description: info.detail,
    tooltip: l10n.t('{0}\n{1} Full details are in the ECS Workbench log.', info.detail, hint),
    icon: { id: info.kind === 'network' || info.kind === 'throttled' ? 'debug-disconnect' : info.kind === 'expiredSso' || info.kind === 'expiredCredentials' ? 'key' : 'error', color: 'errorForeground' },
    contextValue: nodeContextValue('error', info.kind),
    command,
  };
}

/** Top-level failures the views' welcome contents explain (with their sign-in / profile buttons). */
export function isExplainedByWelcome(kind: UserFacingError['kind']): boolean {
  return kind === 'noCredentials' || kind === 'expiredSso';
}

/** Whether every ancestor of `node` below `root` is expanded (in the view or initially). */
export function isShown(node: ExplorerNode, root: ExplorerNode | undefined, expandedIds: ReadonlySet<string>): boolean {
  for (let p = node.parent; p && p !== root; p = p.parent) if (!expandedIds.has(p.id) && !p.spec.expanded) return false;
  return true;
}
