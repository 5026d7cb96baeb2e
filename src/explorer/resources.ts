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
//   deployment              primary | active | inactive          (deployments[]: PRIMARY / ACTIVE / older)
//                           inprogress | paused | stopping | current | successful | rolledback | failed |
//                           stopped | superseded              (service deployments: domain/deploymentState)
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
import { parseRevision, resourceName } from '../domain/arn';

/** What every resource node carries: where it was loaded and its ARN when it has one. */
interface Located {
  readonly region: string;
  /** The profile the node was loaded with; undefined means the default credential chain. */
  readonly profile?: string;
  readonly arn?: string;
}

interface InCluster extends Located {
  readonly clusterArn?: string;
  readonly clusterName?: string;
}

/** A service's fields, also carried by what is listed under it (deployments, tasks, containers). */
interface InService extends InCluster {
  readonly serviceName?: string;
  readonly serviceArn?: string;
  /** The revision the service (task, deployment) runs. */
  readonly taskDefinitionArn?: string;
  readonly family?: string;
  readonly revision?: number;
}

interface InRepository extends Located {
  readonly repositoryName?: string;
  readonly repositoryUri?: string;
  readonly repositoryArn?: string;
}

/** What a deployment row knew when it was loaded (Show Details renders it when the deployment is not followed). */
export interface DeploymentRowDetails {
  readonly status?: string;
  readonly strategy?: string;
  readonly stage?: string;
  readonly tasks?: string;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly reason?: string;
}

/** The fields of each kind. */
interface Shapes {
  cluster: InCluster;
  service: InService;
  deployment: InService & {
    readonly deploymentId?: string;
    /** A row of the service deployment history: its ARN (also in `arn`). */
    readonly serviceDeploymentArn?: string;
    /** What the row showed, for Show Details: ECS's words and times (ms since epoch). */
    readonly details?: DeploymentRowDetails;
  };
  task: InService & { readonly taskArn?: string };
  container: InService & {
    readonly taskArn?: string;
    readonly containerName?: string;
    /** The container image (`repo:tag` or `repo@sha256:...`). */
    readonly image?: string;
    readonly imageDigest?: string;
  };
  containerInstance: InCluster & { readonly containerInstanceArn?: string };
  taskDefinitionFamily: Located & { readonly family?: string };
  /** The revision itself in `taskDefinitionArn`. */
  taskDefinitionRevision: Located & { readonly taskDefinitionArn?: string; readonly family?: string; readonly revision?: number };
  repository: InRepository;
  image: InRepository & { readonly imageDigest?: string; readonly imageTags?: readonly string[] };
}

type AnyField = { [K in keyof Shapes]: keyof Shapes[K] }[keyof Shapes];

/**
 * One kind's resource: its own fields, and every other kind's field absent (`?: undefined`), so that
 * reading any field of a `Resource` compiles (undefined where the kind has none) while a literal that
 * sets a field its kind does not have does not.
 */
export type ResourceOfKind<K extends keyof Shapes> = K extends keyof Shapes
  ? { readonly kind: K } & Shapes[K] & { readonly [F in Exclude<AnyField, keyof Shapes[K]>]?: undefined }
  : never;

/**
 * What an explorer node stands for, one type per kind: a `switch (r.kind)` narrows to that kind's
 * fields, and a switch that handles the kinds one by one ends in `unknownKind(r)` so that a kind it
 * misses does not compile.
 */
export type Resource = ResourceOfKind<keyof Shapes>;

export type ResourceKind = Resource['kind'];

/** The profile and region a resource was loaded in, or a change was made in. */
export interface Scope {
  readonly region: string;
  readonly profile?: string;
}

/** The scope fields of a resource (no `profile: undefined` key for the default chain). */
export function scopeFields(scope: Scope): { region: string; profile?: string } {
  return scope.profile ? { region: scope.region, profile: scope.profile } : { region: scope.region };
}

/** A revision's ARN with the family and number it names (undefined when it is not a revision ARN). */
function revisionFields(taskDefinitionArn: string | undefined): { taskDefinitionArn?: string; family?: string; revision?: number } {
  const fr = parseRevision(taskDefinitionArn);
  return { taskDefinitionArn, family: fr?.family, revision: fr?.revision };
}

/**
 * One constructor per kind: every explorer node and every change another feature reports builds its
 * resource here, so that a kind's fields are filled the same way wherever it comes from. What is
 * listed under a resource (a deployment, a container, an image) carries its parent's fields.
 */
