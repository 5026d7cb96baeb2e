// Writes schemas/task-definition.schema.json and schemas/task-definition.editor.schema.json from the
// ECS API model. Usage: `npm run generate-schema [-- path/to/service-2.json]`; the default model path is
// ../shared/aws-models/ecs/service-2.json next to the repository (where CI puts a copy of shared/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EDITOR_SCHEMA_FILE, SCHEMA_FILE } from '../src/taskdef/schemaFile';
import { generateSchema, schemaText, toEditorSchema, type AwsModel } from '../src/taskdef/schemaGenerator';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root');
    dir = parent;
  }
  return dir;
}

const root = repoRoot();
const modelPath = process.argv[2] ?? path.join(root, '..', 'shared', 'aws-models', 'ecs', 'service-2.json');
const model = JSON.parse(fs.readFileSync(modelPath, 'utf8')) as AwsModel;
const full = generateSchema(model);
fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
fs.writeFileSync(path.join(root, 'schemas', SCHEMA_FILE), schemaText(full));
fs.writeFileSync(path.join(root, 'schemas', EDITOR_SCHEMA_FILE), schemaText(toEditorSchema(full)));
process.stdout.write(`wrote schemas/${SCHEMA_FILE} and schemas/${EDITOR_SCHEMA_FILE} from ${modelPath}\n`);
