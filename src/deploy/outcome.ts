// What a followed deployment resolves with: the public outcome of `deployAndFollow` and of the
// `ecsWorkbench.deployService` command, shaped from the tracker's final state. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { RolloutState } from './rolloutModel';

/** `unobserved`: AWS stopped letting us read the service (credentials, permission); the deployment's outcome is not known. */
export type DeployOutcomeKind = 'completed' | 'failed' | 'rolledBack' | 'timedOut' | 'cancelled' | 'unobserved';

/** What `deployAndFollow` (and the `ecsWorkbench.deployService` command with arguments) resolves with. */
export interface DeployOutcome {
  readonly outcome: DeployOutcomeKind;
  /** The revision we deployed. */
  readonly taskDefinitionArn: string;
  readonly reason?: string;
  readonly deploymentId?: string;
  /** The revision the service runs at the end when it is not ours (rolled back, superseded). */
  readonly serviceTaskDefinition?: string;
  /** Service events seen during the rollout, oldest first. */
  readonly events?: readonly string[];
  /** deploymentConfiguration.strategy of the service: ROLLING, BLUE_GREEN, LINEAR or CANARY. */
  readonly strategy: string;
  /** The lifecycle stages seen, in order, by their ECS names (empty for rolling deployments). */
  readonly stages: readonly string[];
  /**
   * With outcome `failed` only: the deployment did not fail but was `stopped` (by someone) or
   * `superseded` (a newer deployment replaced it). The outcome stays `failed` (the command's contract).
   */
  readonly ended?: 'stopped' | 'superseded';
}

/** Maps a final tracker state to the public outcome. */
export function outcomeOf(state: RolloutState | undefined, taskDefinitionArn: string, deploymentId?: string, strategy = 'ROLLING'): DeployOutcome {
  if (!state) return { outcome: 'cancelled', taskDefinitionArn, deploymentId, reason: l10n.t('Stopped watching; the deployment continues.'), strategy, stages: [] };
  const outcome: DeployOutcomeKind =
    state.phase === 'completed' ? 'completed'
      : state.phase === 'rolledBack' ? 'rolledBack'
        : state.phase === 'timedOut' ? 'timedOut'
          : state.phase === 'unobserved' ? 'unobserved'
            : 'failed';
  return {
    outcome,
    taskDefinitionArn,
    deploymentId: state.deploymentId ?? deploymentId,
    reason: state.reason,
    serviceTaskDefinition: state.serviceTaskDefinition,
    events: state.events.map((e) => e.message),
    strategy,
    stages: state.stages ?? [],
    ...(state.phase === 'stopped' || state.phase === 'superseded' ? { ended: state.phase } : {}),
  };
}
