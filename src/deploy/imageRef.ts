import * as l10n from '@vscode/l10n';
// Container image references, split the way the OCI distribution grammar does it.
// A naive rsplit(':') breaks on a registry port (`localhost:5000/web`); we only look for the tag after
// the last '/', and a digest after '@'.

export interface ImageReference {
  /** Registry host with optional port (`123456789012.dkr.ecr.us-east-1.amazonaws.com`, `localhost:5000`); undefined for Docker Hub short names. */
  readonly registry?: string;
  /** Repository path without registry (`web`, `team/web`, `library/nginx`). */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:<hex>` when the reference is pinned by digest. */
  readonly digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** True when the first path component is a registry host rather than a Docker Hub namespace. */
function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Splits an image reference; throws on something that cannot be an image reference. */
export function parseImageReference(reference: string): ImageReference {
  const trimmed = reference.trim();
  if (trimmed === '' || /\s/.test(trimmed)) throw new Error(l10n.t`Not an image reference: "${reference}"`);
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(l10n.t`Invalid digest in image reference "${reference}"`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw new Error(l10n.t`Invalid tag "${tag}" in image reference "${reference}"`);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0 && looksLikeRegistry(rest.slice(0, firstSlash))) {
    registry = rest.slice(0, firstSlash);
    rest = rest.slice(firstSlash + 1);
  }
  if (rest === '' || rest.startsWith('/') || rest.endsWith('/') || rest.includes('//')) {
    throw new Error(l10n.t`Invalid repository in image reference "${reference}"`);
  }
  return { registry, repository: rest, tag, digest };
}

/** The reference as a string: `registry/repository[:tag][@digest]`. */
export function formatImageReference(ref: ImageReference): string {
  let out = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
  if (ref.tag) out += `:${ref.tag}`;
  if (ref.digest) out += `@${ref.digest}`;
  return out;
}

/** `registry/repository` without tag or digest: what identifies "the same image, another version". */
export function imageName(reference: string): string {
  const ref = parseImageReference(reference);
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}

/** The same repository with another tag (drops any digest). */
export function withTag(reference: string, tag: string): string {
  if (!TAG.test(tag)) throw new Error(l10n.t`Invalid tag "${tag}"`);
  const ref = parseImageReference(reference);
  return formatImageReference({ registry: ref.registry, repository: ref.repository, tag });
}

/** The same repository pinned by digest (drops any tag). */
export function withDigest(reference: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new Error(l10n.t`Invalid digest "${digest}"`);
  const ref = parseImageReference(reference);
  return formatImageReference({ registry: ref.registry, repository: ref.repository, digest });
}

/** A short label for status lines: `web:3f2a1c` or `web@sha256:1234567`. */
export function shortImageLabel(reference: string): string {
  try {
    const ref = parseImageReference(reference);
    const base = ref.repository.split('/').pop() ?? ref.repository;
    if (ref.digest) return `${base}@${ref.digest.slice(0, 14)}`;
    return ref.tag ? `${base}:${ref.tag}` : base;
  } catch {
    return reference;
  }
}
