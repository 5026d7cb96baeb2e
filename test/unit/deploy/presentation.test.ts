import * as assert from 'node:assert/strict';
import { failureText } from '../../../src/aws/errors';
import { deploySummary, outcomeMessage, withWarnings, statusBarEntries, statusBarSeverity, statusBarText, watchAccessibleLabel, watchLabel, type WatchView } from '../../../src/deploy/presentation';
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

  it('one entry per followed service, each with its own state (no "1 deploying · 1 deployed" summary)', () => {
    const entries = statusBarEntries([view('inProgress', {}, 'a'), view('completed', {}, 'b'), view('failed', {}, 'c')]);
    assert.deepEqual(entries.map((e) => e.text), ['$(sync~spin) a → web:3', '$(pass-filled) b → web:3 · deployed', '$(error) c → web:3 · failed']);
    assert.deepEqual(entries.map((e) => e.severity), [undefined, undefined, 'error']);
    assert.equal(statusBarText([view('completed', {}, 'a'), view('rolledBack', {}, 'b')]), '$(pass-filled) a → web:3 · deployed  $(history) b → web:3 · rolled back');
    assert.equal(statusBarText([]), '');
  });

  it('entries name the cluster when two followed clusters have a service of the same name', () => {
    const production = { ...view('completed'), cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/production' };
    const staging = { ...view('rolledBack', { serviceTaskDefinition: ARN(2) }), cluster: 'staging' };
    assert.deepEqual(statusBarEntries([production, staging]).map((e) => e.label), ['web (production) → web:3 · deployed', 'web (staging): rolled back to web:2']);
    // Alone, or beside another service, the name is enough (the tooltip names the cluster).
    assert.deepEqual(statusBarEntries([production, view('inProgress', {}, 'api')]).map((e) => e.label), ['web → web:3 · deployed', 'api → web:3']);
  });

  it('says only what was observed: old tasks draining, a watch that stopped', () => {
    const draining = view('inProgress', { progress: { running: 3, desired: 3, pending: 0, failedTasks: 0, draining: 2 } });
    assert.equal(watchLabel(draining), 'web → web:3 · 3/3 · draining 2 old');
    // Stopped watching: the last counts seen are no longer the deployment's state.
    assert.equal(watchLabel({ ...draining, stopped: true }), 'web → web:3 · not watched');
    assert.equal(statusBarEntries([{ ...draining, stopped: true }])[0].text, '$(eye-closed) web → web:3 · not watched');
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

  it('a confirmation with warnings says them first, each marked, then a blank line; without, the detail alone', () => {
    assert.equal(withWarnings(['web:6 is registered for FARGATE only.', 'Two.'], 'Service web in prod'), '⚠ web:6 is registered for FARGATE only.\n⚠ Two.\n\nService web in prod');
    assert.equal(withWarnings([], 'Service web in prod'), 'Service web in prod');
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

  it('stopped and superseded have their own word and icon, and are not coloured as failures', () => {
    const stopped = view('stopped', { reason: 'The deployment was stopped: Service deployment stopped by StopServiceDeployment (ABORT).' });
    assert.equal(statusBarText([stopped]), '$(circle-slash) web → web:3 · stopped');
    assert.equal(statusBarSeverity([stopped]), undefined);
    assert.equal(outcomeMessage(stopped), 'Deployment of web:3 to web (default) was stopped. The deployment was stopped: Service deployment stopped by StopServiceDeployment (ABORT).');
    const superseded = view('superseded', { serviceTaskDefinition: ARN(4), reason: 'Superseded: Stopped because a new deployment started.' });
    assert.equal(statusBarText([superseded]), '$(arrow-swap) web → web:3 · superseded');
    assert.equal(statusBarSeverity([superseded]), undefined);
    assert.match(outcomeMessage(superseded), /^Deployment of web:3 to web \(default\) was replaced by a newer deployment\. Superseded: /);
    assert.equal(watchAccessibleLabel(superseded), 'Deployment of web to revision web:3 superseded by a newer deployment');
  });
});
