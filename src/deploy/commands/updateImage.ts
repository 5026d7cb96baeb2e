// ecsWorkbench.updateImage: from a revision or a service, pick a container and a new image (ECR tags
// newest first, digests allowed) → a new revision with only that change. For a service (a service node,
// or from the palette, which asks for the cluster and the service first) the new revision starts from
// the revision the service runs, not from the family's newest (which may be meant for something else),
// and the pickers say which one it starts from; its Deploy action goes to the deploy confirmation,
// which warns when the revision does not fit how the service runs its tasks. With explicit arguments
// {taskDefinition, containerName?, image, region?} it asks nothing and resolves with the new revision.
import * as vscode from 'vscode';
import type { Service } from '@aws-sdk/client-ecs';
import { listImages } from '../../explorer/loaders';
import { relativeTime, sortImagesNewestFirst } from '../../explorer/format';
import { resourceOf } from '../../explorer/resources';
import { parseImageReference, shortImageLabel, withDigest, withTag } from '../../domain/imageRef';
import { describeRevision, registerWithImages, renderImage, type ImageChange } from '../registration';
import { NEVER_ABORTS } from '../../aws/call';
import { describeService } from '../../aws/ecs';
import { parseRevision, resourceName, revisionLabel } from '../../domain/arn';
import { serviceRevision } from '../../domain/deploymentState';
import { reportNewRevision, type ServiceRef } from './reportRevision';
import { loadContext, pickAsync, pickCluster, pickService, type DeployCommandDeps } from './shared';
import { checkTrust, requireTrust, reportFailure, withCancellableProgress } from '../../ui/command';

export interface UpdateImageArgs {
  readonly taskDefinition: string;
  readonly containerName?: string;
  readonly image: string;
  readonly region?: string;
}

function isExplicit(arg: unknown): arg is UpdateImageArgs {
  return typeof arg === 'object' && arg !== null && !('resource' in arg) && !('kind' in arg) &&
    typeof (arg as UpdateImageArgs).taskDefinition === 'string' && typeof (arg as UpdateImageArgs).image === 'string';
}

