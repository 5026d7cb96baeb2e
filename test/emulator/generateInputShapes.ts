// Regenerates inputShapes.json from ../shared/aws-models for the operations the emulator implements:
//   npx tsc -p . && node out/test/emulator/generateInputShapes.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ecrHandlers } from './ecr';
import { ecsHandlers } from './ecs';
import { CompactModel, compactInputShapes } from './inputShapes';

/** The repository root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

export function currentInputShapes(): Record<'ecs' | 'ecr', CompactModel> {
  const load = (service: string): any => {
    const file = path.join(repoRoot(), '..', 'shared', 'aws-models', service, 'service-2.json');
    if (!fs.existsSync(file)) throw new Error(`API model not found at ${file}: shared/ must sit next to the repository`);
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  };
  return { ecs: compactInputShapes(load('ecs'), Object.keys(ecsHandlers)), ecr: compactInputShapes(load('ecr'), Object.keys(ecrHandlers)) };
}

if (require.main === module) {
  const file = path.join(repoRoot(), 'test', 'emulator', 'inputShapes.json');
  fs.writeFileSync(file, JSON.stringify(currentInputShapes()) + '\n');
  process.stdout.write(`wrote ${file}\n`);
}
