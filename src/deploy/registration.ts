// Registering task-definition revisions: register a clean input, read a revision, and render new
// image(s) into one and register the result (nothing else changed, tags kept). Pure (no vscode).
import type { RegisterTaskDefinitionCommandInput, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/clients';
import * as ecs from '../aws/ecs';
import type { DescribedRevision } from '../aws/ecs';
import { registerInputFromDescription } from '../taskdef/registrable';
import { renderImage as renderImageIntoDocument, type ImageChange, type RenderImageRequest, type TaskDefinitionDocument } from './render';
import { callOptions, type OperationOptions } from './calls';

export type { ImageChange, DescribedRevision };

export interface RegisteredRevision {
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly revision: number;
  readonly taskDefinition: TaskDefinition;
}

/** RegisterTaskDefinition with an input that is already clean (use `registerInputFromDescription` or the linter's `toRegisterInput` first). */
export async function registerRevision(
  clients: AwsClients,
  input: RegisterTaskDefinitionCommandInput,
  options: OperationOptions,
): Promise<RegisteredRevision> {
  const td = await ecs.registerTaskDefinition(callOptions(clients, options), input);
  return { taskDefinitionArn: td.taskDefinitionArn, family: td.family ?? '', revision: td.revision ?? 0, taskDefinition: td };
}

/** DescribeTaskDefinition with its tags. `reference` is an ARN, `family:revision` or `family` (latest ACTIVE). */
export async function describeRevision(
  clients: AwsClients,
  reference: string,
  options: OperationOptions,
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
  return ecs.describeTaskDefinition(callOptions(clients, options), reference);
}

/** The latest ACTIVE revision of a family, or undefined when the family has none. */
export async function latestRevision(
  clients: AwsClients,
  family: string,
  options: OperationOptions,
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] } | undefined> {
  try {
    return await describeRevision(clients, family, options);
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name === 'ClientException' || /unable to describe|not found|does not exist/i.test(err.message ?? '')) return undefined;
    throw e;
  }
}

export interface RenderAndRegisterRequest {
  /** The revision to start from: ARN, `family:revision` or `family` (latest). */
  readonly taskDefinition: string;
  /** One or more containers and their new images. */
  readonly images: RenderImageRequest | readonly RenderImageRequest[];
  readonly region?: string;
}

/** The register input of a new revision: `base` (tags kept) with new image(s) and nothing else changed. Pure. */
export function renderRevision(
  base: DescribedRevision,
  images: RenderImageRequest | readonly RenderImageRequest[],
): { input: RegisterTaskDefinitionCommandInput; changes: ImageChange[] } {
  const rendered = renderImageIntoDocument(registerInputFromDescription(base.taskDefinition, base.tags) as TaskDefinitionDocument, images);
  return { input: rendered.taskDefinition as RegisterTaskDefinitionCommandInput, changes: rendered.changes };
}

/**
 * Registers a new revision of a revision already described (so callers that read it to pick the
 * container do not read it again), with new image(s) and nothing else changed.
 */
export async function registerWithImages(
  clients: AwsClients,
  base: DescribedRevision,
  images: RenderImageRequest | readonly RenderImageRequest[],
  options: OperationOptions,
): Promise<RegisteredRevision & { changes: ImageChange[]; from: string }> {
  const rendered = renderRevision(base, images);
  const registered = await registerRevision(clients, rendered.input, options);
  return { ...registered, changes: rendered.changes, from: base.taskDefinition.taskDefinitionArn ?? '' };
}

/**
 * Renders new image(s) into a revision and registers the result: a new revision with only that change
 * (tags kept). Resolves with the new revision and the image changes.
 */
export async function renderImage(
  clients: AwsClients,
  request: RenderAndRegisterRequest,
  options: Pick<OperationOptions, 'signal'>,
): Promise<RegisteredRevision & { changes: ImageChange[]; from: string }> {
  const where = { signal: options.signal, region: request.region };
  const base = await describeRevision(clients, request.taskDefinition, where);
  const registered = await registerWithImages(clients, base, request.images, where);
  return { ...registered, from: registered.from || request.taskDefinition };
}
