import * as assert from 'node:assert/strict';
import { describeTaskResults, parseCommand, parseEnvironment, runTaskSummary } from '../../../src/deploy/runTaskText';

describe('run task text', () => {
  it('parses a command override as words (with quotes) or a JSON array', () => {
    assert.equal(parseCommand('   '), undefined);
    assert.deepEqual(parseCommand('npm run migrate -- --yes'), ['npm', 'run', 'migrate', '--', '--yes']);
    assert.deepEqual(parseCommand(`sh -c "echo 'hi there' && exit 3"`), ['sh', '-c', "echo 'hi there' && exit 3"]);
    assert.deepEqual(parseCommand(`echo '' a\\ b`), ['echo', '', 'a b']);
    assert.deepEqual(parseCommand('["sh", "-c", "exit 0"]'), ['sh', '-c', 'exit 0']);
    assert.throws(() => parseCommand('echo "unclosed'), /Unclosed/);
    assert.throws(() => parseCommand('[1, 2]'), /JSON array of strings/);
  });

  it('parses environment overrides NAME=value, by commas or lines', () => {
    assert.deepEqual(parseEnvironment('A=1, B = two words\nC='), [
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' },
      { name: 'C', value: '' },
    ]);
    assert.deepEqual(parseEnvironment(''), []);
    assert.throws(() => parseEnvironment('novalue'), /NAME=value/);
    assert.throws(() => parseEnvironment('1BAD=x'), /not a valid/);
  });

  it('reports exit codes and stopped reasons', () => {
    const tasks = [{
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/abc123',
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'web', exitCode: 3 }, { name: 'sidecar', reason: 'OutOfMemoryError: Container killed due to memory usage' }],
    }];
    assert.deepEqual(describeTaskResults(tasks), [
      'task abc123: STOPPED (EssentialContainerExited: Essential container in task exited)',
      '  web: exit code 3',
      '  sidecar: no exit code (OutOfMemoryError: Container killed due to memory usage)',
    ]);
    assert.equal(runTaskSummary({ outcome: 'stopped', tasks, failures: [], succeeded: false }), 'The task failed: exit codes web=3, sidecar=?; Essential container in task exited.');
    assert.equal(
      runTaskSummary({ outcome: 'stopped', tasks: [{ taskArn: 't', lastStatus: 'STOPPED', containers: [{ name: 'job', exitCode: 0 }] }], failures: [], succeeded: true }),
      'The task finished: exit codes job=0.',
    );
    assert.match(runTaskSummary({ outcome: 'failedToStart', tasks: [], failures: ['RESOURCE:MEMORY'], succeeded: false }), /did not start: RESOURCE:MEMORY/);
  });
});
