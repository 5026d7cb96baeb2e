// TD060–TD061: what the execution role and Windows containers need. Pure.
import * as l10n from '@vscode/l10n';
import { isEcrImage } from '../../domain/imageRef';
import type { JsonPath, Part } from '../document';
import { type RuleContext, has, isObj, nonEmpty, str, type Rule } from './context';

// TD060/TD061

function td060(ctx: RuleContext): void {
  if (has(ctx.td, 'executionRoleArn')) return;
  const reasons: [string, JsonPath, Part][] = [];
  for (const c of ctx.containers) {
    if (nonEmpty(c.def.secrets)) reasons.push(['secrets', [...c.path, 'secrets'], 'key']);
    if (isObj(c.def.repositoryCredentials)) reasons.push([l10n.t('private registry credentials'), [...c.path, 'repositoryCredentials'], 'key']);
    const lc = c.def.logConfiguration;
    if (isObj(lc) && nonEmpty(lc.secretOptions)) reasons.push([l10n.t('log secretOptions'), [...c.path, 'logConfiguration', 'secretOptions'], 'key']);
    // awslogs on Fargate without the role is an error of TD011: registration rejects it.
    const image = str(c.def.image);
    // On EC2 the container instance role pulls images; on Fargate the execution role does.
    if (ctx.fargate && image && isEcrImage(image)) reasons.push([l10n.t('an ECR image on Fargate'), [...c.path, 'image'], 'value']);
  }
  if (!reasons.length) return;
  const what = [...new Set(reasons.map((r) => r[0]))].join(', ');
  // One sentence per grammatical number ("secrets need", "an ECR image needs"), not an English suffix.
  const message = reasons.length === 1 && !what.endsWith('s')
    ? l10n.t`"executionRoleArn" is missing, but ${what} needs the task execution role.`
    : l10n.t`"executionRoleArn" is missing, but ${what} need the task execution role.`;
  ctx.report('TD060', 'warning', message, reasons[0][1], reasons[0][2]);
}

function td061(ctx: RuleContext): void {
  if (!ctx.windows) return;
  for (const key of ['pidMode', 'ipcMode']) {
    if (has(ctx.td, key)) ctx.report('TD061', 'warning', l10n.t`Windows tasks do not support "${key}".`, ctx.p(key), 'key');
  }
  for (const c of ctx.containers) {
    for (const key of ['privileged', 'user', 'readonlyRootFilesystem', 'links', 'ulimits', 'dnsServers', 'disableNetworking', 'extraHosts']) {
      if (nonEmpty(c.def[key])) ctx.report('TD061', 'warning', l10n.t`Windows containers ignore or reject "${key}".`, [...c.path, key], 'key');
    }
  }
}

export const PLATFORM_RULES: Rule[] = [
  {
    id: 'TD060',
    severity: 'warning',
    title: 'executionRoleArn needed',
    docs: '`executionRoleArn` missing while secrets, registry credentials or an ECR image on Fargate need it (`awslogs` on Fargate: TD011)',
    check: td060,
  },
  {
    id: 'TD061',
    severity: 'warning',
    title: 'fields Windows containers ignore or reject',
    docs: 'fields Windows containers ignore or reject',
    check: td061,
  },
];
