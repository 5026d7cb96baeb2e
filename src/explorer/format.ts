// Formatting of explorer labels and summaries. Pure.
import * as l10n from '@vscode/l10n';
import type { Cluster, Container, ContainerInstance, Deployment, Service, Task } from '@aws-sdk/client-ecs';
import type { ImageDetail } from '@aws-sdk/client-ecr';
import { resourceName } from '../domain/arn';
import { isRollbackDeployment, lastDeploymentEnd, type LastDeploymentEnd, type RolloutState } from '../domain/deploymentState';
import { shortImageLabel } from '../domain/imageRef';

export function relativeTime(date: Date | string | number | undefined, now: number = Date.now()): string {
  if (date === undefined) return '';
  const t = new Date(date).getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.round((now - t) / 1000);
  const future = s < 0;
  const abs = Math.abs(s);
  if (abs < 45) return l10n.t('just now');
  let text: string;
  if (abs < 90) text = l10n.t('1 min');
  else if (abs < 45 * 60) text = l10n.t`${Math.round(abs / 60)} min`;
  else if (abs < 90 * 60) text = l10n.t('1 hour');
  else if (abs < 22 * 3600) text = l10n.t`${Math.round(abs / 3600)} hours`;
  else if (abs < 36 * 3600) text = l10n.t('1 day');
  else if (abs < 26 * 86400) text = l10n.t`${Math.round(abs / 86400)} days`;
  else if (abs < 45 * 86400) text = l10n.t('1 month');
  else if (abs < 320 * 86400) text = l10n.t`${Math.round(abs / (30 * 86400))} months`;
  else if (abs < 548 * 86400) text = l10n.t('1 year');
  else text = l10n.t`${Math.round(abs / (365 * 86400))} years`;
  return future ? l10n.t`in ${text}` : l10n.t`${text} ago`;
}

/**
 * A timestamp for a tooltip: in the user's time zone, with the zone named ("Dec 6, 2026, 3:04:05 PM
 * GMT+1"), not raw UTC. `timeZone` and `locale` are for tests; the defaults are the machine's.
 */
export function localTime(date: Date | string | number | undefined, options: { locale?: string; timeZone?: string } = {}): string {
  if (date === undefined) return '';
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(options.locale, { dateStyle: 'medium', timeStyle: 'long', timeZone: options.timeZone });
}

/** A start time in a row: the user's time zone, short (`Dec 6, 2026, 10:01 AM`). */
export function shortLocalTime(date: Date | string | number | undefined, options: { locale?: string; timeZone?: string } = {}): string {
  if (date === undefined) return '';
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(options.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone });
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** `sha256:0123456789abcdef…` → `sha256:01234567` (as `docker images` shows 12 hex; 8 is enough to tell apart). */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '';
  const [algo, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  return `${algo ? `${algo}:` : ''}${hex.slice(0, 12)}`;
}

export function clusterState(c: Cluster): string {
  switch (c.status) {
    case 'ACTIVE':
      return 'active';
    case 'PROVISIONING':
      return 'provisioning';
    case 'INACTIVE':
    case 'DEPROVISIONING':
      return 'inactive';
    case 'FAILED':
      return 'failed';
    default:
      return 'other';
  }
}

/** `3 running`, or `3 running · 1 pending` while tasks are pending (the Tasks groups' description). */
export function taskCounts(running: number | undefined, pending: number | undefined): string {
  return pending ? l10n.t`${running ?? 0} running · ${pending} pending` : l10n.t`${running ?? 0} running`;
}

export function clusterSummary(c: Cluster): string {
  const services = c.activeServicesCount ?? 0;
  const instances = c.registeredContainerInstancesCount;
  const parts = [
    services === 1 ? l10n.t('1 service') : l10n.t`${services} services`,
    l10n.t`${c.runningTasksCount ?? 0} running`,
  ];
  if (c.pendingTasksCount) parts.push(l10n.t`${c.pendingTasksCount} pending`);
  if (instances) parts.push(instances === 1 ? l10n.t('1 instance') : l10n.t`${instances} instances`);
  if (c.status && c.status !== 'ACTIVE') parts.push(c.status);
  return parts.join(' · ');
}

export function primaryDeployment(s: Service): Deployment | undefined {
  return s.deployments?.find((d) => d.status === 'PRIMARY') ?? s.deployments?.[0];
}

