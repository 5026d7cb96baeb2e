// The ECS and ECR modules through the real AWS SDK over HTTP against the emulator: failures[] kept,
// batching to the API limits, paginators, cancellation and the clients' timeouts.
import * as assert from 'node:assert/strict';
import { isDescribeFailuresError } from '../../../src/aws/call';
import { SdkClients } from '../../../src/aws/clients';
import { classifyAwsError } from '../../../src/aws/errors';
import * as ecr from '../../../src/aws/ecr';
import * as ecs from '../../../src/aws/ecs';
import { emulatorSuite, type EmulatorFixture } from '../explorer/emulatorFixture';

describe('aws/ecs and aws/ecr against the emulator', function () {
  this.timeout(30_000);
  let fx: EmulatorFixture;
  const options = (overrides: Partial<ecs.AwsCallOptions> = {}): ecs.AwsCallOptions => ({
    clients: fx.clients, region: 'us-east-1', signal: new AbortController().signal, ...overrides,
  });

  emulatorSuite('demo', (f) => (fx = f));

  it('a confirmed MISSING is a deleted resource; any other failure is an error that names it', async () => {
    const arns = await ecs.listAllServiceArns(options(), 'production');
    assert.ok(arns.length >= 1);
    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'partialFailure', count: 1 });
    const described = await ecs.describeServices(options(), 'production', arns);
    assert.equal(described.items.length, arns.length - 1);
    assert.equal(described.missing.length, 1);

    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'partialFailure', count: 1, reason: 'ACCESS_DENIED' });
    const error = await ecs.describeServices(options(), 'production', arns).then(() => undefined, (e: unknown) => e);
    assert.ok(isDescribeFailuresError(error), String(error));
    assert.equal(error.failures.length, 1);
    assert.equal(error.failures[0].reason, 'ACCESS_DENIED');
    assert.equal(error.described.length, arns.length - 1, 'what was described is kept for the caller');
    assert.match(error.message, /ecs:DescribeServices could not describe .*ACCESS_DENIED/);
    assert.equal(classifyAwsError(error).title, 'Failed to load (ecs:DescribeServices)');

    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'partialFailure', count: 1, reason: 'ACCESS_DENIED' });
    await assert.rejects(ecs.describeService(options(), 'production', arns[0]), (e: unknown) => isDescribeFailuresError(e));
    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'partialFailure', count: 1 });
    assert.equal(await ecs.describeService(options(), 'production', arns[0]), undefined, 'MISSING: the service is gone');
  });

  it('DescribeTasks and DescribeClusters failures surface too', async () => {
    const clusters = await ecs.listAllClusterArns(options());
    await fx.control.injectFault({ operation: 'DescribeClusters', kind: 'partialFailure', count: 1, reason: 'INTERNAL_ERROR' });
    await assert.rejects(ecs.describeClusters(options(), clusters), /INTERNAL_ERROR/);
    const tasks = await ecs.listTasksPage(options(), { cluster: 'production' });
    assert.ok((tasks.taskArns ?? []).length > 0);
    await fx.control.injectFault({ operation: 'DescribeTasks', kind: 'partialFailure', count: 1, reason: 'INTERNAL_ERROR' });
    await assert.rejects(ecs.describeTasks(options(), 'production', tasks.taskArns ?? []), /ecs:DescribeTasks could not describe/);
  });

  it('batches DescribeServices by 10 and pages lists with the SDK paginators, counting each call', async () => {
    await fx.control.seedBulk({ clusters: 1, servicesPerCluster: 25, images: 0 });
    const calls: string[] = [];
    const counted = options({ onCall: (op) => calls.push(op) });
    const clusters = await ecs.listAllClusterArns(counted);
    const bulk = clusters.find((c) => c.endsWith('/bulk-000')) ?? clusters.find((c) => c.includes('bulk'));
    assert.ok(bulk, clusters.join(', '));
    calls.length = 0;
    const arns = await ecs.listAllServiceArns({ ...counted }, bulk);
    assert.equal(arns.length, 25);
    const described = await ecs.describeServices(counted, bulk, arns);
    assert.deepEqual(described.items.map((s) => s.serviceArn), arns, 'in the order asked for');
    assert.deepEqual(calls, ['ListServices', 'DescribeServices', 'DescribeServices', 'DescribeServices']);
  });

  it('the signal reaches the HTTP request', async () => {
    await fx.control.injectFault({ operation: 'ListClusters', kind: 'latency', latencyMs: 5_000, count: 1 });
    const controller = new AbortController();
    const started = Date.now();
    const call = ecs.listClustersPage(options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(call, (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - started < 4_000, `aborted after ${Date.now() - started} ms`);
  });

  it('a stalled call ends with a timeout instead of loading forever', async () => {
    const clients = new SdkClients(() => ({ region: 'us-east-1' }), () => undefined, { connectionTimeoutMs: 1_000, requestTimeoutMs: 300 });
    try {
      await fx.control.injectFault({ operation: 'ListClusters', kind: 'latency', latencyMs: 20_000 });
      const started = Date.now();
      await assert.rejects(ecs.listClustersPage({ clients, region: 'us-east-1', signal: new AbortController().signal }), (e: Error) => {
        assert.equal(e.name, 'TimeoutError', `${e.name}: ${e.message}`);
        return true;
      });
      assert.ok(Date.now() - started < 10_000, `ended after ${Date.now() - started} ms`);
    } finally {
      await fx.control.clearFaults();
      clients.dispose();
    }
  });

  it('ECR: one CreateRepository (the name rule first), repositories through the paginator, a missing tag is undefined', async () => {
    await assert.rejects(ecr.createRepository(options(), { repositoryName: 'Web', imageTagMutability: 'MUTABLE', scanOnPush: false }), /not a valid ECR repository name/);
    const created = await ecr.createRepository(options(), { repositoryName: 'my--app', imageTagMutability: 'IMMUTABLE', scanOnPush: true });
    assert.equal(created.repositoryName, 'my--app');
    assert.equal(created.imageTagMutability, 'IMMUTABLE');
    const all = await ecr.listAllRepositories(options());
    assert.ok(all.some((r) => r.repositoryName === 'my--app'));
    assert.equal(await ecr.describeRepository(options(), 'does-not-exist'), undefined);
    assert.equal(await ecr.describeImageByTag(options(), 'my--app', 'v1'), undefined);
    const digest = await fx.control.addImage('my--app', ['v1']);
    assert.equal((await ecr.describeImageByTag(options(), 'my--app', 'v1'))?.imageDigest, digest);
  });
});
