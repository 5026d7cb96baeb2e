// A service's deployment history in the Deployments node: one row per service deployment
// (ListServiceDeployments + DescribeServiceDeployments), newest first. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import { resourceName } from '../domain/arn';
import { isRolloutRunning, serviceDeploymentState } from '../domain/deploymentState';
import { formatDuration } from '../deploy/rolloutText';
import type { ServiceDeploymentRow } from './loaders';
import type { NodeSpec } from './model';
import { rolloutIcon } from './stateIcons';
import { nodeContextValue } from './resources';
import * as f from './format';

/** Still going: its duration is the time so far. */
export function isRunningStatus(status: string | undefined): boolean {
  return isRolloutRunning(serviceDeploymentState(status));
}

/** `5 min 12 s` from start to end; for one still running, the time so far (`3 min so far`). */
export function serviceDeploymentDuration(row: ServiceDeploymentRow, now: number = Date.now()): string {
  const start = row.startedAt ?? row.createdAt;
  if (!start) return '';
  if (row.finishedAt) return formatDuration(Math.max(0, row.finishedAt.getTime() - start.getTime()));
  if (isRunningStatus(row.status)) return l10n.t`${formatDuration(Math.max(0, now - start.getTime()))} so far`;
  return '';
}

/** The status in words, with the stage of one still running: `IN_PROGRESS (BAKE_TIME)`. */
function statusText(row: ServiceDeploymentRow): string {
  const status = row.status ?? '?';
  return isRunningStatus(row.status) && row.lifecycleStage ? `${status} (${row.lifecycleStage})` : status;
}

/** `web:4 · SUCCESSFUL` / `CANARY · started Dec 6, 2026, 10:01 AM · 10 min 32 s`. */
export function serviceDeploymentNode(row: ServiceDeploymentRow, now: number = Date.now()): NodeSpec {
  const revision = row.taskDefinition ? resourceName(row.taskDefinition) : l10n.t('unknown revision');
  const started = row.startedAt ?? row.createdAt;
  const description = [
    row.strategy ?? 'ROLLING',
    started ? l10n.t`started ${f.shortLocalTime(started)}` : undefined,
    serviceDeploymentDuration(row, now) || undefined,
  ].filter(Boolean).join(' · ');
  const breaker = row.circuitBreaker?.failureCount ? l10n.t`Circuit breaker: ${row.circuitBreaker.failureCount} of ${row.circuitBreaker.threshold ?? '?'} failed tasks` : undefined;
  return {
    key: `serviceDeployment:${row.arn}`,
    label: `${revision} · ${statusText(row)}`,
    description,
    tooltip: [
      row.arn,
      l10n.t`Strategy: ${row.strategy ?? 'ROLLING'}`,
      started ? l10n.t`Started ${f.localTime(started)}` : undefined,
      row.finishedAt ? l10n.t`Finished ${f.localTime(row.finishedAt)}` : undefined,
      row.lifecycleStage && isRunningStatus(row.status) ? l10n.t`Stage: ${row.lifecycleStage}` : undefined,
      row.productionTrafficWeight !== undefined && isRunningStatus(row.status) ? l10n.t`Production traffic: ${row.productionTrafficWeight} %` : undefined,
      row.statusReason,
      row.rollbackReason ? l10n.t`Rolled back: ${row.rollbackReason}` : undefined,
      breaker,
      row.triggeredAlarms ? l10n.t`Alarms in ALARM: ${row.triggeredAlarms.join(', ')}` : undefined,
    ].filter(Boolean).join('\n'),
    icon: rolloutIcon(serviceDeploymentState(row.status)),
    contextValue: nodeContextValue('empty', 'serviceDeployment'),
    autoRefresh: false,
  };
}
