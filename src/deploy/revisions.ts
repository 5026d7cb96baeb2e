import * as l10n from '@vscode/l10n';
import { parseRevision, sameRevision, type RevisionId } from '../domain/arn';
// Task-definition revisions: naming, choosing which old ones to deregister, and which one a service
// ran before (for rollback). Pure.

export interface DeregisterPlan {
  /** Revisions to deregister, oldest first. */
  readonly deregister: string[];
  /** Revisions kept because they are among the newest `keep`. */
  readonly keptNewest: string[];
  /** Older revisions kept because a service (or a running deployment) still uses them. */
  readonly keptInUse: string[];
}

/**
 * Chooses ACTIVE revisions of one family to deregister: keeps the newest `keep` and any revision that
 * is in use (a service's task definition or any of its deployments). `activeRevisions` are ARNs or
 * `family:n`; order does not matter.
 */
export function selectRevisionsToDeregister(
  activeRevisions: readonly string[],
  inUse: readonly string[],
  keep: number,
): DeregisterPlan {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(l10n.t('Keep at least one revision.'));
  const parsed = activeRevisions
    .map((ref) => ({ ref, id: parseRevision(ref) }))
    .filter((r): r is { ref: string; id: RevisionId } => !!r.id)
    .sort((a, b) => b.id.revision - a.id.revision);
  const keptNewest = parsed.slice(0, keep).map((r) => r.ref);
  const keptInUse: string[] = [];
  const deregister: string[] = [];
  for (const r of parsed.slice(keep)) {
    if (inUse.some((u) => sameRevision(u, r.ref))) keptInUse.push(r.ref);
    else deregister.push(r.ref);
  }
  return { deregister: deregister.reverse(), keptNewest, keptInUse: keptInUse.reverse() };
}

/** One entry of a service's deployment history: which revision it deployed and when. */
export interface HistoryEntry {
  readonly taskDefinition: string;
  readonly createdAt: number;
  /** For service deployments: SUCCESSFUL, ROLLBACK_SUCCESSFUL, STOPPED, ...; for deployments[]: PRIMARY/ACTIVE/INACTIVE. */
  readonly status?: string;
}

// A deployment in these states never finished on its target revision (a rolled-back deployment's target
// is the revision that failed), so its target is no rollback candidate.
const NOT_COMPLETED_STATUSES = new Set([
  'STOPPED', 'STOP_REQUESTED', 'PENDING', 'FAILED',
  'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED',
]);

/**
 * The revision the service ran before its current one, from its deployment history (not "revision − 1":
 * the previous deployment may have been another family or a much older revision). Skips entries that
 * deployed the current revision and deployments that never completed (stopped or failed ones).
 * Returns undefined when the history has no earlier revision.
 */
export function previousRevision(current: string, history: readonly HistoryEntry[]): string | undefined {
  const newestFirst = [...history].sort((a, b) => b.createdAt - a.createdAt);
  for (const entry of newestFirst) {
    if (sameRevision(entry.taskDefinition, current)) continue;
    if (entry.status && NOT_COMPLETED_STATUSES.has(entry.status)) continue;
    return entry.taskDefinition;
  }
  return undefined;
}
