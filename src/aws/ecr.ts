// Amazon ECR: the only module that builds ECR commands. Pure (no vscode). Follows the convention
// written down at the top of ./ecs.ts.
import type {
  AuthorizationData,
  BatchDeleteImageCommandInput,
  BatchDeleteImageCommandOutput,
  DescribeImagesCommandInput,
  DescribeImagesCommandOutput,
  DescribeRepositoriesCommandOutput,
  ImageDetail,
  ImageTagMutability,
  Repository,
} from '@aws-sdk/client-ecr';
import * as l10n from '@vscode/l10n';
import { checkRepositoryName } from '../domain/names';
import { drain, paginatorConfig, send, type AwsCallOptions } from './call';
import type { ListPage } from './ecs';
import { loadSdk } from './sdk-loader';

/** ECR's DescribeImages and DescribeRepositories maximum per page. */
export const ECR_MAX_PAGE = 1000;

function client(options: AwsCallOptions) {
  return options.clients.ecr(options.region);
}

export function describeRepositoriesPage(options: AwsCallOptions, page: ListPage = {}): Promise<DescribeRepositoriesCommandOutput> {
  const { ecr } = loadSdk();
  return send(options, 'ecr', 'DescribeRepositories', client(options), new ecr.DescribeRepositoriesCommand({ ...page }));
}

/** Every repository of the region (all pages). */
export function listAllRepositories(options: AwsCallOptions): Promise<Repository[]> {
  const { ecr } = loadSdk();
  return drain(
    'ecr', 'DescribeRepositories',
    ecr.paginateDescribeRepositories(paginatorConfig(options, client(options), 'DescribeRepositories', ECR_MAX_PAGE), {}, { abortSignal: options.signal }),
    (p) => p.repositories,
  );
}

/** One repository by name; undefined when ECR answers RepositoryNotFoundException. */
export async function describeRepository(options: AwsCallOptions, repositoryName: string): Promise<Repository | undefined> {
  const { ecr } = loadSdk();
  try {
    const out = await send<DescribeRepositoriesCommandOutput>(options, 'ecr', 'DescribeRepositories', client(options), new ecr.DescribeRepositoriesCommand({ repositoryNames: [repositoryName] }));
    return out.repositories?.[0];
  } catch (e) {
    if ((e as { name?: string }).name === 'RepositoryNotFoundException') return undefined;
    throw e;
  }
}

export function describeImagesPage(options: AwsCallOptions, input: DescribeImagesCommandInput): Promise<DescribeImagesCommandOutput> {
  const { ecr } = loadSdk();
  return send(options, 'ecr', 'DescribeImages', client(options), new ecr.DescribeImagesCommand(input));
}

/** The image a tag points at, or undefined when the tag does not exist (ImageNotFoundException). */
export async function describeImageByTag(options: AwsCallOptions, repositoryName: string, imageTag: string): Promise<ImageDetail | undefined> {
  try {
    const out = await describeImagesPage(options, { repositoryName, imageIds: [{ imageTag }] });
    return out.imageDetails?.find((d) => d.imageTags?.includes(imageTag)) ?? out.imageDetails?.[0];
  } catch (e) {
    if ((e as { name?: string }).name === 'ImageNotFoundException') return undefined;
    throw e;
  }
}

/** ECR's DescribeImages limit on imageIds per call. */
const DESCRIBE_IMAGES_MAX_IDS = 100;

/**
 * The tags each of these images carries now, by digest; a digest that no longer exists is absent.
 * DescribeImages fails the whole call with ImageNotFoundException when one id is missing, so such a
 * batch is asked again one digest at a time.
 */
