// Rendering a new image into a task-definition revision, and the normalised form used to show what
// changes between two revisions. Pure: works on plain RegisterTaskDefinition-shaped objects.
import * as l10n from '@vscode/l10n';
import { parseImageReference } from '../domain/imageRef';

/** A task definition as RegisterTaskDefinition takes it (or as DescribeTaskDefinition returns it). */
export type TaskDefinitionDocument = Record<string, unknown> & {
  family?: string;
  containerDefinitions?: Array<Record<string, unknown>>;
};

export interface ImageChange {
  readonly container: string;
  readonly from?: string;
  readonly to?: string;
}

export interface RenderImageRequest {
  /** Container to change; may be omitted when the task definition has exactly one container. */
  readonly containerName?: string;
  readonly image: string;
}

export interface RenderResult {
  readonly taskDefinition: TaskDefinitionDocument;
  readonly changes: ImageChange[];
}

/**
 * Sets `image` of the named container(s) and keeps everything else (the aws-actions render step's
 * contract). Returns a new object; the input is not modified. Throws when a container does not exist
 * or an image reference is invalid.
 */
export function renderImage(
  taskDefinition: TaskDefinitionDocument,
  requests: RenderImageRequest | readonly RenderImageRequest[],
): RenderResult {
  const list = Array.isArray(requests) ? (requests as readonly RenderImageRequest[]) : [requests as RenderImageRequest];
  const containers = (taskDefinition.containerDefinitions ?? []).map((c) => ({ ...c }));
  const changes: ImageChange[] = [];
  for (const request of list) {
    parseImageReference(request.image);
    let target: Record<string, unknown> | undefined;
    if (request.containerName === undefined) {
      if (containers.length !== 1) {
        throw new Error(
          l10n.t`Name the container to change: the task definition has ${containers.length} containers (${containers.map((c) => String(c.name)).join(', ')}).`,
        );
      }
      target = containers[0];
    } else {
      target = containers.find((c) => c.name === request.containerName);
      if (!target) {
        throw new Error(
          taskDefinition.family
            ? l10n.t`No container named "${request.containerName}" in ${taskDefinition.family} (containers: ${containers.map((c) => String(c.name)).join(', ') || l10n.t('none')}).`
            : l10n.t`No container named "${request.containerName}" in the task definition (containers: ${containers.map((c) => String(c.name)).join(', ') || l10n.t('none')}).`,
        );
      }
    }
    const from = typeof target.image === 'string' ? target.image : undefined;
    target.image = request.image;
    if (from !== request.image) changes.push({ container: String(target.name), from, to: request.image });
  }
  return { taskDefinition: { ...taskDefinition, containerDefinitions: containers }, changes };
}

/** Image changes between two task definitions, matched by container name. */
export function imageChanges(from: TaskDefinitionDocument | undefined, to: TaskDefinitionDocument): ImageChange[] {
  const before = new Map((from?.containerDefinitions ?? []).map((c) => [String(c.name), c.image as string | undefined]));
  const after = new Map((to.containerDefinitions ?? []).map((c) => [String(c.name), c.image as string | undefined]));
  const changes: ImageChange[] = [];
  for (const [name, image] of after) {
    if (before.get(name) !== image) changes.push({ container: name, from: before.get(name), to: image });
  }
  for (const [name, image] of before) {
    if (!after.has(name)) changes.push({ container: name, from: image, to: undefined });
  }
  return changes;
}

// Output-only fields of DescribeTaskDefinition; never part of what a user edits.
const DESCRIBE_ONLY = new Set([
  'taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities',
  'registeredAt', 'registeredBy', 'deregisteredAt',
]);

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

function byName(a: unknown, b: unknown): number {
  const na = String((a as { name?: unknown })?.name ?? '');
  const nb = String((b as { name?: unknown })?.name ?? '');
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep).filter((v) => !isEmpty(v));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = sortKeysDeep((value as Record<string, unknown>)[key]);
      if (!isEmpty(v)) out[key] = v;
    }
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * A canonical form for comparing revisions: describe-only fields removed, null/empty values dropped,
 * defaults the API fills in made explicit (networkMode bridge, essential true, container cpu 0, port
 * protocol tcp, host port = container port under awsvpc/host), environment, secrets and environment files sorted, keys
 * sorted. Two documents that register the same revision normalise to the same JSON.
 */
export function normaliseTaskDefinition(doc: TaskDefinitionDocument): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!DESCRIBE_ONLY.has(key)) copy[key] = value;
  const fargate = Array.isArray(copy.requiresCompatibilities) && copy.requiresCompatibilities.includes('FARGATE');
  const networkMode = (copy.networkMode as string | undefined) ?? (fargate ? 'awsvpc' : 'bridge');
  copy.networkMode = networkMode;
  if (Array.isArray(copy.requiresCompatibilities)) copy.requiresCompatibilities = [...copy.requiresCompatibilities].sort();
  if (Array.isArray(copy.volumes)) copy.volumes = [...copy.volumes].sort(byName);
  copy.containerDefinitions = (doc.containerDefinitions ?? []).map((container) => {
    const c: Record<string, unknown> = { ...container };
    c.essential = c.essential ?? true;
    c.cpu = c.cpu ?? 0; // describe output reports 0 for a container without a cpu reservation
    if (Array.isArray(c.environment)) c.environment = [...c.environment].sort(byName);
    if (Array.isArray(c.secrets)) c.secrets = [...c.secrets].sort(byName);
    if (Array.isArray(c.portMappings)) {
      c.portMappings = c.portMappings.map((pm: Record<string, unknown>) => {
        const p = { ...pm };
        p.protocol = p.protocol ?? 'tcp';
        if ((networkMode === 'awsvpc' || networkMode === 'host') && p.hostPort === undefined && p.containerPort !== undefined) {
          p.hostPort = p.containerPort;
        }
        return p;
      });
    }
    return c;
  }).sort(byName);
  return sortKeysDeep(copy) as Record<string, unknown>;
}

/** The normalised document as indented JSON, for a diff editor. */
export function normalisedJson(doc: TaskDefinitionDocument): string {
  return JSON.stringify(normaliseTaskDefinition(doc), null, 2) + '\n';
}

/**
 * Paths that differ between the normalised forms, e.g. `cpu`, `containerDefinitions[web].image`,
 * `containerDefinitions[web].environment`. Containers are matched by name. Empty when nothing changes.
 */
export function changedPaths(from: TaskDefinitionDocument | undefined, to: TaskDefinitionDocument): string[] {
  const a = from ? normaliseTaskDefinition(from) : {};
  const b = normaliseTaskDefinition(to);
  const paths: string[] = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    if (key === 'containerDefinitions') {
      const ca = new Map(((a[key] as Array<Record<string, unknown>>) ?? []).map((c) => [String(c.name), c]));
      const cb = new Map(((b[key] as Array<Record<string, unknown>>) ?? []).map((c) => [String(c.name), c]));
      for (const name of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
        const x = ca.get(name);
        const y = cb.get(name);
        if (!x || !y) {
          paths.push(`containerDefinitions[${name}]`);
          continue;
        }
        for (const field of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
          if (JSON.stringify(x[field]) !== JSON.stringify(y[field])) paths.push(`containerDefinitions[${name}].${field}`);
        }
      }
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      paths.push(key);
    }
  }
  return paths;
}