/** steady | deploying | scaling | failed | rolledback | draining | inactive (see resources.ts). */
export function serviceState(s: Service): string {
  if (s.status === 'DRAINING') return 'draining';
  if (s.status === 'INACTIVE') return 'inactive';
  const primary = primaryDeployment(s);
  if (isRollbackDeployment(primary)) return 'rolledback';
  if (primary?.rolloutState === 'FAILED') return 'failed';
  if (primary?.rolloutState === 'IN_PROGRESS') return 'deploying';
  if ((s.deployments?.length ?? 0) > 1) return 'deploying';
  if (primary && (primary.runningCount ?? 0) !== (primary.desiredCount ?? 0)) {
    // A completed rollout whose task count moves (a new desired count, a replaced task) is scaling;
    // without a rollout state (older or EXTERNAL services) a count that moves is all we know.
    return primary.rolloutState ? 'scaling' : 'deploying';
  }
  // Settled, but on a rollback (or after a failure) that the events still tell: not a green check.
  const end = lastDeploymentEnd(s);
  if (end) return end.end === 'rolledBack' ? 'rolledback' : 'failed';
  return 'steady';
}

/** A service state (see serviceState) as the rollout state it stands for (its icon). */
export function serviceRolloutState(state: string): RolloutState {
  switch (state) {
    case 'deploying': return 'inProgress';
    case 'scaling': return 'scaling';
    case 'failed': return 'failed';
    case 'rolledback': return 'rolledBack';
    case 'draining':
    case 'inactive': return 'stopped';
    default: return 'succeeded';
  }
}

/** The words for a service state (see serviceState), in the display language. */
export function serviceStateText(state: string): string {
  switch (state) {
    case 'steady':
      return l10n.t('steady');
    case 'deploying':
      return l10n.t('deploying');
    case 'scaling':
      return l10n.t('scaling');
    case 'failed':
      return l10n.t('deployment failed');
    case 'rolledback':
      return l10n.t('rolled back');
    case 'draining':
      return l10n.t('draining');
    case 'inactive':
      return l10n.t('inactive');
    default:
      return state;
  }
}

export function serviceSummary(s: Service, now: number = Date.now()): string {
  const parts = [l10n.t`${s.runningCount ?? 0}/${s.desiredCount ?? 0} running`];
  const rev = resourceName(s.taskDefinition ?? primaryDeployment(s)?.taskDefinition);
  if (rev) parts.push(rev);
  if (s.pendingCount) parts.push(l10n.t`${s.pendingCount} pending`);
  const state = serviceState(s);
  const end = state === 'rolledback' || state === 'failed' ? lastDeploymentEnd(s) : undefined;
  if (end) parts.push(lastEndText(end, now));
  else if (state !== 'steady') parts.push(serviceStateText(state));
  return parts.join(' · ');
}

/** `rolled back 5 min ago`, `deployment failed 2 hours ago`. */
export function lastEndText(end: LastDeploymentEnd, now: number = Date.now()): string {
  const when = relativeTime(end.at, now);
  return end.end === 'rolledBack' ? l10n.t`rolled back ${when}` : l10n.t`deployment failed ${when}`;
}

export function deploymentState(d: Deployment): string {
  if (d.status === 'PRIMARY') return 'primary';
  if (d.status === 'ACTIVE') return 'active';
  return 'inactive';
}

export function deploymentSummary(d: Deployment): string {
  const parts = [l10n.t`${d.runningCount ?? 0}/${d.desiredCount ?? 0} running`];
  if (d.pendingCount) parts.push(l10n.t`${d.pendingCount} pending`);
  if (d.failedTasks) parts.push(l10n.t`${d.failedTasks} failed`);
  if (d.rolloutState) parts.push(d.rolloutState);
  const when = relativeTime(d.updatedAt ?? d.createdAt);
  if (when) parts.push(when);
  return parts.join(' · ');
}

export function taskState(t: Task): string {
  switch (t.lastStatus) {
    case 'RUNNING':
      return t.desiredStatus === 'STOPPED' ? 'stopping' : 'running';
    case 'STOPPED':
    case 'DELETED':
      return 'stopped';
    case 'DEACTIVATING':
    case 'STOPPING':
    case 'DEPROVISIONING':
      return 'stopping';
    default:
      return 'pending';
  }
}

