// The explorer's node store in plain Node, with hand-built specs: caching, paging, error and empty
// rows, connection switches, auto-refresh of transient states and the rows above one that settles.
// test/component/explorer/nodeStore.test.ts runs it with the real model against the emulator.
import * as assert from 'node:assert/strict';
import type { AwsClients } from '../../../src/aws/clients';
import { Connection } from '../../../src/aws/connection';
import { describeNode, type ExplorerNode } from '../../../src/explorer/explorerNode';
import type { NodeSpec, Page } from '../../../src/explorer/model';
import { NodeStore, type ExplorerSettings } from '../../../src/explorer/nodeStore';
import type { Resource } from '../../../src/explorer/resources';

const settings = (over: Partial<{ regions: string[]; pageSize: number }> = {}): ExplorerSettings => ({
  regions: () => over.regions ?? [],
  pageSize: () => over.pageSize ?? 100,
  concurrency: () => 4,
  autoRefreshSeconds: () => 0,
});

interface Harness {
  store: NodeStore;
  connection: Connection;
  logged: string[];
  changed: (ExplorerNode | undefined)[];
}

function harness(rootItems: (token?: string) => Promise<Page<NodeSpec>>, options: { clients?: AwsClients; pageSize?: number } = {}): Harness {
  const connection = new Connection({ region: 'us-east-1' }, async () => undefined);
  const logged: string[] = [];
  const changed: (ExplorerNode | undefined)[] = [];
  const store = new NodeStore('clusters', {
    connection,
    clients: options.clients ?? ({} as AwsClients),
    log: { error: (m) => logged.push(m), warn: (m) => logged.push(m) },
    settings: settings({ pageSize: options.pageSize }),
    onDidChange: (n) => changed.push(n),
    topLevel: () => ({ kind: 'paged', empty: 'none', load: (_ctx, token) => rootItems(token) }),
  });
  return { store, connection, logged, changed };
}

const labels = (nodes: readonly ExplorerNode[]) => nodes.map((n) => n.spec.label);

function leaf(key: string, extra: Partial<NodeSpec> = {}): NodeSpec {
  return { key, label: key, contextValue: `ecsWorkbench.test.${key}`, ...extra };
}

