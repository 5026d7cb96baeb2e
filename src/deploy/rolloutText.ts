// The rollout tracker's sentences that are not verdicts: progress, durations, and why watching ended
// without an outcome. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { classifyAwsError } from '../aws/errors';
import type { RolloutProgress } from './rolloutModel';

/** Why watching ended and what to do, without claiming anything about the deployment itself. */
export function unobservedReason(info: ReturnType<typeof classifyAwsError>): string {
  const what =
    info.kind === 'accessDenied'
      ? info.call
        ? l10n.t`AWS denied ${info.call}: grant that permission, then follow the deployment again.`
        : l10n.t('AWS denied access to the service: grant the permission, then follow the deployment again.')
      : info.kind === 'noCredentials'
        ? l10n.t('No AWS credentials: select a profile, then follow the deployment again.')
        : l10n.t('The AWS credentials expired: sign in again, then follow the deployment again.');
  return l10n.t`Stopped following: ${what} The deployment goes on in ECS; its outcome was not observed.`;
}

/** `1/2 new tasks running, 2 old draining, 1 failed`. */
export function describeProgress(p: RolloutProgress): string {
  const parts = [l10n.t`${p.running}/${p.desired} new tasks running`];
  if (p.pending) parts.push(l10n.t`${p.pending} pending`);
  if (p.draining) parts.push(l10n.t`${p.draining} old draining`);
  if (p.failedTasks) parts.push(l10n.t`${p.failedTasks} failed`);
  return parts.join(', ');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return l10n.t`${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest ? l10n.t`${m} min ${rest} s` : l10n.t`${m} min`;
  return l10n.t`${Math.floor(m / 60)} h ${m % 60} min`;
}
