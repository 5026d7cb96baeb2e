// How the explorer shows where a rollout stands: one icon per rollout state (domain/deploymentState),
// for services, their deployments and the deployment history alike. Pure (no vscode).
import type { RolloutState } from '../domain/deploymentState';
import { ICON_COLORS, type IconSpec } from './model';

const { GREEN, RED, YELLOW, BLUE, GREY } = ICON_COLORS;

const ROLLOUT_ICON: Readonly<Record<RolloutState, IconSpec>> = {
  pending: { id: 'clock', color: BLUE },
  inProgress: { id: 'sync', color: BLUE },
  scaling: { id: 'arrow-both', color: BLUE },
  rollingBack: { id: 'sync', color: YELLOW },
  stopping: { id: 'sync', color: GREY },
  succeeded: { id: 'pass', color: GREEN },
  rolledBack: { id: 'history', color: YELLOW },
  failed: { id: 'error', color: RED },
  stopped: { id: 'circle-slash', color: GREY },
};

/** The icon of a rollout state; a plain outline where the state is not known. */
export function rolloutIcon(state: RolloutState | undefined): IconSpec {
  return state ? ROLLOUT_ICON[state] : { id: 'circle-outline' };
}