export function taskSummary(t: Task, now: number = Date.now()): string {
  const parts = [t.lastStatus ?? 'UNKNOWN'];
  if (t.healthStatus && t.healthStatus !== 'UNKNOWN') parts.push(t.healthStatus);
  const rev = resourceName(t.taskDefinitionArn);
  if (rev) parts.push(rev);
  if (t.lastStatus === 'STOPPED') {
    if (t.stoppedReason) parts.push(t.stoppedReason);
    const when = relativeTime(t.stoppedAt ?? t.executionStoppedAt, now);
    if (when) parts.push(l10n.t`stopped ${when}`);
  } else {
    const when = relativeTime(t.startedAt ?? t.createdAt, now);
    if (when) parts.push(t.startedAt ? l10n.t`started ${when}` : l10n.t`created ${when}`);
  }
  if (t.launchType) parts.push(t.launchType);
  return parts.join(' · ');
}

/** The service that started the task (its group is `service:web`), or undefined for a standalone task. */
export function taskService(t: Task): string | undefined {
  return t.group?.startsWith('service:') ? t.group.slice('service:'.length) : undefined;
}

/** Who started the task: its service's name, else "standalone". */
export function taskOrigin(t: Task): string {
  return taskService(t) ?? l10n.t('standalone');
}

export function containerState(c: Container): string {
  if (c.lastStatus === 'RUNNING') return 'running';
  if (c.lastStatus === 'STOPPED') return 'stopped';
  return 'pending';
}

export function containerSummary(c: Container): string {
  const parts: string[] = [];
  if (c.image) parts.push(c.image);
  parts.push(c.lastStatus ?? 'UNKNOWN');
  if (c.healthStatus && c.healthStatus !== 'UNKNOWN') parts.push(c.healthStatus);
  if (c.exitCode !== undefined && c.exitCode !== null) parts.push(l10n.t`exit ${c.exitCode}`);
  if (c.reason) parts.push(c.reason);
  return parts.join(' · ');
}

export function containerInstanceState(ci: ContainerInstance): string {
  switch (ci.status) {
    case 'ACTIVE':
      return 'active';
    case 'DRAINING':
      return 'draining';
    case 'INACTIVE':
    case 'DEREGISTERING':
      return 'inactive';
    default:
      return 'other';
  }
}

export function containerInstanceSummary(ci: ContainerInstance): string {
  const parts = [ci.status ?? 'UNKNOWN', l10n.t`${ci.runningTasksCount ?? 0} running`];
  if (ci.pendingTasksCount) parts.push(l10n.t`${ci.pendingTasksCount} pending`);
  parts.push(ci.agentConnected === false ? l10n.t('agent disconnected') : l10n.t('agent connected'));
  return parts.join(' · ');
}

/** An INTEGER resource (CPU units, MEMORY MiB) of a container instance's registered or remaining list. */
function resourceAmount(list: ContainerInstance['registeredResources'], name: 'CPU' | 'MEMORY'): number | undefined {
  const r = list?.find((x) => x.name === name);
  return r?.integerValue ?? r?.longValue ?? undefined;
}

/** The agent and Docker versions as ECS reports them (`DockerVersion: 25.0.8` → `25.0.8`). */
export function containerInstanceVersions(ci: ContainerInstance): { agent?: string; docker?: string } {
  const docker = ci.versionInfo?.dockerVersion?.replace(/^DockerVersion:\s*/i, '').trim();
  return { agent: ci.versionInfo?.agentVersion || undefined, docker: docker || undefined };
}

/** Remaining against registered, for CPU (units) and memory (MiB); undefined where ECS gave neither. */
export function containerInstanceCapacity(ci: ContainerInstance): { cpu?: { registered: number; remaining?: number }; memory?: { registered: number; remaining?: number } } {
  const pair = (name: 'CPU' | 'MEMORY') => {
    const registered = resourceAmount(ci.registeredResources, name);
    return registered === undefined ? undefined : { registered, remaining: resourceAmount(ci.remainingResources, name) };
  };
  return { cpu: pair('CPU'), memory: pair('MEMORY') };
}

/** The detail rows of a container instance: agent, Docker, CPU and memory (label, text). */
export function containerInstanceDetails(ci: ContainerInstance): Array<{ key: string; label: string; text: string }> {
  const v = containerInstanceVersions(ci);
  const c = containerInstanceCapacity(ci);
  const agentState = ci.agentConnected === false ? l10n.t('disconnected') : l10n.t('connected');
  const capacity = (x: { registered: number; remaining?: number } | undefined, unit: string): string =>
    !x ? l10n.t('not reported')
      : x.remaining === undefined ? l10n.t`${x.registered} ${unit} registered`
        : l10n.t`${x.remaining} of ${x.registered} ${unit} remaining (${x.registered - x.remaining} reserved)`;
  return [
    { key: 'agent', label: l10n.t('ECS agent'), text: `${v.agent ?? l10n.t('version not reported')} · ${agentState}` },
    { key: 'docker', label: l10n.t('Docker'), text: v.docker ?? l10n.t('version not reported') },
    { key: 'cpu', label: l10n.t('CPU'), text: capacity(c.cpu, l10n.t('units')) },
    { key: 'memory', label: l10n.t('Memory'), text: capacity(c.memory, 'MiB') },
  ];
}

