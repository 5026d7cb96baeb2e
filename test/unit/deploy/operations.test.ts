import * as assert from 'node:assert/strict';
import { NEVER_ABORTS } from '../../../src/aws/call';
import type { AwsClients } from '../../../src/aws/clients';
import { deployAndFollow } from '../../../src/deploy/deployment';
import { followRollout } from '../../../src/deploy/follow';
import { renderImage } from '../../../src/deploy/registration';
import { rollbackTarget } from '../../../src/deploy/history';
import { runTaskAndFollow } from '../../../src/deploy/oneOffTask';
import { type Clock } from '../../../src/deploy/clock';
import { runTaskSummary } from '../../../src/deploy/runTaskText';
import { registerInputFromDescription } from '../../../src/taskdef/registrable';

// A scripted ECS client: each command name maps to a function of its input. Commands are the real SDK
// command classes (loaded through loadSdk from out/src/aws/sdk.js), so inputs are checked as sent.
type Handler = (input: Record<string, unknown>) => unknown;

function fakeClients(handlers: Record<string, Handler>, calls: string[] = []): AwsClients {
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push(name);
      const handler = handlers[name];
      if (!handler) throw Object.assign(new Error(`unexpected ${name}`), { name: 'UnknownOperationException' });
      const out = handler(command.input);
      if (out instanceof Error) throw out;
      return out;
    },
  };
  return {
    current: () => ({ region: 'us-east-1' }),
    ecs: () => client as never,
    ecr: () => client as never,
    logs: () => client as never,
    cloudwatch: () => client as never,
  };
}

function fakeClock(start = Date.parse('2026-01-10T12:00:00Z')): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) return;
      slept.push(ms);
      now += ms;
    },
  };
}

const ARN = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;

function service(deployments: object[], events: object[] = []) {
  return { services: [{ serviceName: 'web', status: 'ACTIVE', deployments, events }] };
}

/** UpdateService's answer: deployment ecs-svc/new of web:3 started. */
const STARTS_NEW: Handler = () => ({ service: { deployments: [{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3) }] } });

/**
 * A deployment of web:3 (UpdateService starts ecs-svc/new) whose DescribeServices answers `describe(poll)`
 * on its poll-th call (from 1); `more` adds or replaces handlers.
 */
function scriptedDeploy(describe: (poll: number) => unknown, more: Record<string, Handler> = {}, calls?: string[]): AwsClients {
  let polls = 0;
  return fakeClients({ DescribeServices: () => describe(++polls), UpdateService: STARTS_NEW, ...more }, calls);
}

