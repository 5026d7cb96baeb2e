// What an explorer tree node carries when VS Code passes it to a command, and how its contextValue is
// built. Pure: no `vscode` import, so other features (deploy, publish) can depend on it freely.
//
// ## Using explorer nodes from another feature
// Every node handed to a command (context menu, inline action, `ecsWorkbench.refresh`) has the shape
// `ExplorerNodeArg`: `{ resource, contextValue, id }`. Accept it with `resourceOf(arg)`, which also
// accepts a bare `Resource` (handy for tests, keybindings and other commands):
//
//   vscode.commands.registerCommand('ecsWorkbench.deployService', (arg?: unknown) => {
//     const service = resourceOf(arg, 'service');   // undefined when called from the palette
//     ...
//   });
//
// ## contextValue scheme (match it with regexes in package.json `menus`)
//   ecsWorkbench.<kind>.<state>          e.g. ecsWorkbench.service.deploying
// `<kind>` is `Resource['kind']`; `<state>` is one lowercase word from the table below. Match a kind
// with `viewItem =~ /^ecsWorkbench\.service\./`, a state with `viewItem =~ /^ecsWorkbench\.service\.deploying$/`.
//
//   cluster                 active | provisioning | inactive | failed | other
//   service                 steady | deploying | scaling | failed | rolledback | draining | inactive
//   deployment              primary | active | inactive          (PRIMARY / ACTIVE / older)
//   task                    running | pending | stopping | stopped
//   container               running | pending | stopped
//   containerInstance       active | draining | inactive | other
//   taskDefinitionFamily    active | inactive
//   taskDefinitionRevision  active | inactive | deleting
//   repository              mutable | immutable
//   image                   tagged | untagged
//
// Nodes that are not resources use `ecsWorkbench.node.<role>` (region, group, loadMore, error, empty).
// To show a change in the tree from another feature: the `ExplorerRefresher` (refresher.ts) that
// extension.ts passes in, with the resource that changed (`changed.service(...)`, `changed.revision(...)`):
// every node showing it reloads, and the rows above it that count it (its service, its cluster);
// when none is loaded, the list that would show it. The `ecsWorkbench.refresh` command (the views'
// Refresh buttons, keybindings) takes the same node or resource.
import { resourceName } from '../domain/arn';

export type ResourceKind =
  | 'cluster'
  | 'service'
  | 'deployment'
  | 'task'
  | 'container'
  | 'containerInstance'
  | 'taskDefinitionFamily'
  | 'taskDefinitionRevision'
  | 'repository'
  | 'image';

export interface Resource {
  readonly kind: ResourceKind;
  readonly region: string;
  /** The profile the node was loaded with; undefined means the default credential chain. */
  readonly profile?: string;
  readonly arn?: string;
  readonly clusterArn?: string;
  readonly clusterName?: string;
  readonly serviceName?: string;
  readonly serviceArn?: string;
  readonly deploymentId?: string;
  readonly taskArn?: string;
  readonly containerName?: string;
  readonly containerInstanceArn?: string;
  /** For services and tasks, the revision they run; for revisions, the revision itself. */
  readonly taskDefinitionArn?: string;
  readonly family?: string;
  readonly revision?: number;
  readonly repositoryName?: string;
  readonly repositoryUri?: string;
  readonly repositoryArn?: string;
  readonly imageDigest?: string;
  readonly imageTags?: readonly string[];
  /** The container image of a container node (`repo:tag` or `repo@sha256:...`). */
  readonly image?: string;
}

export interface ExplorerNodeArg {
  readonly id: string;
  readonly contextValue: string;
  readonly resource?: Resource;
}

export const STATES: Readonly<Record<ResourceKind, readonly string[]>> = {
  cluster: ['active', 'provisioning', 'inactive', 'failed', 'other'],
  service: ['steady', 'deploying', 'scaling', 'failed', 'rolledback', 'draining', 'inactive'],
  deployment: ['primary', 'active', 'inactive'],
  task: ['running', 'pending', 'stopping', 'stopped'],
  container: ['running', 'pending', 'stopped'],
  containerInstance: ['active', 'draining', 'inactive', 'other'],
  taskDefinitionFamily: ['active', 'inactive'],
  taskDefinitionRevision: ['active', 'inactive', 'deleting'],
  repository: ['mutable', 'immutable'],
  image: ['tagged', 'untagged'],
};

export function contextValueFor(kind: ResourceKind, state: string): string {
  return `ecsWorkbench.${kind}.${state}`;
}

export function nodeContextValue(role: 'region' | 'group' | 'loadMore' | 'error' | 'empty' | 'loading' | 'detail', detail?: string): string {
  return detail ? `ecsWorkbench.node.${role}.${detail}` : `ecsWorkbench.node.${role}`;
}

/** Parses a contextValue built by `contextValueFor`. */
export function parseContextValue(value: string): { kind: ResourceKind; state: string } | undefined {
  const m = /^ecsWorkbench\.([A-Za-z]+)\.([a-z]+)$/.exec(value);
  if (!m || !(m[1] in STATES)) return undefined;
  return { kind: m[1] as ResourceKind, state: m[2] };
}

function isResource(value: unknown): value is Resource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Resource).kind === 'string' &&
    (value as Resource).kind in STATES &&
    typeof (value as Resource).region === 'string'
  );
}

/**
 * The resource behind a command argument: an explorer node (`{resource}`) or a bare resource.
 * With `kind`, only that kind is accepted.
 */
