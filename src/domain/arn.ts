// Amazon Resource Names: one parser for every ARN the extension reads (clusters, services, tasks,
// container instances, task definitions, repositories, service deployments). Pure.
//   arn:partition:service:region:account:resource
// where ECS resources are `type/name`, `type/cluster/name` (new-style service and task ARNs) or
// `task-definition/family:revision`.

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth ':' (`service/prod/web`, `task-definition/web:3`). */
  readonly resource: string;
}

/** Splits an ARN, or undefined when the text is not one. */
export function parseArn(text: string | undefined): Arn | undefined {
  if (!text?.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6 || !parts[1] || !parts[2]) return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/** The 12-digit account of an ARN, or undefined. */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = parseArn(arn)?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * The name an ARN ends with, or the text itself when it is already a name: `arn:…:cluster/prod` →
 * `prod`, `arn:…:service/prod/web` → `web`, `arn:…:task/prod/abc` → `abc`,
 * `arn:…:task-definition/web:5` → `web:5`. Names given instead of ARNs are returned unchanged; '' for none.
 */
export function resourceName(arnOrName: string | undefined): string {
  if (!arnOrName) return '';
  const arn = parseArn(arnOrName);
  const resource = arn ? arn.resource : arnOrName;
  const slash = resource.lastIndexOf('/');
  if (slash >= 0) return resource.slice(slash + 1);
  // `arn:aws:ecs:r:a:cluster:name` (a ':' separated resource type) ends after its last ':'.
  return arn ? resource.slice(resource.lastIndexOf(':') + 1) : resource;
}

/** A task-definition revision: `family` and `revision`. */
export interface RevisionId {
  readonly family: string;
  readonly revision: number;
}

/** ECS family names: 1-255 letters, digits, '_' and '-'. */
const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * Parses `arn:aws:ecs:region:account:task-definition/family:3` or `family:3`.
 * Returns undefined for a bare family (no revision) or anything else.
 */
export function parseRevision(reference: string | undefined): RevisionId | undefined {
  if (!reference) return undefined;
  const arn = parseArn(reference);
  let text = reference;
  if (arn) {
    if (!arn.resource.startsWith('task-definition/')) return undefined;
    text = arn.resource.slice('task-definition/'.length);
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return undefined;
  const family = text.slice(0, colon);
  const revision = text.slice(colon + 1);
  if (!FAMILY.test(family) || !/^\d+$/.test(revision)) return undefined;
  return { family, revision: Number(revision) };
}

/** `family:revision` for display; the input itself when it cannot be parsed, '?' when there is none. */
export function revisionLabel(reference: string | undefined): string {
  if (!reference) return '?';
  const id = parseRevision(reference);
  return id ? `${id.family}:${id.revision}` : reference;
}

/** True when two references (ARN or family:revision) name the same revision. */
export function sameRevision(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const ra = parseRevision(a);
  const rb = parseRevision(b);
  return !!ra && !!rb && ra.family === rb.family && ra.revision === rb.revision;
}
