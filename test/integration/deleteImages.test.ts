// Delete Image(s) deletes the image the confirmation showed, or nothing (issue 16): the tree is loaded,
// then `latest` is pushed to a new image without a refresh; deleting the old image (shown as
// "v1.5.2, latest") must not take the new `latest` with it. The confirmation names the services and
// tasks that run the image (read from the emulator's tasks), or says why it could not check.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { imagesInEmulator, kids } from './ecrFixture';
import { connectToEmulator, emulatorUrl, find, openDemo, recordMessagesInEachTest } from './fixtures';
import { waitFor } from './wait';
import { EmulatorControl } from '../emulator/control';
import { loadSdk } from '../../src/aws/sdk-loader';

/** The tag sets of a repository's images, sorted. */
async function tagsInEmulator(repositoryName: string): Promise<string[][]> {
  return ((await imagesInEmulator(repositoryName)) ?? []).map((i) => i.tags).sort();
}

suite('delete images', function () {
  this.timeout(60_000);
  let control: EmulatorControl;
  /** The answer given to the next confirmations. */
  let answer: 'first' | 'cancel' = 'first';
  // The modal confirmations are recorded (message and detail) and answer "Delete" (or are cancelled); error messages are recorded.
  const { asked, errors } = recordMessagesInEachTest((items) => (answer === 'first' ? items[0] : undefined));

  suiteSetup(async () => {
    control = await connectToEmulator();
  });

  setup(async () => {
    await openDemo(control);
    answer = 'first';
  });

  teardown(async () => {
    await control.clearFaults();
    await control.reset('demo');
  });

  test('a tag pushed since the list loaded: nothing is deleted, and the user is told why', async () => {
    const images = await kids(find(await kids(), 'my-app'));
    const old = find(images, 'v1.5.2, latest');
    const newDigest = await control.addImage('my-app', ['latest']); // a push, no refresh of the tree
    const pushed = await tagsInEmulator('my-app');
    assert.ok(pushed.some((t) => t.join() === 'latest') && pushed.some((t) => t.join() === 'v1.5.2'), `latest moved: ${JSON.stringify(pushed)}`);

    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', old, [old]);

    assert.deepEqual(await tagsInEmulator('my-app'), pushed, 'nothing deleted');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Nothing was deleted from my-app: its tags changed since the list was loaded \(sha256:.* was shown with v1\.5\.2, latest, now has v1\.5\.2\)/);
    assert.ok(newDigest.startsWith('sha256:'));
  });

  test('tags as shown: the image is deleted by its digest, with all its tags', async () => {
    const images = await kids(find(await kids(), 'my-app'));
    const old = find(images, 'v1.5.2, latest');
    const before = await tagsInEmulator('my-app');
    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', old, [old]);
    assert.deepEqual(errors, []);
    assert.deepEqual(await tagsInEmulator('my-app'), before.filter((t) => t.join() !== 'latest,v1.5.2'));
  });

  test('a service and a standalone task run the image: the confirmation names them before anything is deleted', async () => {
    const repository = find(await kids(), 'my-app');
    const old = find(await kids(repository), 'v1.5.2, latest');
    const uri = String(repository.resource?.repositoryUri);
    // The seed's own services run v1.5.2 too (their revisions use the sandbox ECR): out of the way,
    // so that what runs the image is exactly what this test starts.
    await stopSeededServices();
    await runOnEmulator(`${uri}:v1.5.2`, `${uri}@${String(old.resource?.imageDigest)}`);
    const before = await tagsInEmulator('my-app');

    answer = 'cancel';
    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', old, [old]);
    assert.equal(asked.length, 1, 'asked once');
    assert.match(asked[0].detail, /Running tasks use this image: service api in production \(1 task\), task [0-9a-f]{32} in staging\./);
    assert.deepEqual(await tagsInEmulator('my-app'), before, 'declined: nothing deleted');

    // v1.5.1 is not run by anything: the confirmation says so for the region it checked.
    const other = find(await kids(repository), 'v1.5.1');
    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', other, [other]);
    assert.match(asked[1].detail, /No running task in us-east-1 uses this image\./);
    assert.doesNotMatch(asked[1].detail, /Running tasks use/);
  });

  test('an untagged image: the confirmation says it deletes the untagged image, never "removes 0 tags"', async () => {
    const digest = await control.addImage('my-app', []);
    const image = { kind: 'image', region: 'us-east-1', repositoryName: 'my-app', imageDigest: digest, imageTags: [] };
    answer = 'cancel';
    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', image, [image]);
    assert.equal(asked.length, 1, 'asked once');
    // Issue 17: it said "This removes 0 tags and the image behind it".
    assert.match(asked[0].detail, /This deletes the untagged image\. Tasks and services that pull it by digest will fail to start\./);
    assert.doesNotMatch(asked[0].detail, /removes 0 tags/);
    assert.ok((await imagesInEmulator('my-app'))?.some((i) => i.digest === digest), 'declined: the untagged image is still there');
  });

  test('the check fails: the confirmation says it could not check, still asks, and deletes when confirmed', async () => {
    const old = find(await kids(find(await kids(), 'my-app')), 'v1.5.2, latest');
    await control.injectFault({ operation: 'ListTasks', kind: 'accessDenied' });
    await vscode.commands.executeCommand('ecsWorkbench.deleteImages', old, [old]);
    assert.equal(asked.length, 1);
    assert.match(asked[0].detail, /Could not check whether a service runs this image: .*ecs:ListTasks/);
    assert.doesNotMatch(asked[0].detail, /No running task/);
    assert.ok(!(await tagsInEmulator('my-app')).some((t) => t.includes('v1.5.2')), 'confirmed: deleted');
  });
});

