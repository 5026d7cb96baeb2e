// Delete Image(s) deletes what the confirmation showed, or nothing. The tree was loaded a while ago:
// a tag may have moved since (a push of `latest`), so the images are deleted by the digest that was
// shown, and only when each one still carries exactly the tags that were shown. Pure: no vscode.

export interface ShownImage {
  readonly digest: string;
  /** The tags the confirmation listed for this image. */
  readonly tags: readonly string[];
}

export interface MovedImage {
  readonly digest: string;
  readonly shown: readonly string[];
  readonly now: readonly string[];
}

export interface ImageDeletionPlan {
  /** Ids to send to BatchDeleteImage: digests only, never a tag that may point elsewhere now. */
  readonly imageIds: { imageDigest: string }[];
  /** Images whose tags changed since they were shown: when any, nothing may be deleted. */
  readonly moved: MovedImage[];
  /** Shown images that no longer exist (deleted by someone else): nothing to do for them. */
  readonly gone: string[];
}

/** `current`: digest → its tags now, for the shown digests that still exist. */
export function planImageDeletion(shown: readonly ShownImage[], current: ReadonlyMap<string, readonly string[]>): ImageDeletionPlan {
  const imageIds: { imageDigest: string }[] = [];
  const moved: MovedImage[] = [];
  const gone: string[] = [];
  for (const image of shown) {
    const now = current.get(image.digest);
    if (!now) {
      gone.push(image.digest);
      continue;
    }
    if (!sameTags(image.tags, now)) moved.push({ digest: image.digest, shown: image.tags, now });
    imageIds.push({ imageDigest: image.digest });
  }
  return { imageIds: moved.length ? [] : imageIds, moved, gone };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((tag, i) => tag === [...b].sort()[i]);
}