export async function currentTagsByDigest(options: AwsCallOptions, repositoryName: string, digests: readonly string[]): Promise<Map<string, readonly string[]>> {
  const found = new Map<string, readonly string[]>();
  const describe = async (batch: readonly string[]): Promise<boolean> => {
    try {
      const out = await describeImagesPage(options, { repositoryName, imageIds: batch.map((imageDigest) => ({ imageDigest })) });
      for (const d of out.imageDetails ?? []) if (d.imageDigest) found.set(d.imageDigest, d.imageTags ?? []);
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ImageNotFoundException') return false;
      throw e;
    }
  };
  for (let i = 0; i < digests.length; i += DESCRIBE_IMAGES_MAX_IDS) {
    const batch = digests.slice(i, i + DESCRIBE_IMAGES_MAX_IDS);
    if (!(await describe(batch)) && batch.length > 1) for (const digest of batch) await describe([digest]);
  }
  return found;
}

/** Every image of a repository (all pages of DescribeImages), optionally only the TAGGED or UNTAGGED ones. */
export function listAllImages(options: AwsCallOptions, repositoryName: string, tagStatus?: 'TAGGED' | 'UNTAGGED'): Promise<ImageDetail[]> {
  const { ecr } = loadSdk();
  return drain(
    'ecr', 'DescribeImages',
    ecr.paginateDescribeImages(
      paginatorConfig(options, client(options), 'DescribeImages', ECR_MAX_PAGE),
      { repositoryName, ...(tagStatus ? { filter: { tagStatus } } : {}) },
      { abortSignal: options.signal },
    ),
    (p) => p.imageDetails,
  );
}

/** BatchDeleteImage's limit on imageIds per call. */
export const BATCH_DELETE_IMAGE_MAX_IDS = 100;

export function batchDeleteImage(options: AwsCallOptions, input: BatchDeleteImageCommandInput): Promise<BatchDeleteImageCommandOutput> {
  const { ecr } = loadSdk();
  return send(options, 'ecr', 'BatchDeleteImage', client(options), new ecr.BatchDeleteImageCommand(input));
}

/**
 * DeleteRepository. Without `force` ECR refuses a repository that still has images
 * (RepositoryNotEmptyException); with it, the images go too.
 */
export async function deleteRepository(options: AwsCallOptions, repositoryName: string, force: boolean): Promise<Repository> {
  const { ecr } = loadSdk();
  const out = await send<{ repository?: Repository }>(options, 'ecr', 'DeleteRepository', client(options), new ecr.DeleteRepositoryCommand({ repositoryName, force }));
  return out.repository ?? { repositoryName };
}

export interface CreateRepositoryRequest {
  readonly repositoryName: string;
  readonly imageTagMutability: ImageTagMutability;
  readonly scanOnPush: boolean;
}

/**
 * CreateRepository, the one way it is done: the name is checked against ECR's own rule first (a
 * rejected name never reaches AWS), and the created repository is returned.
 */
export async function createRepository(options: AwsCallOptions, request: CreateRepositoryRequest): Promise<Repository> {
  const problem = checkRepositoryName(request.repositoryName);
  if (problem) throw Object.assign(new Error(problem), { name: 'InvalidParameterException', awsCall: 'ecr:CreateRepository' });
  const { ecr } = loadSdk();
  const out = await send<{ repository?: Repository }>(
    options, 'ecr', 'CreateRepository', client(options),
    new ecr.CreateRepositoryCommand({
      repositoryName: request.repositoryName,
      imageTagMutability: request.imageTagMutability,
      imageScanningConfiguration: { scanOnPush: request.scanOnPush },
    }),
  );
  return out.repository ?? { repositoryName: request.repositoryName };
}

/** GetAuthorizationToken for the client's account and region: the first authorization data. */
export async function getAuthorizationData(options: AwsCallOptions): Promise<AuthorizationData> {
  const { ecr } = loadSdk();
  const out = await send<{ authorizationData?: AuthorizationData[] }>(options, 'ecr', 'GetAuthorizationToken', client(options), new ecr.GetAuthorizationTokenCommand({}));
  const data = out.authorizationData?.[0];
  if (!data) throw new Error(l10n.t('GetAuthorizationToken returned no authorization data.'));
  return data;
}
