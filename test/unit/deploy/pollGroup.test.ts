import * as assert from 'node:assert/strict';
import type { AwsClients } from '../../../src/aws/clients';
import { Coalescer, PollGroup, alignedDelay, awsGroupCalls, type BatchCall } from '../../../src/deploy/pollGroup';

/** A schedule the test fires by hand: the window closes when the test says so. */
function manualSchedule(): { schedule: (fn: () => void) => void; fire: () => Promise<void> } {
  const queued: (() => void)[] = [];
  return {
    schedule: (fn) => void queued.push(fn),
    fire: async () => {
      for (const fn of queued.splice(0)) fn();
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** An ECS client that answers DescribeServices / DescribeServiceDeployments and records each call's ids. */
function recordingClients(calls: { name: string; ids: string[] }[]): AwsClients {
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      if (name === 'DescribeServices') {
        const ids = command.input.services as string[];
        calls.push({ name, ids });
        const missing = ids.filter((id) => id.startsWith('gone-'));
        const denied = ids.filter((id) => id.startsWith('denied-'));
        return {
          services: ids.filter((id) => !missing.includes(id) && !denied.includes(id)).map((id) => ({ serviceName: id, serviceArn: `arn:aws:ecs:us-east-1:1:service/c/${id}`, status: 'ACTIVE' })),
          failures: [
            ...missing.map((id) => ({ arn: `arn:aws:ecs:us-east-1:1:service/c/${id}`, reason: 'MISSING' })),
            ...denied.map((id) => ({ arn: `arn:aws:ecs:us-east-1:1:service/c/${id}`, reason: 'AccessDenied' })),
          ],
        };
      }
      if (name === 'DescribeServiceDeployments') {
        const ids = command.input.serviceDeploymentArns as string[];
        calls.push({ name, ids });
        return { serviceDeployments: ids.map((arn) => ({ serviceDeploymentArn: arn, status: 'IN_PROGRESS' })), failures: [] };
      }
      throw new Error(`unexpected ${name}`);
    },
  };
  return { current: () => ({ region: 'us-east-1' }), ecs: () => client as never, ecr: () => client as never, logs: () => client as never, cloudwatch: () => client as never };
}

describe('deploy/pollGroup: followed services polled together', () => {
  const never = new AbortController().signal;

  it('N services of one cluster polled in one tick cost ceil(N/10) DescribeServices, each answered its own service', async () => {
    for (const n of [1, 9, 10, 11, 25, 40]) {
      const calls: { name: string; ids: string[] }[] = [];
      const tick = manualSchedule();
      const group = new PollGroup(awsGroupCalls(recordingClients(calls)), 250, tick.schedule);
      const names = Array.from({ length: n }, (_, i) => `svc-${i}`);
      const answers = names.map((service) => group.describeService({ cluster: 'c', service }, never));
      assert.equal(calls.length, 0, 'nothing is sent before the window closes');
      await tick.fire();
      const services = await Promise.all(answers);
      assert.equal(calls.length, Math.ceil(n / 10), `${n} services`);
      assert.ok(calls.every((c) => c.name === 'DescribeServices' && c.ids.length <= 10));
      assert.deepEqual(calls.flatMap((c) => c.ids).sort(), [...names].sort());
      assert.deepEqual(services.map((s) => s?.serviceName), names);
    }
  });

  it('clusters and regions are polled apart; the service deployments of a region go 20 a call', async () => {
    const calls: { name: string; ids: string[] }[] = [];
    const tick = manualSchedule();
    const group = new PollGroup(awsGroupCalls(recordingClients(calls)), 250, tick.schedule);
    const pending = [
      group.describeService({ cluster: 'a', service: 'one' }, never),
      group.describeService({ cluster: 'a', service: 'two' }, never),
      group.describeService({ cluster: 'b', service: 'three' }, never),
      group.describeService({ cluster: 'a', service: 'four', region: 'us-west-2' }, never),
      ...Array.from({ length: 25 }, (_, i) => group.describeServiceDeployment({ cluster: 'a', service: `s${i}` }, `arn:sd/${i}`, never)),
    ];
    await tick.fire();
    await Promise.all(pending);
    assert.deepEqual(calls.filter((c) => c.name === 'DescribeServices').map((c) => c.ids), [['one', 'two'], ['three'], ['four']]);
    assert.deepEqual(calls.filter((c) => c.name === 'DescribeServiceDeployments').map((c) => c.ids.length), [20, 5]);
  });

  it('a MISSING service is undefined, a failure for one service rejects only that one', async () => {
    const calls: { name: string; ids: string[] }[] = [];
    const tick = manualSchedule();
    const group = new PollGroup(awsGroupCalls(recordingClients(calls)), 250, tick.schedule);
    const ok = group.describeService({ cluster: 'c', service: 'web' }, never);
    const gone = group.describeService({ cluster: 'c', service: 'gone-api' }, never);
    const denied = group.describeService({ cluster: 'c', service: 'denied-worker' }, never);
    await tick.fire();
    assert.equal((await ok)?.serviceName, 'web');
    assert.equal(await gone, undefined);
    await assert.rejects(denied, /denied-worker.*AccessDenied/);
    assert.equal(calls.length, 1);
  });

  it('an aborted request rejects at once and is left out; the call is aborted only when every request was', async () => {
    const seen: { ids: readonly string[]; signal: AbortSignal }[] = [];
    const run: BatchCall<string> = async (ids, signal) => {
      seen.push({ ids, signal });
      return new Map(ids.map((id) => [id, `described ${id}`]));
    };
    const tick = manualSchedule();
    const coalescer = new Coalescer<string>(() => run, 250, tick.schedule);
    const stop = new AbortController();
    const kept = coalescer.request('c', 'kept', never);
    const dropped = coalescer.request('c', 'dropped', stop.signal);
    stop.abort();
    await assert.rejects(dropped);
    await tick.fire();
    assert.equal(await kept, 'described kept');
    assert.deepEqual(seen.map((s) => s.ids), [['kept']]);

    const all = new AbortController();
    let started = false;
    const slow = new Coalescer<string>(() => async (_ids, signal) => {
      started = true;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return new Map();
    }, 250, tick.schedule);
    const only = slow.request('c', 'x', all.signal);
    await tick.fire();
    assert.ok(started);
    all.abort();
    await assert.rejects(only);
  });

  it('followed alone, a poll keeps its own delay; with others of its cluster it wakes on the shared grid', () => {
    const group = new PollGroup(awsGroupCalls(recordingClients([])));
    const a = { cluster: 'c', service: 'a' };
    const b = { cluster: 'c', service: 'b' };
    const leaveA = group.join(a, 1_000);
    assert.equal(group.align(a, 7_300, 15_000), 15_000, 'alone: unchanged');
    const leaveB = group.join(b, 4_000);
    assert.equal(group.size(b), 2);
    // Two followers whose last polls ended 3.7 s apart both wake on the grid of the first one, and
    // from then on at the same moments (one poll each per tick).
    const first = 7_300 + group.align(a, 7_300, 15_000);
    assert.equal(first, 16_000);
    const wakeA = first + group.align(a, first, 15_000);
    const wakeB = 11_000 + group.align(b, 11_000, 15_000);
    assert.equal(wakeA, wakeB);
    assert.equal((wakeA - 1_000) % 15_000, 0, 'on the grid of the first follower');
    // Their polls take different times (40 ms, 90 ms): they still wake together.
    const endA = wakeA + 40;
    const endB = wakeB + 90;
    assert.equal(endA + group.align(a, endA, 15_000), endB + group.align(b, endB, 15_000), 'and stay together');
    leaveB();
    leaveB();
    assert.equal(group.size(a), 1, 'leaving twice counts once');
    leaveA();
    assert.equal(group.size(a), 0);
  });

  it('the aligned delay is between half and one and a half intervals, on the grid', () => {
    for (const interval of [2_000, 5_000, 10_000, 15_000]) {
      for (let now = 0; now < 3 * interval; now += 137) {
        const d = alignedDelay(now, interval, 500);
        assert.ok(d >= interval / 2 && d < 1.5 * interval, `${d} for ${interval} at ${now}`);
        assert.equal((now + d - 500) % interval, 0);
      }
    }
  });
});
