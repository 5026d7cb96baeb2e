// The explorer's node store with the real model against the emulator over HTTP: what a user sees
// after Scale and Stop Task (the rows above what changed update, transient states are followed).
import * as assert from 'node:assert/strict';
import { Connection } from '../../../src/aws/connection';
import { loadSdk } from '../../../src/aws/sdk-loader';
import type { ExplorerNode } from '../../../src/explorer/explorerNode';
import { NodeStore } from '../../../src/explorer/nodeStore';
import { refreshResourceInViews } from '../../../src/explorer/refresher';
import { emulatorSuite, type EmulatorFixture } from './emulatorFixture';

const labels = (nodes: readonly ExplorerNode[]) => nodes.map((n) => n.spec.label);

describe('explorer/nodeStore against the emulator', function () {
  let emu: EmulatorFixture;
  emulatorSuite('demo', (fixture) => (emu = fixture));

  function realStore(pageSize = 100): NodeStore {
    return new NodeStore('clusters', {
      connection: new Connection({ region: 'us-east-1' }, async () => undefined),
      clients: emu.clients,
      log: { error: (m) => assert.fail(m), warn: (m) => assert.fail(m) },
      settings: { regions: () => [], pageSize: () => pageSize, concurrency: () => 4, autoRefreshSeconds: () => 0 },
    });
  }

  /** Every child, clicking "Load more" until there is none. */
  async function all(store: NodeStore, node: ExplorerNode): Promise<ExplorerNode[]> {
    let listed = await store.children(node);
    while (listed.at(-1)?.spec.contextValue === 'ecsWorkbench.node.loadMore') {
      await store.loadMore(node);
      listed = await store.children(node);
    }
    return listed;
  }

  const byLabel = (nodes: readonly ExplorerNode[], label: string): ExplorerNode => {
    const n = nodes.find((x) => x.spec.label === label);
    assert.ok(n, `no ${label} in [${labels(nodes).join(', ')}]`);
    return n;
  };

  it('after Scale: the service, its cluster row and the cluster\'s Tasks group update; the paged Services list is kept', async () => {
    const store = realStore(1);
    const production = byLabel(await store.children(), 'production');
    assert.match(production.spec.description ?? '', /· 2 running/);
    const groups = await store.children(production);
    const services = byLabel(groups, 'Services');
    const web = byLabel(await all(store, services), 'web');
    assert.equal(byLabel(groups, 'Tasks').spec.description, '2 running');
    assert.equal((await all(store, byLabel(groups, 'Tasks'))).filter((t) => t.spec.contextValue === 'ecsWorkbench.task.running').length, 2);

    const { ecs } = loadSdk();
    await emu.clients.ecs('us-east-1').send(new ecs.UpdateServiceCommand({ cluster: 'production', service: 'web', desiredCount: 3 }));
    await emu.control.advance(5 * 60_000);
    await emu.control.resetCallCounts();
    await refreshResourceInViews([store], { kind: 'service', region: 'us-east-1', clusterName: 'production', serviceName: 'web' });

    const counts = await emu.control.callCounts();
    assert.equal(counts.ListServices, undefined, 'the Services list (paged by "Load more") is not listed again');
    assert.equal(counts.DescribeClusters, 1);
    assert.match(byLabel(await store.children(), 'production').spec.description ?? '', /· 3 running/);
    const fresh = await store.children(production);
    assert.equal(byLabel(fresh, 'Services'), services, 'the same Services node, its pages kept');
    assert.equal(byLabel(await store.children(services), 'web'), web);
    assert.match(web.spec.description ?? '', /^3\/3 running/);
    assert.equal(byLabel(fresh, 'Tasks').spec.description, '3 running');
    const tasks = await all(store, byLabel(fresh, 'Tasks'));
    assert.equal(tasks.filter((t) => t.spec.contextValue === 'ecsWorkbench.task.running').length, 3);
  });

  it('after Stop Task: the task is followed through its transient states until it settles, then its service and cluster rows update', async () => {
    const store = realStore();
    const production = byLabel(await store.children(), 'production');
    store.setExpanded(production.id, true);
    const web = byLabel(await store.children(byLabel(await store.children(production), 'Services')), 'web');
    store.setExpanded(byLabel(await store.children(production), 'Services').id, true);
    store.setExpanded(web.id, true);
    const tasksGroup = byLabel(await store.children(web), 'Tasks');
    store.setExpanded(tasksGroup.id, true);
    const [task] = await store.children(tasksGroup);
    assert.equal(task.spec.contextValue, 'ecsWorkbench.task.running');

    const { ecs } = loadSdk();
    await emu.clients.ecs('us-east-1').send(new ecs.StopTaskCommand({ cluster: 'production', task: task.spec.resource!.taskArn!, reason: 'test' }));
    await refreshResourceInViews([store], task.spec.resource!);
    const stopping = byLabel(await store.children(byLabel(await store.children(web), 'Tasks')), task.spec.label);
    assert.equal(stopping.spec.contextValue, 'ecsWorkbench.task.stopping');
    assert.ok(store.autoRefreshTargets().includes(stopping), 'a stopping task is followed');
    assert.match(web.spec.description ?? '', /^1\/2 running/, 'its service row counts it at once');

    // Follow until it settles (condition-based: the emulator's clock moves a phase per advance).
    for (let i = 0; i < 20 && store.autoRefreshTargets().length; i++) {
      await emu.control.advance(60_000);
      await store.reloadAutoRefreshTargets();
      await store.children(byLabel(await store.children(web), 'Tasks'));
    }
    assert.deepEqual(store.autoRefreshTargets(), [], 'everything settled');
    assert.match(byLabel(await store.children(), 'production').spec.description ?? '', /· 2 running/, 'the replacement runs');
    const stopped = byLabel(await store.children(byLabel(await store.children(web), 'Tasks')), task.spec.label);
    assert.equal(stopped.spec.contextValue, 'ecsWorkbench.task.stopped');
    assert.match(web.spec.description ?? '', /^2\/2 running/);
  });
});
