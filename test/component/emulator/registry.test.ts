// --registry: GetAuthorizationToken, repository URIs and DescribeImages/ListImages against a real
// Debian docker-registry with htpasswd auth.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { NET, startTestEmulator, TestEmulator } from './harness';
import { LocalRegistry, pushImage, startLocalRegistry } from '../../emulator/localRegistry';

describe('emulator: ECR backed by a real docker-registry', function () {
  this.timeout(60_000);
  let registry: LocalRegistry;
  let t: TestEmulator;

  before(async () => {
    registry = await startLocalRegistry();
    t = await startTestEmulator({ registry: registry.urlWithCredentials });
  });
  after(async () => {
    await t?.close();
    await registry?.close();
  });

  it('hands out the registry and its credentials, and repository URIs that point there', async () => {
    const repo = await t.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: 'my-app' }));
    assert.equal(repo.repository!.repositoryUri, `${registry.host}/my-app`);
    const token = (await t.ecr.send(new ecr.GetAuthorizationTokenCommand({}))).authorizationData![0];
    assert.equal(token.proxyEndpoint, registry.url);
    const [user, password] = Buffer.from(token.authorizationToken!, 'base64').toString().split(':');
    assert.deepEqual([user, password], [registry.username, registry.password]);
    const res = await fetch(`${token.proxyEndpoint}/v2/`, { headers: { authorization: `Basic ${token.authorizationToken}` } });
    assert.equal(res.status, 200, 'the token logs in to the real registry');
  });

  it('reflects pushed tags, digests and sizes, merged with seeded images', async () => {
    const v1 = await pushImage(registry, 'my-app', ['v1', 'latest'], 5000);
    const v2 = await pushImage(registry, 'my-app', ['v2'], 7000);
    await t.control.addImage('my-app', ['seeded']);
    const images = (await t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'my-app' }))).imageDetails!;
    const byDigest = new Map(images.map((i) => [i.imageDigest, i]));
    assert.equal(images.length, 3);
    assert.deepEqual(byDigest.get(v1.digest)!.imageTags!.sort(), ['latest', 'v1']);
    assert.equal(byDigest.get(v1.digest)!.imageSizeInBytes, v1.size);
    assert.deepEqual(byDigest.get(v2.digest)!.imageTags, ['v2']);
    assert.equal(byDigest.get(v2.digest)!.imageManifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.ok(byDigest.get(v2.digest)!.imagePushedAt instanceof Date);
    const ids = (await t.ecr.send(new ecr.ListImagesCommand({ repositoryName: 'my-app' }))).imageIds!;
    assert.deepEqual(ids.map((i) => i.imageTag).sort(), ['latest', 'seeded', 'v1', 'v2']);
    const tagged = await t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'my-app', imageIds: [{ imageTag: 'v2' }] }));
    assert.equal(tagged.imageDetails![0].imageDigest, v2.digest);
  });

  it('starts tasks on pushed images and fails the ones whose tag is not in the registry', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    for (const tag of ['v1', 'nope']) {
      await t.ecs.send(
        new ecs.RegisterTaskDefinitionCommand({
          family: `app-${tag}`,
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: `${registry.host}/my-app:${tag}` }],
        }),
      );
    }
    const ok = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'app-v1', launchType: 'FARGATE', networkConfiguration: NET }));
    const bad = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'app-nope', launchType: 'FARGATE', networkConfiguration: NET }));
    await t.control.advance(30_000);
    const tasks = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: [ok.tasks![0].taskArn!, bad.tasks![0].taskArn!] }))).tasks!;
    assert.equal(tasks[0].lastStatus, 'RUNNING');
    const v1 = (await t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'my-app', imageIds: [{ imageTag: 'v1' }] }))).imageDetails![0];
    assert.equal(tasks[0].containers![0].imageDigest, v1.imageDigest);
    assert.equal(tasks[1].lastStatus, 'STOPPED');
    assert.match(tasks[1].stoppedReason!, /^CannotPullContainerError: .*my-app:nope/);
  });

  it('deletes images from the registry with BatchDeleteImage', async () => {
    const res = await t.ecr.send(new ecr.BatchDeleteImageCommand({ repositoryName: 'my-app', imageIds: [{ imageTag: 'v2' }] }));
    assert.equal(res.imageIds!.length, 1);
    const auth = { authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` };
    const tags = (await (await fetch(`${registry.url}/v2/my-app/tags/list`, { headers: auth })).json()) as { tags: string[] | null };
    assert.ok(!(tags.tags ?? []).includes('v2'));
    const ids = (await t.ecr.send(new ecr.ListImagesCommand({ repositoryName: 'my-app' }))).imageIds!;
    assert.ok(!ids.some((i) => i.imageTag === 'v2'));
  });
});
