// Register and deploy inside the real extension host, against the emulator (demo seed): the lint
// gate, a deployment followed to completion, a circuit-breaker rollback reported as a failure with its
// reason, a rollback to the revision the service ran before, and a one-off task followed to STOPPED.
// The emulator's simulated clock is pushed forward while the extension polls in real time, so a
// rollout of minutes takes seconds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ECSClient, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import type { EmulatorControl } from '../emulator/control';
import { connectToEmulator, stubWindowMessages } from './fixtures';
import { whileAdvancing } from './wait';

interface DeployOutcome {
  outcome: 'completed' | 'failed' | 'rolledBack' | 'timedOut' | 'cancelled';
  taskDefinitionArn: string;
  reason?: string;
  serviceTaskDefinition?: string;
  events?: string[];
}

const ARN = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'deploy', name);
}

async function serviceCounts(): Promise<{ desired?: number; running?: number }> {
  const client = new ECSClient({ region: 'us-east-1' });
  try {
    const out = await client.send(new DescribeServicesCommand({ cluster: 'production', services: ['web'] }));
    return { desired: out.services?.[0]?.desiredCount, running: out.services?.[0]?.runningCount };
  } finally {
    client.destroy();
  }
}

async function serviceRevision(): Promise<string | undefined> {
  const client = new ECSClient({ region: 'us-east-1' });
  try {
    const out = await client.send(new DescribeServicesCommand({ cluster: 'production', services: ['web'] }));
    return out.services?.[0]?.taskDefinition;
  } finally {
    client.destroy();
  }
}

suite('deploy', function () {
  this.timeout(90_000);
  let control: EmulatorControl;
  let registered: string;

  suiteSetup(async function () {
    control = await connectToEmulator('demo');
  });

  test('register: the lint gate rejects a file with errors, with the rule ids', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', fixture('broken-task-definition.json'))),
      (e: Error) => {
        assert.match(e.message, /lint error/);
        assert.match(e.message, /TD010/);
        assert.match(e.message, /TD021/);
        return true;
      },
    );
  });

  test('register: a clean file with a URI argument registers without asking and resolves the ARN', async () => {
    const result = await vscode.commands.executeCommand<{ taskDefinitionArn: string }>(
      'ecsWorkbench.registerTaskDefinition',
      fixture('web-task-definition.json'),
    );
    assert.equal(result.taskDefinitionArn, ARN(4));
    registered = result.taskDefinitionArn;
  });

  test('deploy (with a scale-up to 3): followed to completion, only when our deployment is COMPLETED', async () => {
    assert.ok(registered, 'needs the registered revision');
    const outcome = await whileAdvancing(control, () =>
      vscode.commands.executeCommand<DeployOutcome>('ecsWorkbench.deployService', {
        cluster: 'production',
        service: 'web',
        taskDefinition: registered,
        desiredCount: 3,
      }),
    );
    assert.equal(outcome.outcome, 'completed', outcome.reason);
    assert.equal(outcome.taskDefinitionArn, ARN(4));
    const running = await serviceCounts();
    assert.deepEqual(running, { desired: 3, running: 3 }, 'completed means all new tasks run, including the scale-up');
    assert.ok(outcome.events?.some((e) => /deployment completed|steady state/.test(e)), `events: ${outcome.events?.join(' | ')}`);
    assert.equal(await serviceRevision(), ARN(4));
  });

  test('rollback: goes back to the revision the service ran before (web:2), not revision − 1 (web:3)', async () => {
    const outcome = await whileAdvancing(control, () =>
      vscode.commands.executeCommand<DeployOutcome>('ecsWorkbench.rollbackService', { cluster: 'production', service: 'web' }),
    );
    assert.equal(outcome.outcome, 'completed', outcome.reason);
    assert.equal(outcome.taskDefinitionArn, ARN(2));
    assert.equal(await serviceRevision(), ARN(2));
  });

  test('Roll Back from the tree asks "Roll back web to web:N?", the service first; cancelling deploys nothing', async () => {
    const messages = stubWindowMessages(() => undefined);
    const { asked } = messages;
    try {
      const before = await serviceRevision();
      await vscode.commands.executeCommand('ecsWorkbench.rollbackService', { kind: 'service', region: 'us-east-1', clusterName: 'production', serviceName: 'web' });
      assert.equal(asked.length, 1, JSON.stringify(asked));
      // Issue 17: it asked "Roll Back web:2 to web?".
      assert.match(asked[0].message, /^Roll back web to web:\d+\?$/);
      assert.deepEqual(asked[0].items, ['Roll Back']);
      assert.equal(await serviceRevision(), before, 'cancelled: the service runs what it ran');
    } finally {
      messages.restore();
    }
  });

  test('deploy into a circuit-breaker rollback: reported as rolled back with the reason, never completed', async () => {
    await control.markImageCrashing('my-app:crash');
    const rendered = await vscode.commands.executeCommand<{ taskDefinitionArn: string }>('ecsWorkbench.updateImage', {
      taskDefinition: 'web:2',
      containerName: 'web',
      image: 'my-app:crash',
    });
    assert.equal(rendered.taskDefinitionArn, ARN(5));
    const outcome = await whileAdvancing(control, () =>
      vscode.commands.executeCommand<DeployOutcome>('ecsWorkbench.deployService', {
        cluster: 'production',
        service: 'web',
        taskDefinition: rendered.taskDefinitionArn,
      }),
    );
    assert.notEqual(outcome.outcome, 'completed');
    assert.equal(outcome.outcome, 'rolledBack');
    assert.equal(outcome.taskDefinitionArn, ARN(5));
    assert.match(outcome.reason ?? '', /circuit breaker/i);
    assert.match(outcome.reason ?? '', /failed to start/i);
    assert.equal(outcome.serviceTaskDefinition, ARN(2));
    assert.ok(outcome.events?.some((e) => /deployment failed/.test(e)), `events: ${outcome.events?.join(' | ')}`);
  });

  test('run task: followed to STOPPED with exit codes and the stopped reason', async () => {
    const result = await whileAdvancing(control, () =>
      vscode.commands.executeCommand<{
        outcome: string;
        succeeded: boolean;
        tasks: Array<{ lastStatus?: string; stoppedReason?: string; containers: Array<{ name: string; exitCode?: number }> }>;
      }>('ecsWorkbench.runTask', {
        cluster: 'production',
        taskDefinition: ARN(5),
        service: 'web',
        overrides: { containerOverrides: [{ name: 'web', command: ['./migrate', '--yes'] }] },
      }),
    );
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.succeeded, false);
    assert.equal(result.tasks[0].lastStatus, 'STOPPED');
    assert.equal(result.tasks[0].containers[0].exitCode, 1);
    assert.match(result.tasks[0].stoppedReason ?? '', /exited|Essential/i);
  });

  test('deregister: keeps the newest N and any revision in use', async () => {
    const result = await vscode.commands.executeCommand<{ deregistered: string[]; keptNewest: string[]; keptInUse: string[] }>(
      'ecsWorkbench.deregisterOldRevisions',
      { family: 'web', keep: 2 },
    );
    assert.deepEqual(result.keptNewest, [ARN(5), ARN(4)]);
    // production and staging run web:2 and web:3 (staging's deployment to web:3)
    assert.ok(result.keptInUse.includes(ARN(2)), `kept in use: ${result.keptInUse.join(', ')}`);
    assert.ok(result.deregistered.includes(ARN(1)), `deregistered: ${result.deregistered.join(', ')}`);
    assert.ok(!result.deregistered.includes(ARN(2)));
  });
});
