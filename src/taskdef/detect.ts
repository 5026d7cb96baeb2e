// Which documents the linter looks at: the usual task-definition file names, extra globs from the
// settings, and any JSON whose top level has `containerDefinitions` and `family`. Pure.
import { visit } from 'jsonc-parser';

/** File-name patterns of task definitions (also the `jsonValidation` fileMatch list in package.json). */
export const TASK_DEFINITION_GLOBS = [
  '**/*.task-definition.json',
  '**/task-definition*.json',
  '**/*taskdef*.json',
  '**/*ecs-task-def.json',
  '**/.aws/task-definition.json',
];

/**
 * URI schemes of read-only copies shown beside the real file in a diff: the register command's
 * normalised preview and git's original. Their findings would repeat the file's in Problems.
 */
export const REGISTER_PREVIEW_SCHEME = 'ecs-workbench-deploy';
const COPY_SCHEMES = new Set([REGISTER_PREVIEW_SCHEME, 'git']);

/** Whether a document of this URI scheme is linted (files, untitled, remote and virtual ones, revisions). */
export function isLintedScheme(scheme: string): boolean {
  return !COPY_SCHEMES.has(scheme);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the top level (or the top level under "taskDefinition") has containerDefinitions and family. */
export function looksLikeTaskDefinition(text: string): boolean {
  if (!text.includes('"containerDefinitions"') || !text.includes('"family"')) return false;
  // Strict JSON (the usual case) is answered by the native parser, several times faster than the
  // visitor below, which is kept for text the linter still reads: comments, trailing commas, typos.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return visitTopLevel(text);
  }
  if (!isObject(value)) return false;
  const keys = new Set(Object.keys(value));
  if (isObject(value.taskDefinition)) for (const key of Object.keys(value.taskDefinition)) keys.add(key);
  return keys.has('containerDefinitions') && keys.has('family');
}

/** looksLikeTaskDefinition for text that is not strict JSON, with jsonc-parser's tolerant visitor. */
function visitTopLevel(text: string): boolean {
  let depth = 0;
  let inWrapper = false;
  let pendingWrapper = false;
  const seen = new Set<string>();
  let done = false;
  visit(text, {
    onObjectBegin: () => {
      depth++;
      if (depth === 2 && pendingWrapper) inWrapper = true;
      pendingWrapper = false;
    },
    onObjectEnd: () => {
      if (depth === 2) inWrapper = false;
      depth--;
    },
    onArrayBegin: () => {
      depth++;
      pendingWrapper = false;
    },
    onArrayEnd: () => {
      depth--;
    },
    onLiteralValue: () => {
      pendingWrapper = false;
    },
    onObjectProperty: (name) => {
      if (done) return;
      if (depth === 1) {
        seen.add(name);
        pendingWrapper = name === 'taskDefinition';
      } else if (depth === 2 && inWrapper) seen.add(name);
      if (seen.has('containerDefinitions') && seen.has('family')) done = true;
    },
  });
  return done;
}
