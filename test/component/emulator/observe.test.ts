// CloudWatch Logs and CloudWatch metrics served by the emulator, through the real SDK clients over HTTP.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as cw from '@aws-sdk/client-cloudwatch';
import { NET, rejectsWith, useTestEmulator } from './harness';

describe('emulator: CloudWatch Logs and metrics through the SDK', function () {
  const t = useTestEmulator({}, { resetEachTest: true });
  let logsClient: logs.CloudWatchLogsClient;
  let cwClient: cw.CloudWatchClient;
  before(() => {
    const config = { endpoint: t.running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    logsClient = new logs.CloudWatchLogsClient(config);
    cwClient = new cw.CloudWatchClient(config);
  });
  after(() => {
    logsClient.destroy();
    cwClient.destroy();
  });

  const awslogs = (prefix?: string) => ({ logDriver: 'awslogs' as const, options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1', ...(prefix ? { 'awslogs-stream-prefix': prefix } : {}) } });

  async function runTask(containerDefinitions: ecs.ContainerDefinition[], image?: string): Promise<string> {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({
      family: 'app', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions,
    }));
    if (image) await t.control.markImageCrashing(image);
    const run = await t.ecs.send(new ecs.RunTaskCommand({ cluster: 'c', taskDefinition: 'app', launchType: 'FARGATE', networkConfiguration: NET }));
    return run.tasks![0].taskArn!.split('/').at(-1)!;
  }

  it('writes a task\'s start line under the awslogs stream name prefix/container/taskId, and takes PutLogEvents there', async () => {
    const taskId = await runTask([{ name: 'web', image: 'nginx:1', essential: true, portMappings: [{ containerPort: 80 }], logConfiguration: awslogs('svc') }]);
    await t.control.advance(60_000);
    const stream = `svc/web/${taskId}`;
    const described = await logsClient.send(new logs.DescribeLogStreamsCommand({ logGroupName: '/ecs/app' }));
    assert.deepEqual(described.logStreams?.map((s) => s.logStreamName), [stream]);
    const now = await t.control.now();
    await logsClient.send(new logs.PutLogEventsCommand({ logGroupName: '/ecs/app', logStreamName: stream, logEvents: [{ timestamp: now, message: 'hello from the test' }] }));
    const got = await logsClient.send(new logs.GetLogEventsCommand({ logGroupName: '/ecs/app', logStreamName: stream, startFromHead: true }));
    const messages = got.events!.map((e) => e.message);
    assert.match(messages[0]!, /Starting web \(nginx:1\)/);
    assert.equal(messages.at(-1), 'hello from the test');
    assert.match(got.nextForwardToken!, /^f\//);
  });

  it('writes the last words of a crashing image before its exit code 1', async () => {
    const taskId = await runTask([{ name: 'app', image: 'crashy:1', essential: true, logConfiguration: awslogs('p') }], 'crashy:1');
    await t.control.advance(120_000);
    const task = (await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: [taskId] }))).tasks![0];
    assert.equal(task.containers![0].exitCode, 1);
    const got = await logsClient.send(new logs.GetLogEventsCommand({ logGroupName: '/ecs/app', logStreamName: `p/app/${taskId}` }));
    assert.ok(got.events!.some((e) => e.message!.startsWith('Error: ')), JSON.stringify(got.events));
  });

  it('routes FireLens cloudwatch output to prefix + container-firelens-taskId; no stream without a prefix', async () => {
    const taskId = await runTask([
      { name: 'log_router', image: 'amazon/aws-for-fluent-bit:stable', essential: true, firelensConfiguration: { type: 'fluentbit' } },
      { name: 'app', image: 'nginx:1', essential: true, logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch', region: 'us-east-1', log_group_name: '/fl/app', log_stream_prefix: 'fl-' } } },
      { name: 'side', image: 'nginx:1', essential: false, logConfiguration: awslogs() },
    ]);
    await t.control.advance(60_000);
    const streams = await logsClient.send(new logs.DescribeLogStreamsCommand({ logGroupName: '/fl/app' }));
    assert.deepEqual(streams.logStreams?.map((s) => s.logStreamName), [`fl-app-firelens-${taskId}`]);
    await rejectsWith(logsClient.send(new logs.DescribeLogStreamsCommand({ logGroupName: '/ecs/app' })), 'ResourceNotFoundException', /log group does not exist/);
  });

  it('filters with simple patterns and pages with nextToken across streams in time order', async () => {
    await logsClient.send(new logs.CreateLogGroupCommand({ logGroupName: 'g' }));
    await logsClient.send(new logs.CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'a' }));
    await logsClient.send(new logs.CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'b' }));
    const now = await t.control.now();
    await logsClient.send(new logs.PutLogEventsCommand({ logGroupName: 'g', logStreamName: 'a', logEvents: [{ timestamp: now, message: 'ERROR disk full' }, { timestamp: now + 2, message: 'INFO ok' }] }));
    await logsClient.send(new logs.PutLogEventsCommand({ logGroupName: 'g', logStreamName: 'b', logEvents: [{ timestamp: now + 1, message: 'WARN slow "db"' }, { timestamp: now + 3, message: '{"level":"error","code":5}' }] }));
    const filter = async (filterPattern: string, limit?: number, nextToken?: string) =>
      logsClient.send(new logs.FilterLogEventsCommand({ logGroupName: 'g', filterPattern, limit, nextToken }));
    assert.deepEqual((await filter('ERROR')).events!.map((e) => e.message), ['ERROR disk full']);
    assert.deepEqual((await filter('?ERROR ?WARN')).events!.map((e) => e.logStreamName), ['a', 'b']);
    assert.deepEqual((await filter('"slow \\"db\\""')).events!.map((e) => e.message), ['WARN slow "db"']);
    assert.deepEqual((await filter('{ $.level = "error" }')).events!.map((e) => e.message), ['{"level":"error","code":5}']);
    assert.equal((await filter('INFO -ok')).events!.length, 0);
    const first = await filter('', 3);
    assert.equal(first.events!.length, 3);
    const second = await filter('', 3, first.nextToken);
    assert.deepEqual(second.events!.map((e) => e.message), ['{"level":"error","code":5}']);
    assert.equal(second.nextToken, undefined);
    await rejectsWith(logsClient.send(new logs.PutLogEventsCommand({ logGroupName: 'g', logStreamName: 'a', logEvents: [{ timestamp: now + 9, message: 'x' }, { timestamp: now, message: 'y' }] })), 'InvalidParameterException', /chronological/);
  });

  it('injects faults into the Logs and CloudWatch operations', async () => {
    await t.control.injectFault({ operation: 'FilterLogEvents', kind: 'accessDenied', count: 1 });
    await logsClient.send(new logs.CreateLogGroupCommand({ logGroupName: 'g' }));
    await rejectsWith(logsClient.send(new logs.FilterLogEventsCommand({ logGroupName: 'g' })), 'AccessDeniedException', /logs:FilterLogEvents/);
    await t.control.injectFault({ operation: 'GetMetricData', kind: 'throttle', count: 1 });
    await assert.rejects(cwClient.send(new cw.GetMetricDataCommand({ StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date(), MetricDataQueries: [{ Id: 'a', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization' }, Period: 60, Stat: 'Average' } }] })), /Rate exceeded/);
  });

  it('lists ECS metrics and answers GetMetricData with utilization while tasks run', async () => {
    await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c', settings: [{ name: 'containerInsights', value: 'enabled' }] }));
    await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'app', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx:1', essential: true }] }));
    await t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: 'web', taskDefinition: 'app', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: NET }));
    const end = await t.control.advance(30 * 60_000);
    const listed = await cwClient.send(new cw.ListMetricsCommand({ Dimensions: [{ Name: 'ServiceName', Value: 'web' }] }));
    assert.deepEqual(listed.Metrics!.map((m) => `${m.Namespace} ${m.MetricName}`).sort(), [
      'AWS/ECS CPUUtilization', 'AWS/ECS MemoryUtilization', 'ECS/ContainerInsights NetworkRxBytes', 'ECS/ContainerInsights NetworkTxBytes', 'ECS/ContainerInsights RunningTaskCount',
    ]);
    const dims = [{ Name: 'ClusterName', Value: 'c' }, { Name: 'ServiceName', Value: 'web' }];
    const data = await cwClient.send(new cw.GetMetricDataCommand({
      StartTime: new Date(end - 20 * 60_000), EndTime: new Date(end), ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        { Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims }, Period: 60, Stat: 'Average' } },
        { Id: 'tasks', MetricStat: { Metric: { Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount', Dimensions: dims }, Period: 60, Stat: 'Average' } },
      ],
    }));
    const [cpu, tasks] = data.MetricDataResults!;
    assert.equal(cpu.Values!.length, 20);
    assert.ok(cpu.Values!.every((v) => v > 0 && v <= 100));
    assert.ok(cpu.Timestamps![0] instanceof Date && cpu.Timestamps![0].getTime() < cpu.Timestamps![1].getTime());
    assert.deepEqual(new Set(tasks.Values), new Set([2]));
  });
});
