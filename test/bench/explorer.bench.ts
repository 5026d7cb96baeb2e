// Explorer loading at account scale, through the same node specs and loaders the tree uses, with the
// real SDK against the emulator (in its own process) with added latency per call. Measured in Node
// (not the extension host): the tree adds no AWS calls of its own, and Node lets us count heap
// precisely.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { NodeSpec, LoadContext } from '../../src/explorer/model';
import { clusterNode } from '../../src/explorer/clusterNodes';
import { repositoryNode } from '../../src/explorer/registryNodes';
import { listClusters, listRepositories } from '../../src/explorer/loaders';
import { allChildren, startEmulatorFixture } from '../component/explorer/emulatorFixture';
import { loadHostLib, median, missingTools, type Report, type Skip } from './harness';

const LATENCY_MS = 50;
const SCOPE = { region: 'us-east-1' };

async function firstPage(spec: NodeSpec, ctx: LoadContext): Promise<NodeSpec[]> {
  const source = spec.children!;
  if (source.kind === 'list') return source.load(ctx);
  return (await source.load({ ...ctx, pageSize: source.pageSize ?? ctx.pageSize })).items;
}

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export async function run(report: Report, skip: Skip): Promise<void> {
  const fx = await startEmulatorFixture('empty', { separateProcess: true });
  try {
    const { control } = fx;

    // 1. A cluster of 1,000 services: first page of Services. The wall time is 2 round trips
    //    (ListServices, then the DescribeServices batches in parallel) plus a fixed CPU cost of
    //    signing, serializing and parsing (SDK and emulator on the same 2 cores), measured at zero
    //    latency; the ratio is reported at two latencies so the fixed part can be told apart.
    await control.seedBulk({ clusters: 1, servicesPerCluster: 1000, images: 0 });
    const pageSize = 100;
    const ctx = fx.ctx({ pageSize, concurrency: 10 });
    const [cluster] = (await listClusters(ctx)).items;
    const services = (await firstPage(clusterNode(SCOPE, cluster), ctx)).find((g) => g.key === 'services')!;
    for (let i = 0; i < 5; i++) await firstPage(services, ctx); // warm up connections and the JIT
    const roundTrips = 2;
    const timeFirstPage = async (latency: number): Promise<{ wall: number; calls: number; items: number }> => {
      await control.setLatency(latency);
      const walls: number[] = [];
      let calls = 0;
      let items = 0;
      for (let i = 0; i < 5; i++) {
        await control.resetCallCounts();
        const t0 = performance.now();
        items = (await firstPage(services, ctx)).length;
        walls.push(performance.now() - t0);
        calls = sum(await control.callCounts());
      }
      return { wall: median(walls), calls, items };
    };
    const fixed = await timeFirstPage(0);
    const minimum = 1 + Math.ceil(fixed.items / 10);
    report({ name: `explorer 1,000-service cluster: first page (${fixed.items}) calls made`, value: fixed.calls, unit: 'calls', baseline: { name: 'minimum calls', value: minimum } });
    report({ name: 'explorer 1,000-service cluster: first page at zero latency (CPU: SDK + emulator)', value: fixed.wall, unit: 'ms' });
    for (const latency of [LATENCY_MS, 4 * LATENCY_MS]) {
      const m = await timeFirstPage(latency);
      report({
        name: `explorer 1,000-service cluster: first page wall time at ${latency} ms/call`,
        value: m.wall,
        unit: 'ms',
        baseline: { name: `${roundTrips} round trips × latency`, value: roundTrips * latency },
        budget: latency === 4 * LATENCY_MS ? 1.5 * roundTrips * latency : undefined,
      });
    }
    await control.setLatency(0);

    // 2. A repository with 5,000 images: first page.
    await control.reset('empty');
    await control.seedBulk({ clusters: 0, servicesPerCluster: 0, images: 5000 });
    const [repo] = (await listRepositories(fx.ctx())).items.filter((r) => r.repositoryName === 'bulk-images');
    const repoSpec = repositoryNode(SCOPE, repo);
    await firstPage(repoSpec, fx.ctx());
    await control.setLatency(LATENCY_MS);
    await control.resetCallCounts();
    const t1 = performance.now();
    const images = await firstPage(repoSpec, fx.ctx());
    const imagesWall = performance.now() - t1;
    const imageCalls = sum(await control.callCounts());
    report({ name: `explorer 5,000-image repository: first page (${images.length} images) calls`, value: imageCalls, unit: 'calls', budget: 2.5 });
    report({
      name: 'explorer 5,000-image repository: first page wall time',
      value: imagesWall,
      unit: 'ms',
      baseline: { name: '1 round trip × latency', value: LATENCY_MS },
    });
    await control.setLatency(0);

    // 3. Memory: browse 50 clusters × 200 services (every Services list fully loaded and kept, as the
    //    tree's cache keeps it until refresh).
    await control.reset('empty');
    await control.seedBulk({ clusters: 50, servicesPerCluster: 200, images: 0 });
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const browse = fx.ctx({ pageSize: 100 });
    const kept: NodeSpec[][] = [];
    let token: string | undefined;
    const clusters = [];
    do {
      const p = await listClusters(browse, token);
      clusters.push(...p.items);
      token = p.nextToken;
    } while (token);
    let serviceCount = 0;
    for (const c of clusters) {
      const spec = clusterNode(SCOPE, c);
      const groups = await firstPage(spec, browse);
      const list = await allChildren(groups.find((g) => g.key === 'services')!, browse);
      serviceCount += list.length;
      kept.push([spec, ...groups, ...list]);
    }
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    report({ name: `explorer memory after browsing ${clusters.length} clusters × ${serviceCount / clusters.length} services (Node, loaders + specs)`, value: (after - before) / 1e6, unit: 'MB' });
    report({ name: 'explorer memory per service node', value: (after - before) / serviceCount / 1000, unit: 'KB' });
    if (kept.length !== clusters.length) throw new Error('unreachable');
    kept.length = 0;

    // 4. The same browsing in the real extension host (code-server), through the views.
    await hostMemory(fx.url, report, skip);
  } finally {
    await fx.close();
  }
}

