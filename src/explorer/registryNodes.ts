// Task-definition families and revisions, ECR repositories and images. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import { contextValueFor, newResource, nodeContextValue, type ResourceOfKind } from './resources';
import * as f from './format';
import { resourceName } from '../domain/arn';
import * as loaders from './loaders';
import { ICON_COLORS, chainPages, mapPage, type LoadContext, type NodeSpec, type Scope } from './model';

const { GREY } = ICON_COLORS;

// Task definitions

export function familyNode(scope: Scope, family: string): NodeSpec {
  const source = (ctx: LoadContext) =>
    chainPages(
      (token) => loaders.listTaskDefinitionRevisions(ctx, family, 'ACTIVE', token),
      (token) => loaders.listTaskDefinitionRevisions(ctx, family, 'INACTIVE', token),
    );
  return {
    key: `family:${family}`,
    label: family,
    icon: { id: 'symbol-class' },
    contextValue: contextValueFor('taskDefinitionFamily', 'active'),
    resource: newResource.family(scope, family),
    children: {
      kind: 'paged',
      empty: l10n.t('No revisions'),
      load: async (ctx, token) => {
        const page = await source(ctx)(token);
        return mapPage({ ...page, items: await loaders.withRevisionDetails(ctx, page.items) }, (r) => revisionNode(scope, r));
      },
    },
  };
}

export function revisionNode(scope: Scope, r: loaders.RevisionRef): NodeSpec {
  const resource = newResource.revision(scope, r.arn);
  return {
    key: `revision:${r.arn}`,
    label: `${r.family}:${r.revision}`,
    description: f.revisionSummary(r),
    tooltip: f.revisionTooltip(r),
    icon: r.status === 'ACTIVE' ? { id: 'file-code' } : { id: 'file-code', color: GREY },
    contextValue: contextValueFor('taskDefinitionRevision', r.status === 'ACTIVE' ? 'active' : 'inactive'),
    resource,
    command: { command: 'ecsWorkbench.openTaskDefinition', title: l10n.t('Open Task Definition'), args: [{ resource }] },
  };
}

// ---------------------------------------------------------------------------------------------
// ECR

export function repositoryNode(scope: Scope, r: Repository): NodeSpec {
  const name = r.repositoryName ?? resourceName(r.repositoryArn);
  const mutability = r.imageTagMutability ?? 'MUTABLE';
  const scan = r.imageScanningConfiguration?.scanOnPush ? l10n.t('scan on push') : l10n.t('no scan on push');
  const resource = newResource.repository(scope, { repositoryArn: r.repositoryArn, repositoryName: name, repositoryUri: r.repositoryUri });
  return {
    key: `repository:${name}`,
    label: name,
    description: `${mutability === 'IMMUTABLE' ? l10n.t('immutable tags') : l10n.t('mutable tags')} · ${scan}`,
    tooltip: [
      r.repositoryUri ?? '',
      l10n.t`Tags: ${mutability}`,
      r.imageScanningConfiguration?.scanOnPush ? l10n.t('Scan on push: yes') : l10n.t('Scan on push: no'),
      r.createdAt ? l10n.t`Created ${f.localTime(r.createdAt)}` : undefined,
    ].filter((line) => line !== undefined).join('\n'),
    icon: { id: 'repo' },
    contextValue: contextValueFor('repository', mutability.startsWith('IMMUTABLE') ? 'immutable' : 'mutable'),
    resource,
    children: {
      kind: 'paged',
      empty: l10n.t('No images'),
      pageSize: loaders.IMAGE_PAGE_SIZE,
      load: async (ctx, token) => {
        const page = await loaders.listImages(ctx, name, token, ctx.pageSize);
        return { items: page.items.map((i) => imageNode(resource, i)), nextToken: page.nextToken };
      },
      arrange: arrangeImages,
    },
  };
}

const PUSHED_AT = Symbol('pushedAt');
type ImageSpec = NodeSpec & { [PUSHED_AT]?: number };

export function imageNode(repository: ResourceOfKind<'repository'>, i: ImageDetail): NodeSpec {
  const tagged = (i.imageTags?.length ?? 0) > 0;
  const uri = repository.repositoryUri;
  const spec: ImageSpec = {
    key: `image:${i.imageDigest}`,
    label: f.imageLabel(i),
    description: f.imageSummary(i),
    tooltip: [
      uri && (tagged ? `${uri}:${i.imageTags![0]}` : `${uri}@${i.imageDigest}`),
      i.imageDigest,
      i.imagePushedAt ? l10n.t`Pushed ${f.localTime(i.imagePushedAt)}` : undefined,
      i.imageSizeInBytes !== undefined ? l10n.t`Size ${f.formatBytes(i.imageSizeInBytes)}` : undefined,
      f.imageScanText(i) || undefined,
      i.imageManifestMediaType,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: tagged ? { id: 'tag' } : { id: 'circle-outline', color: GREY },
    contextValue: contextValueFor('image', tagged ? 'tagged' : 'untagged'),
    resource: newResource.image(repository, i),
    [PUSHED_AT]: i.imagePushedAt ? new Date(i.imagePushedAt).getTime() : undefined,
  };
  return spec;
}

/** Newest first; untagged images grouped under one node at the end. Applied to all loaded pages. */
export function arrangeImages(items: readonly NodeSpec[]): NodeSpec[] {
  const sorted = [...(items as ImageSpec[])].sort((a, b) => {
    const ta = a[PUSHED_AT] ?? -Infinity;
    const tb = b[PUSHED_AT] ?? -Infinity;
    return tb - ta || a.key.localeCompare(b.key);
  });
  const tagged = sorted.filter((s) => s.contextValue.endsWith('.tagged'));
  const untagged = sorted.filter((s) => !s.contextValue.endsWith('.tagged'));
  if (untagged.length === 0) return tagged;
  return [
    ...tagged,
    {
      key: 'untagged',
      label: l10n.t('Untagged images'),
      description: String(untagged.length),
      tooltip: l10n.t('Images without a tag (e.g. replaced by a newer push of the same tag). Select several to delete them.'),
      icon: { id: 'archive', color: GREY },
      contextValue: nodeContextValue('group', 'untaggedImages'),
      children: { kind: 'list', empty: l10n.t('No untagged images'), load: async () => untagged },
    },
  ];
}