/** Starts service `api` (1 task, image by tag) in production and a standalone task (image by digest) in staging, and waits until both run. */
async function runOnEmulator(byTag: string, byDigest: string): Promise<void> {
  const { ecs } = loadSdk();
  const client = new ecs.ECSClient({ region: 'us-east-1' });
  const control = new EmulatorControl(emulatorUrl());
  const network = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };
  const revision = (family: string, image: string) => ({
    family, networkMode: 'awsvpc' as const, requiresCompatibilities: ['FARGATE' as const], cpu: '256', memory: '512',
    containerDefinitions: [{ name: family, image, essential: true }],
  });
  try {
    await client.send(new ecs.RegisterTaskDefinitionCommand(revision('api', byTag)));
    await client.send(new ecs.RegisterTaskDefinitionCommand(revision('job', byDigest)));
    await client.send(new ecs.CreateServiceCommand({ cluster: 'production', serviceName: 'api', taskDefinition: 'api', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: network }));
    const run = await client.send(new ecs.RunTaskCommand({ cluster: 'staging', taskDefinition: 'job', launchType: 'FARGATE', networkConfiguration: network }));
    const taskArn = run.tasks![0].taskArn!;
    await waitFor('service api and the standalone task run', async () => {
      await control.advance(5_000);
      const svc = (await client.send(new ecs.DescribeServicesCommand({ cluster: 'production', services: ['api'] }))).services?.[0];
      const task = (await client.send(new ecs.DescribeTasksCommand({ cluster: 'staging', tasks: [taskArn] }))).tasks?.[0];
      return svc?.runningCount === 1 && task?.lastStatus === 'RUNNING';
    });
  } finally {
    client.destroy();
  }
}

/** Scales the demo seed's services (web in production and staging) to 0 and waits until none of their tasks runs. */
async function stopSeededServices(): Promise<void> {
  const { ecs } = loadSdk();
  const client = new ecs.ECSClient({ region: 'us-east-1' });
  const control = new EmulatorControl(emulatorUrl());
  try {
    for (const cluster of ['production', 'staging']) await client.send(new ecs.UpdateServiceCommand({ cluster, service: 'web', desiredCount: 0 }));
    await waitFor('the seeded web services run no task', async () => {
      await control.advance(10_000);
      const running = await Promise.all(['production', 'staging'].map(async (cluster) =>
        (await client.send(new ecs.ListTasksCommand({ cluster, serviceName: 'web', desiredStatus: 'RUNNING' }))).taskArns?.length ?? 0));
      const stopping = await Promise.all(['production', 'staging'].map(async (cluster) => {
        const arns = (await client.send(new ecs.ListTasksCommand({ cluster, serviceName: 'web', desiredStatus: 'STOPPED' }))).taskArns ?? [];
        if (!arns.length) return 0;
        const tasks = (await client.send(new ecs.DescribeTasksCommand({ cluster, tasks: arns }))).tasks ?? [];
        return tasks.filter((t) => t.lastStatus !== 'STOPPED').length;
      }));
      return [...running, ...stopping].every((n) => n === 0);
    });
  } finally {
    client.destroy();
  }
}
