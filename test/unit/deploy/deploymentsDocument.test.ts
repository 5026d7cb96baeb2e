import * as assert from 'node:assert/strict';
import { deploymentsDocument, recordOfWatch, type FollowedView } from '../../../src/deploy/deploymentsDocument';
import type { RolloutState } from '../../../src/deploy/rolloutModel';

const ARN = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);
const time = (ms: number) => `t+${(ms - T0) / 1000}s`;

function followed(state: Partial<RolloutState>, extra: Partial<FollowedView> = {}): FollowedView {
  return {
    service: 'web',
    cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/production',
    taskDefinitionArn: ARN(3),
    started: { previousTaskDefinitionArn: ARN(2), strategy: 'ROLLING', startedAt: T0 },
    state: { phase: 'inProgress', terminal: false, at: T0, taskDefinitionArn: ARN(3), events: [], newEvents: [], ...state },
    ...extra,
  };
}

describe('deployments document', () => {
  it('a finished deployment: service, cluster, region, from → to, strategy, phase, counts, start, duration, events, outcome and reason', () => {
    const view = followed({
      phase: 'rolledBack', terminal: true, at: T0 + 125_000, serviceTaskDefinition: ARN(2),
      reason: 'ECS deployment circuit breaker: tasks failed to start. The service is going back to web:2.',
      progress: { running: 0, desired: 2, pending: 0, failedTasks: 3, draining: 2 },
      events: [{ id: '1', at: T0 + 5_000, message: '(service web) has started 2 tasks.' }, { id: '2', at: T0 + 120_000, message: '(service web) rolling back | to web:2.' }],
    });
    const text = deploymentsDocument([recordOfWatch(view, 'us-east-1', true, T0 + 200_000)], T0 + 200_000, time);
    assert.equal(text, [
      '# Deployments',
      '',
      'Updated t+200s (local time).',
      '',
      '## web (production): rolled back to web:2',
      '',
      '|          |  |',
      '| -------- | --- |',
      '| Service  | web |',
      '| Cluster  | production |',
      '| Region   | us-east-1 |',
      '| Revision | web:2 → web:3 |',
      '| Strategy | ROLLING |',
      '| Phase    | rolled back |',
      '| Tasks    | 0/2 new tasks running, 2 old draining, 3 failed |',
      '| Started  | t+0s |',
      '| Duration | 2 min 5 s |',
      '| Outcome  | rolled back to web:2 |',
      '| Reason   | ECS deployment circuit breaker: tasks failed to start. The service is going back to web:2. |',
      '| Watching | ended |',
      '',
      '### Events seen (2)',
      '',
      '- t+5s: (service web) has started 2 tasks.',
      '- t+120s: (service web) rolling back | to web:2.',
      '',
    ].join('\n'));
  });

  it('one still running says so: the stage, the time so far, followed; a table cell keeps its pipes escaped', () => {
    const view = followed({
      reason: 'canary | 10 %',
      stage: { strategy: 'CANARY', stage: 'PRODUCTION_TRAFFIC_SHIFT', productionWeight: 10, bakeEndsAt: T0 + 300_000 },
    }, { started: { strategy: 'CANARY', startedAt: T0, region: 'us-west-2' } });
    const text = deploymentsDocument([recordOfWatch(view, 'us-east-1', false, T0 + 60_000)], T0 + 60_000, time);
    assert.match(text, /following|followed/);
    assert.match(text, /\| Region {3}\| us-west-2 \|/);
    assert.match(text, /\| Revision \| \(not known\) → web:3 \|/);
    assert.match(text, /\| Phase {4}\| deploying: canary 10 % · bake 4:00 \|/);
    assert.match(text, /\| Duration \| 1 min so far \|/);
    assert.match(text, /\| Outcome {2}\| not ended yet \|/);
    assert.match(text, /\| Now {6}\| canary \\| 10 % \|/);
    assert.match(text, /\| Watching \| followed: this document updates \|/);
    assert.match(text, /### Events seen \(0\)\n\nNo service events since the deployment started\./);
  });

  it('stopped and superseded end in their own words', () => {
    const superseded = followed({ phase: 'superseded', terminal: true, at: T0 + 30_000, serviceTaskDefinition: ARN(4), reason: 'Superseded: a newer deployment (ecs-svc/9) of web:4 was started while ours was in progress.' });
    const stopped = followed({ phase: 'stopped', terminal: true, at: T0 + 30_000, reason: 'The deployment was stopped: ABORT' }, { service: 'api' });
    const text = deploymentsDocument([recordOfWatch(superseded, 'us-east-1', true, T0), recordOfWatch(stopped, 'us-east-1', true, T0)], T0, time);
    assert.match(text, /## web \(production\) → web:3 · superseded\n/);
    assert.match(text, /\| Outcome {2}\| superseded by web:4 \|/);
    assert.match(text, /## api \(production\) → web:3 · stopped\n/);
    assert.match(text, /\| Outcome {2}\| stopped \|/);
  });
});
