// A service's deployment history in the Deployments node: one row per service deployment
// (ListServiceDeployments + DescribeServiceDeployments), newest first. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import { resourceName } from '../domain/arn';
import { isRolloutRunning, serviceDeploymentEnd, serviceDeploymentState } from '../domain/deploymentState';
import { formatDuration } from '../deploy/rolloutText';
import type { ServiceDeploymentRow } from './loaders';
import { ICON_COLORS, type NodeSpec } from './model';
import { rolloutIcon } from './stateIcons';
import { contextValueFor, nodeContextValue, type ResourceOfKind } from './resources';
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

/**
 * The row's state for its context menu (resources.ts): one running (`paused` when a hook awaits
 * action), `current` for the completed one the service runs, else how it ended (domain/deploymentState).
 */
export function rowState(row: ServiceDeploymentRow, currentArn?: string): string {
  if (row.status === 'IN_PROGRESS' || row.status === 'PENDING') return row.waiting ? 'paused' : 'inprogress';
  if (isRunningStatus(row.status)) return 'stopping';
  const end = serviceDeploymentEnd(row.status, row.statusReason);
  if (end === 'completed') return row.arn === currentArn ? 'current' : 'successful';
  return end === 'rolledBack' ? 'rolledback' : end ?? 'inactive';
}

/** Where a row sits: its service (for the commands of its menu) and the service's current service deployment. */
export interface RowContext {
  readonly service: ResourceOfKind<'service'>;
  readonly currentArn?: string;
}

/** `web:4 · SUCCESSFUL` / `CANARY · started Dec 6, 2026, 10:01 AM · 10 min 32 s`. */
export function serviceDeploymentNode(row: ServiceDeploymentRow, now: number = Date.now(), where?: RowContext): NodeSpec {
  const revision = row.taskDefinition ? resourceName(row.taskDefinition) : l10n.t('unknown revision');
  const started = row.startedAt ?? row.createdAt;
  const state = rowState(row, where?.currentArn);
  // Stopped by someone, or replaced by a newer deployment: ended, not failed (their own word).
  const endWord = state === 'stopped' ? l10n.t('stopped') : state === 'superseded' ? l10n.t('superseded') : undefined;
  const description = [
    row.strategy ?? 'ROLLING',
    started ? l10n.t`started ${f.shortLocalTime(started)}` : undefined,
    serviceDeploymentDuration(row, now) || undefined,
    endWord,
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
      state === 'superseded' ? l10n.t('Superseded: a newer deployment of the service replaced it.') : undefined,
      state === 'paused' ? l10n.t('A lifecycle hook waits for you: Continue Deployment or Stop Deployment.') : undefined,
      row.rollbackReason ? l10n.t`Rolled back: ${row.rollbackReason}` : undefined,
      breaker,
      row.triggeredAlarms ? l10n.t`Alarms in ALARM: ${row.triggeredAlarms.join(', ')}` : undefined,
    ].filter(Boolean).join('\n'),
    icon: state === 'superseded' ? { id: 'arrow-swap', color: ICON_COLORS.GREY } : rolloutIcon(serviceDeploymentState(row.status)),
    contextValue: where ? contextValueFor('deployment', state) : nodeContextValue('empty', 'serviceDeployment'),
    resource: where ? {
      ...where.service,
      kind: 'deployment',
      arn: row.arn,
      serviceDeploymentArn: row.arn,
      taskDefinitionArn: row.taskDefinition,
      details: {
        status: row.status,
        strategy: row.strategy ?? 'ROLLING',
        stage: isRunningStatus(row.status) ? row.lifecycleStage : undefined,
        startedAt: started?.getTime(),
        finishedAt: row.finishedAt?.getTime(),
        reason: row.rollbackReason ?? row.statusReason,
      },
    } : undefined,
    autoRefresh: false,
  };
}
