import * as assert from 'node:assert/strict';
import { describeTaskResults, parseCommand, parseEnvironment, runTaskPlan, runTaskProgressText, runTaskResultText, runTaskSummary } from '../../../src/deploy/runTaskText';

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

  it('summarises the whole run before it starts: environment overrides by name only, never their values', () => {
    const plan = runTaskPlan({
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/production',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
      overrides: { containerOverrides: [{ name: 'web', command: ['npm', 'run', 'migrate'], environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'MODE', value: 'once' }] }] },
    }, { service: 'web' });
    assert.equal(plan.message, 'Run 1 task of web:3 in production?');
    assert.equal(plan.detail, [
      'Cluster: production',
      'Revision: web:3',
      'Launch type: FARGATE',
      'Network: subnets subnet-1, subnet-2 · security groups sg-1 · public IP off (from service web)',
      'Count: 1',
      'Command of web: ["npm","run","migrate"]',
      'Environment of web: DB_PASSWORD, MODE',
    ].join('\n'));
    assert.doesNotMatch(plan.detail, /hunter2|once/);
    const bare = runTaskPlan({ cluster: 'batch', taskDefinition: 'job:7', count: 2 });
    assert.equal(bare.message, 'Run 2 tasks of job:7 in batch?');
    assert.match(bare.detail, /^Launch type: the cluster's default capacity provider strategy$/m);
    assert.match(bare.detail, /^Network: none \(the task definition's network mode decides\)$/m);
  });

  it('names the started tasks in the progress and in the result, with the likely cause when one is known', () => {
    const arn = (id: string) => `arn:aws:ecs:us-east-1:123456789012:task/production/${id}`;
    assert.equal(runTaskProgressText([{ taskArn: arn('aaa111'), lastStatus: 'PROVISIONING', containers: [] }, { taskArn: arn('bbb222'), containers: [] }]),
      'task aaa111: PROVISIONING, task bbb222: unknown');
    const stopped = { outcome: 'stopped' as const, tasks: [{ taskArn: arn('aaa111'), lastStatus: 'STOPPED', containers: [{ name: 'web', exitCode: 1 }] }], failures: [], succeeded: false };
    assert.equal(runTaskResultText('web:3', stopped), 'web:3, task aaa111: The task failed: exit codes web=1.');
    assert.equal(runTaskResultText('web:3', stopped, 'Essential container web exited with code 1.'), 'Why web:3 failed (task aaa111): Essential container web exited with code 1.');
    assert.equal(runTaskResultText('job:7', { ...stopped, tasks: [...stopped.tasks, { ...stopped.tasks[0], taskArn: arn('bbb222') }] }),
      'job:7, tasks aaa111, bbb222: The task failed: exit codes web=1, web=1.');
    assert.equal(runTaskResultText('job:7', { outcome: 'failedToStart', tasks: [], failures: ['RESOURCE:MEMORY'], succeeded: false }), 'The task did not start: RESOURCE:MEMORY.');
  });
});
