// Release confirms the whole plan once, before anything changes AWS: the plan names the image, the
// revision it renders from, the container, the service and the cluster; declining changes nothing
// (no build, no push, no register, no UpdateService).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSdk } from '../../../src/aws/sdk-loader';
import { ContainerCli } from '../../../src/publish/containerCli';
import { createRepository } from '../../../src/publish/publisher';
import { ReleaseError, release, type ReleasePlan } from '../../../src/publish/release';
import { startEmulatorFixture, type EmulatorFixture } from '../explorer/emulatorFixture';

const FAKE_CLI = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'component', 'publish', 'fixtures', 'fake-container-cli.mjs');

describe('publish/release confirms its plan', function () {
  this.timeout(60_000);
  let fx: EmulatorFixture;
  let dir: string;
  let repositoryUri: string;
  let baseRevision: string;

  before(async () => {
    fx = await startEmulatorFixture('demo', { separateProcess: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-plan-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const { ecs } = loadSdk();
    repositoryUri = await createRepository({ clients: fx.clients, region: 'us-east-1' }, 'plan-app');
    const registered = await fx.clients.ecs('us-east-1').send(
      new ecs.RegisterTaskDefinitionCommand({
        family: 'plan-app',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: `${repositoryUri}:1`, essential: true }],
      }),
    );
    baseRevision = registered.taskDefinition?.taskDefinitionArn ?? '';
    await fx.clients.ecs('us-east-1').send(
      new ecs.CreateServiceCommand({
        cluster: 'production',
        serviceName: 'plan-app',
        taskDefinition: baseRevision,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      }),
    );
  });

  after(async () => {
    await fx?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows image, revision, container, service and cluster once; declined, nothing changes', async () => {
    await fx.control.resetCallCounts();
    const pidFile = path.join(dir, 'cli.pid');
    process.env.FAKE_CLI_PIDFILE = pidFile;
    const plans: ReleasePlan[] = [];
    try {
      await assert.rejects(
        release(
          { cluster: 'production', service: 'plan-app', tag: '2', context: dir, region: 'us-east-1' },
          { clients: fx.clients, cli: new ContainerCli('podman', { command: FAKE_CLI }), confirmPlan: async (plan) => (plans.push(plan), false) },
        ),
        (e: unknown) => e instanceof ReleaseError && e.cancelled,
      );
    } finally {
      delete process.env.FAKE_CLI_PIDFILE;
    }
    assert.equal(plans.length, 1, 'asked once');
    assert.deepEqual(plans[0], {
      cluster: 'production',
      service: 'plan-app',
      image: `${repositoryUri}:2`,
      publishes: true,
      container: 'app',
      baseRevision,
      family: 'plan-app',
      desiredCount: 2,
    });
    assert.ok(!fs.existsSync(pidFile), 'no build ran');
    const calls = await fx.control.callCounts();
    for (const change of ['RegisterTaskDefinition', 'UpdateService', 'InitiateLayerUpload', 'PutImage', 'GetAuthorizationToken']) {
      assert.equal(calls[change] ?? 0, 0, `${change} was called although the plan was declined`);
    }
  });

  it('the plan warns when the revision it renders from does not fit how the service runs its tasks (the deploy confirmation\'s rule)', async () => {
    const { ecs } = loadSdk();
    // plan-app's revision is registered for Fargate only; an EC2 service runs it here.
    await fx.clients.ecs('us-east-1').send(
      new ecs.CreateServiceCommand({
        cluster: 'staging',
        serviceName: 'plan-app-ec2',
        taskDefinition: baseRevision,
        desiredCount: 1,
        launchType: 'EC2',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      }),
    );
    const plans: ReleasePlan[] = [];
    await assert.rejects(
      release(
        { cluster: 'staging', service: 'plan-app-ec2', tag: '3', context: dir, region: 'us-east-1' },
        { clients: fx.clients, cli: new ContainerCli('podman', { command: FAKE_CLI }), confirmPlan: async (plan) => (plans.push(plan), false) },
      ),
      (e: unknown) => e instanceof ReleaseError && e.cancelled,
    );
    assert.deepEqual(plans[0]?.warnings, [
      'plan-app:1 is registered for FARGATE only (requiresCompatibilities), but staging/plan-app-ec2 runs its tasks on EC2 (launch type EC2).',
    ]);
  });
});
