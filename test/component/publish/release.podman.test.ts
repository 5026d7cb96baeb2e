// The release pipeline with real parts: podman + docker-registry + the emulator running the service
// (at 200× speed so that rollouts end in well under a second of real time).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSdk } from '../../../src/aws/sdk-loader';
import { runProgram } from '../../../src/publish/childProcess';
import { ContainerCli } from '../../../src/publish/containerCli';
import { createRepository, publishImage } from '../../../src/publish/publisher';
import { ReleaseError, release, type ReleaseStep } from '../../../src/publish/release';
import { writeScratchContext } from './support/localRegistry';
import { startPublishFixture, type PublishFixture } from './support/publishFixture';

const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' as const } };

describe('publish/release with podman, docker-registry and the emulator', function () {
  this.timeout(120_000);
  let fx: PublishFixture;
  let work: string;
  let context: string;
  const id = Math.random().toString(36).slice(2, 8);
  const family = `web-${id}`;
  const repository = `web-${id}`;
  const sidecarRepository = `proxy-${id}`;
  const cluster = `prod-${id}`;
  const built: string[] = [];
  let image1: string;
  let sidecarImage: string;

  async function waitForSteadyService(service: string): Promise<void> {
    const { ecs } = loadSdk();
    // A deadline, not a number of polls: each DescribeServices takes longer on a loaded machine.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const out = await fx.clients.ecs().send(new ecs.DescribeServicesCommand({ cluster, services: [service] }));
      const s = out.services?.[0];
      if (s && s.runningCount === s.desiredCount && s.deployments?.length === 1) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`service ${service} did not become steady`);
  }

  async function createService(name: string, containers: Array<{ name: string; image: string }>): Promise<string> {
    const { ecs } = loadSdk();
    const registered = await fx.clients.ecs().send(
      new ecs.RegisterTaskDefinitionCommand({
        family: name === 'api' ? `${family}-api` : family,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
        // A health check on the essential container, so a crashing image fails before it counts as healthy.
        containerDefinitions: containers.map((c, i) => ({
          name: c.name,
          image: c.image,
          essential: i === 0,
          healthCheck: i === 0 ? { command: ['CMD', '/bin/true'], interval: 10, timeout: 5, retries: 3 } : undefined,
        })),
      }),
    );
    await fx.clients.ecs().send(
      new ecs.CreateServiceCommand({
        cluster,
        serviceName: name,
        taskDefinition: registered.taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, minimumHealthyPercent: 100, maximumPercent: 200 },
      }),
    );
    await waitForSteadyService(name);
    return registered.taskDefinition?.taskDefinitionArn ?? '';
  }

  before(async () => {
    fx = await startPublishFixture({ speed: 200 });
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'publish-release-'));
    context = await writeScratchContext(path.join(work, 'app'), 1, 50_000);
    await createRepository({ clients: fx.clients, region: undefined }, repository);
    await createRepository({ clients: fx.clients, region: undefined }, sidecarRepository);
    const first = await publishImage({ context, repository, tags: ['1'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman') });
    const sidecar = await publishImage({ context, repository: sidecarRepository, tags: ['1'] }, { ecr: { clients: fx.clients, region: undefined }, cli: new ContainerCli('podman') });
    image1 = first.imageUri;
    sidecarImage = sidecar.imageUri;
    built.push(image1, sidecarImage);
    const { ecs } = loadSdk();
    await fx.clients.ecs().send(new ecs.CreateClusterCommand({ clusterName: cluster }));
    await createService('web', [
      { name: 'app', image: image1 },
      { name: 'datadog', image: 'public.ecr.aws/datadog/agent:7' },
    ]);
  });

  after(async () => {
    if (built.length) await runProgram('podman', ['rmi', '--force', '--', ...built]);
    await fx?.close();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('publishes, renders, registers, deploys and follows the rollout to completion', async () => {
    const steps: string[] = [];
    const result = await release(
      { cluster, service: 'web', context, tag: '2', baseDir: work },
      {
        clients: fx.clients,
        cli: new ContainerCli('podman'),
        pollDelay: () => 100,
        observer: { step: (step: ReleaseStep, state) => steps.push(`${step}:${state}`) },
      },
    );
    built.push(result.imageUri);
    assert.equal(result.outcome, 'completed', result.reason);
    assert.equal(result.imageUri, image1.replace(/:1$/, ':2'));
    assert.equal(result.container, 'app');
    assert.match(result.taskDefinitionArn, new RegExp(`task-definition/${family}:2$`));
    assert.deepEqual(steps, [
      'publish:running', 'publish:done', 'render:running', 'render:done', 'register:running', 'register:done',
      'deploy:running', 'deploy:done', 'follow:running', 'follow:done',
    ]);
    const { ecs } = loadSdk();
    const service = (await fx.clients.ecs().send(new ecs.DescribeServicesCommand({ cluster, services: ['web'] }))).services?.[0];
    assert.equal(service?.taskDefinition, result.taskDefinitionArn);
    const td = (await fx.clients.ecs().send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: result.taskDefinitionArn }))).taskDefinition;
    assert.deepEqual(td?.containerDefinitions?.[0].healthCheck?.command, ['CMD', '/bin/true'], 'the rest of the container is kept');
    assert.deepEqual(td?.containerDefinitions?.map((c) => [c.name, c.image]), [
      ['app', result.imageUri],
      ['datadog', 'public.ecr.aws/datadog/agent:7'],
    ]);
    assert.deepEqual(td?.runtimePlatform, { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' });
  });

  it('stops at deploy when UpdateService fails and says the revision is registered, not deployed', async () => {
    await fx.control.injectFault({ operation: 'UpdateService', kind: 'accessDenied', count: 1 });
    try {
      await assert.rejects(
        release({ cluster, service: 'web', context, tag: '3', baseDir: work }, { clients: fx.clients, cli: new ContainerCli('podman'), pollDelay: () => 100 }),
        (e: unknown) => {
          assert.ok(e instanceof ReleaseError, String(e));
          assert.equal(e.step, 'deploy');
          assert.match(e.registeredTaskDefinitionArn ?? '', new RegExp(`${family}:3$`));
          assert.match(e.summary, new RegExp(`published .*; revision ${family}:3 registered; not deployed`));
          return true;
        },
      );
    } finally {
      built.push(image1.replace(/:1$/, ':3'));
      await fx.control.clearFaults();
    }
  });

  it('reports a rollout the circuit breaker rolled back as rolledBack, not as success', async () => {
    const bad = image1.replace(/:1$/, ':bad');
    await fx.control.markImageCrashing(bad);
    const result = await release(
      { cluster, service: 'web', context, tag: 'bad', baseDir: work },
      { clients: fx.clients, cli: new ContainerCli('podman'), pollDelay: () => 100, timeoutMs: 60 * 60_000 },
    );
    built.push(bad);
    assert.equal(result.imageUri, bad);
    assert.equal(result.outcome, 'rolledBack', result.reason);
    assert.match(result.taskDefinitionArn, new RegExp(`${family}:\\d+$`));
  });

  it('asks which container when several use ECR images, and refuses to guess without a chooser', async () => {
    await createService('api', [
      { name: 'app', image: image1 },
      { name: 'proxy', image: sidecarImage },
    ]);
    const published = { imageUri: sidecarImage, digest: '', repositoryName: sidecarRepository };
    // With an already published image, its repository decides: only "proxy" qualifies.
    const direct = await release({ cluster, service: 'api', published }, { clients: fx.clients, pollDelay: () => 100 });
    assert.equal(direct.container, 'proxy');
    assert.equal(direct.outcome, 'completed', direct.reason);

    await assert.rejects(
      release({ cluster, service: 'api', context, tag: '4' }, { clients: fx.clients, cli: new ContainerCli('podman') }),
      (e: unknown) => e instanceof ReleaseError && e.step === 'publish' && /Several containers use ECR images \(app, proxy\)/.test(e.message) && e.done.length === 0,
    );
    let offered: string[] = [];
    const chosen = await release(
      { cluster, service: 'api', context, tag: '5', baseDir: work },
      {
        clients: fx.clients,
        cli: new ContainerCli('podman'),
        pollDelay: () => 100,
        chooseContainer: async (candidates) => {
          offered = candidates.map((c) => c.container);
          return candidates.find((c) => c.container === 'proxy');
        },
      },
    );
    built.push(chosen.imageUri);
    assert.deepEqual(offered, ['app', 'proxy']);
    assert.equal(chosen.container, 'proxy');
    assert.equal(chosen.imageUri, `${fx.registry.host}/${sidecarRepository}:5`);
    assert.equal(chosen.outcome, 'completed', chosen.reason);
  });
});
