import * as assert from 'node:assert/strict';
import { serviceDeploymentDuration, serviceDeploymentNode } from '../../../src/explorer/serviceDeploymentNodes';

const ARN = 'arn:aws:ecs:us-west-2:123456789012:service-deployment/storefront/web/AbCdEf123';
const TD = 'arn:aws:ecs:us-west-2:123456789012:task-definition/web:3';
const start = new Date('2026-12-06T10:00:00Z');

describe('explorer/serviceDeploymentNodes: a row of the deployment history', () => {
  it('an ended deployment: revision and status, then strategy, start and how long it took', () => {
    const node = serviceDeploymentNode({
      arn: ARN, status: 'ROLLBACK_SUCCESSFUL', strategy: 'CANARY', taskDefinition: TD, createdAt: start, startedAt: start,
      finishedAt: new Date(start.getTime() + 7 * 60_000 + 5_000), rollbackReason: 'Alarm latency-high in ALARM.', lifecycleStage: 'BAKE_TIME',
      circuitBreaker: { failureCount: 2, threshold: 5 }, triggeredAlarms: ['latency-high'],
    });
    assert.equal(node.label, 'web:3 · ROLLBACK_SUCCESSFUL', 'an ended deployment names no stage');
    assert.match(node.description ?? '', /^CANARY · started .+ · 7 min 5 s$/);
    const tooltip = node.tooltip ?? '';
    assert.equal(tooltip.split('\n')[0], ARN);
    assert.match(tooltip, /Rolled back: Alarm latency-high in ALARM\./);
    assert.match(tooltip, /Circuit breaker: 2 of 5 failed tasks/);
    assert.match(tooltip, /Alarms in ALARM: latency-high/);
    assert.doesNotMatch(tooltip, /Stage:/);
    assert.equal(node.icon?.id, 'history');
    assert.equal(node.children, undefined);
  });

  it('a running deployment: its stage and traffic, and the time so far', () => {
    const now = start.getTime() + 95_000;
    const row = { arn: ARN, status: 'IN_PROGRESS', strategy: 'CANARY', lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', taskDefinition: TD, startedAt: start, productionTrafficWeight: 10 };
    const node = serviceDeploymentNode(row, now);
    assert.equal(node.label, 'web:3 · IN_PROGRESS (PRODUCTION_TRAFFIC_SHIFT)');
    assert.match(node.description ?? '', /^CANARY · started .+ · 1 min 35 s so far$/);
    assert.match(node.tooltip ?? '', /Stage: PRODUCTION_TRAFFIC_SHIFT\nProduction traffic: 10 %/);
    assert.equal(node.icon?.id, 'sync');
  });

  it('no strategy means ROLLING; no start, no duration; a stopped one without an end has none', () => {
    const node = serviceDeploymentNode({ arn: ARN, status: 'SUCCESSFUL' });
    assert.equal(node.label, 'unknown revision · SUCCESSFUL');
    assert.equal(node.description, 'ROLLING');
    assert.equal(serviceDeploymentDuration({ arn: ARN, status: 'STOPPED', startedAt: start }), '');
  });
});
