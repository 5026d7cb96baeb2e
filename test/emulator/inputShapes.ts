// Type checks of request bodies against the input shapes of the API models, as the real service's
// deserializer does them: a member of the wrong JSON type is a SerializationException. The shapes
// come from aws-models/ (botocore, Apache-2.0) through inputShapes.json, which
// test/component/emulator/inputShapes.test.ts keeps in sync with the models. Unknown members and enum
// values are not checked here (the services accept unknown members; handlers check values).
import { ApiError } from './errors';
import shapesJson from './inputShapes.json';

export interface CompactShape {
  type: string;
  members?: Record<string, string>;
  member?: string;
  key?: string;
  value?: string;
}

export interface CompactModel {
  operations: Record<string, string>;
  shapes: Record<string, CompactShape>;
}

const MODELS = shapesJson as unknown as Record<'ecs' | 'ecr', CompactModel>;

/** The input shapes (types only) of the given operations, for inputShapes.json. */
export function compactInputShapes(model: { operations: Record<string, { input?: { shape: string } }>; shapes: Record<string, any> }, operations: string[]): CompactModel {
  const out: CompactModel = { operations: {}, shapes: {} };
  const visit = (name: string): void => {
    if (out.shapes[name]) return;
    const shape = model.shapes[name];
    const compact: CompactShape = { type: shape.type };
    out.shapes[name] = compact;
    if (shape.type === 'structure') {
      compact.members = {};
      for (const [member, spec] of Object.entries(shape.members ?? {}) as [string, { shape: string }][]) {
        compact.members[member] = spec.shape;
        visit(spec.shape);
      }
    } else if (shape.type === 'list') {
      compact.member = shape.member.shape;
      visit(shape.member.shape);
    } else if (shape.type === 'map') {
      compact.key = shape.key.shape;
      compact.value = shape.value.shape;
      visit(shape.key.shape);
      visit(shape.value.shape);
    }
  };
  for (const op of [...operations].sort()) {
    const input = model.operations[op]?.input?.shape;
    if (!input) continue;
    out.operations[op] = input;
    visit(input);
  }
  return out;
}

const article = (t: string): string => (/^[AEIOU]/.test(t) ? `an ${t}` : `a ${t}`);

function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (Array.isArray(value)) return 'START_ARRAY';
  return 'START_OBJECT';
}

function mismatch(value: unknown, javaType: string): ApiError {
  const kind = jsonKind(value);
  if (kind === 'START_OBJECT') return new ApiError('SerializationException', 'Start of structure or map found where not expected.');
  if (kind === 'START_ARRAY') return new ApiError('SerializationException', 'Start of list found where not expected');
  return new ApiError('SerializationException', `${kind} can not be converted to ${article(javaType)}`);
}

function check(model: CompactModel, shapeName: string, value: unknown): void {
  if (value === null || value === undefined) return;
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'Structure');
      for (const [member, v] of Object.entries(value as Record<string, unknown>)) {
        const memberShape = shape.members![member];
        if (memberShape) check(model, memberShape, v);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) throw typeof value === 'object' ? mismatch(value, 'List') : new ApiError('SerializationException', `${jsonKind(value)} can not be converted to a List`);
      for (const item of value) check(model, shape.member!, item);
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'Map');
      for (const v of Object.values(value as Record<string, unknown>)) check(model, shape.value!, v);
      return;
    case 'string':
      if (typeof value !== 'string') throw mismatch(value, 'String');
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(value, shape.type === 'long' ? 'Long' : 'Integer');
      return;
    case 'double':
      if (typeof value !== 'number') throw mismatch(value, 'Double');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(value, 'Boolean');
      return;
    case 'timestamp':
      if (typeof value !== 'number' && typeof value !== 'string') throw mismatch(value, 'Date');
      return;
    case 'blob':
      if (typeof value !== 'string') throw mismatch(value, 'ByteBuffer');
      return;
  }
}

/** Throws the SerializationException the service returns for a member of the wrong type. */
export function checkInputTypes(service: 'ecs' | 'ecr', operation: string, input: unknown): void {
  const model = MODELS[service];
  const shape = model.operations[operation];
  if (shape) check(model, shape, input);
}
