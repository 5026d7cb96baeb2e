// The lint rule registry: every rule of docs/taskdef-rules.md as one object (id, default severity, title,
// docs, check, quick fix), gathered from the topic files beside this one. The CLI's rule list, SARIF's
// rule metadata, the settings' id check and the README's rule table (`npm run readme-tables`) all read
// this list; a new rule is one object in its topic file. Pure.
import type { JsonPath } from '../document';
import { RuleContext, type Obj, type RawFinding, type Rule } from './context';
import { CONTAINERS_RULES } from './containers';
import { DESCRIBE_RULES } from './describe';
import { FARGATE_RULES } from './fargate';
import { IMAGE_RULES } from './image';
import { LOGGING_RULES } from './logging';
import { NETWORK_RULES } from './network';
import { PLATFORM_RULES } from './platform';
import { RESOURCES_RULES } from './resources';
import { SECURITY_RULES } from './security';
import { SETTINGS_RULES } from './settings';

export type { RawFinding, Rule } from './context';

/** TD000 and TD001 run before the semantic rules (lint.ts, schemaCheck.ts); they are listed here for their docs. */
const INPUT_RULES: Rule[] = [
  {
    id: 'TD000',
    severity: 'error',
    title: 'the file is valid JSON, without comments',
    docs: 'valid JSON; comments are an error (the API rejects them)',
  },
  {
    id: 'TD001',
    severity: 'error',
    title: 'schema shape: types, enums, required keys, patterns, lengths, unknown keys',
    docs: 'schema shape: types, enums, required `family`/`containerDefinitions`, patterns, lengths, unknown keys with "did you mean"',
  },
];

/** Every rule, in id order. */
export const RULES: readonly Rule[] = [
  ...INPUT_RULES,
  ...DESCRIBE_RULES,
  ...FARGATE_RULES,
  ...LOGGING_RULES,
  ...NETWORK_RULES,
  ...CONTAINERS_RULES,
  ...RESOURCES_RULES,
  ...SETTINGS_RULES,
  ...PLATFORM_RULES,
  ...SECURITY_RULES,
  ...IMAGE_RULES,
].sort((a, b) => a.id.localeCompare(b.id));

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

const CHECKS = RULES.flatMap((r) => (r.check ? [r.check] : []));

/** Runs every rule's check on the task definition `td` found at `base` in the file. */
export function runRules(td: Obj, base: JsonPath, wrapped: boolean): RawFinding[] {
  const ctx = new RuleContext(td, base, wrapped);
  for (const check of CHECKS) check(ctx);
  return ctx.out;
}
