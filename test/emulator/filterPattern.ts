// CloudWatch Logs filter patterns, the simple forms: terms (all must appear, case-sensitive),
// "quoted phrases", ?optional terms (any one must appear), -excluded terms (after at least one
// included term, as AWS requires), and JSON comparisons `{ $.field = value }` joined by && or ||.
// Space-delimited `[...]` patterns are refused with a clear message rather than matched wrongly.
import { invalidParameter } from './errors';

interface Terms {
  kind: 'terms';
  all: string[];
  any: string[];
  none: string[];
}

interface JsonComparison {
  path: string[];
  op: '=' | '!=';
  value: string | number | boolean | null;
}

interface JsonPattern {
  kind: 'json';
  join: '&&' | '||';
  comparisons: JsonComparison[];
}

export type FilterPattern = Terms | JsonPattern;

const TERM = /"((?:[^"\\]|\\.)*)"|(\S+)/g;

export function parseFilterPattern(text: string): FilterPattern {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJson(trimmed);
  if (trimmed.startsWith('[')) throw invalidParameter('The emulator does not evaluate space-delimited filter patterns ([...]); use terms, "phrases", ?any, -exclude or { $.field = value }.');
  const pattern: Terms = { kind: 'terms', all: [], any: [], none: [] };
  for (const m of trimmed.matchAll(TERM)) {
    let raw = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
    let list = pattern.all;
    if (m[2] !== undefined && raw.startsWith('?') && raw.length > 1) {
      list = pattern.any;
      raw = raw.slice(1);
    } else if (m[2] !== undefined && raw.startsWith('-') && raw.length > 1) {
      list = pattern.none;
      raw = raw.slice(1);
    }
    list.push(raw.replace(/^"(.*)"$/, '$1'));
  }
  if (pattern.none.length > 0 && pattern.all.length === 0 && pattern.any.length === 0) {
    throw invalidParameter('Invalid filter pattern: an exclusion (-term) needs at least one term to include.');
  }
  return pattern;
}

function parseJson(text: string): JsonPattern {
  const body = /^\{(.*)\}$/s.exec(text)?.[1];
  if (body === undefined) throw invalidParameter(`Invalid filter pattern: ${text}`);
  const join = body.includes('||') ? '||' : '&&';
  if (body.includes('&&') && body.includes('||')) throw invalidParameter('The emulator does not evaluate filter patterns that mix && and ||.');
  const comparisons = body.split(join).map((part): JsonComparison => {
    const m = /^\s*\$\.([A-Za-z0-9_.]+)\s*(!=|=)\s*(.+?)\s*$/.exec(part);
    if (!m) throw invalidParameter(`Invalid filter pattern: ${text}`);
    const raw = m[3];
    const value = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw === 'true' ? true : raw === 'false' ? false : raw === 'NULL' ? null : Number.isFinite(Number(raw)) ? Number(raw) : raw;
    return { path: m[1].split('.'), op: m[2] as '=' | '!=', value };
  });
  return { kind: 'json', join, comparisons };
}

function matchesJson(pattern: JsonPattern, message: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(message);
  } catch {
    return false;
  }
  const test = (c: JsonComparison): boolean => {
    let v: unknown = doc;
    for (const key of c.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    if (v === undefined) return false;
    const equal = typeof c.value === 'string' && c.value.includes('*')
      ? new RegExp(`^${c.value.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(String(v))
      : v === c.value;
    return c.op === '=' ? equal : !equal;
  };
  return pattern.join === '&&' ? pattern.comparisons.every(test) : pattern.comparisons.some(test);
}

export function matchesFilterPattern(pattern: FilterPattern, message: string): boolean {
  if (pattern.kind === 'json') return matchesJson(pattern, message);
  if (!pattern.all.every((t) => message.includes(t))) return false;
  if (pattern.any.length > 0 && !pattern.any.some((t) => message.includes(t))) return false;
  return !pattern.none.some((t) => message.includes(t));
}
