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

/** True when the top level (or the top level under "taskDefinition") has containerDefinitions and family. */
export function looksLikeTaskDefinition(text: string): boolean {
  if (!text.includes('"containerDefinitions"') || !text.includes('"family"')) return false;
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
