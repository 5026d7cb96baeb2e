// Writes schemas/task-definition.schema.json, schemas/task-definition.editor.schema.json and the
// validator compiled from the first (schemas/task-definition.validator.js) from the ECS API model.
// Usage: `npm run generate-schema [-- path/to/service-2.json]`; the default model is the repository's
// copy, aws-models/ecs/service-2.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { awsModelPath, repoRoot } from './lib/awsModels';
import { EDITOR_SCHEMA_FILE, SCHEMA_FILE, VALIDATOR_FILE } from '../src/taskdef/schemaFile';
import { generateSchema, schemaText, toEditorSchema, type AwsModel } from './schema/schemaGenerator';
import { validatorSource } from './schema/validatorGenerator';

const root = repoRoot();
const modelPath = process.argv[2] ?? awsModelPath('ecs');
const model = JSON.parse(fs.readFileSync(modelPath, 'utf8')) as AwsModel;
const full = generateSchema(model);
fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
fs.writeFileSync(path.join(root, 'schemas', SCHEMA_FILE), schemaText(full));
fs.writeFileSync(path.join(root, 'schemas', EDITOR_SCHEMA_FILE), schemaText(toEditorSchema(full)));
fs.writeFileSync(path.join(root, 'schemas', VALIDATOR_FILE), validatorSource(full));
process.stdout.write(`wrote schemas/${SCHEMA_FILE}, schemas/${EDITOR_SCHEMA_FILE} and schemas/${VALIDATOR_FILE} from ${modelPath}\n`);
