import * as assert from 'node:assert/strict';
import {
  deploymentRolloutState, explainsRolloutFailure, isRollbackDeployment, isRolloutRunning, lastDeploymentEnd, saysRolledBack, saysStopped, serviceDeploymentEnd,
  serviceDeploymentState,
} from '../../../src/domain/deploymentState';
import { serviceRolloutState, serviceState, serviceSummary } from '../../../src/explorer/format';
import { rolloutIcon } from '../../../src/explorer/stateIcons';

describe('domain/deploymentState', () => {
  it('one rule for "rolled back": rolling back, rolled back, rollback, roll-back', () => {
    for (const yes of [
      'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2222.',
      '(service web) rolled back to deployment ecs-svc/2222.',
      'Rollback of ecs-svc/3333',
      'roll-back requested',
    ]) assert.ok(saysRolledBack(yes), yes);
    for (const no of ['ECS deployment circuit breaker: tasks failed to start.', 'ECS deployment ecs-svc/1 completed.', 'enrollback', '', undefined]) {
      assert.ok(!saysRolledBack(no), String(no));
    }
  });

  it('a circuit breaker without rollback explains a failure but is not a rollback', () => {
    const reason = 'ECS deployment circuit breaker: tasks failed to start.';
    assert.ok(explainsRolloutFailure(reason));
    assert.ok(!isRollbackDeployment({ rolloutStateReason: reason }));
    assert.ok(!isRollbackDeployment(undefined));
  });

  it('the explorer and the tracker read the same rule', () => {
    const service = (rolloutState: 'IN_PROGRESS' | 'FAILED', rolloutStateReason: string) =>
      serviceState({ status: 'ACTIVE', deployments: [{ status: 'PRIMARY', rolloutState, rolloutStateReason, runningCount: 1, desiredCount: 1 }] });
    assert.equal(service('IN_PROGRESS', 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2222.'), 'rolledback');
    assert.equal(service('FAILED', 'ECS deployment circuit breaker: tasks failed to start.'), 'failed');
  });

  describe('the latest deployment\'s end, from the service\'s deployments and events', () => {
    const T = Date.parse('2026-12-06T10:00:00Z');
    const at = (min: number) => new Date(T + min * 60_000);
    const failedEvent = { message: '(service web) (deployment ecs-svc/5) deployment failed: tasks failed to start.', createdAt: at(0) };
    const rollbackEvent = { message: '(service web) rolling back to deployment ecs-svc/3.', createdAt: at(0) };
    // After the rollback completed ECS says nothing of it on the deployment: only the events do.
    const rolledBack = {
      status: 'ACTIVE', runningCount: 2, desiredCount: 2, taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:3',
      deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED' as const, rolloutStateReason: 'ECS deployment ecs-svc/6 completed.', createdAt: at(0), runningCount: 2, desiredCount: 2 }],
      events: [
        { message: '(service web) has reached a steady state.', createdAt: at(2) },
        { message: '(service web) (deployment ecs-svc/6) deployment completed.', createdAt: at(2) },
        rollbackEvent,
        failedEvent,
      ],
    };

    it('a completed rollback: rolled back, when, and why in ECS\'s words', () => {
      const end = lastDeploymentEnd(rolledBack);
      assert.equal(end?.end, 'rolledBack');
      assert.equal(end?.at.getTime(), T);
      assert.equal(end?.reason, `${failedEvent.message} ${rollbackEvent.message}`);
      assert.equal(serviceState(rolledBack), 'rolledback');
      assert.equal(serviceSummary(rolledBack, T + 5 * 60_000), '2/2 running · web:3 · rolled back 5 min ago');
    });

    it('a deployment started after the rollback is the latest: no rollback shown', () => {
      const redeployed = { ...rolledBack, deployments: [{ ...rolledBack.deployments[0], createdAt: at(20) }] };
      assert.equal(lastDeploymentEnd(redeployed), undefined);
      assert.equal(serviceState(redeployed), 'steady');
      assert.equal(serviceSummary(redeployed, T + 30 * 60_000), '2/2 running · web:3');
    });

    it('a circuit breaker without rollback: deployment failed N min ago', () => {
      const failed = {
        ...rolledBack,
        deployments: [{ status: 'PRIMARY', rolloutState: 'FAILED' as const, rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', createdAt: at(-3), runningCount: 2, desiredCount: 2 }],
        events: [failedEvent],
      };
      assert.deepEqual(lastDeploymentEnd(failed), { end: 'failed', at: at(0), reason: failedEvent.message });
      assert.equal(serviceSummary(failed, T + 2 * 3600_000), '2/2 running · web:3 · deployment failed 2 hours ago');
    });

    it('no events, or only old news: nothing is claimed', () => {
      assert.equal(lastDeploymentEnd({ deployments: rolledBack.deployments, events: [] }), undefined);
      assert.equal(lastDeploymentEnd({ deployments: [], events: rolledBack.events }), undefined);
    });
  });

  describe('one vocabulary for where a rollout stands', () => {
    it('each service deployment status, the ones still going, and how each ended', () => {
      const cases: [string, string, boolean, string | undefined][] = [
        ['PENDING', 'pending', true, undefined],
        ['IN_PROGRESS', 'inProgress', true, undefined],
        ['ROLLBACK_REQUESTED', 'rollingBack', true, undefined],
        ['ROLLBACK_IN_PROGRESS', 'rollingBack', true, undefined],
        ['STOP_REQUESTED', 'stopping', true, undefined],
        ['SUCCESSFUL', 'succeeded', false, 'completed'],
        ['ROLLBACK_SUCCESSFUL', 'rolledBack', false, 'rolledBack'],
        ['ROLLBACK_FAILED', 'failed', false, 'failed'],
        // Stopped (by someone, or by a newer deployment: serviceDeploymentEnd reads the reason) is not a failure.
        ['STOPPED', 'stopped', false, 'stopped'],
      ];
      for (const [status, state, running, end] of cases) {
        assert.equal(serviceDeploymentState(status), state, status);
        assert.equal(isRolloutRunning(serviceDeploymentState(status)), running, status);
        assert.equal(serviceDeploymentEnd(status), end, status);
      }
      assert.equal(serviceDeploymentState('SOMETHING_NEW'), undefined, 'a status ECS adds later is not guessed');
      assert.equal(serviceDeploymentState(undefined), undefined);
      assert.equal(isRolloutRunning(undefined), false);
    });

    it('a deployment: a rollback first, whatever its rolloutState, then the rolloutState', () => {
      const rollback = 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/2222.';
      assert.equal(deploymentRolloutState({ rolloutState: 'IN_PROGRESS', rolloutStateReason: rollback }), 'rolledBack');
      assert.equal(deploymentRolloutState({ rolloutState: 'COMPLETED', rolloutStateReason: rollback }), 'rolledBack');
      assert.equal(deploymentRolloutState({ rolloutState: 'IN_PROGRESS' }), 'inProgress');
      assert.equal(deploymentRolloutState({ rolloutState: 'COMPLETED' }), 'succeeded');
      assert.equal(deploymentRolloutState({ rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }), 'failed');
      assert.equal(deploymentRolloutState({}), undefined, 'no rolloutState (EXTERNAL controller): nothing claimed');
    });

    it('a service, a deployment and a history row in the same state show the same icon', () => {
      const same = (service: string, status: string, rolloutState?: string, reason?: string) => {
        const icon = rolloutIcon(serviceRolloutState(service));
        assert.deepEqual(rolloutIcon(serviceDeploymentState(status)), icon, `${service} ~ ${status}`);
        if (rolloutState) assert.deepEqual(rolloutIcon(deploymentRolloutState({ rolloutState, rolloutStateReason: reason })), icon, `${service} ~ ${rolloutState}`);
      };
      same('steady', 'SUCCESSFUL', 'COMPLETED');
      same('deploying', 'IN_PROGRESS', 'IN_PROGRESS');
      same('failed', 'ROLLBACK_FAILED', 'FAILED');
      same('rolledback', 'ROLLBACK_SUCCESSFUL', 'IN_PROGRESS', 'rolling back to deployment ecs-svc/1');
      same('inactive', 'STOPPED');
      same('draining', 'STOPPED');
      assert.equal(rolloutIcon(serviceRolloutState('scaling')).id, 'arrow-both');
      assert.deepEqual(rolloutIcon(undefined), { id: 'circle-outline' });
    });
  });
});

describe('how a service deployment ended: stopped and superseded are not failures', () => {
  it('SUCCESSFUL, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED; STOPPED by someone or by a newer deployment', () => {
    assert.equal(serviceDeploymentEnd('SUCCESSFUL'), 'completed');
    assert.equal(serviceDeploymentEnd('ROLLBACK_SUCCESSFUL'), 'rolledBack');
    assert.equal(serviceDeploymentEnd('ROLLBACK_FAILED'), 'failed');
    assert.equal(serviceDeploymentEnd('STOPPED', 'Stopped because a new deployment started.'), 'superseded');
    assert.equal(serviceDeploymentEnd('STOPPED', 'Service deployment stopped by StopServiceDeployment (ABORT).'), 'stopped');
    assert.equal(serviceDeploymentEnd('STOPPED'), 'stopped');
    assert.equal(serviceDeploymentEnd('IN_PROGRESS'), undefined);
  });

  it('a rolloutStateReason that says someone stopped the deployment', () => {
    assert.ok(saysStopped('Service deployment stopped by StopServiceDeployment (ABORT).'));
    assert.ok(!saysStopped('ECS deployment circuit breaker: tasks failed to start.'));
  });
});

