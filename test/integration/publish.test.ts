// ecsWorkbench.publishImage and ecsWorkbench.release inside the real extension host, with real parts:
// podman builds the FROM-scratch context of the fixture workspace (publish/app), pushes it to a Debian
// docker-registry with htpasswd that this suite starts on a free loopback port, and an emulator started
// here with that registry answers ECR and ECS (GetAuthorizationToken hands out the registry's
// credentials, DescribeImages mirrors real pushes).
//
// The runner's emulator has no registry, so this suite points the SDK at its own emulator through
// AWS_ENDPOINT_URL (the standard variable, no special code path) and passes a region no other suite
// uses: the extension creates clients per region on first use, so only this suite's clients see it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { explorerApi, extensionApi, type TreeNode } from './fixtures';
import { ownRegistryAndEmulator } from './registryFixture';
import { SdkClients } from '../../src/aws/clients';
import { loadSdk } from '../../src/aws/sdk-loader';
import { runProgram } from '../../src/publish/childProcess';
import { startEmulator } from '../emulator/server';
import { registryDigest, type LocalRegistry } from '../component/publish/support/localRegistry';
import { waitFor } from './wait';

const REGION = 'eu-west-3';

const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' as const } };

suite('publish: commands in the extension host', function () {
  this.timeout(180_000);
  const savedEndpoint = process.env.AWS_ENDPOINT_URL;
  const own = ownRegistryAndEmulator(REGION);
  const { built } = own;
  let registry: LocalRegistry;
  let clients: SdkClients;
  const id = Math.random().toString(36).slice(2, 8);

  /** A cluster with a Fargate service whose one-container revision uses `container.image`. */
  async function createFargateService(o: { cluster: string; family: string; service: string; container: { name: string; image: string }; desiredCount: number }): Promise<void> {
    const { ecs } = loadSdk();
    await clients.ecs().send(new ecs.CreateClusterCommand({ clusterName: o.cluster }));
    const registered = await clients.ecs().send(
      new ecs.RegisterTaskDefinitionCommand({
        family: o.family,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ ...o.container, essential: true }],
      }),
    );
    await clients.ecs().send(
      new ecs.CreateServiceCommand({
        cluster: o.cluster,
        serviceName: o.service,
        taskDefinition: registered.taskDefinition?.taskDefinitionArn,
        desiredCount: o.desiredCount,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
      }),
    );
  }

  suiteSetup(async () => {
    ({ registry, clients } = own);
    const { ecr } = loadSdk();
    await clients.ecr().send(new ecr.CreateRepositoryCommand({ repositoryName: `app-${id}` }));
    await clients.ecr().send(new ecr.CreateRepositoryCommand({ repositoryName: `frozen-${id}`, imageTagMutability: 'IMMUTABLE' }));
  });

  test('publishImage with explicit arguments builds, pushes and resolves with the confirmed digest', async () => {
    const repository = `app-${id}`;
    const result = await vscode.commands.executeCommand<{ imageUri: string; digest: string }>('ecsWorkbench.publishImage', {
      context: 'publish/app',
      repository,
      tags: ['1.0.0', 'latest'],
      region: REGION,
    });
    built.push(`${registry.host}/${repository}:1.0.0`, `${registry.host}/${repository}:latest`);
    assert.equal(result.imageUri, `${registry.host}/${repository}:1.0.0`);
    assert.match(result.digest, /^sha256:[a-f0-9]{64}$/);
    assert.equal(result.digest, await registryDigest(registry, repository, '1.0.0'));
    const { ecr } = loadSdk();
    const images = await clients.ecr().send(new ecr.DescribeImagesCommand({ repositoryName: repository }));
    assert.deepEqual(images.imageDetails?.map((d) => [d.imageDigest, [...(d.imageTags ?? [])].sort()]), [[result.digest, ['1.0.0', 'latest']]]);
  });

  test('the published tag shows in the ECR tree with the pushed digest', async () => {
    const repository = `app-${id}`;
    const digest = await registryDigest(registry, repository, '1.0.0');
    assert.ok(digest, 'the first test published app:1.0.0');
    const before = await (await explorerApi()).state();
    await vscode.commands.executeCommand('ecsWorkbench.selectRegion', REGION);
    try {
      const inspect = async (id?: string): Promise<TreeNode[]> =>
        (await (await explorerApi()).inspect('repositories', id, { expand: true })) ?? [];
      const repoNode = await waitFor(`repository ${repository} in the ECR tree`, async () =>
        (await inspect()).find((n) => n.resource?.repositoryName === repository),
      ).catch(() => undefined);
      assert.ok(repoNode, `repository ${repository} is not in the ECR tree`);
      const images = await inspect(repoNode.id);
      const image = images.find((n) => n.resource?.imageTags?.includes('1.0.0'));
      assert.ok(image, `no image tagged 1.0.0 under ${repository}: ${images.map((n) => n.label).join(', ')}`);
      assert.equal(image.resource?.imageDigest, digest);
      assert.deepEqual([...(image.resource?.imageTags ?? [])].sort(), ['1.0.0', 'latest']);
    } finally {
      await vscode.commands.executeCommand('ecsWorkbench.selectRegion', before?.target.region ?? 'us-east-1');
    }
  });

  test('publishImage refuses an existing tag of an immutable repository before building', async () => {
    const repository = `frozen-${id}`;
    const first = await vscode.commands.executeCommand<{ imageUri: string; digest: string }>('ecsWorkbench.publishImage', {
      context: 'publish/app',
      repository,
      tags: ['1.0.0'],
      region: REGION,
    });
    built.push(first.imageUri);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.publishImage', { context: 'publish/app', repository, tags: ['1.0.1', '1.0.0'], region: REGION })),
      /1\.0\.0 already exists in frozen-.*immutable/,
    );
    const exists = await runProgram('podman', ['image', 'exists', '--', `${registry.host}/${repository}:1.0.1`]);
    assert.notEqual(exists.code, 0, 'refused before building: no image was tagged 1.0.1');
  });

  test('publishImage refuses option-like input without running anything', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.publishImage', { context: 'publish/app', repository: `app-${id}`, tags: ['--push'], region: REGION })),
      /not a valid tag/,
    );
  });

  test('release with explicit arguments publishes, registers, deploys and follows to completion', async () => {
    const { ecs } = loadSdk();
    const repository = `app-${id}`;
    const cluster = `prod-${id}`;
    await createFargateService({ cluster, family: `web-${id}`, service: 'web', container: { name: 'web', image: `${registry.host}/${repository}:1.0.0` }, desiredCount: 1 });
    const result = await vscode.commands.executeCommand<{ outcome: string; imageUri: string; taskDefinitionArn: string }>('ecsWorkbench.release', {
      cluster,
      service: 'web',
      context: 'publish/app',
      tag: `rel-${id}`,
      region: REGION,
    });
    built.push(result.imageUri);
    assert.equal(result.outcome, 'completed');
    assert.equal(result.imageUri, `${registry.host}/${repository}:rel-${id}`);
    assert.match(result.taskDefinitionArn, new RegExp(`task-definition/web-${id}:2$`));
    const service = (await clients.ecs().send(new ecs.DescribeServicesCommand({ cluster, services: ['web'] }))).services?.[0];
    assert.equal(service?.taskDefinition, result.taskDefinitionArn);
  });

  test('release stops before publishing when no container uses an ECR image, and says so', async () => {
    const { ecs } = loadSdk();
    const cluster = `other-${id}`;
    await createFargateService({ cluster, family: `public-${id}`, service: 'site', container: { name: 'nginx', image: 'public.ecr.aws/nginx/nginx:1.27' }, desiredCount: 0 });
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.release', { cluster, service: 'site', context: 'publish/app', tag: 'x1', region: REGION })),
      /No container of public-.*:1 uses an image from an ECR repository/,
    );
    const revisions = await clients.ecs().send(new ecs.ListTaskDefinitionsCommand({ familyPrefix: `public-${id}` }));
    assert.equal(revisions.taskDefinitionArns?.length, 1, 'nothing was registered');
  });

  test('release on the demo seed: production/web\'s image is in the sandbox ECR, so it publishes there, registers and deploys', async () => {
    // The demo seed in an emulator of its own with this suite's registry, reached through a profile
    // with endpoint_url (a profile name no client was made for, so the extension makes new clients).
    const demo = await startEmulator({ seed: 'demo', speed: 200, registry: registry.urlWithCredentials });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecsw-seed-'));
    const config = path.join(dir, 'config');
    const profile = `seeded-${id}`;
    fs.writeFileSync(config, [`[profile ${profile}]`, 'region = us-east-1', `endpoint_url = ${demo.url}`, 'aws_access_key_id = test', 'aws_secret_access_key = test', ''].join('\n'));
    const saved = { config: process.env.AWS_CONFIG_FILE };
    process.env.AWS_CONFIG_FILE = config;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      await vscode.commands.executeCommand('ecsWorkbench.selectProfile', profile);
      const tag = `seed-${id}`;
      const result = await vscode.commands.executeCommand<{ outcome: string; imageUri: string; taskDefinitionArn: string }>('ecsWorkbench.release', {
        cluster: 'production',
        service: 'web',
        context: 'publish/app',
        tag,
        region: 'us-east-1',
      });
      built.push(result.imageUri);
      assert.equal(result.imageUri, `${registry.host}/my-app:${tag}`, 'published to the seed\'s my-app repository');
      assert.match(result.taskDefinitionArn, /task-definition\/web:4$/, 'a new revision of web, from web:2 (what production/web runs)');
      assert.equal(result.outcome, 'completed');
      assert.ok(await registryDigest(registry, 'my-app', tag), 'the registry has the pushed tag');
      // The release's rollout is production/web's entry in the deployments status bar, as a deploy's is
      // (it said "web → web:3 · deployed" of an earlier deployment after web:4 was released).
      const entry = (await extensionApi()).deploy.state().watches.find((w) => w.service === 'web' && w.cluster === 'production');
      assert.ok(entry, 'production/web has a status-bar entry');
      assert.match(entry.label, /^web( \(production\))? → web:4\b/); // the cluster is named when another web is followed
      assert.equal(entry.phase, 'completed');
    } finally {
      // Back to the default chain with the runner's endpoint (this suite's teardown restores it too):
      // switching makes the views load again, and a client made now must reach the runner's emulator.
      process.env.AWS_CONFIG_FILE = saved.config;
      if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = savedEndpoint;
      await vscode.commands.executeCommand('ecsWorkbench.selectProfile', '');
      fs.rmSync(dir, { recursive: true, force: true });
      await demo.close();
    }
  });
});
