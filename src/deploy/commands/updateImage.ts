// ecsWorkbench.updateImage: from a revision or a service, pick a container and a new image (ECR tags
// newest first, digests allowed) → a new revision with only that change. With explicit arguments
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
import { revisionLabel } from '../../domain/arn';
import { reportNewRevision, type ServiceRef } from './reportRevision';
import { loadContext, pickAsync, pickFamily, type DeployCommandDeps } from './shared';
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

async function pickImage(deps: DeployCommandDeps, currentImage: string, region?: string): Promise<string | undefined> {
  const other = vscode.l10n.t('$(edit) Enter an image reference…');
  let ref: ReturnType<typeof parseImageReference> | undefined;
  try {
    ref = parseImageReference(currentImage);
  } catch {
    ref = undefined;
  }
  const picked = await pickAsync<vscode.QuickPickItem & { image?: string }>(
    vscode.l10n.t('Update image: new image'),
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
    title: vscode.l10n.t('Update image: image reference'),
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
    let service: Service | undefined;
    let base = revisionNode?.taskDefinitionArn ?? revisionNode?.family ?? containerNode?.taskDefinitionArn;
    if (serviceNode?.serviceName) {
      const cluster = serviceNode.clusterArn ?? serviceNode.clusterName ?? '';
      service = await describeService({ clients: deps.clients, region, signal: NEVER_ABORTS }, cluster, serviceNode.serviceName);
      base = service?.taskDefinition ?? serviceNode.taskDefinitionArn;
    }
    base ??= await pickFamily(deps.clients, vscode.l10n.t('Update image: task-definition family'));
    if (!base) return undefined;
    const described = await describeRevision(deps.clients, base, { signal: NEVER_ABORTS, region });
    const { taskDefinition } = described;
    const containers = taskDefinition.containerDefinitions ?? [];
    let containerName = containerNode?.containerName;
    if (!containerName) {
      if (containers.length === 1) containerName = containers[0].name;
      else {
        const picked = await vscode.window.showQuickPick(
          containers.map((c) => ({ label: c.name ?? '', description: c.image ? shortImageLabel(c.image) : '', detail: c.image })),
          { title: vscode.l10n.t('Update image: container of {0}', revisionLabel(taskDefinition.taskDefinitionArn)), placeHolder: vscode.l10n.t('Choose the container whose image changes') },
        );
        containerName = picked?.label;
      }
    }
    if (!containerName) return undefined;
    const current = containers.find((c) => c.name === containerName)?.image ?? '';
    const image = await pickImage(deps, current, region);
    if (!image) return undefined;
    if (image === current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already runs {1}: nothing to register.', containerName, image));
      return undefined;
    }
    const result = await withCancellableProgress({ title: vscode.l10n.t('Registering {0} with {1}…', taskDefinition.family ?? '', shortImageLabel(image)) }, (signal) =>
      registerWithImages(deps.clients, described, { containerName, image }, { signal, region }),
    );
    const serviceRef: ServiceRef | undefined = service && serviceNode
      ? { cluster: serviceNode.clusterArn ?? serviceNode.clusterName ?? '', service: service.serviceName ?? '', current: service.taskDefinition, desiredCount: service.desiredCount }
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
