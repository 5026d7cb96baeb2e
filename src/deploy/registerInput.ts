// Turning DescribeTaskDefinition output into a RegisterTaskDefinition input. Keeping only the members
// of RegisterTaskDefinitionRequest (rather than stripping a list of output fields) keeps working when
// the API grows: the deploy action's strip list broke with "Unexpected key" each time it did.
import type { RegisterTaskDefinitionCommandInput, Tag, TaskDefinition } from '@aws-sdk/client-ecs';

/** Members of RegisterTaskDefinitionRequest in the ECS API model (aws-models/ecs/service-2.json). */
export const REGISTER_MEMBERS: readonly string[] = [
  'family', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'containerDefinitions', 'volumes',
  'placementConstraints', 'requiresCompatibilities', 'cpu', 'memory', 'tags', 'pidMode', 'ipcMode',
  'proxyConfiguration', 'inferenceAccelerators', 'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection',
];

function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      out[k] = dropEmpty(v);
    }
    return out;
  }
  return value;
}

/** A described revision (plus its tags from `include: ['TAGS']`) as a RegisterTaskDefinition input. */
export function registerInputFromDescription(taskDefinition: TaskDefinition | Record<string, unknown>, tags: readonly Tag[] = []): RegisterTaskDefinitionCommandInput {
  const source = taskDefinition as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const key of REGISTER_MEMBERS) {
    const value = source[key];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0 && key !== 'containerDefinitions') continue;
    input[key] = dropEmpty(value);
  }
  if (tags.length && !input.tags) input.tags = tags.map((t) => ({ key: t.key, value: t.value }));
  return input as unknown as RegisterTaskDefinitionCommandInput;
}
