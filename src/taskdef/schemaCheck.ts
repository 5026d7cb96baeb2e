// TD001: shape checks with the validator ajv compiled from the generated schema at build time
// (schemas/task-definition.validator.js, strict mode). Its errors are collapsed to one finding per
// problem, at the node at fault. Pure.
import * as l10n from '@vscode/l10n';
import { loadValidator, type JsonSchema, type ValidationError } from './schemaFile';
import type { JsonPath } from './document';
import { DESCRIBE_FIELDS } from './registrable';

export interface ShapeProblem {
  /** The schema keyword that failed (`type`, `required`, …). */
  keyword: string;
  path: JsonPath;
  part: 'key' | 'value' | 'open';
  message: string;
}

/**
 * The schema of the value at `path` in the instance (properties by key, items by index). The validator
 * compiles each object schema into a function of its own, so an error's schemaPath is relative to that
 * part; the instance path leads to the same node of the whole schema.
 */
function schemaFor(root: JsonSchema, path: JsonPath): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    const props = node.properties as Record<string, JsonSchema> | undefined;
    const next: unknown =
      typeof seg === 'number'
        ? node.items
        : props && Object.prototype.hasOwnProperty.call(props, seg)
          ? props[seg]
          : node.additionalProperties;
    node = next && typeof next === 'object' ? (next as JsonSchema) : undefined;
  }
  return node;
}

function pointerToPath(pointer: string): JsonPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

function describePath(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || l10n.t('the task definition');
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return l10n.t('an array');
  if (typeof value === 'number') return Number.isInteger(value) ? l10n.t('an integer') : l10n.t('a number');
  if (typeof value === 'object') return l10n.t('an object');
  return typeNoun(typeof value);
}

