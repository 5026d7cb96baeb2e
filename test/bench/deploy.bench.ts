// Rollout tracking cost and promptness, through the real SDK against the emulator:
// - how long after the emulator changes a deployment's state the tracker reports it, as a multiple
//   of the poll interval in effect (target ≤ 1.2);
// - DescribeServices calls per tracked minute over a 30-minute rollout that never ends (counted by
//   the emulator), against the SDK waiter's fixed 15 s delay (4 calls a minute).
import * as ecs from '@aws-sdk/client-ecs';
import { NEVER_ABORTS } from '../../src/aws/call';
import type { AwsClients } from '../../src/aws/clients';
import { followRollout } from '../../src/deploy/follow';
import { startDeployment } from '../../src/deploy/deployment';
import { renderImage } from '../../src/deploy/registration';
import { nextPollDelay } from '../../src/deploy/pollSchedule';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import { emulatorClock } from './emulatorClock';
import { median, type Report } from './harness';

const CLUSTER = 'production';
const SERVICE = 'web';

/** ECS clients for the emulator at `url`, in one region. */
export function clientsFor(url: string, region = 'us-east-1'): AwsClients & { destroy(): void } {
  const client = new ecs.ECSClient({ endpoint: url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    current: () => ({ region }),
    ecs: () => client,
    ecr: () => {
      throw new Error('not used');
    },
    logs: () => {
      throw new Error('not used');
    },
    cloudwatch: () => {
      throw new Error('not used');
    },
    destroy: () => client.destroy(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One deployment; the emulator completes it at a random moment of the poll cycle. Returns latency / interval. */
async function detectionRatio(clients: AwsClients, control: EmulatorControl, offsetMs: number): Promise<number> {
  await control.reset('demo');
  const started = await startDeployment(clients, { cluster: CLUSTER, service: SERVICE, taskDefinition: 'web:3' });
  let reportedAt = 0;
  const follow = followRollout(clients, started, {
    taskDefinitionArn: started.taskDefinitionArn,
    deploymentId: started.deploymentId,
    startedAt: started.startedAt,
    knownEventIds: started.knownEventIds,
  }, {
    onState: (s) => {
      if (s.phase === 'completed' && !reportedAt) reportedAt = performance.now();
    },
  });
  await sleep(offsetMs);
  const changedAt = performance.now();
  const interval = nextPollDelay(Date.now() - started.startedAt);
  await control.advance(10 * 60_000); // the rollout completes inside this call
  const final = await follow;
  if (final?.phase !== 'completed') throw new Error(`expected completed, got ${final?.phase}: ${final?.reason}`);
  return (reportedAt - changedAt) / interval;
}

export async function run(report: Report): Promise<void> {
  const emulator = await startEmulator({ seed: 'demo', speed: 0 });
  const clients = clientsFor(emulator.url);
  const control = new EmulatorControl(emulator.url);
  try {
    // Promptness: offsets spread over two poll cycles of the first phase (2 s).
    const ratios: number[] = [];
    for (const offset of [300, 900, 1500, 1900, 2600, 3300, 3900]) ratios.push(await detectionRatio(clients, control, offset));
    report({ name: 'deploy: state change → tracker report, median', value: median(ratios), unit: 'x poll interval', budget: 1.2 });
    report({ name: 'deploy: state change → tracker report, worst of 7', value: Math.max(...ratios), unit: 'x poll interval', budget: 1.2 });

    // Cost: a rollout that never completes (image cannot be pulled, circuit breaker off), followed for
    // 30 simulated minutes; the watcher's sleeps move the emulator's clock.
    await control.reset('demo');
    const sdk = clients.ecs();
    await sdk.send(new ecs.UpdateServiceCommand({
      cluster: CLUSTER, service: SERVICE,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false }, maximumPercent: 200, minimumHealthyPercent: 100 },
    }));
    await control.advance(15 * 60_000);
    await control.markImageCrashing('my-app:never-healthy');
    const broken = await renderImage(clients, { taskDefinition: 'web:2', images: { containerName: 'web', image: 'my-app:never-healthy' } }, { signal: NEVER_ABORTS });
    const clock = emulatorClock(control);
    const started = await startDeployment(clients, { cluster: CLUSTER, service: SERVICE, taskDefinition: broken.taskDefinitionArn }, { clock });
    await control.resetCallCounts();
    const callTimes: number[] = [];
    const final = await followRollout(clients, started, {
      taskDefinitionArn: started.taskDefinitionArn,
      deploymentId: started.deploymentId,
      startedAt: started.startedAt,
      knownEventIds: started.knownEventIds,
    }, { clock, timeoutMs: 30 * 60_000, onCall: (name) => { if (name === 'DescribeServices') callTimes.push(clock.now() - started.startedAt); } });
    if (final?.phase !== 'timedOut') throw new Error(`expected timedOut, got ${final?.phase}: ${final?.reason}`);
    const counted = (await control.callCounts()).DescribeServices ?? 0;
    if (counted !== callTimes.length) throw new Error(`the emulator counted ${counted} DescribeServices, the watcher ${callTimes.length}`);
    const waiter = { name: 'SDK waiter (15 s)', value: 4 };
    report({ name: 'deploy: DescribeServices per tracked minute, 30-min rollout', value: counted / 30, unit: 'calls/min', baseline: waiter });
    report({ name: 'deploy: DescribeServices in the first minute', value: callTimes.filter((t) => t < 60_000).length, unit: 'calls/min', baseline: waiter });
    report({ name: 'deploy: other calls while tracking', value: Object.entries(await control.callCounts()).filter(([k]) => k !== 'DescribeServices').reduce((n, [, v]) => n + v, 0), unit: 'calls' });
  } finally {
    clients.destroy();
    await emulator.close();
  }
}
