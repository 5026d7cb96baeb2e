// Emulator response latency through the real SDK, on bulk data (1,000 services, 5,000 images).
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import { medianTime, Report } from './harness';

export async function run(report: Report): Promise<void> {
  const emulator = await startEmulator({ seed: 'empty', speed: 0 });
  const config = { endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const ecsClient = new ecs.ECSClient(config);
  const ecrClient = new ecr.ECRClient(config);
  try {
    const control = new EmulatorControl(emulator.url);
    let t0 = performance.now();
    await control.seedBulk({ clusters: 10, servicesPerCluster: 100, images: 5000 });
    report({ name: 'emulator seedBulk 1,000 services + 5,000 images', value: performance.now() - t0, unit: 'ms' });

    const baseline = await medianTime(() => fetch(`${emulator.url}/_emulator/health`).then((r) => r.json()), 50, 30);
    const base = { name: 'unsigned control GET', value: baseline };
    report({ name: 'emulator control GET (no SDK, no SigV4)', value: baseline, unit: 'ms' });
    const list = await medianTime(() => ecsClient.send(new ecs.ListClustersCommand({})), 50, 30);
    report({ name: 'emulator ListClusters median', value: list, unit: 'ms', baseline: base, budget: 50 });
    const services = (await ecsClient.send(new ecs.ListServicesCommand({ cluster: 'bulk-000', maxResults: 100 }))).serviceArns!;
    report({
      name: 'emulator ListServices (100 of 1,000) median',
      value: await medianTime(() => ecsClient.send(new ecs.ListServicesCommand({ cluster: 'bulk-005', maxResults: 100 })), 30, 30),
      unit: 'ms',
      baseline: base,
      budget: 50,
    });
    report({
      name: 'emulator DescribeServices (10) median',
      value: await medianTime(() => ecsClient.send(new ecs.DescribeServicesCommand({ cluster: 'bulk-000', services: services.slice(0, 10) })), 30, 30),
      unit: 'ms',
      baseline: base,
      budget: 50,
    });
    const tasks = (await ecsClient.send(new ecs.ListTasksCommand({ cluster: 'bulk-000' }))).taskArns!;
    report({
      name: 'emulator DescribeTasks (100) median',
      value: await medianTime(() => ecsClient.send(new ecs.DescribeTasksCommand({ cluster: 'bulk-000', tasks })), 30, 30),
      unit: 'ms',
      baseline: base,
      budget: 100,
    });
    report({
      name: 'emulator DescribeImages (100 of 5,000) median',
      value: await medianTime(() => ecrClient.send(new ecr.DescribeImagesCommand({ repositoryName: 'bulk-images', maxResults: 100 })), 30, 30),
      unit: 'ms',
      baseline: base,
      budget: 50,
    });
    t0 = performance.now();
    let pages = 0;
    for await (const _page of ecr.paginateDescribeImages({ client: ecrClient, pageSize: 1000 }, { repositoryName: 'bulk-images' })) pages++;
    report({ name: `emulator DescribeImages all 5,000 (${pages} pages)`, value: performance.now() - t0, unit: 'ms' });
  } finally {
    ecsClient.destroy();
    ecrClient.destroy();
    await emulator.close();
  }
}
