// Show Deployments as a document a person reads: one section per deployment with service and cluster,
// region, from → to revision, strategy, phase or stage, task counts, when it started (local time), how
// long it ran, the events seen, and how it ended with ECS's reason. Pure (no vscode): the watches view
// renders it from what it followed, the explorer from a deployment row.
import * as l10n from '@vscode/l10n';
import { revisionLabel } from '../domain/arn';
import { clusterName, phaseWord, watchLabel, type WatchView } from './presentation';
import { describeProgress, formatDuration } from './rolloutText';
import { stageDetail } from './serviceDeploymentProgress';

/** One deployment as the document shows it; absent fields were not observed and are not shown. */
export interface DeploymentRecord {
  /** The section heading: `web (production) → web:3 · deployed`. */
  readonly heading: string;
  readonly service: string;
  readonly cluster: string;
  readonly region?: string;
  readonly from?: string;
  readonly to?: string;
  readonly strategy?: string;
  /** The phase in words, with the stage of a staged deployment still running. */
  readonly phase: string;
  readonly tasks?: string;
  readonly startedAt?: number;
  /** When it ended; undefined while it runs (the duration is then the time so far). */
  readonly endedAt?: number;
  readonly running: boolean;
  /** How it ended, in words, and ECS's reason (or what is happening for one still running). */
  readonly outcome?: string;
  readonly reason?: string;
  /** Events seen while following, oldest first; undefined when this view did not read any. */
  readonly events?: readonly { readonly at: number; readonly message: string }[];
  /** Whether the workbench follows it now, stopped following, or it was not followed. */
  readonly watching: 'following' | 'notWatched' | 'ended' | 'notFollowed';
}

/** What a followed deployment adds to its status-bar view. */
export interface FollowedView extends WatchView {
  readonly started: {
    readonly region?: string;
    readonly previousTaskDefinitionArn?: string;
    readonly strategy?: string;
    readonly startedAt: number;
  };
}

/** The record of a followed deployment, from what the tracker observed. */
export function recordOfWatch(view: FollowedView, region: string, withCluster: boolean, now: number): DeploymentRecord {
  const s = view.state;
  const stage = !s.terminal && s.stage ? stageDetail(s.stage, now) : undefined;
  return {
    heading: watchLabel(view, now, withCluster),
    service: view.service,
    cluster: clusterName(view.cluster),
    region: view.started.region ?? region,
    from: view.started.previousTaskDefinitionArn,
    to: view.taskDefinitionArn,
    strategy: view.started.strategy ?? 'ROLLING',
    phase: stage ? `${phaseWord(s.phase)}: ${stage}` : phaseWord(s.phase),
    tasks: s.progress ? describeProgress(s.progress) : undefined,
    startedAt: view.started.startedAt,
    endedAt: s.terminal ? s.at : undefined,
    running: !s.terminal,
    outcome: s.terminal ? endWords(view) : undefined,
    reason: s.terminal ? s.reason : runningNews(s) ?? s.warning,
    events: s.events,
    watching: s.terminal ? 'ended' : view.stopped ? 'notWatched' : 'following',
  };
}

/** What the tracker says of one still running, unless it only repeats the stage or the task counts shown above. */
function runningNews(s: FollowedView['state']): string | undefined {
  if (!s.reason) return undefined;
  if (s.stage && s.reason === stageDetail(s.stage, s.at)) return undefined;
  if (s.progress && s.reason === describeProgress(s.progress)) return undefined;
  return s.reason;
}

/** `deployed`, `rolled back to web:2`, `stopped`, `superseded by web:4`. */
function endWords(view: WatchView): string {
  const other = view.state.serviceTaskDefinition ? revisionLabel(view.state.serviceTaskDefinition) : undefined;
  if (view.state.phase === 'rolledBack' && other) return l10n.t`rolled back to ${other}`;
  if (view.state.phase === 'superseded' && other) return l10n.t`superseded by ${other}`;
  return phaseWord(view.state.phase);
}

/** A table cell: one line, no pipe that would end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The document: a heading, when it was rendered, and one section per deployment. */
export function deploymentsDocument(records: readonly DeploymentRecord[], now: number, formatTime: (ms: number) => string, title = l10n.t('Deployments')): string {
  const out = [`# ${title}`, ''];
  const following = records.some((r) => r.watching === 'following');
  out.push(following
    ? l10n.t`Updated ${formatTime(now)} (local time). The deployments still running are followed: this document updates as they go on.`
    : l10n.t`Updated ${formatTime(now)} (local time).`);
  out.push('');
  if (records.length === 0) out.push(l10n.t('No deployments are being followed.'), '');
  // Newest first, as the deployment history lists them.
  const newestFirst = [...records].sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  for (const r of newestFirst) out.push(...section(r, now, formatTime));
  return out.join('\n');
}

function section(r: DeploymentRecord, now: number, formatTime: (ms: number) => string): string[] {
  const rows: [string, string | undefined][] = [
    [l10n.t('Service'), r.service],
    [l10n.t('Cluster'), r.cluster],
    [l10n.t('Region'), r.region],
    [l10n.t('Revision'), r.to ? `${r.from ? revisionLabel(r.from) : l10n.t('(not known)')} → ${revisionLabel(r.to)}` : undefined],
    [l10n.t('Strategy'), r.strategy],
    [l10n.t('Phase'), r.phase],
    [l10n.t('Tasks'), r.tasks],
    [l10n.t('Started'), r.startedAt !== undefined ? formatTime(r.startedAt) : undefined],
    [l10n.t('Duration'), durationText(r, now)],
    [l10n.t('Outcome'), r.outcome ?? (r.running ? l10n.t('not ended yet') : undefined)],
    [r.running ? l10n.t('Now') : l10n.t('Reason'), r.reason],
    [l10n.t('Watching'), watchingText(r.watching)],
  ];
  const shown = rows.filter((row): row is [string, string] => !!row[1]);
  // The names padded to one width, so that the table reads as two columns in the editor too.
  const width = Math.max(...shown.map(([name]) => name.length));
  const out = [`## ${r.heading}`, '', `| ${''.padEnd(width)} |  |`, `| ${'-'.repeat(width)} | --- |`];
  for (const [name, value] of shown) out.push(`| ${name.padEnd(width)} | ${cell(value)} |`);
  out.push('');
  if (r.events) {
    out.push(`### ${l10n.t`Events seen (${r.events.length})`}`, '');
    if (r.events.length === 0) out.push(l10n.t('No service events since the deployment started.'));
    for (const e of r.events) out.push(`- ${formatTime(e.at)}: ${e.message.replace(/\r?\n/g, ' ')}`);
    out.push('');
  }
  return out;
}

function durationText(r: DeploymentRecord, now: number): string | undefined {
  if (r.startedAt === undefined) return undefined;
  if (r.endedAt !== undefined) return formatDuration(Math.max(0, r.endedAt - r.startedAt));
  return r.running ? l10n.t`${formatDuration(Math.max(0, now - r.startedAt))} so far` : undefined;
}

function watchingText(w: DeploymentRecord['watching']): string {
  switch (w) {
    case 'following': return l10n.t('followed: this document updates');
    case 'notWatched': return l10n.t('not watched any more; the deployment goes on in ECS');
    case 'ended': return l10n.t('ended');
    case 'notFollowed': return l10n.t('not followed by the workbench: as ECS reported it when the row was loaded');
  }
}