describe('deploy operations (scripted ECS)', () => {
  it('deployAndFollow: UpdateService then polls until our deployment COMPLETED', async () => {
    const clock = fakeClock();
    const calls: string[] = [];
    const clients = scriptedDeploy((polls) => {
      if (polls === 1) return service([{ id: 'ecs-svc/old', status: 'PRIMARY', taskDefinition: ARN(2), rolloutState: 'COMPLETED', desiredCount: 2, runningCount: 2 }], [{ id: 'old-event', createdAt: new Date(0), message: 'old' }]);
      if (polls < 4) return service([
        { id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'IN_PROGRESS', desiredCount: 2, runningCount: polls - 2 },
        { id: 'ecs-svc/old', status: 'ACTIVE', taskDefinition: ARN(2), desiredCount: 2, runningCount: 2 },
      ]);
      return service([{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'COMPLETED', desiredCount: 2, runningCount: 2 }],
        [{ id: 'e2', createdAt: new Date(clock.now()), message: '(service web) has reached a steady state.' }, { id: 'old-event', createdAt: new Date(0), message: 'old' }]);
    }, {
      UpdateService: (input) => {
        assert.equal(input.taskDefinition, 'web:3');
        assert.equal(input.cluster, 'default');
        return STARTS_NEW(input);
      },
    }, calls);
    const states: string[] = [];
    const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web', taskDefinition: 'web:3' }, { clock, onState: (s) => states.push(s.phase) });
    assert.equal(outcome.outcome, 'completed');
    assert.equal(outcome.taskDefinitionArn, ARN(3));
    assert.equal(outcome.deploymentId, 'ecs-svc/new');
    assert.deepEqual(outcome.events, ['(service web) has reached a steady state.']);
    assert.deepEqual(states, ['inProgress', 'inProgress', 'completed']);
    assert.deepEqual(calls, ['DescribeServices', 'UpdateService', 'DescribeServices', 'DescribeServices', 'DescribeServices'], 'one describe per poll');
    assert.deepEqual(clock.slept, [2000, 2000]);
  });

  it('deployAndFollow: a circuit-breaker rollback is reported as rolledBack with the reason, after one history lookup', async () => {
    const clock = fakeClock();
    const calls: string[] = [];
    const clients = scriptedDeploy((polls) => {
      if (polls <= 2) return service([{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'IN_PROGRESS', desiredCount: 2, runningCount: 0, failedTasks: polls }]);
      return service([{ id: 'ecs-svc/rb', status: 'PRIMARY', taskDefinition: ARN(2), rolloutState: 'COMPLETED', desiredCount: 2, runningCount: 2 }]);
    }, {
      ListServiceDeployments: () => ({ serviceDeployments: [{ serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/new', status: 'ROLLBACK_SUCCESSFUL' }] }),
      DescribeServiceDeployments: () => ({ serviceDeployments: [{ serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/default/web/new', status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'Circuit breaker: 3 tasks failed to start.' } }] }),
    }, calls);
    const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web', taskDefinition: ARN(3) }, { clock });
    assert.equal(outcome.outcome, 'rolledBack');
    assert.equal(outcome.reason, 'Circuit breaker: 3 tasks failed to start.');
    assert.equal(outcome.serviceTaskDefinition, ARN(2));
    assert.equal(calls.filter((c) => c === 'ListServiceDeployments').length, 1);
  });

  it('deployAndFollow: a DescribeServices failure entry is not a deleted service; only a confirmed MISSING is', async () => {
    const clock = fakeClock();
    const failure = (reason: string) => ({ services: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/default/web', reason }] });
    const clients = scriptedDeploy((polls) => {
      if (polls === 1) return service([{ id: 'ecs-svc/old', status: 'PRIMARY', taskDefinition: ARN(2), rolloutState: 'COMPLETED', desiredCount: 1, runningCount: 1 }]);
      if (polls === 2) return failure('INTERNAL_ERROR');
      if (polls === 3) return service([{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'COMPLETED', desiredCount: 1, runningCount: 1 }]);
      return failure('MISSING');
    });
    const states: string[] = [];
    const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web', taskDefinition: ARN(3) }, { clock, onState: (s) => states.push(s.phase) });
    assert.equal(outcome.outcome, 'completed', 'the watch went on after the failure entry');
    assert.deepEqual(states, ['inProgress', 'completed']);

    const gone = fakeClients({ DescribeServices: () => failure('MISSING') });
    const state = await followRollout(gone, { cluster: 'default', service: 'web' }, { taskDefinitionArn: ARN(3), startedAt: clock.now(), knownEventIds: [] }, { clock });
    assert.equal(state?.phase, 'serviceDeleted');
  });

  it('deployAndFollow: aborting stops watching with outcome cancelled', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const clients = scriptedDeploy((polls) => {
      if (polls === 3) controller.abort();
      return service([{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'IN_PROGRESS', desiredCount: 1, runningCount: 0 }]);
    });
    const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web' }, { clock, signal: controller.signal });
    assert.equal(outcome.outcome, 'cancelled');
  });

  it('followRollout: throttled polls back off (never beyond 15 s) and the rollout still completes', async () => {
    const clock = fakeClock();
    const clients = scriptedDeploy((polls) => {
      if (polls === 1) return service([{ id: 'ecs-svc/old', status: 'PRIMARY', taskDefinition: ARN(2), rolloutState: 'COMPLETED', desiredCount: 1, runningCount: 1 }]);
      if (polls >= 3 && polls <= 6) return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
      const done = polls > 7;
      return service([{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: done ? 'COMPLETED' : 'IN_PROGRESS', desiredCount: 1, runningCount: done ? 1 : 0 }]);
    });
    const warnings: string[] = [];
    const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web', taskDefinition: ARN(3) }, {
      clock,
      onState: (s) => { if (s.warning) warnings.push(s.warning); },
    });
    assert.equal(outcome.outcome, 'completed');
    assert.deepEqual(clock.slept, [2000, 4000, 8000, 15000, 15000, 5000], 'doubling per throttled poll, capped at 15 s, then the schedule for 44 s in');
    assert.equal(warnings.length, 4);
    assert.match(warnings[0], /Rate exceeded/);
  });

  it('deployAndFollow: times out with the configured timeout', async () => {
    const clock = fakeClock();
    const clients = fakeClients({
      DescribeServices: () => service([{ id: 'ecs-svc/new', status: 'PRIMARY', taskDefinition: ARN(3), rolloutState: 'IN_PROGRESS', desiredCount: 1, runningCount: 0 }]),
      UpdateService: STARTS_NEW,
    });
    const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web' }, { clock, timeoutMs: 5 * 60_000 });
    assert.equal(outcome.outcome, 'timedOut');
    assert.match(outcome.reason ?? '', /5 min/);
    assert.ok(Math.max(...clock.slept) <= 15_000);
  });

  it('renderImage: describes with tags, keeps only register members, changes one image', async () => {
    let registered: Record<string, unknown> | undefined;
    const clients = fakeClients({
      DescribeTaskDefinition: (input) => {
        assert.deepEqual(input.include, ['TAGS']);
        return {
          taskDefinition: {
            taskDefinitionArn: ARN(3), family: 'web', revision: 3, status: 'ACTIVE', compatibilities: ['EC2', 'FARGATE'],
            requiresAttributes: [{ name: 'x' }], registeredAt: new Date(), registeredBy: 'me', networkMode: 'awsvpc', cpu: '256', memory: '512',
            someFutureOutputField: 'x', volumes: [], placementConstraints: [],
            containerDefinitions: [{ name: 'web', image: 'localhost:5000/web:1', environment: [], essential: true }],
          },
          tags: [{ key: 'team', value: 'a' }],
        };
      },
      RegisterTaskDefinition: (input) => {
        registered = input;
        return { taskDefinition: { ...input, taskDefinitionArn: ARN(4), revision: 4 } };
      },
    });
    const result = await renderImage(clients, { taskDefinition: 'web', images: { containerName: 'web', image: 'localhost:5000/web:2' } }, { signal: NEVER_ABORTS });
    assert.equal(result.taskDefinitionArn, ARN(4));
    assert.equal(result.from, ARN(3));
    assert.deepEqual(result.changes, [{ container: 'web', from: 'localhost:5000/web:1', to: 'localhost:5000/web:2' }]);
    assert.deepEqual(Object.keys(registered!).sort(), ['containerDefinitions', 'cpu', 'family', 'memory', 'networkMode', 'tags']);
    assert.deepEqual(registered!.tags, [{ key: 'team', value: 'a' }]);
  });

  it('rollbackTarget: the revision the service ran before, from the service-deployment history', async () => {
    const clients = fakeClients({
      DescribeServices: () => service([{ id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: ARN(9), rolloutState: 'COMPLETED', desiredCount: 1, runningCount: 1, createdAt: new Date(900) }]),
      ListServiceDeployments: () => ({
        serviceDeployments: [
          { serviceDeploymentArn: 'sd/9', status: 'SUCCESSFUL', createdAt: new Date(900), targetServiceRevisionArn: 'sr/9' },
          { serviceDeploymentArn: 'sd/8', status: 'ROLLBACK_SUCCESSFUL', createdAt: new Date(800), targetServiceRevisionArn: 'sr/8' },
          { serviceDeploymentArn: 'sd/5', status: 'SUCCESSFUL', createdAt: new Date(500), targetServiceRevisionArn: 'sr/5' },
        ],
      }),
      DescribeServiceRevisions: () => ({
        serviceRevisions: [
          { serviceRevisionArn: 'sr/9', taskDefinition: ARN(9) },
          { serviceRevisionArn: 'sr/8', taskDefinition: ARN(8) },
          { serviceRevisionArn: 'sr/5', taskDefinition: ARN(5) },
        ],
      }),
    });
    assert.deepEqual(await rollbackTarget(clients, 'default', 'web', { signal: NEVER_ABORTS }), { current: ARN(9), previous: ARN(5) });
  });

  it('rollbackTarget: falls back to deployments[] when the API has no service deployments', async () => {
    const clients = fakeClients({
      DescribeServices: () => service([
        { id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: ARN(9), rolloutState: 'IN_PROGRESS', createdAt: new Date(900) },
        { id: 'ecs-svc/7', status: 'ACTIVE', taskDefinition: ARN(7), rolloutState: 'COMPLETED', createdAt: new Date(700) },
      ]),
    });
    assert.deepEqual(await rollbackTarget(clients, 'default', 'web', { signal: NEVER_ABORTS }), { current: ARN(9), previous: ARN(7) });
  });

  it('runTaskAndFollow: follows to STOPPED and reports exit codes and reasons', async () => {
    const clock = fakeClock();
    let describes = 0;
    const clients = fakeClients({
      RunTask: (input) => {
        assert.deepEqual(input.overrides, { containerOverrides: [{ name: 'web', command: ['migrate'] }] });
        return { tasks: [{ taskArn: 't1', lastStatus: 'PROVISIONING', containers: [{ name: 'web' }] }] };
      },
      DescribeTasks: () => {
        describes++;
        return describes < 3
          ? { tasks: [{ taskArn: 't1', lastStatus: 'RUNNING', containers: [{ name: 'web', lastStatus: 'RUNNING' }] }] }
          : { tasks: [{ taskArn: 't1', lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'web', exitCode: 3, lastStatus: 'STOPPED' }] }] };
      },
    });
    const result = await runTaskAndFollow(clients, { cluster: 'default', taskDefinition: 'web:3', overrides: { containerOverrides: [{ name: 'web', command: ['migrate'] }] } }, { clock });
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.succeeded, false);
    assert.equal(result.tasks[0].containers[0].exitCode, 3);
    assert.equal(result.tasks[0].stoppedReason, 'Essential container in task exited');
  });

  it('deployAndFollow: access denied or expired credentials end the watch at once with the action, not at the timeout', async () => {
    const denied = Object.assign(new Error('User: arn:aws:iam::1:user/x is not authorized to perform: ecs:DescribeServices on resource: web'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    const expired = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } });
    for (const error of [denied, expired]) {
      const clock = fakeClock();
      const clients = scriptedDeploy((polls) => (polls === 1 ? service([{ id: 'ecs-svc/old', status: 'PRIMARY', taskDefinition: ARN(2), rolloutState: 'COMPLETED' }]) : error));
      const outcome = await deployAndFollow(clients, { cluster: 'default', service: 'web', taskDefinition: ARN(3) }, { clock, timeoutMs: 30 * 60_000 });
      assert.equal(outcome.outcome, 'unobserved', error.name);
      assert.ok(clock.slept.reduce((a, b) => a + b, 0) < 60_000, `polled on for ${clock.slept.join('+')} ms`);
      assert.doesNotMatch(outcome.reason ?? '', /timed out|failed/i);
      assert.match(outcome.reason ?? '', error === denied ? /ecs:DescribeServices/ : /sign in/i);
      assert.match(outcome.reason ?? '', /not observed/);
    }
  });

  it('runTaskAndFollow: never says "still running" about a task whose DescribeTasks failed', async () => {
    const run = { tasks: [{ taskArn: 't1', lastStatus: 'PROVISIONING', containers: [{ name: 'web' }] }] };
    // Transient failures until the timeout: the state at the end was not observed.
    const network = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    let result = await runTaskAndFollow(fakeClients({ RunTask: () => run, DescribeTasks: () => network }), { cluster: 'default', taskDefinition: 'web:3' }, { clock: fakeClock(), timeoutMs: 60_000 });
    assert.equal(result.outcome, 'unobserved');
    assert.doesNotMatch(runTaskSummary(result), /still running/);
    assert.match(runTaskSummary(result), /Could not read the task's state \(Cannot reach AWS: retry\); it was last seen PROVISIONING/);
    // A permanent failure ends the wait at once.
    const clock = fakeClock();
    const denied = Object.assign(new Error('not authorized to perform: ecs:DescribeTasks'), { name: 'AccessDeniedException' });
    result = await runTaskAndFollow(fakeClients({ RunTask: () => run, DescribeTasks: () => denied }), { cluster: 'default', taskDefinition: 'web:3' }, { clock, timeoutMs: 60 * 60_000 });
    assert.equal(result.outcome, 'unobserved');
    assert.equal(clock.slept.length, 1, 'one poll, then the end');
    assert.match(runTaskSummary(result), /ecs:DescribeTasks/);
    // A failed poll followed by a good one is forgotten: a task seen RUNNING at the timeout was still running.
    let n = 0;
    result = await runTaskAndFollow(
      fakeClients({ RunTask: () => run, DescribeTasks: () => (++n % 2 ? network : { tasks: [{ taskArn: 't1', lastStatus: 'RUNNING', containers: [{ name: 'web' }] }] }) }),
      { cluster: 'default', taskDefinition: 'web:3' },
      { clock: fakeClock(), timeoutMs: 10_000, pollDelay: () => 1000 },
    );
    assert.equal(result.outcome, 'timedOut');
  });

  it('registerInputFromDescription keeps only RegisterTaskDefinitionRequest members and drops nulls', () => {
    const input = registerInputFromDescription({ family: 'x', revision: 2, status: 'ACTIVE', cpu: null, containerDefinitions: [{ name: 'a', image: 'b', cpu: null }] }) as unknown as Record<string, unknown>;
    assert.deepEqual(input, { family: 'x', containerDefinitions: [{ name: 'a', image: 'b' }] });
  });
});
