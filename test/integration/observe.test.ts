// Container logs, the diagnosis of a failed rollout and service metrics inside the real extension
// host, against the emulator: awslogs and FireLens-to-CloudWatch tasks, a destination that cannot be
// shown (the clear message), follow (an event put with PutLogEvents appears), filter, a crashing
// rollout's diagnosis with its log lines, and the metrics charts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as ecs from '@aws-sdk/client-ecs';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import type { EmulatorControl } from '../emulator/control';
import { connectToEmulator, explorerApi } from './fixtures';

const NET = { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } };

interface ShowLogsResult {
  uri: vscode.Uri;
  logGroup: string;
  logStreams: string[];
}

/** Waits for a condition, checking every 100 ms, failing with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

async function documentText(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('observe', function () {
  this.timeout(120_000);
  let control: EmulatorControl;
  let ecsClient: ecs.ECSClient;
  let logsClient: logs.CloudWatchLogsClient;

  suiteSetup(async function () {
    control = await connectToEmulator('demo');
    ecsClient = new ecs.ECSClient({ region: 'us-east-1' });
    logsClient = new logs.CloudWatchLogsClient({ region: 'us-east-1' });
    await ecsClient.send(new ecs.CreateClusterCommand({ clusterName: 'obs' }));
  });

  suiteTeardown(async () => {
    await closeAll();
    ecsClient?.destroy();
    logsClient?.destroy();
  });

  /** Registers `family` with these containers, runs one task and waits until it is RUNNING. */
  async function runningTask(family: string, containerDefinitions: ecs.ContainerDefinition[]): Promise<string> {
    await ecsClient.send(new ecs.RegisterTaskDefinitionCommand({ family, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions }));
    const run = await ecsClient.send(new ecs.RunTaskCommand({ cluster: 'obs', taskDefinition: family, launchType: 'FARGATE', networkConfiguration: NET }));
    const arn = run.tasks![0].taskArn!;
    await waitFor('the task to run', async () => {
      await control.advance(5_000);
      const t = (await ecsClient.send(new ecs.DescribeTasksCommand({ cluster: 'obs', tasks: [arn] }))).tasks![0];
      return t.lastStatus === 'RUNNING';
    });
    return arn;
  }

  const awslogs = (group: string, prefix: string) => ({ logDriver: 'awslogs' as const, options: { 'awslogs-group': group, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': prefix } });

  test('showLogs follows a task: an event put with PutLogEvents appears in the open document, and following stops when it closes', async () => {
    const arn = await runningTask('obs-follow', [{ name: 'api', image: 'nginx:1', essential: true, logConfiguration: awslogs('/ecs/obs', 'svc') }]);
    const taskId = arn.split('/').at(-1)!;
    const result = await vscode.commands.executeCommand<ShowLogsResult>('ecsWorkbench.showLogs', { cluster: 'obs', task: arn, follow: true });
    assert.equal(result.logGroup, '/ecs/obs');
    assert.deepEqual(result.logStreams, [`svc/api/${taskId}`]);
    assert.match(await documentText(result.uri), /Starting api \(nginx:1\)/);
    const message = `hello from the host test ${Date.now()}`;
    await logsClient.send(new logs.PutLogEventsCommand({ logGroupName: '/ecs/obs', logStreamName: `svc/api/${taskId}`, logEvents: [{ timestamp: Date.now(), message }] }));
    await waitFor('the event in the document', async () => (await documentText(result.uri)).includes(message), 20_000);
    await closeAll();
    const counts = async () => (await control.callCounts()).FilterLogEvents ?? 0;
    // Once the tab is gone no more polls: the count settles and stays.
    const settled = await waitFor('following to stop', async () => {
      const before = await counts();
      await new Promise((r) => setTimeout(r, 2500));
      return (await counts()) === before ? before : undefined;
    });
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(await counts(), settled);
  });

  test('showLogs of a service follows the tasks a deployment starts after the follow began', async () => {
    await ecsClient.send(new ecs.RegisterTaskDefinitionCommand({
      family: 'obs-svc', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'api', image: 'nginx:1', essential: true, logConfiguration: awslogs('/ecs/obs', 'dep') }],
    }));
    await ecsClient.send(new ecs.CreateServiceCommand({ cluster: 'obs', serviceName: 'obs-svc', taskDefinition: 'obs-svc', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: NET }));
    const running = async (): Promise<string[]> => {
      const arns = (await ecsClient.send(new ecs.ListTasksCommand({ cluster: 'obs', serviceName: 'obs-svc', desiredStatus: 'RUNNING' }))).taskArns ?? [];
      if (arns.length === 0) return [];
      const tasks = (await ecsClient.send(new ecs.DescribeTasksCommand({ cluster: 'obs', tasks: arns }))).tasks ?? [];
      return tasks.filter((t) => t.lastStatus === 'RUNNING').map((t) => t.taskArn!);
    };
    const first = await waitFor('the service\'s first task to run', async () => {
      await control.advance(5_000);
      return (await running())[0];
    });
    const id = (arn: string) => arn.split('/').at(-1)!;
    const result = await vscode.commands.executeCommand<ShowLogsResult>('ecsWorkbench.showLogs', { cluster: 'obs', service: 'obs-svc', follow: true });
    try {
      assert.deepEqual(result.logStreams, [`dep/api/${id(first)}`]);
      // A deployment replaces the task: the new one starts after the follow began.
      await ecsClient.send(new ecs.UpdateServiceCommand({ cluster: 'obs', service: 'obs-svc', forceNewDeployment: true }));
      const second = await waitFor('the deployment\'s new task to run', async () => {
        await control.advance(5_000);
        return (await running()).find((arn) => arn !== first);
      });
      const label = `api/${id(second).slice(0, 8)}`;
      // Its stream is found while following (FOLLOW.discoverMs) and read from its start.
      const text = await waitFor('the new task\'s stream in the open document', async () => {
        const t = await documentText(result.uri);
        return t.includes(`following new stream ${label}`) && t.includes(`[${label}] [INFO] Starting api`) ? t : undefined;
      }, 60_000);
      assert.ok(text.includes(`[api/${id(first).slice(0, 8)}] [INFO] Starting api`), 'the first task\'s lines stay');
      const message = `from the replacement task ${Date.now()}`;
      await logsClient.send(new logs.PutLogEventsCommand({ logGroupName: '/ecs/obs', logStreamName: `dep/api/${id(second)}`, logEvents: [{ timestamp: Date.now(), message }] }));
      await waitFor('the new task\'s event in the document', async () => (await documentText(result.uri)).includes(`[${label}] ${message}`), 30_000);
    } finally {
      await closeAll();
      await ecsClient.send(new ecs.DeleteServiceCommand({ cluster: 'obs', service: 'obs-svc', force: true })).catch(() => undefined);
    }
  });

  test('showLogs with a filter pattern shows only the matching events', async () => {
    const arn = await runningTask('obs-filter', [{ name: 'api', image: 'nginx:1', essential: true, logConfiguration: awslogs('/ecs/obs', 'flt') }]);
    const stream = `flt/api/${arn.split('/').at(-1)}`;
    const now = await control.now();
    await logsClient.send(new logs.PutLogEventsCommand({
      logGroupName: '/ecs/obs', logStreamName: stream,
      logEvents: [{ timestamp: now, message: 'ERROR payment declined' }, { timestamp: now + 1, message: 'INFO all good' }],
    }));
    const result = await vscode.commands.executeCommand<ShowLogsResult>('ecsWorkbench.showLogs', { cluster: 'obs', task: arn, filter: 'ERROR' });
    const text = await documentText(result.uri);
    assert.match(text, /ERROR payment declined/);
    assert.doesNotMatch(text, /all good|Starting api/);
    await closeAll();
  });

  test('showLogs reads a FireLens task routed to CloudWatch from its log_group_name and stream prefix', async () => {
    const arn = await runningTask('obs-firelens', [
      { name: 'log_router', image: 'amazon/aws-for-fluent-bit:stable', essential: true, firelensConfiguration: { type: 'fluentbit' } },
      { name: 'app', image: 'nginx:1', essential: true, logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: '/fl/obs', log_stream_prefix: 'fl-' } } },
    ]);
    const result = await vscode.commands.executeCommand<ShowLogsResult>('ecsWorkbench.showLogs', { cluster: 'obs', task: arn, container: 'app' });
    assert.equal(result.logGroup, '/fl/obs');
    assert.deepEqual(result.logStreams, [`fl-app-firelens-${arn.split('/').at(-1)}`]);
    assert.match(await documentText(result.uri), /Starting app \(nginx:1\)/);
    await closeAll();
  });

  test('showLogs says where the logs go when they are not in CloudWatch (Splunk)', async () => {
    const arn = await runningTask('obs-splunk', [
      { name: 'app', image: 'nginx:1', essential: true, logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk.example.com:8088' } } },
    ]);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ecsWorkbench.showLogs', { cluster: 'obs', task: arn })),
      (e: Error) => /splunk driver to Splunk \(https:\/\/splunk\.example\.com:8088\); they cannot be shown here/.test(e.message),
    );
  });

  test('showLogs for a service interleaves its running tasks\' streams', async () => {
    const result = await vscode.commands.executeCommand<ShowLogsResult>('ecsWorkbench.showLogs', { cluster: 'production', service: 'web' });
    assert.equal(result.logGroup, '/ecs/web');
    assert.ok(result.logStreams.length >= 2, result.logStreams.join(', '));
    assert.ok(result.logStreams.every((s) => /^web\/web\/[0-9a-f]{32}$/.test(s)), result.logStreams.join(', '));
    assert.match(await documentText(result.uri), /\[web\/[0-9a-f]{8}\] \[INFO\]/);
    await closeAll();
  });

  test('a crashing rollout\'s result carries the diagnosis: stopped tasks, exit codes, last log lines, likely cause', async () => {
    await control.markImageCrashing('my-app:observe-crash');
    const rendered = await vscode.commands.executeCommand<{ taskDefinitionArn: string }>('ecsWorkbench.updateImage', { taskDefinition: 'web:2', containerName: 'web', image: 'my-app:observe-crash' });
    let running = true;
    const advancing = (async () => {
      while (running) {
        await control.advance(10_000).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let outcome: { outcome: string; diagnosis?: { cause?: string; tasks: { taskArn: string; stoppedReason?: string; containers: { name: string; exitCode?: number; reason?: string; lastLogLines: string[] }[] }[] } };
    try {
      outcome = await vscode.commands.executeCommand('ecsWorkbench.deployService', { cluster: 'production', service: 'web', taskDefinition: rendered.taskDefinitionArn });
    } finally {
      running = false;
      await advancing;
    }
    assert.equal(outcome.outcome, 'rolledBack');
    const d = outcome.diagnosis;
    assert.ok(d, 'a diagnosis');
    assert.ok(d.tasks.length > 0);
    const task = d.tasks[0];
    assert.match(task.taskArn, /^arn:aws:ecs:us-east-1:123456789012:task\/production\//);
    assert.equal(task.stoppedReason, 'Essential container in task exited');
    const web = task.containers.find((c) => c.name === 'web')!;
    assert.equal(web.exitCode, 1);
    assert.ok(web.lastLogLines.some((l) => l.startsWith('Error: ')), web.lastLogLines.join(' | '));
    assert.ok(web.lastLogLines.length <= 20);
    assert.match(d.cause ?? '', /Essential container web exited with code 1/);
  });

  test('Run Task of a crashing image: the stopped task\'s result carries the same diagnosis (exit code, last log lines, likely cause)', async () => {
    await control.markImageCrashing('my-app:obs-run-crash');
    await ecsClient.send(new ecs.RegisterTaskDefinitionCommand({
      family: 'obs-run-crash', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'job', image: 'my-app:obs-run-crash', essential: true, logConfiguration: awslogs('/ecs/obs', 'run') }],
    }));
    let running = true;
    const advancing = (async () => {
      while (running) {
        await control.advance(10_000).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let result: { outcome: string; succeeded: boolean; tasks: { taskArn: string }[]; diagnosis?: { cause?: string; tasks: { taskArn: string; stoppedReason?: string; containers: { name: string; exitCode?: number; lastLogLines: string[] }[] }[] } };
    try {
      result = await vscode.commands.executeCommand('ecsWorkbench.runTask', { cluster: 'obs', taskDefinition: 'obs-run-crash', launchType: 'FARGATE', networkConfiguration: NET });
    } finally {
      running = false;
      await advancing;
    }
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.succeeded, false);
    const d = result.diagnosis;
    assert.ok(d, 'a diagnosis');
    assert.equal(d.tasks.length, 1);
    assert.equal(d.tasks[0].taskArn, result.tasks[0].taskArn);
    assert.equal(d.tasks[0].stoppedReason, 'Essential container in task exited');
    const job = d.tasks[0].containers.find((c) => c.name === 'job')!;
    assert.equal(job.exitCode, 1);
    assert.ok(job.lastLogLines.some((l) => l.startsWith('Error: ')), job.lastLogLines.join(' | '));
    assert.match(d.cause ?? '', /Essential container job exited with code 1/);
  });

  test('container instances show the agent and Docker versions, and CPU and memory remaining against registered', async () => {
    type Row = { id: string; label: string; description?: string };
    const api = await explorerApi();
    const kids = async (id?: string): Promise<Row[]> => ((await api.inspect('clusters', id)) ?? []) as Row[];
    const find = (rows: Row[], label: string): Row => {
      const row = rows.find((r) => r.label === label);
      assert.ok(row, `no ${label} in [${rows.map((r) => r.label).join(', ')}]`);
      return row;
    };
    const group = find(await kids(find(await kids(), 'staging').id), 'Container instances');
    const nodes = await kids(group.id);
    const arns = (await ecsClient.send(new ecs.ListContainerInstancesCommand({ cluster: 'staging' }))).containerInstanceArns ?? [];
    const described = (await ecsClient.send(new ecs.DescribeContainerInstancesCommand({ cluster: 'staging', containerInstances: arns }))).containerInstances ?? [];
    assert.equal(described.length, 2);
    assert.equal(nodes.length, 2);
    const amount = (list: ecs.Resource[] | undefined, name: string) => list?.find((r) => r.name === name)?.integerValue;
    for (const ci of described) {
      const rows = await kids(find(nodes, ci.ec2InstanceId!).id);
      assert.deepEqual(rows.map((r) => r.label), ['ECS agent', 'Docker', 'CPU', 'Memory']);
      assert.equal(rows[0].description, `${ci.versionInfo!.agentVersion} · connected`);
      assert.equal(rows[1].description, ci.versionInfo!.dockerVersion!.replace('DockerVersion: ', ''));
      for (const [row, name, unit] of [[rows[2], 'CPU', 'units'], [rows[3], 'MEMORY', 'MiB']] as const) {
        const m = new RegExp(`^(\\d+) of (\\d+) ${unit} remaining \\((\\d+) reserved\\)$`).exec(row.description ?? '');
        assert.ok(m, `${name}: ${row.description}`);
        assert.equal(Number(m[2]), amount(ci.registeredResources, name));
        assert.ok(Number(m[1]) <= Number(m[2]) && Number(m[1]) + Number(m[3]) === Number(m[2]), `${name}: ${row.description}`);
      }
    }
    // The seed's two instances run different agents (one not yet updated): the rows show what each reports.
    assert.deepEqual(new Set(described.map((ci) => ci.versionInfo?.agentVersion)), new Set(['1.89.0', '1.86.3']));
    // Tasks run on staging's instances: what they reserve is shown, not the registered amounts twice.
    const reserved = described.reduce((n, ci) => n + (amount(ci.registeredResources, 'CPU')! - amount(ci.remainingResources, 'CPU')!), 0);
    assert.ok(reserved > 0, 'staging\'s tasks reserve CPU on its instances');
  });

  test('showMetrics draws CPU and memory (average and maximum) for a service', async () => {
    const result = await vscode.commands.executeCommand<{ series: { metric: string; stat: string; points: number }[] }>('ecsWorkbench.showMetrics', { cluster: 'production', service: 'web', range: '1h' });
    const names = result.series.map((s) => `${s.metric}/${s.stat}`);
    for (const n of ['CPUUtilization/Average', 'CPUUtilization/Maximum', 'MemoryUtilization/Average', 'MemoryUtilization/Maximum', 'RunningTaskCount/Average']) assert.ok(names.includes(n), names.join(', '));
    const cpu = result.series.find((s) => s.metric === 'CPUUtilization' && s.stat === 'Average')!;
    assert.ok(cpu.points > 0 && cpu.points <= 61, `points: ${cpu.points}`);
    await closeAll();
  });
});
