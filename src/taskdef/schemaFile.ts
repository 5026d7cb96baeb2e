// Finds and loads the generated schema (schemas/task-definition.schema.json) and the validator compiled
// from it at build time (schemas/task-definition.validator.js) at run time, once. They are read from disk
// instead of bundled so that the extension bundle stays small and activation cheap. Pure.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type JsonSchema = { [key: string]: unknown };

export const SCHEMA_FILE = 'task-definition.schema.json';
export const EDITOR_SCHEMA_FILE = 'task-definition.editor.schema.json';
export const VALIDATOR_FILE = 'task-definition.validator.js';

/** An error of the generated validator (ajv's ErrorObject). */
export interface ValidationError {
  keyword: string;
  instancePath: string;
  /** JSON pointer, as a URI fragment (`#/properties/cpu/type`), into the part of the schema compiled as a function of its own. */
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface Validator {
  (value: unknown): boolean;
  errors?: ValidationError[] | null;
  /** The schema it was compiled from, without its documentation. */
  schema: JsonSchema;
}

let schemaDir: string | undefined;
let cached: JsonSchema | undefined;
let validator: Validator | undefined;

/** Tells the loader where `schemas/` is (the extension passes its install folder). */
export function setSchemaDirectory(dir: string): void {
  if (dir !== schemaDir) {
    cached = undefined;
    validator = undefined;
  }
  schemaDir = dir;
}

/** The folder holding the schemas: the one set, or the nearest `schemas/` above this module. */
export function schemaDirectory(): string {
  if (schemaDir) return schemaDir;
  // dist/extension.js and dist/cli.js sit one level below the root; out/src/taskdef/*.js three levels.
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, SCHEMA_FILE))) return (schemaDir = candidate);
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find schemas/${SCHEMA_FILE} above ${__dirname}`);
}

/** The full task-definition schema, read once. */
export function loadSchema(): JsonSchema {
  if (!cached) cached = JSON.parse(fs.readFileSync(path.join(schemaDirectory(), SCHEMA_FILE), 'utf8')) as JsonSchema;
  return cached;
}

/** The validator for the full schema, generated at build time (`npm run generate-schema`), loaded once. */
export function loadValidator(): Validator {
  // A computed path: esbuild leaves it alone, and nothing loads the file before the first lint.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!validator) validator = require(path.join(schemaDirectory(), VALIDATOR_FILE)) as Validator;
  return validator;
}
