// TD002: fields of describe-task-definition output that RegisterTaskDefinition rejects. Pure.
import * as l10n from '@vscode/l10n';
import { DESCRIBE_FIELDS } from '../registrable';
import * as fixes from '../fixes';
import { type RuleContext, has, type Rule } from './context';

// TD002 describe output

function td002(ctx: RuleContext): void {
  if (ctx.wrapped) {
    ctx.report('TD002', 'warning',
      l10n.t('The task definition is wrapped in {"taskDefinition": …} (describe-task-definition output); register-task-definition takes the inner object. Quick fix: unwrap it.'),
      ['taskDefinition'], 'key', fixes.unwrap());
  }
  const present = DESCRIBE_FIELDS.filter((f) => has(ctx.td, f));
  for (const field of present) {
    ctx.report('TD002', 'warning',
      l10n.t`"${field}" only appears in describe output; RegisterTaskDefinition rejects it. Quick fix: remove the describe-output fields.`,
      ctx.p(field), 'key', fixes.removeMembers(present.map((f) => ctx.p(f)), l10n.t('Remove describe-output fields')));
  }
}

export const DESCRIBE_RULES: Rule[] = [
  {
    id: 'TD002',
    severity: 'warning',
    title: 'describe-output fields or a {"taskDefinition": …} wrapper',
    docs: 'describe-output fields (`taskDefinitionArn`, `revision`, `status`, `requiresAttributes`, `compatibilities`, `registeredAt`/`By`, `deregisteredAt`) or a `{"taskDefinition": …}` wrapper',
    fix: 'removes the describe-output fields or unwraps `{"taskDefinition": …}`',
    check: td002,
  },
];
