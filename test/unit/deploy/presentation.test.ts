import * as assert from 'node:assert/strict';
import { failureText } from '../../../src/aws/errors';
import { deploySummary, outcomeMessage, statusBarSeverity, statusBarText, watchAccessibleLabel, watchLabel, type WatchView } from '../../../src/deploy/presentation';
import type { RolloutPhase, RolloutState } from '../../../src/deploy/rolloutModel';

const ARN = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;

function view(phase: RolloutPhase, extra: Partial<RolloutState> = {}, service = 'web'): WatchView {
  return {
    service,
    cluster: 'default',
    taskDefinitionArn: ARN(3),
    state: { phase, terminal: phase !== 'inProgress', at: 0, taskDefinitionArn: ARN(3), events: [], newEvents: [], ...extra },
  };
}

describe('deploy presentation', () => {
  it('status bar for one deployment in progress: web → web:3 · 1/2 with a spinner', () => {
    const v = view('inProgress', { progress: { running: 1, desired: 2, pending: 1, failedTasks: 0, draining: 2 } });
    assert.equal(statusBarText([v]), '$(sync~spin) web → web:3 · 1/2');
    assert.equal(statusBarSeverity([v]), undefined);
  });

  it('final states say clearly how it ended', () => {
    assert.equal(statusBarText([view('completed')]), '$(pass-filled) web → web:3 · deployed');
    const rolled = view('rolledBack', { serviceTaskDefinition: ARN(2), reason: 'circuit breaker' });
    assert.equal(watchLabel(rolled), 'web: rolled back to web:2');
    assert.equal(statusBarSeverity([rolled]), 'error');
    assert.equal(statusBarSeverity([view('timedOut')]), 'warning');
    assert.match(outcomeMessage(rolled), /failed and was rolled back\. circuit breaker/);
    assert.match(outcomeMessage(view('completed')), /^Deployed web:3 to web/);
  });

  it('screen readers hear words, not arrows and icons', () => {
    const v = view('inProgress', { progress: { running: 1, desired: 2, pending: 1, failedTasks: 0, draining: 2 } });
    assert.equal(watchAccessibleLabel(v), 'Deployment of web to revision web:3, 1 of 2 tasks running');
    assert.equal(watchAccessibleLabel(view('completed')), 'Deployment of web to revision web:3 deployed');
    assert.equal(
      watchAccessibleLabel(view('rolledBack', { serviceTaskDefinition: ARN(2) })),
      'Deployment of web to revision web:3 rolled back to web:2',
    );
    assert.equal(watchAccessibleLabel({ ...view('inProgress'), stopped: true }), 'Deployment of web to revision web:3, in progress, no longer watched');
  });

  it('several deployments are summarised', () => {
    const text = statusBarText([view('inProgress', {}, 'a'), view('completed', {}, 'b'), view('failed', {}, 'c')]);
    assert.equal(text, '$(sync~spin) 1 deploying · 1 deployed · 1 failed');
    assert.equal(statusBarText([view('completed', {}, 'a'), view('rolledBack', {}, 'b')]), '$(error) 1 deployed · 1 failed');
    assert.equal(statusBarText([]), '');
  });

  it('confirmation summary: revision from → to, image changes, desired count', () => {
    const text = deploySummary({
      service: 'web', cluster: 'prod', from: ARN(2), to: ARN(3),
      imageChanges: [{ container: 'web', from: 'localhost:5000/web:1', to: 'localhost:5000/web:2' }],
      otherChanges: ['containerDefinitions[web].image', 'containerDefinitions[web].portMappings'],
      desiredCountFrom: 2, desiredCountTo: 4,
    });
    assert.equal(text, [
      'Service web in prod',
      'Revision: web:2 → web:3',
      'Image web: web:1 → web:2',
      'Other changes: containerDefinitions[web].portMappings',
      'Desired count: 2 → 4',
    ].join('\n'));
  });

  it('failure text: a plain error by its own message, a failed AWS call classified with what to do', () => {
    assert.equal(failureText(new Error('Service web not found in cluster default.')), 'Service web not found in cluster default.');
    const denied = Object.assign(new Error('User is not authorized to perform: ecs:UpdateService'), {
      name: 'AccessDeniedException',
      awsCall: 'ecs:UpdateService',
      $metadata: { httpStatusCode: 400 },
    });
    const text = failureText(denied);
    assert.match(text, /^Access denied: ecs:UpdateService\. /);
    assert.ok(!text.includes('Failed to load'), text);
  });
});