export const newResource = {
  cluster: (scope: Scope, c: { clusterArn?: string; clusterName: string }): ResourceOfKind<'cluster'> =>
    ({ kind: 'cluster', ...scopeFields(scope), arn: c.clusterArn, clusterArn: c.clusterArn, clusterName: c.clusterName }),
  service: (scope: Scope, s: { clusterArn?: string; clusterName?: string; serviceArn?: string; serviceName: string; taskDefinitionArn?: string }): ResourceOfKind<'service'> =>
    ({ kind: 'service', ...scopeFields(scope), arn: s.serviceArn, clusterArn: s.clusterArn, clusterName: s.clusterName, serviceName: s.serviceName, serviceArn: s.serviceArn, ...revisionFields(s.taskDefinitionArn) }),
  deployment: (service: ResourceOfKind<'service'>, d: { id?: string; taskDefinition?: string }): ResourceOfKind<'deployment'> =>
    ({ ...service, kind: 'deployment', arn: undefined, deploymentId: d.id, ...revisionFields(d.taskDefinition) }),
  task: (scope: Scope, t: { taskArn?: string; clusterArn?: string; clusterName?: string; serviceName?: string; taskDefinitionArn?: string }): ResourceOfKind<'task'> =>
    ({ kind: 'task', ...scopeFields(scope), arn: t.taskArn, taskArn: t.taskArn, clusterArn: t.clusterArn, clusterName: t.clusterName, serviceName: t.serviceName, ...revisionFields(t.taskDefinitionArn) }),
  container: (task: ResourceOfKind<'task'>, c: { containerArn?: string; name?: string; image?: string; imageDigest?: string }): ResourceOfKind<'container'> =>
    ({ ...task, kind: 'container', arn: c.containerArn, containerName: c.name, image: c.image, imageDigest: c.imageDigest }),
  containerInstance: (scope: Scope, ci: { containerInstanceArn?: string; clusterArn?: string; clusterName?: string }): ResourceOfKind<'containerInstance'> =>
    ({ kind: 'containerInstance', ...scopeFields(scope), arn: ci.containerInstanceArn, containerInstanceArn: ci.containerInstanceArn, clusterArn: ci.clusterArn, clusterName: ci.clusterName }),
  family: (scope: Scope, family: string): ResourceOfKind<'taskDefinitionFamily'> => ({ kind: 'taskDefinitionFamily', ...scopeFields(scope), family }),
  revision: (scope: Scope, taskDefinitionArn: string): ResourceOfKind<'taskDefinitionRevision'> =>
    ({ kind: 'taskDefinitionRevision', ...scopeFields(scope), arn: taskDefinitionArn, ...revisionFields(taskDefinitionArn) }),
  repository: (scope: Scope, r: { repositoryArn?: string; repositoryName: string; repositoryUri?: string }): ResourceOfKind<'repository'> =>
    ({ kind: 'repository', ...scopeFields(scope), arn: r.repositoryArn, repositoryArn: r.repositoryArn, repositoryName: r.repositoryName, repositoryUri: r.repositoryUri }),
  image: (repository: ResourceOfKind<'repository'>, i: { imageDigest?: string; imageTags?: readonly string[] }): ResourceOfKind<'image'> =>
    ({ ...repository, kind: 'image', arn: undefined, imageDigest: i.imageDigest, imageTags: i.imageTags ?? [] }),
};

/** For the `default` of a switch over `kind` that handles every kind: a new kind stops the compile there. */
export function unknownKind(r: never): never {
  throw new Error(`unknown resource kind ${(r as { kind?: string }).kind}`);
}

export interface ExplorerNodeArg {
  readonly id: string;
  readonly contextValue: string;
  readonly resource?: Resource;
}

export const STATES: Readonly<Record<ResourceKind, readonly string[]>> = {
  cluster: ['active', 'provisioning', 'inactive', 'failed', 'other'],
  service: ['steady', 'deploying', 'scaling', 'failed', 'rolledback', 'draining', 'inactive'],
  deployment: ['primary', 'active', 'inactive', 'inprogress', 'paused', 'stopping', 'current', 'successful', 'rolledback', 'failed', 'stopped', 'superseded'],
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
export function resourceOf<K extends ResourceKind>(arg: unknown, kind?: K): ResourceOfKind<K> | undefined {
  const candidate = isResource(arg) ? arg : typeof arg === 'object' && arg !== null ? (arg as ExplorerNodeArg).resource : undefined;
  if (!isResource(candidate)) return undefined;
  if (kind && candidate.kind !== kind) return undefined;
  return candidate as ResourceOfKind<K>;
}

/** The resources of a multi-selection command call `(clicked, selected[])`, clicked one first, no duplicates. */
export function resourcesOf<K extends ResourceKind>(clicked: unknown, selected: unknown, kind?: K): ResourceOfKind<K>[] {
  const all = [clicked, ...(Array.isArray(selected) ? selected : [])];
  const out: ResourceOfKind<K>[] = [];
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
      parts.push(r.serviceArn ?? r.serviceName ?? '', r.deploymentId ?? r.serviceDeploymentArn ?? '');
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
    default:
      return unknownKind(r);
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
    [query.serviceDeploymentArn, candidate.serviceDeploymentArn],
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
    case 'cluster':
    case 'taskDefinitionFamily':
    case 'repository':
      return undefined;
    default:
      return unknownKind(r);
  }
}

/** The explorer view that shows a kind of resource. */
export function viewOfKind(kind: ResourceKind): 'clusters' | 'taskDefinitions' | 'repositories' {
  if (kind === 'taskDefinitionFamily' || kind === 'taskDefinitionRevision') return 'taskDefinitions';
  if (kind === 'repository' || kind === 'image') return 'repositories';
  return 'clusters';
}
