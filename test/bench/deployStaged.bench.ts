// Following a blue/green deployment through the real SDK against the emulator (demo seed, us-west-2
// storefront/checkout):
// - how long after the emulator enters BAKE_TIME the tracker reports that stage, as a multiple of the
//   poll interval in effect (target ≤ 1.2, issue 15);
// - DescribeServiceDeployments + DescribeServices per minute over a 30-minute bake, against the SDK
//   waiter's 4 a minute (budget 4).
import * as ecs from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../src/aws/clients';
import { followRollout } from '../../src/deploy/follow';
import { rolloutTargetOf, startDeployment } from '../../src/deploy/deployment';
import { nextPollDelay } from '../../src/deploy/pollSchedule';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import { clientsFor } from './deploy.bench';
import { emulatorClock } from './emulatorClock';
import { median, type Report } from './harness';

const REGION = 'us-west-2';
const WHERE = { cluster: 'storefront', service: 'checkout', region: REGION };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bake starts at a moment of the poll cycle; returns (reported − started) / interval. */
async function stageRatio(clients: AwsClients, control: EmulatorControl, offsetMs: number): Promise<number> {
  await control.reset('demo');
  await clients.ecs(REGION).send(new ecs.UpdateServiceCommand({ ...WHERE, deploymentConfiguration: { bakeTimeInMinutes: 60 } }));
  const started = await startDeployment(clients, { ...WHERE, taskDefinition: 'checkout:3' });
  const abort = new AbortController();
  let reportedAt = 0;
  const follow = followRollout(clients, started, rolloutTargetOf(started), {
    signal: abort.signal,
    onState: (s) => {
      if (s.stage?.stage === 'BAKE_TIME' && !reportedAt) reportedAt = performance.now();
    },
  });
  await sleep(offsetMs);
  const changedAt = performance.now();
  const interval = nextPollDelay(Date.now() - started.startedAt);
  await control.advance(5 * 60_000); // scale-up, traffic shifts: the bake starts inside this call
  while (!reportedAt && performance.now() - changedAt < 20_000) await sleep(20);
  abort.abort();
  await follow;
  if (!reportedAt) throw new Error('the bake was never reported');
  return (reportedAt - changedAt) / interval;
}

export async function run(report: Report): Promise<void> {
  const emulator = await startEmulator({ seed: 'demo', speed: 0 });
  const clients = clientsFor(emulator.url, REGION);
  const control = new EmulatorControl(emulator.url);
  try {
    const ratios: number[] = [];
    for (const offset of [300, 900, 1500, 1900, 2600]) ratios.push(await stageRatio(clients, control, offset));
    report({ name: 'deploy (blue/green): stage change → tracker report, median', value: median(ratios), unit: 'x poll interval', budget: 1.2 });
    report({ name: 'deploy (blue/green): stage change → tracker report, worst of 5', value: Math.max(...ratios), unit: 'x poll interval', budget: 1.2 });

    // Cost: a 30-minute bake followed to its end; the watcher's sleeps move the emulator's clock.
    await control.reset('demo');
    await clients.ecs(REGION).send(new ecs.UpdateServiceCommand({ ...WHERE, deploymentConfiguration: { bakeTimeInMinutes: 30 } }));
    const clock = emulatorClock(control);
    const started = await startDeployment(clients, { ...WHERE, taskDefinition: 'checkout:3' }, { clock });
    const calls: { at: number; baking: boolean }[] = [];
    let baking = false;
    const final = await followRollout(clients, started, rolloutTargetOf(started), {
      clock,
      timeoutMs: 120 * 60_000,
      onCall: () => calls.push({ at: clock.now(), baking }),
      onState: (s) => {
        baking = s.stage?.stage === 'BAKE_TIME';
      },
    });
    if (final?.phase !== 'completed') throw new Error(`expected completed, got ${final?.phase}: ${final?.reason}`);
    // The polls made while the tracker reported the bake, up to the poll that saw it end: each poll
    // pays for the wait until the next one, so calls / (end − first) is the rate. The poll that saw the
    // end (its DescribeServices re-reads the service because the stage changed) belongs to CLEAN_UP.
    // Counting that one too, over one interval less (as this bench did before), gave 4.07 for a
    // schedule of exactly one call every 15 s.
    const during = calls.filter((c) => c.baking);
    const endSeenAt = during.length ? during[during.length - 1].at : 0;
    const bake = during.filter((c) => c.at < endSeenAt);
    const minutes = bake.length ? (endSeenAt - bake[0].at) / 60_000 : 1;
    const waiter = { name: 'SDK waiter (15 s)', value: 4 };
    report({ name: 'deploy (blue/green): DescribeServiceDeployments + DescribeServices per minute, 30-min bake', value: bake.length / Math.max(1, minutes), unit: 'calls/min', baseline: waiter, budget: 4, budgetInclusive: true });
  } finally {
    clients.destroy();
    await emulator.close();
  }
}
