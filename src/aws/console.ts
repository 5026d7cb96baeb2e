// Links into the AWS console for explorer resources. Pure.
import * as l10n from '@vscode/l10n';
import type { Resource } from '../explorer/resources';

function accountOf(arn: string | undefined): string | undefined {
  const parts = (arn ?? '').split(':');
  return parts.length >= 5 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `https://console.amazonaws-us-gov.com`;
  return `https://${region}.console.aws.amazon.com`;
}

const enc = encodeURIComponent;

/** The console page of a resource, or undefined when the console has no page for it. */
export function consoleUrl(r: Resource): string | undefined {
  const host = consoleHost(r.region);
  const q = `?region=${enc(r.region)}`;
  const cluster = r.clusterName ?? (r.clusterArn ? r.clusterArn.slice(r.clusterArn.lastIndexOf('/') + 1) : undefined);
  switch (r.kind) {
    case 'cluster':
      return cluster ? `${host}/ecs/v2/clusters/${enc(cluster)}/services${q}` : undefined;
    case 'service':
    case 'deployment':
      return cluster && r.serviceName ? `${host}/ecs/v2/clusters/${enc(cluster)}/services/${enc(r.serviceName)}/${r.kind === 'deployment' ? 'deployments' : 'health'}${q}` : undefined;
    case 'task':
    case 'container': {
      const id = r.taskArn ? r.taskArn.slice(r.taskArn.lastIndexOf('/') + 1) : undefined;
      return cluster && id ? `${host}/ecs/v2/clusters/${enc(cluster)}/tasks/${enc(id)}/configuration${q}` : undefined;
    }
    case 'containerInstance':
      return cluster ? `${host}/ecs/v2/clusters/${enc(cluster)}/infrastructure${q}` : undefined;
    case 'taskDefinitionFamily':
      return r.family ? `${host}/ecs/v2/task-definitions/${enc(r.family)}${q}` : undefined;
    case 'taskDefinitionRevision':
      return r.family && r.revision ? `${host}/ecs/v2/task-definitions/${enc(r.family)}/${r.revision}/containers${q}` : undefined;
    case 'repository':
    case 'image': {
      const account = accountOf(r.repositoryArn) ?? /^(\d{12})\.dkr\.ecr\./.exec(r.repositoryUri ?? '')?.[1];
      if (!account || !r.repositoryName) return undefined;
      const repo = `${host}/ecr/repositories/private/${account}/${r.repositoryName}`;
      if (r.kind === 'repository') return `${repo}${q}`;
      return r.imageDigest ? `${repo}/_/image/${enc(r.imageDigest)}/details${q}` : `${repo}${q}`;
    }
  }
}

/** The image reference users paste: `uri:tag` for a tagged image, `uri@digest` otherwise. */
export function imageReference(r: Resource): string | undefined {
  if (!r.repositoryUri) return undefined;
  if (r.kind === 'repository') return r.repositoryUri;
  if (r.imageTags && r.imageTags.length > 0) return `${r.repositoryUri}:${r.imageTags[0]}`;
  return r.imageDigest ? `${r.repositoryUri}@${r.imageDigest}` : r.repositoryUri;
}

/** ECR repository names: 2-256 chars, lowercase, digits, `._-/` separators, no leading/trailing separator. */
export function validateRepositoryName(name: string): string | undefined {
  if (name.length < 2 || name.length > 256) return l10n.t('A repository name has 2 to 256 characters.');
  if (!/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name))
    return l10n.t('Use lowercase letters, digits and . _ - separated parts, with / between namespaces (e.g. team/web-api).');
  return undefined;
}

/** Validates a desired count typed by the user; returns an error message or undefined. */
export function validateDesiredCount(text: string, max = 10000): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return l10n.t('Enter a whole number of tasks (0 or more).');
  const n = Number(t);
  if (n > max) return l10n.t`At most ${max} tasks.`;
  return undefined;
}
