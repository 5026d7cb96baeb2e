// The task-definition linter: text in, findings out (rule id, severity, message, exact 0-based range,
// optional quick fix as text edits). Pure: used by the editor, the command-line linter and the register
// command's lint gate.
import * as l10n from '@vscode/l10n';
import { parse } from 'jsonc-parser';
import { ParsedText, syntaxProblems, type JsonPath, type Part } from './document';
import { minimalEdit, type FixSpec } from './fixes';
import { isDescribeOutput } from './registrable';
import { runRules, type RawFinding } from './rules/index';
import { checkShape } from './schemaCheck';
import type { Finding, Fix, LintOptions, Severity, SeveritySetting } from './types';

export type { Finding, Fix, LintOptions, Range, Position, Severity, SeveritySetting, TextEdit } from './types';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops null-valued members (the SDKs leave them out when registering); array items stay in place. */
function stripNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = stripNullMembers(value[i]);
      if (v !== value[i]) (copy ??= value.slice())[i] = v;
    }
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === null) {
      changed = true;
      continue;
    }
    const s = stripNullMembers(v);
    if (s !== v) changed = true;
    out[key] = s;
  }
  return changed ? out : value;
}

/** A task definition nests about 6 levels deep; far deeper input would overflow the parsers' recursion. */
export const MAX_DEPTH = 100;

/** Offset of the bracket that opens nesting level MAX_DEPTH + 1, or -1. Strings and comments are skipped. */
function tooDeepAt(text: string): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < n && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    }
  }
  return -1;
}

/** Whether `value` (parsed, `depth` its level) holds an object or array below level MAX_DEPTH; stops at the first. */
function nestsTooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsTooDeep(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (nestsTooDeep((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** Lints the text of a task-definition file. */
export function lintTaskDefinition(text: string, options: LintOptions = {}): Finding[] {
  const parsed = new ParsedText(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  const raw: RawFinding[] = [];
  const direct: Finding[] = [];

  // JSON.parse does not recurse; what reads the value afterwards does. The depth is checked on the
  // parsed value (a walk of its nodes, not of every character), or on the text when it is not JSON
  // (jsonc-parser's tolerant parse recurses too); the text gives the offending bracket's offset.
  let value: unknown;
  let valid = true;
  try {
    value = JSON.parse(parsed.text);
  } catch {
    valid = false;
  }
  const deep = valid && !nestsTooDeep(value, 1) ? -1 : tooDeepAt(parsed.text);
  if (deep >= 0) {
    direct.push({
      ruleId: 'TD000',
      severity: 'error',
      message: l10n.t('Nested more than {0} levels deep: a task definition needs far fewer. The file is not linted further.', MAX_DEPTH),
      range: parsed.positions.range(deep, 1),
    });
    return finish(direct, options);
  }

  let broken = false;
  if (!valid) {
    const problems = syntaxProblems(parsed.text);
    if (!parsed.text.trim()) {
      direct.push({ ruleId: 'TD000', severity: 'error', message: l10n.t('The file is empty: a task definition is a JSON object.'), range: parsed.positions.range(0, 0) });
      return finish(direct, options);
    }
    // Every comment, but only the first real syntax error: the ones after it are its echoes.
    const firstError = problems.find((p) => !p.isComment);
    for (const p of problems) {
      if (!p.isComment && p !== firstError) continue;
      let message = p.message;
      let range = parsed.positions.range(p.offset, Math.max(p.length, 1));
      if ((p.code === 'PropertyNameExpected' || p.code === 'ValueExpected') && /,\s*$/.test(parsed.text.slice(0, p.offset))) {
        message = l10n.t('Trailing comma: JSON does not allow a comma before "}" or "]".');
        range = parsed.positions.range(parsed.text.lastIndexOf(',', p.offset), 1); // at the comma itself
      }
      direct.push({ ruleId: 'TD000', severity: 'error', message, range });
    }
    // Comments leave the structure intact; after a real syntax error, the semantic rules still check
    // what the tolerant parser reads, but not the shape (TD001), whose findings would echo the error
    // (a template's {{…}} read as an object, members cut off).
    broken = problems.some((p) => !p.isComment);
    value = parse(parsed.text, [], { allowTrailingComma: true, disallowComments: false });
  }

  value = stripNullMembers(value);
  const wrapped = isDescribeOutput(value);
  const td = wrapped ? (value as { taskDefinition: unknown }).taskDefinition : value;
  const base: JsonPath = wrapped ? ['taskDefinition'] : [];

  if (!broken) for (const p of checkShape(td)) raw.push({ ruleId: 'TD001', severity: 'error', message: p.message, path: [...base, ...p.path], part: p.part });
  // One at a time: spreading ~130,000 findings into push() would overflow the stack.
  if (isObject(td)) for (const f of runRules(td, base, wrapped)) raw.push(f);

  if (raw.length) parsed.locate(raw.map((r) => r.path));
  for (const r of raw) {
    const finding: Finding = { ruleId: r.ruleId, severity: r.severity, message: r.message, range: parsed.range(r.path, r.part as Part) };
    if (r.fixes?.length) defineLazyFixes(finding, r.fixes, parsed);
    direct.push(finding);
  }
  return finish(direct, options);
}

/** Fixes are computed when first read: a large file with many findings pays only for the ones used. */
function defineLazyFixes(finding: Finding, specs: FixSpec[], parsed: ParsedText): void {
  let fixes: Fix[] | undefined;
  const compute = () => (fixes ??= specs.map((s) => ({ title: s.title, edits: [minimalEdit(parsed.text, s.apply(parsed.text), parsed.positions)] })));
  Object.defineProperty(finding, 'fixes', { enumerable: true, configurable: true, get: compute });
  Object.defineProperty(finding, 'fix', { enumerable: true, configurable: true, get: () => compute()[0] });
}

function finish(findings: Finding[], options: LintOptions): Finding[] {
  const overrides = options.severities ?? {};
  const out: Finding[] = [];
  for (const f of findings) {
    const setting: SeveritySetting | undefined = overrides[f.ruleId];
    if (setting === 'off') continue;
    if (setting) f.severity = setting as Severity;
    out.push(f);
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return out;
}
