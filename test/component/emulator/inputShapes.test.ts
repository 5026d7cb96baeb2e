// Request bodies are type-checked against the models' input shapes, as the real deserializer does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { currentInputShapes } from '../../emulator/generateInputShapes';
import { rejectsWith, useTestEmulator } from './harness';
import { repoRoot } from './modelShape';

describe('emulator: request types against the model input shapes', function () {
  const t = useTestEmulator();

  it('inputShapes.json is what the API models and the implemented operations give', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'emulator', 'inputShapes.json'), 'utf8'));
    assert.deepEqual(committed, currentInputShapes(), 'stale: run `npm run generate-input-shapes`');
    assert.ok(committed.ecs.operations.RegisterTaskDefinition && committed.ecr.operations.DescribeImages);
  });

  it('answers members of the wrong JSON type with SerializationException', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await rejectsWith(
      t.ecs.send(new ecs.UpdateServiceCommand({ cluster: 'c', service: 'web', desiredCount: '2' as unknown as number })),
      'SerializationException',
      /^STRING_VALUE can not be converted to an Integer$/,
    );
    await rejectsWith(
      t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'f', cpu: 256 as unknown as string, containerDefinitions: [{ name: 'a', image: 'x', memory: 64 }] })),
      'SerializationException',
      /^NUMBER_VALUE can not be converted to a String$/,
    );
    await rejectsWith(
      t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'f', containerDefinitions: { name: 'a' } as unknown as ecs.ContainerDefinition[] })),
      'SerializationException',
    );
    await rejectsWith(t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'r', maxResults: 1.5 })), 'SerializationException');
    const ok = await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'f', cpu: '256', containerDefinitions: [{ name: 'a', image: 'x', memory: 64 }] }));
    assert.equal(ok.taskDefinition?.revision, 1);
  });
});
