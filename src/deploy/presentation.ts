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
  stopped: '$(circle-slash)',
  superseded: '$(arrow-swap)',
  rolledBack: '$(history)',
  timedOut: '$(watch)',
  serviceDeleted: '$(trash)',
  unobserved: '$(eye-closed)',
};

/** One word or two for a phase, in the display language (looked up on each call, after activation). */
export function phaseWord(phase: RolloutPhase): string {
  switch (phase) {
    case 'inProgress':
      return l10n.t('deploying');
    case 'completed':
      return l10n.t('deployed');
    case 'failed':
      return l10n.t('failed');
    case 'stopped':
      return l10n.t('stopped');
    case 'superseded':
      return l10n.t('superseded');
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

/**
 * `web → web:3 · 1/2`, `web → web:3 · deployed`, `web: rolled back to web:2`. Without the icon.
 * `withCluster` names the cluster after the service (`web (staging) → web:5 · 1/2`): for entries whose
 * service name another followed cluster has too. Only what was observed: a deployment no longer
 * watched says so instead of the last task counts seen.
 */
export function watchLabel(view: WatchView, now = Date.now(), withCluster = false): string {
  const target = revisionLabel(view.taskDefinitionArn);
  const service = withCluster ? serviceAt(view) : view.service;
  const p = view.state.progress;
  if (view.stopped && !view.state.terminal) return l10n.t`${service} → ${target} · not watched`;
  switch (view.state.phase) {
    case 'inProgress':
      if (view.state.stage) return `${service} → ${target} · ${stageText(view.state.stage, now)}`;
      if (!p) return `${service} → ${target}`;
      // The new tasks all run while old ones still drain: say so, or "3/3" looks stuck.
      return p.draining > 0 && p.running >= p.desired
        ? l10n.t`${service} → ${target} · ${p.running}/${p.desired} · draining ${p.draining} old`
        : `${service} → ${target} · ${p.running}/${p.desired}`;
    case 'completed':
      return l10n.t`${service} → ${target} · deployed`;
    case 'rolledBack':
      return view.state.serviceTaskDefinition
        ? l10n.t`${service}: rolled back to ${revisionLabel(view.state.serviceTaskDefinition)}`
        : l10n.t`${service} → ${target} · rolled back`;
    default:
      return `${service} → ${target} · ${phaseWord(view.state.phase)}`;
  }
}

/** Keys of the entries whose service name is followed in more than one cluster (or region). */
function ambiguous(views: readonly WatchView[]): Set<string> {
  const clustersOf = new Map<string, Set<string>>();
  for (const v of views) {
    const set = clustersOf.get(v.service) ?? new Set<string>();
    set.add(clusterName(v.cluster));
    clustersOf.set(v.service, set);
  }
  return new Set([...clustersOf].filter(([, clusters]) => clusters.size > 1).map(([service]) => service));
}

/** One status-bar entry per followed service. */
export interface StatusBarEntry {
  readonly view: WatchView;
  /** Icon and label: `$(sync~spin) web (staging) → web:5 · 1/2`. */
  readonly text: string;
  /** The label without the icon, as the details list and the extension API show it. */
  readonly label: string;
  readonly severity: 'error' | 'warning' | undefined;
}

/**
 * The status-bar entries, one per followed service, in the order given. The cluster is named when
 * another entry follows a service of the same name in another cluster (both demo clusters have `web`).
 */
export function statusBarEntries(views: readonly WatchView[], now = Date.now()): StatusBarEntry[] {
  const named = ambiguous(views);
  return views.map((view) => {
    const label = watchLabel(view, now, named.has(view.service));
    return { view, label, text: `${watchIcon(view)} ${label}`, severity: statusBarSeverity([view]) };
  });
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
    case 'stopped':
      label = l10n.t`Deployment of ${service} to revision ${revision} stopped`;
      break;
    case 'superseded':
      label = l10n.t`Deployment of ${service} to revision ${revision} superseded by a newer deployment`;
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

/** The texts of all entries, for tests and the extension API: `$(pass-filled) web (production) → web:3 · deployed  $(history) web (staging): rolled back to web:3`. */
export function statusBarText(views: readonly WatchView[], now = Date.now()): string {
  return statusBarEntries(views, now).map((e) => e.text).join('  ');
}

/** Ends that are not failures: nothing to colour red (stopped by someone, replaced by a newer deployment). */
export function isQuietEnd(phase: RolloutPhase): boolean {
  return phase === 'completed' || phase === 'stopped' || phase === 'superseded';
}

/** The status bar's colour: 'error' when any deployment failed, 'warning' when one timed out. */
export function statusBarSeverity(views: readonly WatchView[]): 'error' | 'warning' | undefined {
  if (views.some((v) => v.state.terminal && !isQuietEnd(v.state.phase) && v.state.phase !== 'timedOut' && v.state.phase !== 'unobserved')) return 'error';
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
    case 'stopped':
      return withReason(l10n.t`Deployment of ${target} to ${service} was stopped.`);
    case 'superseded':
      return withReason(l10n.t`Deployment of ${target} to ${service} was replaced by a newer deployment.`);
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

/**
 * A confirmation's detail with its warnings first, each marked ⚠, and a blank line before the rest
 * (the deploy and release confirmations: a revision that does not fit the service is said on top).
 */
export function withWarnings(warnings: readonly string[], detail: string): string {
  return warnings.length ? [...warnings.map((w) => `⚠ ${w}`), '', detail].join('\n') : detail;
}
