// TD070–TD077: security and hygiene (Security Hub ECS.n and similar checks). Pure.
import * as l10n from '@vscode/l10n';
import { accountOfArn, parseArn } from '../../domain/arn';
import type { JsonPath, Part } from '../document';
import * as fixes from '../fixes';
import { type RuleContext, arr, essential, has, isObj, str, type Rule } from './context';

// TD070–TD077 security and hygiene

function td070(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (c.def.privileged === true) ctx.report('TD070', 'warning', l10n.t`${ctx.label(c)} runs privileged, with full access to the host (Security Hub ECS.4).`, [...c.path, 'privileged']);
  }
}

function td071(ctx: RuleContext): void {
  for (const key of ['pidMode', 'ipcMode']) {
    if (ctx.td[key] === 'host') ctx.report('TD071', 'warning', key === 'pidMode'
      ? l10n.t`${key} "host" shares the host's process namespace with the containers (Security Hub ECS.3).`
      : l10n.t`${key} "host" shares the host's IPC namespace with the containers (Security Hub ECS.3).`, ctx.p(key));
  }
}

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|CREDENTIALS?)/i;
const NOT_A_SECRET = /(_ARN|_FILE|_PATH|_URL|_URI|_NAME|_ENDPOINT|_REGION|_TTL|_EXPIRY|_EXPIRATION|_LENGTH|_HEADER|_ENABLED|_TYPE|_DIR|_PARAM|_PARAMETER)$/i;

export function isSecretLike(name: string, value: unknown): boolean {
  if (typeof value === 'string' && /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value)) return true;
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

function td072(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    arr(c.def.environment).forEach((e, i) => {
      if (!isObj(e)) return;
      const name = str(e.name);
      if (name === undefined || !isSecretLike(name, e.value)) return;
      ctx.report('TD072', 'warning',
        l10n.t`Environment variable "${name}" looks like a secret: plain environment values are visible to anyone who can describe the task definition (Security Hub ECS.8). Move it to "secrets" (Secrets Manager or SSM Parameter Store).`,
        [...c.path, 'environment', i, 'name'], 'value', fixes.moveToSecrets(c.path, i, name, c.def));
    });
  }
}

/** A Secrets Manager or SSM ARN whose region or account is still a placeholder (the move-to-secrets fix leaves one). */
function unfilledArn(value: string): boolean {
  const arn = parseArn(value);
  if (!arn || (arn.service !== 'secretsmanager' && arn.service !== 'ssm')) return false;
  return !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(arn.region) || accountOfArn(value) === undefined;
}

function td072Placeholders(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    const lc = c.def.logConfiguration;
    const lists: [string[], unknown][] = [[['secrets'], c.def.secrets], [['logConfiguration', 'secretOptions'], isObj(lc) ? lc.secretOptions : undefined]];
    for (const [at, list] of lists) {
      arr(list).forEach((s, i) => {
        const valueFrom = isObj(s) ? str(s.valueFrom) : undefined;
        if (valueFrom === undefined || !unfilledArn(valueFrom)) return;
        ctx.report('TD072', 'warning',
          l10n.t`valueFrom "${valueFrom}" is an unfilled placeholder: put the region and account ID of the secret or parameter in the ARN, or the task cannot start.`,
          [...c.path, ...at, i, 'valueFrom']);
      });
    }
  }
}

function td073(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (!isObj(c.def.logConfiguration)) ctx.report('TD073', 'warning', l10n.t`${ctx.label(c)} has no logConfiguration: its output is lost (Security Hub ECS.9).`, ...ctx.at(c));
  }
}

function td074(ctx: RuleContext): void {
  if (ctx.windows) return;
  for (const c of ctx.containers) {
    if (c.def.readonlyRootFilesystem === true) continue;
    const target: [JsonPath, Part] = has(c.def, 'readonlyRootFilesystem') ? [[...c.path, 'readonlyRootFilesystem'], 'value'] : ctx.at(c);
    ctx.report('TD074', 'info', l10n.t`${ctx.label(c)} can write to its root filesystem; set "readonlyRootFilesystem": true and mount volumes where it must write (Security Hub ECS.5).`, ...target);
  }
}

function td075(ctx: RuleContext): void {
  if (ctx.windows) return;
  for (const c of ctx.containers) {
    const user = str(c.def.user);
    if (user === undefined) {
      ctx.report('TD075', 'info', l10n.t`${ctx.label(c)} sets no "user", so it runs as the image's user (often root). Set a non-root user.`, ...ctx.at(c));
    } else if (/^(root|0)(:(root|0))?$/.test(user)) {
      ctx.report('TD075', 'info', l10n.t`${ctx.label(c)} runs as root; use a non-root user.`, [...c.path, 'user']);
    }
  }
}

function td076(ctx: RuleContext): void {
  for (const c of ctx.containers) {
    if (essential(c) && !isObj(c.def.healthCheck)) {
      ctx.report('TD076', 'info', l10n.t`Essential ${ctx.noun(c)} has no healthCheck: ECS cannot tell when it stops working.`, ...ctx.at(c));
    }
  }
}

function td077(ctx: RuleContext): void {
  const task = str(ctx.td.taskRoleArn);
  if (task !== undefined && task === str(ctx.td.executionRoleArn)) {
    ctx.report('TD077', 'info', l10n.t('taskRoleArn equals executionRoleArn: the application gets the permissions meant for ECS (pulling images, reading secrets). Use a separate task role.'), ctx.p('taskRoleArn'));
  }
}

export const SECURITY_RULES: Rule[] = [
  {
    id: 'TD070',
    severity: 'warning',
    title: 'privileged container',
    docs: '`privileged: true` (Security Hub ECS.4)',
    check: td070,
  },
  {
    id: 'TD071',
    severity: 'warning',
    title: 'pidMode or ipcMode host',
    docs: '`pidMode`/`ipcMode` `host` (ECS.3)',
    check: td071,
  },
  {
    id: 'TD072',
    severity: 'warning',
    title: 'secret-like environment variables',
    docs: 'secret-like environment variables (ECS.8); a `valueFrom` ARN whose region or account is still a placeholder',
    fix: 'moves the variable to `secrets` with a `valueFrom` placeholder to fill in',
    check: (ctx) => {
      td072(ctx);
      td072Placeholders(ctx);
    },
  },
  {
    id: 'TD073',
    severity: 'warning',
    title: 'container without logConfiguration',
    docs: 'container without `logConfiguration` (ECS.9)',
    check: td073,
  },
  {
    id: 'TD074',
    severity: 'info',
    title: 'readonlyRootFilesystem not true',
    docs: '`readonlyRootFilesystem` not true (ECS.5)',
    check: td074,
  },
  {
    id: 'TD075',
    severity: 'info',
    title: 'user unset or root',
    docs: '`user` unset or root',
    check: td075,
  },
  {
    id: 'TD076',
    severity: 'info',
    title: 'essential container without healthCheck',
    docs: 'essential container without `healthCheck`',
    check: td076,
  },
  {
    id: 'TD077',
    severity: 'info',
    title: 'taskRoleArn equals executionRoleArn',
    docs: '`taskRoleArn` equals `executionRoleArn`',
    check: td077,
  },
];
