// Regenerates inputShapes.json from the API models in aws-models/ for the operations the emulator
// implements: `npm run generate-input-shapes` (npm run update-models runs it after a model update).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAwsModel, repoRoot } from '../../scripts/lib/awsModels';
import { ecrHandlers } from './ecr';
import { ecsHandlers } from './ecs';
import { CompactModel, compactInputShapes } from './inputShapes';

type Model = Parameters<typeof compactInputShapes>[0];

export function currentInputShapes(): Record<'ecs' | 'ecr', CompactModel> {
  return {
    ecs: compactInputShapes(loadAwsModel<Model>('ecs'), Object.keys(ecsHandlers)),
    ecr: compactInputShapes(loadAwsModel<Model>('ecr'), Object.keys(ecrHandlers)),
  };
}

if (require.main === module) {
  const file = path.join(repoRoot(), 'test', 'emulator', 'inputShapes.json');
  fs.writeFileSync(file, JSON.stringify(currentInputShapes()) + '\n');
  process.stdout.write(`wrote ${file}\n`);
}
