// Quick fixes as pure text transformations: each fix rewrites the text with jsonc-parser's `modify`
// (which keeps the file's formatting) and is turned into one minimal text edit. Pure.
import * as l10n from '@vscode/l10n';
import { applyEdits, modify, parse, type FormattingOptions } from 'jsonc-parser';
import type { JsonPath } from './document';
import { PositionIndex } from './document';
import { DESCRIBE_FIELDS } from './registrable';
import type { TextEdit } from './types';

export interface FixSpec {
  title: string;
  apply(text: string): string;
}

/** The file's own indentation (first indented line), for inserted JSON. */
export function detectFormatting(text: string): FormattingOptions {
  const m = /\n([ \t]+)\S/.exec(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: m ? Math.min(m[1].length, 8) : 2, eol };
}

function set(text: string, path: JsonPath, value: unknown, isArrayInsertion = false): string {
  const edits = modify(text, path, value, { formattingOptions: detectFormatting(text), isArrayInsertion });
  return applyEdits(text, edits);
}

export function removeMembers(paths: JsonPath[], title: string): FixSpec {
  return {
    title,
    apply(text) {
      // Remove from the last path to the first so that earlier array indices stay valid.
      let out = text;
      for (const path of [...paths].reverse()) out = set(out, path, undefined);
      return out;
    },
  };
}

export function setValues(assignments: [JsonPath, unknown][], title: string): FixSpec {
  return {
    title,
    apply(text) {
      let out = text;
      for (const [path, value] of assignments) out = set(out, path, value);
      return out;
    },
  };
}

/** Replaces {"taskDefinition": {...}, "tags": [...]} by the inner object, without describe-output fields. */
export function unwrap(): FixSpec {
  return {
    title: l10n.t('Unwrap the task definition and remove describe-output fields'),
    apply(text) {
      const value = parse(text, [], { allowTrailingComma: true }) as Record<string, unknown>;
      const inner = { ...(value.taskDefinition as Record<string, unknown>) };
      for (const f of DESCRIBE_FIELDS) delete inner[f];
      if (Array.isArray(value.tags) && value.tags.length && !('tags' in inner)) inner.tags = value.tags;
      const fmt = detectFormatting(text);
      const json = JSON.stringify(inner, null, fmt.insertSpaces ? fmt.tabSize : '\t').replace(/\n/g, fmt.eol ?? '\n');
      return json + (/\r?\n\s*$/.test(text) ? fmt.eol : '');
    },
  };
}

/** Moves environment[index] of the container at `containerPath` to its `secrets`, with a valueFrom placeholder. */
export function moveToSecrets(containerPath: JsonPath, index: number, name: string, container: Record<string, unknown>): FixSpec {
  return {
    title: l10n.t`Move "${name}" to secrets (valueFrom placeholder)`,
    apply(text) {
      const secret = { name, valueFrom: `arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:${name}` };
      let out = set(text, [...containerPath, 'environment', index], undefined);
      if (Array.isArray(container.secrets)) out = set(out, [...containerPath, 'secrets', -1], secret, true);
      else out = set(out, [...containerPath, 'secrets'], [secret]);
      return out;
    },
  };
}

/** One edit that turns `before` into `after` (common prefix and suffix left alone). */
export function minimalEdit(before: string, after: string, positions = new PositionIndex(before)): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { range: positions.range(start, endBefore - start), newText: after.slice(start, endAfter) };
}
