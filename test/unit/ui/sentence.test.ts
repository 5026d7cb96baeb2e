import * as assert from 'node:assert/strict';
import { withoutFinalPeriod } from '../../../src/ui/sentence';
import { runTaskSummary } from '../../../src/deploy/runTaskText';
import { classifyAwsError } from '../../../src/aws/errors';

describe('ui/sentence: no double periods', () => {
  it('drops the one final period, keeps other endings', () => {
    assert.equal(withoutFinalPeriod('Service not found.'), 'Service not found');
    assert.equal(withoutFinalPeriod(' no period '), 'no period');
    assert.equal(withoutFinalPeriod('Continue?'), 'Continue?');
    assert.equal(withoutFinalPeriod('and so on…'), 'and so on…');
    assert.equal(withoutFinalPeriod('and so on...'), 'and so on...');
  });

  it('a reason that ends with a period is not followed by another', () => {
    const stopped = { outcome: 'stopped' as const, failures: [], succeeded: false, tasks: [{ lastStatus: 'STOPPED', stoppedReason: 'Essential container in task exited.', containers: [{ name: 'web', exitCode: 1 }] }] };
    assert.equal(runTaskSummary(stopped as never), 'The task failed: exit codes web=1; Essential container in task exited.');
    const unplaced = { outcome: 'failedToStart' as const, failures: ['RESOURCE:MEMORY.'], succeeded: false, tasks: [] };
    assert.equal(runTaskSummary(unplaced as never), 'The task did not start: RESOURCE:MEMORY.');
    const error = Object.assign(new Error('Something broke.'), { name: 'WeirdException', $metadata: {} });
    assert.doesNotMatch(classifyAwsError(error).detail, /\.\./);
  });
});
