// The shape of the explorer tree, as plain data: which nodes exist, what they show, how their
// children load. Pure (no vscode): the node store (nodeStore.ts) caches children and adds "Load
// more", error and empty nodes; the adapter (treeProvider.ts) renders them. The node builders live
// by area: roots.ts, clusterNodes.ts, serviceNodes.ts, taskNodes.ts, registryNodes.ts.
import type { LoadContext, Page } from './loaders';
import { nodeContextValue, type Resource, type Scope } from './resources';

export type { LoadContext, Page, Scope };

/** A codicon id and an optional theme color id (e.g. `charts.green`). */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

export interface NodeCommand {
  readonly command: string;
  readonly title: string;
  readonly args?: readonly unknown[];
}

export type ChildSource =
  | {
      readonly kind: 'list';
      readonly load: (ctx: LoadContext) => Promise<NodeSpec[]>;
      readonly empty: string;
    }
  | {
      readonly kind: 'paged';
      readonly load: (ctx: LoadContext, nextToken?: string) => Promise<Page<NodeSpec>>;
      /** Re-arranges everything loaded so far (e.g. sorting, grouping) before it is shown. */
      readonly arrange?: (items: readonly NodeSpec[]) => NodeSpec[];
      readonly empty: string;
      /** Page size override (e.g. images: DescribeImages returns up to 1000 per call). */
      readonly pageSize?: number;
    };

export interface NodeSpec {
  /** Unique among siblings and stable across refreshes. */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: IconSpec;
  readonly contextValue: string;
  readonly resource?: Resource;
  readonly children?: ChildSource;
  /** Expanded initially (only meaningful with children). */
  readonly expanded?: boolean;
  /** Run on click. */
  readonly command?: NodeCommand;
  /**
   * A list whose content follows its parent's state (a Tasks group under a service or cluster):
   * when the parent's row is updated after a change below it, this list loads again too, while
   * other lists loaded from AWS (a paged Services list) are kept.
   */
  readonly followsParent?: boolean;
  /** Reload this node while the view is visible (e.g. a deployment in progress, a stopping task). */
  readonly autoRefresh?: boolean;
  /** Re-fetches just this node (used by auto-refresh); undefined when it no longer exists. */
  readonly reload?: (ctx: LoadContext) => Promise<NodeSpec | undefined>;
  /** How auto-refresh re-fetches this node together with others of its group in one call. */
  readonly reloadBatch?: ReloadBatch;
}

/**
 * Nodes whose reload shares `group` (e.g. the services of one cluster) are re-fetched by one
 * `reloadAll` call (DescribeServices takes 10 at a time) instead of one call per node. It returns the
 * fresh node of each id it still finds.
 */
export interface ReloadBatch {
  readonly group: string;
  readonly id: string;
  readonly reloadAll: (ctx: LoadContext, ids: readonly string[]) => Promise<ReadonlyMap<string, NodeSpec>>;
}

/**
 * A group row under a resource (Services, Tasks, Events, ...): `key` is its role among the resource's
 * rows and the last part of its contextValue (`ecsWorkbench.node.group.<key>`); `more` adds a
 * description, `expanded`, `followsParent`.
 */
export function groupNode(key: string, label: string, icon: string, resource: Resource, children: ChildSource, more: Partial<NodeSpec> = {}): NodeSpec {
  return { key, label, icon: { id: icon }, contextValue: nodeContextValue('group', key), resource, children, ...more };
}

/** A resource row's children when they are its group rows: built when the row is expanded. */
export function groupRows(build: () => NodeSpec[]): ChildSource {
  return { kind: 'list', empty: '', load: async () => build() };
}

export type ViewKind = 'clusters' | 'taskDefinitions' | 'repositories';

export function mapPage<T>(page: Page<T>, fn: (item: T) => NodeSpec): Page<NodeSpec> {
  return { items: page.items.map(fn), nextToken: page.nextToken };
}

/**
 * Chains two paged sources: all pages of the first, then all of the second. The token remembers
 * which one is being read (`a:` / `b:` prefix). When the first source ends within a page, the
 * second one's first page is appended to it at once (no "Load more" just to reach it).
 */
export function chainPages<T>(
  first: (token?: string) => Promise<Page<T>>,
  second: (token?: string) => Promise<Page<T>>,
): (token?: string) => Promise<Page<T>> {
  const readSecond = async (token: string | undefined, before: T[]): Promise<Page<T>> => {
    const page = await second(token);
    return { items: [...before, ...page.items], nextToken: page.nextToken ? `b:${page.nextToken}` : undefined };
  };
  return async (token) => {
    if (!token || token.startsWith('a:')) {
      const page = await first(token ? token.slice(2) : undefined);
      if (page.nextToken) return { items: page.items, nextToken: `a:${page.nextToken}` };
      return readSecond(undefined, page.items);
    }
    return readSecond(token.slice(2) || undefined, []);
  };
}

const GREEN = 'charts.green';
const RED = 'charts.red';
// Our own colours (package.json contributes.colors) where the built-in ones fall below 3:1 on the
// light themes' side bar (charts.yellow, disabledForeground); both have high-contrast values.
const YELLOW = 'ecsWorkbench.warningIconForeground';
const BLUE = 'charts.blue';
const GREY = 'ecsWorkbench.inactiveIconForeground';
/** The theme colours state icons use (the e2e themes scenario checks them in every kind of theme). */
export const ICON_COLORS = { GREEN, RED, YELLOW, BLUE, GREY } as const;
