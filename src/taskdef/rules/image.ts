// TD080: image references (Docker's reference grammar, one rule in domain/imageRef). Pure.
import * as l10n from '@vscode/l10n';
import { tryParseImageReference } from '../../domain/imageRef';
import { type RuleContext, has, isPlaceholder, str, type Rule } from './context';

function td080(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (!has(c.def, 'image')) {
      // The model does not mark it required, but RegisterTaskDefinition rejects a container without one.
      ctx.report('TD080', 'error', l10n.t`${ctx.label(c)} has no "image": every container needs one.`, ...ctx.at(c));
      continue;
    }
    const image = str(c.def.image);
    if (image === undefined) continue; // not a string: TD001
    const path = [...c.path, 'image'];
    if (!image.trim()) {
      ctx.report('TD080', 'error', l10n.t`${ctx.label(c)} has an empty "image": every container needs one.`, path);
      continue;
    }
    if (isPlaceholder(image)) {
      ctx.report('TD080', 'info', l10n.t`Image "${image}" is a placeholder; a render step must fill it in before registering.`, path);
      continue;
    }
    const ref = tryParseImageReference(image);
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
    docs: 'image reference: missing, empty or invalid (error), no tag or `latest` (warning), a placeholder such as `<IMAGE>`, `${IMAGE}`, `$IMAGE`, `%IMAGE%` or `YOUR_…` (info)',
    check: td080,
  },
];