export function imageScanText(i: ImageDetail): string {
  const status = i.imageScanStatus?.status;
  if (!status) return '';
  const counts = i.imageScanFindingsSummary?.findingSeverityCounts;
  const findings = counts
    ? Object.entries(counts)
        .filter(([, n]) => (n ?? 0) > 0)
        .map(([sev, n]) => `${n} ${sev.toLowerCase()}`)
        .join(', ')
    : '';
  return findings ? l10n.t`scan ${status.toLowerCase()} (${findings})` : l10n.t`scan ${status.toLowerCase()}`;
}

export function imageLabel(i: ImageDetail): string {
  return i.imageTags && i.imageTags.length > 0 ? i.imageTags.join(', ') : shortDigest(i.imageDigest);
}

export function imageSummary(i: ImageDetail, now: number = Date.now()): string {
  const parts: string[] = [];
  if (i.imageTags && i.imageTags.length > 0) parts.push(shortDigest(i.imageDigest));
  const when = relativeTime(i.imagePushedAt, now);
  if (when) parts.push(l10n.t`pushed ${when}`);
  const size = formatBytes(i.imageSizeInBytes);
  if (size) parts.push(size);
  const scan = imageScanText(i);
  if (scan) parts.push(scan);
  return parts.join(' · ');
}

/** Newest first; images without a push time last, then by digest for a stable order. */
export function sortImagesNewestFirst(images: readonly ImageDetail[]): ImageDetail[] {
  return [...images].sort((a, b) => {
    const ta = a.imagePushedAt ? new Date(a.imagePushedAt).getTime() : -Infinity;
    const tb = b.imagePushedAt ? new Date(b.imagePushedAt).getTime() : -Infinity;
    if (ta !== tb) return tb - ta;
    return (a.imageDigest ?? '').localeCompare(b.imageDigest ?? '');
  });
}

/** Tagged images newest first, and the untagged ones apart (also newest first). */
export function groupImages(images: readonly ImageDetail[]): { tagged: ImageDetail[]; untagged: ImageDetail[] } {
  const sorted = sortImagesNewestFirst(images);
  return {
    tagged: sorted.filter((i) => (i.imageTags?.length ?? 0) > 0),
    untagged: sorted.filter((i) => (i.imageTags?.length ?? 0) === 0),
  };
}

/** A task-definition revision as the tree and the pickers show it. */
export interface RevisionFacts {
  readonly arn: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly images?: readonly string[];
  readonly registeredAt?: Date | string | number;
}

/** Date and minute in the user's time zone ("Dec 3, 2026, 10:15 AM"). */
export function localDate(date: Date | string | number | undefined, options: { locale?: string; timeZone?: string } = {}): string {
  if (date === undefined) return '';
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(options.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone });
}

/** The images, shortened (`my-app:v1.5.2`), the first two and how many more: `my-app:v1.5.2, envoy:v1.29 +1`. */
export function shortImages(images: readonly string[] | undefined): string {
  if (!images?.length) return '';
  const shown = [...new Set(images.map(shortImageLabel))];
  return shown.length > 2 ? `${shown.slice(0, 2).join(', ')} +${shown.length - 2}` : shown.join(', ');
}

/** `my-app:v1.5.2 · Dec 3, 2026, 10:15 AM`, with `INACTIVE · ` first for a deregistered revision. */
export function revisionSummary(r: RevisionFacts, options: { locale?: string; timeZone?: string } = {}): string {
  return [r.status === 'INACTIVE' ? l10n.t('INACTIVE') : '', shortImages(r.images), localDate(r.registeredAt, options)].filter(Boolean).join(' · ') || r.status;
}

export function revisionTooltip(r: RevisionFacts, options: { locale?: string; timeZone?: string } = {}): string {
  return [
    r.arn,
    r.status === 'INACTIVE' ? l10n.t('Deregistered (INACTIVE)') : '',
    ...(r.images ?? []).map((i) => l10n.t`Image: ${i}`),
    r.registeredAt !== undefined ? l10n.t`Registered ${localTime(r.registeredAt, options)}` : '',
    l10n.t('Click to open it as registrable JSON (read-only).'),
  ].filter(Boolean).join('\n');
}
