// Links into the AWS console for explorer resources. Pure.
import * as l10n from '@vscode/l10n';
import { accountOfArn, resourceName } from '../domain/arn';
import type { Resource } from '../explorer/resources';


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
  const cluster = r.clusterName ?? resourceName(r.clusterArn);
  switch (r.kind) {
    case 'cluster':
      return cluster ? `${host}/ecs/v2/clusters/${enc(cluster)}/services${q}` : undefined;
    case 'service':
    case 'deployment':
      return cluster && r.serviceName ? `${host}/ecs/v2/clusters/${enc(cluster)}/services/${enc(r.serviceName)}/${r.kind === 'deployment' ? 'deployments' : 'health'}${q}` : undefined;
    case 'task':
    case 'container': {
      const id = resourceName(r.taskArn);
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
      const account = accountOfArn(r.repositoryArn) ?? /^(\d{12})\.dkr\.ecr\./.exec(r.repositoryUri ?? '')?.[1];
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

/** Validates a desired count typed by the user; returns an error message or undefined. */
export function validateDesiredCount(text: string, max = 10000): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return l10n.t('Enter a whole number of tasks (0 or more).');
  const n = Number(t);
  if (n > max) return l10n.t`At most ${max} tasks.`;
  return undefined;
}
