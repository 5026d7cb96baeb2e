// publishImage end to end with real parts: podman builds a FROM-scratch image, logs in with the
// password GetAuthorizationToken (emulator) hands out, pushes to docker-registry, and DescribeImages
// (emulator, mirroring the registry) confirms tag and digest.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSdk } from '../../../src/aws/sdk-loader';
import { runProgram } from '../../../src/publish/childProcess';
import { ContainerCli } from '../../../src/publish/containerCli';
import { isPublishError } from '../../../src/publish/errors';
import { createRepository, digestOfTag, publishImage } from '../../../src/publish/publisher';
import type { PushProgress } from '../../../src/publish/pushProgress';
import { registryDigest, writeScratchContext } from './support/localRegistry';
import { startPublishFixture, type PublishFixture } from './support/publishFixture';

async function localImageExists(reference: string): Promise<boolean> {
  return (await runProgram('podman', ['image', 'exists', '--', reference])).code === 0;
}

describe('publish/publisher with podman, docker-registry and the emulator', function () {
  this.timeout(120_000);
  let fx: PublishFixture;
  let work: string;
  let context: string;
  const id = Math.random().toString(36).slice(2, 8);
  const built: string[] = [];

  before(async () => {
    fx = await startPublishFixture();
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'publish-pipeline-'));
    context = await writeScratchContext(path.join(work, 'ctx'), 2, 100_000);
  });

  after(async () => {
    if (built.length) await runProgram('podman', ['rmi', '--force', '--', ...built]);
    await fx?.close();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('builds, pushes and confirms the tag with the digest the registry has', async () => {
    const repository = `app-${id}`;
    await createRepository({ clients: fx.clients, region: undefined }, repository);
    const events: PushProgress[] = [];
    const steps: string[] = [];
    const result = await publishImage(
      { context, repository, tags: ['1.0.3', 'latest'], baseDir: work },
      {
        ecr: { clients: fx.clients, region: undefined },
        cli: new ContainerCli('podman'),
        engineArchitecture: 'amd64',
        observer: { progress: (_t, p) => events.push(p), step: (s) => steps.push(s) },
      },
    );
    built.push(`${fx.registry.host}/${repository}:1.0.3`, `${fx.registry.host}/${repository}:latest`);
    assert.equal(result.imageUri, `${fx.registry.host}/${repository}:1.0.3`);
    assert.equal(result.platform, 'linux/amd64');
    assert.deepEqual([...new Set(steps)], ['check', 'build', 'login', 'push', 'verify']);
    assert.equal(result.digest, await registryDigest(fx.registry, repository, '1.0.3'));
    assert.equal(result.digest, await digestOfTag({ clients: fx.clients, region: undefined }, repository, 'latest'));
    const { ecr } = loadSdk();
    const described = await fx.clients.ecr().send(new ecr.DescribeImagesCommand({ repositoryName: repository }));
    assert.equal(described.imageDetails?.length, 1);
    assert.deepEqual([...(described.imageDetails?.[0].imageTags ?? [])].sort(), ['1.0.3', 'latest']);
    assert.deepEqual(events.filter((e) => e.phase === 'done').at(-1), { layersDone: 2, layersTotal: 2, phase: 'done' });
  });

  it('refuses an existing tag of an immutable repository before building anything', async () => {
    const repository = `frozen-${id}`;
    await createRepository({ clients: fx.clients, region: undefined }, repository, { immutable: true });
    const first = await publishImage({ context, repository, tags: ['1.0.0'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman') });
    built.push(first.imageUri);
    const context2 = await writeScratchContext(path.join(work, 'ctx2'), 1, 1000);
    const steps: string[] = [];
    const reference = `${fx.registry.host}/${repository}:1.0.0-other`;
    await assert.rejects(
      publishImage({ context: context2, repository, tags: ['1.0.0-other', '1.0.0'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman'), observer: { step: (s) => steps.push(s) } }),
      (e: unknown) => {
        assert.ok(isPublishError(e, 'immutable-tag'), String(e));
        assert.match(e.message, /1\.0\.0 already exists/);
        return true;
      },
    );
    assert.deepEqual(steps, ['check'], 'stopped before the build');
    assert.equal(await localImageExists(reference), false, 'nothing was built');
    assert.equal(await digestOfTag({ clients: fx.clients, region: undefined }, repository, '1.0.0'), first.digest, 'the tag did not move');
  });

  it('moves an existing tag in a mutable repository and says so', async () => {
    const repository = `moving-${id}`;
    await createRepository({ clients: fx.clients, region: undefined }, repository);
    const first = await publishImage({ context, repository, tags: ['latest'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman') });
    const other = await writeScratchContext(path.join(work, 'ctx3'), 1, 5000);
    const warnings: string[] = [];
    const second = await publishImage({ context: other, repository, tags: ['latest'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman'), observer: { warning: (w) => warnings.push(w) } });
    built.push(second.imageUri);
    assert.deepEqual(second.movedTags, ['latest']);
    assert.ok(warnings.some((w) => /latest already exists .* will move/.test(w)), warnings.join('\n'));
    assert.notEqual(second.digest, first.digest);
    assert.equal(await digestOfTag({ clients: fx.clients, region: undefined }, repository, 'latest'), second.digest);
  });

  it('pushes an existing local image without building', async () => {
    const repository = `local-${id}`;
    await createRepository({ clients: fx.clients, region: undefined }, repository);
    const local = `localhost/publish-local-${id}:dev`;
    const cli = new ContainerCli('podman');
    await cli.build({ context, dockerfile: path.join(context, 'Dockerfile'), tags: [local], platform: 'linux/amd64' });
    built.push(local, `${fx.registry.host}/${repository}:v1`);
    const result = await publishImage({ localImage: local, repository, tags: ['v1'] }, { ecr: { clients: fx.clients, region: undefined }, cli });
    assert.equal(result.digest, await registryDigest(fx.registry, repository, 'v1'));
  });

  it('reports a missing repository before building', async () => {
    await assert.rejects(
      publishImage({ context, repository: `missing-${id}`, tags: ['1'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman') }),
      (e: unknown) => isPublishError(e, 'repository-missing'),
    );
  });

  it('reports a login the registry rejects as a login failure, without the password', async () => {
    const repository = `denied-${id}`;
    await createRepository({ clients: fx.clients, region: undefined }, repository);
    built.push(`${fx.registry.host}/${repository}:1`);
    try {
      await assert.rejects(
        publishImage(
          { context, repository, tags: ['1'] },
          {
            ecr: { clients: fx.clients, region: undefined },
            cli: new ContainerCli('podman'),
            // The registry's password changes after the checks: the token GetAuthorizationToken hands out is now wrong.
            observer: { step: (s) => s === 'login' && fx.registry.setPasswordSync('rotated-password') },
          },
        ),
        (e: unknown) => {
          assert.ok(isPublishError(e, 'login-failed'), String(e));
          assert.match(e.message, /rejected the credentials/);
          assert.ok(!`${e.message}${e.detail}`.includes(fx.registry.password));
          return true;
        },
      );
    } finally {
      fx.registry.setPasswordSync(fx.registry.password);
    }
  });

  it('cancelling mid-push stops the pipeline with "cancelled"', async () => {
    const repository = `cancel-${id}`;
    await createRepository({ clients: fx.clients, region: undefined }, repository);
    const big = await writeScratchContext(path.join(work, 'big'), 2, 20_000_000);
    const controller = new AbortController();
    built.push(`${fx.registry.host}/${repository}:1`);
    await assert.rejects(
      publishImage(
        { context: big, repository, tags: ['1'] },
        {
          ecr: { clients: fx.clients, region: undefined },
          cli: new ContainerCli('podman'),
          signal: controller.signal,
          observer: { progress: (_t, p) => p.phase === 'uploading' && controller.abort() },
        },
      ),
      (e: unknown) => isPublishError(e, 'cancelled'),
    );
    assert.equal(await digestOfTag({ clients: fx.clients, region: undefined }, repository, '1'), undefined);
  });
});