describe('explorer/nodeStore', () => {
  it('caches children until refresh and pages with a "Load more" row', async () => {
    let calls = 0;
    const { store } = harness(async (token) => {
      calls++;
      return token ? { items: [leaf('c')] } : { items: [leaf('a'), leaf('b')], nextToken: 't1' };
    });
    const first = await store.children();
    assert.deepEqual(labels(first), ['a', 'b', 'Load more…']);
    assert.equal(first[2].spec.description, '2 shown');
    assert.equal(first[2].spec.contextValue, 'ecsWorkbench.node.loadMore');
    assert.deepEqual(labels(await store.children()), ['a', 'b', 'Load more…']);
    assert.equal(calls, 1, 'cached');
    const root = first[0].parent!;
    await store.loadMore(root);
    const after = await store.children();
    assert.deepEqual(labels(after), ['a', 'b', 'c']);
    assert.equal(after[0], first[0], 'the nodes already shown are kept (their expansion and caches survive)');
    assert.equal(calls, 2);
  });

  it('a failed load is an error row with its action; retry loads again; a failed page keeps what was loaded', async () => {
    let fail = true;
    const { store, logged } = harness(async (token) => {
      if (fail) throw Object.assign(new Error('boom'), { name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } });
      return token ? { items: [leaf('b')] } : { items: [leaf('a')], nextToken: 'p2' };
    });
    const [error] = await store.children();
    assert.match(error.spec.contextValue, /^ecsWorkbench\.node\.error\./);
    assert.ok(error.synthetic);
    assert.ok(logged.some((l) => l.includes('failed')), 'logged, never thrown');
    fail = false;
    store.retry(error.parent!);
    assert.deepEqual(labels(await store.children()), ['a', 'Load more…']);
    fail = true;
    const root = (await store.children())[0].parent!;
    await store.loadMore(root);
    const shown = await store.children();
    assert.equal(shown[0].spec.label, 'a');
    assert.match(shown[1].spec.contextValue, /^ecsWorkbench\.node\.error\./);
    fail = false;
    await store.refresh(shown[1]); // the error row: retries only the failed page
    await new Promise((r) => setImmediate(r));
    await root.loading;
    assert.deepEqual(labels(await store.children()), ['a', 'b']);
  });

  it('an empty list shows its empty row; an empty top level leaves the view to its welcome content', async () => {
    const { store } = harness(async () => ({ items: [leaf('group', { children: { kind: 'list', empty: 'No services', load: async () => [] } })] }));
    const [group] = await store.children();
    const rows = await store.children(group);
    assert.deepEqual(labels(rows), ['No services']);
    assert.equal(rows[0].spec.contextValue, 'ecsWorkbench.node.empty');
    const empty = harness(async () => ({ items: [] }));
    assert.deepEqual(await empty.store.children(), []);
  });

  it('a load that finishes after the connection switched is dropped, never shown', async () => {
    let release: (() => void) | undefined;
    const { store, connection } = harness(async () => {
      await new Promise<void>((r) => (release = r));
      return { items: [leaf('old-region')] };
    });
    const pending = store.children();
    while (!release) await new Promise((r) => setImmediate(r));
    connection.switchTo({ region: 'eu-west-1' });
    release();
    assert.deepEqual(await pending, []);
  });

  it('describes nodes as plain data (what the extension API returns to tests)', async () => {
    const resource: Resource = { kind: 'cluster', region: 'us-east-1', clusterName: 'demo' };
    const { store } = harness(async () => ({ items: [leaf('demo', { description: '2 running', icon: { id: 'server' }, resource, children: { kind: 'list', empty: '', load: async () => [] } })] }));
    const [node] = await store.children();
    assert.deepEqual(describeNode(node), {
      id: node.id,
      label: 'demo',
      description: '2 running',
      tooltip: undefined,
      contextValue: 'ecsWorkbench.test.demo',
      collapsible: true,
      icon: 'server',
      resource,
      command: undefined,
    });
  });

  it('auto-refresh reloads only nodes on screen, one call per reload group, and updates the rows above one that settles', async () => {
    const cluster: Resource = { kind: 'cluster', region: 'us-east-1', clusterName: 'demo' };
    const service = (name: string): Resource => ({ ...cluster, kind: 'service', serviceName: name });
    const batchCalls: string[][] = [];
    let clusterReloads = 0;
    let settledNow = false;
    const serviceSpec = (name: string, moving: boolean): NodeSpec => ({
      ...leaf(name),
      resource: service(name),
      autoRefresh: moving,
      reload: async () => serviceSpec(name, moving),
      reloadBatch: {
        group: 'services',
        id: name,
        reloadAll: async (_ctx, ids) => {
          batchCalls.push([...ids]);
          return new Map(ids.map((id) => [id, serviceSpec(id, !settledNow)]));
        },
      },
    });
    const clusterSpec = (): NodeSpec => ({
      ...leaf('demo'),
      resource: cluster,
      reload: async () => {
        clusterReloads++;
        return clusterSpec();
      },
      children: {
        kind: 'list',
        empty: '',
        load: async () => [{ ...leaf('services'), resource: cluster, children: { kind: 'paged', empty: '', load: async () => ({ items: [serviceSpec('web', true), serviceSpec('api', true), serviceSpec('worker', false)] }) } }],
      },
    });
    const { store } = harness(async () => ({ items: [clusterSpec()] }));
    const [demo] = await store.children();
    const [services] = await store.children(demo);
    await store.children(services);
    assert.deepEqual(store.autoRefreshTargets(), [], 'collapsed: not on screen');
    store.setExpanded(demo.id, true);
    store.setExpanded(services.id, true);
    assert.deepEqual(labels(store.autoRefreshTargets()).sort(), ['api', 'web']);
    assert.equal(await store.reloadAutoRefreshTargets(), 2);
    assert.deepEqual(batchCalls, [['web', 'api']], 'one call for the group');
    assert.equal(clusterReloads, 0, 'nothing settled: the cluster row is not described again');
    settledNow = true;
    await store.reloadAutoRefreshTargets();
    assert.deepEqual(store.autoRefreshTargets(), []);
    assert.equal(clusterReloads, 1, 'a rollout that settled updates its cluster row once');
    assert.equal((await store.children(demo))[0], services, 'the Services list is kept');
  });
});
