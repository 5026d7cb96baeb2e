import * as assert from 'node:assert/strict';
import { RolloutTracker } from '../../../src/deploy/rolloutTracker';
import { outcomeOf } from '../../../src/deploy/outcome';
import { type DeploymentSnapshot, type RolloutState, type ServiceSnapshot } from '../../../src/deploy/rolloutModel';

// Recorded-style sequences of DescribeServices snapshots. Times are seconds after T0.
const T0 = Date.parse('2026-01-10T12:00:00Z');
const ARN = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
const at = (s: number) => T0 + s * 1000;

function dep(id: string, status: string, rev: number, counts: Partial<DeploymentSnapshot> = {}, created = 0): DeploymentSnapshot {
  return {
    id,
    status,
    taskDefinition: ARN(rev),
    desiredCount: 2,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    createdAt: new Date(at(created)),
    ...counts,
  };
}

let eventSeq = 0;
function ev(s: number, message: string) {
  return { id: `e${++eventSeq}`, createdAt: new Date(at(s)), message };
}

function svc(deployments: DeploymentSnapshot[], events: ReturnType<typeof ev>[] = [], extra: Partial<ServiceSnapshot> = {}): ServiceSnapshot {
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  return {
    serviceName: 'web',
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: deployments.reduce((n, d) => n + (d.runningCount ?? 0), 0),
    taskDefinition: primary?.taskDefinition,
    deployments,
    events: [...events].reverse(), // the API lists newest first
    ...extra,
  };
}

function feed(tracker: RolloutTracker, sequence: Array<[number, ServiceSnapshot | undefined | Error]>): RolloutState[] {
  return sequence.map(([s, snap]) => (snap instanceof Error ? tracker.observeError(at(s), snap) : tracker.observe(at(s), snap)));
}

const OURS = 'ecs-svc/3333';
const OLD = 'ecs-svc/2222';
const target = (extra: object = {}) => ({ taskDefinitionArn: ARN(3), deploymentId: OURS, startedAt: at(0), ...extra });

