// Names the user types or files contain, checked by the rules of the API that receives them. Pure.
import * as l10n from '@vscode/l10n';

/**
 * ECR repository names, exactly the pattern of the ECR API model (RepositoryName, 2-256 characters):
 * lowercase path components joined by '/', each made of [a-z0-9] runs separated by '.', '_', '__'
 * or one or more '-'. So `my--app` and `team/web-api` are valid; `Web`, `web/`, `-app` are not.
 */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** Docker/OCI tag grammar: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (what `docker push` accepts; ECR stores it as is). */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Undefined when `name` is a valid ECR repository name, otherwise a message for the user. */
export function checkRepositoryName(name: string): string | undefined {
  if (name.length < 2 || name.length > 256) return l10n.t('A repository name has 2 to 256 characters.');
  if (!REPOSITORY.test(name)) {
    return l10n.t`"${name}" is not a valid ECR repository name: lowercase letters, digits, and '.', '_', '-' or '/' between them.`;
  }
  return undefined;
}

/** Undefined when `tag` is a valid image tag, otherwise a message for the user. */
export function checkTag(tag: string): string | undefined {
  if (tag === '') return l10n.t('A tag cannot be empty.');
  if (tag.length > 128) return l10n.t('A tag has at most 128 characters.');
  if (!TAG.test(tag)) {
    return l10n.t`"${tag}" is not a valid tag: use letters, digits, '_', '.' and '-', not starting with '.' or '-'.`;
  }
  return undefined;
}
