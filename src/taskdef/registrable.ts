// Turns any task-definition-like value (a file, a describe-task-definition result, a revision shown in
// the explorer) into a RegisterTaskDefinition input: unwraps {"taskDefinition": …}, keeps only members
// the API accepts (derived from the generated schema), drops nulls and empty top-level lists. The one
// converter of describe output to register input (deploy, the explorer's documents, files). Pure.
import type { RegisterTaskDefinitionCommandInput, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import { loadSchema, type JsonSchema } from './schemaFile';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Output-only members of DescribeTaskDefinition at the task definition's top level (TD002 reports them). */
export const DESCRIBE_FIELDS: readonly string[] = [
  'taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities',
  'registeredAt', 'registeredBy', 'deregisteredAt',
];

/** True when the value is wrapped as describe-task-definition prints it: `{"taskDefinition": {...}}`. */
export function isDescribeOutput(value: unknown): value is { taskDefinition: Record<string, unknown>; tags?: unknown } {
  return isObject(value) && isObject(value.taskDefinition) && !('containerDefinitions' in value);
}

/** `{"taskDefinition": {...}, "tags": [...]}` (describe output) → the inner object, with the tags. */
function unwrapTaskDefinition(value: unknown): unknown {
  if (isDescribeOutput(value)) {
    const inner = { ...value.taskDefinition };
    if (Array.isArray(value.tags) && value.tags.length && !('tags' in inner)) inner.tags = value.tags;
    return inner;
  }
  return value;
}

function clean(value: unknown, schema: JsonSchema | undefined): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = isObject(schema?.items) ? (schema.items as JsonSchema) : undefined;
    return value.map((v) => clean(v, items)).filter((v) => v !== undefined);
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    const properties = isObject(schema?.properties) ? (schema.properties as Record<string, JsonSchema>) : undefined;
    const additional = isObject(schema?.additionalProperties) ? (schema.additionalProperties as JsonSchema) : undefined;
    for (const [key, child] of Object.entries(value)) {
      let childSchema: JsonSchema | undefined;
      if (properties) {
        if (!Object.prototype.hasOwnProperty.call(properties, key)) continue;
        childSchema = properties[key];
      } else if (additional) {
        childSchema = additional;
      }
      const cleaned = clean(child, childSchema);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  }
  return value;
}

/** The RegisterTaskDefinition input for `value` (see the file comment). */
export function toRegisterInput(value: unknown): Record<string, unknown> {
  const inner = unwrapTaskDefinition(value);
  if (!isObject(inner)) throw new TypeError('a task definition must be a JSON object');
  const input = clean(inner, loadSchema()) as Record<string, unknown>;
  // Describe output lists ECS's defaults as empty arrays (`volumes: []`, `placementConstraints: []`):
  // the same definition without them, so that diffs against a file show real changes only.
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value) && value.length === 0 && key !== 'containerDefinitions') delete input[key];
  }
  return input;
}

/**
 * A revision as DescribeTaskDefinition returns it (with its tags from `include: ['TAGS']`) as a
 * RegisterTaskDefinition input: the same conversion as `toRegisterInput`, typed for the SDK.
 */
export function registerInputFromDescription(taskDefinition: TaskDefinition | Record<string, unknown>, tags: readonly Tag[] = []): RegisterTaskDefinitionCommandInput {
  return toRegisterInput({ taskDefinition, tags }) as unknown as RegisterTaskDefinitionCommandInput;
}