describe('RolloutTracker', () => {
  it('happy path: in progress with counts, then completed', () => {
    const t = new RolloutTracker(target());
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', pendingCount: 2 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      [4, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 1, pendingCount: 1 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      [6, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 2 }), dep(OLD, 'ACTIVE', 2, { runningCount: 1 }, -3600)])],
      [8, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'COMPLETED', runningCount: 2 })], [ev(7, '(service web) has reached a steady state.')])],
      [10, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 0 })])],
    ]);
    assert.deepEqual(states.map((s) => s.phase), ['inProgress', 'inProgress', 'inProgress', 'completed', 'completed']);
    assert.equal(states[1].progress?.running, 1);
    assert.equal(states[1].progress?.desired, 2);
    assert.equal(states[1].progress?.draining, 2);
    assert.equal(states[2].progress?.draining, 1);
    assert.equal(states[3].terminal, true);
    assert.equal(states[3].newEvents[0].message, '(service web) has reached a steady state.');
    assert.strictEqual(states[4], states[3], 'terminal states are sticky');
  });

  it('COMPLETED while the same update scaled up: done only once running reaches desired', () => {
    const t = new RolloutTracker(target());
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'COMPLETED', desiredCount: 4, runningCount: 2 })])],
      [4, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'COMPLETED', desiredCount: 4, runningCount: 4 })])],
    ]);
    assert.deepEqual(states.map((s) => s.phase), ['inProgress', 'completed']);
  });

  it('slow drain: all new tasks running but old ones draining is still in progress', () => {
    const t = new RolloutTracker(target());
    const draining = svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 2 }), dep(OLD, 'ACTIVE', 2, { runningCount: 1 }, -3600)]);
    const states = feed(t, [[2, draining], [60, draining], [300, draining], [900, draining]]);
    assert.ok(states.every((s) => s.phase === 'inProgress'));
    assert.match(states[3].reason ?? '', /2\/2 new tasks running, 1 old draining/);
    const done = t.observe(at(1000), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'COMPLETED', runningCount: 2 })]));
    assert.equal(done.phase, 'completed');
  });

  it('circuit breaker without rollback: ours stays PRIMARY with FAILED → failed with the reason', () => {
    const t = new RolloutTracker(target());
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', failedTasks: 1 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)], [ev(1, '(service web) has started 2 tasks.')])],
      [4, svc(
        [dep(OURS, 'PRIMARY', 3, { rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', failedTasks: 3 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)],
        [ev(3, '(service web) (deployment ecs-svc/3333) deployment failed: tasks failed to start.')],
        { deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } } },
      )],
    ]);
    assert.equal(states[1].phase, 'failed');
    assert.match(states[1].reason ?? '', /tasks failed to start/);
    assert.equal(states[1].events.length, 2);
    assert.match(states[1].events[1].message, /deployment failed/);
  });

  it('circuit breaker with rollback: reported as rolledBack, never completed, even when the service ends stable', () => {
    const t = new RolloutTracker(target());
    const rollback = 'ecs-svc/4444';
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', failedTasks: 2 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      [4, svc([
        dep(rollback, 'PRIMARY', 2, { rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2222.' }, 4),
        dep(OURS, 'ACTIVE', 3, { rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', failedTasks: 3 }),
      ], [ev(4, '(service web) rolling back to deployment ecs-svc/2222.')])],
    ]);
    assert.equal(states[1].phase, 'rolledBack');
    assert.match(states[1].reason ?? '', /tasks failed to start/);
    assert.match(states[1].reason ?? '', /web:2/);
    assert.equal(states[1].serviceTaskDefinition, ARN(2));
  });

  it('rollback seen only after the fact: one deployment, running == desired, on the old revision → rolledBack (the waiter bug)', () => {
    const t = new RolloutTracker(target());
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      // our deployment is gone; the only deployment is stable on revision 2
      [60, svc([dep('ecs-svc/4444', 'PRIMARY', 2, { rolloutState: 'COMPLETED', runningCount: 2 }, 30)], [ev(30, '(service web) (deployment ecs-svc/3333) deployment failed: tasks failed to start.')])],
    ]);
    assert.equal(states[1].phase, 'rolledBack');
    assert.notEqual(states[1].phase, 'completed');
    assert.match(states[1].reason ?? '', /web:2/);
    assert.match(states[1].reason ?? '', /deployment failed/);
  });

  it('uses service-deployment history when our deployment is gone', () => {
    const t = new RolloutTracker(target());
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const gone = svc([dep('ecs-svc/4444', 'PRIMARY', 2, { runningCount: 2 }, 30)]);
    assert.equal(t.needsHistory(gone), true);
    const state = t.observe(at(60), gone, [
      { serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/3333', status: 'ROLLBACK_SUCCESSFUL', rollbackReason: 'Circuit breaker: 3 tasks failed.' },
    ]);
    assert.equal(state.phase, 'rolledBack');
    assert.equal(state.reason, 'Circuit breaker: 3 tasks failed.');
  });

  it('finds our service deployment by its target revision when the ARN does not carry the deployment id', () => {
    const t = new RolloutTracker(target());
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const state = t.observe(at(300), svc([dep('ecs-svc/4444', 'PRIMARY', 2, { rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment ecs-svc/4444 completed.', runningCount: 2 }, 30)]), [
      { serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/zzz', status: 'SUCCESSFUL', targetTaskDefinition: ARN(2), createdAt: new Date(at(-3600)) },
      { serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/abc', status: 'ROLLBACK_SUCCESSFUL', targetTaskDefinition: ARN(3), createdAt: new Date(at(0)), rollbackReason: 'Circuit breaker triggered: tasks failed to start.' },
    ]);
    assert.equal(state.phase, 'rolledBack');
    assert.equal(state.reason, 'Circuit breaker triggered: tasks failed to start.');
  });

  it('without history, a vanished deployment is explained by the failure event, not by the rollback completing', () => {
    const t = new RolloutTracker(target());
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const state = t.observe(at(300), svc(
      [dep('ecs-svc/4444', 'PRIMARY', 2, { rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment ecs-svc/4444 completed.', runningCount: 2 }, 30)],
      [ev(20, '(service web) (deployment ecs-svc/3333) deployment failed: tasks failed to start.'), ev(21, '(service web) rolling back to deployment ecs-svc/2222.'), ev(200, '(service web) has reached a steady state.')],
    ));
    assert.equal(state.phase, 'rolledBack');
    assert.match(state.reason ?? '', /deployment failed: tasks failed to start/);
    assert.doesNotMatch(state.reason ?? '', /completed/);
  });

  it('a service deployment someone stopped ends stopped (not failed); the command still resolves failed', () => {
    const t = new RolloutTracker(target());
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const state = t.observe(at(20), svc([dep('ecs-svc/9', 'PRIMARY', 3, { runningCount: 2 }, 15)]), [
      { serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/3333', status: 'STOPPED', statusReason: 'Stopped by user' },
    ]);
    assert.equal(state.phase, 'stopped');
    assert.match(state.reason ?? '', /Stopped by user/);
    assert.equal(outcomeOf(state, ARN(3)).outcome, 'failed');
    assert.equal(outcomeOf(state, ARN(3)).ended, 'stopped');
  });

  it('a newer deployment started by someone else mid-way → superseded (its own end), not completed when it finishes', () => {
    const t = new RolloutTracker(target());
    const theirs = 'ecs-svc/5555';
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 1 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      [4, svc([
        dep(theirs, 'PRIMARY', 4, { rolloutState: 'IN_PROGRESS' }, 3),
        dep(OURS, 'ACTIVE', 3, { rolloutState: 'IN_PROGRESS', runningCount: 1 }),
        dep(OLD, 'ACTIVE', 2, { runningCount: 1 }, -3600),
      ])],
      [30, svc([dep(theirs, 'PRIMARY', 4, { rolloutState: 'COMPLETED', runningCount: 2 }, 3)])],
    ]);
    assert.equal(states[1].phase, 'superseded');
    assert.match(states[1].reason ?? '', /Superseded/);
    assert.match(states[1].reason ?? '', /web:4/);
    assert.equal(states[2].phase, 'superseded');
    assert.deepEqual([outcomeOf(states[2], ARN(3)).outcome, outcomeOf(states[2], ARN(3)).ended], ['failed', 'superseded']);
  });

  it('someone else force-deploys the same revision after ours vanished → superseded, not completed', () => {
    const t = new RolloutTracker(target());
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const state = t.observe(at(30), svc([dep('ecs-svc/6666', 'PRIMARY', 3, { rolloutState: 'COMPLETED', runningCount: 2 }, 20)]));
    assert.equal(state.phase, 'superseded');
    assert.match(state.reason ?? '', /Superseded/);
  });

  it('a service deployment ECS stopped because a newer one started is superseded', () => {
    const t = new RolloutTracker(target());
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const state = t.observe(at(20), svc([dep('ecs-svc/9', 'PRIMARY', 3, { runningCount: 2 }, 15)]), [
      { serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/3333', status: 'STOPPED', statusReason: 'Stopped because a new deployment started.' },
    ]);
    assert.equal(state.phase, 'superseded');
    assert.equal(state.reason, 'Superseded: Stopped because a new deployment started.');
  });

  it('missing rolloutState: completes only when ours is the only deployment and running == desired', () => {
    const t = new RolloutTracker(target());
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { pendingCount: 2 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      [5, svc([dep(OURS, 'PRIMARY', 3, { runningCount: 2 }), dep(OLD, 'ACTIVE', 2, { runningCount: 1 }, -3600)])],
      [8, svc([dep(OURS, 'PRIMARY', 3, { runningCount: 1, pendingCount: 1 })])],
      [11, svc([dep(OURS, 'PRIMARY', 3, { runningCount: 2 })])],
    ]);
    assert.deepEqual(states.map((s) => s.phase), ['inProgress', 'inProgress', 'inProgress', 'completed']);
  });

  it('missing rolloutState and the service back on the old revision → rolledBack, not completed', () => {
    const t = new RolloutTracker(target());
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, {}), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)])],
      [30, svc([dep('ecs-svc/7777', 'PRIMARY', 2, { runningCount: 2 }, 25)])],
    ]);
    assert.equal(states[1].phase, 'rolledBack');
  });

  it('throttling between polls keeps the rollout in progress with a warning, then continues', () => {
    const t = new RolloutTracker(target());
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const states = feed(t, [
      [2, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 1 })])],
      [4, throttled],
      [8, throttled],
      [16, svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'COMPLETED', runningCount: 2 })])],
    ]);
    assert.deepEqual(states.map((s) => s.phase), ['inProgress', 'inProgress', 'inProgress', 'completed']);
    assert.match(states[1].warning ?? '', /Rate exceeded/);
    assert.equal(states[1].progress?.running, 1, 'keeps the last known progress');
    assert.equal(states[3].warning, undefined);
  });

  it('timeout: ends with a clear message, the last progress and the last events', () => {
    const t = new RolloutTracker(target({ timeoutMs: 10 * 60_000 }));
    const looping = (s: number) => svc(
      [dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS', runningCount: 1, pendingCount: 1 }), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)],
      [ev(s, `(service web) has started 1 tasks: (task ${s}).`)],
    );
    const states = feed(t, [[2, looping(1)], [300, looping(299)], [599, looping(598)], [601, looping(600)]]);
    assert.deepEqual(states.map((s) => s.phase), ['inProgress', 'inProgress', 'inProgress', 'timedOut']);
    assert.match(states[3].reason ?? '', /10 min/);
    assert.match(states[3].reason ?? '', /1\/2 new tasks running/);
    assert.equal(states[3].events.length, 4);
  });

  it('timeout also applies while polls fail', () => {
    const t = new RolloutTracker(target({ timeoutMs: 60_000 }));
    t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })]));
    const state = t.observeError(at(61), Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    assert.equal(state.phase, 'timedOut');
    assert.match(state.reason ?? '', /socket hang up/);
  });

  it('service deleted: missing, INACTIVE, or ServiceNotFoundException', () => {
    assert.equal(new RolloutTracker(target()).observe(at(2), undefined).phase, 'serviceDeleted');
    assert.equal(new RolloutTracker(target()).observe(at(2), svc([], [], { status: 'DRAINING' })).phase, 'serviceDeleted');
    const err = Object.assign(new Error('Service not found.'), { name: 'ServiceNotFoundException' });
    assert.equal(new RolloutTracker(target()).observeError(at(2), err).phase, 'serviceDeleted');
  });

  it('adopts the deployment id from the first snapshot when UpdateService gave none (resume after reload)', () => {
    const t = new RolloutTracker({ taskDefinitionArn: ARN(3), startedAt: at(0) });
    const s1 = t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' }, 0), dep(OLD, 'ACTIVE', 2, { runningCount: 2 }, -3600)]));
    assert.equal(s1.deploymentId, OURS);
    const s2 = t.observe(at(9), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'COMPLETED', runningCount: 2 })]));
    assert.equal(s2.phase, 'completed');
  });

  it('reports each event once, oldest first, ignoring events from before the deployment', () => {
    const old = ev(-3000, '(service web) has reached a steady state.');
    const e1 = ev(3, '(service web) has started 1 tasks.');
    const e2 = ev(5, '(service web) registered 1 targets.');
    const t = new RolloutTracker(target());
    const s1 = t.observe(at(4), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })], [old, e1]));
    const s2 = t.observe(at(6), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: 'IN_PROGRESS' })], [old, e1, e2]));
    assert.deepEqual(s1.newEvents.map((e) => e.message), [e1.message]);
    assert.deepEqual(s2.newEvents.map((e) => e.message), [e2.message]);
    assert.deepEqual(s2.events.map((e) => e.message), [e1.message, e2.message]);
  });

  it('never reports completed when the service ends on another revision (exhaustive over end states)', () => {
    for (const rolloutState of ['COMPLETED', 'IN_PROGRESS', undefined]) {
      for (const status of ['PRIMARY', 'ACTIVE']) {
        const t = new RolloutTracker(target());
        t.observe(at(2), svc([dep(OURS, 'PRIMARY', 3, { rolloutState: rolloutState && 'IN_PROGRESS' })]));
        const other = dep('ecs-svc/8', 'PRIMARY', 2, { rolloutState, runningCount: 2 }, 10);
        const deployments = status === 'ACTIVE' ? [other, dep(OURS, 'ACTIVE', 3, { rolloutState: rolloutState && 'IN_PROGRESS' })] : [other];
        const s = t.observe(at(20), svc(deployments));
        assert.notEqual(s.phase, 'completed', `rolloutState=${rolloutState} ours=${status}`);
        assert.equal(s.terminal, true);
      }
    }
  });
});
