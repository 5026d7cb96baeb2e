// Tasks report the digest of the image they run (DescribeTasks `containers[].imageDigest`), as ECS
// does once the image is pulled: resolved against the emulator's ECR when the task starts, kept when
// the tag moves later, and left out for an image from elsewhere (Docker Hub short names).
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import { NET, useTestEmulator } from './harness';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

describe('emulator: containers[].imageDigest of tasks', function () {
  this.timeout(30_000);
  const t = useTestEmulator({}, { resetEachTest: true });

  async function runTask(images: string[]): Promise<string> {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(
      new ecs.RegisterTaskDefinitionCommand({
        family: 'app',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: images.map((image, i) => ({ name: `c${i}`, image, essential: i === 0 })),
      }),
    );
    const out = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'app', launchType: 'FARGATE', networkConfiguration: NET }));
    return out.tasks![0].taskArn!;
  }

  async function containers(taskArn: string): Promise<ecs.Container[]> {
    return (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: [taskArn] }))).tasks![0].containers!;
  }

  it('reports the ECR digest a tag resolved to at start, and keeps it when the tag moves', async () => {
    const v1 = await t.control.addImage('my-app', ['v1', 'latest']);
    const task = await runTask([`${ECR}/my-app:latest`, `${ECR}/my-app@${v1}`, 'nginx:1.27']);
    assert.deepEqual((await containers(task)).map((c) => c.imageDigest), [undefined, undefined, undefined], 'no digest before the image is pulled');

    await t.control.advance(60_000);
    let seen = await containers(task);
    assert.deepEqual(seen.map((c) => c.lastStatus), ['RUNNING', 'RUNNING', 'RUNNING']);
    assert.deepEqual(seen.map((c) => c.imageDigest), [v1, v1, undefined], 'ECR images by tag and by digest; nothing for an image from elsewhere');

    const v2 = await t.control.addImage('my-app', ['latest']);
    assert.notEqual(v2, v1);
    seen = await containers(task);
    assert.equal(seen[0].imageDigest, v1, 'a running task keeps the digest it pulled');
  });

  it('reports no digest for an ECR image that could not be pulled', async () => {
    await t.control.addImage('my-app', ['v1']);
    const task = await runTask([`${ECR}/my-app:nope`]);
    await t.control.advance(60_000);
    const [c] = await containers(task);
    assert.equal(c.imageDigest, undefined);
  });
});