/** "a string", "an integer"…: the JSON type a schema expects, as a noun phrase of the display language. */
function typeNoun(type: string): string {
  switch (type) {
    case 'string':
      return l10n.t('a string');
    case 'number':
      return l10n.t('a number');
    case 'integer':
      return l10n.t('an integer');
    case 'boolean':
      return l10n.t('a boolean');
    case 'array':
      return l10n.t('an array');
    case 'object':
      return l10n.t('an object');
    default:
      return l10n.t`a ${type}`;
  }
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Edit distance, for "did you mean" on misspelled keys and enum values. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

export function closest(word: string, candidates: string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return best !== undefined && bestScore <= limit ? best : undefined;
}

/** Keys at the root that belong to describe output: TD002 reports them, not TD001. */
const DESCRIBE_ONLY = new Set(DESCRIBE_FIELDS);

const RANK: Record<string, number> = { type: 0, enum: 1, required: 2, additionalProperties: 3 };

/** Shape problems of `value` (the task definition itself, already unwrapped, nulls removed). */
export function checkShape(value: unknown): ShapeProblem[] {
  const validate = loadValidator();
  const out: ShapeProblem[] = [];
  emptyRequired(value, validate.schema, [], out);
  if (validate(value)) return out;
  const errors = (validate.errors ?? []).slice();
  errors.sort((a, b) => (RANK[a.keyword] ?? 9) - (RANK[b.keyword] ?? 9));
  const typeFailed: string[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const pointer = e.instancePath;
    // No cascades: nothing under a node whose type is already wrong.
    if (typeFailed.some((p) => pointer === p || pointer.startsWith(p + '/')) && e.keyword !== 'type') continue;
    const key = `${pointer}|${e.keyword}|${String(e.params.missingProperty ?? e.params.additionalProperty ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = toProblem(e, value);
    if (!problem) continue;
    if (e.keyword === 'type') typeFailed.push(pointer);
    out.push({ keyword: e.keyword, ...problem });
  }
  return out;
}

const requiredBelow = new WeakMap<JsonSchema, boolean>();

/** Whether the schema or one below it lists required members (only those subtrees are walked). */
function hasRequiredBelow(schema: JsonSchema): boolean {
  let known = requiredBelow.get(schema);
  if (known === undefined) {
    const props = Object.values((schema.properties ?? {}) as Record<string, JsonSchema>);
    const items = schema.items as JsonSchema | undefined;
    known = Array.isArray(schema.required) || props.some(hasRequiredBelow) || (!!items && hasRequiredBelow(items));
    requiredBelow.set(schema, known);
  }
  return known;
}

/**
 * Required string members left empty (`"credentialsParameter": ""`): the model sets no minimum length
 * for them, so the schema lets them pass, but ECS rejects them.
 */
function emptyRequired(value: unknown, schema: JsonSchema, path: JsonPath, out: ShapeProblem[]): void {
  if (!value || typeof value !== 'object' || !hasRequiredBelow(schema)) return;
  // One path array, pushed and popped: this runs on every lint, over every member.
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    if (!items || !hasRequiredBelow(items)) return;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      emptyRequired(value[i], items, path, out);
      path.pop();
    }
    return;
  }
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const obj = value as Record<string, unknown>;
  if (Array.isArray(schema.required)) {
    for (const key of schema.required as string[]) {
      const own = props[key];
      if (obj[key] === '' && own && own.minLength === undefined && own.pattern === undefined) {
        out.push({ keyword: 'empty', path: [...path, key], part: 'value', message: l10n.t`"${key}" is required and cannot be empty.` });
      }
    }
  }
  for (const key in obj) {
    const child = obj[key];
    if (!child || typeof child !== 'object' || !Object.prototype.hasOwnProperty.call(props, key)) continue;
    path.push(key);
    emptyRequired(child, props[key], path, out);
    path.pop();
  }
}

function toProblem(e: ValidationError, root: unknown): Omit<ShapeProblem, 'keyword'> | undefined {
  const path = pointerToPath(e.instancePath);
  const where = describePath(path);
  const actual = valueAt(root, path);
  const last = path[path.length - 1];
  const name = typeof last === 'string' ? `"${last}"` : where;
  switch (e.keyword) {
    case 'type': {
      const expected = String(e.params.type);
      const wanted = typeNoun(expected);
      const got = jsonTypeOf(actual);
      let message = l10n.t`${name} must be ${wanted}, not ${got}.`;
      if (expected === 'string' && typeof actual === 'number') message = l10n.t`${name} must be ${wanted}, not ${got}: write "${actual}" in quotes.`;
      if ((expected === 'integer' || expected === 'number') && typeof actual === 'string' && /^\s*-?\d+\s*$/.test(actual)) {
        message = l10n.t`${name} must be ${wanted}, not ${got}: write ${actual.trim()} without quotes.`;
      }
      if (expected === 'boolean' && (actual === 'true' || actual === 'false')) message = l10n.t`${name} must be ${wanted}, not ${got}: write ${actual} without quotes.`;
      return { path, part: 'value', message };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const suggestion = typeof actual === 'string' ? closest(actual, allowed) : undefined;
      return {
        path,
        part: 'value',
        message: suggestion
          ? l10n.t`${name} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${JSON.stringify(actual)}. Did you mean "${suggestion}"?`
          : l10n.t`${name} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${JSON.stringify(actual)}.`,
      };
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return { path, part: path.length ? 'key' : 'open', message: l10n.t`Missing required key "${missing}" in ${where}.` };
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      if (path.length === 0 && (DESCRIBE_ONLY.has(extra) || extra === 'taskDefinition')) return undefined;
      const props = Object.keys((schemaFor(loadValidator().schema, path)?.properties ?? {}) as JsonSchema);
      // A near miss, or the start of a longer key ("value" where a secret needs "valueFrom").
      const suggestion = closest(extra, props) ?? (extra.length >= 3 ? props.find((p) => p.toLowerCase().startsWith(extra.toLowerCase())) : undefined);
      return {
        path: [...path, extra],
        part: 'key',
        message: suggestion
          ? l10n.t`Unknown key "${extra}" in ${where}: RegisterTaskDefinition rejects it. Did you mean "${suggestion}"?`
          : l10n.t`Unknown key "${extra}" in ${where}: RegisterTaskDefinition rejects it.`,
      };
    }
    case 'pattern':
      return { path, part: 'value', message: l10n.t`${name} does not match the pattern ${String(e.params.pattern)}.` };
    case 'minLength':
    case 'maxLength':
      return {
        path,
        part: 'value',
        message: e.keyword === 'minLength'
          ? l10n.t`${name} must be at least ${String(e.params.limit)} characters long.`
          : l10n.t`${name} must be at most ${String(e.params.limit)} characters long.`,
      };
    case 'minItems':
    case 'maxItems':
      return {
        path,
        part: 'key',
        message: e.keyword === 'minItems'
          ? l10n.t`${name} must have at least ${String(e.params.limit)} items.`
          : l10n.t`${name} must have at most ${String(e.params.limit)} items.`,
      };
    default:
      return { path, part: 'value', message: e.message ? l10n.t`${where} ${e.message}.` : l10n.t`${where} is invalid.` };
  }
}
