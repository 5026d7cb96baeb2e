// Staged deployments (blue/green, linear, canary) judged from their service deployment, on recorded
// sequences: done only when SUCCESSFUL (never in BAKE_TIME), rolled back with rollback.reason, failed
// when STOPPED or ROLLBACK_FAILED, "paused: continue?" while a PAUSE hook awaits action.
import * as assert from 'node:assert/strict';
import { RolloutTracker } from '../../../src/deploy/rolloutTracker';
import { type ServiceSnapshot } from '../../../src/deploy/rolloutModel';
import { clockText, judgeServiceDeployment, recordStage, stageDetail, stageText, type ServiceDeploymentDetail } from '../../../src/deploy/serviceDeploymentProgress';

const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);
const OURS = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:4';
const OLD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3';
const CANARY = { strategy: 'CANARY', bakeTimeInMinutes: 5, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 } };

function detail(stage: string, extra: Partial<ServiceDeploymentDetail> = {}, weight = 0, updatedAt = T0): ServiceDeploymentDetail {
  return {
    serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/production/web/abc',
    status: 'IN_PROGRESS',
    lifecycleStage: stage,
    updatedAt: new Date(updatedAt),
    targetServiceRevision: { requestedProductionTrafficWeight: weight, requestedTestTrafficWeight: 100 },
    deploymentConfiguration: CANARY,
    ...extra,
  };
}

function service(primary = OURS): ServiceSnapshot {
  return {
    serviceName: 'web',
    status: 'ACTIVE',
    deployments: [
      { id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: primary, desiredCount: 2, runningCount: 2, rolloutState: 'IN_PROGRESS', createdAt: new Date(T0) },
      { id: 'ecs-svc/0', status: 'ACTIVE', taskDefinition: primary === OURS ? OLD : OURS, desiredCount: 2, runningCount: 2, createdAt: new Date(T0 - 86_400_000) },
    ],
    events: [],
  };
}

describe('service deployment progress (blue/green, linear, canary)', () => {
  it('writes the stage in words: canary weight with the bake left, paused, bake', () => {
    const canary = judgeServiceDeployment(detail('PRODUCTION_TRAFFIC_SHIFT', {}, 10, T0), 'CANARY');
    assert.ok(!canary.end && 'progress' in canary);
    assert.equal(stageText(canary.progress, T0 + 48_000), 'canary 10 % · bake 4:12');
    const bake = judgeServiceDeployment(detail('BAKE_TIME', {}, 100, T0), 'CANARY');
    assert.ok('progress' in bake);
    assert.equal(stageText(bake.progress, T0 + 60_000), 'bake 4:00');
    const paused = judgeServiceDeployment(
      detail('POST_TEST_TRAFFIC_SHIFT', { lifecycleHookDetails: [{ hookId: 'h1', targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: new Date(T0 + 30 * 60_000), timeoutAction: 'ROLLBACK' }] }),
      'BLUE_GREEN',
    );
    assert.ok('progress' in paused);
    assert.equal(stageText(paused.progress, T0), 'paused: continue?');
    assert.equal(paused.progress.waiting?.hookId, 'h1');
    assert.match(stageDetail(paused.progress, T0 + 60_000), /waits for you at POST_TEST_TRAFFIC_SHIFT: continue or roll back within 29:00, then it will roll back by itself/);
    assert.equal(clockText(3_723_000), '1:02:03');
  });

  it('ends only on SUCCESSFUL; ROLLBACK_SUCCESSFUL is a rollback with its reason; STOPPED is stopped or superseded; ROLLBACK_FAILED fails', () => {
    assert.deepEqual(judgeServiceDeployment({ status: 'SUCCESSFUL' }, 'BLUE_GREEN'), { end: 'completed' });
    assert.deepEqual(judgeServiceDeployment({ status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'CloudWatch alarm(s) web-5xx in ALARM state.' } }, 'CANARY'), {
      end: 'rolledBack', reason: 'CloudWatch alarm(s) web-5xx in ALARM state.',
    });
    assert.deepEqual(judgeServiceDeployment({ status: 'STOPPED', statusReason: 'ABORT' }, 'CANARY'), { end: 'stopped', reason: 'The deployment was stopped: ABORT' });
    assert.deepEqual(judgeServiceDeployment({ status: 'STOPPED', statusReason: 'Stopped because a new deployment started.' }, 'CANARY'), {
      end: 'superseded', reason: 'Superseded: Stopped because a new deployment started.',
    });
    assert.equal(judgeServiceDeployment({ status: 'ROLLBACK_FAILED' }, 'CANARY').end, 'failed');
    const rolling = judgeServiceDeployment({ status: 'ROLLBACK_IN_PROGRESS', rollback: { reason: 'hook failed' } }, 'CANARY');
    assert.equal(rolling.end, undefined);
    assert.equal('reason' in rolling && rolling.reason, 'Rolling back: hook failed');
  });

  it('records the stages in ECS order, filling a short stage that fell between two polls', () => {
    let seen: string[] = [];
    for (const s of ['PRE_SCALE_UP', 'SCALE_UP', 'SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME']) seen = recordStage(seen, s);
    assert.deepEqual(seen, ['PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME']);
    assert.deepEqual(recordStage(seen, undefined, true), [...seen, 'CLEAN_UP'], 'SUCCESSFUL: CLEAN_UP is done too');
    assert.deepEqual(recordStage([], undefined, true), [], 'nothing seen, nothing stated');
  });

  it('the tracker: in progress through the bake (even when deployments[] says COMPLETED), completed at SUCCESSFUL, with the stages', () => {
    const tracker = new RolloutTracker({ taskDefinitionArn: OURS, deploymentId: 'ecs-svc/1', startedAt: T0, strategy: 'CANARY' });
    let state = tracker.observe(T0 + 2_000, service(), undefined, detail('SCALE_UP'));
    assert.equal(state.phase, 'inProgress');
    assert.equal(state.stage?.stage, 'SCALE_UP');
    const done = { ...service(), deployments: [{ ...service().deployments![0], rolloutState: 'COMPLETED' }] };
    state = tracker.observe(T0 + 60_000, done, undefined, detail('BAKE_TIME', {}, 100, T0 + 30_000));
    assert.equal(state.phase, 'inProgress', 'never completed during BAKE_TIME');
    assert.match(state.reason ?? '', /bake 4:30/);
    state = tracker.observe(T0 + 400_000, done, undefined, { ...detail('CLEAN_UP'), status: 'SUCCESSFUL' });
    assert.equal(state.phase, 'completed');
    assert.deepEqual(state.stages, ['SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']);
  });

  it('the tracker: ROLLBACK_SUCCESSFUL ends rolledBack with rollback.reason and the revision the service runs', () => {
    const tracker = new RolloutTracker({ taskDefinitionArn: OURS, deploymentId: 'ecs-svc/1', startedAt: T0, strategy: 'BLUE_GREEN' });
    tracker.observe(T0 + 2_000, service(), undefined, detail('BAKE_TIME', {}, 100));
    const state = tracker.observe(T0 + 4_000, service(OLD), undefined, { ...detail('BAKE_TIME'), status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'Lifecycle hook arn:x failed at stage POST_SCALE_UP.' } });
    assert.equal(state.phase, 'rolledBack');
    assert.equal(state.reason, 'Lifecycle hook arn:x failed at stage POST_SCALE_UP.');
    assert.equal(state.serviceTaskDefinition, OLD);
  });
});
