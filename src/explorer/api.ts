// What the extension's exports (the value `activate` returns) offer about the explorer: for the
// integration tests, the benches and diagnostics, instead of commands contributed to the product.
// Pure types (no vscode): tests import them to type `getExtension(id).exports`.
import type { AwsTarget } from '../aws/clients';
import type { NodeDescription } from './explorerNode';
import type { ViewKind } from './model';
import type { RootState } from './nodeCache';

export interface ExplorerState {
  readonly generation: number;
  readonly target: AwsTarget;
  readonly label: string;
  readonly views: readonly {
    readonly view: ViewKind;
    readonly visible: boolean;
    readonly rootState: RootState;
    /** The view's title description ("none in eu-north-1" when the region has none), as the view shows it. */
    readonly description?: string;
    /** Ids of the nodes the next auto-refresh reloads. */
    readonly autoRefresh: readonly string[];
  }[];
}

export interface ExplorerApi {
  /**
   * The children of node `id` (the top level without one) of a view (`clusters`, or its view id
   * `ecsWorkbench.clusters`), as plain data; undefined when the view or node is unknown. With
   * `expand`, the node is revealed and expanded in the view first, as a user would.
   */
  inspect(view: string, id?: string | null, options?: { readonly expand?: boolean }): Promise<NodeDescription[] | undefined>;
  state(): ExplorerState;
  /** One auto-refresh reload of a view now; how many nodes it reloaded (0 while hidden). */
  autoRefreshTick(view: string): Promise<number>;
}

