// TD080: image references (OCI/distribution reference grammar). Pure.
import * as l10n from '@vscode/l10n';
import { type RuleContext, isPlaceholder, str, type Rule } from './context';

// TD080 image references (OCI/distribution reference grammar)

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

export function parseImageReference(image: string): { name: string; tag?: string; digest?: string } | undefined {
  const m = REFERENCE.exec(image);
  if (!m || image.length > 255 + 72) return undefined;
  return { name: (m[1] ? m[1] + '/' : '') + m[2], tag: m[3], digest: m[4] };
}

function td080(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const image = str(c.def.image);
    if (image === undefined) continue;
    const path = [...c.path, 'image'];
    if (isPlaceholder(image)) {
      ctx.report('TD080', 'info', l10n.t`Image "${image}" is a placeholder; a render step must fill it in before registering.`, path);
      continue;
    }
    const ref = parseImageReference(image);
    if (!ref) {
      ctx.report('TD080', 'error', l10n.t`"${image}" is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository).`, path);
    } else if (!ref.digest && (ref.tag === undefined || ref.tag === 'latest')) {
      ctx.report('TD080', 'warning', ref.tag
        ? l10n.t`Image "${image}" uses the "latest" tag: pin a version tag or a digest so that a rollback gets the same image.`
        : l10n.t`Image "${image}" has no tag (so it means "latest"): pin a version tag or a digest so that a rollback gets the same image.`, path);
    }
  }
}

export const IMAGE_RULES: Rule[] = [
  {
    id: 'TD080',
    severity: 'error',
    levels: ['error', 'warning', 'info'],
    title: 'image reference syntax, tag and placeholders',
    docs: 'image reference: invalid (error), no tag or `latest` (warning), a placeholder such as `<IMAGE>`/`${IMAGE}` (info)',
    check: td080,
  },
];
