import * as assert from 'node:assert/strict';
import { explainsRolloutFailure, isRollbackDeployment, saysRolledBack } from '../../../src/domain/deploymentState';
import { serviceState } from '../../../src/explorer/format';

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
});
