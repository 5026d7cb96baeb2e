// Following many deployments at once through the real SDK against the emulator: 25 services of one
// cluster rolling at the same time, followed for 20 s on the real schedule (a poll every 2 s at first),
// alone (one DescribeServices per service per poll) and as one poll group (src/deploy/pollGroup.ts:
// ceil(25/10) = 3 DescribeServices per tick). Reports DescribeServices per poll tick and per minute.
import * as ecs from '@aws-sdk/client-ecs';
import { followRollout } from '../../src/deploy/follow';
import { rolloutTargetOf, startDeployment, type StartedDeployment } from '../../src/deploy/deployment';
import { PollGroup, awsGroupCalls } from '../../src/deploy/pollGroup';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import { clientsFor } from './deploy.bench';
import type { Report } from './harness';

const SERVICES = 25;
const FOLLOW_MS = 20_000;

export async function run(report: Report): Promise<void> {
  const emulator = await startEmulator({ seed: 'empty', speed: 0 });
  const clients = clientsFor(emulator.url);
  const control = new EmulatorControl(emulator.url);
  try {
    const measure = async (grouped: boolean): Promise<{ perTick: number; perMinute: number }> => {
      await control.reset('empty');
      await control.seedBulk({ clusters: 1, servicesPerCluster: SERVICES, images: 0 });
      const td = (await clients.ecs().send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: 'bulk' }))).taskDefinition!;
      const next = await clients.ecs().send(new ecs.RegisterTaskDefinitionCommand({
        family: 'bulk', containerDefinitions: td.containerDefinitions, cpu: td.cpu, memory: td.memory, networkMode: td.networkMode, requiresCompatibilities: td.requiresCompatibilities,
      }));
      // Every service rolls to the new revision; the emulator's clock stands still, so none ends.
      const started: StartedDeployment[] = [];
      for (let i = 0; i < SERVICES; i++) {
        started.push(await startDeployment(clients, { cluster: 'bulk-000', service: `svc-${String(i).padStart(4, '0')}`, taskDefinition: next.taskDefinition!.taskDefinitionArn! }));
      }
      let describeServices = 0;
      const onCall = (name: string): void => {
        if (name === 'DescribeServices') describeServices++;
      };
      const group = grouped ? new PollGroup(awsGroupCalls(clients, onCall)) : undefined;
      // One controller per follower, as each watch has its own.
      const aborts = started.map(() => new AbortController());
      let ticks = 0;
      const began = Date.now();
      const follows = started.map((s, i) => followRollout(clients, s, rolloutTargetOf(s), {
        signal: aborts[i].signal,
        group,
        onCall: grouped ? undefined : onCall,
        onState: () => {
          if (i === 0) ticks++;
        },
      }));
      await new Promise((r) => setTimeout(r, FOLLOW_MS));
      for (const a of aborts) a.abort();
      await Promise.all(follows);
      const minutes = (Date.now() - began) / 60_000;
      return { perTick: describeServices / Math.max(1, ticks), perMinute: describeServices / minutes };
    };
    const alone = await measure(false);
    const grouped = await measure(true);
    report({ name: `deploy: DescribeServices per poll tick, ${SERVICES} services of one cluster followed (grouped)`, value: grouped.perTick, unit: 'calls', baseline: { name: 'each followed alone', value: alone.perTick }, budget: Math.ceil(SERVICES / 10), budgetInclusive: true });
    report({ name: `deploy: DescribeServices per minute, ${SERVICES} services followed (grouped, 2 s polls)`, value: grouped.perMinute, unit: 'calls/min', baseline: { name: 'each followed alone', value: alone.perMinute } });
  } finally {
    clients.destroy();
    await emulator.close();
  }
}