export function resourceOf<K extends ResourceKind>(arg: unknown, kind?: K): (Resource & { kind: K }) | undefined {
  const candidate = isResource(arg) ? arg : typeof arg === 'object' && arg !== null ? (arg as ExplorerNodeArg).resource : undefined;
  if (!isResource(candidate)) return undefined;
  if (kind && candidate.kind !== kind) return undefined;
  return candidate as Resource & { kind: K };
}

/** The resources of a multi-selection command call `(clicked, selected[])`, clicked one first, no duplicates. */
export function resourcesOf<K extends ResourceKind>(clicked: unknown, selected: unknown, kind?: K): (Resource & { kind: K })[] {
  const all = [clicked, ...(Array.isArray(selected) ? selected : [])];
  const out: (Resource & { kind: K })[] = [];
  const seen = new Set<string>();
  for (const item of all) {
    const r = resourceOf(item, kind);
    if (!r) continue;
    const key = resourceKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** A stable identity for a resource, used for node ids and for refresh matching. */
export function resourceKey(r: Resource): string {
  const parts = [r.kind, r.profile ?? '', r.region];
  switch (r.kind) {
    case 'cluster':
      parts.push(r.clusterArn ?? r.clusterName ?? '');
      break;
    case 'service':
      parts.push(r.clusterArn ?? r.clusterName ?? '', r.serviceArn ?? r.serviceName ?? '');
      break;
    case 'deployment':
      parts.push(r.serviceArn ?? r.serviceName ?? '', r.deploymentId ?? '');
      break;
    case 'task':
      parts.push(r.taskArn ?? '');
      break;
    case 'container':
      parts.push(r.taskArn ?? '', r.containerName ?? '');
      break;
    case 'containerInstance':
      parts.push(r.containerInstanceArn ?? '');
      break;
    case 'taskDefinitionFamily':
      parts.push(r.family ?? '');
      break;
    case 'taskDefinitionRevision':
      parts.push(r.taskDefinitionArn ?? `${r.family}:${r.revision}`);
      break;
    case 'repository':
      parts.push(r.repositoryName ?? '');
      break;
    case 'image':
      parts.push(r.repositoryName ?? '', r.imageDigest ?? '');
      break;
  }
  return parts.join('|');
}

function lastSegment(arnOrName: string | undefined): string | undefined {
  return arnOrName ? resourceName(arnOrName) : undefined;
}

function sameWhenBothKnown(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Whether a resource from another feature (which may only know names, not ARNs) denotes the same
 * thing as a node's resource. Fields known on both sides must agree; clusters and services compare
 * by name (an ARN's last segment).
 */
export function resourceMatches(query: Resource, candidate: Resource): boolean {
  if (query.kind !== candidate.kind || query.region !== candidate.region) return false;
  if (query.profile !== undefined && candidate.profile !== undefined && query.profile !== candidate.profile) return false;
  const cluster = (r: Resource) => r.clusterName ?? lastSegment(r.clusterArn);
  const service = (r: Resource) => r.serviceName ?? lastSegment(r.serviceArn);
  const checks: [string | undefined, string | undefined][] = [
    [cluster(query), cluster(candidate)],
    [service(query), service(candidate)],
    [query.taskArn ? lastSegment(query.taskArn) : undefined, candidate.taskArn ? lastSegment(candidate.taskArn) : undefined],
    [query.deploymentId, candidate.deploymentId],
    [query.containerName, candidate.containerName],
    [query.containerInstanceArn, candidate.containerInstanceArn],
    [query.family, candidate.family],
    [query.kind === 'taskDefinitionRevision' ? query.revision?.toString() : undefined, candidate.kind === 'taskDefinitionRevision' ? candidate.revision?.toString() : undefined],
    [query.repositoryName, candidate.repositoryName],
    [query.imageDigest, candidate.imageDigest],
  ];
  // A query must name something: a bare {kind, region} matches nothing.
  const named = checks.some(([q]) => q !== undefined);
  return named && checks.every(([q, c]) => sameWhenBothKnown(q, c));
}

/** The resource whose node lists `r` (for refreshing a list a new item should appear in). */
export function parentResource(r: Resource): Resource | undefined {
  const base = { region: r.region, profile: r.profile };
  switch (r.kind) {
    case 'image':
      return { ...base, kind: 'repository', repositoryName: r.repositoryName, repositoryUri: r.repositoryUri };
    case 'taskDefinitionRevision':
      return r.family ? { ...base, kind: 'taskDefinitionFamily', family: r.family } : undefined;
    case 'container':
      return { ...base, kind: 'task', taskArn: r.taskArn, clusterArn: r.clusterArn, clusterName: r.clusterName };
    case 'task':
    case 'deployment':
      return r.serviceName || r.serviceArn
        ? { ...base, kind: 'service', clusterArn: r.clusterArn, clusterName: r.clusterName, serviceName: r.serviceName, serviceArn: r.serviceArn }
        : { ...base, kind: 'cluster', clusterArn: r.clusterArn, clusterName: r.clusterName };
    case 'service':
    case 'containerInstance':
      return { ...base, kind: 'cluster', clusterArn: r.clusterArn, clusterName: r.clusterName };
    default:
      return undefined;
  }
}

/** The explorer view that shows a kind of resource. */
export function viewOfKind(kind: ResourceKind): 'clusters' | 'taskDefinitions' | 'repositories' {
  if (kind === 'taskDefinitionFamily' || kind === 'taskDefinitionRevision') return 'taskDefinitions';
  if (kind === 'repository' || kind === 'image') return 'repositories';
  return 'clusters';
}