async function hostMemory(emulatorUrl: string, report: Report, skip: Skip): Promise<void> {
  const lib = await loadHostLib();
  const missing = missingTools(lib, ['code-server', 'chromium', 'dist']);
  if (missing) return skip('explorer host memory', missing);
  const dir = lib.makeTempDir('explorer-bench');
  try {
    const fixtures = lib.prepareFixtures(dir) as { workspace: string };
    let sample: { before: number; after: number; clusters: number; services: number; seconds: number } | undefined;
    const errors: string[] = [];
    const { exitCode } = await lib.runTestsInHost({
      tool: 'bench',
      testsModule: path.join(__dirname, 'explorer.host.js'),
      folder: fixtures.workspace,
      env: lib.buildEditorEnv({ emulatorUrl, fixtures }),
      dir,
      timeoutMs: 300_000,
      onLog: (type, text) => {
        const at = text.indexOf('ECS_WORKBENCH_EXPLORER_MEMORY ');
        if (at >= 0) sample = JSON.parse(text.slice(at + 'ECS_WORKBENCH_EXPLORER_MEMORY '.length)) as typeof sample;
        else if (type === 'error') errors.push(text);
      },
    });
    if (exitCode !== 0 || !sample) throw new Error(`the explorer host bench failed (exit ${exitCode}): ${errors.slice(-5).join('\n')}`);
    report({
      name: `explorer host heap after browsing ${sample.clusters} clusters × ${Math.round(sample.services / Math.max(1, sample.clusters))} services in the view`,
      value: sample.after / 1e6,
      unit: 'MB',
      baseline: { name: 'heap before browsing', value: sample.before / 1e6 },
    });
    report({ name: 'explorer host heap growth per service node', value: (sample.after - sample.before) / sample.services / 1000, unit: 'KB' });
    report({ name: `explorer host: browsing ${sample.services} services (list + describe + render)`, value: sample.seconds, unit: 's' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
