// The value `activate` returns: what tests and benches in the extension host reach internals through,
// instead of commands contributed to the product. Pure types (no vscode).
import type { ActivationTiming } from './activationTiming';
import type { DeployApi } from './deploy/api';
import type { ExplorerApi } from './explorer/api';

export type { ExplorerApi, ExplorerState } from './explorer/api';
/** A node of an explorer view as `explorer.inspect` describes it. */
export type { NodeDescription } from './explorer/explorerNode';

export interface ExtensionApi {
  readonly explorer: ExplorerApi;
  readonly deploy: DeployApi;
  /** The Getting Started milestones reached so far (kept in the global state). */
  readonly walkthrough: { completed(): string[] };
  /** When the bundle began to run and activate() ran (the startup bench reads it). */
  readonly startup: ActivationTiming;
}
