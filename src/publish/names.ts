// Grammar checks for what users type or files contain before any of it reaches a command line.
// Every value that passes these checks starts with a letter, digit, '_' or '/' (absolute paths), so a
// container CLI can never read it as an option.
import * as l10n from '@vscode/l10n';
import { tryParseImageReference } from '../domain/imageRef';

/** A registry host with optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{12,64}$/;
/** `linux/amd64`, `linux/arm64/v8`, `windows/amd64`. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** A local image: an image reference (domain/imageRef's grammar) or an image id. */
export function checkLocalImage(reference: string): string | undefined {
  if (tryParseImageReference(reference) || IMAGE_ID.test(reference)) return undefined;
  return l10n.t`"${reference}" is not a valid local image reference or image id.`;
}

export function checkPlatform(platform: string): string | undefined {
  return PLATFORM.test(platform) ? undefined : l10n.t`"${platform}" is not a platform like linux/amd64.`;
}

export function checkRegistryHost(host: string): string | undefined {
  return HOST.test(host) ? undefined : l10n.t`"${host}" is not a registry host.`;
}

/** Throws with the message of the first failing check. */
export function assertValid(message: string | undefined): void {
  if (message !== undefined) throw new Error(message);
}

/** The registry host of a proxy endpoint: `https://123.dkr.ecr.us-east-1.amazonaws.com` → host. */
export function registryHostOf(endpoint: string): string {
  const url = new URL(endpoint.includes('://') ? endpoint : `https://${endpoint}`);
  const host = url.host;
  assertValid(checkRegistryHost(host));
  return host;
}

/**
 * True for registries on this machine reached over plain HTTP. Only these get `--tls-verify=false`
 * (podman) or `--insecure-registry` (nerdctl/finch); a remote registry always needs TLS.
 * Docker treats 127.0.0.0/8 as insecure by itself.
 */
export function isLoopbackHttpEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** `host/repository:tag`. */
export function imageUri(registryHost: string, repository: string, tag: string): string {
  return `${registryHost}/${repository}:${tag}`;
}

/** The repository part of an ECR repositoryUri (`host/name`) → `host`. */
export function hostOfRepositoryUri(repositoryUri: string): string {
  const slash = repositoryUri.indexOf('/');
  return slash < 0 ? repositoryUri : repositoryUri.slice(0, slash);
}