async function pickImage(deps: DeployCommandDeps, currentImage: string, startsFrom: string, region?: string): Promise<string | undefined> {
  const other = vscode.l10n.t('$(edit) Enter an image reference…');
  let ref: ReturnType<typeof parseImageReference> | undefined;
  try {
    ref = parseImageReference(currentImage);
  } catch {
    ref = undefined;
  }
  const picked = await pickAsync<vscode.QuickPickItem & { image?: string }>(
    vscode.l10n.t({ message: 'Update Image: new image ({0})', args: [startsFrom], comment: ['{0} says which revision the new one starts from, e.g. "from web:5, what production/web runs"'] }),
    vscode.l10n.t('Current: {0}', currentImage),
    async (signal) => {
      const items: Array<vscode.QuickPickItem & { image?: string }> = [{ label: other }];
      if (!ref) return items;
      try {
        const ctx = loadContext(deps.clients, signal, region);
        const page = await listImages(ctx, ref.repository);
        for (const image of sortImagesNewestFirst(page.items)) {
          const when = image.imagePushedAt ? relativeTime(image.imagePushedAt) : '';
          for (const tag of image.imageTags ?? []) {
            const candidate = withTag(currentImage, tag);
            items.push({ label: `${ref.repository}:${tag}`, description: candidate === currentImage ? vscode.l10n.t('{0} · current', when) : when, detail: image.imageDigest, image: candidate });
          }
          if (image.imageDigest) {
            items.push({ label: `${ref.repository}@${image.imageDigest.slice(0, 19)}…`, description: vscode.l10n.t('{0} · by digest', when), image: withDigest(currentImage, image.imageDigest) });
          }
        }
      } catch (e) {
        deps.log.info(`[update image] no ECR images listed for ${ref.repository}: ${(e as Error).message}`);
      }
      return items;
    },
  );
  if (!picked) return undefined;
  if (picked.image) return picked.image;
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Update Image: image reference ({0})', startsFrom),
    value: currentImage,
    prompt: vscode.l10n.t('registry/repository:tag or repository@sha256:…'),
    validateInput: (v) => {
      try {
        parseImageReference(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
}

/** Where the new revision starts: a service's running revision, or the revision (or family) of a node. */
interface StartingPoint {
  readonly base: string;
  readonly service?: Service;
  readonly cluster?: string;
  /** The node named a family: its newest revision. */
  readonly newestOfFamily?: boolean;
}

/**
 * A service node's (read now) or a service picked from the palette (cluster, then service): the
 * revision it runs. Otherwise the revision, family or container the node names.
 */
async function startingPoint(
  deps: DeployCommandDeps,
  region: string | undefined,
  from: { serviceNode?: { clusterArn?: string; clusterName?: string; serviceName?: string; taskDefinitionArn?: string }; base?: string },
): Promise<StartingPoint | undefined> {
  const node = from.serviceNode;
  if (!node?.serviceName && from.base) return { base: from.base, newestOfFamily: !parseRevision(from.base)?.revision };
  let cluster = node?.clusterArn ?? node?.clusterName;
  let service: Service | undefined;
  if (node?.serviceName && cluster) {
    service = await describeService({ clients: deps.clients, region, signal: NEVER_ABORTS }, cluster, node.serviceName);
    if (!service) throw new Error(vscode.l10n.t('Service {0} not found.', node.serviceName));
  } else {
    cluster = await pickCluster(deps.clients, region, vscode.l10n.t('Update Image: cluster'));
    if (!cluster) return undefined;
    service = await pickService(deps.clients, cluster, region, undefined, vscode.l10n.t('Update Image: service'));
    if (!service) return undefined;
  }
  const base = serviceRevision(service) ?? node?.taskDefinitionArn;
  if (!base) throw new Error(vscode.l10n.t('{0} has no task definition.', service.serviceName ?? ''));
  return { base, service, cluster };
}

/** "from web:5, what production/web runs", "from web:6, the newest revision of web", "from web:5". */
function startText(arn: string | undefined, start: StartingPoint): string {
  const label = revisionLabel(arn);
  if (start.service) {
    const where = `${resourceName(start.service.clusterArn ?? start.cluster)}/${start.service.serviceName ?? ''}`;
    return vscode.l10n.t({ message: 'from {0}, what {1} runs', args: [label, where], comment: ['{0} is a revision such as web:5; {1} cluster/service'] });
  }
  if (start.newestOfFamily) return vscode.l10n.t('from {0}, the newest revision of {1}', label, parseRevision(arn)?.family ?? '');
  return vscode.l10n.t('from {0}', label);
}

export async function updateImageCommand(
  deps: DeployCommandDeps,
  arg?: unknown,
): Promise<{ taskDefinitionArn: string; changes: ImageChange[] } | undefined> {
  if (isExplicit(arg)) {
    requireTrust(vscode.l10n.t('Registering a revision'));
    const result = await renderImage(deps.clients, {
      taskDefinition: arg.taskDefinition,
      images: { containerName: arg.containerName, image: arg.image },
      region: arg.region,
    }, { signal: NEVER_ABORTS });
    deps.log.info(`[update image] ${revisionLabel(result.from)} → ${revisionLabel(result.taskDefinitionArn)}: ${result.changes.map((c) => `${c.container} ${c.from} → ${c.to}`).join(', ')}`);
    return { taskDefinitionArn: result.taskDefinitionArn, changes: result.changes };
  }
  if (!checkTrust(vscode.l10n.t('Registering a revision'))) return undefined;
  try {
    const serviceNode = resourceOf(arg, 'service');
    const revisionNode = resourceOf(arg, 'taskDefinitionRevision') ?? resourceOf(arg, 'taskDefinitionFamily');
    const containerNode = resourceOf(arg, 'container');
    const region = serviceNode?.region ?? revisionNode?.region ?? containerNode?.region;
    const start = await startingPoint(deps, region, { serviceNode, base: revisionNode?.taskDefinitionArn ?? revisionNode?.family ?? containerNode?.taskDefinitionArn });
    if (!start) return undefined;
    const described = await describeRevision(deps.clients, start.base, { signal: NEVER_ABORTS, region });
    const { taskDefinition } = described;
    const startsFrom = startText(taskDefinition.taskDefinitionArn, start);
    const containers = taskDefinition.containerDefinitions ?? [];
    let containerName = containerNode?.containerName;
    if (!containerName) {
      if (containers.length === 1) containerName = containers[0].name;
      else {
        const picked = await vscode.window.showQuickPick(
          containers.map((c) => ({ label: c.name ?? '', description: c.image ? shortImageLabel(c.image) : '', detail: c.image })),
          { title: vscode.l10n.t('Update Image: container ({0})', startsFrom), placeHolder: vscode.l10n.t('Choose the container whose image changes') },
        );
        containerName = picked?.label;
      }
    }
    if (!containerName) return undefined;
    const current = containers.find((c) => c.name === containerName)?.image ?? '';
    const image = await pickImage(deps, current, startsFrom, region);
    if (!image) return undefined;
    if (image === current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already runs {1}: nothing to register.', containerName, image));
      return undefined;
    }
    const result = await withCancellableProgress({ title: vscode.l10n.t('Registering {0} with {1}…', taskDefinition.family ?? '', shortImageLabel(image)) }, (signal) =>
      registerWithImages(deps.clients, described, { containerName, image }, { signal, region }),
    );
    const { service, cluster } = start;
    const serviceRef: ServiceRef | undefined = service && cluster
      ? { cluster, service: service.serviceName ?? '', current: serviceRevision(service), desiredCount: service.desiredCount }
      : undefined;
    void reportNewRevision(deps, result, {
      region,
      detail: result.changes.map((c) => `${c.container}: ${c.from ? shortImageLabel(c.from) : '?'} → ${c.to ? shortImageLabel(c.to) : '?'}`).join(', '),
      service: serviceRef,
    });
    return { taskDefinitionArn: result.taskDefinitionArn, changes: result.changes };
  } catch (e) {
    void reportFailure(deps.log, { what: vscode.l10n.t('Registering a revision'), error: e });
    return undefined;
  }
}
