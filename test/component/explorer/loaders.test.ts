// The explorer's loaders through the real AWS SDK over HTTP against the emulator.
import * as assert from 'node:assert/strict';
import { classifyAwsError } from '../../../src/aws/errors';
import * as ecs from '../../../src/aws/ecs';
import * as loaders from '../../../src/explorer/loaders';
import type { NodeSpec } from '../../../src/explorer/model';
import { rootChildren } from '../../../src/explorer/roots';
import { toRegisterInput } from '../../../src/taskdef/registrable';
import { allChildren as children, emulatorSuite, type EmulatorFixture } from './emulatorFixture';

function find(specs: NodeSpec[], label: string): NodeSpec {
  const s = specs.find((x) => x.label === label);
  assert.ok(s, `no node "${label}" in [${specs.map((x) => x.label).join(', ')}]`);
  return s;
}

describe('explorer/loaders against the emulator', function () {
  let fx: EmulatorFixture;

  emulatorSuite('demo', (f) => (fx = f));

  it('walks the demo tree: clusters → services → deployments/tasks/events → containers', async () => {
    const ctx = fx.ctx();
    const root: NodeSpec = { key: 'root', label: '', contextValue: 'x', children: rootChildren('clusters', { region: 'us-east-1' }) };
    const clusters = await children(root, ctx);
    assert.deepEqual(clusters.map((c) => c.label).sort(), ['production', 'staging']);
    const staging = find(clusters, 'staging');
    assert.match(staging.description ?? '', /1 service · \d+ running/);
    assert.equal(staging.contextValue, 'ecsWorkbench.cluster.active');
    const groups = await children(staging, ctx);
    assert.deepEqual(groups.map((g) => g.label), ['Services', 'Tasks', 'Container instances']);
    const instances = await children(find(groups, 'Container instances'), ctx);
    assert.equal(instances.length, 2);
    assert.match(instances[0].contextValue, /^ecsWorkbench\.containerInstance\./);

    const services = await children(find(groups, 'Services'), ctx);
    const web = find(services, 'web');
    assert.equal(web.contextValue, 'ecsWorkbench.service.deploying', 'staging rolls to web:3 in the demo');
    assert.equal(web.autoRefresh, true);
    assert.equal(web.resource?.clusterName, 'staging');
    const parts = await children(web, ctx);
    const deployments = await children(find(parts, 'Deployments'), ctx);
    assert.ok(deployments.some((d) => d.contextValue === 'ecsWorkbench.deployment.primary' && /web:3/.test(d.label)));
    const events = await children(find(parts, 'Events'), ctx);
    assert.ok(events.length > 0);
    const tasks = await children(find(parts, 'Tasks'), ctx);
    assert.ok(tasks.length > 0);
    assert.ok(tasks.every((t) => t.resource?.kind === 'task' && t.resource.serviceName === 'web'));
    const containers = await children(tasks[0], ctx);
    assert.ok(containers.length > 0);
    assert.equal(containers[0].resource?.kind, 'container');
    assert.match(containers[0].description ?? '', /my-app:v1\.5\.\d/);
  });

  it('task definitions: families → revisions of exactly that family, newest first; a revision opens registrable', async () => {
    const ctx = fx.ctx();
    const families = await loaders.listTaskDefinitionFamilies(ctx);
    assert.ok(families.items.includes('web'));
    const revisions = await loaders.listTaskDefinitionRevisions(ctx, 'web', 'ACTIVE');
    assert.deepEqual(revisions.items.map((r) => r.revision), [3, 2, 1]);
    const { taskDefinition, tags } = await ecs.describeTaskDefinition(ctx, revisions.items[0].arn);
    const registrable = toRegisterInput({ taskDefinition, tags });
    assert.equal(registrable.family, 'web');
    for (const k of ['revision', 'status', 'taskDefinitionArn', 'registeredAt', 'requiresAttributes', 'compatibilities']) {
      assert.ok(!(k in registrable), `${k} must be stripped`);
    }
    assert.deepEqual(registrable.tags, [{ key: 'team', value: 'web' }]);
  });

  it('ECR: repositories and images, newest first, untagged grouped', async () => {
    const ctx = fx.ctx();
    const root: NodeSpec = { key: 'root', label: '', contextValue: 'x', children: rootChildren('repositories', { region: 'us-east-1' }) };
    const repos = await children(root, ctx);
    const repo = find(repos, 'my-app');
    assert.match(repo.description ?? '', /mutable tags · scan on push/);
    const images = await children(repo, fx.ctx({ pageSize: 1000 }));
    assert.deepEqual(images.map((i) => i.label), ['v1.5.2, latest', 'v1.5.1', 'Untagged images']);
    assert.match(images[0].description ?? '', /^sha256:[0-9a-f]{12} · pushed 2 days ago · 52\.6 MB/);
  });

  it('services page: 1 ListServices + ceil(page/10) DescribeServices, with nextToken for the rest', async () => {
    await fx.control.seedBulk({ clusters: 1, servicesPerCluster: 45, images: 0 });
    await fx.control.resetCallCounts();
    const page = await loaders.listServices(fx.ctx({ pageSize: 30 }), 'bulk-000');
    assert.equal(page.items.length, 30);
    assert.ok(page.nextToken);
    assert.deepEqual(await fx.control.callCounts(), { ListServices: 1, DescribeServices: 3 });
    const rest = await loaders.listServices(fx.ctx({ pageSize: 30 }), 'bulk-000', page.nextToken);
    assert.equal(rest.items.length, 15);
    assert.equal(rest.nextToken, undefined);
    const names = [...page.items, ...rest.items].map((s) => s.serviceName);
    assert.equal(new Set(names).size, 45);
  });

  it('tasks are described 100 per call', async () => {
    await fx.control.seedBulk({ clusters: 1, servicesPerCluster: 100, images: 0 });
    await fx.control.resetCallCounts();
    const page = await loaders.listTasks(fx.ctx(), { cluster: 'bulk-000', desiredStatus: 'RUNNING' });
    assert.equal(page.items.length, 100);
    const counts = await fx.control.callCounts();
    assert.equal(counts.ListTasks, 1);
    assert.equal(counts.DescribeTasks, 1);
  });

  it('images: the first page of a big repository is one call', async () => {
    await fx.control.seedBulk({ clusters: 0, servicesPerCluster: 0, images: 1500 });
    await fx.control.resetCallCounts();
    const page = await loaders.listImages(fx.ctx(), 'bulk-images');
    assert.equal(page.items.length, 1000);
    assert.ok(page.nextToken);
    assert.deepEqual(await fx.control.callCounts(), { DescribeImages: 1 });
  });

  it('an aborted load rejects as a cancellation and stops early', async () => {
    await fx.control.setLatency(5_000);
    await fx.control.resetCallCounts();
    const controller = new AbortController();
    const p = loaders.listClusters(fx.ctx({ signal: controller.signal }));
    // Abort while the emulator holds the call (it answers after 5 s): not after a time that a busy
    // machine could stretch past the answer.
    const deadline = Date.now() + 30_000;
    while (!(await fx.control.callCounts()).ListClusters && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error, 'the load must fail once aborted');
    assert.equal(classifyAwsError(error).kind, 'cancelled');
    await fx.control.setLatency(0);
  });

  it('throttling is retried by the SDK; access denied and expired tokens become clear errors', async () => {
    await fx.control.injectFault({ operation: 'ListClusters', kind: 'throttle', count: 1 });
    const ok = await loaders.listClusters(fx.ctx());
    assert.equal(ok.items.length, 2);

    await fx.control.injectFault({ operation: 'DescribeServices', kind: 'accessDenied', count: 1 });
    const denied = await loaders.listServices(fx.ctx(), 'production').catch((e: unknown) => e);
    const info = classifyAwsError(denied);
    assert.equal(info.kind, 'accessDenied');
    assert.equal(info.call, 'ecs:DescribeServices');
    assert.match(info.detail, /ecs:DescribeServices/);

    await fx.control.injectFault({ operation: 'DescribeRepositories', kind: 'expiredToken', count: 1 });
    const expired = await loaders.listRepositories(fx.ctx()).catch((e: unknown) => e);
    assert.equal(classifyAwsError(expired, { profile: 'dev' }).kind, 'expiredCredentials');
  });
});
