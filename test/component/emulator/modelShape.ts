// Checks a JSON value against a shape of a botocore service model (aws-models/): every member
// must exist in the model, with the model's type (and enum value, where the model has an enum).
import { loadAwsModel, repoRoot } from '../../../scripts/lib/awsModels';

export interface ServiceModel {
  metadata: { targetPrefix: string };
  operations: Record<string, { input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, any>;
}

export { repoRoot };

export function loadModel(service: 'ecs' | 'ecr'): ServiceModel {
  return loadAwsModel<ServiceModel>(service);
}

export function checkShape(model: ServiceModel, shapeName: string, value: unknown, where: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) {
    problems.push(`${where}: model has no shape ${shapeName}`);
    return;
  }
  const fail = (what: string): void => {
    problems.push(`${where}: ${what} (shape ${shapeName}, got ${JSON.stringify(value)?.slice(0, 80)})`);
  };
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected an object');
      for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
        const spec = shape.members?.[key];
        if (!spec) {
          problems.push(`${where}.${key}: member not in the model (shape ${shapeName})`);
          continue;
        }
        if (member === null) {
          problems.push(`${where}.${key}: null is not a value the API sends`);
          continue;
        }
        checkShape(model, spec.shape, member, `${where}.${key}`, problems);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return fail('expected a list');
      value.forEach((item, i) => checkShape(model, shape.member.shape, item, `${where}[${i}]`, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a map');
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        checkShape(model, shape.key.shape, k, `${where}{key}`, problems);
        checkShape(model, shape.value.shape, v, `${where}{${k}}`, problems);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return fail('expected a string');
      if (shape.enum && !shape.enum.includes(value)) fail(`not one of ${shape.enum.join('|')}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`longer than ${shape.max}`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('expected an integer');
      if (shape.min !== undefined && value < shape.min) fail(`below ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`above ${shape.max}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') return fail('expected a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('expected a boolean');
      return;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 1e9 || value > 1e10) return fail('expected epoch seconds');
      return;
    case 'blob':
      if (typeof value !== 'string') return fail('expected base64 text');
      return;
    default:
      fail(`unknown model type ${String(shape.type)}`);
  }
}
