// Whether a revision fits where a service runs its tasks: one rule for every path that deploys a revision
// to a service (Deploy, Update Image, Release, Roll Back). Pure.
//
// A service places its tasks by launch type (EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES) or by a capacity
// provider strategy: FARGATE and FARGATE_SPOT are Fargate; any other provider is one the account made,
// an Auto Scaling group (EC2) or a Managed Instances provider, which the service's answer does not tell
// apart. A revision says what it was registered for in requiresCompatibilities (checked by ECS at
// registration) and ECS says what it can run on in compatibilities (DescribeTaskDefinition). Seen in
// issue 17: a Fargate-only revision rolled onto an EC2 service went ahead with no warning until the
// circuit breaker rolled it back.
import * as l10n from '@vscode/l10n';
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { resourceName, revisionLabel } from './arn';
import { parseCpu, parseMemory, validFargatePair } from '../taskdef/rules/fargate';

export type LaunchKind = 'EC2' | 'FARGATE' | 'EXTERNAL' | 'MANAGED_INSTANCES';

/** What of a revision the rule reads (DescribeTaskDefinition's answer). */
export type RevisionFacts = Pick<TaskDefinition,
  'taskDefinitionArn' | 'requiresCompatibilities' | 'compatibilities' | 'networkMode' | 'cpu' | 'memory' | 'runtimePlatform'>;

/** What of a service the rule reads (DescribeServices' answer). */
export type ServiceFacts = Pick<Service, 'serviceName' | 'clusterArn' | 'launchType' | 'capacityProviderStrategy'>;

/**
 * One way the service places tasks: `kinds` are the launch kinds it may mean (one, except a provider
 * the account made: EC2 or MANAGED_INSTANCES); `via` says how the service says so, for the sentence.
 */
export interface Placement {
  readonly kinds: readonly LaunchKind[];
  readonly via: { readonly launchType: string } | { readonly capacityProviders: readonly string[] };
}

const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

/** How the service places its tasks; empty when its answer says neither (nothing to check against). */
export function servicePlacements(service: ServiceFacts): Placement[] {
  if (service.launchType) return [{ kinds: [service.launchType as LaunchKind], via: { launchType: service.launchType } }];
  const providers = (service.capacityProviderStrategy ?? []).map((p) => p.capacityProvider ?? '').filter(Boolean);
  const fargate = providers.filter((p) => FARGATE_PROVIDERS.has(p));
  const own = providers.filter((p) => !FARGATE_PROVIDERS.has(p));
  const out: Placement[] = [];
  if (fargate.length) out.push({ kinds: ['FARGATE'], via: { capacityProviders: fargate } });
  if (own.length) out.push({ kinds: ['EC2', 'MANAGED_INSTANCES'], via: { capacityProviders: own } });
  return out;
}

/** Why a revision does not fit one placement of the service. */
export type Misfit =
  | { readonly kind: 'declared'; readonly placement: Placement; readonly requires: readonly string[] }
  | { readonly kind: 'incompatible'; readonly placement: Placement; readonly compatibilities: readonly string[] };

/** The kinds ECS always judges in compatibilities (EC2, and FARGATE when awsvpc and a Fargate size). */
const JUDGED: readonly LaunchKind[] = ['EC2', 'FARGATE'];

/**
 * Where the revision does not fit: a placement none of whose kinds its requiresCompatibilities names
 * (when it names any), or none of whose kinds ECS lists in its compatibilities (when listed, and only
 * for EC2 and Fargate: a missing EXTERNAL or MANAGED_INSTANCES there may only mean it was not asked
 * for). A placement is reported once, as incompatible when ECS says so (the stronger fact).
 */
export function compatibilityMisfits(revision: RevisionFacts, service: ServiceFacts): Misfit[] {
  const requires = revision.requiresCompatibilities ?? [];
  const compatibilities = revision.compatibilities ?? [];
  const misfits: Misfit[] = [];
  for (const placement of servicePlacements(service)) {
    const fits = (list: readonly string[]) => placement.kinds.some((k) => list.includes(k));
    const judged = placement.kinds.every((k) => JUDGED.includes(k));
    if (judged && compatibilities.length && !fits(compatibilities)) misfits.push({ kind: 'incompatible', placement, compatibilities });
    else if (requires.length && !fits(requires)) misfits.push({ kind: 'declared', placement, requires });
  }
  return misfits;
}

/** Why a revision cannot run on Fargate, from what Fargate requires of a task definition. */
export function fargateShortfalls(revision: RevisionFacts): string[] {
  const label = revisionLabel(revision.taskDefinitionArn);
  const out: string[] = [];
  if (revision.networkMode !== 'awsvpc') out.push(l10n.t`Fargate needs networkMode awsvpc; ${label} has ${revision.networkMode ?? l10n.t('none (bridge)')}.`);
  const cpu = parseCpu(revision.cpu);
  const memory = parseMemory(revision.memory);
  if (cpu === undefined || memory === undefined) {
    out.push(l10n.t`Fargate needs task-level cpu and memory; ${label} has cpu ${revision.cpu ?? l10n.t('none')}, memory ${revision.memory ?? l10n.t('none')}.`);
  } else if (!validFargatePair(cpu, memory, /windows/i.test(revision.runtimePlatform?.operatingSystemFamily ?? ''))) {
    out.push(l10n.t`cpu ${String(revision.cpu)} with memory ${String(revision.memory)} is not a Fargate size.`);
  }
  return out;
}

function placementText(placement: Placement): string {
  if ('launchType' in placement.via) return l10n.t`launch type ${placement.via.launchType}`;
  const providers = placement.via.capacityProviders;
  const own = placement.kinds.includes('EC2');
  if (providers.length === 1) return own ? l10n.t`capacity provider ${providers[0]}, EC2 or Managed Instances` : l10n.t`capacity provider ${providers[0]}`;
  return own ? l10n.t`capacity providers ${providers.join(', ')}, EC2 or Managed Instances` : l10n.t`capacity providers ${providers.join(', ')}`;
}

function kindText(placement: Placement): string {
  return placement.kinds.join(l10n.t(' or '));
}

/** `production/web`, or `web` when the service's answer has no cluster. */
function serviceText(service: ServiceFacts): string {
  const name = service.serviceName ?? '';
  return service.clusterArn ? `${resourceName(service.clusterArn)}/${name}` : name;
}

/** What does not fit, one sentence each (for the deploy confirmation); empty when the revision fits. */
export function compatibilityWarnings(revision: RevisionFacts, service: ServiceFacts): string[] {
  const label = revisionLabel(revision.taskDefinitionArn);
  const where = serviceText(service);
  const warnings: string[] = [];
  for (const misfit of compatibilityMisfits(revision, service)) {
    const kinds = kindText(misfit.placement);
    const how = placementText(misfit.placement);
    if (misfit.kind === 'declared') {
      warnings.push(l10n.t`${label} is registered for ${misfit.requires.join(', ')} only (requiresCompatibilities), but ${where} runs its tasks on ${kinds} (${how}).`);
    } else {
      warnings.push(l10n.t`ECS does not count ${label} compatible with ${kinds} (its compatibilities: ${misfit.compatibilities.join(', ')}), but ${where} runs its tasks on ${kinds} (${how}): they cannot start there.`);
      if (misfit.placement.kinds.includes('FARGATE')) warnings.push(...fargateShortfalls(revision));
    }
  }
  return warnings;
}
