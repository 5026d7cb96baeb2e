// Words and short labels for deployments: status-bar text, summaries of several deployments, the
// confirmation summary, outcome messages. Pure, so the wording is unit-tested.
import * as l10n from '@vscode/l10n';
import { shortImageLabel } from '../domain/imageRef';
import type { ImageChange } from './render';
import { resourceName, revisionLabel } from '../domain/arn';
import type { RolloutPhase, RolloutState } from './rolloutModel';
import { stageDetail, stageText } from './serviceDeploymentProgress';

/** One deployment as the status bar sees it. */
export interface WatchView {
  readonly service: string;
  readonly cluster: string;
  readonly taskDefinitionArn: string;
  readonly state: RolloutState;
  /** Watching stopped by the user; the deployment goes on. */
  readonly stopped?: boolean;
}

const ICON: Record<RolloutPhase, string> = {
  inProgress: '$(sync~spin)',
  completed: '$(pass-filled)',
  failed: '$(error)',
  rolledBack: '$(history)',
  timedOut: '$(watch)',
  serviceDeleted: '$(trash)',
  unobserved: '$(eye-closed)',
};

/** One word or two for a phase, in the display language (looked up on each call, after activation). */
function phaseWord(phase: RolloutPhase): string {
  switch (phase) {
    case 'inProgress':
      return l10n.t('deploying');
    case 'completed':
      return l10n.t('deployed');
    case 'failed':
      return l10n.t('failed');
    case 'rolledBack':
      return l10n.t('rolled back');
    case 'timedOut':
      return l10n.t('timed out');
    case 'serviceDeleted':
      return l10n.t('service deleted');
    case 'unobserved':
      return l10n.t('not watched (no access)');
  }
}

/** `production` for `arn:aws:ecs:…:cluster/production`. */
export const clusterName: (cluster: string) => string = resourceName;

/** `web (production)`. */
function serviceAt(view: WatchView): string {
  return `${view.service} (${clusterName(view.cluster)})`;
}

export function isSuccess(view: WatchView): boolean {
  return view.state.phase === 'completed';
}

export function isFailure(view: WatchView): boolean {
  // Not watched for want of access says nothing about the deployment: it counts as "not watched".
  return view.state.terminal && view.state.phase !== 'completed' && view.state.phase !== 'unobserved';
}

/** `web → web:3 · 1/2`, `web → web:3 ✓`, `web: rolled back to web:2`. Without the icon. */
export function watchLabel(view: WatchView, now = Date.now()): string {
  const target = revisionLabel(view.taskDefinitionArn);
  const p = view.state.progress;
  switch (view.state.phase) {
    case 'inProgress':
      if (view.state.stage) return `${view.service} → ${target} · ${stageText(view.state.stage, now)}`;
      return p ? `${view.service} → ${target} · ${p.running}/${p.desired}` : `${view.service} → ${target}`;
    case 'completed':
      return l10n.t`${view.service} → ${target} · deployed`;
    case 'rolledBack':
      return view.state.serviceTaskDefinition
        ? l10n.t`${view.service}: rolled back to ${revisionLabel(view.state.serviceTaskDefinition)}`
        : l10n.t`${view.service} → ${target} · rolled back`;
    default:
      return `${view.service} → ${target} · ${phaseWord(view.state.phase)}`;
  }
}

/**
 * What a screen reader says for one deployment, in words rather than arrows and icons:
 * `Deployment of web to revision web:3, 1 of 2 tasks running`, `Deployment of web to revision web:3 rolled back to web:2`.
 */
export function watchAccessibleLabel(view: WatchView): string {
  const service = view.service;
  const revision = revisionLabel(view.taskDefinitionArn);
  const p = view.state.progress;
  let label: string;
  switch (view.state.phase) {
    case 'inProgress':
      label = view.state.stage
        ? l10n.t`Deployment of ${service} in cluster ${clusterName(view.cluster)} to revision ${revision}: ${stageDetail(view.state.stage, Date.now())}`
        : p
        ? l10n.t`Deployment of ${service} to revision ${revision}, ${p.running} of ${p.desired} tasks running`
        : l10n.t`Deployment of ${service} to revision ${revision}, in progress`;
      break;
    case 'rolledBack':
      label = view.state.serviceTaskDefinition
        ? l10n.t`Deployment of ${service} to revision ${revision} rolled back to ${revisionLabel(view.state.serviceTaskDefinition)}`
        : l10n.t`Deployment of ${service} to revision ${revision} rolled back`;
      break;
    case 'completed':
      label = l10n.t`Deployment of ${service} to revision ${revision} deployed`;
      break;
    case 'failed':
      label = l10n.t`Deployment of ${service} to revision ${revision} failed`;
      break;
    case 'timedOut':
      label = l10n.t`Deployment of ${service} to revision ${revision} timed out`;
      break;
    case 'serviceDeleted':
      label = l10n.t`Deployment of ${service} to revision ${revision} service deleted`;
      break;
    case 'unobserved':
      label = l10n.t`Deployment of ${service} to revision ${revision} no longer watched: no access`;
      break;
  }
  return view.stopped && !view.state.terminal ? l10n.t`${label}, no longer watched` : label;
}

export function watchIcon(view: WatchView): string {
  return view.stopped && !view.state.terminal ? '$(eye-closed)' : ICON[view.state.phase];
}

