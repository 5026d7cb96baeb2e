// Container image references: one rule, Docker's (the distribution reference grammar that
// `docker pull` and ECS apply). Repository path components are lowercase, so `Web:1` is not an image
// reference; a registry port is not a tag (`localhost:5000/web`). Pure.
import * as l10n from '@vscode/l10n';

export interface ImageReference {
  /** Registry host with optional port (`123456789012.dkr.ecr.us-east-1.amazonaws.com`, `localhost:5000`); undefined for Docker Hub short names. */
  readonly registry?: string;
  /** Repository path without registry (`web`, `team/web`, `library/nginx`). */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:<hex>` when the reference is pinned by digest. */
  readonly digest?: string;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG_SOURCE = '[\\w][\\w.-]{0,127}';
const DIGEST_SOURCE = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG_SOURCE}))?(?:@(${DIGEST_SOURCE}))?$`);
const TAG = new RegExp(`^${TAG_SOURCE}$`);
const DIGEST = new RegExp(`^${DIGEST_SOURCE}$`);
/** Docker's limit on the name (registry and repository). */
const MAX_NAME_LENGTH = 255;

/** Docker's rule: the first component is a registry when it has a '.' or ':', is `localhost`, or is not lowercase. */
function isRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.toLowerCase() !== component;
}

/** Splits an image reference, or undefined when it is not one. */
export function tryParseImageReference(reference: string): ImageReference | undefined {
  const m = REFERENCE.exec(reference);
  if (!m) return undefined;
  const name = m[1] ? `${m[1]}/${m[2]}` : m[2];
  if (name.length > MAX_NAME_LENGTH) return undefined;
  const slash = name.indexOf('/');
  const first = slash > 0 ? name.slice(0, slash) : undefined;
  const registry = first !== undefined && isRegistry(first) ? first : undefined;
  return { registry, repository: registry ? name.slice(slash + 1) : name, tag: m[3], digest: m[4] };
}

/** Splits an image reference; throws on something that cannot be an image reference. */
export function parseImageReference(reference: string): ImageReference {
  const ref = tryParseImageReference(reference);
  if (!ref) {
    throw new Error(l10n.t`"${reference}" is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository).`);
  }
  return ref;
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
  const ref = tryParseImageReference(reference);
  if (!ref) return reference;
  const base = ref.repository.split('/').pop() ?? ref.repository;
  if (ref.digest) return `${base}@${ref.digest.slice(0, 14)}`;
  return ref.tag ? `${base}:${ref.tag}` : base;
}

/** An image in a private ECR registry (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/…`). */
export function isEcrImage(image: string): boolean {
  return /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(image);
}
