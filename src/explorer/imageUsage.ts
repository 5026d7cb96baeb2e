// Which running tasks use an ECR image, asked before the image is deleted: a service whose tasks run
// it cannot start new ones once it is gone. A container uses an image when its reference names the
// same repository and either the digest ECS reports for it (`containers[].imageDigest`, set once the
// image was pulled), the digest it is pinned to, or the tag it pulls is the image's. Only the
// region's running tasks are read (ListTasks per cluster, all pages; DescribeTasks in batches of 100),
// under the caller's signal and an overall deadline; a check that could not be completed says why
// instead of claiming that nothing uses the image. Pure (no vscode).
import type { Container, Task } from '@aws-sdk/client-ecs';
import * as l10n from '@vscode/l10n';
import { failureText } from '../aws/errors';
import * as ecs from '../aws/ecs';
import { isDescribeFailuresError, type AwsCallOptions } from '../aws/call';
import { resourceName } from '../domain/arn';
import { tryParseImageReference } from '../domain/imageRef';
import { taskService } from './format';

/** An image about to be deleted: its repository's URI (`registry/repository`), digest and tags. */
export interface CheckedImage {
  readonly repositoryUri?: string;
  readonly digest: string;
  readonly tags: readonly string[];
}

/** The running tasks of one service (or the standalone tasks of a cluster) that use one image. */
export interface ImageUser {
  readonly digest: string;
  readonly cluster: string;
  /** Undefined for standalone tasks (RunTask). */
  readonly service?: string;
  readonly taskIds: string[];
}

export interface ImageUsage {
  readonly users: ImageUser[];
  /** The clusters whose running tasks were read. */
  readonly clusters: number;
  /** Why the check could not be completed; `users` then holds what was seen before it stopped. */
  readonly incomplete?: string;
}

/** How long the whole check may take before the deletion is asked without it. */
export const USAGE_CHECK_MS = 60_000;

/** The image of `images` this container uses, if any. */
export function imageUsedBy(container: Pick<Container, 'image' | 'imageDigest'>, images: readonly CheckedImage[]): CheckedImage | undefined {
  const ref = container.image ? tryParseImageReference(container.image) : undefined;
  const name = ref && (ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository);
  return images.find((image) => {
    if (image.repositoryUri !== undefined && name !== image.repositoryUri) return false;
    if (container.imageDigest === image.digest || ref?.digest === image.digest) return true;
    // Not pulled yet, or pulled before the tag moved: the tag it pulls is this image's now.
    return !!ref && !ref.digest && image.tags.includes(ref.tag ?? 'latest');
  });
}

/** Groups the tasks that use `images` by image, cluster and service. */
export function usersOf(tasks: readonly Task[], images: readonly CheckedImage[]): ImageUser[] {
  const users = new Map<string, ImageUser>();
  for (const task of tasks) {
    const used = new Set<string>();
    for (const c of task.containers ?? []) {
      const image = imageUsedBy(c, images);
      if (image) used.add(image.digest);
    }
    for (const digest of used) {
      const cluster = resourceName(task.clusterArn);
      const service = taskService(task);
      const key = `${digest}|${cluster}|${service ?? ''}`;
      const user = users.get(key) ?? { digest, cluster, service, taskIds: [] };
      user.taskIds.push(resourceName(task.taskArn));
      users.set(key, user);
    }
  }
  return [...users.values()];
}

/**
 * The running tasks of the region that use one of `images`. Never rejects for a failed call: the
 * failure (or the deadline) is returned as `incomplete`. Rejects only when `options.signal` aborts.
 */
export async function findImageUsers(options: AwsCallOptions, images: readonly CheckedImage[], deadlineMs = USAGE_CHECK_MS): Promise<ImageUsage> {
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = AbortSignal.any([options.signal, deadline]);
  const call = { ...options, signal };
  const tasks: Task[] = [];
  let clusters = 0;
  let incomplete: string | undefined;
  try {
    for (const cluster of await ecs.listAllClusterArns(call)) {
      const arns = await ecs.listAllTaskArns(call, { cluster, desiredStatus: 'RUNNING' });
      try {
        tasks.push(...(await ecs.describeTasks(call, cluster, arns)).items);
      } catch (e) {
        if (!isDescribeFailuresError(e)) throw e;
        tasks.push(...(e.described as Task[]));
        incomplete = l10n.t('{0} tasks of {1} could not be read ({2})', e.failures.length, resourceName(cluster), e.failures.map((f) => f.reason ?? '?').join(', '));
        break;
      }
      clusters++;
    }
  } catch (e) {
    if (options.signal.aborted) throw e;
    incomplete = deadline.aborted ? l10n.t('it took longer than {0} s', deadlineMs / 1000) : failureText(e);
  }
  return { users: usersOf(tasks, images), clusters, incomplete };
}

/** The users in words: "service web in production (2 tasks)", "task 0123abcd in staging". */
export function describeUsers(users: readonly ImageUser[]): string[] {
  return users.map((u) => {
    if (u.service) {
      return u.taskIds.length === 1
        ? l10n.t('service {0} in {1} (1 task)', u.service, u.cluster)
        : l10n.t('service {0} in {1} ({2} tasks)', u.service, u.cluster, u.taskIds.length);
    }
    return u.taskIds.length === 1
      ? l10n.t('task {0} in {1}', u.taskIds[0], u.cluster)
      : l10n.t('tasks {0} in {1}', u.taskIds.join(', '), u.cluster);
  });
}