/**
 * The status-bar text for all deployments shown: the one deployment's label, or a summary such as
 * `$(sync~spin) 2 deploying · 1 deployed · 1 failed`.
 */
export function statusBarText(views: readonly WatchView[]): string {
  if (views.length === 0) return '';
  if (views.length === 1) return `${watchIcon(views[0])} ${watchLabel(views[0])}`;
  const running = views.filter((v) => !v.state.terminal && !v.stopped).length;
  const ok = views.filter(isSuccess).length;
  const bad = views.filter(isFailure).length;
  const icon = running ? ICON.inProgress : bad ? ICON.failed : ICON.completed;
  const parts: string[] = [];
  if (running) parts.push(l10n.t`${running} deploying`);
  if (ok) parts.push(l10n.t`${ok} deployed`);
  if (bad) parts.push(l10n.t`${bad} failed`);
  const stopped = views.length - running - ok - bad;
  if (stopped) parts.push(l10n.t`${stopped} not watched`);
  return `${icon} ${parts.join(' · ')}`;
}

/** The status bar's colour: 'error' when any deployment failed, 'warning' when one timed out. */
export function statusBarSeverity(views: readonly WatchView[]): 'error' | 'warning' | undefined {
  if (views.some((v) => v.state.terminal && v.state.phase !== 'completed' && v.state.phase !== 'timedOut' && v.state.phase !== 'unobserved')) return 'error';
  if (views.some((v) => v.state.phase === 'timedOut' || v.state.phase === 'unobserved')) return 'warning';
  return undefined;
}

/** One line per deployment, for the tooltip and the details list. */
export function watchDetail(view: WatchView): string {
  const lines = [`${phaseWord(view.state.phase)}: ${serviceAt(view)} → ${revisionLabel(view.taskDefinitionArn)}`];
  if (view.state.reason) lines.push(view.state.reason);
  if (view.state.warning && !view.state.terminal) lines.push(view.state.warning);
  if (view.stopped && !view.state.terminal) lines.push(l10n.t('Not watched any more; the deployment continues.'));
  return lines.join('\n');
}

/** A message for the end of a deployment (notification). */
export function outcomeMessage(view: WatchView): string {
  const target = revisionLabel(view.taskDefinitionArn);
  const service = serviceAt(view);
  // The reason is a sentence of its own (from the tracker), put after the outcome.
  const reason = view.state.reason;
  const withReason = (sentence: string) => (reason ? l10n.t`${sentence} ${reason}` : sentence);
  switch (view.state.phase) {
    case 'completed':
      return l10n.t`Deployed ${target} to ${service}: all tasks run the new revision.`;
    case 'rolledBack':
      return withReason(l10n.t`Deployment of ${target} to ${service} failed and was rolled back.`);
    case 'failed':
      return withReason(l10n.t`Deployment of ${target} to ${service} failed.`);
    case 'timedOut':
      return withReason(l10n.t`Deployment of ${target} to ${service} timed out.`);
    case 'serviceDeleted':
      return l10n.t`Service ${service} was deleted during the deployment of ${target}.`;
    case 'unobserved':
      return withReason(l10n.t`Cannot follow the deployment of ${target} to ${service}.`);
    default:
      return l10n.t`Deploying ${target} to ${service}.`;
  }
}

export interface DeploySummaryInput {
  readonly service: string;
  readonly cluster: string;
  readonly from?: string;
  readonly to: string;
  readonly imageChanges: readonly ImageChange[];
  /** Other changed fields between the revisions (`containerDefinitions[web].portMappings`, `cpu`, ...). */
  readonly otherChanges?: readonly string[];
  readonly desiredCountFrom?: number;
  readonly desiredCountTo?: number;
  readonly forceNewDeployment?: boolean;
}

/** The confirmation summary: revision from → to, image changes, desired count. */
export function deploySummary(input: DeploySummaryInput): string {
  const none = l10n.t('(none)');
  const lines = [l10n.t`Service ${input.service} in ${input.cluster}`];
  lines.push(l10n.t`Revision: ${input.from ? revisionLabel(input.from) : none} → ${revisionLabel(input.to)}`);
  if (input.imageChanges.length === 0) lines.push(l10n.t('Images: unchanged'));
  for (const c of input.imageChanges) {
    lines.push(l10n.t`Image ${c.container}: ${c.from ? shortImageLabel(c.from) : none} → ${c.to ? shortImageLabel(c.to) : l10n.t('(removed)')}`);
  }
  const others = (input.otherChanges ?? []).filter((p) => !/\.image$/.test(p));
  if (others.length) {
    lines.push(others.length > 8
      ? l10n.t`Other changes: ${others.slice(0, 8).join(', ')}, … (${others.length})`
      : l10n.t`Other changes: ${others.join(', ')}`);
  }
  if (input.desiredCountTo !== undefined && input.desiredCountTo !== input.desiredCountFrom) {
    lines.push(l10n.t`Desired count: ${input.desiredCountFrom ?? '?'} → ${input.desiredCountTo}`);
  } else if (input.desiredCountFrom !== undefined) {
    lines.push(l10n.t`Desired count: ${input.desiredCountFrom}`);
  }
  if (input.forceNewDeployment) lines.push(l10n.t('Forces a new deployment (tasks are replaced even if nothing changed).'));
  return lines.join('\n');
}
